"""The adapter from models to the engine's plain records, and the per-process index cache.

Building records reads whole tables with a handful of bulk queries (never one per row), so an
index of 100,000 openings builds in seconds; it is rebuilt only when the data it depends on
changed, which one cheap aggregate query tells.
"""

import dataclasses
import threading
from collections import defaultdict
from collections.abc import Iterable

from django.db.models import Count, Max, Q

from employers.models import Opening, Recognition
from matching.engine import OpeningIndex, OpeningRecord, StudentIndex, StudentRecord

from ..models import StudentCompetency, StudentProfile

_lock = threading.Lock()
_cache: dict[str, tuple[tuple, object]] = {}


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
        )
        for r in rows
    ]


def _student_sets(ids: list[int]) -> dict[str, dict[int, set[int]]]:
    """Every set a student record needs, in one query (a UNION over the through tables)."""
    from django.db.models import F, Value

    from matching.models import Werkproces

    through = StudentProfile
    parts = [
        StudentCompetency.objects.filter(student_id__in=ids).annotate(
            k=Value("competencies"), a=F("student_id"), b=F("competency_id")
        ),
        through.certificates.through.objects.filter(studentprofile_id__in=ids).annotate(
            k=Value("certificates"), a=F("studentprofile_id"), b=F("certificate_id")
        ),
        through.sector_preferences.through.objects.filter(studentprofile_id__in=ids).annotate(
            k=Value("sectors"), a=F("studentprofile_id"), b=F("sector_id")
        ),
        through.werkprocessen_achieved.through.objects.filter(studentprofile_id__in=ids).annotate(
            k=Value("achieved"), a=F("studentprofile_id"), b=F("werkproces_id")
        ),
        Werkproces.objects.filter(qualification__students__in=ids).annotate(
            k=Value("qualification"), a=F("qualification_id"), b=F("id")
        ),
    ]
    parts = [p.order_by().values_list("k", "a", "b") for p in parts]
    rows = parts[0].union(*parts[1:], all=True)
    sets: dict[str, dict[int, set[int]]] = defaultdict(lambda: defaultdict(set))
    for kind, a, b in rows:
        sets[kind][a].add(b)
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
        )
        for p in profiles
    ]


def build_student_index_for(student_ids: list[int]) -> StudentIndex:
    """A small index of just these students (e.g. the candidates with a match on an opening)."""
    # A student with a match on the opening chose to be seen by this employer.
    profiles = StudentProfile.objects.filter(pk__in=student_ids)
    shown = [dataclasses.replace(r, shown_to_employers=True) for r in student_records(profiles)]
    return StudentIndex.build(shown, text_model=opening_index().text)


def _openings_fingerprint() -> tuple:
    """One query that changes whenever an open opening, a recognition or a name changes."""
    from django.db import connection

    from matching.models import Certificate, Competency

    opening = Opening._meta.db_table
    tables = [Recognition._meta.db_table, Competency._meta.db_table, Certificate._meta.db_table]
    counts = ", ".join(
        f"(SELECT COUNT(*) FROM {t}), (SELECT MAX(id) FROM {t})"  # noqa: S608 - table names
        for t in tables
    )
    sql = (
        f"SELECT (SELECT COUNT(*) FROM {opening} WHERE status = %s), "  # noqa: S608 - table names
        f"(SELECT MAX(updated_at) FROM {opening}), {counts}"
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, [Opening.Status.OPEN])
        return tuple(cursor.fetchone())


def _students_fingerprint() -> tuple:
    students = StudentProfile.objects.aggregate(
        n=Count("id", filter=Q(consent_show_to_employers=True)), changed=Max("updated_at")
    )
    skills = StudentCompetency.objects.aggregate(n=Count("id"), last=Max("id"))
    return (students["n"], students["changed"], skills["n"], skills["last"])


def _cached(name: str, fingerprint: tuple, build):
    with _lock:
        hit = _cache.get(name)
        if hit is not None and hit[0] == fingerprint:
            return hit[1]
        index = build()
        _cache[name] = (fingerprint, index)
        return index


def opening_index() -> OpeningIndex:
    """The index of all open openings, rebuilt only when openings or recognitions changed.

    It also carries the names of competencies and certificates, for explanations.
    """
    return _cached("openings", _openings_fingerprint(), _build_opening_index)


def _build_opening_index() -> OpeningIndex:
    from matching.models import Certificate, Competency

    index = OpeningIndex.build(opening_records())
    index.names = {
        "competency": dict(Competency.objects.values_list("id", "name")),
        "certificate": dict(Certificate.objects.values_list("id", "name")),
    }
    return index


def student_index() -> StudentIndex:
    """The index of students who consented to be shown to employers."""

    def build():
        consenting = StudentProfile.objects.filter(consent_show_to_employers=True)
        # The openings' text model, so a pair's interests score is the same in both directions.
        return StudentIndex.build(student_records(consenting), text_model=texts.text)

    texts = opening_index()
    return _cached("students", (*_students_fingerprint(), id(texts)), build)


def clear_index_cache() -> None:
    with _lock:
        _cache.clear()
