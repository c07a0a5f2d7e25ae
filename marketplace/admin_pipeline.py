"""Admin for matches and placements: it shows the pipeline's state but never moves it.

A match moves only through the services (`services.matches`), which ask the engine's hard
rules; so here its status, version and pair are read-only, a new match is made by
`match_propose` and a new placement is refused when its pair breaks a hard rule.
"""

from django import forms
from django.contrib import admin

from . import models as m
from .permissions import matches_visible_to
from .services.matches import match_propose
from .services.rules import pair_allowed

PIPELINE_FIELDS = (
    "status",
    "version",
    "engine_version",
    "score",
    "score_snapshot",
    "student_response",
    "employer_response",
)


class NewMatchForm(forms.ModelForm):
    """The pair of a new match; the engine's hard rules are asked before anything is saved."""

    class Meta:
        model = m.Match
        fields = ("student", "opening")

    def clean(self):
        data = super().clean()
        if data.get("student") and data.get("opening"):
            pair_allowed(data["student"], data["opening"])
        return data


class TimelineInline(admin.TabularInline):
    model = m.TimelineEntry
    extra = 0
    raw_id_fields = ("actor",)


class MatchAdmin(admin.ModelAdmin):
    list_display = ("student", "opening", "status", "score", "updated_at")
    list_filter = ("status",)
    search_fields = ("student__user__email", "student__user__last_name", "opening__title")
    raw_id_fields = ("student", "opening", "search_request", "proposed_by")

    def get_queryset(self, request):
        qs = super().get_queryset(request)
        return (
            qs if request.user.is_superuser else qs.filter(pk__in=matches_visible_to(request.user))
        )

    def get_form(self, request, obj=None, change=False, **kwargs):
        if obj is None:
            kwargs["form"] = NewMatchForm
        return super().get_form(request, obj, change=change, **kwargs)

    def get_fields(self, request, obj=None):
        return ("student", "opening") if obj is None else super().get_fields(request, obj)

    def get_readonly_fields(self, request, obj=None):
        return () if obj is None else ("student", "opening", *PIPELINE_FIELDS)

    def get_inlines(self, request, obj):
        return [] if obj is None else [TimelineInline]

    def save_model(self, request, obj, form, change):
        if change:
            return super().save_model(request, obj, form, change)
        created = match_propose(proposer=request.user, student=obj.student, opening=obj.opening)
        obj.pk = created.pk
        obj.refresh_from_db()
        return None


class NewPlacementForm(forms.ModelForm):
    class Meta:
        model = m.Placement
        fields = ("match", "start_date", "end_date", "status", "outcome_reason", "outcome_at")

    def clean(self):
        data = super().clean()
        match = data.get("match")
        if match is not None and self.instance.pk is None:
            pair_allowed(match.student, match.opening)
        return data


class CheckInInline(admin.TabularInline):
    model = m.CheckIn
    extra = 0
    raw_id_fields = ("assigned_to", "done_by")


class PlacementAdmin(admin.ModelAdmin):
    form = NewPlacementForm
    list_display = ("match", "start_date", "status")
    list_filter = ("status",)
    search_fields = ("match__student__user__email",)
    raw_id_fields = ("match",)
    inlines = [CheckInInline]

    def get_readonly_fields(self, request, obj=None):
        return () if obj is None else ("match",)


def register(site: admin.AdminSite) -> None:
    site.register(m.Match, MatchAdmin)
    site.register(m.Placement, PlacementAdmin)
