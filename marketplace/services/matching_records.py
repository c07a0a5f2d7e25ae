"""The adapter from models to the engine's plain records (the index cache is engine_index.py).

Building records reads whole tables with a handful of bulk queries (never one per row), so an
index of 100,000 openings builds in seconds.
"""

from collections import defaultdict
from collections.abc import Iterable

from employers.models import Opening, Recognition
from matching.engine import OpeningRecord, StudentRecord

from ..models import StudentCompetency, StudentProfile


def _pairs(through, left: str, right: str, ids: Iterable[int] | None = None) -> dict:
    qs = through.objects.all()
    if ids is not None:
        qs = qs.filter(**{f"{left}__in": list(ids)})
    grouped: dict[int, set[int]] = defaultdict(set)
    for a, b in qs.values_list(left, right).iterator(chunk_size=20_000):
        grouped[a].add(b)
    return grouped


def _recognitions_by_employer(employer_ids: Iterable[int] | None = None) -> dict:
    qs = Recognition.objects.all()
    if employer_ids is not None:
        qs = qs.filter(employer_id__in=list(employer_ids))
    grouped: dict[int, list] = defaultdict(list)
    rows = qs.values_list("employer_id", "qualification_id", "valid_from", "valid_to")
    for employer_id, qualification_id, valid_from, valid_to in rows.iterator(chunk_size=20_000):
        grouped[employer_id].append((qualification_id, valid_from, valid_to))
    return grouped


OPENING_FIELDS = (
    "id",
    "kind",
    "status",
    "places",
    "places_filled",
    "employer_id",
    "min_level",
    "min_age",
    "night_work",
    "evening_work",
    "weekend_work",
    "location__place__latitude",
    "location__place__longitude",
    "start_date",
    "end_date",
    "hours_per_week",
    "sector_id",
    "support_offered",
    "title",
    "description",
    "leerweg",
)


def opening_records(queryset=None) -> list[OpeningRecord]:
    """Plain records for the given openings (default: every open one)."""
    qs = queryset if queryset is not None else Opening.objects.filter(status=Opening.Status.OPEN)
    rows = list(qs.values_list(*OPENING_FIELDS))
    ids = [r[0] for r in rows] if queryset is not None else None
    through = Opening
    qualifications = _pairs(
        through.accepted_qualifications.through, "opening_id", "qualification_id", ids
    )
    werkprocessen = _pairs(through.werkprocessen.through, "opening_id", "werkproces_id", ids)
    required = _pairs(through.required_competencies.through, "opening_id", "competency_id", ids)
    nice = _pairs(through.nice_competencies.through, "opening_id", "competency_id", ids)
    certificates = _pairs(
        through.required_certificates.through, "opening_id", "certificate_id", ids
    )
    recognitions = _recognitions_by_employer({r[5] for r in rows} if ids is not None else None)
    empty: frozenset = frozenset()
    return [
        OpeningRecord(
            id=r[0],
            kind=r[1],
            is_open=r[2] == Opening.Status.OPEN,
            places_left=max(r[3] - r[4], 0),
            employer_id=r[5],
            recognitions=tuple(recognitions.get(r[5], ())),
            min_level=r[6],
            min_age=r[7],
            night_work=r[8],
            evening=r[9],
            weekend=r[10],
            lat=r[11],
            lon=r[12],
            start=r[13],
            end=r[14],
            hours_per_week=float(r[15]),
            sector_id=r[16],
            accepted_qualifications=frozenset(qualifications.get(r[0], empty)),
            werkprocessen=frozenset(werkprocessen.get(r[0], empty)),
            required_competencies=frozenset(required.get(r[0], empty)),
            nice_competencies=frozenset(nice.get(r[0], empty)),
            required_certificates=frozenset(certificates.get(r[0], empty)),
            support_offered=frozenset(r[17] or ()),
            text=f"{r[18]}\n{r[19]}",
            leerweg=r[20] or "",
        )
        for r in rows
    ]


def _student_sets(ids: list[int]) -> dict[str, dict[int, set[int]]]:
    """Every set a student record needs, in one query (a UNION over the through tables).

    Column c carries a competency's level (0 for the other sets); "levels" holds the
    (competency, level) pairs."""
    from django.db.models import F, IntegerField, Value

    from matching.models import Werkproces

    through = StudentProfile
    none = Value(0, output_field=IntegerField())
    parts = [
        StudentCompetency.objects.filter(student_id__in=ids).annotate(
            k=Value("competencies"), a=F("student_id"), b=F("competency_id"), c=F("level")
        ),
        through.certificates.through.objects.filter(studentprofile_id__in=ids).annotate(
            k=Value("certificates"), a=F("studentprofile_id"), b=F("certificate_id"), c=none
        ),
        through.sector_preferences.through.objects.filter(studentprofile_id__in=ids).annotate(
            k=Value("sectors"), a=F("studentprofile_id"), b=F("sector_id"), c=none
        ),
        through.werkprocessen_achieved.through.objects.filter(studentprofile_id__in=ids).annotate(
            k=Value("achieved"), a=F("studentprofile_id"), b=F("werkproces_id"), c=none
        ),
        Werkproces.objects.filter(qualification__students__in=ids).annotate(
            k=Value("qualification"), a=F("qualification_id"), b=F("id"), c=none
        ),
    ]
    parts = [p.order_by().values_list("k", "a", "b", "c") for p in parts]
    rows = parts[0].union(*parts[1:], all=True)
    sets: dict[str, dict[int, set]] = defaultdict(lambda: defaultdict(set))
    for kind, a, b, c in rows:
        sets[kind][a].add(b)
        if kind == "competencies":
            sets["levels"][a].add((b, c))
    return sets


def student_records(queryset) -> list[StudentRecord]:
    """Plain records for students: only what matching needs, no name or other protected data."""
    profiles = (
        list(queryset)
        if isinstance(queryset, list)
        else list(queryset.select_related("home_place"))
    )
    sets = _student_sets([p.pk for p in profiles])
    empty: frozenset = frozenset()

    def get(kind: str, key) -> frozenset:
        return frozenset(sets[kind].get(key, empty)) if kind in sets else empty

    return [
        StudentRecord(
            id=p.pk,
            education_type=p.education_type,
            leerweg=p.leerweg or "",
            school_leaver=p.school_leaver,
            level=p.level,
            qualification_id=p.qualification_id,
            qualification_werkprocessen=get("qualification", p.qualification_id),
            werkprocessen_achieved=get("achieved", p.pk),
            birth_date=p.date_of_birth,
            lat=p.home_place.latitude,
            lon=p.home_place.longitude,
            travel_radius_km=float(p.travel_radius_km),
            available_from=p.available_from,
            available_to=p.available_to,
            hours_per_week=float(p.hours_per_week),
            competencies=get("competencies", p.pk),
            certificates=get("certificates", p.pk),
            sector_preferences=get("sectors", p.pk),
            interests_text=p.interests or "",
            support_needs=frozenset(p.support_needs or ()),
            shown_to_employers=p.consent_show_to_employers,
            competency_levels=get("levels", p.pk),
            findable=p.consent_findable,
        )
        for p in profiles
    ]
