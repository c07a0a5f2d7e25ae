"""Locations (add, list, change) and recognitions (read) through the API."""

import datetime

import pytest

from employers.models import EmployerLocation
from tests import factories as f

pytestmark = pytest.mark.django_db

BASE = "/api/v1/employer/locations/"


def test_a_beheerder_adds_and_changes_a_location_and_every_member_lists_them(
    as_boss, api_client, po, location
):
    town = f.PlaceFactory(name="Assen")
    created = as_boss.post(
        f"{BASE}create/", {"name": "Winkel", "address": "Markt 1", "place": town.pk}, format="json"
    )
    assert created.status_code == 201, created.json()
    pk = created.json()["id"]
    changed = as_boss.post(
        f"{BASE}{pk}/update/", {"name": "Winkel Zuid", "place": town.pk}, format="json"
    )
    assert changed.status_code == 200 and changed.json()["name"] == "Winkel Zuid"
    api_client.force_authenticate(po)
    names = [row["name"] for row in api_client.get(BASE).json()["results"]]
    assert names == sorted([location.name, "Winkel Zuid"])


def test_moving_a_location_refreshes_the_openings_there(
    as_boss, opening, django_capture_on_commit_callbacks
):
    from matching.models import RankingChange

    town = f.PlaceFactory(name="Emmen")
    with django_capture_on_commit_callbacks(execute=True):
        response = as_boss.post(
            f"{BASE}{opening.location_id}/update/",
            {"name": "Hoofdvestiging", "place": town.pk},
            format="json",
        )
    assert response.status_code == 200
    assert RankingChange.objects.filter(kind="opening", object_id=opening.pk).exists()


def test_a_praktijkopleider_only_reads_locations(as_po, location):
    assert as_po.get(BASE).json()["count"] == 1
    data = {"name": "Nieuw", "place": location.place_id}
    assert as_po.post(f"{BASE}create/", data, format="json").status_code == 403
    assert as_po.post(f"{BASE}{location.pk}/update/", data, format="json").status_code == 403
    location.refresh_from_db()
    assert location.name == "Hoofdvestiging"


def test_another_organisations_location_answers_404(as_other, location):
    data = {"name": "Van mij", "place": location.place_id}
    assert as_other.post(f"{BASE}{location.pk}/update/", data, format="json").status_code == 404
    assert location.pk not in [row["id"] for row in as_other.get(BASE).json()["results"]]


@pytest.mark.parametrize(
    "data, field",
    [
        ({"name": "   ", "place": None}, "name"),
        ({"name": "Winkel", "place": 2**63}, "place"),
        ({"name": "Winkel", "place": 999999}, "place"),
        ({"name": "W\x00", "place": None}, "name"),
    ],
)
def test_bad_location_input_is_a_400_and_adds_nothing(as_boss, location, data, field):
    data = {**data, "place": data["place"] or location.place_id}
    response = as_boss.post(f"{BASE}create/", data, format="json")
    assert response.status_code == 400 and field in response.json()["fields"]
    assert EmployerLocation.objects.count() == 1


def test_the_recognitions_show_their_state_and_the_places_that_depend_on_them(
    as_po, employer, opening, persona_qualification
):
    opening.accepted_qualifications.set([persona_qualification])
    today = datetime.date.today()
    employer.recognitions.create(
        qualification=f.QualificationFactory(),
        valid_from=datetime.date(2019, 1, 1),
        valid_to=today + datetime.timedelta(days=10),
    )
    response = as_po.get("/api/v1/employer/recognitions/")
    assert response.status_code == 200
    rows = {r["qualification"]["id"]: r for r in response.json()["results"]}
    assert rows[persona_qualification.pk]["current"]["state"] == "valid"
    assert rows[persona_qualification.pk]["openings"] == [
        {"id": opening.pk, "title": opening.title, "status": "open"}
    ]
    expiring = next(r for k, r in rows.items() if k != persona_qualification.pk)
    assert expiring["current"]["state"] == "expiring" and expiring["current"]["days_left"] == 10
