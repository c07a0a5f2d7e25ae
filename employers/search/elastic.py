"""The Elasticsearch backend, through elasticsearch-dsl (used when ELASTICSEARCH_URL is set)."""

from elasticsearch import NotFoundError
from elasticsearch_dsl import Document, Integer, Keyword, Text, analyzer, connections

from ..models import Opening
from .base import SearchHit, SearchQuery, SearchResult

dutch = analyzer("dutch_folded", tokenizer="standard", filter=["lowercase", "asciifolding"])
ALIAS = "bpv-default"


class OpeningDocument(Document):
    title = Text(analyzer=dutch)
    employer = Text(analyzer=dutch)
    sector = Text(analyzer=dutch)
    description = Text(analyzer=dutch)
    kind = Keyword()
    sector_id = Integer()

    class Index:
        name = "bpv-openings"
        settings = {"number_of_shards": 1, "number_of_replicas": 0}


class ElasticsearchBackend:
    def __init__(self, url: str, index_name: str | None = None):
        connections.create_connection(alias=ALIAS, hosts=[url], request_timeout=10)
        self.index_name = index_name or OpeningDocument._index._name
        self._ensure_index()

    def _ensure_index(self) -> None:
        index = OpeningDocument._index.clone(name=self.index_name, using=ALIAS)
        if not index.exists():
            index.document(OpeningDocument)
            index.create()

    def search(self, query: SearchQuery) -> SearchResult:
        s = OpeningDocument.search(using=ALIAS, index=self.index_name)
        if query.text.strip():
            s = s.query(
                "multi_match",
                query=query.text,
                fields=["title^3", "employer^2", "sector^2", "description"],
                fuzziness="AUTO",
                operator="and",
            )
        else:
            s = s.sort("-_id")
        if query.kinds:
            s = s.filter("terms", kind=list(query.kinds))
        if query.sector_ids:
            s = s.filter("terms", sector_id=list(query.sector_ids))
        s = s.extra(track_total_hits=True)[query.offset : query.offset + query.limit]
        response = s.execute()
        hits = [SearchHit(int(h.meta.id), float(h.meta.score or 0.0)) for h in response]
        return SearchResult(total=response.hits.total.value, hits=hits)

    def index_opening(self, opening_id: int) -> None:
        opening = (
            Opening.objects.select_related("employer", "sector")
            .filter(pk=opening_id, status=Opening.Status.OPEN)
            .first()
        )
        if opening is None:
            try:
                OpeningDocument.get(id=opening_id, using=ALIAS, index=self.index_name).delete(
                    using=ALIAS, index=self.index_name, refresh=True
                )
            except NotFoundError:
                pass
            return
        _document(opening).save(using=ALIAS, index=self.index_name, refresh=True)

    def rebuild(self) -> int:
        from elasticsearch.helpers import bulk

        index = OpeningDocument._index.clone(name=self.index_name, using=ALIAS)
        index.delete(ignore_unavailable=True)
        self._ensure_index()
        openings = Opening.objects.filter(status=Opening.Status.OPEN).select_related(
            "employer", "sector"
        )
        actions = (
            _document(o).to_dict(include_meta=True) | {"_index": self.index_name}
            for o in openings.iterator(chunk_size=2000)
        )
        count, _ = bulk(connections.get_connection(ALIAS), actions, refresh=True)
        return count


def _document(opening: Opening) -> OpeningDocument:
    return OpeningDocument(
        meta={"id": opening.pk},
        title=opening.title,
        employer=opening.employer.name,
        sector=opening.sector.name,
        description=opening.description,
        kind=opening.kind,
        sector_id=opening.sector_id,
    )
