"""Admin for toolkit content, edited by the regional coordinator."""

from django.contrib import admin

from .models import Regulation, RegulationYear, ToolkitItem


@admin.register(ToolkitItem)
class ToolkitItemAdmin(admin.ModelAdmin):
    list_display = ("title", "audience", "category", "published", "updated_at")
    list_filter = ("audience", "published", "category")
    search_fields = ("title", "summary", "body")
    prepopulated_fields = {"slug": ("title",)}


class RegulationYearInline(admin.TabularInline):
    """The figures per year: the hire checker reads them; a year without a row has no amounts."""

    model = RegulationYear
    extra = 1


@admin.register(Regulation)
class RegulationAdmin(admin.ModelAdmin):
    inlines = [RegulationYearInline]
    list_display = ("name", "code", "provider", "checked_on")
    search_fields = ("name", "provider", "summary")
    prepopulated_fields = {"slug": ("name",)}
