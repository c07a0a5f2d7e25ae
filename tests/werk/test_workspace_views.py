"""The /werk/ pages: who sees what, per object; bad input and stale forms; the access log."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from marketplace.models import AccessLog, Escalation, Match, Notification, Overgangsdokument, Role
from marketplace.services.matches import match_propose
from tests import factories as f

pytestmark = pytest.mark.django_db


def _client(client, user):
    client.force_login(user)
    return client


def test_a_jobhunter_sees_their_caseload_with_the_search_deadline(
    client, jobhunter, student_profile, other_student_profile
):
    student_profile.search_requests.create(
        kind="bpv", deadline=datetime.date(2027, 3, 1), last_progress_at=timezone.now()
    )
    page = _client(client, jobhunter).get(reverse("werk:caseload")).content.decode()
    assert student_profile.user.get_full_name() in page and "1-3-2027" in page
    assert other_student_profile.user.get_full_name() not in page


def test_the_student_record_is_access_logged_and_scoped(
    client, jobhunter, other_jobhunter, student_profile
):
    url = reverse("werk:student", args=[student_profile.pk])
    assert _client(client, jobhunter).get(url).status_code == 200
    assert AccessLog.objects.filter(user=jobhunter, student=student_profile).count() == 1
    client.logout()
    assert _client(client, other_jobhunter).get(url).status_code == 404
    assert not AccessLog.objects.filter(user=other_jobhunter).exists()


def test_a_jpo_sees_support_needs_only_when_the_student_shared_them(
    client, jpo, student_profile, jobhunter
):
    url = reverse("werk:student", args=[student_profile.pk])
    page = _client(client, jpo).get(url).content.decode()
    assert "Jobcoach" not in page and "Niet gedeeld door de jongere" in page
    student_profile.support_needs_shared = True
    student_profile.save()
    assert "Jobcoach" in client.get(url).content.decode()
    client.logout()
    assert "Jobcoach" in _client(client, jobhunter).get(url).content.decode()


def test_a_jpo_sees_only_assigned_mentees(client, jpo, other_student_profile):
    url = reverse("werk:student", args=[other_student_profile.pk])
    assert _client(client, jpo).get(url).status_code == 404


@pytest.mark.parametrize("who", ["student", "employer_member", "parent"])
def test_other_roles_have_no_workspace(client, request, who):
    user = request.getfixturevalue(who)
    assert _client(client, user).get(reverse("werk:caseload")).status_code == 403
    assert client.get(reverse("werk:board")).status_code == 403


def test_propose_from_the_suggestions_in_one_step(
    client, jobhunter, student_profile, opening, employer_member
):
    response = _client(client, jobhunter).post(
        reverse("werk:propose", args=[student_profile.pk]),
        {"opening": opening.pk, "note": "Past bij je stage-wens"},
    )
    match = Match.objects.get(student=student_profile, opening=opening)
    assert response.status_code == 302 and response.url == reverse("werk:match", args=[match.pk])
    assert match.status == "voorgesteld" and match.proposed_by == jobhunter
    assert Notification.objects.filter(user=student_profile.user).exists()
    assert Notification.objects.filter(user=employer_member).exists()
    response = client.post(  # the double submit
        reverse("werk:propose", args=[student_profile.pk]), {"opening": opening.pk}, follow=True
    )
    assert Match.objects.filter(student=student_profile).count() == 1
    assert "al aan elkaar gekoppeld" in response.content.decode()


def test_a_forbidden_step_and_a_missing_reason_get_a_clear_message(
    client, jobhunter, student_profile, opening
):
    match = match_propose(proposer=jobhunter, student=student_profile, opening=opening)
    url = reverse("werk:match-step", args=[match.pk])
    _client(client, jobhunter)
    response = client.post(url, {"version": match.version, "to_status": "geplaatst"})
    assert response.status_code == 400
    assert "Deze stap kan nu niet" in response.content.decode()
    response = client.post(url, {"version": match.version, "to_status": "ingetrokken"})
    assert response.status_code == 400 and "Schrijf kort op waarom" in response.content.decode()
    match.refresh_from_db()
    assert match.status == "voorgesteld" and match.timeline.count() == 1


def test_a_stale_form_shows_the_conflict_and_keeps_what_was_typed(
    client, jobhunter, student_profile, opening
):
    match = match_propose(proposer=jobhunter, student=student_profile, opening=opening)
    stale_version = match.version
    _client(client, jobhunter)
    client.post(
        reverse("werk:match-step", args=[match.pk]),
        {"version": stale_version, "to_status": "interesse_student"},
    )
    response = client.post(
        reverse("werk:match-step", args=[match.pk]),
        {"version": stale_version, "to_status": "afgewezen", "reason": "Te ver reizen"},
    )
    page = response.content.decode()
    assert response.status_code == 409
    assert "Iemand anders heeft deze match net aangepast" in page and "Te ver reizen" in page
    match.refresh_from_db()
    assert match.status == "interesse_student"
    assert f'name="version" value="{match.version}"' in page


def test_the_board_shows_my_matches_by_state(
    client, jobhunter, other_jobhunter, student_profile, opening
):
    match = match_propose(proposer=jobhunter, student=student_profile, opening=opening)
    page = _client(client, jobhunter).get(reverse("werk:board")).content.decode()
    assert student_profile.user.get_full_name() in page and "Voorgesteld" in page
    client.logout()
    page = _client(client, other_jobhunter).get(reverse("werk:board")).content.decode()
    assert student_profile.user.get_full_name() not in page
    assert client.get(reverse("werk:match", args=[match.pk])).status_code == 404


def test_the_accountmanager_queue_is_the_regions(
    client, accountmanager, other_accountmanager, student_profile
):
    case = f.EscalationFactory(student=student_profile, explanation="Staat al 40 dagen stil.")
    page = _client(client, accountmanager).get(reverse("werk:escalations")).content.decode()
    assert student_profile.user.get_full_name() in page and "wacht al" in page
    response = client.post(reverse("werk:escalation-take", args=[case.pk]), {"version": 1})
    assert response.status_code == 302
    case.refresh_from_db()
    assert case.status == "in_behandeling"
    response = client.post(
        reverse("werk:escalation-close", args=[case.pk]),
        {"version": case.version, "outcome": "teruggegeven", "resolution": ""},
    )
    assert (
        response.status_code == 400 and "Schrijf op wat je hebt gedaan" in response.content.decode()
    )
    client.logout()
    _client(client, other_accountmanager)
    assert client.get(reverse("werk:escalation", args=[case.pk])).status_code == 404
    assert (
        client.post(reverse("werk:escalation-take", args=[case.pk]), {"version": 2}).status_code
        == 404
    )


def test_a_jobhunter_escalates_by_hand_from_the_record(
    client, jobhunter, student_profile, accountmanager
):
    url = reverse("werk:escalate", args=[student_profile.pk])
    response = _client(client, jobhunter).post(url, {"explanation": "kort"})
    assert response.status_code == 400 and "kort" in response.content.decode()
    assert not Escalation.objects.exists()
    response = client.post(
        url, {"explanation": "Drie werkgevers zeiden nee; zoek een plek met een jobcoach."}
    )
    case = Escalation.objects.get()
    assert response.url == reverse("werk:escalation", args=[case.pk])
    assert case.reason == "handmatig" and case.opened_by == jobhunter


def test_recording_a_checkin_through_the_page(client, jobhunter, jpo, student_profile, opening):
    from tests.werk.test_workspace_services import _placed

    placement = _placed(jobhunter, student_profile, opening)
    checkin = placement.checkins.get(week=2)
    url = reverse("werk:checkin", args=[checkin.pk])
    _client(client, jpo)
    response = client.post(url, {"how_it_goes": "matig", "notes": "", "risk_signal": "on"})
    page = response.content.decode()
    assert response.status_code == 400 and "Schrijf kort op wat jullie" in page
    response = client.post(
        url,
        {
            "how_it_goes": "matig",
            "notes": "Vindt het werk leuk.",
            "risk_signal": "on",
            "risk_notes": "Ruzie met een collega.",
        },
    )
    assert response.status_code == 302
    checkin.refresh_from_db()
    assert checkin.done_by == jpo and checkin.risk_signal
    assert placement.actions.filter(kind="follow_up").exists()


def test_the_werkcoach_sees_only_their_overgangsdokumenten_and_gets_the_pdf(
    client, werkcoach, student_profile, region
):
    doc = Overgangsdokument.objects.get(student=student_profile)
    _client(client, werkcoach)
    assert (
        student_profile.user.get_full_name()
        in client.get(reverse("werk:overgangsdokumenten")).content.decode()
    )
    pdf = client.get(reverse("werk:overgangsdokument-pdf", args=[doc.pk]))
    assert pdf.status_code == 200 and pdf["Content-Type"] == "application/pdf"
    assert pdf.content.startswith(b"%PDF")
    assert AccessLog.objects.filter(user=werkcoach, action="download").exists()
    client.logout()
    stranger = f.UserFactory(role=Role.WERKCOACH, region=region)
    _client(client, stranger)
    assert client.get(reverse("werk:overgangsdokument", args=[doc.pk])).status_code == 404
    assert client.get(reverse("werk:overgangsdokument-pdf", args=[doc.pk])).status_code == 404


def test_the_inbox_marks_only_my_own_messages_read(client, jobhunter, other_jobhunter):
    mine = Notification.objects.create(user=jobhunter, key="a", title="Voor mij", url="/werk/")
    theirs = Notification.objects.create(user=other_jobhunter, key="b", title="Niet voor mij")
    _client(client, jobhunter)
    page = client.get(reverse("werk:inbox")).content.decode()
    assert "Voor mij" in page and "Niet voor mij" not in page
    assert client.post(reverse("werk:inbox-read", args=[theirs.pk])).status_code == 404
    response = client.post(reverse("werk:inbox-read", args=[mine.pk]), {"open": "1"})
    assert response.url == "/werk/"
    mine.refresh_from_db()
    theirs.refresh_from_db()
    assert mine.read_at is not None and theirs.read_at is None


def test_advies_with_a_date_in_the_future_is_refused_and_kept(
    client, school_staff, student_profile
):
    student_profile.mentor = school_staff
    student_profile.save()
    future = (timezone.localdate() + datetime.timedelta(days=5)).isoformat()
    response = _client(client, school_staff).post(
        reverse("werk:advies", args=[student_profile.pk]),
        {"advies": "doorstroom", "advies_date": future},
    )
    page = response.content.decode()
    assert response.status_code == 400 and "niet in de toekomst" in page and future in page
    student_profile.refresh_from_db()
    assert student_profile.advies == ""
