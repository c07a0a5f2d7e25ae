"""The student's and the parent's API name a match's status in their own plain words (as their
pages do), in the request's language; the mediators' API keeps the pipeline's status names."""

import pytest
from django.urls import reverse

from marketplace.models import MatchStatus
from marketplace.services.matches import match_student_interest

pytestmark = pytest.mark.django_db


@pytest.fixture
def interest(student, student_profile, opening):
    return match_student_interest(student_user=student, student=student_profile, opening=opening)


def _get(api_client, user, url: str, language: str) -> dict:
    api_client.force_authenticate(user)
    response = api_client.get(url, HTTP_ACCEPT_LANGUAGE=language)
    assert response.status_code == 200, response.content[:300]
    return response.json()


def test_the_student_reads_their_matches_in_je_words(api_client, student, interest):
    listed = _get(api_client, student, reverse("api-my-matches"), "nl")["results"][0]
    detail = _get(api_client, student, reverse("api-my-match", args=[interest.pk]), "nl")
    assert listed["status"] == MatchStatus.INTERESSE_STUDENT
    assert listed["status_display"] == detail["status_display"] == "Jij hebt interesse"
    assert detail["timeline"][-1]["to_status_display"] == "Jij hebt interesse"


def test_the_student_reads_their_matches_in_english(api_client, student, interest):
    detail = _get(api_client, student, reverse("api-my-match", args=[interest.pk]), "en")
    assert detail["status_display"] == "You are interested"
    assert detail["timeline"][-1]["to_status_display"] == "You are interested"
    assert "Interesse student" not in str(detail)


def test_the_parent_reads_the_childs_matches_in_their_words(
    api_client, parent, student_profile, interest
):
    name = student_profile.user.first_name
    child = _get(api_client, parent, reverse("api-parent-child", args=[student_profile.pk]), "nl")
    match = _get(api_client, parent, reverse("api-parent-match", args=[interest.pk]), "nl")
    assert child["matches"][0]["status_display"] == f"{name} heeft interesse"
    assert match["status_display"] == f"{name} heeft interesse"
    assert match["timeline"][-1]["to_status_display"] == f"{name} heeft interesse"


def test_the_parent_reads_the_childs_matches_in_english(
    api_client, parent, student_profile, interest
):
    name = student_profile.user.first_name
    match = _get(api_client, parent, reverse("api-parent-match", args=[interest.pk]), "en")
    assert match["status_display"] == f"{name} is interested"
    assert "Interesse student" not in str(match)


def test_the_mediators_api_keeps_the_pipelines_status_names(api_client, jobhunter, interest):
    url = f"/api/v1/mediation/matches/{interest.pk}/"
    assert _get(api_client, jobhunter, url, "nl")["status_display"] == "Interesse student"
