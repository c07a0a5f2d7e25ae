"""The candidates direction: students for one opening, with the same scoring per pair."""

import numpy as np

from . import naive
from .index import FAR_FUTURE, _haversine, _ordinal
from .records import (
    DEFAULT_WEIGHTS,
    KIND_CODE,
    OpeningRecord,
    RankedResult,
    StudentRecord,
    Weights,
    allowed_kinds,
)
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
        self.text = text_model or TextModel([s.interests_text for s in r])
        self.interests = self.text.transform([s.interests_text for s in r])

    @classmethod
    def build(cls, records: list[StudentRecord], text_model: TextModel | None = None):
        return cls(records, text_model)


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
    kind_bit = 1 << KIND_CODE.get(opening.kind, 0)
    end = _ordinal(opening.end, FAR_FUTURE)
    distance = _haversine(opening.lat, opening.lon, index.lat, index.lon)
    mask = (
        ((index.kinds & kind_bit) > 0)
        & (index.level >= opening.min_level)
        & (index.hours >= opening.hours_per_week)
        & (index.available_to >= opening.start.toordinal())
        & (index.available_from <= end)
        & (distance <= index.radius)
    )
    rows = np.flatnonzero(mask)
    if rows.size == 0:
        return []
    q = index.text.transform([opening.text])
    similarity = np.asarray((index.interests[rows] @ q.T).todense()).ravel()
    results = []
    for pos, row in enumerate(rows):
        student = index.records[row]
        interests = float(similarity[pos]) if student.interests_text.strip() else 0.0
        result = naive.score_pair_naive(student, opening, weights, interests)
        if result is not None:
            results.append(_as_candidate(result, student.id))
    results.sort(key=lambda r: (-naive.rank_key(r.score), r.id))
    return results[:k]


def _as_candidate(result: RankedResult, student_id: int) -> RankedResult:
    from dataclasses import replace

    return replace(result, id=student_id)
