"""The candidates direction: students for one opening, with the same scoring per pair."""

from collections.abc import Callable
from dataclasses import replace

import numpy as np

from . import naive
from .index import FAR_FUTURE, LEERWEG_CODE, _haversine, _ordinal
from .records import (
    DEFAULT_WEIGHTS,
    KIND_CODE,
    OpeningRecord,
    RankedResult,
    StudentRecord,
    Weights,
    allowed_kinds,
)
from .rules import ADULT_AGE, leerweg_counts, opening_leerweg
from .text import TextModel


class StudentIndex:
    """Students who may be shown to employers, as columns for the hard-rule prefilter."""

    def __init__(self, records: list[StudentRecord], text_model: TextModel | None = None):
        self.records = [s for s in records if s.shown_to_employers]
        r = self.records
        n = self.n = len(r)
        self.ids = np.fromiter((s.id for s in r), np.int64, n)
        self.lat = np.fromiter((s.lat for s in r), np.float64, n)
        self.lon = np.fromiter((s.lon for s in r), np.float64, n)
        self.radius = np.fromiter((s.travel_radius_km for s in r), np.float64, n)
        self.level = np.fromiter((s.level for s in r), np.int16, n)
        self.hours = np.fromiter((s.hours_per_week for s in r), np.float64, n)
        self.available_from = np.fromiter((s.available_from.toordinal() for s in r), np.int64, n)
        self.available_to = np.fromiter(
            (_ordinal(s.available_to, FAR_FUTURE) for s in r), np.int64, n
        )
        self.kinds = np.fromiter(
            (sum(1 << KIND_CODE[k] for k in allowed_kinds(s)) for s in r), np.int16, n
        )
        self.birth_y = np.fromiter((s.birth_date.year for s in r), np.int32, n)
        self.birth_md = np.fromiter(
            (s.birth_date.month * 100 + s.birth_date.day for s in r), np.int32, n
        )
        self.mbo = np.fromiter((s.education_type == "mbo" for s in r), bool, n)
        self.qualification = np.fromiter(
            (-1 if s.qualification_id is None else s.qualification_id for s in r), np.int64, n
        )
        # 0: the leerweg rule does not bind this student; else the code of their leerweg.
        self.leerweg = np.fromiter(
            (LEERWEG_CODE[s.leerweg] if leerweg_counts(s) else 0 for s in r), np.int8, n
        )
        self.text = text_model or TextModel([s.interests_text for s in r])
        self.interests = self.text.transform([s.interests_text for s in r])

    @classmethod
    def build(cls, records: list[StudentRecord], text_model: TextModel | None = None):
        return cls(records, text_model)


class _Ask:
    """One opening asked of every student in the index; age and distance worked out once."""

    def __init__(self, o: OpeningRecord, ix: StudentIndex):
        self.o, self.ix = o, ix
        start = o.start
        self.age = start.year - ix.birth_y - (start.month * 100 + start.day < ix.birth_md)
        self.km = _haversine(o.lat, o.lon, ix.lat, ix.lon)

    def everyone(self, holds: bool) -> np.ndarray:
        return np.full(self.ix.n, holds, dtype=bool)


def _kind_ok(q: _Ask) -> np.ndarray:
    code = KIND_CODE.get(q.o.kind)
    return q.everyone(False) if code is None else (q.ix.kinds & (1 << code)) > 0


def _leerweg_ok(q: _Ask) -> np.ndarray:
    wanted = opening_leerweg(q.o)
    if not wanted:
        return q.everyone(True)
    return (q.ix.leerweg == 0) | (q.ix.leerweg == LEERWEG_CODE[wanted])


def _recognition_ok(q: _Ask) -> np.ndarray:
    if q.o.kind != "bpv":
        return q.everyone(True)
    start = q.o.start
    valid = [
        qual for qual, vf, vt in q.o.recognitions if vf <= start and (vt is None or start <= vt)
    ]
    return ~q.ix.mbo | np.isin(q.ix.qualification, np.asarray(valid, dtype=np.int64))


Mask = Callable[[_Ask], np.ndarray]
# The hard rules (rules.HARD_RULES) as masks over the student index, one per rule code; True
# where the rule holds. A property test holds each mask to rules.hard_rules_failing, and every
# pair left is scored by naive.score_pair_naive, which asks the rules once more.
STUDENT_MASKS: dict[str, Mask] = {
    "closed": lambda q: q.everyone(q.o.is_open),
    "full": lambda q: q.everyone(q.o.places_left > 0),
    "kind": _kind_ok,
    "leerweg": _leerweg_ok,
    "recognition": _recognition_ok,
    "level": lambda q: q.ix.level >= q.o.min_level,
    "min_age": lambda q: q.age >= q.o.min_age,
    "night_work_minor": lambda q: q.everyone(True) if not q.o.night_work else q.age >= ADULT_AGE,
    "distance": lambda q: q.km <= q.ix.radius,
    "hours": lambda q: q.ix.hours >= q.o.hours_per_week,
    "dates": lambda q: (
        (q.ix.available_to >= q.o.start.toordinal())
        & (q.ix.available_from <= _ordinal(q.o.end, FAR_FUTURE))
    ),
}


def student_rule_masks(opening: OpeningRecord, ix: StudentIndex) -> dict[str, np.ndarray]:
    """Each hard rule's mask over every student of the index (True: the rule holds)."""
    q = _Ask(opening, ix)
    return {code: np.asarray(mask(q), dtype=bool) for code, mask in STUDENT_MASKS.items()}


def rank_students(
    opening: OpeningRecord,
    index: StudentIndex,
    weights: Weights = DEFAULT_WEIGHTS,
    k: int = 10,
) -> list[RankedResult]:
    """Students for a place, best first; each pair scored exactly as in rank_openings."""
    weights.validate()
    if index.n == 0 or k <= 0 or not opening.is_open or opening.places_left <= 0:
        return []
    q = _Ask(opening, index)
    mask = np.ones(index.n, dtype=bool)
    for rule in STUDENT_MASKS.values():
        mask &= rule(q)
    rows = np.flatnonzero(mask)
    if rows.size == 0:
        return []
    query = index.text.transform([opening.text])
    similarity = np.asarray((index.interests[rows] @ query.T).todense()).ravel()
    results = []
    for pos, row in enumerate(rows):
        student = index.records[row]
        interests = float(similarity[pos]) if student.interests_text.strip() else 0.0
        result = naive.score_pair_naive(student, opening, weights, interests)
        if result is not None:
            results.append(replace(result, id=student.id))
    results.sort(key=lambda r: (-naive.rank_key(r.score), r.id))
    return results[:k]
