"""Escalations through the API: the queue, open, take, resolve and hand back with versions."""

import pytest

from marketplace.models import AccessLog, Escalation, Notification
from tests import factories as f

pytestmark = pytest.mark.django_db

URL = "/api/v1/mediation/escalations/"


def _case_url(case, action: str = "") -> str:
    return f"{URL}{case.pk}/{action + '/' if action else ''}"


def test_an_accountmanager_takes_and_resolves_a_case_with_its_versions(
    as_user, accountmanager, jobhunter, escalation
):
    api = as_user(accountmanager)
    queue = api.get(URL).json()
    assert [c["id"] for c in queue["results"]] == [escalation.pk]
    read = api.get(_case_url(escalation))
    assert read.status_code == 200 and read["ETag"] == 'W/"1"'
    assert read.json()["may_take"] is True and read.json()["version"] == 1

    taken = api.post(_case_url(escalation, "take"), HTTP_IF_MATCH=read["ETag"])
    assert taken.status_code == 200 and taken["ETag"] == 'W/"2"'
    assert taken.json()["status"] == "in_behandeling"
    assert taken.json()["assigned_to"]["id"] == accountmanager.pk

    resolved = api.post(
        _case_url(escalation, "resolve"),
        {"version": 2, "resolution": "Een leerbedrijf in de buurt neemt haar aan."},
        format="json",
    )
    assert resolved.status_code == 200 and resolved.json()["status"] == "opgelost"
    escalation.refresh_from_db()
    assert escalation.status == "opgelost" and escalation.version == 3
    assert escalation.closed_at is not None and escalation.first_response_at is not None
    assert Notification.objects.filter(user=jobhunter, key__endswith=":opgelost").exists()


def test_a_stale_version_answers_409_and_changes_nothing(as_user, accountmanager, escalation):
    api = as_user(accountmanager)
    assert api.post(_case_url(escalation, "take"), {"version": 1}, format="json").status_code == 200
    stale = api.post(
        _case_url(escalation, "resolve"),
        {"version": 1, "resolution": "Opgelost met een telefoontje."},
        format="json",
    )
    assert stale.status_code == 409
    body = stale.json()
    assert body["status"] == 409 and body["code"] == "conflict" and body["fields"] == {}
    escalation.refresh_from_db()
    assert escalation.status == "in_behandeling" and escalation.version == 2
    assert escalation.resolution == "" and escalation.closed_at is None


def test_a_stale_if_match_header_wins_over_a_fresh_body_version(
    as_user, accountmanager, escalation
):
    api = as_user(accountmanager)
    response = api.post(
        _case_url(escalation, "take"), {"version": 1}, format="json", HTTP_IF_MATCH='W/"7"'
    )
    assert response.status_code == 409
    escalation.refresh_from_db()
    assert escalation.status == "open" and escalation.version == 1


def test_a_case_handed_back_goes_to_the_jobhunter_with_what_to_do(
    as_user, accountmanager, jobhunter, escalation
):
    api = as_user(accountmanager)
    response = api.post(
        _case_url(escalation, "hand-back"),
        {"version": 1, "resolution": "Bel de werkgever zelf; hij wil eerst kennismaken."},
        format="json",
    )
    assert response.status_code == 200 and response.json()["status"] == "teruggegeven"
    escalation.refresh_from_db()
    assert escalation.status == "teruggegeven" and escalation.assigned_to == accountmanager
    assert Notification.objects.filter(user=jobhunter, key__endswith=":teruggegeven").exists()


def test_without_a_version_or_a_resolution_nothing_changes(as_user, accountmanager, escalation):
    api = as_user(accountmanager)
    no_version = api.post(_case_url(escalation, "take"), {}, format="json")
    assert no_version.status_code == 400 and "version" in no_version.json()["fields"]
    no_text = api.post(
        _case_url(escalation, "resolve"), {"version": 1, "resolution": " "}, format="json"
    )
    assert no_text.status_code == 400 and "resolution" in no_text.json()["fields"]
    bad_header = api.post(_case_url(escalation, "take"), HTTP_IF_MATCH='"een"')
    assert bad_header.status_code == 400
    escalation.refresh_from_db()
    assert escalation.status == "open" and escalation.version == 1


@pytest.mark.parametrize(
    ("persona", "status"),
    [
        ("jobhunter", 403),  # sees the case of their student, does not handle it
        ("coordinator", 403),  # only once the case went up the second rung
        ("other_accountmanager", 404),  # another region's case
        ("werkcoach", 404),
        ("student", 403),
    ],
)
def test_who_may_not_take_a_case_gets_what_the_pages_answer(
    request, as_user, escalation, persona, status
):
    user = request.getfixturevalue(persona)
    response = as_user(user).post(_case_url(escalation, "take"), {"version": 1}, format="json")
    assert response.status_code == status
    assert response.json()["status"] == status
    escalation.refresh_from_db()
    assert escalation.status == "open" and escalation.version == 1


def test_a_case_already_taken_cannot_be_taken_again(as_user, accountmanager, region, escalation):
    colleague = f.UserFactory(role="accountmanager", region=region)
    first = as_user(accountmanager).post(_case_url(escalation, "take"), {"version": 1})
    assert first.status_code == 200
    again = as_user(colleague).post(_case_url(escalation, "take"), {"version": 2}, format="json")
    assert again.status_code == 400
    escalation.refresh_from_db()
    assert escalation.assigned_to == accountmanager and escalation.version == 2


def test_a_jobhunter_escalates_a_student_once_and_a_jpo_may_not(
    as_user, jobhunter, jpo, student_profile, accountmanager
):
    url = f"/api/v1/mediation/students/{student_profile.pk}/escalate/"
    short = as_user(jobhunter).post(url, {"explanation": "kort"}, format="json")
    assert short.status_code == 400 and "explanation" in short.json()["fields"]
    text = {"explanation": "Drie werkgevers zeiden nee; zoek een plek met een jobcoach."}
    opened = as_user(jobhunter).post(url, text, format="json")
    assert opened.status_code == 201 and opened.json()["reason"] == "handmatig"
    case = Escalation.objects.get(pk=opened.json()["id"])
    assert case.opened_by == jobhunter and case.status == "open"
    assert Notification.objects.filter(user=accountmanager, key__contains=str(case.pk)).exists()
    assert as_user(jobhunter).post(url, text, format="json").status_code == 400
    assert as_user(jpo).post(url, text, format="json").status_code == 403
    assert Escalation.objects.count() == 1


def test_the_queue_is_scoped_filtered_and_access_logged(
    as_user, accountmanager, other_accountmanager, jobhunter, escalation, other_student_profile
):
    closed = f.EscalationFactory(student=other_student_profile, status="opgelost")
    api = as_user(accountmanager)
    assert [c["id"] for c in api.get(URL).json()["results"]] == [escalation.pk]
    everything = api.get(URL, {"state": "all", "ordering": "-opened_at"}).json()["results"]
    assert {c["id"] for c in everything} == {escalation.pk, closed.pk}
    assert api.get(URL, {"state": "closed"}).json()["results"][0]["id"] == closed.pk
    assert api.get(URL, {"state": "nooit"}).status_code == 400
    assert api.get(URL, {"student": "0"}).status_code == 400
    logged = AccessLog.objects.filter(user=accountmanager, context="api:escalaties")
    assert set(logged.values_list("student_id", flat=True)) == {
        escalation.student_id,
        closed.student_id,
    }
    assert as_user(other_accountmanager).get(URL).json()["results"] == []
    assert [c["id"] for c in as_user(jobhunter).get(URL).json()["results"]] == [escalation.pk]
    assert as_user(jobhunter).get(_case_url(escalation)).json()["may_take"] is False
