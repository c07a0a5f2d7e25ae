"""The candidates of a place: the employer's side sees only the students in a match with it
(the consent text: "als ik een plek leuk vind"), distances only as bands and the score in whole
points; a mediator learns a name only of a student whose record they may open; every list shown
is logged."""

import re

import pytest
from django.urls import reverse
from rest_framework.test import APIClient

from marketplace.models import AccessLog, Match, MatchStatus
from marketplace.services import engine_index

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def fresh_index():
    engine_index.clear_index_cache()
    yield
    engine_index.clear_index_cache()


@pytest.fixture
def shared_with_employer(student_profile, opening):
    """The student said yes to the place and shares name and contact with the employer."""
    return Match.objects.create(
        student=student_profile,
        opening=opening,
        status=MatchStatus.INTERESSE_STUDENT,
        source=Match.Source.STUDENT,
        student_response="ja",
        student_shares_profile=True,
    )


def _api(user, opening) -> dict:
    client = APIClient()
    client.force_authenticate(user)
    response = client.get(reverse("api-opening-candidates", args=[opening.pk]))
    assert response.status_code == 200
    return response.json()


def test_a_jobhunter_of_another_caseload_learns_no_name_id_or_email_of_a_student_who_shared(
    client, other_jobhunter, opening, student_profile, shared_with_employer
):
    payload = _api(other_jobhunter, opening)
    candidate = payload["results"][0]["candidate"]
    assert candidate["anonymous"] is True and candidate["label"].startswith("Kandidaat")
    assert "student_id" not in candidate and "email" not in candidate
    text = str(payload)
    assert student_profile.user.email not in text
    assert student_profile.user.last_name not in text
    # the same person gets 404 on the student's record: the permission layer decides both
    client.force_login(other_jobhunter)
    assert client.get(reverse("werk:student", args=[student_profile.pk])).status_code == 404


def test_the_employer_sees_the_name_the_student_shared_with_them(
    employer_member, opening, student_profile, shared_with_employer
):
    candidate = _api(employer_member, opening)["results"][0]["candidate"]
    assert candidate["label"] == student_profile.user.get_full_name()
    assert candidate["email"] == student_profile.user.email


def test_the_students_own_jobhunter_sees_the_name(
    jobhunter, opening, student_profile, shared_with_employer
):
    candidate = _api(jobhunter, opening)["results"][0]["candidate"]
    assert candidate["student_id"] == student_profile.pk


def test_the_employer_api_lists_only_students_in_a_match_with_the_place(
    employer_member, jobhunter, opening, student_profile, other_student_profile
):
    Match.objects.create(student=student_profile, opening=opening, proposed_by=jobhunter)
    # the region's mediators look through every fitting student: both fit
    assert _api(jobhunter, opening)["count"] == 2
    payload = _api(employer_member, opening)
    assert payload["count"] == 1
    assert payload["results"][0]["match_status"] == MatchStatus.VOORGESTELD


def test_a_student_who_only_turned_the_place_down_is_no_candidate(
    client, employer_member, opening, student_profile
):
    Match.objects.create(
        student=student_profile,
        opening=opening,
        status=MatchStatus.AFGEWEZEN,
        source=Match.Source.STUDENT,
        student_response="nee",
        closed_reason="te ver",
    )
    assert _api(employer_member, opening)["count"] == 0
    client.force_login(employer_member)
    page = client.get(reverse("werkgever:candidates", args=[opening.pk])).content.decode()
    assert "Nog geen kandidaten" in page


def test_the_employer_page_and_api_show_the_same_candidates(
    client, employer_member, jobhunter, opening, student_profile, other_student_profile
):
    Match.objects.create(student=student_profile, opening=opening, proposed_by=jobhunter)
    labels = [r["candidate"]["label"] for r in _api(employer_member, opening)["results"]]
    client.force_login(employer_member)
    page = client.get(reverse("werkgever:candidates", args=[opening.pk])).content.decode()
    assert len(labels) == 1 and set(re.findall(r"Kandidaat [A-Z]+", page)) == set(labels)


def test_the_employer_gets_distance_bands_and_whole_points_never_kilometres(
    employer_member, opening, shared_with_employer
):
    result = _api(employer_member, opening)["results"][0]
    assert "distance_km" not in result
    assert result["distance_km_from"] is not None
    assert result["score"] == round(result["score"])
    assert all(f["value"] == round(f["value"], 1) for f in result["factors"])


def test_the_candidates_api_and_page_log_each_candidate_shown(
    client, employer_member, opening, student_profile, shared_with_employer
):
    _api(employer_member, opening)
    client.force_login(employer_member)
    client.get(reverse("werkgever:candidates", args=[opening.pk]))
    contexts = sorted(
        AccessLog.objects.filter(user=employer_member, student=student_profile).values_list(
            "context", flat=True
        )
    )
    assert contexts == [f"api:kandidaten:{opening.pk}", f"kandidatenpagina:{opening.pk}"]
