"""The API skeleton: vocabulary, public openings, the own profile, tokens, one error format."""

import datetime

import pytest

from marketplace.models import StudentProfile
from tests import factories as f

pytestmark = pytest.mark.django_db


def test_vocabulary_lists_are_paginated_and_searchable(api_client, student):
    f.QualificationFactory(name="Kok", level=2)
    f.QualificationFactory(name="Verzorgende IG", level=3)
    api_client.force_authenticate(student)
    found = api_client.get("/api/v1/qualifications/", {"q": "verzorg"}).json()
    assert [q["name"] for q in found["results"]] == ["Verzorgende IG"]
    assert api_client.get("/api/v1/qualifications/", {"level": 3}).json()["count"] == 1
    assert api_client.get("/api/v1/qualifications/", {"level": 9}).status_code == 400


def test_only_open_openings_are_listed_publicly(api_client, opening):
    f.OpeningFactory(status="draft", title="Nog geheim")
    data = api_client.get("/api/v1/openings/").json()
    assert [o["id"] for o in data["results"]] == [opening.pk]
    assert "Nog geheim" not in str(data)


def test_openings_can_be_searched_by_text(api_client, opening):
    f.OpeningFactory(title="Hulpkok restaurant")
    data = api_client.get("/api/v1/openings/", {"q": "hulpkok"}).json()
    assert [o["title"] for o in data["results"]] == ["Hulpkok restaurant"]


def test_a_draft_of_another_employer_answers_404(api_client, other_employer_member, opening):
    opening.status = "draft"
    opening.save(update_fields=["status"])
    api_client.force_authenticate(other_employer_member)
    assert api_client.get(f"/api/v1/openings/{opening.pk}/").status_code == 404


def test_a_student_reads_their_own_profile_and_an_employer_has_none(
    api_client, student, employer_member
):
    api_client.force_authenticate(student)
    assert api_client.get("/api/v1/me/profile/").json()["travel_radius_km"] == 20
    api_client.force_authenticate(employer_member)
    assert api_client.get("/api/v1/me/profile/").status_code == 404
    assert api_client.get("/api/v1/me/").json()["role"] == "werkgever"


@pytest.mark.parametrize(
    "payload, field",
    [
        ({"travel_radius_km": 0}, "travel_radius_km"),
        ({"level": 7}, "level"),
        ({"available_from": "2027-05-01", "available_to": "2027-01-01"}, "available_to"),
    ],
)
def test_bad_profile_input_gives_dutch_field_errors_and_changes_nothing(
    api_client, student, student_profile, payload, field
):
    api_client.force_authenticate(student)
    response = api_client.patch("/api/v1/me/profile/", payload, format="json")
    assert response.status_code == 400
    body = response.json()
    assert body["status"] == 400 and body["code"] == "invalid" and field in body["fields"]
    assert body["message"].startswith("De invoer klopt niet")
    fresh = StudentProfile.objects.get(pk=student_profile.pk)
    assert fresh.travel_radius_km == 20 and fresh.level == 2
    assert fresh.available_from == datetime.date(2027, 1, 1) and fresh.available_to is None


def test_a_valid_profile_change_is_saved(api_client, student, student_profile):
    api_client.force_authenticate(student)
    response = api_client.patch("/api/v1/me/profile/", {"travel_radius_km": 30}, format="json")
    assert response.status_code == 200 and response.json()["travel_radius_km"] == 30


def test_unauthenticated_requests_get_the_error_format(api_client):
    response = api_client.get("/api/v1/me/")
    assert response.status_code == 401 and response["WWW-Authenticate"] == "Token"
    assert set(response.json()) == {"status", "code", "message", "fields"}


def test_a_token_is_issued_for_the_right_password_only(api_client, student):
    ok = api_client.post(
        "/api/v1/auth/token/", {"email": student.email, "password": f.PASSWORD}, format="json"
    )
    assert ok.status_code == 200 and ok.json()["token"]
    api_client.credentials(HTTP_AUTHORIZATION=f"Token {ok.json()['token']}")
    assert api_client.get("/api/v1/me/").json()["email"] == student.email
    api_client.credentials()
    bad = api_client.post(
        "/api/v1/auth/token/", {"email": student.email, "password": "fout"}, format="json"
    )
    assert bad.status_code == 400 and "klopt niet" in str(bad.json()["fields"])


def test_the_schema_and_docs_are_served(api_client):
    assert api_client.get("/api/schema/").status_code == 200
    assert api_client.get("/api/docs/").status_code == 200


def test_the_docs_work_offline_under_the_same_csp(api_client):
    docs = api_client.get("/api/docs/")
    page = docs.content.decode()
    policy = docs["Content-Security-Policy"]
    assert "script-src 'self'" in policy and "unsafe-inline" not in policy
    assert "cdn.jsdelivr" not in page and "unpkg" not in page
    assert "/static/drf_spectacular_sidecar/swagger-ui-dist/swagger-ui-bundle.js" in page
    assert "<script>" not in page.replace(" ", "")  # the start script is a file of its own
    start = api_client.get("/api/docs/", {"script": ""})
    assert start.status_code == 200 and "SwaggerUIBundle" in start.content.decode()


def test_the_openings_list_stays_within_its_query_budget(
    api_client, opening, django_assert_max_num_queries
):
    for _ in range(5):
        f.OpeningFactory()
    with django_assert_max_num_queries(4):
        assert api_client.get("/api/v1/openings/").status_code == 200
