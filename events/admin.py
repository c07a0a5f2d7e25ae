"""Admin for matching events and registrations."""

from django.contrib import admin

from .models import MatchingEvent, Registration


class RegistrationInline(admin.TabularInline):
    model = Registration
    extra = 0
    raw_id_fields = ("user",)


@admin.register(MatchingEvent)
class MatchingEventAdmin(admin.ModelAdmin):
    list_display = ("title", "kind", "starts_at", "place", "capacity", "status")
    list_filter = ("kind", "status", "region")
    search_fields = ("title", "place__name")
    date_hierarchy = "starts_at"
    raw_id_fields = ("place", "organiser")
    filter_horizontal = ("sectors", "employers")
    inlines = [RegistrationInline]


@admin.register(Registration)
class RegistrationAdmin(admin.ModelAdmin):
    list_display = ("event", "user", "status", "created_at")
    list_filter = ("status",)
    search_fields = ("event__title", "user__email")
    raw_id_fields = ("event", "user")
