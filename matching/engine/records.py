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


@dataclass(frozen=True)
class StudentRecord:
    """What matching may know of a student: no name, gender, origin, religion or photo.

    birth_date serves only the minimum-age and no-night-work-for-minors rules; support_needs
    only the support factor.
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


def allowed_kinds(student: StudentRecord) -> frozenset:
    """What a student looks for: a rule of the domain, in one place."""
    if student.school_leaver:
        return frozenset({"vacature", "leerbaan"})
    if student.education_type == "mbo" and student.leerweg == "bbl":
        return frozenset({"leerbaan"})
    return frozenset({"bpv"})


def age_on(birth: datetime.date, day: datetime.date) -> int:
    return day.year - birth.year - ((day.month, day.day) < (birth.month, birth.day))
