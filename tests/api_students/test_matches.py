"""Interest and "not for me" through the API follow the page's rules: the engine's hard rules
block interest as the place's page does, a reason is required, and a step on a match carries its
version (a stale one answers 409 and changes nothing)."""

import datetime

import pytest

from marketplace.models import Match, MatchStatus, TimelineEntry
from tests import factories as f

S = MatchStatus
pytestmark = pytest.mark.django_db


@pytest.fixture
def as_student(api_client, student):
    api_client.force_authenticate(student)
    return api_client


@pytest.fixture
def proposed(student_profile, opening, jobhunter):
    return Match.objects.create(
        student=student_profile, opening=opening, proposed_by=jobhunter, status=S.VOORGESTELD
    )


def test_interest_then_not_for_me_with_a_reason_as_on_the_page(as_student, opening):
    interest = as_student.post(
        f"/api/v1/me/openings/{opening.pk}/interest/", {"share_profile": True}
    )
    assert interest.status_code == 200, interest.content
    body = interest.json()
    assert body["status"] == S.INTERESSE_STUDENT and body["student_shares_profile"] is True
    assert interest["ETag"] == f'W/"{body["version"]}"'
    again = as_student.post(f"/api/v1/me/openings/{opening.pk}/interest/", {})
    assert again.json()["version"] == body["version"]  # a second send changes nothing

    no_reason = as_student.post(f"/api/v1/me/openings/{opening.pk}/decline/", {})
    assert no_reason.status_code == 400 and "reason" in no_reason.json()["fields"]
    declined = as_student.post(
        f"/api/v1/me/openings/{opening.pk}/decline/", {"reason": "te_ver", "note": "Twee bussen"}
    )
    assert declined.status_code == 200 and declined.json()["status"] == S.AFGEWEZEN
    assert declined.json()["closed_reason"] == "Het is te ver weg: Twee bussen"
    match = Match.objects.get(opening=opening)
    assert match.student_response == "nee"


def test_a_hard_rule_blocks_interest_like_the_page_and_writes_nothing(api_client, school, employer):
    finn = f.StudentProfileFactory(
        user=f.UserFactory(first_name="Finn"), school=school, education_type="pro", level=0,
        leerweg="", qualification=None, date_of_birth=datetime.date(2011, 6, 1),
    )  # fmt: skip
    night = f.OpeningFactory(location=f.LocationFactory(employer=employer), night_work=True)
    api_client.force_authenticate(finn.user)
    response = api_client.post(f"/api/v1/me/openings/{night.pk}/interest/", {})
    assert response.status_code == 400
    assert "nachtwerk" in " ".join(response.json()["fields"]["non_field_errors"])
    assert not Match.objects.exists() and not TimelineEntry.objects.exists()


def test_a_match_step_with_a_stale_version_answers_409_and_changes_nothing(as_student, proposed):
    detail = as_student.get(f"/api/v1/me/matches/{proposed.pk}/")
    assert detail.status_code == 200 and detail["ETag"] == 'W/"1"'
    Match.objects.filter(pk=proposed.pk).update(version=2)  # someone else moved it meanwhile
    stale = as_student.post(
        f"/api/v1/me/matches/{proposed.pk}/interest/", {}, HTTP_IF_MATCH='W/"1"'
    )
    assert stale.status_code == 409 and stale.json()["code"] == "conflict"
    assert Match.objects.get(pk=proposed.pk).status == S.VOORGESTELD
    fresh = as_student.post(f"/api/v1/me/matches/{proposed.pk}/interest/", {"version": 2})
    assert fresh.status_code == 200 and fresh.json()["status"] == S.INTERESSE_STUDENT
    assert fresh.json()["version"] == 3


def test_a_match_step_without_a_version_is_refused(as_student, proposed):
    response = as_student.post(f"/api/v1/me/matches/{proposed.pk}/decline/", {"reason": "werk"})
    assert response.status_code == 400 and "version" in response.json()["fields"]
    bad = as_student.post(
        f"/api/v1/me/matches/{proposed.pk}/decline/", {"reason": "werk"}, HTTP_IF_MATCH="abc"
    )
    assert bad.status_code == 400
    assert Match.objects.get(pk=proposed.pk).status == S.VOORGESTELD


def test_declining_a_match_at_its_version_closes_it_with_the_reason(as_student, proposed):
    response = as_student.post(
        f"/api/v1/me/matches/{proposed.pk}/decline/", {"reason": "tijden", "version": 1}
    )
    assert response.status_code == 200 and response.json()["status"] == S.AFGEWEZEN
    timeline = as_student.get(f"/api/v1/me/matches/{proposed.pk}/").json()["timeline"]
    assert timeline[-1]["to_status"] == S.AFGEWEZEN
    assert timeline[-1]["note"] == "De werktijden passen niet"


def test_the_student_lists_only_their_own_matches(
    as_student, proposed, other_student_profile, opening, jobhunter
):
    theirs = Match.objects.create(
        student=other_student_profile, opening=opening, proposed_by=jobhunter
    )
    listed = as_student.get("/api/v1/me/matches/").json()
    assert [m["id"] for m in listed["results"]] == [proposed.pk]
    assert as_student.get(f"/api/v1/me/matches/{theirs.pk}/").status_code == 404
    assert (
        as_student.post(f"/api/v1/me/matches/{theirs.pk}/interest/", {"version": 1}).status_code
        == 404
    )


def test_an_internal_note_stays_out_of_the_students_timeline(as_student, proposed, jobhunter):
    TimelineEntry.objects.create(
        match=proposed, actor=jobhunter, from_status="", to_status=S.VOORGESTELD,
        note="Let op: twijfelt over reistijd", kind="proposal",
    )  # fmt: skip
    timeline = as_student.get(f"/api/v1/me/matches/{proposed.pk}/").json()["timeline"]
    assert all("twijfelt" not in entry["note"] for entry in timeline)


def test_a_huge_id_or_version_is_a_4xx_never_a_500(as_student, proposed):
    assert as_student.get("/api/v1/me/matches/99999999999999999999/").status_code == 404
    response = as_student.post(
        f"/api/v1/me/matches/{proposed.pk}/interest/", {"version": 10**30}, format="json"
    )
    assert response.status_code == 400
