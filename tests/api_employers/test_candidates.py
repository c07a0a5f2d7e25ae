"""Candidates through the API: the employer's answer with the match's version (409 when stale),
suggestions by alias with the read logged, and an invitation made as the page makes it."""

import pytest
from django.urls import reverse
from django.utils import timezone

from marketplace.models import (
    AccessLog,
    CandidateAlias,
    Invitation,
    Match,
    MatchStatus,
    Notification,
)
from tests import factories as f

pytestmark = pytest.mark.django_db


@pytest.fixture
def match(opening, student_profile, jobhunter):
    return Match.objects.create(
        student=student_profile,
        opening=opening,
        proposed_by=jobhunter,
        status=MatchStatus.VOORGESTELD,
    )


def _answer(client, match, **data):
    return client.post(f"/api/v1/employer/matches/{match.pk}/answer/", data, format="json")


def test_the_candidates_list_names_the_match_and_its_version_and_logs_the_read(as_po, match):
    response = as_po.get(f"/api/v1/openings/{match.opening_id}/candidates/")
    assert response.status_code == 200
    row = response.json()["results"][0]
    assert (row["match_id"], row["match_version"]) == (match.pk, match.version)
    assert row["candidate"]["anonymous"] and "student_id" not in row["candidate"]
    assert AccessLog.objects.filter(student=match.student, context__startswith="api:").exists()


def test_a_yes_with_the_version_read_moves_the_match_and_returns_the_new_etag(as_po, match):
    response = _answer(as_po, match, answer="ja", version=match.version)
    assert response.status_code == 200, response.json()
    match.refresh_from_db()
    assert match.employer_response == Match.Response.YES
    assert response.json()["version"] == match.version
    assert response["ETag"] == f'W/"{match.version}"'


def test_a_stale_version_gives_409_and_changes_nothing(as_boss, match):
    Match.objects.filter(pk=match.pk).update(version=match.version + 1)  # someone else moved it
    response = _answer(as_boss, match, answer="nee", reason="vol", version=match.version)
    assert response.status_code == 409
    body = response.json()
    assert body["status"] == 409 and body["code"] == "conflict" and body["fields"] == {}
    match.refresh_from_db()
    assert match.status == MatchStatus.VOORGESTELD and match.employer_response == ""


def test_the_if_match_header_carries_the_version(as_boss, match):
    stale = as_boss.post(
        f"/api/v1/employer/matches/{match.pk}/answer/",
        {"answer": "ja"},
        format="json",
        HTTP_IF_MATCH=f'W/"{match.version + 5}"',
    )
    assert stale.status_code == 409
    fresh = as_boss.post(
        f"/api/v1/employer/matches/{match.pk}/answer/",
        {"answer": "ja"},
        format="json",
        HTTP_IF_MATCH=f'"{match.version}"',
    )
    assert fresh.status_code == 200


def test_a_no_needs_a_reason_as_on_the_page_and_is_then_recorded(as_boss, match):
    missing = _answer(as_boss, match, answer="nee", version=match.version)
    assert missing.status_code == 400 and "reason" in missing.json()["fields"]
    assert _answer(as_boss, match, answer="ja").status_code == 400  # no version at all
    done = _answer(
        as_boss, match, answer="nee", reason="tijden", note="Alleen ochtenden.", version=1
    )
    assert done.status_code == 200 and done.json()["status"] == MatchStatus.AFGEWEZEN
    match.refresh_from_db()
    assert match.closed_reason == "De beschikbaarheid past niet: Alleen ochtenden."


def test_another_employer_cannot_answer(as_other, match):
    assert _answer(as_other, match, answer="ja", version=match.version).status_code == 404
    match.refresh_from_db()
    assert match.employer_response == ""


# --- suggestions and invitations -----------------------------------------------------------


@pytest.fixture
def findable(student_profile):
    student_profile.consent_findable = True
    student_profile.consent_findable_at = timezone.now()
    student_profile.save(update_fields=["consent_findable", "consent_findable_at"])
    return student_profile


def test_suggestions_show_an_alias_only_and_are_logged(as_po, opening, findable):
    response = as_po.get(f"/api/v1/employer/openings/{opening.pk}/suggestions/")
    assert response.status_code == 200
    (row,) = response.json()["results"]
    label = CandidateAlias.objects.get(opening=opening, student=findable).label
    assert row["alias"] == label and row["label"] == f"Kandidaat {label}"
    assert findable.user.email not in response.content.decode()
    assert findable.user.last_name not in response.content.decode()
    assert AccessLog.objects.filter(student=findable, context=f"suggesties:{opening.pk}").exists()


def test_an_invitation_through_the_api_is_the_one_the_page_makes(
    as_boss, client, boss, opening, findable, jobhunter, jpo, school, persona_qualification
):
    as_boss.get(f"/api/v1/employer/openings/{opening.pk}/suggestions/")
    label = CandidateAlias.objects.get(opening=opening, student=findable).label
    url = f"/api/v1/employer/openings/{opening.pk}/suggestions/{label}/invite/"
    response = as_boss.post(url, {"message": "Kom je kennismaken?"}, format="json")
    assert response.status_code == 201, response.json()
    by_api = Invitation.objects.get(opening=opening, student=findable)
    assert response.json() | {"created_at": None} == {
        "id": by_api.pk,
        "opening": opening.pk,
        "label": f"Kandidaat {label}",
        "status": "open",
        "message": "Kom je kennismaken?",
        "created_at": None,
    }
    # The page, for a second findable student: the same row, the same messages.
    other = f.StudentProfileFactory(
        school=school,
        qualification=persona_qualification,
        consent_findable=True,
        jobhunter=jobhunter,
        jpo=jpo,
    )
    client.force_login(boss)
    client.get(reverse("werkgever:candidates", args=[opening.pk]))
    other_label = CandidateAlias.objects.get(opening=opening, student=other).label
    page = client.post(
        reverse("werkgever:candidate-invite", args=[opening.pk, other_label]),
        {"message": "Kom je kennismaken?"},
    )
    assert page.status_code == 302
    by_page = Invitation.objects.get(opening=opening, student=other)
    fields = ("status", "message", "invited_by_id", "match_id", "answered_at")
    assert [getattr(by_api, n) for n in fields] == [getattr(by_page, n) for n in fields]
    for invitation in (by_api, by_page):
        told = Notification.objects.filter(key__startswith=f"invitation:{invitation.pk}:")
        assert {n.user_id for n in told} == {invitation.student.user_id, jobhunter.pk, jpo.pk}


def test_an_unknown_alias_or_another_employer_gets_404(as_other, api_client, opening, findable):
    url = f"/api/v1/employer/openings/{opening.pk}/suggestions/"
    assert as_other.get(url).status_code == 404
    assert as_other.post(f"{url}A/invite/", {}, format="json").status_code == 404
    assert not Invitation.objects.exists()


def test_an_open_invitation_can_be_withdrawn_once(as_boss, opening, findable, boss):
    invitation = Invitation.objects.create(opening=opening, student=findable, invited_by=boss)
    url = f"/api/v1/employer/invitations/{invitation.pk}/withdraw/"
    response = as_boss.post(url)
    assert response.status_code == 200 and response.json()["status"] == "withdrawn"
    again = as_boss.post(url)
    assert again.status_code == 400 and again.json()["code"] == "invalid"
