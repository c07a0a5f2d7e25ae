"""The employer's openings through the API: the same rules as the opening form and the status
buttons on the dashboard, in the API's one error shape."""

import datetime

import pytest

from employers.models import Opening
from marketplace.models import ApiToken
from marketplace.services.security import api_token_create
from tests import factories as f

pytestmark = pytest.mark.django_db

BASE = "/api/v1/employer/openings/"


def _new(location, skill, **extra) -> dict:
    return {
        "kind": "bpv",
        "title": "Hulp in de keuken",
        "description": "Je helpt de kok.",
        "sector": location.employer.sector_id,
        "location": location.pk,
        "start_date": "2027-02-01",
        "hours_per_week": 24,
        "places": 2,
        "required_competencies": [skill.pk],
        **extra,
    }


@pytest.fixture
def own(opening, skill):
    opening.required_competencies.add(skill)
    return opening


def test_a_new_opening_appears_in_the_public_list_once_it_is_opened(
    as_boss, api_client, location, skill
):
    created = as_boss.post(f"{BASE}create/", _new(location, skill), format="json")
    assert created.status_code == 201, created.json()
    body = created.json()
    assert body["status"] == "draft" and body["required_competencies"] == [skill.pk]
    assert "open" in body["moves"]
    public = api_client.get("/api/v1/openings/").json()
    assert body["id"] not in [o["id"] for o in public["results"]]

    opened = as_boss.post(f"{BASE}{body['id']}/reopen/")
    assert opened.status_code == 200 and opened.json()["status"] == "open"
    api_client.force_authenticate(None)
    public = api_client.get("/api/v1/openings/").json()
    assert body["id"] in [o["id"] for o in public["results"]]


def test_publish_puts_a_new_opening_online_at_once(as_boss, location, skill):
    created = as_boss.post(f"{BASE}create/", _new(location, skill, publish=True), format="json")
    assert created.status_code == 201
    assert Opening.objects.get(pk=created.json()["id"]).status == Opening.Status.OPEN


def test_another_employer_gets_404_for_every_operation_on_the_opening(as_other, own):
    assert as_other.get(f"{BASE}{own.pk}/").status_code == 404
    for action in ("update", "pause", "close", "reopen"):
        response = as_other.post(f"{BASE}{own.pk}/{action}/", {"title": "Van mij"}, format="json")
        assert response.status_code == 404, action
        assert response.json()["code"] == "not_found"
    own.refresh_from_db()
    assert own.status == Opening.Status.OPEN and own.title != "Van mij"
    assert own.pk not in [o["id"] for o in as_other.get(BASE).json()["results"]]


def test_a_praktijkopleider_reads_the_openings_but_changes_none(as_po, own, location, skill):
    assert as_po.get(BASE).json()["results"][0]["moves"] == []
    assert as_po.get(f"{BASE}{own.pk}/").status_code == 200
    assert as_po.post(f"{BASE}{own.pk}/pause/").status_code == 403
    assert as_po.post(f"{BASE}{own.pk}/update/", {"places": 3}, format="json").status_code == 403
    assert as_po.post(f"{BASE}create/", _new(location, skill), format="json").status_code == 403
    own.refresh_from_db()
    assert own.status == Opening.Status.OPEN and own.places == 1


def test_an_update_changes_only_the_fields_sent(as_boss, own):
    response = as_boss.post(
        f"{BASE}{own.pk}/update/", {"places": 3, "hours_per_week": 32}, format="json"
    )
    assert response.status_code == 200, response.json()
    own.refresh_from_db()
    assert (own.places, own.hours_per_week, own.status) == (3, 32, Opening.Status.OPEN)
    assert list(own.required_competencies.all()) and response.json()["warnings"] == []


def test_the_services_rules_hold_on_update(as_boss, own):
    own.places_filled = 1
    own.save(update_fields=["places_filled"])
    response = as_boss.post(f"{BASE}{own.pk}/update/", {"required_competencies": []}, format="json")
    assert response.status_code == 400
    assert "required_competencies" in response.json()["fields"]


@pytest.mark.parametrize(
    "change, field",
    [
        ({"places": 2**70}, "places"),
        ({"hours_per_week": 0}, "hours_per_week"),
        ({"title": "Kok\x00"}, "title"),
        ({"sector": 2**64}, "sector"),
        ({"required_competencies": [999999]}, "required_competencies"),
        ({"required_competencies": "abc"}, "required_competencies"),
        ({"start_date": "2027-02-30"}, "start_date"),
        ({"end_date": "2027-01-01"}, "end_date"),
        ({"support_offered": ["massage"]}, "support_offered"),
        ({"kind": "stage"}, "kind"),
    ],
)
def test_bad_input_gives_a_400_in_the_error_shape_and_writes_nothing(
    as_boss, location, skill, change, field
):
    response = as_boss.post(f"{BASE}create/", _new(location, skill, **change), format="json")
    assert response.status_code == 400
    body = response.json()
    assert body["status"] == 400 and body["code"] == "invalid" and field in body["fields"]
    assert not Opening.objects.filter(title__startswith="Hulp in de keuken").exists()


def test_a_location_of_another_employer_is_refused_without_saying_it_exists(
    as_boss, skill, other_employer_member
):
    theirs = f.LocationFactory(employer=other_employer_member.employer)
    response = as_boss.post(f"{BASE}create/", _new(theirs, skill), format="json")
    assert response.status_code == 400
    assert response.json()["fields"]["location"] == ["Kies een van je eigen vestigingen."]


def test_status_moves_follow_the_same_rules_as_the_dashboard(as_boss, own):
    assert as_boss.post(f"{BASE}{own.pk}/pause/").json()["status"] == "paused"
    assert as_boss.post(f"{BASE}{own.pk}/pause/").status_code == 200  # a double submit
    assert as_boss.post(f"{BASE}{own.pk}/close/").json()["status"] == "closed"
    refused = as_boss.post(f"{BASE}{own.pk}/pause/")
    assert refused.status_code == 400
    assert "kan niet naar" in refused.json()["fields"]["non_field_errors"][0]
    own.places_filled = own.places
    own.save(update_fields=["places_filled"])
    full = as_boss.post(f"{BASE}{own.pk}/reopen/")
    assert full.status_code == 400 and "Alle plekken zijn bezet" in str(full.json()["fields"])
    own.refresh_from_db()
    assert own.status == Opening.Status.CLOSED


def test_a_bpv_place_whose_recognition_ended_cannot_be_opened(as_boss, own, employer):
    lapsed = f.QualificationFactory()
    employer.recognitions.create(
        qualification=lapsed,
        valid_from=datetime.date(2019, 1, 1),
        valid_to=datetime.date(2020, 1, 1),
    )
    own.accepted_qualifications.set([lapsed])
    own.status = Opening.Status.PAUSED
    own.save(update_fields=["status"])
    refused = as_boss.post(f"{BASE}{own.pk}/reopen/")
    assert refused.status_code == 400
    assert "erkenning" in refused.json()["fields"]["non_field_errors"][0]
    own.refresh_from_db()
    assert own.status == Opening.Status.PAUSED


def test_publishing_a_bpv_place_without_recognition_is_rolled_back(
    as_boss, employer, location, skill
):
    lapsed = f.QualificationFactory()
    employer.recognitions.create(
        qualification=lapsed,
        valid_from=datetime.date(2019, 1, 1),
        valid_to=datetime.date(2020, 1, 1),
    )
    data = _new(location, skill, publish=True, accepted_qualifications=[lapsed.pk])
    response = as_boss.post(f"{BASE}create/", data, format="json")
    assert response.status_code == 400 and "accepted_qualifications" in response.json()["fields"]
    assert not Opening.objects.filter(title="Hulp in de keuken").exists()


def test_the_list_filters_by_status_and_kind_and_refuses_an_unknown_value(as_boss, own, employer):
    f.OpeningFactory(
        location=own.location, kind="vacature", status="draft", title="Kok", employer=employer
    )
    drafts = as_boss.get(BASE, {"status": "draft"}).json()
    assert [o["title"] for o in drafts["results"]] == ["Kok"]
    both = as_boss.get(BASE, {"kind": ["bpv", "vacature"], "ordering": "-title"}).json()
    assert both["count"] == 2 and both["results"][0]["title"] == "Kok"
    bad = as_boss.get(BASE, {"status": "weg"})
    assert bad.status_code == 400 and "status" in bad.json()["fields"]


def test_only_employer_members_use_these_endpoints(api_client, student, own):
    assert api_client.get(BASE).status_code == 401  # not logged in
    api_client.force_authenticate(student)
    assert api_client.get(BASE).status_code == 403
    assert api_client.post(f"{BASE}{own.pk}/pause/").status_code == 403


def test_a_read_only_token_reads_but_cannot_post(api_client, boss, own):
    issued = api_token_create(
        user=boss, name="ATS", scope=ApiToken.Scope.READ, lifetime=datetime.timedelta(days=1)
    )
    api_client.credentials(HTTP_AUTHORIZATION=f"Token {issued.key}")
    assert api_client.get(f"{BASE}{own.pk}/").status_code == 200
    response = api_client.post(f"{BASE}{own.pk}/pause/")
    assert response.status_code == 403 and response.json()["code"] == "permission_denied"
    own.refresh_from_db()
    assert own.status == Opening.Status.OPEN


def test_an_id_beyond_any_table_answers_404(as_boss):
    assert as_boss.get(f"{BASE}{2**70}/").status_code == 404
    assert as_boss.post(f"{BASE}{2**70}/pause/").status_code == 404


def test_the_list_costs_the_same_few_queries_however_many_openings(
    as_boss, own, django_assert_max_num_queries
):
    for _ in range(15):
        f.OpeningFactory(location=own.location).required_competencies.add(f.CompetencyFactory())
    with django_assert_max_num_queries(10):
        response = as_boss.get(BASE)
    assert response.json()["count"] == 16
