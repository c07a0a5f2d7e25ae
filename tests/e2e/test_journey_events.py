"""A student registers for a matching event on a phone; an employer reads a regulation. Axe on
every page (WCAG 2.1 A/AA)."""

import datetime

import pytest
from django.utils import timezone

from events.models import MatchingEvent
from tests import factories as f
from tests.e2e.conftest import assert_accessible, login, menu_link
from toolkit.models import Regulation

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def test_a_student_registers_for_an_event_on_a_phone(phone_page, student, region):
    start = timezone.now() + datetime.timedelta(days=7)
    MatchingEvent.objects.create(
        title="Speeddate techniek", kind="speeddate", region=region, place=f.PlaceFactory(),
        starts_at=start, ends_at=start + datetime.timedelta(hours=2), capacity=20,
    )  # fmt: skip
    page = phone_page
    login(page, student.email, f.PASSWORD)
    menu_link(page, "Agenda").click()
    assert_accessible(page, "agenda")
    page.get_by_role("link", name="Speeddate techniek").click()
    assert_accessible(page, "evenement")
    page.get_by_role("button", name="Aanmelden").click()
    page.get_by_text("Je bent aangemeld.").wait_for()
    assert_accessible(page, "evenement-aangemeld")


def test_an_employer_reads_a_regulation_in_the_toolkit(page, employer_member):
    Regulation.objects.create(
        name="Praktijkleren", slug="praktijkleren", provider="DUS-I",
        summary="Subsidie voor een BPV-plek", who_qualifies="Erkende leerbedrijven.",
        how_to_apply="Aanvragen na afloop van het schooljaar.",
    )  # fmt: skip
    login(page, employer_member.email, f.PASSWORD)
    page.get_by_role("link", name="Toolkit").click()
    assert_accessible(page, "toolkit")
    page.get_by_role("link", name="Praktijkleren", exact=True).click()
    page.get_by_role("heading", name="Zo vraag je het aan").wait_for()
    assert_accessible(page, "regeling")
