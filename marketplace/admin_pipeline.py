"""Admin for matches and placements: it shows the pipeline's state but never moves it.

View-only for everyone (case data of young people): the pipeline's pages and services are the
way to change a match or a placement. The rule-checked add form below stays as a guard should
adding ever be opened again.

A match moves only through the services (`services.matches`), which ask the engine's hard
rules; so here its status, version and pair are read-only and a new match is made by
`match_propose`. A placement comes only from the pipeline's "geplaatst" step (which takes the
place, checks the first working day and plans the check-ins), so none is added here and its
match, first day and status stay as the pipeline set them; the timeline is a record, read-only.
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
    # Consent to be named is the student's own choice; how a match came about is history.
    "student_shares_profile",
    "source",
    "proposed_by",
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
    can_delete = False
    fields = ("at", "actor", "from_status", "to_status", "kind", "note")
    readonly_fields = fields

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False


class ViewOnly:
    """Shown, never added, changed or deleted here, for everyone (the superuser too): the access
    log and the consent history are records; a young person's case data (and events) change only
    through the pages and services, which check the rules and log who did what. The admin is
    technical."""

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


class MatchAdmin(ViewOnly, admin.ModelAdmin):
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


class CheckInInline(ViewOnly, admin.TabularInline):
    model = m.CheckIn
    extra = 0
    raw_id_fields = ("assigned_to",)
    # Who did a check-in and when is recorded by the workspace; as a form field the empty
    # done_by of a planned check-in was required, so no placement could be saved here.
    readonly_fields = ("done_at", "done_by")


class PlacementAdmin(ViewOnly, admin.ModelAdmin):
    list_display = ("match", "start_date", "status")
    list_filter = ("status",)
    search_fields = ("match__student__user__email",)
    raw_id_fields = ("match",)
    inlines = [CheckInInline]

    readonly_fields = ("match", "start_date", "status")


def register(site: admin.AdminSite) -> None:
    site.register(m.Match, MatchAdmin)
    site.register(m.Placement, PlacementAdmin)
