"""Filters and orderings of the mediators' API lists: the caseload and the match board.

The caseload's own filters (a name, "only" these young people) are those of the caseload page
and are applied by its selector (`selectors.caseload`), so page and API list the same students.
Every ordering ends on the id, and its first key is never empty: the cursor pagination pages
on that first key.
"""

import datetime

import django_filters
from django.db.models import DateField, Exists, F, OuterRef, Value
from django.db.models.functions import Coalesce
from django.utils.translation import gettext_lazy as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field

from marketplace.forms import BoundedIntegerField
from marketplace.models import Match, MatchStatus, StudentProfile

from . import selectors

# Stands in for "no deadline" or "no date" in an ordering key: such rows come last.
NO_DATE = datetime.date(9999, 12, 31)

CASELOAD_ORDERINGS = {
    "deadline": ("deadline_key", "last_name_key", "id"),
    "-deadline": ("-deadline_key", "-last_name_key", "-id"),
    "name": ("last_name_key", "deadline_key", "id"),
    "-name": ("-last_name_key", "-deadline_key", "-id"),
}
MATCH_ORDERINGS = {
    "next_action_due": ("due_key", "-updated_at", "id"),
    "-next_action_due": ("-due_key", "updated_at", "-id"),
    "updated": ("updated_at", "id"),
    "-updated": ("-updated_at", "-id"),
}

ONLY_CHOICES = (
    ("zoekend", _("Met een open zoekvraag")),
    ("geplaatst", _("Met een plek")),
    ("escalatie", _("Met een escalatie")),
)


@extend_schema_field(OpenApiTypes.INT)
class IdFilter(django_filters.Filter):
    """A record's id in the query string: a whole number from 1, refused (400) before any
    query."""

    field_class = BoundedIntegerField

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("min_value", 1)
        super().__init__(*args, **kwargs)


def _ordering_choices(orderings: dict) -> list[tuple[str, str]]:
    return [(key, key) for key in orderings]


class CaseloadFilter(django_filters.FilterSet):
    """The caseload as on the page (`q`, `only`), with a deadline, a match's stage and an
    order on top."""

    q = django_filters.CharFilter(
        method="_applied_by_selector",
        max_length=80,
        help_text=_("Zoek op voornaam of achternaam."),
    )
    only = django_filters.ChoiceFilter(
        method="_applied_by_selector",
        choices=ONLY_CHOICES,
        help_text=_("Alleen jongeren met een open zoekvraag, met een plek of met een escalatie."),
    )
    deadline_before = django_filters.DateFilter(
        field_name="next_deadline",
        lookup_expr="lte",
        help_text=_("Alleen jongeren met een open zoekvraag die uiterlijk op deze dag afloopt."),
    )
    stage = django_filters.ChoiceFilter(
        method="_with_match_in_stage",
        choices=MatchStatus.choices,
        help_text=_("Alleen jongeren met een match in deze stap."),
    )
    ordering = django_filters.ChoiceFilter(
        method="_ordered_by_pagination",
        choices=_ordering_choices(CASELOAD_ORDERINGS),
        help_text=_("Volgorde: eerste deadline (standaard) of naam; met een min ervoor omgekeerd."),
    )

    class Meta:
        model = StudentProfile
        fields: list[str] = []

    def filter_queryset(self, queryset):
        data = self.form.cleaned_data
        queryset = selectors.caseload(
            self.request.user, q=data.get("q") or "", only=data.get("only") or ""
        ).annotate(
            deadline_key=Coalesce("next_deadline", Value(NO_DATE), output_field=DateField()),
            last_name_key=F("user__last_name"),
        )
        return super().filter_queryset(queryset)

    def _applied_by_selector(self, queryset, name, value):
        return queryset

    def _with_match_in_stage(self, queryset, name, value):
        in_stage = Match.objects.filter(student=OuterRef("pk"), status=value)
        return queryset.filter(Exists(in_stage))

    def _ordered_by_pagination(self, queryset, name, value):
        return queryset


class MatchBoardFilter(django_filters.FilterSet):
    """The matches of my young people, like the board: by state, by student, by next step."""

    status = django_filters.MultipleChoiceFilter(
        choices=MatchStatus.choices, help_text=_("Een of meer stappen (standaard: alle).")
    )
    student = IdFilter(field_name="student_id", help_text=_("Eén jongere."))
    next_action_due_before = django_filters.DateFilter(
        field_name="next_action_due",
        lookup_expr="lte",
        help_text=_("Alleen matches met een volgende stap uiterlijk op deze dag."),
    )
    ordering = django_filters.ChoiceFilter(
        method="_ordered_by_pagination",
        choices=_ordering_choices(MATCH_ORDERINGS),
        help_text=_("Volgorde: volgende stap (standaard) of laatste wijziging."),
    )

    class Meta:
        model = Match
        fields: list[str] = []

    def filter_queryset(self, queryset):
        queryset = queryset.annotate(
            due_key=Coalesce("next_action_due", Value(NO_DATE), output_field=DateField())
        )
        return super().filter_queryset(queryset)

    def _ordered_by_pagination(self, queryset, name, value):
        return queryset
