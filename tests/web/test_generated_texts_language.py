"""Texts the product writes itself are stored as codes and read in the reader's language: the
sweep's escalation explanations (new and old rows), the hard rules in a coach's message and in a
refused write, and the demo's welcome message."""

import datetime
import importlib
import re
from html import unescape

import pytest
from django.apps import apps
from django.conf import settings
from django.urls import reverse
from django.utils import timezone, translation

from employers.services import opening_after_change
from marketplace.models import Escalation, Match, Notification, SearchRequest
from mediation.services.escalations import escalation_sweep
from tests import factories as f

pytestmark = pytest.mark.django_db

NOW = timezone.make_aware(datetime.datetime(2027, 1, 4, 9, 0))
DEADLINE = datetime.date(2027, 3, 5)
STALE_NL = "dagen stil (de regio escaleert na"
STALE_EN = "days (the region escalates after"


def _text(html: str) -> str:
    return unescape(re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html)))


def _in_english(client):
    client.post(reverse("set_language"), {"language": "en", "next": "/"})
    assert client.cookies[settings.LANGUAGE_COOKIE_NAME].value == "en"


@pytest.fixture
def stale_case(student_profile, accountmanager) -> Escalation:
    """A search without progress for longer than the region allows, escalated by the sweep."""
    days = student_profile.school.region.escalation_stale_days
    SearchRequest.objects.create(
        student=student_profile,
        kind="bpv",
        deadline=DEADLINE,
        last_progress_at=NOW - datetime.timedelta(days=days + 3),
    )
    [case] = escalation_sweep(now=NOW)
    return case


# --- escalation explanations --------------------------------------------------------------


def test_the_sweep_stores_its_explanation_as_a_code_with_facts(stale_case, student_profile):
    days = student_profile.school.region.escalation_stale_days
    assert stale_case.explanation_code == "escalation.why.stale_search"
    assert stale_case.explanation_params == {
        "idle": days + 3,
        "days": days,
        "deadline": "2027-03-05",
    }
    assert STALE_NL in stale_case.explanation  # the Dutch text is kept with the row


def test_an_escalation_page_explains_the_case_in_english(client, stale_case, accountmanager):
    _in_english(client)
    client.force_login(accountmanager)
    page = _text(client.get(reverse("werk:escalation", args=[stale_case.pk])).content.decode())
    assert STALE_EN in page and "Must be placed by 5 March 2027" in page
    assert STALE_NL not in page
    queue = _text(client.get(reverse("werk:escalations")).content.decode())
    assert STALE_EN in queue and STALE_NL not in queue


def test_an_escalation_page_explains_the_case_in_dutch(client, stale_case, accountmanager):
    client.force_login(accountmanager)
    page = _text(client.get(reverse("werk:escalation", args=[stale_case.pk])).content.decode())
    assert STALE_NL in page and "Uiterlijk geplaatst op 5 maart 2027" in page
    assert STALE_EN not in page


def test_the_api_explains_the_case_in_the_request_language(api_client, stale_case, accountmanager):
    api_client.force_authenticate(accountmanager)
    url = f"/api/v1/mediation/escalations/{stale_case.pk}/"
    english = api_client.get(url, HTTP_ACCEPT_LANGUAGE="en").json()["explanation"]
    dutch = api_client.get(url, HTTP_ACCEPT_LANGUAGE="nl").json()["explanation"]
    assert STALE_EN in english and "5 March 2027" in english
    assert STALE_NL in dutch and "5 maart 2027" in dutch


def test_the_message_of_a_new_case_repeats_the_explanation_in_the_readers_language(
    stale_case, accountmanager
):
    note = Notification.objects.get(user=accountmanager, code="escalation.opened")
    with translation.override("en"):
        assert STALE_EN in note.rendered.body and "5 March 2027" in note.rendered.body
    assert STALE_NL in note.rendered.body and "5 maart 2027" in note.rendered.body


def test_a_persons_own_explanation_is_shown_as_written(student_profile):
    case = f.EscalationFactory(student=student_profile, explanation="Ze zoekt al maanden.")
    with translation.override("en"):
        assert case.display_explanation == "Ze zoekt al maanden."


def test_old_rows_with_the_sweeps_dutch_text_become_codes(student_profile, accountmanager):
    migration = importlib.import_module("marketplace.migrations.0013_escalation_explanation_codes")
    old = (
        "De BPV begint op 01-02-2027 en er is nog geen plek. De regio escaleert 6 weken voor "
        "de start."
    )
    case = f.EscalationFactory(
        student=student_profile, reason=Escalation.Reason.NO_PLACE_BEFORE_START, explanation=old
    )
    own = f.EscalationFactory(student=student_profile, explanation="Eigen woorden.")
    note = Notification.objects.create(
        user=accountmanager,
        key="old",
        code="escalation.opened",
        params={"for": "mediator", "student": "Sanne", "reason": "geen_plek", "text": old},
        title="Nieuwe escalatie",
    )
    migration.codes_for_old_rows(apps, None)
    case.refresh_from_db()
    own.refresh_from_db()
    note.refresh_from_db()
    assert case.explanation_code == "escalation.why.no_place_before_start"
    assert case.explanation_params == {"start": "2027-02-01", "weeks": 6}
    assert own.explanation_code == ""
    with translation.override("en"):
        assert case.display_explanation == (
            "The BPV starts on 1 February 2027 and there is no place yet. The region escalates "
            "6 weeks before the start."
        )
        assert "The BPV starts on 1 February 2027" in note.rendered.body
        assert own.display_explanation == "Eigen woorden."
    assert case.display_explanation.startswith("De BPV begint op 1 februari 2027")


# --- hard rules ---------------------------------------------------------------------------


@pytest.fixture
def broken_match(student_profile, opening, jobhunter) -> Match:
    """A running match whose place was changed to more hours than the student can work."""
    match = Match.objects.create(student=student_profile, opening=opening, proposed_by=jobhunter)
    opening.hours_per_week = student_profile.hours_per_week + 8
    opening.save()
    assert opening_after_change(opening) == 1
    return match


def test_a_coach_reads_a_broken_hard_rule_in_english(broken_match, jobhunter, student_profile):
    note = Notification.objects.get(user=jobhunter, code="opening.rules_broken")
    assert "text" not in note.params and note.params["rules"][0]["code"] == "hours"
    name = student_profile.user.first_name
    with translation.override("en"):
        assert note.rendered.body == (
            f"This place is 40 hours a week. {name} can work 32 hours a week."
        )
        assert note.rendered.title.startswith("A place no longer meets a hard rule")
    assert note.rendered.body == f"Deze plek is 40 uur per week. {name} kan 32 uur per week."


def test_a_coach_reads_a_broken_date_rule_in_their_language(student_profile, opening, jobhunter):
    Match.objects.create(student=student_profile, opening=opening, proposed_by=jobhunter)
    student_profile.available_to = datetime.date(2027, 1, 20)
    student_profile.save()
    opening.start_date = datetime.date(2027, 2, 1)
    opening.save()
    opening_after_change(opening)
    note = Notification.objects.get(user=jobhunter, code="opening.rules_broken")
    with translation.override("en"):
        assert "1 February 2027" in note.rendered.body and "20 January 2027" in note.rendered.body
    assert "1 februari 2027" in note.rendered.body


def test_a_refused_write_names_the_hard_rule_in_the_request_language(
    api_client, student, student_profile, opening
):
    opening.hours_per_week = student_profile.hours_per_week + 8
    opening.save()
    api_client.force_authenticate(student)
    url = reverse("api-my-opening-interest", args=[opening.pk])
    english = api_client.post(url, {}, format="json", HTTP_ACCEPT_LANGUAGE="en")
    dutch = api_client.post(url, {}, format="json", HTTP_ACCEPT_LANGUAGE="nl")
    assert english.status_code == dutch.status_code == 400
    assert "This place is 40 hours a week. You can work 32 hours a week." in str(english.json())
    assert "Deze plek is 40 uur per week. Jij kunt 32 uur per week." in str(dutch.json())


# --- the demo's welcome message -------------------------------------------------------------


def test_the_demo_welcome_message_reads_in_the_readers_language(region):
    from demo.casework import _notifications

    user = f.UserFactory(email="student@demo.nl")
    _notifications()
    _notifications()  # seeding again keeps one message
    note = Notification.objects.get(user=user, key="demo:welkom")
    assert note.code == "demo.welcome"
    with translation.override("en"):
        assert note.rendered.title == "Welcome to the demo of the placement and job matcher"
        assert note.rendered.body.startswith("You are logged in as student (MBO 2 BOL). Try: ")
        assert "places for you with an explanation" in note.rendered.body
    assert note.rendered.title == "Welkom in de demo van de BPV- en banenmatcher"
    assert note.rendered.body == (
        "Je bent ingelogd als student (MBO 2 BOL). Probeer: Sanne, 17: plekken voor jou met "
        "uitleg; de nachtdienst zie je niet (minderjarig)."
    )
    assert (note.title, note.body) == (note.rendered.title, note.rendered.body)
