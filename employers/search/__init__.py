"""Full-text search over open openings, behind one interface with two backends.

The embedded backend (the default) searches the database and ranks in process; the
Elasticsearch backend (when ELASTICSEARCH_URL is set) is written with the client's DSL
(elasticsearch.dsl). Both answer the same queries (text, filters, a radius around a point) with
the same result (hits, total, facet counts) and pass the same contract tests
(tests/employers/test_search_contract.py).
"""

from functools import lru_cache

from django.conf import settings

from .base import SearchBackend, SearchHit, SearchQuery, SearchResult


@lru_cache(maxsize=1)
def get_backend() -> SearchBackend:
    if settings.SEARCH_BACKEND == "elasticsearch":
        from .elastic import ElasticsearchBackend

        return ElasticsearchBackend(settings.ELASTICSEARCH_URL)
    from .embedded import EmbeddedBackend

    return EmbeddedBackend()


__all__ = ["SearchBackend", "SearchHit", "SearchQuery", "SearchResult", "get_backend"]
