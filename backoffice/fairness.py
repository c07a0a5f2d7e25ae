"""The fairness report: do groups we may lawfully compare get proposed, placed and shown alike?

Human oversight of a high-risk AI system. Only data that is already there is used: the
student's education type, level, age, school and whether they share their support needs (the
choice, never the needs), their search requests, matches and placements, and the ranking log.
Counts per group come from one GROUP BY in the database; the top-10 exposure comes from the
ranking log's JSON lists, read in chunks and counted in a Counter bounded by the number of
searching students. Rates are Fractions, so the impact ratios and the four-fifths warning are
exact; a group under 5 students is hidden, and so is the next smallest when only one group of
a kind is hidden (otherwise it could be worked out from the totals).
"""

import datetime
import math
import time
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import ROUND_FLOOR, ROUND_HALF_UP, Decimal
from fractions import Fraction

from django.db.models import Case, Count, Exists, F, OuterRef, Q, QuerySet, Value, When
from django.db.models.functions import Mod
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from employers.models import Opening
from marketplace.models import (
    EducationType,
    Match,
    Placement,
    RankingLog,
    Region,
    SearchRequest,
    StudentProfile,
)

from .monitoring import MIN_GROUP

FOUR_FIFTHS = Fraction(4, 5)
TOP = 10
MAX_PERIOD_DAYS = 366
# Above this many candidate lists we count an even sample (every k-th log by id): the shares
# stay unbiased and the page stays quick. Measured: about 0.7 s per 100,000 lists (SQLite).
MAX_RANKINGS = 100_000
CHUNK = 2_000

# (lowest age, first age of the next band, label); None is open-ended.
AGE_BANDS = (
    (None, 15, gettext_lazy("jonger dan 15 jaar")),
    (15, 17, gettext_lazy("15 en 16 jaar")),
    (17, 18, gettext_lazy("17 jaar")),
    (18, 21, gettext_lazy("18 tot en met 20 jaar")),
    (21, 28, gettext_lazy("21 tot en met 27 jaar")),
    (28, None, gettext_lazy("28 jaar of ouder")),
)
DIMENSIONS = (
    ("education_type", gettext_lazy("Soort onderwijs")),
    ("level", gettext_lazy("Niveau")),
    ("support_needs_shared", gettext_lazy("Hulpvraag gedeeld met werkgevers")),
    ("age_band", gettext_lazy("Leeftijd")),
    ("school_id", gettext_lazy("School")),
)


KEYS = tuple(code for code, _title in DIMENSIONS)


@dataclass(frozen=True)
class Metric:
    """One rate of one group, with its impact ratio against the best-off group of its kind."""

    count: int
    rate: Fraction | None
    impact: Fraction | None = None

    @property
    def percent(self) -> Decimal | None:
        return None if self.rate is None else _decimal(self.rate * 100, "0.1", ROUND_HALF_UP)

    @property
    def impact_shown(self) -> Decimal | None:
        # Rounded down, so a warning never sits beside "0,80".
        return None if self.impact is None else _decimal(self.impact, "0.01", ROUND_FLOOR)

    @property
    def warning(self) -> bool:
        return self.impact is not None and self.impact < FOUR_FIFTHS


@dataclass
class Group:
    label: str
    searching: int
    hidden: bool = False  # fewer than MIN_GROUP, or hidden so that one cannot be worked out
    proposed: Metric | None = None
    placed: Metric | None = None
    exposure: Metric | None = None  # count: times in a top 10; rate: share of top 10 ÷ share
    exposure_share: Fraction | None = None
    searching_share: Fraction | None = None

    @property
    def too_small(self) -> bool:
        return self.searching < MIN_GROUP

    @property
    def warning(self) -> bool:
        return any(m is not None and m.warning for m in (self.proposed, self.placed, self.exposure))

    @property
    def exposure_percent(self) -> Decimal | None:
        return _percent(self.exposure_share)

    @property
    def searching_percent(self) -> Decimal | None:
        return _percent(self.searching_share)


@dataclass
class Dimension:
    code: str
    title: str
    groups: list[Group]

    @property
    def warning(self) -> bool:
        return any(g.warning for g in self.groups if not g.hidden)

    @property
    def hidden_any(self) -> bool:
        return any(g.hidden for g in self.groups)


@dataclass
class FairnessReport:
    region: Region
    start: datetime.date
    end: datetime.date  # inclusive
    searching: int
    proposed: int
    placed: int
    dimensions: list[Dimension]
    rankings: int = 0  # candidate lists counted
    sample_step: int = 1  # 1: every list; k: every k-th list
    appearances: int = 0
    engine_versions: list[str] = field(default_factory=list)
    weights_versions: list[str] = field(default_factory=list)
    seconds: float = 0.0

    @property
    def too_small(self) -> bool:
        return self.searching < MIN_GROUP

    @property
    def warning(self) -> bool:
        return any(d.warning for d in self.dimensions)


def _decimal(value: Fraction, step: str, rounding: str) -> Decimal:
    exact = Decimal(value.numerator) / Decimal(value.denominator)
    return exact.quantize(Decimal(step), rounding=rounding)


def _percent(share: Fraction | None) -> Decimal | None:
    return None if share is None else _decimal(share * 100, "0.1", ROUND_HALF_UP)


def period_problems(start: datetime.date | None, end: datetime.date | None) -> list[str]:
    """What is wrong with a chosen period, in plain Dutch; empty when it can be counted."""
    if start is None or end is None:
        return []
    if end < start:
        return [_("De einddatum ligt voor de begindatum. Kies een einddatum na de begindatum.")]
    if (end - start).days + 1 > MAX_PERIOD_DAYS:
        return [
            _("Kies een periode van hoogstens %(days)d dagen (een jaar).")
            % {"days": MAX_PERIOD_DAYS}
        ]
    return []


def default_period(today: datetime.date | None = None) -> tuple[datetime.date, datetime.date]:
    """The last six months up to today."""
    today = today or timezone.localdate()
    return today - datetime.timedelta(days=182), today


def _bounds(start: datetime.date, end: datetime.date) -> tuple[datetime.datetime, ...]:
    midnight = datetime.time.min
    first = timezone.make_aware(datetime.datetime.combine(start, midnight))
    after = timezone.make_aware(datetime.datetime.combine(end + datetime.timedelta(1), midnight))
    return first, after


def _born_by(day: datetime.date, age: int) -> datetime.date:
    """The last birth date of someone who is `age` or older on `day` (29 February → 28th)."""
    try:
        return day.replace(year=day.year - age)
    except ValueError:
        return day.replace(year=day.year - age, day=28)


def _age_band(day: datetime.date) -> Case:
    whens = [
        When(date_of_birth__gt=_born_by(day, upper), then=Value(index))
        for index, (_low, upper, _label) in enumerate(AGE_BANDS)
        if upper is not None
    ]
    return Case(*whens, default=Value(len(AGE_BANDS) - 1))


def searching_students(
    region: Region, start: datetime.date, end: datetime.date
) -> QuerySet[StudentProfile]:
    """Students of the region's schools with a search request running during the period: made
    before its end, and still open or last moved on or after its start."""
    first, after = _bounds(start, end)
    running = SearchRequest.objects.filter(student=OuterRef("pk"), created_at__lt=after).filter(
        Q(status__in=SearchRequest.SEARCHING) | Q(last_progress_at__gte=first)
    )
    proposed = Match.objects.filter(
        student=OuterRef("pk"),
        source__in=(Match.Source.MEDIATOR, Match.Source.EVENT),
        created_at__gte=first,
        created_at__lt=after,
    )
    placed = Placement.objects.filter(
        match__student=OuterRef("pk"), created_at__gte=first, created_at__lt=after
    )
    return (
        StudentProfile.objects.filter(school__region=region)
        .filter(Exists(running))
        .annotate(age_band=_age_band(end), is_proposed=Exists(proposed), is_placed=Exists(placed))
        .order_by()
    )


def _combinations(students: QuerySet[StudentProfile]) -> list[dict]:
    """Counts per combination of the five kinds of group, counted by the database."""
    return list(
        students.values(*KEYS).annotate(
            n=Count("pk"),
            n_proposed=Count("pk", filter=Q(is_proposed=True)),
            n_placed=Count("pk", filter=Q(is_placed=True)),
        )
    )


def region_rankings(region: Region, start: datetime.date, end: datetime.date) -> QuerySet:
    """The candidate lists (rankings for an opening) of the region's openings in the period."""
    first, after = _bounds(start, end)
    openings = Opening.objects.filter(employer__region=region).values("pk")
    return RankingLog.objects.filter(
        subject_type="opening", subject_id__in=openings, at__gte=first, at__lt=after
    ).order_by()


def top10_counts(logs: QuerySet, counted: set[int], step: int = 1) -> tuple[Counter, int]:
    """How often each of `counted` stands in a top 10; memory bounded by len(counted)."""
    if step > 1:
        logs = logs.alias(bucket=Mod(F("pk"), Value(step))).filter(bucket=0)
    seen: Counter = Counter()
    lists = 0
    for top in logs.values_list("top_ids", flat=True).iterator(chunk_size=CHUNK):
        lists += 1
        seen.update(i for i in (top or [])[:TOP] if i in counted)
    return seen, lists


def versions(region: Region, start: datetime.date, end: datetime.date) -> tuple[list, list]:
    """Engine and weights versions of every ranking of the region served in the period."""
    first, after = _bounds(start, end)
    students = StudentProfile.objects.filter(school__region=region).values("pk")
    openings = Opening.objects.filter(employer__region=region).values("pk")
    logs = RankingLog.objects.filter(at__gte=first, at__lt=after).filter(
        Q(subject_type="opening", subject_id__in=openings)
        | Q(subject_type="student", subject_id__in=students)
    )
    pairs = set(logs.order_by().values_list("engine_version", "weights_version").distinct())
    return sorted({e for e, _w in pairs}), sorted({w for _e, w in pairs})


def _labels(region: Region) -> dict[str, dict]:
    schools = dict(region.schools.values_list("pk", "name"))
    return {
        "education_type": {k: str(v) for k, v in EducationType.choices},
        "level": {0: _("Geen niveau (PrO en VSO)")} | {n: _("Niveau %d") % n for n in range(1, 5)},
        "support_needs_shared": {
            True: _("Deelt de hulpvraag"),
            False: _("Deelt geen hulpvraag (of heeft er geen)"),
        },
        "age_band": {i: str(label) for i, (_l, _u, label) in enumerate(AGE_BANDS)},
        "school_id": schools,
    }


def _rate(count: int, total: int) -> Fraction | None:
    return Fraction(count, total) if total else None


def _with_impact(metrics: list[Metric]) -> list[Metric]:
    best = max((m.rate for m in metrics if m.rate is not None), default=None)
    if not best:
        return metrics
    return [Metric(m.count, m.rate, None if m.rate is None else m.rate / best) for m in metrics]


def _hide_small(groups: list[Group]) -> None:
    """Hide groups under 5; when that is just one group, also the next smallest."""
    for g in groups:
        g.hidden = g.too_small
    if sum(g.hidden for g in groups) == 1:
        rest = sorted((g for g in groups if not g.hidden), key=lambda g: g.searching)
        if rest:
            rest[0].hidden = True


def _order(code: str, key, labels: dict):
    return labels.get(key, str(key)) if code == "school_id" else (key is None, key)


def _exposure(group: Group, times: int, searching: int, appearances: int) -> Metric:
    """Share of all top-10 places ÷ share of the searching students: 1 is a fair share."""
    group.searching_share = Fraction(group.searching, searching)
    group.exposure_share = _rate(times, appearances)
    if group.exposure_share is None:
        return Metric(times, None)
    return Metric(times, group.exposure_share / group.searching_share)


def _dimension(code, title, totals: dict, seen: dict, labels: dict, sums: tuple) -> Dimension:
    """One kind of group: totals maps a group key to (searching, proposed, placed)."""
    searching, appearances = sums
    keyed = sorted(totals.items(), key=lambda kv: _order(code, kv[0], labels))
    groups = [Group(label=labels.get(key, str(key)), searching=t[0]) for key, t in keyed]
    _hide_small(groups)
    shown = [(key, t, g) for (key, t), g in zip(keyed, groups, strict=True) if not g.hidden]
    proposed = _with_impact([Metric(t[1], _rate(t[1], t[0])) for _k, t, _g in shown])
    placed = _with_impact([Metric(t[2], _rate(t[2], t[0])) for _k, t, _g in shown])
    exposure = _with_impact(
        [_exposure(g, seen.get(key, 0), searching, appearances) for key, _t, g in shown]
    )
    for (_k, _t, g), p, pl, ex in zip(shown, proposed, placed, exposure, strict=True):
        g.proposed, g.placed, g.exposure = p, pl, ex
    return Dimension(code=code, title=str(title), groups=groups)


def _roll_up(rows: Iterable[dict], code: str) -> dict:
    totals: dict = {}
    for row in rows:
        n, p, pl = totals.get(row[code], (0, 0, 0))
        totals[row[code]] = (n + row["n"], p + row["n_proposed"], pl + row["n_placed"])
    return totals


def _exposure_by_group(logs: QuerySet, students: QuerySet, step: int) -> tuple[dict, int]:
    """Times in a top 10 per group, and the lists counted; one row per searching student."""
    groups_of = {row[0]: row[1:] for row in students.values_list("pk", *KEYS)}
    seen, lists = top10_counts(logs, set(groups_of), step)
    by_group = {code: Counter() for code in KEYS}
    for pk, times in seen.items():
        for code, key in zip(KEYS, groups_of[pk], strict=True):
            by_group[code][key] += times
    return by_group, lists


def fairness_report(*, region: Region, start: datetime.date, end: datetime.date) -> FairnessReport:
    """The report for a coordinator's region over a period of at most MAX_PERIOD_DAYS."""
    began = time.perf_counter()
    students = searching_students(region, start, end)
    rows = _combinations(students)
    searching = sum(r["n"] for r in rows)
    logs = region_rankings(region, start, end)
    total_logs = logs.count()
    step = max(1, math.ceil(total_logs / MAX_RANKINGS))
    by_group, lists = {code: Counter() for code in KEYS}, 0
    if total_logs and searching:
        by_group, lists = _exposure_by_group(logs, students, step)
    labels = _labels(region)
    appearances = sum(by_group["education_type"].values())
    dimensions = [
        _dimension(
            code,
            title,
            _roll_up(rows, code),
            by_group[code],
            labels[code],
            (searching, appearances),
        )
        for code, title in DIMENSIONS
    ]
    engines, weights = versions(region, start, end)
    return FairnessReport(
        region=region,
        start=start,
        end=end,
        searching=searching,
        proposed=sum(r["n_proposed"] for r in rows),
        placed=sum(r["n_placed"] for r in rows),
        dimensions=dimensions,
        rankings=lists,
        sample_step=step,
        appearances=appearances,
        engine_versions=engines,
        weights_versions=weights,
        seconds=time.perf_counter() - began,
    )
