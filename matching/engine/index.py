"""Columnar indexes and the vectorised ranking: hard rules as masks, soft factors as arrays."""

import datetime
import hashlib
import math
from collections import defaultdict
from collections.abc import Callable
from functools import cached_property

import numpy as np
from scipy import sparse

from . import naive
from .records import (
    DEFAULT_WEIGHTS,
    FACTOR_CODES,
    KIND_CODE,
    OpeningRecord,
    RankedResult,
    RankFilter,
    StudentRecord,
    Weights,
    allowed_kinds,
    competency_weights,
    werkproces_credits,
)
from .rules import ADULT_AGE, EARTH_KM, LEERWEGEN, leerweg_counts, opening_leerweg
from .text import TextModel

ENGINE_VERSION = "1.2.0"
FAR_FUTURE = datetime.date(9999, 12, 31).toordinal()


def _ordinal(day: datetime.date | None, default: int) -> int:
    return day.toordinal() if day is not None else default


class _Columns:
    """Maps vocabulary ids to matrix columns and builds 0/1 CSR matrices from id sets."""

    def __init__(self):
        self.col: dict = {}

    def matrix(self, sets: list[frozenset]) -> sparse.csr_matrix:
        indptr, indices = [0], []
        for s in sets:
            for item in s:
                indices.append(self.col.setdefault(item, len(self.col)))
            indptr.append(len(indices))
        data = np.ones(len(indices), dtype=np.float32)
        return sparse.csr_matrix(
            (data, np.asarray(indices, dtype=np.int32), np.asarray(indptr, dtype=np.int64)),
            shape=(len(sets), max(len(self.col), 1)),
        )

    def vector(self, ids: frozenset) -> np.ndarray:
        return self.weighted(dict.fromkeys(ids, 1.0))

    def weighted(self, weights: dict) -> np.ndarray:
        """A vector with each known id's weight in its column (0 elsewhere)."""
        v = np.zeros(max(len(self.col), 1), dtype=np.float32)
        for item, weight in weights.items():
            c = self.col.get(item)
            if c is not None:
                v[c] = weight
        return v


class OpeningIndex:
    """Every opening as columns, built once and reused for many rankings."""

    def __init__(self, records: list[OpeningRecord], text_model: TextModel | None = None):
        """`text_model`: reuse another index's interests model (e.g. for a small index of
        changed openings beside a large one), so a pair's interests score does not depend on
        which index holds the opening."""
        self.records = list(records)
        r = self.records
        self.n = len(r)
        self.ids = np.fromiter((o.id for o in r), dtype=np.int64, count=self.n)
        self.kind = np.fromiter((KIND_CODE.get(o.kind, -1) for o in r), np.int8, self.n)
        self.is_open = np.fromiter((o.is_open for o in r), bool, self.n)
        self.has_places = np.fromiter((o.places_left > 0 for o in r), bool, self.n)
        # Rows in service: a live index switches off the rows it superseded.
        self.available = np.ones(self.n, dtype=bool)
        self.leerweg = np.fromiter(
            (LEERWEG_CODE.get(opening_leerweg(o), 0) for o in r), np.int8, self.n
        )
        self.min_level = np.fromiter((o.min_level for o in r), np.int16, self.n)
        self.min_age = np.fromiter((o.min_age for o in r), np.int16, self.n)
        self.night = np.fromiter((o.night_work for o in r), bool, self.n)
        self.lat = np.fromiter((o.lat for o in r), np.float64, self.n)
        self.lon = np.fromiter((o.lon for o in r), np.float64, self.n)
        self.start = np.fromiter((o.start.toordinal() for o in r), np.int64, self.n)
        self.start_y = np.fromiter((o.start.year for o in r), np.int32, self.n)
        self.start_md = np.fromiter(
            (o.start.month * 100 + o.start.day for o in r), np.int32, self.n
        )
        self.end = np.fromiter((_ordinal(o.end, FAR_FUTURE) for o in r), np.int64, self.n)
        self.end_capped = np.fromiter(
            (_ordinal(o.end, o.start.toordinal() + naive.OPEN_ENDED_DAYS) for o in r),
            np.int64,
            self.n,
        )
        self.hours = np.fromiter((o.hours_per_week for o in r), np.float64, self.n)
        self.sector = np.fromiter(
            (o.sector_id if o.sector_id is not None else -1 for o in r), np.int64, self.n
        )
        self.competencies = _Columns()
        self.required = self.competencies.matrix([o.required_competencies for o in r])
        self.nice = self.competencies.matrix([o.nice_competencies for o in r])
        self.required = _widen(self.required, len(self.competencies.col))
        self.nice = _widen(self.nice, len(self.competencies.col))
        self.certs = _Columns()
        self.certificates = self.certs.matrix([o.required_certificates for o in r])
        self.wps = _Columns()
        self.werkprocessen = self.wps.matrix([o.werkprocessen for o in r])
        self.quals = _Columns()
        self.accepted = self.quals.matrix([o.accepted_qualifications for o in r])
        self.counts = {
            "required": np.diff(self.required.indptr).astype(np.float64),
            "nice": np.diff(self.nice.indptr).astype(np.float64),
            "certificates": np.diff(self.certificates.indptr).astype(np.float64),
            "werkprocessen": np.diff(self.werkprocessen.indptr).astype(np.float64),
            "accepted": np.diff(self.accepted.indptr).astype(np.float64),
        }
        self.support_columns = _Columns()
        self.support_matrix = self.support_columns.matrix([o.support_offered for o in r])
        # One matrix side by side, so a ranking slices the candidate rows only once.
        self.blocks = ("required", "nice", "certificates", "werkprocessen", "accepted", "support")
        parts = [
            self.required, self.nice, self.certificates, self.werkprocessen, self.accepted,
            self.support_matrix,
        ]  # fmt: skip
        self.offsets = np.cumsum([0] + [m.shape[1] for m in parts])
        self.combined = sparse.hstack(parts, format="csr", dtype=np.float32)
        self.recognitions = _recognitions(r)
        self.text = text_model or TextModel([o.text for o in r])
        # A borrowed model was fitted on other documents, so its similarity() does not cover
        # these rows: keep their own vectors in that model's space.
        self.doc_matrix = text_model.transform([o.text for o in r]) if text_model else None

    @classmethod
    def build(
        cls, records: list[OpeningRecord], text_model: TextModel | None = None
    ) -> "OpeningIndex":
        return cls(records, text_model)

    def interests(self, text: str, rows: np.ndarray) -> np.ndarray:
        if not text.strip() or rows.size == 0:
            return np.zeros(rows.size)
        if self.doc_matrix is None:
            return self.text.similarity(text)[rows]
        query = self.text.vector(text)  # the weights similarity() uses, as a dict
        if not query:
            return np.zeros(rows.size)
        cols = np.fromiter(query, dtype=np.int64)
        weights = np.fromiter(query.values(), dtype=np.float64)
        return np.asarray(self.doc_matrix[rows][:, cols] @ weights, dtype=np.float64).ravel()


def _widen(m: sparse.csr_matrix, cols: int) -> sparse.csr_matrix:
    m.resize((m.shape[0], max(cols, 1)))
    return m


def _recognitions(records: list[OpeningRecord]) -> dict:
    grouped: dict = defaultdict(lambda: ([], [], []))
    for i, o in enumerate(records):
        for qual, valid_from, valid_to in o.recognitions:
            rows, vf, vt = grouped[qual]
            rows.append(i)
            vf.append(valid_from.toordinal())
            vt.append(_ordinal(valid_to, FAR_FUTURE))
    return {
        q: (np.asarray(a, np.int64), np.asarray(b, np.int64), np.asarray(c, np.int64))
        for q, (a, b, c) in grouped.items()
    }


def _haversine(lat, lon, lats, lons) -> np.ndarray:
    p1, p2 = np.radians(lat), np.radians(lats)
    dp, dl = p2 - p1, np.radians(lons - lon)
    a = np.sin(dp / 2) ** 2 + np.cos(p1) * np.cos(p2) * np.sin(dl / 2) ** 2
    return 2 * EARTH_KM * np.arcsin(np.minimum(1.0, np.sqrt(a)))


def _kind_table(kinds: frozenset) -> np.ndarray:
    """Lookup table from kind code (-1 = unknown, at the end) to 'wanted'."""
    table = np.zeros(len(KIND_CODE) + 1, dtype=bool)
    for kind in kinds:
        table[KIND_CODE[kind]] = True
    return table


_KIND_TABLES = {
    frozenset(c): _kind_table(frozenset(c))
    for c in [(), ("bpv",), ("leerbaan",), ("vacature",), ("bpv", "leerbaan"), ("bpv", "vacature"),
              ("leerbaan", "vacature"), ("bpv", "leerbaan", "vacature")]
}  # fmt: skip
_ALL_KINDS = frozenset(KIND_CODE)
LEERWEG_CODE = {w: i + 1 for i, w in enumerate(LEERWEGEN)}  # 0: any leerweg


def _box(lat: float, lon: float, radius: float) -> tuple[float, float]:
    """Half-sizes in degrees of a lat/lon box that surely holds every point within `radius`.

    Exact bounds from the haversine formula (d >= R * |dlat|; sin(dlon / 2) <= sin(d / 2R) /
    cos(highest latitude in the band)) plus a hair of margin, so the box never drops a place
    the exact distance check would keep. Near a pole or the date line the longitude test is off.
    """
    margin = 1e-9
    delta = max(radius, 0.0) / EARTH_KM
    dlat = math.degrees(delta) * (1 + margin) + margin
    top = min(abs(lat) + dlat, 90.0)
    x = math.sin(delta / 2) / max(math.cos(math.radians(top)), 1e-12)
    if x >= 1.0:
        return dlat, 360.0
    dlon = math.degrees(2 * math.asin(x)) * (1 + margin) + margin
    if abs(lon) + dlon >= 180.0:
        return dlat, 360.0
    return dlat, dlon


class _Ask:
    """One student asked of some rows of the index; age and distance worked out once."""

    def __init__(self, s: StudentRecord, ix: OpeningIndex, rows):
        self.s, self.ix, self.rows = s, ix, rows

    @cached_property
    def age(self) -> np.ndarray:
        """Age on each opening's start date (as records.age_on)."""
        b, ix = self.s.birth_date, self.ix
        return ix.start_y[self.rows] - b.year - (ix.start_md[self.rows] < b.month * 100 + b.day)

    @cached_property
    def km(self) -> np.ndarray:
        return _haversine(self.s.lat, self.s.lon, self.ix.lat[self.rows], self.ix.lon[self.rows])


def _leerweg_ok(q: _Ask) -> np.ndarray:
    column = q.ix.leerweg[q.rows]
    if not leerweg_counts(q.s):
        return np.ones(column.shape, dtype=bool)
    return (column == 0) | (column == LEERWEG_CODE[q.s.leerweg])


def _dates_ok(q: _Ask) -> np.ndarray:
    s_to = _ordinal(q.s.available_to, FAR_FUTURE)
    return (q.ix.start[q.rows] <= s_to) & (q.ix.end[q.rows] >= q.s.available_from.toordinal())


Mask = Callable[[_Ask], np.ndarray]
# The hard rules (rules.HARD_RULES) as masks over the opening index, one per rule code; True
# where the rule holds. A property test holds each mask to rules.hard_rules_failing. Column
# masks are plain comparisons and run on every row; pair masks need arithmetic per row (age,
# recognition, distance) and run only on the rows the column masks left.
COLUMN_MASKS: dict[str, Mask] = {
    "closed": lambda q: q.ix.is_open[q.rows],
    "full": lambda q: q.ix.has_places[q.rows],
    "kind": lambda q: _KIND_TABLES[allowed_kinds(q.s)][q.ix.kind[q.rows]],
    "leerweg": _leerweg_ok,
    "level": lambda q: q.ix.min_level[q.rows] <= q.s.level,
    "hours": lambda q: q.ix.hours[q.rows] <= q.s.hours_per_week,
    "dates": _dates_ok,
}
PAIR_MASKS: dict[str, Mask] = {
    "recognition": lambda q: _recognised(q.s, q.ix, q.rows),
    "min_age": lambda q: q.age >= q.ix.min_age[q.rows],
    "night_work_minor": lambda q: ~q.ix.night[q.rows] | (q.age >= ADULT_AGE),
    "distance": lambda q: q.km <= q.s.travel_radius_km,
}
OPENING_MASKS: dict[str, Mask] = {**COLUMN_MASKS, **PAIR_MASKS}


def opening_rule_masks(student: StudentRecord, ix: OpeningIndex) -> dict[str, np.ndarray]:
    """Each hard rule's mask over every row of the index (True: the rule holds)."""
    every = _Ask(student, ix, np.arange(ix.n))
    return {code: np.asarray(mask(every), dtype=bool) for code, mask in OPENING_MASKS.items()}


def _candidates(s: StudentRecord, ix: OpeningIndex, f: RankFilter) -> tuple[np.ndarray, np.ndarray]:
    """Indices of openings that pass every hard rule (and the filters), with their distance."""
    radius = s.travel_radius_km
    if f.max_distance_km is not None:
        radius = min(radius, f.max_distance_km)
    dlat, dlon = _box(s.lat, s.lon, radius)  # a cheap prefilter for the distance rule
    mask = ix.available & (np.abs(ix.lat - s.lat) <= dlat) & (np.abs(ix.lon - s.lon) <= dlon)
    every = _Ask(s, ix, slice(None))
    for rule in COLUMN_MASKS.values():
        mask &= rule(every)
    if f.kinds:
        mask &= _KIND_TABLES[frozenset(f.kinds) & _ALL_KINDS][ix.kind]
    if f.sector_ids:
        mask &= np.isin(ix.sector, list(f.sector_ids))
    rows = np.flatnonzero(mask)
    if rows.size == 0:
        return rows, np.zeros(0)
    left = _Ask(s, ix, rows)
    keep = np.ones(rows.size, dtype=bool)
    for rule in PAIR_MASKS.values():
        keep &= rule(left)
    if f.max_distance_km is not None:
        keep &= left.km <= f.max_distance_km
    return rows[keep], left.km[keep]


def _recognised(s: StudentRecord, ix: OpeningIndex, rows: np.ndarray) -> np.ndarray:
    """Non-BPV rows (and every row for a non-MBO student) pass; a BPV row passes when the
    employer is recognised for the student's qualification on the start date."""
    is_bpv = ix.kind[rows] == KIND_CODE["bpv"]
    if s.education_type != "mbo" or not is_bpv.any():
        return np.ones(rows.size, dtype=bool)
    found = ix.recognitions.get(s.qualification_id) if s.qualification_id is not None else None
    if found is None:
        return ~is_bpv
    rec_rows, valid_from, valid_to = found
    start = ix.start[rec_rows]
    ok_rows = rec_rows[(valid_from <= start) & (start <= valid_to)]
    return ~is_bpv | np.isin(rows, ok_rows)


def _block_counts(s: StudentRecord, ix: OpeningIndex, rows: np.ndarray) -> dict[str, np.ndarray]:
    """How many of each opening's asked items the student has, per block, in one product."""
    skills = ix.competencies.weighted(competency_weights(s))  # a skill's weight by its level
    vectors = {
        "required": skills,
        "nice": skills,
        "certificates": ix.certs.vector(s.certificates),
        "werkprocessen": ix.wps.weighted(werkproces_credits(s)),
        "accepted": ix.quals.vector(frozenset({s.qualification_id}) - {None}),
        "support": ix.support_columns.vector(s.support_needs),
    }
    v = np.zeros((ix.combined.shape[1], len(ix.blocks)), dtype=np.float32)
    for j, name in enumerate(ix.blocks):
        block = vectors[name][: ix.offsets[j + 1] - ix.offsets[j]]
        v[ix.offsets[j] : ix.offsets[j] + block.size, j] = block
    counts = np.asarray(ix.combined[rows] @ v, dtype=np.float64)
    return {name: counts[:, j] for j, name in enumerate(ix.blocks)}


def _share(have: np.ndarray, asked: np.ndarray) -> np.ndarray:
    return np.where(asked > 0, have / np.maximum(asked, 1), 1.0)


def _credited_share(have: np.ndarray, asked: np.ndarray) -> np.ndarray:
    """As naive._credited_share: credits added up, as a share of the asked, capped at 1."""
    return np.minimum(_share(have, asked), 1.0)


def _factor_arrays(s: StudentRecord, ix: OpeningIndex, rows, distance) -> dict[str, np.ndarray]:
    have = _block_counts(s, ix, rows)
    asked = {name: ix.counts[name][rows] for name in ix.counts}
    radius = s.travel_radius_km
    s_from = s.available_from.toordinal()
    s_to = _ordinal(s.available_to, 10**7)
    start, end = ix.start[rows], ix.end_capped[rows]
    overlap = np.minimum(end, s_to) - np.maximum(start, s_from)
    sectors = np.isin(ix.sector[rows], list(s.sector_preferences))
    accepted = np.where(asked["accepted"] > 0, have["accepted"], 1.0)
    return {
        "required_competencies": _credited_share(have["required"], asked["required"]),
        "nice_competencies": _credited_share(have["nice"], asked["nice"]),
        "qualification": 0.5 * accepted
        + 0.5 * _credited_share(have["werkprocessen"], asked["werkprocessen"]),
        "certificates": _share(have["certificates"], asked["certificates"]),
        "distance": np.ones(rows.size)
        if radius <= 0
        else np.clip(1.0 - distance / radius, 0.0, 1.0),
        "sector": sectors.astype(np.float64) if s.sector_preferences else np.ones(rows.size),
        "interests": np.clip(ix.interests(s.interests_text, rows), 0.0, 1.0),
        "availability": np.clip(overlap / np.maximum(end - start, 1), 0.0, 1.0),
        "support": have["support"] / len(s.support_needs)
        if s.support_needs
        else np.ones(rows.size),
    }


def _weighted(values: dict[str, np.ndarray], coefficients: dict[str, float]) -> np.ndarray:
    """Sum of coefficient x value in FACTOR_CODES order, as naive.combine adds them."""
    total = np.zeros(len(values[FACTOR_CODES[0]]))
    for code in FACTOR_CODES:
        total = total + coefficients[code] * values[code]
    return total


def _scores(values: dict[str, np.ndarray], weights: Weights, needs_support: bool) -> np.ndarray:
    """Scores per pair; with support needs the max of with and without the support factor."""
    plain = _weighted(values, naive.coefficients(weights, False))
    if not needs_support:
        return plain
    full = _weighted(values, naive.coefficients(weights, True))
    return np.where(full > plain, full, plain)


def _top(scores: np.ndarray, ids: np.ndarray, k: int) -> np.ndarray:
    """Positions of the best k, by score then id (deterministic, ties included exactly)."""
    keys = np.floor(scores * 1e9 + 0.5).astype(np.int64)  # same as naive.rank_key
    if keys.size > k:
        threshold = np.partition(keys, keys.size - k)[keys.size - k]
        keep = np.flatnonzero(keys >= threshold)
    else:
        keep = np.arange(keys.size)
    order = np.lexsort((ids[keep], -keys[keep]))
    return keep[order[:k]]


def rank_openings(
    student: StudentRecord,
    index: OpeningIndex,
    weights: Weights = DEFAULT_WEIGHTS,
    k: int = 10,
    filter: RankFilter | None = None,  # noqa: A002 - the public name of the option
) -> list[RankedResult]:
    """Open places for a student, best first, top k with explanations."""
    weights.validate()
    if index.n == 0 or k <= 0:
        return []
    rows, distance = _candidates(student, index, filter or RankFilter())
    if rows.size == 0:
        return []
    values = _factor_arrays(student, index, rows, distance)
    scores = _scores(values, weights, bool(student.support_needs))
    best = _top(scores, index.ids[rows], k)
    results = []
    for pos in best:
        opening = index.records[rows[pos]]
        pair_values = {c: float(values[c][pos]) for c in FACTOR_CODES}
        factors = naive.combine(pair_values, weights, bool(student.support_needs))
        score = sum(f.contribution for f in factors)  # bit-equal to scores[pos]
        results.append(naive.explain(student, opening, score, factors, float(distance[pos])))
    return results


def input_hash(record, weights: Weights) -> str:
    """A stable fingerprint of what a ranking was computed from (for the oversight log)."""
    fields = sorted(
        (k, sorted(map(str, v)) if isinstance(v, frozenset | set) else str(v))
        for k, v in vars(record).items()
    )
    payload = repr((fields, weights.version, sorted(weights.values.items()), ENGINE_VERSION))
    return hashlib.sha256(payload.encode()).hexdigest()
