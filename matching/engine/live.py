"""Indexes that follow changes: a large index plus a small one of changed rows, ranked as one.

Rebuilding the index of 100,000 openings takes seconds; a change to a few openings should show
in the next ranking. So the rows of changed openings (or students) are switched off in the large
index and their fresh records go into a small delta index built with the large index's text
model. Ranking ranks both and merges by (score, id) exactly as one index would, so the result
equals a full rebuild with that text model. Every update returns a new object and never writes
to arrays another thread may be ranking with.
"""

import copy
from collections.abc import Iterable

import numpy as np

from .index import OpeningIndex, rank_openings
from .naive import rank_key
from .records import (
    DEFAULT_WEIGHTS,
    OpeningRecord,
    RankedResult,
    RankFilter,
    StudentRecord,
    Weights,
)
from .students import StudentIndex, rank_students

DELTA_MIN = 256  # a delta index may always hold this many rows ...
DELTA_SHARE = 0.05  # ... or this share of the large index, before a full rebuild pays


def merge(parts: Iterable[list[RankedResult]], k: int) -> list[RankedResult]:
    """The best k of several exact top-k lists, by score then id (the order of `_top`)."""
    return sorted((r for part in parts for r in part), key=lambda r: (-rank_key(r.score), r.id))[:k]


def _superseded(ids: np.ndarray, changed: set[int]) -> np.ndarray:
    return np.isin(ids, np.fromiter(changed, dtype=np.int64, count=len(changed)))


class _Live:
    """What both live indexes share: the large index, the delta and the stale rows."""

    def __init__(self, base):
        self.base = base
        self.delta = None
        self.stale = np.zeros(base.n, dtype=bool)  # base rows replaced or removed

    @property
    def text(self):
        return self.base.text

    @property
    def delta_n(self) -> int:
        return 0 if self.delta is None else self.delta.n

    def needs_rebuild(self) -> bool:
        return self.delta_n > max(DELTA_MIN, DELTA_SHARE * self.base.n)


class LiveOpeningIndex(_Live):
    """An OpeningIndex with changed openings replaced by their fresh records."""

    def __init__(self, base: OpeningIndex, names: dict | None = None):
        super().__init__(base)
        self.delta: OpeningIndex | None = None
        self.names = names or {}

    def updated(self, fresh: list[OpeningRecord], changed: Iterable[int]) -> "LiveOpeningIndex":
        """A new live index where every id in `changed` is replaced by its record in `fresh`
        (an id without a fresh record, e.g. a closed or deleted opening, is removed)."""
        fresh_ids = {o.id for o in fresh}
        changed = set(changed) | fresh_ids
        if not changed:
            return self
        out = copy.copy(self)
        hit = _superseded(self.base.ids, changed)
        if hit.any():
            out.base = copy.copy(self.base)  # shares every array except `available`
            out.base.available = self.base.available & ~hit
            out.stale = self.stale | hit
        kept = [o for o in (self.delta.records if self.delta else []) if o.id not in changed]
        records = kept + list(fresh)
        out.delta = OpeningIndex.build(records, text_model=self.base.text) if records else None
        return out

    def rank(
        self,
        student: StudentRecord,
        weights: Weights = DEFAULT_WEIGHTS,
        k: int = 10,
        filter: RankFilter | None = None,  # noqa: A002 - the engine's name of the option
    ) -> list[RankedResult]:
        """Open places for a student, best first, as rank_openings on one rebuilt index."""
        best = rank_openings(student, self.base, weights, k=k, filter=filter)
        if self.delta is None:
            return best
        return merge([best, rank_openings(student, self.delta, weights, k=k, filter=filter)], k)

    def find(self, opening_id: int) -> tuple[OpeningIndex, int] | None:
        """The index and row that hold this opening's current record, if it is in the index."""
        for part in (self.delta, self.base):
            if part is None:
                continue
            row = part.row_of(opening_id)
            if row is not None and not (part is self.base and self.stale[row]):
                return part, row
        return None

    def record(self, opening_id: int) -> OpeningRecord | None:
        found = self.find(opening_id)
        return None if found is None else found[0].records[found[1]]


class LiveStudentIndex(_Live):
    """A StudentIndex with changed students replaced by their fresh records."""

    def __init__(self, base: StudentIndex):
        super().__init__(base)
        self.delta: StudentIndex | None = None

    def updated(self, fresh: list[StudentRecord], changed: Iterable[int]) -> "LiveStudentIndex":
        """As LiveOpeningIndex.updated; a student no longer shown to employers is removed."""
        fresh = [s for s in fresh if s.shown_to_employers or s.findable]
        changed = set(changed) | {s.id for s in fresh}
        if not changed:
            return self
        out = copy.copy(self)
        hit = _superseded(self.base.ids, changed)
        if hit.any():
            # A row that allows no kind of place and no travel passes no opening's hard rules.
            out.base = copy.copy(self.base)
            out.base.kinds = np.where(hit, 0, self.base.kinds).astype(self.base.kinds.dtype)
            out.base.radius = np.where(hit, -np.inf, self.base.radius)
            out.stale = self.stale | hit
        kept = [s for s in (self.delta.records if self.delta else []) if s.id not in changed]
        records = kept + fresh
        out.delta = StudentIndex.build(records, text_model=self.base.text) if records else None
        return out

    def rank(
        self,
        opening: OpeningRecord,
        weights: Weights = DEFAULT_WEIGHTS,
        k: int = 10,
        among: list[int] | None = None,
    ) -> list[RankedResult]:
        """Students for a place, best first, as rank_students on one rebuilt index."""
        best = rank_students(opening, self.base, weights, k=k, among=among)
        if self.delta is None:
            return best
        return merge([best, rank_students(opening, self.delta, weights, k=k, among=among)], k)
