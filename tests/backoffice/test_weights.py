"""Matching weights per region: a preview of the top 10 before saving (nothing saved until
"Opslaan"), versions with who made them, going back as a new version, a stale save refused."""

import pytest
from django.urls import reverse

from marketplace.models import MatchingWeights, RankingLog, Suggestion
from marketplace.services.weights import weights_for_region, weights_preview, weights_set
from matching.engine import FACTOR_CODES
from matching.models import Place
from tests import factories as f

pytestmark = pytest.mark.django_db

KM = 1 / 111.2  # degrees of latitude per km
ONLY_DISTANCE = {code: 0 for code in FACTOR_CODES} | {"distance": 100}
ONLY_SECTOR = {code: 0 for code in FACTOR_CODES} | {"sector": 100}


def _place(name: str, km_north: float) -> Place:
    return Place.objects.create(name=name, latitude=53.2194 + km_north * KM, longitude=6.5665)


@pytest.fixture
def region_today(student_profile, employer, coordinator):
    """Ten places close by, and one 15 km away in the sector the student likes; today the
    region ranks by distance only, so the far one is 11th."""
    liked = f.SectorFactory(code="zorg", name="Zorg")
    student_profile.home_place = _place("Thuis", 0)
    student_profile.save(update_fields=["home_place"])
    student_profile.sector_preferences.add(liked)
    near = f.LocationFactory(employer=employer, place=_place("Dichtbij", 1))
    far = f.LocationFactory(employer=employer, place=_place("Verder", 15))
    nearby = [f.OpeningFactory(location=near, title=f"Dichtbij {n}") for n in range(10)]
    liked_far = f.OpeningFactory(location=far, sector=liked, title="Zorg verder weg")
    weights_set(region=coordinator.region, version="afstand", values=ONLY_DISTANCE)
    return {"student": student_profile, "nearby": nearby, "liked_far": liked_far}


def _form(values: dict, based_on: int) -> dict:
    return {**{k: str(v) for k, v in values.items()}, "based_on": str(based_on)}


def test_the_preview_shows_which_places_go_in_and_out_of_the_top_10(region_today, coordinator):
    rows = weights_preview(region=coordinator.region, values=ONLY_SECTOR)
    (row,) = rows
    assert row.student == region_today["student"]
    first = row.places[0]
    assert first.opening == region_today["liked_far"] and first.change == "in"
    assert first.rank_now is None and first.rank_new == 1
    assert [p.change for p in row.dropped] == ["out"]
    assert row.dropped[0].opening in region_today["nearby"]


def test_the_preview_page_saves_nothing_until_confirmed(client, region_today, coordinator):
    current = MatchingWeights.objects.get(region=coordinator.region)
    client.force_login(coordinator)
    logs = RankingLog.objects.count()
    response = client.post(reverse("backoffice:weights-preview"), _form(ONLY_SECTOR, current.pk))
    html = response.content.decode()
    assert response.status_code == 200
    assert "Zorg verder weg" in html and "nieuw in de top 10" in html and "valt uit" in html
    assert list(MatchingWeights.objects.all()) == [current]
    assert weights_for_region(coordinator.region_id).version == "afstand"
    assert RankingLog.objects.count() == logs and not Suggestion.objects.exists()


def test_saving_records_a_new_active_version_with_who_made_it(client, region_today, coordinator):
    current = MatchingWeights.objects.get(region=coordinator.region)
    client.force_login(coordinator)
    response = client.post(reverse("backoffice:weights-save"), _form(ONLY_SECTOR, current.pk))
    assert response.status_code == 302
    new = MatchingWeights.objects.get(region=coordinator.region, is_active=True)
    assert new.created_by == coordinator and new.values == ONLY_SECTOR
    assert weights_for_region(coordinator.region_id).version == new.version
    page = client.get(reverse("backoffice:weights")).content.decode()
    assert new.version in page and coordinator.get_full_name() in page


def test_a_save_on_top_of_a_newer_version_is_refused_and_keeps_the_values(
    client, region_today, coordinator
):
    stale = MatchingWeights.objects.get(region=coordinator.region).pk
    weights_set(region=coordinator.region, version="tussendoor", values=ONLY_DISTANCE)
    client.force_login(coordinator)
    response = client.post(reverse("backoffice:weights-save"), _form(ONLY_SECTOR, stale))
    html = response.content.decode()
    assert response.status_code == 409
    assert "Iemand anders heeft de gewichten net veranderd" in html
    assert 'name="sector" value="100"' in html
    assert MatchingWeights.objects.count() == 2


def test_going_back_to_an_older_version_makes_a_new_version_with_its_values(
    client, region_today, coordinator
):
    old = MatchingWeights.objects.get(region=coordinator.region)
    newer = weights_set(region=coordinator.region, version="zorg", values=ONLY_SECTOR)
    client.force_login(coordinator)
    page = client.get(reverse("backoffice:weights"), {"van": old.pk}).content.decode()
    assert "Je zet versie afstand terug" in page and 'name="distance" value="100"' in page
    client.post(reverse("backoffice:weights-save"), _form(ONLY_DISTANCE, newer.pk))
    assert MatchingWeights.objects.count() == 3
    back = MatchingWeights.objects.get(is_active=True)
    assert back.values == ONLY_DISTANCE and back.pk not in (old.pk, newer.pk)


def test_bad_weights_get_a_dutch_message_keep_the_input_and_save_nothing(client, coordinator):
    client.force_login(coordinator)
    values = {code: 0 for code in FACTOR_CODES} | {"distance": "-3", "sector": "abc"}
    response = client.post(reverse("backoffice:weights-preview"), _form(values, 0))
    html = response.content.decode()
    assert response.status_code == 400
    assert "Een gewicht is 0 of meer." in html and "Vul een heel getal in" in html
    assert 'value="-3"' in html
    nothing = client.post(
        reverse("backoffice:weights-save"), _form(ONLY_DISTANCE | {"distance": 0}, 0)
    )
    assert nothing.status_code == 400 and "Zet minstens één gewicht" in nothing.content.decode()
    assert not MatchingWeights.objects.exists()


def test_the_versions_page_of_30_versions_keeps_to_its_query_budget(
    client, coordinator, django_assert_max_num_queries
):
    for n in range(30):
        weights_set(
            region=coordinator.region, version=f"v{n}", values=ONLY_DISTANCE, created_by=coordinator
        )
    client.force_login(coordinator)
    with django_assert_max_num_queries(10):  # with the menu's unread count
        response = client.get(reverse("backoffice:weights"))
    assert response.content.decode().count("?van=") == 29
