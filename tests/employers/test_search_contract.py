"""One contract for both search backends: the embedded default always, Elasticsearch when
ELASTICSEARCH_URL points at a live server."""

import datetime
import os
import uuid

import pytest

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
    from employers.search.elastic import ALIAS, ElasticsearchBackend, OpeningDocument

    name = f"bpv-test-{uuid.uuid4().hex[:8]}"
    yield ElasticsearchBackend(os.environ["ELASTICSEARCH_URL"], index_name=name)
    OpeningDocument._index.clone(name=name, using=ALIAS).delete(ignore_unavailable=True)


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
    return {"zorg": zorg, "horeca": horeca, "employer": employer, "location": location}


def make_opening(data, title, *, sector="zorg", kind="bpv", status="open", description=""):
    return Opening.objects.create(
        employer=data["employer"],
        location=data["location"],
        sector=data[sector],
        kind=kind,
        title=title,
        description=description,
        start_date=datetime.date(2027, 2, 1),
        status=status,
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
