"""Admin for the shared vocabulary."""

from django.contrib import admin

from .models import Certificate, Competency, Place, Qualification, Sector, Werkproces


class WerkprocesInline(admin.TabularInline):
    model = Werkproces
    extra = 0


@admin.register(Sector)
class SectorAdmin(admin.ModelAdmin):
    list_display = ("name", "code", "pictogram")
    search_fields = ("name", "code")


@admin.register(Qualification)
class QualificationAdmin(admin.ModelAdmin):
    list_display = ("name", "crebo", "level", "sector")
    list_filter = ("level", "sector")
    search_fields = ("name", "crebo")
    inlines = [WerkprocesInline]


@admin.register(Werkproces)
class WerkprocesAdmin(admin.ModelAdmin):
    list_display = ("code", "name", "qualification")
    search_fields = ("code", "name", "qualification__name", "qualification__crebo")
    autocomplete_fields = ("qualification",)


@admin.register(Competency)
class CompetencyAdmin(admin.ModelAdmin):
    list_display = ("name", "category", "sector", "pictogram")
    list_filter = ("category", "sector")
    search_fields = ("name",)


@admin.register(Certificate)
class CertificateAdmin(admin.ModelAdmin):
    list_display = ("name",)
    search_fields = ("name",)


@admin.register(Place)
class PlaceAdmin(admin.ModelAdmin):
    list_display = ("name", "province", "latitude", "longitude", "geonameid")
    list_filter = ("province",)
    search_fields = ("name",)
