"""Check-ins, the outcome of a placement and aftercare (nazorg) through the API."""

import datetime

import pytest
from django.utils import timezone

from marketplace.models import AccessLog, ActionItem, AftercareContact, CheckIn, Placement
from tests import factories as f

pytestmark = pytest.mark.django_db

URL = "/api/v1/mediation/checkins/"


def test_the_jpo_lists_the_checkins_due_and_the_read_is_logged(as_user, jpo, checkin):
    done = CheckIn.objects.create(
        placement=checkin.placement,
        week=6,
        planned_for=timezone.localdate() - datetime.timedelta(days=1),
        assigned_to=jpo,
        done_at=timezone.now(),
        how_it_goes="goed",
        notes="Gaat prima.",
    )
    api = as_user(jpo)
    due = api.get(URL, {"mine": "true", "due_within_days": 7}).json()
    assert [c["id"] for c in due["results"]] == [checkin.pk]
    row = due["results"][0]
    assert row["may_record"] is True and row["placement"]["status"] == "lopend"
    assert row["planned_for"] == timezone.localdate().isoformat()
    assert [c["id"] for c in api.get(URL, {"state": "done"}).json()["results"]] == [done.pk]
    student_id = checkin.placement.match.student_id
    assert AccessLog.objects.filter(user=jpo, student_id=student_id, context="api:check-ins")
    assert api.get(URL, {"due_within_days": "-1"}).status_code == 400


def test_recording_a_checkin_with_a_risk_plans_a_follow_up(as_user, jpo, jobhunter, checkin):
    response = as_user(jpo).post(
        f"{URL}{checkin.pk}/record/",
        {
            "how_it_goes": "matig",
            "notes": "Vindt het werk leuk, komt vaak te laat.",
            "risk_signal": True,
            "risk_notes": "De bus rijdt niet vroeg genoeg.",
        },
        format="json",
    )
    assert response.status_code == 200
    body = response.json()
    assert body["done_by"]["id"] == jpo.pk and body["how_it_goes"] == "matig"
    assert body["may_record"] is False
    follow_up = ActionItem.objects.get(kind="follow_up", placement=checkin.placement)
    assert follow_up.assigned_to == jobhunter


def test_bad_checkin_input_is_refused_and_nothing_is_recorded(as_user, jpo, checkin):
    api = as_user(jpo)
    url = f"{URL}{checkin.pk}/record/"
    for payload, field in (
        ({"how_it_goes": "super", "notes": "x"}, "how_it_goes"),
        ({"how_it_goes": "goed", "notes": ""}, "notes"),
        ({"how_it_goes": "slecht", "notes": "x", "risk_signal": True}, "risk_notes"),
        ({"how_it_goes": "goed", "notes": "x" * 2001}, "notes"),
    ):
        response = api.post(url, payload, format="json")
        assert response.status_code == 400 and field in response.json()["fields"], payload
    checkin.refresh_from_db()
    assert checkin.done_at is None and not ActionItem.objects.filter(kind="follow_up").exists()


def test_a_checkin_is_recorded_once(as_user, jpo, jobhunter, checkin):
    url = f"{URL}{checkin.pk}/record/"
    payload = {"how_it_goes": "goed", "notes": "Gaat prima."}
    assert as_user(jpo).post(url, payload, format="json").status_code == 200
    again = as_user(jobhunter).post(url, {**payload, "notes": "Anders"}, format="json")
    assert again.status_code == 400
    checkin.refresh_from_db()
    assert checkin.done_by == jpo and checkin.notes == "Gaat prima."


def test_who_may_not_record_a_checkin_gets_what_the_pages_answer(
    as_user, other_jobhunter, student, checkin
):
    url = f"{URL}{checkin.pk}/record/"
    payload = {"how_it_goes": "goed", "notes": "Gaat prima."}
    assert as_user(other_jobhunter).post(url, payload, format="json").status_code == 404
    assert as_user(other_jobhunter).get(f"{URL}{checkin.pk}/").status_code == 404
    assert as_user(student).post(url, payload, format="json").status_code == 403
    checkin.refresh_from_db()
    assert checkin.done_at is None


def test_one_checkin_shows_its_placement_and_logs_the_read(as_user, jobhunter, checkin):
    response = as_user(jobhunter).get(f"{URL}{checkin.pk}/")
    assert response.status_code == 200
    body = response.json()
    assert body["placement"]["id"] == checkin.placement_id and body["others"] == []
    assert body["may_close_placement"] is True
    assert AccessLog.objects.filter(user=jobhunter, context="api:check-in").count() == 1


def test_the_outcome_of_a_placement_needs_a_reason_for_dropping_out(
    as_user, jobhunter, jpo, placement
):
    url = f"/api/v1/mediation/placements/{placement.pk}/outcome/"
    end = timezone.localdate().isoformat()
    without = as_user(jobhunter).post(url, {"status": "uitgevallen", "end_date": end})
    assert without.status_code == 400 and "reason" in without.json()["fields"]
    placement.refresh_from_db()
    assert placement.status == "lopend"
    before_start = (placement.start_date - datetime.timedelta(days=1)).isoformat()
    early = as_user(jobhunter).post(url, {"status": "afgerond", "end_date": before_start})
    assert early.status_code == 400 and "end_date" in early.json()["fields"]
    assert as_user(jobhunter).post(url, {"status": "x", "end_date": end}).status_code == 400
    done = as_user(jobhunter).post(
        url, {"status": "uitgevallen", "end_date": end, "reason": "Verhuisd naar Zwolle."}
    )
    assert done.status_code == 200 and done.json()["status"] == "uitgevallen"
    placement.refresh_from_db()
    assert placement.status == Placement.Status.UITGEVALLEN
    assert placement.outcome_reason == "Verhuisd naar Zwolle."
    assert as_user(jobhunter).post(url, {"status": "afgerond", "end_date": end}).status_code == 400


def test_the_outcome_is_for_the_students_mediators_only(
    as_user, accountmanager, other_jobhunter, placement
):
    url = f"/api/v1/mediation/placements/{placement.pk}/outcome/"
    payload = {"status": "afgerond", "end_date": timezone.localdate().isoformat()}
    assert as_user(other_jobhunter).post(url, payload).status_code == 404
    assert as_user(accountmanager).post(url, payload).status_code == 404
    placement.refresh_from_db()
    assert placement.status == "lopend"


# --- aftercare (nazorg) ------------------------------------------------------------------------


@pytest.fixture
def leaver(school, jobhunter):
    """A PrO school-leaver of four months ago with a planned contact moment."""
    left = timezone.localdate() - datetime.timedelta(days=120)
    student = f.StudentProfileFactory(
        school=school,
        jobhunter=jobhunter,
        education_type="pro",
        level=0,
        leerweg="",
        qualification=None,
        expected_diploma_date=left,
    )
    ActionItem.objects.create(
        student=student,
        kind=ActionItem.Kind.AFTERCARE,
        title="Nazorg: contact 3 maanden na school",
        due_date=left + datetime.timedelta(days=91),
        assigned_to=jobhunter,
    )
    return student


def test_school_staff_record_an_aftercare_contact_once(as_user, school_staff, leaver):
    api = as_user(school_staff)
    read = api.get(f"/api/v1/mediation/students/{leaver.pk}/aftercare/")
    assert read.status_code == 200 and read.json()["may_record"] is True
    moment = read.json()["moments"][0]["id"]
    url = f"/api/v1/mediation/students/{leaver.pk}/aftercare/record/"
    today = timezone.localdate().isoformat()
    future = (timezone.localdate() + datetime.timedelta(days=3)).isoformat()
    payload = {"moment": moment, "contacted_on": future, "situation": "werk"}
    assert api.post(url, payload, format="json").status_code == 400
    assert not AftercareContact.objects.exists()
    recorded = api.post(url, {**payload, "contacted_on": today}, format="json")
    assert recorded.status_code == 201 and recorded.json()["situation"] == "werk"
    again = api.post(url, {**payload, "contacted_on": today}, format="json")
    assert again.status_code == 400 and "moment" in again.json()["fields"]
    assert AftercareContact.objects.count() == 1
    after = api.get(f"/api/v1/mediation/students/{leaver.pk}/aftercare/").json()
    assert after["moments"] == [] and after["contacts"][0]["moment"] == moment
    assert AccessLog.objects.filter(user=school_staff, context="api:nazorg").count() == 2


def test_a_jpo_reads_aftercare_but_does_not_record_it(as_user, jpo, leaver):
    leaver.jpo = jpo
    leaver.save(update_fields=["jpo"])
    assert (
        as_user(jpo).get(f"/api/v1/mediation/students/{leaver.pk}/aftercare/").json()["may_record"]
        is False
    )
    moment = ActionItem.objects.get(student=leaver).pk
    response = as_user(jpo).post(
        f"/api/v1/mediation/students/{leaver.pk}/aftercare/record/",
        {"moment": moment, "contacted_on": timezone.localdate().isoformat(), "situation": "werk"},
        format="json",
    )
    assert response.status_code == 403 and not AftercareContact.objects.exists()
