"""The advies and the overgangsdokument through the API, as the school writes and sends it and
as the werkcoach receives it."""

import datetime

import pytest
from django.utils import timezone

from marketplace.models import AccessLog, ActionItem, Notification, Overgangsdokument, Role
from tests import factories as f

pytestmark = pytest.mark.django_db

TEXTS = {
    "advies": "arbeid",
    "strengths": "Zorgvuldig en altijd op tijd.",
    "support": "Een vaste begeleider op de werkvloer.",
    "wishes": "Werken in een magazijn, dichtbij huis.",
}


def _doc_url(student, action: str = "") -> str:
    tail = f"{action}/" if action else ""
    return f"/api/v1/mediation/students/{student.pk}/overgangsdokument/{tail}"


@pytest.fixture
def coach(region):
    return f.UserFactory(role=Role.WERKCOACH, region=region)


def test_the_school_writes_sends_and_the_werkcoach_confirms_and_invites(
    as_user, school_staff, student_profile, coach
):
    school = as_user(school_staff)
    empty = school.get(_doc_url(student_profile)).json()
    assert empty["id"] is None and empty["status"] == "concept" and empty["updated"] == ""
    assert [w["id"] for w in empty["werkcoaches"]] == [coach.pk]
    incomplete = school.post(_doc_url(student_profile, "send"), {"werkcoach": coach.pk})
    assert incomplete.status_code == 400  # nothing saved yet

    created = school.post(_doc_url(student_profile, "save"), TEXTS, format="json")
    assert created.status_code == 201 and created.json()["strengths"] == TEXTS["strengths"]
    completed = school.post(
        _doc_url(student_profile, "save"),
        {"work_experience": "Stage bij de supermarkt.", "updated": created.json()["updated"]},
        format="json",
    )
    assert completed.status_code == 200
    assert completed.json()["wishes"] == TEXTS["wishes"]  # left out: kept

    sent = school.post(_doc_url(student_profile, "send"), {"werkcoach": coach.pk})
    assert sent.status_code == 200 and sent.json()["status"] == "verstuurd"
    doc = Overgangsdokument.objects.get(student=student_profile)
    assert doc.werkcoach == coach and Notification.objects.filter(user=coach).exists()

    werkcoach = as_user(coach)
    listed = werkcoach.get("/api/v1/mediation/overgangsdokumenten/").json()["results"]
    assert [d["id"] for d in listed] == [doc.pk] and listed[0]["may_confirm"] is True
    url = f"/api/v1/mediation/overgangsdokumenten/{doc.pk}/"
    confirmed = werkcoach.post(f"{url}confirm-receipt/")
    assert confirmed.status_code == 200 and confirmed.json()["status"] == "ontvangen"
    when = (timezone.now() + datetime.timedelta(days=7)).isoformat()
    invited = werkcoach.post(f"{url}invite/", {"when": when, "where": "Werkplein"}, format="json")
    assert invited.status_code == 200 and invited.json()["status"] == "uitgenodigd"
    assert Notification.objects.filter(user=student_profile.user).exists()


def test_a_stale_save_answers_409_and_keeps_the_other_text(
    as_user, jobhunter, school_staff, student_profile
):
    first = as_user(school_staff).post(_doc_url(student_profile, "save"), TEXTS, format="json")
    old = first.json()["updated"]
    assert (
        as_user(jobhunter)
        .post(_doc_url(student_profile, "save"), {"wishes": "Buiten werken.", "updated": old})
        .status_code
        == 200
    )
    stale = as_user(school_staff).post(
        _doc_url(student_profile, "save"), {"wishes": "Binnen werken.", "updated": old}
    )
    assert stale.status_code == 409 and stale.json()["code"] == "conflict"
    assert Overgangsdokument.objects.get(student=student_profile).wishes == "Buiten werken."


def test_bad_input_for_the_document_changes_nothing(as_user, school_staff, student_profile, coach):
    api = as_user(school_staff)
    api.post(_doc_url(student_profile, "save"), TEXTS, format="json")
    for payload, field in (
        ({"advies": "vakantie"}, "advies"),
        ({"strengths": "x" * 5001}, "strengths"),
    ):
        response = api.post(_doc_url(student_profile, "save"), payload, format="json")
        assert response.status_code == 400 and field in response.json()["fields"]
    other_coach = f.UserFactory(role=Role.WERKCOACH, region=f.RegionFactory())
    refused = api.post(_doc_url(student_profile, "send"), {"werkcoach": other_coach.pk})
    assert refused.status_code == 400 and "werkcoach" in refused.json()["fields"]
    doc = Overgangsdokument.objects.get(student=student_profile)
    assert doc.strengths == TEXTS["strengths"] and doc.status == "concept"


def test_the_werkcoach_reads_only_the_document_sent_to_them(
    as_user, coach, werkcoach, jobhunter, student_profile, other_student_profile
):
    # `werkcoach` received the student's document; `coach` has only a concept addressed to them.
    concept = Overgangsdokument.objects.create(student=other_student_profile, werkcoach=coach)
    sent = Overgangsdokument.objects.get(student=student_profile)
    assert as_user(coach).get("/api/v1/mediation/overgangsdokumenten/").json()["results"] == []
    for doc in (sent, concept):
        assert (
            as_user(coach).get(f"/api/v1/mediation/overgangsdokumenten/{doc.pk}/").status_code
            == 404
        )
        confirm = as_user(coach).post(
            f"/api/v1/mediation/overgangsdokumenten/{doc.pk}/confirm-receipt/"
        )
        assert confirm.status_code == 404
    mine = as_user(werkcoach).get(f"/api/v1/mediation/overgangsdokumenten/{sent.pk}/")
    assert mine.status_code == 200 and mine.json()["student"]["id"] == student_profile.pk
    assert AccessLog.objects.filter(
        user=werkcoach, student=student_profile, context="api:overgang"
    ).exists()
    assert not AccessLog.objects.filter(user=coach).exists()
    # The werkcoach never gets the student's record or the writer's side.
    assert as_user(werkcoach).get(_doc_url(student_profile)).status_code == 404
    assert (
        as_user(jobhunter).get(f"/api/v1/mediation/overgangsdokumenten/{sent.pk}/").status_code
        == 403
    )


def test_the_advies_is_read_and_recorded_as_on_the_record_page(
    as_user, jobhunter, jpo, other_jobhunter, student_profile
):
    student_profile.expected_diploma_date = timezone.localdate() + datetime.timedelta(weeks=30)
    student_profile.save(update_fields=["expected_diploma_date"])
    task = ActionItem.objects.create(
        student=student_profile,
        kind=ActionItem.Kind.ADVIES,
        title="Advies vastleggen",
        due_date=timezone.localdate(),
        assigned_to=jobhunter,
    )
    url = f"/api/v1/mediation/students/{student_profile.pk}/advies/"
    read = as_user(jobhunter).get(url)
    assert read.status_code == 200 and read.json()["advies"] == ""
    assert (
        read.json()["advies_due"]
        == (student_profile.expected_diploma_date - datetime.timedelta(weeks=16)).isoformat()
    )
    tomorrow = (timezone.localdate() + datetime.timedelta(days=1)).isoformat()
    future = as_user(jobhunter).post(f"{url}update/", {"advies": "arbeid", "advies_date": tomorrow})
    assert future.status_code == 400 and "advies_date" in future.json()["fields"]
    today = timezone.localdate().isoformat()
    recorded = as_user(jobhunter).post(
        f"{url}update/", {"advies": "doorstroom", "advies_date": today}
    )
    assert recorded.status_code == 200 and recorded.json()["advies"] == "doorstroom"
    task.refresh_from_db()
    assert task.done_at is not None
    assert as_user(jpo).get(url).status_code == 403
    assert as_user(other_jobhunter).get(url).status_code == 404
    assert AccessLog.objects.filter(user=jobhunter, context="api:advies").exists()


def test_the_contact_after_the_diploma_is_recorded(as_user, school_staff, student_profile):
    url = f"/api/v1/mediation/students/{student_profile.pk}/contact-after-diploma/update/"
    assert as_user(school_staff).post(url, {}).status_code == 400
    response = as_user(school_staff).post(url, {"given": True}, format="json")
    assert response.status_code == 200 and response.json()["contact_after_diploma"] is True
    student_profile.refresh_from_db()
    assert student_profile.consent_contact_after_diploma is True


def test_the_pdf_is_for_the_werkcoach_it_was_sent_to_and_its_writers(
    as_user, werkcoach, coach, jobhunter, jpo, student_profile
):
    doc = Overgangsdokument.objects.get(student=student_profile)
    url = f"/api/v1/mediation/overgangsdokumenten/{doc.pk}/pdf/"
    pdf = as_user(werkcoach).get(url, HTTP_ACCEPT="application/pdf")
    assert pdf.status_code == 200 and pdf["Content-Type"] == "application/pdf"
    assert pdf.content.startswith(b"%PDF")
    assert AccessLog.objects.filter(user=werkcoach, action="download", context="api:pdf").exists()
    assert as_user(jobhunter).get(url).status_code == 200
    refused = as_user(coach).get(url, HTTP_ACCEPT="application/pdf")
    assert refused.status_code == 404 and refused.json()["code"] == "not_found"
    assert as_user(jpo).get(url).status_code == 404
