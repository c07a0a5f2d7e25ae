"""Admin for employers, their locations, recognitions and openings."""

from django.contrib import admin

from .models import Employer, EmployerLocation, Opening, Recognition


class LocationInline(admin.TabularInline):
    model = EmployerLocation
    extra = 0
    autocomplete_fields = ("place",)


class RecognitionInline(admin.TabularInline):
    model = Recognition
    extra = 0
    autocomplete_fields = ("qualification",)


@admin.register(Employer)
class EmployerAdmin(admin.ModelAdmin):
    list_display = ("name", "kvk_number", "sector", "region", "accountmanager")
    list_filter = ("sector", "region")
    search_fields = ("name", "kvk_number")
    raw_id_fields = ("accountmanager",)
    inlines = [LocationInline, RecognitionInline]


@admin.register(EmployerLocation)
class EmployerLocationAdmin(admin.ModelAdmin):
    list_display = ("name", "employer", "place")
    search_fields = ("name", "employer__name", "place__name")
    autocomplete_fields = ("employer", "place")


@admin.register(Recognition)
class RecognitionAdmin(admin.ModelAdmin):
    list_display = ("employer", "qualification", "valid_from", "valid_to")
    list_filter = ("qualification__sector",)
    search_fields = ("employer__name", "qualification__crebo", "qualification__name")
    autocomplete_fields = ("employer", "qualification")


@admin.register(Opening)
class OpeningAdmin(admin.ModelAdmin):
    list_display = ("title", "employer", "kind", "status", "start_date", "places", "places_filled")
    list_filter = ("status", "kind", "sector", "night_work")
    search_fields = ("title", "employer__name")
    date_hierarchy = "start_date"
    autocomplete_fields = ("employer", "location", "sector")
    raw_id_fields = ("created_by",)
    filter_horizontal = (
        "accepted_qualifications",
        "werkprocessen",
        "required_competencies",
        "nice_competencies",
        "required_certificates",
    )

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        from marketplace.services.suggestions import suggestions_enqueue_for_opening

        suggestions_enqueue_for_opening(form.instance.pk)
