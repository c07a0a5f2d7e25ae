"""Matching events and registrations in the admin, to look at only: organising, registering and
cancelling go through the services (/evenementen/organiseren/, the event pages), which keep the
capacity, the waiting list, the schedule and the calendars' sequence numbers right."""

from django.contrib import admin

from marketplace.admin_pipeline import ViewOnly as ReadOnlyAdmin

from .models import MatchingEvent, Registration


class RegistrationInline(ReadOnlyAdmin, admin.TabularInline):
    model = Registration
    extra = 0
    raw_id_fields = ("user", "employer")
    fields = ("user", "employer", "status", "reminded_at", "waitlist_reminded_at", "outcome")
    readonly_fields = ("reminded_at", "waitlist_reminded_at")


@admin.register(MatchingEvent)
class MatchingEventAdmin(ReadOnlyAdmin, admin.ModelAdmin):
    list_display = (
        "title", "kind", "starts_at", "place", "capacity", "capacity_employers", "status",
    )  # fmt: skip
    list_filter = ("kind", "status", "region")
    search_fields = ("title", "place__name")
    date_hierarchy = "starts_at"
    raw_id_fields = ("place", "organiser")
    filter_horizontal = ("sectors", "employers")
    inlines = [RegistrationInline]


@admin.register(Registration)
class RegistrationAdmin(ReadOnlyAdmin, admin.ModelAdmin):
    list_display = ("event", "user", "employer", "status", "created_at")
    list_filter = ("status",)
    search_fields = ("event__title", "user__email", "employer__name")
    raw_id_fields = ("event", "user", "employer", "checked_in_by")
    filter_horizontal = ("wanted_employers", "wanted_sectors")
