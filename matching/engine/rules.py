"""The hard rules, stated once: which rules keep an opening away from a student, with the facts.

Every path asks this statement: the per-pair scorer (`naive`), the vectorised masks (`index`
and `students` list one mask per rule code, and property tests hold them to this statement)
and every service that creates or moves a match or a placement.
"""

import math
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field

from .records import OpeningRecord, StudentRecord, age_on, allowed_kinds

ADULT_AGE = 18  # the law: night work (and e.g. serving alcohol) is for adults only
LEERWEGEN = ("bol", "bbl")  # an MBO student's route; an opening's "" (or anything else) = any
EARTH_KM = 6371.0088


def haversine_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * EARTH_KM * math.asin(min(1.0, math.sqrt(a)))


@dataclass(frozen=True)
class RuleFailure:
    """One broken hard rule: a stable `code` and the facts that name it (ages, km, dates)."""

    code: str
    facts: Mapping[str, object] = field(default_factory=dict, hash=False)


def leerweg_counts(student: StudentRecord) -> bool:
    """The leerweg rule binds an MBO student at school with a BOL or BBL route.

    PrO/VSO students have no leerweg; a school leaver's old route says nothing about the next
    one (a BOL graduate may well start a BBL leerbaan)."""
    return (
        student.education_type == "mbo"
        and student.leerweg in LEERWEGEN
        and not student.school_leaver
    )


def opening_leerweg(opening: OpeningRecord) -> str:
    return opening.leerweg if opening.leerweg in LEERWEGEN else ""


def recognised(student: StudentRecord, opening: OpeningRecord) -> bool:
    q = student.qualification_id
    return any(
        qual == q and vf <= opening.start and (vt is None or opening.start <= vt)
        for qual, vf, vt in opening.recognitions
    )


Facts = dict | None  # None: the rule holds; a dict: it fails, with these facts


def _closed(s: StudentRecord, o: OpeningRecord, age: int, km: float) -> Facts:
    return None if o.is_open else {}


def _full(s: StudentRecord, o: OpeningRecord, age: int, km: float) -> Facts:
    return None if o.places_left > 0 else {"places_left": o.places_left}


def _kind(s: StudentRecord, o: OpeningRecord, age: int, km: float) -> Facts:
    kinds = allowed_kinds(s)
    return None if o.kind in kinds else {"kind": o.kind, "allowed": tuple(sorted(kinds))}


def _leerweg(s: StudentRecord, o: OpeningRecord, age: int, km: float) -> Facts:
    wanted = opening_leerweg(o)
    if not wanted or not leerweg_counts(s) or s.leerweg == wanted:
        return None
    return {"leerweg": s.leerweg, "opening_leerweg": wanted}


def _recognition(s: StudentRecord, o: OpeningRecord, age: int, km: float) -> Facts:
    """A BPV-plek for an MBO student needs the employer's recognition for the student's
    qualification on the start date."""
    if o.kind != "bpv" or s.education_type != "mbo":
        return None
    if s.qualification_id is not None and recognised(s, o):
        return None
    return {"qualification_id": s.qualification_id, "start": o.start}


def _level(s: StudentRecord, o: OpeningRecord, age: int, km: float) -> Facts:
    return None if s.level >= o.min_level else {"level": s.level, "min_level": o.min_level}


def _min_age(s: StudentRecord, o: OpeningRecord, age: int, km: float) -> Facts:
    return None if age >= o.min_age else {"age": age, "min_age": o.min_age, "start": o.start}


def _night_work_minor(s: StudentRecord, o: OpeningRecord, age: int, km: float) -> Facts:
    if not o.night_work or age >= ADULT_AGE:
        return None
    return {"age": age, "adult_age": ADULT_AGE, "start": o.start}


def _distance(s: StudentRecord, o: OpeningRecord, age: int, km: float) -> Facts:
    return None if km <= s.travel_radius_km else {"km": km, "radius_km": s.travel_radius_km}


def _hours(s: StudentRecord, o: OpeningRecord, age: int, km: float) -> Facts:
    if o.hours_per_week <= s.hours_per_week:
        return None
    return {"hours": o.hours_per_week, "max_hours": s.hours_per_week}


def _dates(s: StudentRecord, o: OpeningRecord, age: int, km: float) -> Facts:
    """The opening's period must overlap the student's availability."""
    starts_in_time = s.available_to is None or o.start <= s.available_to
    ends_after_from = o.end is None or o.end >= s.available_from
    if starts_in_time and ends_after_from:
        return None
    return {
        "start": o.start,
        "end": o.end,
        "available_from": s.available_from,
        "available_to": s.available_to,
    }


Rule = Callable[[StudentRecord, OpeningRecord, int, float], Facts]
HARD_RULES: tuple[tuple[str, Rule], ...] = (
    ("closed", _closed),
    ("full", _full),
    ("kind", _kind),
    ("leerweg", _leerweg),
    ("recognition", _recognition),
    ("level", _level),
    ("min_age", _min_age),
    ("night_work_minor", _night_work_minor),
    ("distance", _distance),
    ("hours", _hours),
    ("dates", _dates),
)
RULE_CODES = tuple(code for code, _rule in HARD_RULES)
CAPACITY_CODES = frozenset({"closed", "full"})  # about the opening's state, not about the pair


def _pair_facts(
    student: StudentRecord, opening: OpeningRecord, distance_km: float | None
) -> tuple[int, float]:
    age = age_on(student.birth_date, opening.start)
    if distance_km is None:
        distance_km = haversine_km(student.lat, student.lon, opening.lat, opening.lon)
    return age, distance_km


def hard_rules_failing(
    student: StudentRecord, opening: OpeningRecord, distance_km: float | None = None
) -> tuple[RuleFailure, ...]:
    """Every hard rule this pair breaks, in the order of HARD_RULES (empty: the pair may match)."""
    age, km = _pair_facts(student, opening, distance_km)
    failing = ((code, rule(student, opening, age, km)) for code, rule in HARD_RULES)
    return tuple(RuleFailure(code, facts) for code, facts in failing if facts is not None)


def hard_rules_pass(
    student: StudentRecord, opening: OpeningRecord, distance_km: float | None = None
) -> bool:
    """True when no hard rule fails; stops at the first that does (the hot path)."""
    age, km = _pair_facts(student, opening, distance_km)
    return all(rule(student, opening, age, km) is None for _code, rule in HARD_RULES)
