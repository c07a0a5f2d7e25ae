"""Admin for toolkit content, edited by the regional coordinator."""

from django.contrib import admin

from .models import Regulation, ToolkitItem


@admin.register(ToolkitItem)
class ToolkitItemAdmin(admin.ModelAdmin):
    list_display = ("title", "audience", "category", "published", "updated_at")
    list_filter = ("audience", "published", "category")
    search_fields = ("title", "summary", "body")
    prepopulated_fields = {"slug": ("title",)}


@admin.register(Regulation)
class RegulationAdmin(admin.ModelAdmin):
    list_display = ("name", "provider", "valid_from", "valid_to")
    search_fields = ("name", "provider", "summary")
    prepopulated_fields = {"slug": ("name",)}
