"""Pages show an action only when the rules allow it (the `may_*` flags the views compute)."""

import pytest
from django.urls import reverse
from django.utils import timezone

from events.models import Registration
from marketplace.models import Escalation, MatchStatus, Overgangsdokument


def _page(client, user, url: str) -> str:
    client.force_login(user)
    response = client.get(url)
    assert response.status_code == 200
    return response.content.decode()


def test_the_accountmanager_takes_an_open_case_and_then_only_closes_it(client, world):
    case = world.own.objects["escalation"]
    url = reverse("werk:escalation", args=[case.pk])
    page = _page(client, world.own.people["accountmanager"], url)
    assert "Ik pak dit op" in page and "Afsluiten" in page
    case.status = Escalation.Status.IN_BEHANDELING
    case.save(update_fields=["status"])
    page = _page(client, world.own.people["accountmanager"], url)
    assert "Ik pak dit op" not in page and "Afsluiten" in page


def test_a_jobhunter_sees_the_case_but_no_buttons_to_handle_it(client, world):
    case = world.own.objects["escalation"]
    page = _page(client, world.own.people["jobhunter"], reverse("werk:escalation", args=[case.pk]))
    assert "Ik pak dit op" not in page and "Afhandelen" not in page


def test_the_werkcoach_confirms_a_sent_document_and_invites_until_the_student_is_invited(
    client, world
):
    doc = world.own.objects["overgangsdokument"]
    url = reverse("werk:overgangsdokument", args=[doc.pk])
    page = _page(client, world.own.people["werkcoach"], url)
    assert "Ontvangst bevestigen" in page and "Uitnodiging sturen" in page
    doc.status = Overgangsdokument.Status.UITGENODIGD
    doc.invited_at = timezone.now()
    doc.save(update_fields=["status", "invited_at"])
    page = _page(client, world.own.people["werkcoach"], url)
    assert "Ontvangst bevestigen" not in page and "Uitnodiging sturen" not in page
    assert "Uitgenodigd op" in page


@pytest.mark.parametrize(("persona", "shown"), [("jpo", True), ("accountmanager", False)])
def test_only_the_students_mediators_record_how_a_placement_ended(client, world, persona, shown):
    checkin = world.own.objects["checkin"]
    page = _page(client, world.own.people[persona], reverse("werk:checkin", args=[checkin.pk]))
    assert ("uitkomst vastleggen" in page) is shown


def test_a_finished_placement_has_no_outcome_form(client, world):
    checkin = world.own.objects["checkin"]
    checkin.placement.status = "afgerond"
    checkin.placement.save(update_fields=["status"])
    page = _page(client, world.own.people["jpo"], reverse("werk:checkin", args=[checkin.pk]))
    assert "uitkomst vastleggen" not in page


def test_the_student_sees_no_interest_button_once_they_answered(client, world):
    match = world.own.objects["match"]
    url = reverse("student-opening", args=[match.opening_id])
    assert "Ik heb interesse" in _page(client, world.own.people["student"], url)
    match.student_response = "ja"
    match.save(update_fields=["student_response"])
    assert "Ik heb interesse" not in _page(client, world.own.people["student"], url)


def test_the_student_cannot_decline_a_started_placement(client, world):
    started = world.own.objects["placement"].match
    assert started.status == MatchStatus.GESTART
    url = reverse("student-opening", args=[started.opening_id])
    assert "Niet voor mij" not in _page(client, world.own.people["student"], url)
    url = reverse("student-opening", args=[world.own.objects["opening"].pk])
    assert "Niet voor mij" in _page(client, world.own.people["student"], url)


def test_the_dashboard_says_online_zetten_for_a_draft_and_weer_openen_for_a_closed_place(
    client, world
):
    opening = world.own.objects["opening"]
    employer = world.own.people["employer"]
    opening.status = "draft"
    opening.save(update_fields=["status"])
    page = _page(client, employer, reverse("werkgever:dashboard"))
    assert "Online zetten" in page and "Weer openen" not in page
    opening.status = "closed"
    opening.save(update_fields=["status"])
    page = _page(client, employer, reverse("werkgever:dashboard"))
    assert "Weer openen" in page and "Online zetten" not in page


def test_a_published_place_is_saved_without_a_publish_button(client, world):
    employer = world.own.people["employer"]
    opening = world.own.objects["opening"]
    page = _page(client, employer, reverse("werkgever:opening-edit", args=[opening.pk]))
    assert "Opslaan en online zetten" not in page and "Opslaan als concept" not in page
    page = _page(client, employer, reverse("werkgever:opening-new"))
    assert "Opslaan en online zetten" in page and "Opslaan als concept" in page


def test_the_event_page_tells_a_student_on_the_waiting_list(client, world):
    event = world.shared["event"]
    student = world.own.people["student"]
    url = reverse("events:detail", args=[event.pk])
    Registration.objects.create(event=event, user=student, status=Registration.Status.WAITLIST)
    assert "Je staat op de wachtlijst" in _page(client, student, url)


def test_a_cancelled_registration_offers_to_register_again(client, world):
    event = world.shared["event"]
    student = world.own.people["student"]
    Registration.objects.create(event=event, user=student, status=Registration.Status.CANCELLED)
    page = _page(client, student, reverse("events:detail", args=[event.pk]))
    assert "Je bent aangemeld" not in page and "Aanmelden" in page
