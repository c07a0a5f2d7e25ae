"""One contract for both search backends: the embedded default always, Elasticsearch when
ELASTICSEARCH_URL points at a live server."""

import datetime
import os
import uuid

import pytest
from django.db import connection

from employers.models import Employer, EmployerLocation, Opening
from employers.search.base import SearchQuery
from employers.search.embedded import EmbeddedBackend
from marketplace.models import Region
from matching.models import Place, Sector

BACKENDS = ["embedded"]
if os.environ.get("ELASTICSEARCH_URL"):
    BACKENDS.append("elasticsearch")


@pytest.fixture(params=BACKENDS)
def backend(request, db):
    if request.param == "embedded":
        yield EmbeddedBackend()
        return
    from employers.search.elastic import ElasticsearchBackend

    name = f"bpv-test-{uuid.uuid4().hex[:8]}"
    es = ElasticsearchBackend(os.environ["ELASTICSEARCH_URL"], index_name=name, refresh=True)
    yield es
    es.drop()


@pytest.fixture
def region_data(db):
    region = Region.objects.create(name="Groningen", code="groningen")
    zorg = Sector.objects.create(code="zorg", name="Zorg")
    horeca = Sector.objects.create(code="horeca", name="Horeca")
    place = Place.objects.create(name="Groningen", latitude=53.2194, longitude=6.5665)
    employer = Employer.objects.create(
        name="Zorggroep Noorderhaven", kvk_number="12345678", sector=zorg, region=region
    )
    location = EmployerLocation.objects.create(employer=employer, name="Hoofdlocatie", place=place)
    data = {"zorg": zorg, "horeca": horeca, "employer": employer, "location": location}
    for key, (name, lat, lon) in PLACES.items():  # Groningen's own location is "location"
        other = Place.objects.create(name=name, latitude=lat, longitude=lon)
        data[key] = EmployerLocation.objects.create(employer=employer, name=name, place=other)
    return data


GRONINGEN = (53.2194, 6.5665)
PLACES = {  # distance from Groningen: Haren about 6 km, Assen 25 km, Zwolle 86 km
    "haren": ("Haren", 53.1736, 6.6047),
    "assen": ("Assen", 52.9925, 6.5649),
    "zwolle": ("Zwolle", 52.5168, 6.0830),
}


def make_opening(
    data,
    title,
    *,
    sector="zorg",
    kind="bpv",
    status="open",
    description="",
    at="location",
    level=0,
):
    return Opening.objects.create(
        employer=data["employer"],
        location=data[at],
        sector=data[sector],
        kind=kind,
        title=title,
        description=description,
        start_date=datetime.date(2027, 2, 1),
        status=status,
        min_level=level,
    )


def ids(backend, **kwargs) -> list[int]:
    return [hit.opening_id for hit in backend.search(SearchQuery(**kwargs)).hits]


def index_all(backend, *openings):
    for opening in openings:
        backend.index_opening(opening.pk)


def test_a_word_from_the_title_finds_the_opening(backend, region_data):
    cook = make_opening(region_data, "Hulpkok in de keuken", sector="horeca")
    carer = make_opening(region_data, "Helpende zorg en welzijn")
    index_all(backend, cook, carer)
    assert ids(backend, text="hulpkok") == [cook.pk]


def test_accents_and_case_do_not_matter(backend, region_data):
    cafe = make_opening(region_data, "Medewerker Café De Drie Gezusters", sector="horeca")
    index_all(backend, cafe)
    assert ids(backend, text="CAFE") == [cafe.pk]


def test_closed_and_draft_openings_are_never_found(backend, region_data):
    open_one = make_opening(region_data, "Magazijnmedewerker logistiek")
    closed = make_opening(region_data, "Magazijnmedewerker nacht", status="closed")
    draft = make_opening(region_data, "Magazijnmedewerker dag", status="draft")
    index_all(backend, open_one, closed, draft)
    assert ids(backend, text="magazijnmedewerker") == [open_one.pk]


def test_an_opening_closed_after_indexing_disappears_once_synced(backend, region_data):
    opening = make_opening(region_data, "Groenvoorziener parken")
    index_all(backend, opening)
    Opening.objects.filter(pk=opening.pk).update(status="closed")
    backend.index_opening(opening.pk)
    assert ids(backend, text="groenvoorziener") == []


def test_title_hits_rank_above_description_hits(backend, region_data):
    in_description = make_opening(
        region_data, "Medewerker facilitair", description="Je helpt ook de schoonmaak."
    )
    in_title = make_opening(region_data, "Schoonmaak medewerker")
    index_all(backend, in_description, in_title)
    assert ids(backend, text="schoonmaak") == [in_title.pk, in_description.pk]


def test_kind_and_sector_filters_narrow_the_results(backend, region_data):
    bpv = make_opening(region_data, "Medewerker zorg stage", kind="bpv")
    leerbaan = make_opening(region_data, "Medewerker zorg leerbaan", kind="leerbaan")
    horeca = make_opening(region_data, "Medewerker bediening", sector="horeca", kind="bpv")
    index_all(backend, bpv, leerbaan, horeca)
    assert ids(backend, text="medewerker", kinds=("leerbaan",)) == [leerbaan.pk]
    horeca_id = region_data["horeca"].pk
    assert ids(backend, text="medewerker", sector_ids=(horeca_id,)) == [horeca.pk]


def test_a_small_typo_still_finds_the_opening(backend, region_data):
    opening = make_opening(region_data, "Verzorgende in het verpleeghuis")
    index_all(backend, opening)
    assert ids(backend, text="verzorgnde") == [opening.pk]


def test_an_empty_query_lists_every_open_opening(backend, region_data):
    openings = [make_opening(region_data, f"Plek {i}") for i in range(3)]
    index_all(backend, *openings)
    result = backend.search(SearchQuery(text=""))
    assert result.total == 3
    assert sorted(h.opening_id for h in result.hits) == sorted(o.pk for o in openings)


def test_results_are_paged_without_overlap(backend, region_data):
    openings = [make_opening(region_data, f"Monteur installatietechniek {i}") for i in range(5)]
    index_all(backend, *openings)
    first = ids(backend, text="monteur", limit=2)
    second = ids(backend, text="monteur", offset=2, limit=2)
    assert len(first) == 2 and len(second) == 2
    assert not set(first) & set(second)
    assert backend.search(SearchQuery(text="monteur", limit=2)).total == 5


def test_a_query_that_matches_nothing_returns_an_empty_list(backend, region_data):
    index_all(backend, make_opening(region_data, "Kapper"))
    assert ids(backend, text="astronaut") == []


def test_rebuild_indexes_every_open_opening(backend, region_data):
    make_opening(region_data, "Lasser metaal", sector="zorg")
    make_opening(region_data, "Lasser constructie", status="closed")
    assert backend.rebuild() == 1
    assert len(ids(backend, text="lasser")) == 1


def test_a_radius_keeps_only_the_openings_within_it(backend, region_data):
    here = make_opening(region_data, "Kok in Groningen", sector="horeca")
    haren = make_opening(region_data, "Kok in Haren", sector="horeca", at="haren")
    assen = make_opening(region_data, "Kok in Assen", sector="horeca", at="assen")
    zwolle = make_opening(region_data, "Kok in Zwolle", sector="horeca", at="zwolle")
    index_all(backend, here, haren, assen, zwolle)
    within_30 = ids(backend, text="kok", point=GRONINGEN, radius_km=30)
    assert set(within_30) == {here.pk, haren.pk, assen.pk}
    assert set(ids(backend, point=GRONINGEN, radius_km=10)) == {here.pk, haren.pk}


def test_nearer_openings_rank_higher_around_a_point(backend, region_data):
    zwolle = make_opening(region_data, "Kapper", at="zwolle")
    assen = make_opening(region_data, "Kapper", at="assen")
    here = make_opening(region_data, "Kapper")
    index_all(backend, zwolle, assen, here)
    assert ids(backend, text="kapper", point=GRONINGEN) == [here.pk, assen.pk, zwolle.pk]
    assert ids(backend, point=GRONINGEN) == [here.pk, assen.pk, zwolle.pk]


def test_hits_around_a_point_say_how_far_away_they_are(backend, region_data):
    assen = make_opening(region_data, "Schilder", at="assen")
    index_all(backend, assen)
    (hit,) = backend.search(SearchQuery(text="schilder", point=GRONINGEN, radius_km=50)).hits
    assert hit.distance_km == pytest.approx(25.2, abs=0.5)


def test_facets_count_everything_found_not_only_the_page(backend, region_data):
    found = [
        make_opening(region_data, "Medewerker zorg", kind="bpv", level=2),
        make_opening(region_data, "Medewerker zorg", kind="bpv", level=3, at="assen"),
        make_opening(region_data, "Medewerker keuken", sector="horeca", kind="vacature"),
        make_opening(region_data, "Kapper", kind="leerbaan"),  # not found by the text
    ]
    index_all(backend, *found)
    result = backend.search(SearchQuery(text="medewerker", limit=1, with_facets=True))
    assert result.total == 3 and len(result.hits) == 1
    zorg, horeca = str(region_data["zorg"].pk), str(region_data["horeca"].pk)
    groningen = str(region_data["location"].place_id)
    assen = str(region_data["assen"].place_id)
    assert result.facets == {
        "kind": {"bpv": 2, "vacature": 1},
        "sector": {zorg: 2, horeca: 1},
        "level": {"2": 1, "3": 1, "0": 1},
        "place": {groningen: 2, assen: 1},
    }


def test_facets_follow_the_radius_and_the_filters(backend, region_data):
    openings = [
        make_opening(region_data, "Verkoper", kind="bpv"),
        make_opening(region_data, "Verkoper", kind="leerbaan", at="haren"),
        make_opening(region_data, "Verkoper", kind="bpv", at="zwolle"),
    ]
    index_all(backend, *openings)
    result = backend.search(
        SearchQuery(point=GRONINGEN, radius_km=20, kinds=("bpv",), with_facets=True)
    )
    assert result.total == 1
    assert result.facets["kind"] == {"bpv": 1}
    assert result.facets["place"] == {str(region_data["location"].place_id): 1}


def test_the_empty_query_also_counts_facets(backend, region_data):
    index_all(
        backend,
        make_opening(region_data, "Plek a", kind="bpv"),
        make_opening(region_data, "Plek b", kind="vacature"),
    )
    assert backend.search(SearchQuery(with_facets=True)).facets["kind"] == {
        "bpv": 1,
        "vacature": 1,
    }


def test_facets_are_counted_only_when_asked(backend, region_data):
    index_all(backend, make_opening(region_data, "Plek a"))
    assert backend.search(SearchQuery()).facets == {}
    assert backend.search(SearchQuery(text="plek")).facets == {}


def test_level_and_place_filters_narrow_the_results(backend, region_data):
    two = make_opening(region_data, "Monteur", level=2)
    three = make_opening(region_data, "Monteur", level=3, at="assen")
    index_all(backend, two, three)
    assert ids(backend, text="monteur", levels=(3,)) == [three.pk]
    assert ids(backend, text="monteur", place_ids=(region_data["location"].place_id,)) == [two.pk]


def stems_dutch(backend) -> bool:
    return not isinstance(backend, EmbeddedBackend) or connection.vendor == "postgresql"


def test_dutch_word_forms_find_each_other(backend, region_data):
    if not stems_dutch(backend):
        pytest.skip("the literal matching on SQLite does not stem")
    carer = make_opening(region_data, "Verzorgende in de thuiszorg")
    cook = make_opening(region_data, "Kok", sector="horeca", description="Je maakt de lunch.")
    index_all(backend, carer, cook)
    # Too far apart for a typo, the same stem in Dutch: verzorg, kok.
    assert ids(backend, text="verzorging") == [carer.pk]
    assert ids(backend, text="koken") == [cook.pk]


def test_small_words_like_de_and_in_do_not_get_in_the_way(backend, region_data):
    cook = make_opening(region_data, "Kok", sector="horeca", description="Werken in de keuken.")
    index_all(backend, cook)
    assert ids(backend, text="kok in de keuken") == [cook.pk]


def test_a_word_start_finds_the_longer_word(backend, region_data):
    bakery = make_opening(region_data, "Bakkerij De Korenschoof", sector="horeca")
    index_all(backend, bakery)
    if isinstance(backend, EmbeddedBackend):  # Elasticsearch matches whole (stemmed) words
        assert ids(backend, text="bakker") == [bakery.pk]
    assert ids(backend, text="bakkerij") == [bakery.pk]


def test_postgresql_full_text_search_uses_the_gin_index(region_data):
    if connection.vendor != "postgresql":
        pytest.skip("full-text search is PostgreSQL's")
    from django.contrib.postgres.search import SearchQuery as TsQuery

    from employers.search.embedded import CONFIG, opening_vector

    make_opening(region_data, "Bakker")
    narrowing = Opening.objects.annotate(v=opening_vector()).filter(
        v=TsQuery("bakker:*", search_type="raw", config=CONFIG)
    )
    with connection.cursor() as cursor:
        cursor.execute("SET LOCAL enable_seqscan = off")
        plan = narrowing.values("pk").explain()
    assert "employers_opening_fts_dutch" in plan


@pytest.mark.django_db
def test_the_public_api_searches_by_radius_and_counts_facets(client):
    """Through /api/v1/openings/: a point with a radius keeps the places inside it, nearest
    first, and facets=true adds the counts."""
    from tests import factories as f

    near_place = f.PlaceFactory(name="Dichtbij", latitude=53.2194, longitude=6.5665)
    far_place = f.PlaceFactory(name="Ver weg", latitude=51.4416, longitude=5.4697)
    near = f.OpeningFactory(location=f.LocationFactory(place=near_place), title="Kok dichtbij")
    f.OpeningFactory(location=f.LocationFactory(place=far_place), title="Kok ver weg")

    answer = client.get(
        "/api/v1/openings/", {"lat": 53.22, "lon": 6.57, "radius": 25, "facets": "true"}
    )

    assert answer.status_code == 200, answer.content
    data = answer.json()
    assert [o["id"] for o in data["results"]] == [near.pk]
    assert data["facets"]["kind"] == {"bpv": 1}
    assert client.get("/api/v1/openings/", {"radius": 25}).json()["fields"] == {
        "radius": ["Een straal heeft lat en lon nodig."]
    }
