"""The monitoring dashboard's figures: the funnel, time to placement, escalations, outcomes after
school and breakdowns, computed by the database (conditional aggregation, one query per block).

Every figure counts young people of a scope (a region or a school) and is shown only when its
group holds at least `MIN_GROUP` of them, so nobody can be recognised. What each number counts
is spelled out for users on the page ("Hoe tellen we?") and in the docstrings below.
"""

import datetime
import math
from dataclasses import dataclass, field

from django.db.models import (
    Case,
    CharField,
    Count,
    DurationField,
    Exists,
    ExpressionWrapper,
    F,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
    Value,
    When,
)
from django.db.models.lookups import LessThan, LessThanOrEqual
from django.utils import timezone

from marketplace.models import (
    ActionItem,
    Escalation,
    Match,
    MatchStatus,
    Placement,
    SearchRequest,
    StudentProfile,
)
from marketplace.permissions import MonitoringScope

MIN_GROUP = 5  # groups smaller than this are not shown
# Months of "still in place", counted in days so the database can compare them exactly.
RETENTION_DAYS = {3: 91, 6: 182, 12: 365}
# The escalation queue's response time (mediation's RESPONSE_DAYS; features do not import each
# other, so it is repeated here; keep the two equal).
RESPONSE_TIME = datetime.timedelta(days=2)
S = MatchStatus
# Reached only after both sides said yes (or a mediator moved the match on after both did).
BOTH_INTERESTED_STATES = (S.KENNISMAKING, S.AANBOD, S.GEPLAATST, S.GESTART)
BREAKDOWNS = ("onderwijs", "niveau", "leerweg", "sector", "school", "regio")


@dataclass(frozen=True)
class Filters:
    """The period and the filters the user chose (validated by the form)."""

    date_from: datetime.date
    date_to: datetime.date
    sector_id: int | None = None
    level: int | None = None
    leerweg: str | None = None
    education: str | None = None  # pro, vso or mbo1 to mbo4 (monitoring_forms.EDUCATION)

    @property
    def start(self) -> datetime.datetime:
        return _midnight(self.date_from)

    @property
    def end(self) -> datetime.datetime:  # exclusive: the day after `date_to`
        return _midnight(self.date_to + datetime.timedelta(days=1))


def _midnight(day: datetime.date) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time.min))


def school_year(today: datetime.date | None = None) -> tuple[datetime.date, datetime.date]:
    """The school year around `today`: 1 August to 31 July."""
    today = today or timezone.localdate()
    first = today.year if today.month >= 8 else today.year - 1
    return datetime.date(first, 8, 1), datetime.date(first + 1, 7, 31)


# --- the population: students of the scope that pass the filters --------------------------------


def _education_q(education: str, prefix: str) -> Q:
    if education in ("pro", "vso"):
        return Q(**{f"{prefix}education_type": education})
    return Q(**{f"{prefix}education_type": "mbo", f"{prefix}level": int(education[-1])})


def students_q(scope: MonitoringScope, filters: Filters, prefix: str = "student__") -> Q:
    """Students in the scope who pass the filters on level, leerweg and education type."""
    q = scope.students_q(prefix)
    if filters.level is not None:
        q &= Q(**{f"{prefix}level": filters.level})
    if filters.leerweg is not None:
        q &= Q(**{f"{prefix}leerweg": filters.leerweg})
    if filters.education:
        q &= _education_q(filters.education, prefix)
    return q


def _searches(scope: MonitoringScope, filters: Filters) -> QuerySet[SearchRequest]:
    qs = SearchRequest.objects.filter(
        students_q(scope, filters), created_at__gte=filters.start, created_at__lt=filters.end
    )
    if filters.sector_id is not None:
        qs = qs.filter(sector_id=filters.sector_id)
    return qs


def _in_cohort(filters: Filters, student_ref: str = "student_id") -> Exists:
    """The student made a search request in the period (the funnel's cohort)."""
    return Exists(
        SearchRequest.objects.filter(
            student_id=OuterRef(student_ref),
            created_at__gte=filters.start,
            created_at__lt=filters.end,
        )
    )


def _cohort_matches(scope: MonitoringScope, filters: Filters) -> QuerySet[Match]:
    """Matches of the cohort made from the start of the period on."""
    qs = Match.objects.filter(
        students_q(scope, filters), _in_cohort(filters), created_at__gte=filters.start
    )
    if filters.sector_id is not None:
        qs = qs.filter(opening__sector_id=filters.sector_id)
    return qs


# --- the funnel -------------------------------------------------------------------------------


def _duration(end: str, start: str) -> ExpressionWrapper:
    return ExpressionWrapper(F(end) - F(start), output_field=DurationField())


def _started_q(today: datetime.date) -> Q:
    """The placement's first day has come and it was not withdrawn before it (a withdrawn
    placement's match ends as 'ingetrokken'; a started one can no longer be withdrawn)."""
    return Q(placement__start_date__lte=today) & ~Q(status=S.INGETROKKEN)


def _retained_q(today: datetime.date, days: int) -> tuple[Q, Q]:
    """(started at least `days` ago, and did not drop out within `days`): a drop-out is a
    placement ended as 'uitgevallen'; its last day is `end_date` (none recorded: day one)."""
    eligible = _started_q(today) & Q(placement__start_date__lte=today - datetime.timedelta(days))
    lasted = _duration("placement__end_date", "placement__start_date")
    dropped = Q(placement__status=Placement.Status.UITGEVALLEN) & (
        Q(placement__end_date__isnull=True) | Q(LessThan(lasted, datetime.timedelta(days)))
    )
    return eligible, eligible & ~dropped


def _student_count(condition: Q | None = None) -> Count:
    return Count("student_id", distinct=True, filter=condition)


def funnel_aggregates(today: datetime.date) -> dict[str, Count]:
    """The steps after searching, each a count of distinct students (one query with filters)."""
    both = Q(student_response=Match.Response.YES, employer_response=Match.Response.YES)
    aggregates = {
        "proposed": _student_count(),
        "interested": _student_count(both | Q(status__in=BOTH_INTERESTED_STATES)),
        "placed": _student_count(Q(placement__isnull=False)),
        "started": _student_count(_started_q(today)),
    }
    for months, days in RETENTION_DAYS.items():
        eligible, kept = _retained_q(today, days)
        aggregates[f"eligible_{months}"] = _student_count(eligible)
        aggregates[f"kept_{months}"] = _student_count(kept)
    return aggregates


FUNNEL_KEYS = ("searching", "proposed", "interested", "placed", "started", *(
    f"kept_{m}" for m in RETENTION_DAYS
))  # fmt: skip


def funnel(scope: MonitoringScope, filters: Filters, today: datetime.date) -> dict[str, int]:
    """Searching (a search request made in the period) → proposed (a match) → both interested
    → placed → started → still in place after 3, 6 and 12 months. Two queries."""
    searching = _searches(scope, filters).aggregate(n=_student_count())["n"]
    steps = _cohort_matches(scope, filters).aggregate(**funnel_aggregates(today))
    return {"searching": searching, **steps}


# --- percentiles, computed by the database ---------------------------------------------------


def sorted_values(qs: QuerySet, field_name: str) -> list:
    """One column, sorted by the database (one query), for percentiles of a block."""
    return list(qs.order_by(field_name).values_list(field_name, flat=True))


def nearest_rank(values: list, share: float):
    """The nearest-rank percentile of sorted values: the value at place ceil(share × n)
    (None without values)."""
    if not values:
        return None
    return values[max(math.ceil(share * len(values)), 1) - 1]


def _days(value: datetime.timedelta | None) -> float | None:
    return None if value is None else round(value.total_seconds() / 86400, 1)


def time_to_placement(scope: MonitoringScope, filters: Filters) -> dict:
    """Days from the student's first search request in the period to the placement (the day
    the match was set to 'geplaatst'), per placement of the cohort: count, median and p75."""
    first_search = SearchRequest.objects.filter(
        student_id=OuterRef("match__student_id"),
        created_at__gte=filters.start,
        created_at__lt=filters.end,
    ).order_by("created_at")
    qs = (
        Placement.objects.filter(
            match__in=_cohort_matches(scope, filters).values("pk"),
        )
        .annotate(first_search=Subquery(first_search.values("created_at")[:1]))
        .filter(created_at__gte=F("first_search"))
        .annotate(wait=_duration("created_at", "first_search"))
    )
    waits = sorted_values(qs, "wait")
    return {
        "n": len(waits),
        "median": _days(nearest_rank(waits, 0.5)),
        "p75": _days(nearest_rank(waits, 0.75)),
    }


# --- escalations ------------------------------------------------------------------------------


def escalations(scope: MonitoringScope, filters: Filters) -> dict:
    """Escalations opened in the period: how many, resolved ('opgelost'), answered (a first
    response), answered within the response time, and the median response time in hours."""
    qs = Escalation.objects.filter(
        students_q(scope, filters), opened_at__gte=filters.start, opened_at__lt=filters.end
    ).annotate(response=_duration("first_response_at", "opened_at"))
    answered = Q(first_response_at__isnull=False)
    totals = qs.aggregate(
        opened=Count("pk"),
        resolved=Count("pk", filter=Q(status=Escalation.Status.OPGELOST)),
        answered=Count("pk", filter=answered),
        in_time=Count("pk", filter=answered & Q(LessThanOrEqual(F("response"), RESPONSE_TIME))),
    )
    median = nearest_rank(sorted_values(qs.filter(answered), "response"), 0.5)
    totals["median_hours"] = None if median is None else round(median.total_seconds() / 3600, 1)
    return totals


# --- outcomes after school ----------------------------------------------------------------------


def outcomes(scope: MonitoringScope, filters: Filters) -> dict:
    """The advies recorded in the period (arbeid or doorstroom), and the contacts about 18
    weeks after the diploma due in the period: planned and done. Two queries."""
    advies = StudentProfile.objects.filter(
        students_q(scope, filters, prefix=""),
        advies_date__gte=filters.date_from,
        advies_date__lte=filters.date_to,
    ).aggregate(
        arbeid=Count("pk", filter=Q(advies=StudentProfile.Advies.ARBEID)),
        doorstroom=Count("pk", filter=Q(advies=StudentProfile.Advies.DOORSTROOM)),
    )
    contacts = ActionItem.objects.filter(
        students_q(scope, filters),
        kind=ActionItem.Kind.CONTACT_AFTER_DIPLOMA,
        due_date__gte=filters.date_from,
        due_date__lte=filters.date_to,
    ).aggregate(planned=Count("pk"), done=Count("pk", filter=Q(done_at__isnull=False)))
    return {**advies, "contact_planned": contacts["planned"], "contact_done": contacts["done"]}


# --- breakdowns -----------------------------------------------------------------------------------


def _education_case(prefix: str = "student__") -> Case:
    mbo = [
        When(
            **{f"{prefix}education_type": "mbo", f"{prefix}level": level}, then=Value(f"mbo{level}")
        )
        for level in (1, 2, 3, 4)
    ]
    return Case(*mbo, default=F(f"{prefix}education_type"), output_field=CharField())


def _group_fields(by: str, on_match: bool) -> dict:
    """The grouping key and its label for a breakdown (sector: the opening's for matches, the
    search request's own for searching)."""
    if by == "sector":
        base = "opening__sector" if on_match else "sector"
        return {"key": F(f"{base}_id"), "label": F(f"{base}__name")}
    return {
        "onderwijs": {"key": _education_case(), "label": Value("")},
        "niveau": {"key": F("student__level"), "label": Value("")},
        "leerweg": {"key": F("student__leerweg"), "label": Value("")},
        "school": {"key": F("student__school_id"), "label": F("student__school__name")},
        "regio": {
            "key": F("student__school__region_id"),
            "label": F("student__school__region__name"),
        },
    }[by]


def breakdown(scope: MonitoringScope, filters: Filters, by: str, today: datetime.date) -> list:
    """The funnel per group (two grouped queries): [(key, label, {step: count})], by label."""
    searching = (
        _searches(scope, filters)
        .values(**_group_fields(by, on_match=False))
        .annotate(searching=_student_count())
        .order_by()
    )
    steps = (
        _cohort_matches(scope, filters)
        .values(**_group_fields(by, on_match=True))
        .annotate(**funnel_aggregates(today))
        .order_by()
    )
    groups: dict = {}
    for row in [*searching, *steps]:
        key = row.pop("key")
        label = row.pop("label")
        group = groups.setdefault(key, {"label": label, "counts": dict.fromkeys(FUNNEL_KEYS, 0)})
        group["counts"].update(row)
    return [(key, g["label"], g["counts"]) for key, g in groups.items()]


@dataclass
class Dashboard:
    filters: Filters
    funnel: dict[str, int]
    time_to_placement: dict
    escalations: dict
    outcomes: dict
    by: str
    groups: list = field(default_factory=list)


def dashboard(scope: MonitoringScope, filters: Filters, by: str) -> Dashboard:
    """Every block of the page: a fixed number of queries, whatever the size of the region."""
    today = timezone.localdate()
    return Dashboard(
        filters=filters,
        funnel=funnel(scope, filters, today),
        time_to_placement=time_to_placement(scope, filters),
        escalations=escalations(scope, filters),
        outcomes=outcomes(scope, filters),
        by=by,
        groups=breakdown(scope, filters, by, today),
    )
