"""The candidates direction: students for one opening, with the same scoring per pair.

Every student past the hard rules gets an estimate of their score from sparse columns (the same
factors as naive.factor_values, summed in the same order); only the best estimates are scored
exactly, pair by pair, by naive.score_pair_naive, until no estimate left can reach the k-th
exact score. The result is the exact ranking of scoring every pair in Python.
"""

from collections.abc import Callable, Iterable
from dataclasses import replace

import numpy as np
from scipy import sparse

from . import naive
from .index import FAR_FUTURE, LEERWEG_CODE, _Columns, _haversine, _ordinal
from .records import (
    DEFAULT_WEIGHTS,
    KIND_CODE,
    OpeningRecord,
    RankedResult,
    StudentRecord,
    Weights,
    allowed_kinds,
    competency_weights,
    werkproces_credits,
)
from .rules import ADULT_AGE, leerweg_counts, opening_leerweg
from .text import TextModel

# How far an estimated score may be from the exact one (float rounding, the distance computed
# in numpy instead of math), in score points: far more than the real error of about 1e-12.
ESTIMATE_SLACK = 1e-6
# Exact scores first for this many times k of the best estimates (doubled while needed).
FIRST_EXACT = 4


def _matrix(items: list[dict], columns: _Columns) -> sparse.csr_matrix:
    """One row per student: each item's weight in its column."""
    lengths = np.fromiter((len(d) for d in items), np.int64, len(items))
    cols = np.fromiter(
        (columns.col.setdefault(k, len(columns.col)) for d in items for k in d),
        np.int64,
        int(lengths.sum()),
    )
    data = np.fromiter((v for d in items for v in d.values()), np.float64, cols.size)
    indptr = np.concatenate(([0], np.cumsum(lengths)))
    return sparse.csr_matrix((data, cols, indptr), shape=(len(items), max(len(columns.col), 1)))


class StudentIndex:
    """Students an employer's side may find: those shown to employers (every fitting student a
    mediator looks through) and those who agreed to be found (the employer's suggestions), as
    columns for the hard-rule prefilter and the score estimate."""

    def __init__(self, records: list[StudentRecord], text_model: TextModel | None = None):
        self.records = [s for s in records if s.shown_to_employers or s.findable]
        r = self.records
        n = self.n = len(r)
        self.ids = np.fromiter((s.id for s in r), np.int64, n)
        self.shown = np.fromiter((s.shown_to_employers for s in r), bool, n)
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
        self.has_interests = np.fromiter((bool(s.interests_text.strip()) for s in r), bool, n)
        self.columns = {k: _Columns() for k in ("comp", "wp", "cert", "sector", "support")}
        c = self.columns
        self.comp = _matrix([competency_weights(s) for s in r], c["comp"])
        self.wp = _matrix([werkproces_credits(s) for s in r], c["wp"])
        self.cert = _matrix([dict.fromkeys(s.certificates, 1.0) for s in r], c["cert"])
        self.sector = _matrix([dict.fromkeys(s.sector_preferences, 1.0) for s in r], c["sector"])
        self.support = _matrix([dict.fromkeys(s.support_needs, 1.0) for s in r], c["support"])
        self.n_sectors = np.fromiter((len(s.sector_preferences) for s in r), np.int64, n)
        self.n_needs = np.fromiter((len(s.support_needs) for s in r), np.int64, n)

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


def _credited(matrix: sparse.csr_matrix, columns: _Columns, asked: frozenset, rows) -> np.ndarray:
    """naive._credited_share for every row: the asked items' credits, as a share (capped at 1)."""
    if not asked:
        return np.ones(rows.size)
    total = matrix[rows] @ columns.vector(asked)[: matrix.shape[1]]
    return np.minimum(total / len(asked), 1.0)


def _shared(matrix: sparse.csr_matrix, columns: _Columns, asked: frozenset, rows) -> np.ndarray:
    """naive._share for every row: how many of the asked items the student has, as a share."""
    if not asked:
        return np.ones(rows.size)
    return (matrix[rows] @ columns.vector(asked)[: matrix.shape[1]]) / len(asked)


def estimates(q: _Ask, rows: np.ndarray, similarity: np.ndarray, weights: Weights) -> np.ndarray:
    """The score of each row's pair, as naive.score_pair_naive works it out, in numpy."""
    o, ix = q.o, q.ix
    c = ix.columns
    qual = np.ones(rows.size)
    if o.accepted_qualifications:
        qual = np.isin(ix.qualification[rows], list(o.accepted_qualifications)).astype(float)
    radius, km = ix.radius[rows], q.km[rows]
    with np.errstate(divide="ignore", invalid="ignore"):
        distance = np.where(radius <= 0, 1.0, np.clip(1.0 - km / radius, 0.0, 1.0))
    if o.sector_id is None:
        sector = (ix.n_sectors[rows] == 0).astype(float)
    else:
        sector = np.where(
            ix.n_sectors[rows] == 0, 1.0, ix.sector[rows] @ c["sector"].vector({o.sector_id})
        )
    start = o.start.toordinal()
    end = o.end.toordinal() if o.end else start + naive.OPEN_ENDED_DAYS
    overlap = np.minimum(end, ix.available_to[rows]) - np.maximum(start, ix.available_from[rows])
    needs = ix.n_needs[rows]
    offered = ix.support[rows] @ c["support"].vector(o.support_offered)
    with np.errstate(divide="ignore", invalid="ignore"):
        support = np.where(needs == 0, 1.0, offered / np.maximum(needs, 1))
    values = {
        "required_competencies": _credited(ix.comp, c["comp"], o.required_competencies, rows),
        "nice_competencies": _credited(ix.comp, c["comp"], o.nice_competencies, rows),
        "qualification": 0.5 * qual + 0.5 * _credited(ix.wp, c["wp"], o.werkprocessen, rows),
        "certificates": _shared(ix.cert, c["cert"], o.required_certificates, rows),
        "distance": distance,
        "sector": sector,
        "interests": np.where(ix.has_interests[rows], np.clip(similarity, 0.0, 1.0), 0.0),
        "availability": np.clip(overlap / max(end - start, 1), 0.0, 1.0),
        "support": support,
    }
    plain = sum(k * values[code] for code, k in naive.coefficients(weights, False).items())
    full = sum(k * values[code] for code, k in naive.coefficients(weights, True).items())
    return np.where(needs > 0, np.maximum(plain, full), plain)


def rank_students(
    opening: OpeningRecord,
    index: StudentIndex,
    weights: Weights = DEFAULT_WEIGHTS,
    k: int = 10,
    among: Iterable[int] | None = None,
) -> list[RankedResult]:
    """Students for a place, best first; each pair scored exactly as in rank_openings.

    Without `among`: the students shown to employers. With it: only these students (ids) of
    the index, whichever consent put them there."""
    weights.validate()
    if index.n == 0 or k <= 0 or not opening.is_open or opening.places_left <= 0:
        return []
    q = _Ask(opening, index)
    if among is None:
        mask = index.shown.copy()
    else:
        mask = np.isin(index.ids, np.fromiter(among, np.int64))
    for rule in STUDENT_MASKS.values():
        mask &= rule(q)
    rows = np.flatnonzero(mask)
    if rows.size == 0:
        return []
    query = index.text.transform([opening.text])
    similarity = np.asarray((index.interests[rows] @ query.T).todense()).ravel()
    guess = estimates(q, rows, similarity, weights)
    order = np.lexsort((index.ids[rows], -guess))  # best estimate first, then the lower id
    results: list[RankedResult] = []
    done, step = 0, FIRST_EXACT * k
    while done < order.size:
        for pos in order[done : done + step]:
            row = rows[pos]
            student = index.records[row]
            interests = float(similarity[pos]) if student.interests_text.strip() else 0.0
            result = naive.score_pair_naive(student, opening, weights, interests)
            if result is not None:
                results.append(replace(result, id=student.id))
        done, step = done + step, step * 2
        if len(results) >= k and done < order.size:
            results.sort(key=lambda r: (-naive.rank_key(r.score), r.id))
            # Every pair left scores at most its estimate plus the slack: below the k-th.
            if results[k - 1].score - ESTIMATE_SLACK > guess[order[done]] + ESTIMATE_SLACK:
                break
    results.sort(key=lambda r: (-naive.rank_key(r.score), r.id))
    return results[:k]
