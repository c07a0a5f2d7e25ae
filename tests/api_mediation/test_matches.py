"""Proposing a match and moving it through the API: the same services and rules as the pages,
the version for optimistic locking (409 when stale), nothing half-written on bad input."""

import datetime

import pytest
from django.urls import reverse

from employers.models import Opening
from marketplace.models import AccessLog, Match, MatchStatus, Notification, TimelineEntry
from marketplace.services.matches import match_next_action_set, match_propose
from tests import factories as f

pytestmark = pytest.mark.django_db
S = MatchStatus


def _propose_url(student) -> str:
    return f"/api/v1/mediation/students/{student.pk}/propose/"


def _match_url(match, action: str = "") -> str:
    return f"/api/v1/mediation/matches/{match.pk}/{action}"


@pytest.fixture
def proposed(jobhunter, student_profile, opening):
    return match_propose(proposer=jobhunter, student=student_profile, opening=opening)


def test_a_jobhunter_proposes_through_the_api_and_it_is_on_the_board(
    as_user, client, jobhunter, student_profile, opening
):
    response = as_user(jobhunter).post(
        _propose_url(student_profile),
        {"opening": opening.pk, "note": "Past bij haar wens."},
        format="json",
    )
    assert response.status_code == 201
    data = response.json()
    assert data["status"] == "voorgesteld" and data["version"] == 1
    assert response["ETag"] == 'W/"1"'
    assert response["Location"] == _match_url(Match.objects.get(pk=data["id"]))
    entry = TimelineEntry.objects.get(match_id=data["id"])
    assert entry.note == "Past bij haar wens." and entry.note_visibility == "intern"
    assert Notification.objects.filter(user=student_profile.user).exists()
    client.force_login(jobhunter)
    board = client.get(reverse("werk:board")).content.decode()
    assert opening.title in board and reverse("werk:match", args=[data["id"]]) in board


def test_proposing_a_closed_place_is_refused_and_writes_nothing(
    as_user, jobhunter, student_profile, opening
):
    Opening.objects.filter(pk=opening.pk).update(status=Opening.Status.CLOSED)
    response = as_user(jobhunter).post(_propose_url(student_profile), {"opening": opening.pk})
    assert response.status_code == 400 and "opening" in response.json()["fields"]
    assert not Match.objects.exists() and not Notification.objects.exists()


def test_proposing_the_same_pair_twice_is_a_400(as_user, jobhunter, proposed):
    client = as_user(jobhunter)
    again = client.post(_propose_url(proposed.student), {"opening": proposed.opening_id})
    assert again.status_code == 400
    assert Match.objects.count() == 1


@pytest.mark.parametrize(
    "body",
    [
        {},
        {"opening": "een"},
        {"opening": 2**70},
        {"opening": -1},
        {"opening": 1, "note_visibility": "iedereen"},
        {"opening": 1, "note": "x" * 501},
    ],
)
def test_bad_proposals_answer_400_and_write_nothing(as_user, jobhunter, student_profile, body):
    response = as_user(jobhunter).post(_propose_url(student_profile), body, format="json")
    assert response.status_code == 400
    assert set(response.json()) == {"status", "code", "message", "fields"}
    assert not Match.objects.exists()


def test_the_match_answers_with_its_version_as_etag_and_logs_the_read(as_user, jobhunter, proposed):
    response = as_user(jobhunter).get(_match_url(proposed))
    assert response.status_code == 200 and response["ETag"] == 'W/"1"'
    assert "interesse_student" in response.json()["allowed_steps"]
    assert AccessLog.objects.filter(user=jobhunter, context="api:match").count() == 1


def test_a_step_moves_the_match_and_returns_the_new_version(as_user, jobhunter, proposed):
    response = as_user(jobhunter).post(
        _match_url(proposed, "step/"), {"version": 1, "to_status": "interesse_student"}
    )
    assert response.status_code == 200
    assert response.json()["status"] == "interesse_student" and response["ETag"] == 'W/"2"'
    proposed.refresh_from_db()
    assert (proposed.status, proposed.version) == (S.INTERESSE_STUDENT, 2)


def test_a_step_with_a_stale_version_is_a_409_and_changes_nothing(as_user, jobhunter, proposed):
    match_next_action_set(
        actor=jobhunter,
        match=proposed,
        expected_version=1,
        next_action="Bellen",
        next_action_due=None,
    )  # someone else saved meanwhile: version 2
    entries = TimelineEntry.objects.count()
    client = as_user(jobhunter)
    body = {"version": 1, "to_status": "afgewezen", "reason": "Te ver weg."}
    response = client.post(_match_url(proposed, "step/"), body)
    assert response.status_code == 409
    assert response.json()["code"] == "conflict" and response.json()["fields"] == {}
    by_header = client.post(
        _match_url(proposed, "step/"),
        {"to_status": "afgewezen", "reason": "Te ver weg."},
        HTTP_IF_MATCH='W/"1"',
    )
    assert by_header.status_code == 409
    proposed.refresh_from_db()
    assert (proposed.status, proposed.version, proposed.closed_reason) == (S.VOORGESTELD, 2, "")
    assert TimelineEntry.objects.count() == entries


def test_a_step_without_a_version_is_a_400(as_user, jobhunter, proposed):
    response = as_user(jobhunter).post(
        _match_url(proposed, "step/"), {"to_status": "interesse_student"}
    )
    assert response.status_code == 400 and "version" in response.json()["fields"]


@pytest.mark.parametrize(
    "body",
    [
        {"version": "drie", "to_status": "interesse_student"},
        {"version": 2**70, "to_status": "interesse_student"},
        {"version": 1, "to_status": "klaar"},
        {"version": 1, "to_status": "kennismaking", "meeting_at": "straks"},
        {"version": 1, "to_status": "kennismaking", "meeting_at": "1850-01-01T10:00"},
        {"version": 1, "to_status": "geplaatst", "start_date": "2027-02-30"},
        {"version": 1, "to_status": "gestart"},  # not a next step from "voorgesteld"
        {"version": 1, "to_status": "afgewezen"},  # a reason is needed
    ],
)
def test_bad_steps_answer_400_and_change_nothing(as_user, jobhunter, proposed, body):
    response = as_user(jobhunter).post(_match_url(proposed, "step/"), body, format="json")
    assert response.status_code == 400, response.json()
    proposed.refresh_from_db()
    assert (proposed.status, proposed.version) == (S.VOORGESTELD, 1)


def test_a_malformed_if_match_header_is_a_400(as_user, jobhunter, proposed):
    response = as_user(jobhunter).post(
        _match_url(proposed, "step/"), {"to_status": "interesse_student"}, HTTP_IF_MATCH="nieuw"
    )
    assert response.status_code == 400


@pytest.fixture
def finn(school, jobhunter):
    """A PrO student who is 15 on the start date of the night shift (1 February 2027)."""
    return f.StudentProfileFactory(
        school=school,
        jobhunter=jobhunter,
        education_type="pro",
        level=0,
        leerweg="",
        qualification=None,
        date_of_birth=datetime.date(2011, 6, 1),
    )


def test_a_step_that_breaks_a_hard_rule_is_refused_like_on_the_page(
    as_user, client, jobhunter, finn, employer
):
    night = f.OpeningFactory(location=f.LocationFactory(employer=employer), night_work=True)
    # Made before the rule applied (an import, an older version): it must not move on.
    match = Match.objects.create(student=finn, opening=night, proposed_by=jobhunter)
    api = as_user(jobhunter)
    detail = api.get(_match_url(match)).json()
    assert "interesse_werkgever" not in detail["allowed_steps"]
    blocked = {b["status"]: b["reasons"] for b in detail["blocked_steps"]}
    assert blocked["interesse_werkgever"]
    response = api.post(
        _match_url(match, "step/"), {"version": 1, "to_status": "interesse_werkgever"}
    )
    assert response.status_code == 400
    assert response.json()["fields"]["non_field_errors"] == blocked["interesse_werkgever"]
    client.force_login(jobhunter)
    page = client.post(
        reverse("werk:match-step", args=[match.pk]),
        {"version": 1, "to_status": "interesse_werkgever"},
    )
    assert page.status_code == 400
    match.refresh_from_db()
    assert (match.status, match.version) == (S.VOORGESTELD, 1)
    closing = api.post(
        _match_url(match, "step/"),
        {"version": 1, "to_status": "ingetrokken", "reason": "Nachtwerk mag nog niet."},
    )
    assert closing.status_code == 200  # closing is always possible


def test_only_the_students_mediators_move_a_match(as_user, coordinator, other_region, proposed):
    assert as_user(coordinator).get(_match_url(proposed)).status_code == 200
    step = {"version": 1, "to_status": "interesse_student"}
    assert as_user(coordinator).post(_match_url(proposed, "step/"), step).status_code == 403
    outsider = f.UserFactory(role="jobhunter", region=other_region)
    assert as_user(outsider).post(_match_url(proposed, "step/"), step).status_code == 404
    proposed.refresh_from_db()
    assert proposed.version == 1


def test_the_next_action_is_set_and_completed_with_the_version(as_user, jobhunter, proposed):
    client = as_user(jobhunter)
    body = {"version": 1, "next_action": "Werkgever bellen", "next_action_due": "2027-01-12"}
    response = client.post(_match_url(proposed, "next-action/"), body)
    assert response.status_code == 200 and response.json()["next_action"] == "Werkgever bellen"
    stale = client.post(_match_url(proposed, "next-action/done/"), {"version": 1})
    assert stale.status_code == 409
    done = client.post(_match_url(proposed, "next-action/done/"), {"version": 2})
    assert done.status_code == 200
    assert done.json()["next_action"] == "" and done.json()["next_action_due"] is None
    last = proposed.timeline.order_by("-pk").first()
    assert last.note == "Gedaan: Werkgever bellen" and last.note_visibility == "intern"
    again = client.post(_match_url(proposed, "next-action/done/"), {"version": 3})
    assert again.status_code == 400  # nothing left to tick off


def test_a_next_action_date_in_the_past_is_refused(as_user, jobhunter, proposed):
    body = {"version": 1, "next_action": "Bellen", "next_action_due": "2020-01-01"}
    response = as_user(jobhunter).post(_match_url(proposed, "next-action/"), body)
    assert response.status_code == 400
    proposed.refresh_from_db()
    assert proposed.version == 1 and proposed.next_action == ""


def test_the_board_lists_my_matches_filtered_by_state_and_logs_them(
    as_user, jobhunter, other_jobhunter, proposed, other_student_profile, opening
):
    other_student_profile.jobhunter = other_jobhunter
    other_student_profile.save(update_fields=["jobhunter"])
    Match.objects.create(student=other_student_profile, opening=opening, proposed_by=jobhunter)
    client = as_user(jobhunter)
    rows = client.get("/api/v1/mediation/matches/").json()["results"]
    assert [r["id"] for r in rows] == [proposed.pk]
    assert client.get("/api/v1/mediation/matches/", {"status": "aanbod"}).json()["results"] == []
    assert client.get("/api/v1/mediation/matches/", {"status": "nope"}).status_code == 400
    logged = AccessLog.objects.filter(user=jobhunter, context="api:matchbord")
    assert list(logged.values_list("student_id", flat=True)) == [proposed.student_id]


def test_a_task_is_ticked_off(as_user, jobhunter, student_profile):
    from marketplace.models import ActionItem

    task = ActionItem.objects.create(
        student=student_profile,
        kind=ActionItem.Kind.ADVIES,
        title="Advies vastleggen",
        due_date=datetime.date(2027, 3, 1),
        assigned_to=jobhunter,
    )
    client = as_user(jobhunter)
    assert [t["id"] for t in client.get("/api/v1/mediation/tasks/").json()["results"]] == [task.pk]
    response = client.post(f"/api/v1/mediation/tasks/{task.pk}/done/")
    assert response.status_code == 200 and response.json()["done_at"]
    assert client.get("/api/v1/mediation/tasks/").json()["results"] == []


def test_a_match_goes_from_proposal_to_placement_through_the_api(as_user, jobhunter, proposed):
    from marketplace.models import Placement

    client = as_user(jobhunter)
    steps = [
        {"to_status": "interesse_student"},
        {"to_status": "interesse_werkgever"},
        {"to_status": "kennismaking", "meeting_at": "2027-01-12T10:00:00+01:00"},
        {"to_status": "aanbod"},
        {"to_status": "geplaatst", "start_date": "2027-02-01"},
    ]
    for version, step in enumerate(steps, start=1):
        response = client.post(_match_url(proposed, "step/"), {"version": version, **step})
        assert response.status_code == 200, response.json()
    placement = Placement.objects.get(match=proposed)
    assert placement.start_date == datetime.date(2027, 2, 1)
    assert placement.checkins.count() == 3
    rows = client.get("/api/v1/mediation/matches/", {"student": proposed.student_id}).json()
    assert [r["status"] for r in rows["results"]] == ["geplaatst"]
