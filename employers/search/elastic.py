"""The Elasticsearch backend, written with the client's DSL (used when ELASTICSEARCH_URL is set).

One document per open opening: its text analysed as Dutch (stemmed, accents folded, with the
vocabulary's synonyms at search time), a geo_point for its location and keyword fields for the
facets. Searches are read from an alias, so `search_index --rebuild` fills a new index and
switches the alias in one atomic step.
"""

from collections.abc import Callable, Iterable, Iterator
from datetime import datetime

from django.utils import timezone
from elasticsearch import Elasticsearch, NotFoundError
from elasticsearch.dsl import (
    SF,
    A,
    Date,
    Document,
    GeoPoint,
    Index,
    Integer,
    Keyword,
    Q,
    Search,
    Text,
    analyzer,
    token_filter,
)
from elasticsearch.dsl.response import Response
from elasticsearch.helpers import scan, streaming_bulk

from ..models import Opening
from .base import FACETS, SearchHit, SearchQuery, SearchResult, distance_km

ALIAS = "bpv-openings"
INDEX_ANALYZER = "dutch_text"
SEARCH_ANALYZER = "dutch_search"
TEXT_FIELDS = ["title^3", "employer^2", "sector_name^2", "description"]
FACET_SIZES = {"kind": 3, "sector": 100, "level": 5, "place": 100}
BULK_CHUNK = 1000


class OpeningDocument(Document):
    opening_id = Integer()
    title = Text(analyzer=INDEX_ANALYZER, search_analyzer=SEARCH_ANALYZER)
    employer = Text(analyzer=INDEX_ANALYZER, search_analyzer=SEARCH_ANALYZER)
    sector_name = Text(analyzer=INDEX_ANALYZER, search_analyzer=SEARCH_ANALYZER)
    description = Text(analyzer=INDEX_ANALYZER, search_analyzer=SEARCH_ANALYZER)
    kind = Keyword()
    sector = Keyword()
    level = Keyword()
    place = Keyword()
    location = GeoPoint()
    created_at = Date()
    updated_at = Date()

    class Index:
        name = ALIAS


# Elasticsearch's "dutch" analyzer, rebuilt so a synonym filter and accent folding fit in.
_stop = token_filter("dutch_stop", type="stop", stopwords="_dutch_")
_stemmer = token_filter("dutch_stemmer", type="stemmer", language="dutch")


def index_analyzer():
    return analyzer(
        INDEX_ANALYZER, tokenizer="standard", filter=["lowercase", "asciifolding", _stop, _stemmer]
    )


def search_analyzer(synonyms: list[str]):
    """Synonyms only at search time (synonym_graph): a new vocabulary needs no reindexed text."""
    filters: list = ["lowercase", "asciifolding", _stop]
    if synonyms:  # before the stemmer, so a synonym is stemmed like the indexed text
        filters.append(
            token_filter(
                "vocabulary_synonyms", type="synonym_graph", synonyms=synonyms, lenient=True
            )
        )
    return analyzer(SEARCH_ANALYZER, tokenizer="standard", filter=[*filters, _stemmer])


def opening_index(name: str, synonyms: list[str]) -> Index:
    """The index definition: settings, analysis and the mapping of OpeningDocument."""
    index = Index(name)
    index.settings(number_of_shards=1, number_of_replicas=0)
    index.analyzer(index_analyzer())
    index.analyzer(search_analyzer(synonyms))
    index.document(OpeningDocument)
    return index


def vocabulary_synonyms() -> list[str]:
    """Solr-style rules from the vocabulary: a competency or certificate with its synonyms, a
    qualification's name with its crebo number ("verzorgende ig, 25491")."""
    from matching.models import Certificate, Competency, Qualification

    groups: list[list[str]] = []
    for model in (Competency, Certificate):
        for name, synonyms in model.objects.values_list("name", "synonyms"):
            groups.append([name, *(synonyms or [])])
    for name, crebo in Qualification.objects.values_list("name", "crebo"):
        groups.append([name, crebo])
    return synonym_rules(groups)


def synonym_rules(groups: Iterable[list[str]]) -> list[str]:
    rules = set()
    for group in groups:
        terms = sorted({_term(t) for t in group} - {""})
        if len(terms) > 1:
            rules.add(", ".join(terms))
    return sorted(rules)


def _term(text) -> str:
    """A term as the rule syntax allows it: no commas, arrows or escapes, lowercase."""
    cleaned = "".join(" " if c in ",=>#\\" else c for c in str(text).lower())
    return " ".join(cleaned.split())


def build_search(query: SearchQuery, *, using=None, index: str = ALIAS) -> Search:
    """The request body for a query: filters, geo_distance, function_score and facet aggs."""
    s = Search(using=using, index=index)
    text = query.text.strip()
    match = _text_match(text) if text else Q("match_all")
    q = Q("bool", must=[match], filter=_filters(query))
    if query.point is not None:
        lat, lon = query.point
        decay = SF(
            "gauss",
            location={
                "origin": {"lat": lat, "lon": lon},
                "scale": f"{query.scale_km:g}km",
                "offset": "0km",
                "decay": 0.5,
            },
        )
        q = Q("function_score", query=q, functions=[decay], boost_mode="multiply")
    s = s.query(q)
    if text or query.point is not None:
        s = s.sort("_score", {"opening_id": "asc"})
    else:
        s = s.sort({"created_at": "desc"}, {"opening_id": "desc"})
    if query.with_facets:
        for name in FACETS:
            s.aggs.bucket(name, A("terms", field=name, size=FACET_SIZES[name]))
    s = s.source(["location"] if query.point is not None else False)
    s = s.extra(track_total_hits=True)
    return s[query.offset : query.offset + query.limit]


def _text_match(text: str):
    """Every word somewhere: all in one field, a typo allowed, or spread over the fields (say
    the job in the title and the street in the description), without typos as cross_fields
    allows none."""
    return Q(
        "bool",
        should=[
            Q(
                "multi_match",
                query=text,
                fields=TEXT_FIELDS,
                fuzziness="AUTO",
                operator="and",
            ),
            Q("multi_match", query=text, fields=TEXT_FIELDS, type="cross_fields", operator="and"),
        ],
        minimum_should_match=1,
    )


def _filters(query: SearchQuery) -> list:
    filters = []
    for field, values in (
        ("kind", query.kinds),
        ("sector", query.sector_ids),
        ("level", query.levels),
        ("place", query.place_ids),
    ):
        if values:
            filters.append(Q("terms", **{field: [str(v) for v in values]}))
    if query.radius_km is not None:
        lat, lon = query.point
        filters.append(
            Q(
                "geo_distance",
                distance=f"{query.radius_km:g}km",
                distance_type="arc",
                location={"lat": lat, "lon": lon},
            )
        )
    return filters


def parse_response(response: Response, query: SearchQuery) -> SearchResult:
    hits = []
    for hit in response:
        distance = None
        location = getattr(hit, "location", None)
        if query.point is not None and location is not None:
            distance = distance_km(query.point, (location.lat, location.lon))
        hits.append(SearchHit(int(hit.meta.id), float(hit.meta.score or 0.0), distance))
    facets = {}
    if query.with_facets:
        facets = {
            name: {str(b.key): b.doc_count for b in response.aggregations[name].buckets}
            for name in FACETS
        }
    return SearchResult(total=response.hits.total.value, hits=hits, facets=facets)


def opening_source(opening: Opening) -> dict:
    place = opening.location.place
    return {
        "opening_id": opening.pk,
        "title": opening.title,
        "employer": opening.employer.name,
        "sector_name": opening.sector.name,
        "description": opening.description,
        "kind": opening.kind,
        "sector": str(opening.sector_id),
        "level": str(opening.min_level),
        "place": str(place.pk),
        "location": {"lat": place.latitude, "lon": place.longitude},
        "created_at": opening.created_at.isoformat(),
        "updated_at": opening.updated_at.isoformat(),
    }


def _open_openings():
    return Opening.objects.filter(status=Opening.Status.OPEN).select_related(
        "employer", "sector", "location__place"
    )


class ElasticsearchBackend:
    def __init__(
        self,
        url: str | None = None,
        index_name: str | None = None,
        *,
        client: Elasticsearch | None = None,
        refresh: bool = False,
    ):
        self.client = client or Elasticsearch(url, request_timeout=10)
        self.alias = index_name or ALIAS
        self.refresh = refresh  # True makes every write visible at once (tests, small scripts)
        self._ready = False

    # -- reading ---------------------------------------------------------------------------

    def search(self, query: SearchQuery) -> SearchResult:
        try:
            response = build_search(query, using=self.client, index=self.alias).execute()
        except NotFoundError:  # no index yet: nothing was ever indexed
            facets = {name: {} for name in FACETS} if query.with_facets else {}
            return SearchResult(total=0, hits=[], facets=facets)
        return parse_response(response, query)

    # -- writing ---------------------------------------------------------------------------

    def ensure_index(self) -> None:
        """Create a first index behind the alias when there is none."""
        if self._ready:
            return
        if not self.client.indices.exists(index=self.alias):
            name = self._new_index_name()
            opening_index(name, vocabulary_synonyms()).create(using=self.client)
            self.client.indices.put_alias(index=name, name=self.alias)
        self._ready = True

    def index_opening(self, opening_id: int) -> None:
        self.index_openings([opening_id])

    def index_openings(self, opening_ids: list[int]) -> int:
        """Index the open ones among these openings and remove the rest, in bulk."""
        if not opening_ids:
            return 0
        self.ensure_index()
        wanted = set(opening_ids)
        found = list(_open_openings().filter(pk__in=wanted))
        actions = [self._index_action(o) for o in found]
        actions += [
            {"_op_type": "delete", "_index": self.alias, "_id": str(pk)}
            for pk in sorted(wanted - {o.pk for o in found})
        ]
        return self._bulk(actions)

    def _index_action(self, opening: Opening, index: str | None = None) -> dict:
        return {"_index": index or self.alias, "_id": str(opening.pk), **opening_source(opening)}

    def _bulk(self, actions: Iterable[dict], progress: Callable[[int], None] | None = None) -> int:
        done = 0
        for ok, item in streaming_bulk(
            self.client,
            actions,
            chunk_size=BULK_CHUNK,
            raise_on_error=False,
            refresh=self.refresh,
        ):
            op = next(iter(item.values()))
            if ok or (op.get("status") == 404 and "delete" in item):
                done += 1
            else:
                raise RuntimeError(f"Indexing opening {op.get('_id')} failed: {op.get('error')}")
            if progress:
                progress(1)
        return done

    def rebuild(self, progress: Callable[[int], None] | None = None) -> int:
        """Fill a new index, then point the alias at it in one step and drop the old ones."""
        name = self._new_index_name()
        opening_index(name, vocabulary_synonyms()).create(using=self.client)
        actions = (
            self._index_action(o, index=name) for o in _open_openings().iterator(chunk_size=2000)
        )
        count = self._bulk(actions, progress)
        self.client.indices.refresh(index=name)
        self._switch_alias(name)
        self._ready = True
        return count

    def _new_index_name(self) -> str:
        return f"{self.alias}-{timezone.now():%Y%m%d%H%M%S%f}"

    def _switch_alias(self, name: str) -> None:
        old = []
        if self.client.indices.exists_alias(name=self.alias):
            old = list(self.client.indices.get_alias(name=self.alias).body)
        elif self.client.indices.exists(index=self.alias):
            old = [self.alias]  # an index made before aliases: replaced in the same step
        actions: list[dict] = [{"add": {"index": name, "alias": self.alias}}]
        for index in old:
            if index == self.alias:
                actions.insert(0, {"remove_index": {"index": index}})
            else:
                actions.append({"remove": {"index": index, "alias": self.alias}})
        self.client.indices.update_aliases(actions=actions)
        for index in old:
            if index not in (name, self.alias):
                self.client.indices.delete(index=index, ignore_unavailable=True)

    def drop(self) -> None:
        """Delete the alias and every index behind it."""
        if self.client.indices.exists_alias(name=self.alias):
            for index in self.client.indices.get_alias(name=self.alias).body:
                self.client.indices.delete(index=index, ignore_unavailable=True)
        self.client.indices.delete(index=self.alias, ignore_unavailable=True)
        self._ready = False

    # -- drift -----------------------------------------------------------------------------

    def indexed_versions(self) -> Iterator[tuple[int, datetime | None]]:
        for hit in scan(
            self.client, index=self.alias, query={"_source": ["updated_at"]}, size=BULK_CHUNK
        ):
            stamp = hit.get("_source", {}).get("updated_at")
            yield int(hit["_id"]), datetime.fromisoformat(stamp) if stamp else None

    def reconcile(self) -> dict[str, int]:
        """Compare ids and updated_at with the database and index only what differs."""
        self.ensure_index()
        expected = dict(
            Opening.objects.filter(status=Opening.Status.OPEN).values_list("id", "updated_at")
        )
        indexed = dict(self.indexed_versions())
        missing = expected.keys() - indexed.keys()
        extra = indexed.keys() - expected.keys()
        stale = {
            pk
            for pk in expected.keys() & indexed.keys()
            if indexed[pk] is None or indexed[pk] < expected[pk]
        }
        self.index_openings(sorted(missing | extra | stale))
        return {"added": len(missing), "updated": len(stale), "removed": len(extra)}
