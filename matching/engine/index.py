"""Columnar indexes and the vectorised ranking: hard rules as masks, soft factors as arrays.

An index is a set of plain NumPy arrays, one row per opening: built in memory from records, or
read from files (`store`) that every process maps read-only. Rows are sorted by a strip of
latitude and then by longitude, so the rows near a student are a few contiguous runs.

A ranking first applies the hard rules to the rows near the student. With many candidates left
(a student who looks wide) it scores them all roughly in float32, keeps every row whose rough
score may still reach the top k (the rough score is off by at most a known slack), and scores
only those exactly, as the per-pair statement in `naive` does: the result is the same as
scoring every candidate exactly. The rough pass works on the candidates only, and adds the
interests and the support factor only to the rows they could still lift into the top k.
"""

import datetime
import hashlib
import math
from collections.abc import Callable, Iterable, Sequence
from functools import cached_property

import numpy as np
from scipy import sparse

from . import naive
from .records import (
    DEFAULT_WEIGHTS,
    FACTOR_CODES,
    KIND_CODE,
    KINDS,
    OpeningRecord,
    RankedResult,
    RankFilter,
    StudentRecord,
    Weights,
    age_on,
    allowed_kinds,
    competency_weights,
    werkproces_credits,
)
from .rules import ADULT_AGE, EARTH_KM, LEERWEGEN, leerweg_counts, opening_leerweg
from .text import TextModel

ENGINE_VERSION = "1.2.0"
FAR_FUTURE = datetime.date(9999, 12, 31).toordinal()
LEERWEG_CODE = {w: i + 1 for i, w in enumerate(LEERWEGEN)}  # 0: any leerweg
STRIP_DEGREES = 0.05  # rows are sorted by strips of latitude this high, then by longitude
# The vocabularies of an opening's sets, and which vocabulary each block of columns uses.
VOCABULARIES = ("competencies", "certificates", "werkprocessen", "qualifications", "support")
BLOCKS = (
    ("required", "competencies", "required_competencies"),
    ("nice", "competencies", "nice_competencies"),
    ("certificates", "certificates", "required_certificates"),
    ("werkprocessen", "werkprocessen", "werkprocessen"),
    ("accepted", "qualifications", "accepted_qualifications"),
    ("support", "support", "support_offered"),
)
BLOCK_NAMES = tuple(name for name, _vocabulary, _field in BLOCKS)
COUNTED = BLOCK_NAMES[:5]  # blocks whose size per opening a factor divides by
# More candidates than this are first scored roughly (see the module's docstring).
EXACT_MAX = 4096
# The near rows are read as one run from the first to the last when that run holds at most
# this many times as many rows (see _Near).
SPAN_MAX = 1.5
# How far a rough score (float32, distance from the chord) may be from the exact one, in score
# points, besides the distance's own bound: generous, float32 sums of nine terms of at most 100
# are off by less than 2e-4.
ROUGH_SLACK = 2e-3


def _ordinal(day: datetime.date | None, default: int) -> int:
    return day.toordinal() if day is not None else default


class _Columns:
    """Maps vocabulary ids to matrix columns, in the order they were first seen."""

    def __init__(self, keys: Iterable = ()):
        self.col: dict = {key: i for i, key in enumerate(keys)}

    def keys(self) -> list:
        return list(self.col)

    def ids(self, sets: list[frozenset]) -> tuple[np.ndarray, np.ndarray]:
        """(items per set, their columns one after the other)."""
        lengths = np.fromiter((len(s) for s in sets), np.int64, len(sets))
        col = self.col
        flat = [col.setdefault(item, len(col)) for s in sets for item in s]
        return lengths, np.asarray(flat, dtype=np.int32)

    def vector(self, ids: frozenset) -> np.ndarray:
        return self.weighted(dict.fromkeys(ids, 1.0))

    def weighted(self, weights: dict) -> np.ndarray:
        """A vector with each known id's weight in its column (0 elsewhere)."""
        v = np.zeros(max(len(self.col), 1), dtype=np.float64)
        for item, weight in weights.items():
            c = self.col.get(item)
            if c is not None:
                v[c] = weight
        return v


def _unit_vectors(lat: np.ndarray, lon: np.ndarray) -> tuple[np.ndarray, ...]:
    """Points on the unit sphere (float32): their chord gives a rough distance cheaply."""
    p, q = np.radians(lat), np.radians(lon)
    return tuple(
        x.astype(np.float32) for x in (np.cos(p) * np.cos(q), np.cos(p) * np.sin(q), np.sin(p))
    )


def _chunk_columns(r: list[OpeningRecord], vocab: dict[str, _Columns]) -> dict:
    """One chunk of records as columns, and its sets as (lengths, columns) per block."""
    n = len(r)
    out = {
        "ids": np.fromiter((o.id for o in r), np.int64, n),
        "kind": np.fromiter((KIND_CODE.get(o.kind, -1) for o in r), np.int8, n),
        "is_open": np.fromiter((o.is_open for o in r), bool, n),
        "places_left": np.fromiter((o.places_left for o in r), np.int32, n),
        "employer_id": np.fromiter((o.employer_id for o in r), np.int64, n),
        "leerweg": np.fromiter((LEERWEG_CODE.get(opening_leerweg(o), 0) for o in r), np.int8, n),
        "min_level": np.fromiter((o.min_level for o in r), np.int16, n),
        "min_age": np.fromiter((o.min_age for o in r), np.int16, n),
        "night": np.fromiter((o.night_work for o in r), bool, n),
        "evening": np.fromiter((o.evening for o in r), bool, n),
        "weekend": np.fromiter((o.weekend for o in r), bool, n),
        "lat": np.fromiter((o.lat for o in r), np.float64, n),
        "lon": np.fromiter((o.lon for o in r), np.float64, n),
        "start": np.fromiter((o.start.toordinal() for o in r), np.int32, n),
        "start_y": np.fromiter((o.start.year for o in r), np.int32, n),
        "start_md": np.fromiter((o.start.month * 100 + o.start.day for o in r), np.int32, n),
        "end": np.fromiter((_ordinal(o.end, FAR_FUTURE) for o in r), np.int32, n),
        "has_end": np.fromiter((o.end is not None for o in r), bool, n),
        "end_capped": np.fromiter(
            (_ordinal(o.end, o.start.toordinal() + naive.OPEN_ENDED_DAYS) for o in r),
            np.int32,
            n,
        ),
        "hours": np.fromiter((o.hours_per_week for o in r), np.float64, n),
        "sector": np.fromiter(
            (o.sector_id if o.sector_id is not None else -1 for o in r), np.int64, n
        ),
    }
    sets = {
        name: vocab[vocabulary].ids([getattr(o, field) for o in r])
        for name, vocabulary, field in BLOCKS
    }
    recognitions = [
        (i, seq, qual, valid_from.toordinal(), _ordinal(valid_to, FAR_FUTURE))
        for i, o in enumerate(r)
        for seq, (qual, valid_from, valid_to) in enumerate(o.recognitions)
    ]
    return out, sets, recognitions


def _ranges(starts: np.ndarray, lengths: np.ndarray) -> np.ndarray:
    """The positions start..start+length of each range, one range after the other."""
    total = int(lengths.sum())
    if total == 0:
        return np.zeros(0, dtype=np.int64)
    ends = np.cumsum(lengths)
    return np.repeat(starts - ends + lengths, lengths) + np.arange(total)


def build_arrays(
    records: Iterable[OpeningRecord], chunk: int = 50_000, keep: bool = False
) -> tuple[dict, dict, "Texts", list[OpeningRecord] | None]:
    """Every array of an index from records (read in chunks, so a generator of a million
    records never has to be held at once): (arrays, vocabularies, texts, records) with rows,
    texts and kept records in the index's order."""
    vocab = {name: _Columns() for name in VOCABULARIES}
    parts, sets, recognitions, texts, kept = [], [], [], [], []
    batch: list[OpeningRecord] = []
    offset = 0

    def flush():
        nonlocal offset
        cols, chunk_sets, recs = _chunk_columns(batch, vocab)
        parts.append(cols)
        sets.append(chunk_sets)
        recognitions.extend((i + offset, *rest) for i, *rest in recs)
        texts.extend(o.text for o in batch)
        if keep:
            kept.extend(batch)
        offset += len(batch)
        batch.clear()

    for record in records:
        batch.append(record)
        if len(batch) >= chunk:
            flush()
    if batch or not parts:
        flush()
    arrays = {name: np.concatenate([p[name] for p in parts]) for name in parts[0]}
    n = offset
    # The index's order: by strip of latitude, then longitude (then id, so it is stable).
    strip = np.floor(arrays["lat"] / STRIP_DEGREES).astype(np.int64)
    order = np.lexsort((arrays["ids"], arrays["lon"], strip))
    arrays = {name: a[order] for name, a in arrays.items()}
    strip = strip[order]
    arrays["strip_ids"], first = np.unique(strip, return_index=True)
    arrays["strip_ptr"] = np.append(first, n).astype(np.int64)
    arrays["has_places"] = arrays["places_left"] > 0
    period = np.maximum(arrays["end_capped"] - arrays["start"], 1)
    arrays["inv_period"] = (1.0 / period).astype(np.float32)
    arrays["ux"], arrays["uy"], arrays["uz"] = _unit_vectors(arrays["lat"], arrays["lon"])
    arrays["id_order"] = np.argsort(arrays["ids"], kind="stable")
    # The sets: one row-major matrix of every block side by side, and its column-major copy.
    widths = [max(len(vocab[vocabulary].col), 1) for _name, vocabulary, _field in BLOCKS]
    offsets = np.cumsum([0, *widths])
    matrices = []
    for j, name in enumerate(BLOCK_NAMES):
        lengths = np.concatenate([s[name][0] for s in sets])
        cols = np.concatenate([s[name][1] for s in sets])
        indptr = np.concatenate([[0], np.cumsum(lengths)])
        m = sparse.csr_matrix(
            (np.ones(cols.size, dtype=np.float32), cols, indptr), shape=(n, widths[j])
        )
        matrices.append(m[order])
        if name in COUNTED:
            asked = lengths[order]
            arrays[f"asked_{name}"] = asked.astype(np.uint16)
            # For the rough first pass: share = min(have * inv, 1) where something is asked
            # (the pass reads asked_* for where nothing is; noask_* stays in the format).
            arrays[f"inv_{name}"] = np.where(asked > 0, 1.0 / np.maximum(asked, 1), 0.0).astype(
                np.float32
            )
            arrays[f"noask_{name}"] = (asked == 0).astype(np.float32)
    combined = sparse.hstack(matrices, format="csr", dtype=np.float32)
    combined.sort_indices()
    arrays["indptr"] = combined.indptr.astype(np.int64)
    arrays["indices"] = combined.indices.astype(np.int32)
    by_column = combined.tocsc()
    arrays["col_ptr"] = by_column.indptr.astype(np.int64)
    arrays["col_rows"] = by_column.indices.astype(np.int32)
    arrays["offsets"] = offsets.astype(np.int64)
    # Recognitions: grouped by qualification for the rule, and per row for its record.
    rank = np.empty(n, dtype=np.int64)
    rank[order] = np.arange(n)
    rec = np.asarray(recognitions, dtype=np.int64).reshape(-1, 5)
    rec_row = rank[rec[:, 0]]
    by_qual = np.lexsort((rec_row, rec[:, 2]))
    arrays["rec_qual"] = rec[by_qual, 2]
    arrays["rec_row"] = rec_row[by_qual].astype(np.int32)
    arrays["rec_from"] = rec[by_qual, 3].astype(np.int32)
    arrays["rec_to"] = rec[by_qual, 4].astype(np.int32)
    arrays["rec_seq"] = rec[by_qual, 1].astype(np.int16)
    arrays["rec_by_row"] = np.lexsort((arrays["rec_seq"], arrays["rec_row"])).astype(np.int64)
    arrays["rec_row_ptr"] = np.concatenate(
        [[0], np.cumsum(np.bincount(arrays["rec_row"], minlength=n))]
    ).astype(np.int64)
    return arrays, vocab, Texts(texts, order), ([kept[i] for i in order] if keep else None)


class Texts:
    """The openings' texts as read (`read`) and in the index's order (`rows`). The interests
    model is fitted on them as read: scikit-learn's sums run in the order it first met each
    term, so a fit in another order can differ in the last bit."""

    def __init__(self, read: list[str], order: np.ndarray):
        self.read, self.order = read, order

    @cached_property
    def rows(self) -> list[str]:
        return [self.read[i] for i in self.order]

    def model(self) -> TextModel:
        return TextModel(self.read).reordered(self.order)


class OpeningIndex:
    """Every opening as columns, built once and reused for many rankings."""

    def __init__(self, records: list[OpeningRecord], text_model: TextModel | None = None):
        """`text_model`: reuse another index's interests model (e.g. for a small index of
        changed openings beside a large one), so a pair's interests score does not depend on
        which index holds the opening."""
        arrays, vocab, texts, kept = build_arrays(records, keep=True)
        self._setup(arrays, vocab, text_model or texts.model(), kept)
        # A borrowed model was fitted on other documents, so its similarity() does not cover
        # these rows: keep their own vectors in that model's space.
        self.doc_matrix = text_model.transform(texts.rows) if text_model else None

    @classmethod
    def build(
        cls, records: list[OpeningRecord], text_model: TextModel | None = None
    ) -> "OpeningIndex":
        return cls(records, text_model)

    @classmethod
    def from_arrays(
        cls, arrays: dict, vocab: dict[str, _Columns], text: TextModel, texts: Callable
    ) -> "OpeningIndex":
        """An index over arrays read from files (see `store`): records are made on demand."""
        index = cls.__new__(cls)
        index._setup(arrays, vocab, text, None)
        index.doc_matrix = None
        index.records = _StoredRecords(index, texts)
        return index

    def _setup(self, arrays: dict, vocab: dict, text: TextModel, records) -> None:
        self.arrays = arrays
        for name, a in arrays.items():
            setattr(self, name, a)
        self.n = int(self.ids.shape[0])
        self.records = records
        self.text = text
        self.vocab = vocab
        self.competencies = vocab["competencies"]
        self.certs = vocab["certificates"]
        self.wps = vocab["werkprocessen"]
        self.quals = vocab["qualifications"]
        self.support_columns = vocab["support"]
        self.blocks = BLOCK_NAMES
        # Rows in service: a live index switches off the rows it superseded (per process).
        self.available = np.ones(self.n, dtype=bool)
        self.col_block = np.repeat(np.arange(len(BLOCKS), dtype=np.int8), np.diff(self.offsets))

    def row_of(self, opening_id: int) -> int | None:
        """The row of this opening, if the index holds it."""
        pos = int(np.searchsorted(self.ids, opening_id, sorter=self.id_order))
        if pos < self.n and self.ids[self.id_order[pos]] == opening_id:
            return int(self.id_order[pos])
        return None

    def segments(self, lat: float, lon: float, dlat: float, dlon: float) -> list[tuple]:
        """Runs of rows [a, b) holding every row within dlat and dlon of (lat, lon)."""
        if not (math.isfinite(lat) and math.isfinite(lon)) or dlat >= 90.0:
            return [(0, self.n)]
        low = math.floor((lat - dlat) / STRIP_DEGREES)
        high = math.floor((lat + dlat) / STRIP_DEGREES)
        first = int(np.searchsorted(self.strip_ids, low, side="left"))
        last = int(np.searchsorted(self.strip_ids, high, side="right"))
        out = []
        for i in range(first, last):
            a, b = int(self.strip_ptr[i]), int(self.strip_ptr[i + 1])
            if dlon < 180.0:
                lons = self.lon[a:b]
                a, b = (
                    a + int(np.searchsorted(lons, lon - dlon, side="left")),
                    a + int(np.searchsorted(lons, lon + dlon, side="right")),
                )
            if b > a:
                if out and out[-1][1] == a:
                    out[-1] = (out[-1][0], b)
                else:
                    out.append((a, b))
        return out

    def recognised(self, qualification_id: int | None, a: int = 0, b: int | None = None):
        """Per row of [a, b) (every row by default): the employer is recognised for this
        qualification on the start date."""
        b = self.n if b is None else b
        ok = np.zeros(b - a, dtype=bool)
        if qualification_id is None:
            return ok
        lo = int(np.searchsorted(self.rec_qual, qualification_id, side="left"))
        hi = int(np.searchsorted(self.rec_qual, qualification_id, side="right"))
        rows = self.rec_row[lo:hi]
        inside = (rows >= a) & (rows < b)
        rows = rows[inside]
        start = self.start[rows]
        valid = (self.rec_from[lo:hi][inside] <= start) & (start <= self.rec_to[lo:hi][inside])
        ok[rows[valid] - a] = True
        return ok

    @cached_property
    def noask_bits(self) -> np.ndarray:
        """Per row bit j set where block COUNTED[j] asks nothing (made once per process)."""
        bits = np.zeros(self.n, dtype=np.uint8)
        for j, name in enumerate(COUNTED):
            bits |= (self.arrays[f"asked_{name}"] == 0).astype(np.uint8) << np.uint8(j)
        return bits

    @cached_property
    def highest(self) -> dict[str, float]:
        """The highest hours and minimum level of any row: a student who offers as many hours
        or has that level passes that rule on every row (made once per process)."""
        if self.n == 0:
            return {"hours": -math.inf, "level": -math.inf}
        return {"hours": float(self.hours.max()), "level": float(self.min_level.max())}

    @cached_property
    def adult_from(self) -> tuple[int, int]:
        """The earliest start date (ordinal) and the highest minimum age: a student this old
        or older on that day passes the age rules of every row (made once per process)."""
        if self.n == 0:
            return FAR_FUTURE, 0
        return int(self.start.min()), int(self.min_age.max())

    def similarity(self, text: str) -> np.ndarray | None:
        """The interests similarity of `text` with every row (None for an empty text)."""
        if not text.strip():
            return None
        if self.doc_matrix is None:
            return self.text.similarity(text)
        return self.interests(text, np.arange(self.n))

    def query(self, text: str) -> tuple[np.ndarray, np.ndarray] | None:
        """The text's terms (columns of the interests model) and weights, as
        TextModel.similarity computes them (None: no known term)."""
        model = self.text
        if model.vectorizer is None:
            return None
        counts: dict[int, int] = {}
        for token in model.analyze(text):
            col = model.vocabulary.get(token)
            if col is not None:
                counts[col] = counts.get(col, 0) + 1
        if not counts:
            return None
        cols = np.fromiter(counts, dtype=np.int64)
        weights = (1.0 + np.log(np.fromiter(counts.values(), dtype=np.float64))) * model.idf[cols]
        weights /= np.linalg.norm(weights)
        return cols, weights

    def interests(self, text: str, rows: np.ndarray, every: np.ndarray | None = None):
        """The similarity for these rows; `every`: this index's similarity() of the text.

        Without `every`, only these rows are looked up in each term's (sorted) list of rows,
        and the terms are added in the order TextModel.similarity adds them: the same floats."""
        if not text.strip() or rows.size == 0:
            return np.zeros(rows.size)
        if self.doc_matrix is None:
            if every is not None:
                return every[rows]
            out = np.zeros(rows.size)
            asked = self.query(text)
            if asked is None:
                return out
            by_term = self.text.by_term
            rows = rows.astype(by_term.indices.dtype)  # so searchsorted copies no list
            for col, weight in zip(asked[0].tolist(), asked[1].tolist(), strict=True):
                lo, hi = int(by_term.indptr[col]), int(by_term.indptr[col + 1])
                if hi == lo:
                    continue
                listed = by_term.indices[lo:hi]
                at = np.minimum(np.searchsorted(listed, rows), hi - lo - 1)
                out += np.where(listed[at] == rows, by_term.data[lo:hi][at] * weight, 0.0)
            return out
        query = self.text.vector(text)  # the weights similarity() uses, as a dict
        if not query:
            return np.zeros(rows.size)
        cols = np.fromiter(query, dtype=np.int64)
        weights = np.fromiter(query.values(), dtype=np.float64)
        return np.asarray(self.doc_matrix[rows][:, cols] @ weights, dtype=np.float64).ravel()


_RECORD_COLUMNS = (
    "ids", "kind", "is_open", "places_left", "employer_id", "min_level", "min_age", "night",
    "evening", "weekend", "lat", "lon", "start", "end", "has_end", "hours", "sector", "leerweg",
)  # fmt: skip
_day = datetime.date.fromordinal


class _StoredRecords(Sequence):
    """The records of a stored index, made from its arrays when asked for (a ranking asks for
    its top k only): equal to the records the files were written from."""

    def __init__(self, ix: OpeningIndex, texts: Callable[[int], str]):
        self.ix, self.texts = ix, texts
        self.keys = {name: ix.vocab[vocabulary].keys() for name, vocabulary, _f in BLOCKS}
        self.offsets = ix.offsets.tolist()

    def __len__(self) -> int:
        return self.ix.n

    def __getitem__(self, row):
        if isinstance(row, slice):
            return self.many(np.arange(*row.indices(len(self))))
        row = int(row)
        if row < 0:
            row += self.ix.n
        if not 0 <= row < self.ix.n:
            raise IndexError(row)
        return self.many(np.array([row]))[0]

    def many(self, rows: np.ndarray) -> list[OpeningRecord]:
        """The records of these rows (one gather per column for them all)."""
        ix = self.ix
        rows = np.asarray(rows, dtype=np.int64)
        col = {name: ix.arrays[name][rows].tolist() for name in _RECORD_COLUMNS}
        out = []
        for i, row in enumerate(rows.tolist()):
            sets = {name: [] for name in BLOCK_NAMES}
            cols = ix.indices[ix.indptr[row] : ix.indptr[row + 1]].tolist()
            for c, j in zip(cols, ix.col_block[cols].tolist(), strict=True):
                name = BLOCK_NAMES[j]
                sets[name].append(self.keys[name][c - self.offsets[j]])
            picks = ix.rec_by_row[ix.rec_row_ptr[row] : ix.rec_row_ptr[row + 1]]
            recognitions = tuple(
                (q, _day(a), None if b == FAR_FUTURE else _day(b))
                for q, a, b in zip(
                    ix.rec_qual[picks].tolist(),
                    ix.rec_from[picks].tolist(),
                    ix.rec_to[picks].tolist(),
                    strict=True,
                )
            )
            kind, leerweg, sector = col["kind"][i], col["leerweg"][i], col["sector"][i]
            out.append(
                OpeningRecord(
                    id=col["ids"][i],
                    kind=KINDS[kind] if kind >= 0 else "",
                    is_open=col["is_open"][i],
                    places_left=col["places_left"][i],
                    employer_id=col["employer_id"][i],
                    recognitions=recognitions,
                    min_level=col["min_level"][i],
                    min_age=col["min_age"][i],
                    night_work=col["night"][i],
                    evening=col["evening"][i],
                    weekend=col["weekend"][i],
                    lat=col["lat"][i],
                    lon=col["lon"][i],
                    start=_day(col["start"][i]),
                    end=_day(col["end"][i]) if col["has_end"][i] else None,
                    hours_per_week=col["hours"][i],
                    sector_id=sector if sector >= 0 else None,
                    accepted_qualifications=frozenset(sets["accepted"]),
                    werkprocessen=frozenset(sets["werkprocessen"]),
                    required_competencies=frozenset(sets["required"]),
                    nice_competencies=frozenset(sets["nice"]),
                    required_certificates=frozenset(sets["certificates"]),
                    support_offered=frozenset(sets["support"]),
                    text=self.texts(row),
                    leerweg=LEERWEGEN[leerweg - 1] if leerweg > 0 else "",
                )
            )
        return out

    def __iter__(self):
        return (self[i] for i in range(len(self)))


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


def _kinds_in(column: np.ndarray, kinds: frozenset) -> np.ndarray:
    """_KIND_TABLES[kinds][column]: for one or two kinds a comparison each."""
    if len(kinds) > 2:
        return _KIND_TABLES[kinds][column]
    out = np.zeros(column.shape, dtype=bool)
    for kind in kinds:
        out |= column == KIND_CODE[kind]
    return out


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


class _Near:
    """The rows of an index near a student (runs of rows, see `OpeningIndex.segments`): each
    column of the index, asked by its name, comes back restricted to these rows."""

    def __init__(self, ix: OpeningIndex, segments: list[tuple]):
        if len(segments) > 1:
            a, b = segments[0][0], segments[-1][1]
            if b - a <= SPAN_MAX * sum(b - a for a, b in segments):
                # One run from the first row to the last: views rather than copies of every
                # column. The rows between the runs lie outside the box, so beyond the radius:
                # the distance rule drops them as it drops the box's corners.
                segments = [(a, b)]
        self.base, self.segments = ix, segments
        self.n = sum(b - a for a, b in segments)
        self.local_start = np.cumsum([0] + [b - a for a, b in segments])[:-1]
        self.row_start = np.asarray([a for a, _b in segments], dtype=np.int64)

    def take(self, column: np.ndarray) -> np.ndarray:
        """A column of the index restricted to these rows (a read-only view when one run)."""
        if len(self.segments) == 1:
            a, b = self.segments[0]
            return column[a:b]
        if not self.segments:
            return column[:0]
        return np.concatenate([column[a:b] for a, b in self.segments])

    def __getattr__(self, name: str) -> np.ndarray:
        if name.startswith("_") or name not in self.base.arrays and name != "available":
            raise AttributeError(name)
        value = self.take(getattr(self.base, name))
        setattr(self, name, value)
        return value

    def rows(self, positions: np.ndarray) -> np.ndarray:
        """The index's rows at these positions among the near rows."""
        if len(self.segments) == 1:
            return positions + self.segments[0][0]
        run = np.searchsorted(self.local_start, positions, side="right") - 1
        return self.row_start[run] + (positions - self.local_start[run])

    def recognised(self, qualification_id: int | None) -> np.ndarray:
        if len(self.segments) == 1:
            return self.base.recognised(qualification_id, *self.segments[0])
        return self.take(self.base.recognised(qualification_id))


class _Ask:
    """One student asked of some rows of the index; age and distance worked out once."""

    def __init__(self, s: StudentRecord, ix, rows):
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
    ok = q.ix.end[q.rows] >= q.s.available_from.toordinal()
    s_to = _ordinal(q.s.available_to, FAR_FUTURE)
    if s_to < FAR_FUTURE:  # every start is on or before the last day a date can have
        ok &= q.ix.start[q.rows] <= s_to
    return ok


def _recognised(q: _Ask) -> np.ndarray:
    """Non-BPV rows (and every row for a non-MBO student) pass; a BPV row passes when the
    employer is recognised for the student's qualification on the start date."""
    is_bpv = q.ix.kind[q.rows] == KIND_CODE["bpv"]
    if q.s.education_type != "mbo" or not is_bpv.any():
        return np.ones(is_bpv.shape, dtype=bool)
    return ~is_bpv | q.ix.recognised(q.s.qualification_id)[q.rows]


Mask = Callable[[_Ask], np.ndarray]
# The hard rules (rules.HARD_RULES) as masks over the opening index, one per rule code; True
# where the rule holds. A property test holds each mask to rules.hard_rules_failing. Column
# masks are plain comparisons; pair masks need arithmetic per row (age, recognition, distance).
COLUMN_MASKS: dict[str, Mask] = {
    "closed": lambda q: q.ix.is_open[q.rows],
    "full": lambda q: q.ix.has_places[q.rows],
    "kind": lambda q: _kinds_in(q.ix.kind[q.rows], allowed_kinds(q.s)),
    "leerweg": _leerweg_ok,
    "level": lambda q: q.ix.min_level[q.rows] <= q.s.level,
    "hours": lambda q: q.ix.hours[q.rows] <= q.s.hours_per_week,
    "dates": _dates_ok,
}
PAIR_MASKS: dict[str, Mask] = {
    "recognition": _recognised,
    "min_age": lambda q: q.age >= q.ix.min_age[q.rows],
    "night_work_minor": lambda q: ~q.ix.night[q.rows] | (q.age >= ADULT_AGE),
    "distance": lambda q: q.km <= q.s.travel_radius_km,
}
OPENING_MASKS: dict[str, Mask] = {**COLUMN_MASKS, **PAIR_MASKS}


def opening_rule_masks(student: StudentRecord, ix: OpeningIndex) -> dict[str, np.ndarray]:
    """Each hard rule's mask over every row of the index (True: the rule holds)."""
    every = _Ask(student, ix, np.arange(ix.n))
    return {code: np.asarray(mask(every), dtype=bool) for code, mask in OPENING_MASKS.items()}


def distance_slack(radius: float) -> float:
    """How far (km) the chord of two float32 unit vectors, times the earth's radius, may be
    from the haversine distance, for distances up to `radius`: the chord is shorter by about
    d^3 / 24R^2, and float32 rounding costs a few metres; both bounded generously."""
    if not radius < 1000.0:
        return math.inf
    r = max(radius, 0.0)
    return 1.5 * r**3 / (24 * EARTH_KM**2) + 0.02 + 1e-5 * r


def _candidates(q: _Ask, f: RankFilter, radius: float) -> tuple[np.ndarray, np.ndarray]:
    """Positions among the near rows of openings that pass every hard rule (and the filters),
    and the squared chord of every near row (see `_rough_km`). The distance rule is decided on
    the rough distance where it is surely clear, and on the exact one within its slack of the
    radius."""
    near = q.ix
    mask = near.available.copy()
    highest = near.base.highest
    holds = {  # rules that hold on every row for this student (NaN: not known to hold)
        "hours": q.s.hours_per_week >= highest["hours"],
        "level": q.s.level >= highest["level"],
    }
    for code, rule in COLUMN_MASKS.items():
        if not holds.get(code):
            mask &= rule(q)
    if f.kinds:
        mask &= _kinds_in(near.kind, frozenset(f.kinds) & _ALL_KINDS)
    if f.sector_ids:
        mask &= np.isin(near.sector, list(f.sector_ids))
    # The pair rules, but for those that hold for every row here: recognition binds only BPV
    # rows, which the kind rule has already dropped for a student who does not look for BPV;
    # the age rules hold everywhere for a student old enough on the earliest start date.
    pair = ["min_age", "night_work_minor"]
    earliest, oldest = near.base.adult_from
    if earliest < FAR_FUTURE:
        age = age_on(q.s.birth_date, datetime.date.fromordinal(earliest))
        if age >= ADULT_AGE and age >= oldest:
            pair = []
    if _KIND_TABLES[allowed_kinds(q.s)][KIND_CODE["bpv"]]:
        pair.append("recognition")
    for code in pair:
        mask &= PAIR_MASKS[code](q)
    x, y, z = (float(v[0]) for v in _unit_vectors(np.array([q.s.lat]), np.array([q.s.lon])))
    squared = near.ux - np.float32(x)
    squared *= squared
    for column, value in ((near.uy, y), (near.uz, z)):
        d = column - np.float32(value)
        d *= d
        squared += d
    # The rough distance is EARTH_KM times the chord: its square decides (float32 rounding
    # is far within the slack), so only the rows that pass take a root (_rough_km).
    slack = distance_slack(radius)
    beyond, within = (radius + slack) / EARTH_KM, (radius - slack) / EARTH_KM
    mask &= ~(squared > beyond * beyond)
    if within > 0:
        unsure = np.flatnonzero(mask & ~(squared <= within * within))
    else:
        unsure = np.flatnonzero(mask)
    if unsure.size:
        rows = near.rows(unsure)
        km = _haversine(q.s.lat, q.s.lon, near.base.lat[rows], near.base.lon[rows])
        mask[unsure[~(km <= radius)]] = False
    return np.flatnonzero(mask), squared


def _rough_km(squared: np.ndarray) -> np.ndarray:
    """The rough distance (km, float32) from the squared chord `_candidates` gives."""
    rough = np.sqrt(squared)
    rough *= np.float32(EARTH_KM)
    return rough


def _student_columns(s: StudentRecord, ix: OpeningIndex) -> np.ndarray:
    """The student's weight per column of the side-by-side sets (0 where they have nothing)."""
    skills = ix.competencies.weighted(competency_weights(s))  # a skill's weight by its level
    vectors = {
        "required": skills,
        "nice": skills,
        "certificates": ix.certs.vector(s.certificates),
        "werkprocessen": ix.wps.weighted(werkproces_credits(s)),
        "accepted": ix.quals.vector(frozenset({s.qualification_id}) - {None}),
        "support": ix.support_columns.vector(s.support_needs),
    }
    w = np.zeros(int(ix.offsets[-1]), dtype=np.float64)
    for j, name in enumerate(BLOCK_NAMES):
        block = vectors[name][: ix.offsets[j + 1] - ix.offsets[j]]
        w[ix.offsets[j] : ix.offsets[j] + block.size] = block
    return w


def _block_counts(ix: OpeningIndex, weights: np.ndarray, rows: np.ndarray) -> dict:
    """How many of each opening's asked items the student has, per block (sums of multiples
    of 1/8: exact in any order)."""
    starts = ix.indptr[rows]
    lengths = ix.indptr[rows + 1] - starts
    cols = ix.indices[_ranges(starts, lengths)]
    key = np.repeat(np.arange(rows.size), lengths) * len(BLOCKS) + ix.col_block[cols]
    counts = np.bincount(key, weights=weights[cols], minlength=rows.size * len(BLOCKS))
    counts = counts.reshape(rows.size, len(BLOCKS))
    return {name: counts[:, j] for j, name in enumerate(BLOCK_NAMES)}


class _At:
    """Some rows of the index (ascending) as positions 0..m-1, for sums over the column-major
    lists of the sets that touch only the entries within the rows' span."""

    def __init__(self, rows: np.ndarray):
        self.rows, self.m = rows, rows.size
        self.a, self.b = int(rows[0]), int(rows[-1]) + 1
        # Each row of the span: its position, or m (a bin for the rows not asked about).
        self.position = np.full(self.b - self.a, self.m, dtype=np.int32)
        self.position[rows - self.a] = np.arange(self.m, dtype=np.int32)

    def sums(self, ix: OpeningIndex, cols: np.ndarray, weights: np.ndarray):
        """Per position the sum of weights[j] over the columns cols[j] that list its row
        (None: no column lists a row of the span)."""
        starts, ends = ix.col_ptr[cols], ix.col_ptr[cols + 1]
        lo, hi = np.empty_like(starts), np.empty_like(ends)
        for j, (s, e) in enumerate(zip(starts.tolist(), ends.tolist(), strict=True)):
            within = ix.col_rows[s:e]  # ascending
            lo[j] = s + int(np.searchsorted(within, self.a))
            hi[j] = s + int(np.searchsorted(within, self.b))
        lengths = hi - lo
        entries = _ranges(lo, lengths)
        if entries.size == 0:
            return None
        values = np.repeat(weights, lengths)
        local = ix.col_rows[entries] - self.a
        if entries.size > self.m // 4:  # many entries: sum over the whole span, then pick
            return np.bincount(local, values, minlength=self.b - self.a)[self.rows - self.a]
        return np.bincount(self.position[local], values, minlength=self.m + 1)[: self.m]

    def block_counts(self, ix: OpeningIndex, weights: np.ndarray, names) -> dict:
        """_block_counts of these blocks for these rows (None: zeros)."""
        out = {}
        for j, name in enumerate(BLOCK_NAMES):
            if name not in names:
                continue
            cols = np.flatnonzero(weights[ix.offsets[j] : ix.offsets[j + 1]]) + ix.offsets[j]
            out[name] = self.sums(ix, cols, weights[cols]) if cols.size else None
        return out


def _share(have: np.ndarray, asked: np.ndarray) -> np.ndarray:
    return np.where(asked > 0, have / np.maximum(asked, 1), 1.0)


def _credited_share(have: np.ndarray, asked: np.ndarray) -> np.ndarray:
    """As naive._credited_share: credits added up, as a share of the asked, capped at 1."""
    return np.minimum(_share(have, asked), 1.0)


def _factor_arrays(s: StudentRecord, ix, rows, distance, have, interests) -> dict:
    asked = {name: ix.arrays[f"asked_{name}"][rows].astype(np.float64) for name in COUNTED}
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
        "interests": np.clip(interests, 0.0, 1.0),
        "availability": np.clip(overlap / np.maximum(end - start, 1), 0.0, 1.0),
        "support": have["support"] / len(s.support_needs)
        if s.support_needs
        else np.ones(rows.size),
    }


def _among(values: np.ndarray, wanted: frozenset) -> np.ndarray:
    """np.isin(values, wanted): for a few values one comparison each (isin sorts)."""
    if len(wanted) > 8:
        return np.isin(values, list(wanted))
    out = np.zeros(values.shape, dtype=bool)
    for v in wanted:
        out |= values == v
    return out


def _per_block(weights: Weights) -> dict[str, float]:
    """The most each counted block adds to a score without support (its share is at most 1;
    the qualification factor is half the werkprocessen's share, half the accepted's)."""
    plain = naive.coefficients(weights, False)
    return {
        "required": plain["required_competencies"],
        "nice": plain["nice_competencies"],
        "certificates": plain["certificates"],
        "werkprocessen": 0.5 * plain["qualification"],
        "accepted": 0.5 * plain["qualification"],
    }


def _rough_dense(s: StudentRecord, ix: OpeningIndex, rows, rough, weights) -> np.ndarray:
    """The first part of `_rough_scores`: the shares of the blocks a row asks nothing of (1)
    and as if the student had nothing of the others (0), from a table by the row's
    noask_bits, plus distance, sector and availability."""
    f32 = np.float32
    plain = naive.coefficients(weights, False)
    per_block = _per_block(weights)
    table = np.zeros(1 << len(COUNTED), dtype=np.float64)
    for j, name in enumerate(COUNTED):
        table[(np.arange(table.size) >> j) & 1 == 1] += per_block[name]
    total = table.astype(f32)[ix.noask_bits[rows]]

    def add(code: str, value) -> None:
        c = plain[code]
        if not c:
            return
        if isinstance(value, float):
            total[...] += f32(c * value)
        else:
            value *= f32(c)
            total[...] += value

    radius = s.travel_radius_km
    if radius <= 0:
        add("distance", 1.0)
    else:
        distance = rough * f32(-1.0 / radius)
        distance += f32(1)
        add("distance", np.clip(distance, f32(0), f32(1), out=distance))
    if s.sector_preferences:
        add("sector", _among(ix.sector[rows], s.sector_preferences).astype(f32))
    else:
        add("sector", 1.0)
    s_from, s_to = s.available_from.toordinal(), _ordinal(s.available_to, 10**7)
    overlap = np.minimum(ix.end_capped[rows], s_to)
    overlap -= np.maximum(ix.start[rows], s_from)
    availability = overlap.astype(f32)
    availability *= ix.inv_period[rows]
    add("availability", np.clip(availability, f32(0), f32(1), out=availability))
    return total


def _rough_scores(s: StudentRecord, ix: OpeningIndex, rows, dense, w, weights) -> np.ndarray:
    """_scores for these rows (ascending) roughly, float32 and with the rough distance, but for
    the interests and the support factor (see `_rough_rest`): `_rough_dense`'s part (added to
    in place) plus the shares of the blocks where the student has some of them."""
    f32 = np.float32
    per_block = _per_block(weights)
    total = dense
    counts = _At(rows).block_counts(ix, w, COUNTED)
    for name in COUNTED:
        got = counts[name]
        if got is None or not per_block[name]:
            continue
        some = np.flatnonzero(got)
        share = got[some].astype(f32)
        if name != "accepted":  # accepted: the share is what the student has of it
            share *= ix.arrays[f"inv_{name}"][rows[some]]
        if name not in ("certificates", "accepted"):
            np.minimum(share, f32(1), out=share)
        share *= f32(per_block[name])
        total[some] += share
    return total


def _rough_rest(s: StudentRecord, ix: OpeningIndex, rows, partial, w, weights) -> np.ndarray:
    """The rough scores of these rows from `_rough_scores`' partial ones: the interests added
    and, with support needs, the max with the score with the support factor. Never lower than
    `partial`, never higher by more than `_headroom`."""
    f32 = np.float32
    total = partial.copy()
    c = naive.coefficients(weights, False)["interests"]
    if c and s.interests_text.strip():
        interests = ix.interests(s.interests_text, rows).astype(f32)
        interests = np.clip(interests, f32(0), f32(1), out=interests)
        interests *= f32(c)
        total += interests
    if not s.support_needs:
        return total
    # With the support factor every other coefficient shrinks by the same ratio.
    plain, full = naive.coefficients(weights, False), naive.coefficients(weights, True)
    ratio = (sum(full.values()) - full["support"]) / sum(plain.values())
    with_support = total * f32(ratio)
    if full["support"]:
        got = _block_counts(ix, w, rows)["support"].astype(f32)
        got *= f32(full["support"] / len(s.support_needs))
        with_support += got
    return np.maximum(total, with_support, out=total)


def _headroom(s: StudentRecord, weights: Weights) -> float:
    """How much `_rough_rest` may add to a partial score: the interests' coefficient, the
    support factor's, and a hair for float32 rounding (which is below 1e-4 at scores <= 100)."""
    room = naive.coefficients(weights, False)["interests"] if s.interests_text.strip() else 0.0
    if s.support_needs:
        room += naive.coefficients(weights, True)["support"]
    return room + 1e-3


def _kth_largest(a: np.ndarray, k: int) -> float:
    """The k-th largest value of `a` (k <= a.size): the best values of blocks of 64 bound it
    from below, so only the values above that bound are partitioned."""
    nb = a.size // 64
    if nb >= 4 * k:
        blocks = a[: nb * 64].reshape(nb, 64).max(axis=1)
        bound = np.partition(blocks, nb - k)[nb - k]
        if np.isfinite(bound):
            a = a[a >= bound]
    return float(np.partition(a, a.size - k)[a.size - k])


def _shortlist(q: _Ask, found: np.ndarray, squared, w, weights, k, radius):
    """The positions among `found` whose exact score may still reach the top k."""
    s, near, ix = q.s, q.ix, q.ix.base
    distance_weight = max(
        naive.coefficients(weights, False)["distance"],
        naive.coefficients(weights, True)["distance"] if s.support_needs else 0.0,
    )
    slack = ROUGH_SLACK
    if s.travel_radius_km > 0:
        slack += distance_weight * distance_slack(radius) / s.travel_radius_km
    if not math.isfinite(slack):
        return found
    rows = near.rows(found)
    dense = _rough_dense(s, ix, rows, _rough_km(squared[found]), weights)
    partial = _rough_scores(s, ix, rows, dense, w, weights)
    # A rough score is at least its partial one and at most the headroom above it: the k-th
    # best partial score is at most the k-th best rough one, so a row whose partial score is
    # further below it than the headroom and the list's margin has neither a top k rough
    # score nor one in the list.
    bar = _kth_largest(partial, k) - 2 * slack - 1e-6 - _headroom(s, weights)
    kept = np.flatnonzero(partial >= bar)
    scores = _rough_rest(s, ix, rows[kept], partial[kept], w, weights)
    kth = _kth_largest(scores, k)
    # Outside the list: rough < kth - 2 slack, so exact < kth - slack <= the exact score of
    # each of the k rows with rough >= kth. 1e-6 more keeps rank_key's rounding clear.
    return found[kept[scores >= kth - 2 * slack - 1e-6]]


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
    s, f = student, filter or RankFilter()
    radius = s.travel_radius_km
    if f.max_distance_km is not None:
        radius = min(radius, f.max_distance_km)
    near = _Near(index, index.segments(s.lat, s.lon, *_box(s.lat, s.lon, radius)))
    q = _Ask(s, near, slice(None))
    found, squared = _candidates(q, f, radius)
    if found.size == 0:
        return []
    w = _student_columns(s, index)
    if found.size > max(EXACT_MAX, k):
        found = _shortlist(q, found, squared, w, weights, k, radius)
    rows = near.rows(found)
    distance = _haversine(s.lat, s.lon, index.lat[rows], index.lon[rows])
    have = _block_counts(index, w, rows)
    interests = index.interests(s.interests_text, rows)
    values = _factor_arrays(s, index, rows, distance, have, interests)
    scores = _scores(values, weights, bool(s.support_needs))
    best = _top(scores, index.ids[rows], k)
    records = index.records
    chosen = rows[best]
    if isinstance(records, _StoredRecords):
        openings = records.many(chosen)
    else:
        openings = [records[row] for row in chosen]
    results = []
    for pos, opening in zip(best, openings, strict=True):
        pair_values = {c: float(values[c][pos]) for c in FACTOR_CODES}
        factors = naive.combine(pair_values, weights, bool(s.support_needs))
        score = sum(f.contribution for f in factors)  # bit-equal to scores[pos]
        results.append(naive.explain(s, opening, score, factors, float(distance[pos])))
    return results


def input_hash(record, weights: Weights) -> str:
    """A stable fingerprint of what a ranking was computed from (for the oversight log)."""
    fields = sorted(
        (k, sorted(map(str, v)) if isinstance(v, frozenset | set) else str(v))
        for k, v in vars(record).items()
    )
    payload = repr((fields, weights.version, sorted(weights.values.items()), ENGINE_VERSION))
    return hashlib.sha256(payload.encode()).hexdigest()
