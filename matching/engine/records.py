"""Plain inputs and outputs of the engine: records built by an adapter, results it returns."""

import datetime
import math
from dataclasses import dataclass, field

KINDS = ("bpv", "leerbaan", "vacature")
KIND_CODE = {k: i for i, k in enumerate(KINDS)}
FACTOR_CODES = (
    "required_competencies",
    "nice_competencies",
    "qualification",
    "certificates",
    "distance",
    "sector",
    "interests",
    "availability",
    "support",
)


@dataclass(frozen=True)
class OpeningRecord:
    id: int
    kind: str
    is_open: bool
    places_left: int
    employer_id: int
    recognitions: tuple  # (qualification_id, valid_from, valid_to | None)
    min_level: int
    min_age: int
    night_work: bool
    evening: bool
    weekend: bool
    lat: float
    lon: float
    start: datetime.date
    end: datetime.date | None
    hours_per_week: float
    sector_id: int | None
    accepted_qualifications: frozenset = frozenset()
    werkprocessen: frozenset = frozenset()
    required_competencies: frozenset = frozenset()
    nice_competencies: frozenset = frozenset()
    required_certificates: frozenset = frozenset()
    support_offered: frozenset = frozenset()
    text: str = ""
    leerweg: str = ""  # "bol" | "bbl" | "" (any): who the opening is for


@dataclass(frozen=True)
class StudentRecord:
    """What matching may know of a student: no name, gender, origin, religion or photo.

    birth_date serves only the minimum-age and no-night-work-for-minors rules; support_needs
    only the support factor. competency_levels holds (competency id, level 1-3) pairs; a
    competency without a level counts as level 2 ("ik kan het").
    """

    id: int
    education_type: str  # pro | vso | mbo
    leerweg: str  # bol | bbl | ""
    school_leaver: bool
    level: int
    qualification_id: int | None
    qualification_werkprocessen: frozenset
    werkprocessen_achieved: frozenset
    birth_date: datetime.date
    lat: float
    lon: float
    travel_radius_km: float
    available_from: datetime.date
    available_to: datetime.date | None
    hours_per_week: float
    competencies: frozenset = frozenset()
    certificates: frozenset = frozenset()
    sector_preferences: frozenset = frozenset()
    interests_text: str = ""
    support_needs: frozenset = frozenset()
    shown_to_employers: bool = False
    competency_levels: frozenset = frozenset()
    # Agreed to be found: an employer may see them (by alias) among the suggestions.
    findable: bool = False


@dataclass(frozen=True)
class RankFilter:
    kinds: frozenset | None = None
    sector_ids: frozenset | None = None
    max_distance_km: float | None = None


@dataclass(frozen=True)
class Factor:
    code: str
    value: float
    weight: float
    contribution: float


@dataclass(frozen=True)
class RankedResult:
    id: int
    score: float
    factors: tuple[Factor, ...]
    distance_km: float
    required_competency_ids: tuple = ()
    matched_competencies: tuple = ()
    missing_competencies: tuple = ()
    matched_certificates: tuple = ()
    missing_certificates: tuple = ()
    matched_support: tuple = ()
    missing_support: tuple = ()
    # The place is in a sector the student named (False when they named none).
    sector_wanted: bool = False


@dataclass(frozen=True)
class Weights:
    version: str
    values: dict = field(default_factory=dict)

    def validate(self) -> "Weights":
        unknown = set(self.values) - set(FACTOR_CODES)
        if unknown:
            raise ValueError(f"Unknown factor codes in weights: {sorted(unknown)}")
        try:
            numbers = [float(v) for v in self.values.values()]
        except (TypeError, ValueError):
            raise ValueError("Weights must be numbers.") from None
        if any(not math.isfinite(v) or v < 0 for v in numbers):
            raise ValueError("Weights must be finite and not negative.")
        if sum(float(v) for k, v in self.values.items() if k != "support") <= 0:
            raise ValueError("The weights (support aside) must add up to more than zero.")
        return self

    def get(self, code: str) -> float:
        return float(self.values.get(code, 0.0))


DEFAULT_WEIGHTS = Weights(
    version="2026.1",
    values={
        "required_competencies": 30,
        "qualification": 15,
        "nice_competencies": 10,
        "certificates": 10,
        "distance": 10,
        "sector": 10,
        "interests": 5,
        "availability": 5,
        "support": 5,
    },
)


# How much a skill counts towards an opening's competencies, by the student's own level:
# 1 "ik leer het nog" half, 2 "ik kan het" fully, 3 "ik kan het goed" a small bonus (the share
# is capped at 1, so a strong skill can make up a little for a weak one, never for more).
# Multiples of 1/8, so float32 and float64 sums are exact and both paths agree to the bit.
LEVEL_WEIGHTS = {1: 0.5, 2: 1.0, 3: 1.125}
DEFAULT_LEVEL = 2
# An opening's werkproces counts fully when the student achieved it, half when it merely
# belongs to the student's qualification.
WERKPROCES_ACHIEVED = 1.0
WERKPROCES_IN_QUALIFICATION = 0.5


def competency_weights(student: StudentRecord) -> dict:
    """Competency id → how much it counts (LEVEL_WEIGHTS by the student's level)."""
    levels = dict(student.competency_levels)
    return {c: LEVEL_WEIGHTS.get(levels.get(c, DEFAULT_LEVEL), 1.0) for c in student.competencies}


def werkproces_credits(student: StudentRecord) -> dict:
    """Werkproces id → credit: achieved ones count fully, the rest of the qualification half."""
    credits = dict.fromkeys(student.qualification_werkprocessen, WERKPROCES_IN_QUALIFICATION)
    credits.update(dict.fromkeys(student.werkprocessen_achieved, WERKPROCES_ACHIEVED))
    return credits


def allowed_kinds(student: StudentRecord) -> frozenset:
    """What a student looks for: a rule of the domain, in one place."""
    if student.school_leaver:
        return frozenset({"vacature", "leerbaan"})
    if student.education_type == "mbo" and student.leerweg == "bbl":
        return frozenset({"leerbaan"})
    return frozenset({"bpv"})


def age_on(birth: datetime.date, day: datetime.date) -> int:
    return day.year - birth.year - ((day.month, day.day) < (birth.month, birth.day))
