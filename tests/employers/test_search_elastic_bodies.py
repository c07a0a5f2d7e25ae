"""The Elasticsearch backend without a server: the exact request bodies it builds (mappings,
queries, aggregations), and recorded responses fed through the real client, whose HTTP layer
alone is replaced by a node that answers from tests/employers/fixtures/."""

import datetime
import io
import json
import os
import re
from pathlib import Path

import pytest
import redis
from django.core.management import call_command
from elastic_transport import ApiResponseMeta, BaseNode, HttpHeaders
from elastic_transport._node import NodeApiResponse  # the public BaseNode answers this type
from elasticsearch import Elasticsearch

from employers.models import Opening
from employers.search import sync
from employers.search.base import SearchQuery, SearchResult
from employers.search.elastic import (
    ElasticsearchBackend,
    build_search,
    opening_index,
    synonym_rules,
    vocabulary_synonyms,
)
from matching.models import Certificate, Competency, Qualification, Sector

# The debounce tests share marks in one Redis db: in a parallel run they stay on one worker.
pytestmark = pytest.mark.xdist_group("search-redis")

FIXTURES = Path(__file__).parent / "fixtures"
GRONINGEN = (53.2194, 6.5665)


def fixture(name: str, **placeholders) -> dict:
    text = (FIXTURES / name).read_text()
    for key, value in placeholders.items():
        text = text.replace("{" + key + "}", str(value))
    return json.loads(text)


class FakeServer:
    """Answers requests by (method, path pattern) and records what the client sent."""

    def __init__(self, routes: list[tuple[str, str, int, dict | None]]):
        self.routes = routes
        self.requests: list[tuple[str, str, object]] = []

    def client(self) -> Elasticsearch:
        server = self

        class Node(BaseNode):
            def perform_request(self, method, target, body=None, headers=None, **kwargs):
                return server.answer(self.config, method, target, body)

        return Elasticsearch("http://es.test:9200", node_class=Node)

    def answer(self, config, method: str, target: str, body: bytes | None):
        path = target.partition("?")[0]
        self.requests.append((method, target, _decode(body)))
        for want_method, pattern, status, payload in self.routes:
            if want_method == method and re.fullmatch(pattern, path):
                meta = ApiResponseMeta(
                    status=status,
                    http_version="1.1",
                    headers=HttpHeaders(
                        {"x-elastic-product": "Elasticsearch", "content-type": "application/json"}
                    ),
                    duration=0.0,
                    node=config,
                )
                raw = b"" if payload is None else json.dumps(payload).encode()
                return NodeApiResponse(meta, raw)
        raise AssertionError(f"unexpected request {method} {target}")

    def bodies(self, method: str, pattern: str) -> list:
        return [b for m, t, b in self.requests if m == method and re.fullmatch(pattern, t)]


def bulk_actions(lines: list[dict]) -> set[tuple[str, int]]:
    """(operation, opening id) of each action line of a bulk body (not the documents)."""
    return {
        (op, int(line[op]["_id"])) for line in lines for op in ("index", "delete") if op in line
    }


def _decode(body: bytes | None):
    if not body:
        return None
    lines = body.decode().strip().split("\n")
    return json.loads(lines[0]) if len(lines) == 1 else [json.loads(line) for line in lines]


# -- request bodies ------------------------------------------------------------------------

EXPECTED_INDEX = {
    "settings": {
        "number_of_shards": 1,
        "number_of_replicas": 0,
        "analysis": {
            "analyzer": {
                "dutch_text": {
                    "type": "custom",
                    "tokenizer": "standard",
                    "filter": ["lowercase", "asciifolding", "dutch_stop", "dutch_stemmer"],
                },
                "dutch_search": {
                    "type": "custom",
                    "tokenizer": "standard",
                    "filter": [
                        "lowercase",
                        "asciifolding",
                        "dutch_stop",
                        "vocabulary_synonyms",
                        "dutch_stemmer",
                    ],
                },
            },
            "filter": {
                "dutch_stop": {"type": "stop", "stopwords": "_dutch_"},
                "dutch_stemmer": {"type": "stemmer", "language": "dutch"},
                "vocabulary_synonyms": {
                    "type": "synonym_graph",
                    "synonyms": ["heftruck, vorkheftruck", "25491, verzorgende ig"],
                    "lenient": True,
                },
            },
        },
    },
    "mappings": {
        "properties": {
            "opening_id": {"type": "integer"},
            "title": {"type": "text", "analyzer": "dutch_text", "search_analyzer": "dutch_search"},
            "employer": {
                "type": "text",
                "analyzer": "dutch_text",
                "search_analyzer": "dutch_search",
            },
            "sector_name": {
                "type": "text",
                "analyzer": "dutch_text",
                "search_analyzer": "dutch_search",
            },
            "description": {
                "type": "text",
                "analyzer": "dutch_text",
                "search_analyzer": "dutch_search",
            },
            "kind": {"type": "keyword"},
            "sector": {"type": "keyword"},
            "level": {"type": "keyword"},
            "place": {"type": "keyword"},
            "location": {"type": "geo_point"},
            "created_at": {"type": "date"},
            "updated_at": {"type": "date"},
        }
    },
}

TEXT_FIELDS = ["title^3", "employer^2", "sector_name^2", "description"]
FACET_AGGS = {
    "kind": {"terms": {"field": "kind", "size": 3}},
    "sector": {"terms": {"field": "sector", "size": 100}},
    "level": {"terms": {"field": "level", "size": 5}},
    "place": {"terms": {"field": "place", "size": 100}},
}


def test_the_index_maps_a_geo_point_facet_keywords_and_the_dutch_analyzer_with_synonyms():
    index = opening_index("bpv-openings-1", ["heftruck, vorkheftruck", "25491, verzorgende ig"])
    assert index.to_dict() == EXPECTED_INDEX


def test_without_a_vocabulary_the_search_analyzer_has_no_synonym_filter():
    analysis = opening_index("bpv-openings-1", []).to_dict()["settings"]["analysis"]
    assert analysis["analyzer"]["dutch_search"]["filter"] == [
        "lowercase",
        "asciifolding",
        "dutch_stop",
        "dutch_stemmer",
    ]
    assert "vocabulary_synonyms" not in analysis["filter"]


def test_a_radius_query_filters_by_geo_distance_counts_facets_and_decays_by_distance():
    query = SearchQuery(
        text="kok",
        kinds=("bpv",),
        sector_ids=(3,),
        levels=(2,),
        place_ids=(41,),
        point=GRONINGEN,
        radius_km=25,
        with_facets=True,
        offset=20,
        limit=10,
    )
    assert build_search(query).to_dict() == {
        "query": {
            "function_score": {
                "query": {
                    "bool": {
                        "must": [
                            {
                                "bool": {
                                    "should": [
                                        {
                                            "multi_match": {
                                                "query": "kok",
                                                "fields": TEXT_FIELDS,
                                                "fuzziness": "AUTO",
                                                "operator": "and",
                                            }
                                        },
                                        {
                                            "multi_match": {
                                                "query": "kok",
                                                "fields": TEXT_FIELDS,
                                                "type": "cross_fields",
                                                "operator": "and",
                                            }
                                        },
                                    ],
                                    "minimum_should_match": 1,
                                }
                            }
                        ],
                        "filter": [
                            {"terms": {"kind": ["bpv"]}},
                            {"terms": {"sector": ["3"]}},
                            {"terms": {"level": ["2"]}},
                            {"terms": {"place": ["41"]}},
                            {
                                "geo_distance": {
                                    "distance": "25km",
                                    "distance_type": "arc",
                                    "location": {"lat": 53.2194, "lon": 6.5665},
                                }
                            },
                        ],
                    }
                },
                "functions": [
                    {
                        "gauss": {
                            "location": {
                                "origin": {"lat": 53.2194, "lon": 6.5665},
                                "scale": "12.5km",
                                "offset": "0km",
                                "decay": 0.5,
                            }
                        }
                    }
                ],
                "boost_mode": "multiply",
            }
        },
        "aggs": FACET_AGGS,
        "sort": ["_score", {"opening_id": "asc"}],
        "track_total_hits": True,
        "_source": ["location"],
        "from": 20,
        "size": 10,
    }


def test_without_facets_asked_there_are_no_aggregations():
    assert "aggs" not in build_search(SearchQuery(text="kok")).to_dict()


def test_a_point_without_radius_only_decays_with_the_default_scale():
    body = build_search(SearchQuery(point=GRONINGEN)).to_dict()
    score = body["query"]["function_score"]
    assert score["query"] == {"bool": {"must": [{"match_all": {}}]}}
    assert score["functions"][0]["gauss"]["location"]["scale"] == "10km"


def test_an_empty_query_lists_newest_first_with_facets_and_no_source():
    assert build_search(SearchQuery(with_facets=True)).to_dict() == {
        "query": {"bool": {"must": [{"match_all": {}}]}},
        "aggs": FACET_AGGS,
        "sort": [{"created_at": "desc"}, {"opening_id": "desc"}],
        "track_total_hits": True,
        "_source": False,
        "from": 0,
        "size": 20,
    }


def test_synonym_rules_are_lowercase_sorted_and_safe_for_the_rule_syntax():
    rules = synonym_rules(
        [
            ["Heftruck", "vorkheftruck", "HEFTRUCK"],
            ["BHV", "bedrijfshulpverlening, EHBO => iets"],
            ["alleen"],
        ]
    )
    assert rules == ["bedrijfshulpverlening ehbo iets, bhv", "heftruck, vorkheftruck"]


def test_the_synonyms_come_from_the_vocabulary(db):
    zorg = Sector.objects.create(code="zorg", name="Zorg")
    Competency.objects.create(name="Klantgericht werken", synonyms=["klantvriendelijk"])
    Certificate.objects.create(name="VCA", synonyms=["VCA-basis", "veiligheid vca"])
    Qualification.objects.create(crebo="25491", name="Verzorgende IG", level=3, sector=zorg)
    Competency.objects.create(name="Zonder synoniemen")
    assert vocabulary_synonyms() == [
        "25491, verzorgende ig",
        "klantgericht werken, klantvriendelijk",
        "vca, vca-basis, veiligheid vca",
    ]


# -- recorded responses through the real client ----------------------------------------------


def test_a_recorded_search_response_becomes_hits_distances_and_facets():
    server = FakeServer(
        [("POST", r"/bpv-openings/_search", 200, fixture("es_search_radius_response.json"))]
    )
    backend = ElasticsearchBackend(client=server.client())
    query = SearchQuery(text="kok", point=GRONINGEN, radius_km=30, limit=2, with_facets=True)
    result = backend.search(query)
    assert server.bodies("POST", r"/bpv-openings/_search") == [build_search(query).to_dict()]
    assert result.total == 3
    assert [(h.opening_id, h.score) for h in result.hits] == [(4187, 2.7725887), (912, 0.1732868)]
    assert result.hits[0].distance_km == pytest.approx(0.0)
    assert result.hits[1].distance_km == pytest.approx(25.2, abs=0.5)
    assert result.facets == {
        "kind": {"bpv": 2, "vacature": 1},
        "sector": {"3": 2, "7": 1},
        "level": {"2": 2, "0": 1},
        "place": {"41": 2, "58": 1},
    }


def test_a_search_before_anything_was_indexed_finds_nothing():
    server = FakeServer(
        [("POST", r"/bpv-openings/_search", 404, fixture("es_index_not_found.json"))]
    )
    query = SearchQuery(text="kok", with_facets=True)
    result = ElasticsearchBackend(client=server.client()).search(query)
    assert result == SearchResult(
        total=0, hits=[], facets={"kind": {}, "sector": {}, "level": {}, "place": {}}
    )


@pytest.fixture
def two_openings(db):
    from employers.models import Employer, EmployerLocation
    from marketplace.models import Region
    from matching.models import Place

    region = Region.objects.create(name="Groningen", code="groningen")
    horeca = Sector.objects.create(code="horeca", name="Horeca")
    place = Place.objects.create(name="Groningen", latitude=53.2194, longitude=6.5665)
    employer = Employer.objects.create(
        name="Brasserie Het Zuiderdiep", kvk_number="87654321", sector=horeca, region=region
    )
    location = EmployerLocation.objects.create(employer=employer, name="Zaal", place=place)

    def opening(title, status):
        return Opening.objects.create(
            employer=employer,
            location=location,
            sector=horeca,
            kind="bpv",
            title=title,
            description="Je werkt mee in de keuken.",
            start_date=datetime.date(2027, 2, 1),
            status=status,
            min_level=2,
        )

    return opening("Hulpkok", "open"), opening("Afwasser", "closed")


def test_changed_openings_are_indexed_and_closed_ones_removed_in_one_bulk_request(two_openings):
    open_one, closed = two_openings
    server = FakeServer(
        [
            ("HEAD", r"/bpv-openings", 200, None),
            ("PUT", r"/_bulk", 200, fixture("es_bulk_index_and_delete_response.json")),
        ]
    )
    done = ElasticsearchBackend(client=server.client()).index_openings([closed.pk, open_one.pk])
    assert done == 2  # a delete of an entry that was never there is no error
    (bulk,) = server.bodies("PUT", r"/_bulk.*")
    place = open_one.location.place
    assert bulk == [
        {"index": {"_index": "bpv-openings", "_id": str(open_one.pk)}},
        {
            "opening_id": open_one.pk,
            "title": "Hulpkok",
            "employer": "Brasserie Het Zuiderdiep",
            "sector_name": "Horeca",
            "description": "Je werkt mee in de keuken.",
            "kind": "bpv",
            "sector": str(open_one.sector_id),
            "level": "2",
            "place": str(place.pk),
            "location": {"lat": 53.2194, "lon": 6.5665},
            "created_at": open_one.created_at.isoformat(),
            "updated_at": open_one.updated_at.isoformat(),
        },
        {"delete": {"_index": "bpv-openings", "_id": str(closed.pk)}},
    ]


def test_a_rejected_document_is_an_error_not_a_silent_gap(two_openings):
    open_one, _closed = two_openings
    server = FakeServer(
        [
            ("HEAD", r"/bpv-openings", 200, None),
            ("PUT", r"/_bulk", 200, fixture("es_bulk_mapping_error_response.json")),
        ]
    )
    with pytest.raises(RuntimeError, match="geo_point"):
        ElasticsearchBackend(client=server.client()).index_openings([open_one.pk])


OLD_INDEX = "bpv-openings-20261130020000000000"


def rebuild_server() -> FakeServer:
    return FakeServer(
        [
            ("PUT", r"/bpv-openings-\d+", 200, fixture("es_index_created.json")),
            ("PUT", r"/_bulk", 200, fixture("es_bulk_index_and_delete_response.json")),
            ("POST", r"/bpv-openings-\d+/_refresh", 200, {"_shards": {"total": 1}}),
            ("HEAD", r"/_alias/bpv-openings", 200, None),
            ("GET", r"/_alias/bpv-openings", 200, fixture("es_alias_get_response.json")),
            ("POST", r"/_aliases", 200, fixture("es_acknowledged.json")),
            ("DELETE", rf"/{OLD_INDEX}", 200, fixture("es_acknowledged.json")),
        ]
    )


def test_a_rebuild_fills_a_new_index_and_switches_the_alias_in_one_step(two_openings):
    old = OLD_INDEX
    server = rebuild_server()
    progress = []
    count = ElasticsearchBackend(client=server.client()).rebuild(progress=progress.append)
    assert count == 1 and progress == [1]  # only the open opening
    created = [t for m, t, _ in server.requests if m == "PUT" and t.startswith("/bpv-openings-")]
    new = created[0].partition("?")[0].lstrip("/")
    (mapping,) = server.bodies("PUT", rf"/{new}")
    assert mapping["mappings"] == EXPECTED_INDEX["mappings"]
    (bulk,) = server.bodies("PUT", r"/_bulk.*")
    assert bulk[0] == {"index": {"_index": new, "_id": str(two_openings[0].pk)}}
    assert server.bodies("POST", r"/_aliases") == [
        {
            "actions": [
                {"add": {"index": new, "alias": "bpv-openings"}},
                {"remove": {"index": old, "alias": "bpv-openings"}},
            ]
        }
    ]
    assert [m for m, t, _ in server.requests][-1] == "DELETE"  # the old index, after the switch


def test_reconcile_adds_the_missing_updates_the_stale_and_removes_the_gone(two_openings):
    fresh, closed = two_openings
    Opening.objects.filter(pk=closed.pk).update(status="open")
    missing = Opening.objects.create(
        employer=fresh.employer,
        location=fresh.location,
        sector=fresh.sector,
        kind="vacature",
        title="Barista",
        start_date=datetime.date(2027, 2, 1),
        status="open",
    )
    page = fixture("es_scroll_first_page.json", fresh=fresh.pk, stale=closed.pk, gone=999999)
    server = FakeServer(
        [
            ("HEAD", r"/bpv-openings", 200, None),
            ("POST", r"/bpv-openings/_search", 200, page),
            ("POST", r"/_search/scroll", 200, fixture("es_scroll_last_page.json")),
            ("DELETE", r"/_search/scroll", 200, {"succeeded": True, "num_freed": 1}),
            ("PUT", r"/_bulk", 200, fixture("es_bulk_index_and_delete_response.json")),
        ]
    )
    fixed = ElasticsearchBackend(client=server.client()).reconcile()
    assert fixed == {"added": 1, "updated": 1, "removed": 1}
    (bulk,) = server.bodies("PUT", r"/_bulk.*")
    assert bulk_actions(bulk) == {
        ("index", closed.pk),
        ("index", missing.pk),
        ("delete", 999999),
    }


def test_search_index_rebuild_shows_a_progress_bar_and_the_count(two_openings, monkeypatch):
    server = rebuild_server()
    monkeypatch.setattr(
        "employers.management.commands.search_index.get_backend",
        lambda: ElasticsearchBackend(client=server.client()),
    )
    out, err = io.StringIO(), io.StringIO()
    call_command("search_index", "--rebuild", stdout=out, stderr=err)
    assert out.getvalue().strip() == "1 openings indexed"
    assert "1/1" in err.getvalue()
    assert server.bodies("POST", r"/_aliases")


# -- debounced indexing --------------------------------------------------------------------

# Its own Redis db per test process (9, 10, ...): a flush in one never empties another's marks.
_PROCESS = os.environ.get("PYTEST_XDIST_WORKER", "gw0").removeprefix("gw") or "0"
REDIS_URL = f"redis://127.0.0.1:6379/{9 + int(_PROCESS) % 2}"


@pytest.fixture
def debounced(settings, monkeypatch):
    """Elasticsearch as the backend (its HTTP layer faked), marks in this product's Redis db."""
    settings.SEARCH_BACKEND = "elasticsearch"
    settings.SEARCH_QUEUE_URL = REDIS_URL
    r = redis.Redis.from_url(REDIS_URL)
    r.delete(sync.DIRTY_KEY, sync.SCHEDULED_KEY)
    server = FakeServer(
        [
            ("HEAD", r"/bpv-openings", 200, None),
            ("PUT", r"/_bulk", 200, fixture("es_bulk_index_and_delete_response.json")),
        ]
    )
    monkeypatch.setattr(
        "employers.search.get_backend", lambda: ElasticsearchBackend(client=server.client())
    )
    yield server
    r.delete(sync.DIRTY_KEY, sync.SCHEDULED_KEY)


def test_a_burst_of_changes_is_indexed_by_one_flush_in_one_bulk_request(two_openings, debounced):
    open_one, closed = two_openings
    flushes = []
    marked = [
        sync.search_mark_changed([pk], schedule=lambda: flushes.append(1))
        for pk in (open_one.pk, closed.pk, open_one.pk)
    ]
    assert marked == [True, False, False] and len(flushes) == 1
    assert debounced.requests == [] and sync.search_pending() == 2
    assert sync.search_flush() == 2
    (bulk,) = debounced.bodies("PUT", r"/_bulk.*")
    assert bulk_actions(bulk) == {("index", open_one.pk), ("delete", closed.pk)}
    assert sync.search_pending() == 0


def test_a_change_after_a_flush_schedules_the_next_one(two_openings, debounced):
    open_one, _closed = two_openings
    flushes = []
    sync.search_mark_changed([open_one.pk], schedule=lambda: flushes.append(1))
    sync.search_flush()
    assert sync.search_mark_changed([open_one.pk], schedule=lambda: flushes.append(1)) is True
    assert len(flushes) == 2


def test_the_index_task_only_marks_the_change(two_openings, debounced):
    from employers.tasks import search_index_opening

    redis.Redis.from_url(REDIS_URL).set(sync.SCHEDULED_KEY, 1)  # a flush is already due
    search_index_opening.delay(two_openings[0].pk)
    assert sync.search_pending() == 1 and debounced.requests == []


def test_without_redis_a_change_is_indexed_at_once(two_openings, debounced, settings):
    settings.SEARCH_QUEUE_URL = ""
    assert sync.search_mark_changed([two_openings[0].pk]) is False
    assert debounced.bodies("PUT", r"/_bulk.*")


def test_the_embedded_backend_marks_nothing(two_openings, debounced, settings):
    settings.SEARCH_BACKEND = "embedded"
    assert sync.search_mark_changed([two_openings[0].pk]) is False
    assert sync.search_pending() == 0
