"""The embedded backend: the database narrows, an in-process scorer ranks.

Each query word must appear in the title, employer, sector or description; title hits weigh most.
On PostgreSQL that is full-text search with the Dutch configuration ("bakkers" finds "Bakker",
over a GIN index on the openings' own text); where it finds nothing, and on SQLite, a word matches
as a word or word start, and words of five letters or more with one typo. A point ranks nearer
openings higher (the same gauss decay as Elasticsearch), a radius keeps only those within it, and
facets are counted over everything found. No index to keep in sync.
"""

from collections import Counter

from django.contrib.postgres.search import SearchQuery as TsQuery
from django.contrib.postgres.search import SearchRank, SearchVector
from django.db import connection
from django.db.models import Count, FloatField, Q, Value
from rapidfuzz import fuzz

from matching.models import Sector

from ..models import Employer, Opening
from .base import (
    FACETS,
    Facets,
    SearchHit,
    SearchQuery,
    SearchResult,
    bounding_box,
    distance_km,
    gauss_decay,
    normalise,
    tokens,
)

FIELD_WEIGHTS = (("title", 3.0), ("employer", 2.0), ("sector", 2.0), ("description", 1.0))
MAX_CANDIDATES = 5000
DESCRIPTION_ONLY = 1e-3  # the full-text rank of an opening found by its description alone
CONFIG = "dutch"
# What each facet counts, as a column of the openings.
FACET_COLUMNS = {
    "kind": "kind",
    "sector": "sector_id",
    "level": "min_level",
    "place": "location__place_id",
}
ROW = (
    "id",
    *FACET_COLUMNS.values(),
    "location__place__latitude",
    "location__place__longitude",
)


def opening_vector() -> SearchVector:
    """The openings' own text as the GIN index employers_opening_fts_dutch holds it."""
    return SearchVector("title", weight="A", config=CONFIG) + SearchVector(
        "description", weight="C", config=CONFIG
    )


def title_vector() -> SearchVector:
    """The title alone, as the GIN index employers_opening_title_fts_dutch holds it."""
    return SearchVector("title", config=CONFIG)


def employer_vector() -> SearchVector:
    """The employer's name, as the GIN index employers_employer_name_fts_dutch holds it."""
    return SearchVector("name", config=CONFIG)


class EmbeddedBackend:
    def _candidates(self, query: SearchQuery):
        qs = Opening.objects.filter(status=Opening.Status.OPEN)
        if query.kinds:
            qs = qs.filter(kind__in=query.kinds)
        if query.sector_ids:
            qs = qs.filter(sector_id__in=query.sector_ids)
        if query.levels:
            qs = qs.filter(min_level__in=query.levels)
        if query.place_ids:
            qs = qs.filter(location__place_id__in=query.place_ids)
        if query.radius_km is not None:
            min_lat, max_lat, min_lon, max_lon = bounding_box(query.point, query.radius_km)
            qs = qs.filter(
                location__place__latitude__range=(min_lat, max_lat),
                location__place__longitude__range=(min_lon, max_lon),
            )
        return qs

    def search(self, query: SearchQuery) -> SearchResult:
        qs = self._candidates(query)
        words = tokens(query.text)
        if not words and query.point is None:
            return self._newest_first(qs, query)
        rows = (
            _text_rows(qs, query.text, words)
            if words
            else qs.values_list(*ROW, Value(1.0, output_field=FloatField()))
        )
        found: list[tuple[float, int, float | None]] = []
        counts: dict[str, Counter] = {name: Counter() for name in FACETS}
        for pk, *facet_values, lat, lon, score in rows:
            distance = None
            if query.point is not None:
                distance = distance_km(query.point, (lat, lon))
                if query.radius_km is not None and distance > query.radius_km:
                    continue
                score *= gauss_decay(distance, query.scale_km)
            found.append((-score, pk, distance))
            for name, value in zip(FACETS, facet_values, strict=True):
                counts[name][str(value)] += 1
        found.sort(key=lambda f: (f[0], f[1]))
        page = found[query.offset : query.offset + query.limit]
        return SearchResult(
            total=len(found),
            hits=[SearchHit(pk, -s, d) for s, pk, d in page],
            facets={name: dict(c) for name, c in counts.items()} if query.with_facets else {},
        )

    def _newest_first(self, qs, query: SearchQuery) -> SearchResult:
        page = qs.order_by("-created_at", "-id").values_list("id", flat=True)
        page = page[query.offset : query.offset + query.limit]
        hits = [SearchHit(i, 0.0) for i in page]
        if not query.with_facets:
            return SearchResult(total=qs.count(), hits=hits)
        total, facets = _sql_facets(qs)
        return SearchResult(total=total, hits=hits, facets=facets)

    def index_opening(self, opening_id: int) -> None:
        """Nothing to do: the embedded backend reads the database directly."""

    def index_openings(self, opening_ids: list[int]) -> int:
        return 0

    def rebuild(self, progress=None) -> int:
        return Opening.objects.filter(status=Opening.Status.OPEN).count()

    def reconcile(self) -> dict[str, int]:
        return {"added": 0, "updated": 0, "removed": 0}


def _sql_facets(qs) -> tuple[int, Facets]:
    """The total and every facet from one GROUP BY over all four columns (one scan, not five)."""
    columns = list(FACET_COLUMNS.values())
    grouped = qs.order_by().values(*columns).annotate(n=Count("id")).values_list(*columns, "n")
    counts: dict[str, Counter] = {name: Counter() for name in FACETS}
    total = 0
    for *values, n in grouped:
        total += n
        for name, value in zip(FACETS, values, strict=True):
            counts[name][str(value)] += n
    return total, {name: dict(c) for name, c in counts.items()}


def _text_rows(qs, text: str, words: list[str]) -> list[tuple]:
    """ROW and the text relevance of every candidate that has all the words."""
    if connection.vendor == "postgresql":
        rows = _fulltext_rows(qs, text)
        if rows:
            return rows
    scores = _literal_scores(qs, words)
    return [(*row, scores[row[0]]) for row in qs.filter(pk__in=list(scores)).values_list(*ROW)]


def _fulltext_rows(qs, text: str) -> list[tuple]:
    """Dutch full-text search: stems ("bakkers" → bakker), word starts, weights A/B/C.

    Every word must be in the opening's own text or its employer's or sector's name, each
    looked up through its GIN index. Of a common word's many matches, those with every word in
    the title come first; at most MAX_CANDIDATES are then ranked (ts_rank), as the literal
    matching caps them too.
    """
    lexemes = _tsquery_words(text)
    if not lexemes:
        return []
    every_word = TsQuery(" & ".join(lexemes), search_type="raw", config=CONFIG)
    in_title = Opening.objects.annotate(v=title_vector()).filter(v=every_word).values("pk")
    # Every word in the title is a match in itself: no need to look at the other tables.
    ids = list(qs.filter(pk__in=in_title).order_by().values_list("id", flat=True)[:MAX_CANDIDATES])
    if len(ids) < MAX_CANDIDATES:
        found: set[int] | None = None
        for lexeme in lexemes:
            with_word = _ids_with_word(qs, TsQuery(lexeme, search_type="raw", config=CONFIG))
            found = with_word if found is None else found & with_word
        ids += sorted(found - set(ids))[: MAX_CANDIDATES - len(ids)]
    if not ids:
        return []
    # Ranked on the short fields only: a description's words count for matching, and weigh the
    # least, but computing their vectors again for thousands of rows would cost seconds.
    short = (
        SearchVector("title", weight="A", config=CONFIG)
        + SearchVector("employer__name", weight="B", config=CONFIG)
        + SearchVector("sector__name", weight="B", config=CONFIG)
    )
    rank = SearchRank(short, every_word, weights=[0.1, 0.2, 0.4, 1.0])
    ranked = qs.filter(pk__in=ids).annotate(rank=rank).order_by().values_list(*ROW, "rank")
    return [(*row, max(float(r), DESCRIPTION_ONLY)) for *row, r in ranked]


def _ids_with_word(qs, word: TsQuery) -> set[int]:
    """The ids in `qs` with the word in the opening's own text, its employer's name or its
    sector's name: three lookups, each through its own index, in one query (an OR of the three
    would test every open opening against all of them)."""
    own = Opening.objects.annotate(v=opening_vector()).filter(v=word).values("pk")
    by_employer = Employer.objects.annotate(v=employer_vector()).filter(v=word).values("pk")
    by_sector = (
        Sector.objects.annotate(v=SearchVector("name", config=CONFIG)).filter(v=word).values("pk")
    )
    ids = qs.order_by().values_list("id", flat=True)
    return set(
        ids.filter(pk__in=own).union(
            ids.filter(employer__in=by_employer), ids.filter(sector__in=by_sector)
        )
    )


def _tsquery_words(text: str) -> list[str]:
    """Each word as a prefix term of a raw tsquery, without Dutch stop words ("de", "in"),
    which would match nothing; only letters and digits reach PostgreSQL."""
    terms = [f"{w}:*" for w in dict.fromkeys(normalise(text).split()) if len(w) > 1]
    if not terms:
        return []
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT t FROM unnest(%s::text[]) AS t WHERE numnode(to_tsquery(%s::regconfig, t)) > 0",
            [terms, CONFIG],
        )
        kept = {row[0] for row in cursor.fetchall()}
    return [t for t in terms if t in kept]


def _literal_scores(qs, words: list[str]) -> dict[int, float]:
    rows = qs.values_list("id", "title", "employer__name", "sector__name", "description")
    scores = {}
    for pk, *texts in rows.filter(_any_word(words))[:MAX_CANDIDATES]:
        score = _score(words, texts)
        if score > 0:
            scores[pk] = score
    if not scores:  # nothing literal: allow typos over a wider set
        for pk, *texts in rows[:MAX_CANDIDATES]:
            score = _score(words, texts, typos=True)
            if score > 0:
                scores[pk] = score
    return scores


def _any_word(words: list[str]) -> Q:
    q = Q()
    for w in words:
        stem = w[:5] if len(w) > 5 else w
        for field in ("title", "employer__name", "sector__name", "description"):
            q |= Q(**{f"{field}__icontains": stem})
    return q


def _score(words: list[str], texts: list[str], typos: bool = False) -> float:
    total = 0.0
    for word in words:
        best = 0.0
        for (_, weight), text in zip(FIELD_WEIGHTS, texts, strict=True):
            field_words = normalise(text).split()
            if word in field_words or any(fw.startswith(word) for fw in field_words):
                best = max(best, weight)
            elif typos and len(word) >= 5:
                if any(fuzz.ratio(word, fw) >= 80 for fw in field_words):
                    best = max(best, weight * 0.6)
        if best == 0.0:
            return 0.0  # every word must be found somewhere
        total += best
    return total
