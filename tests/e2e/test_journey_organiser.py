"""The organiser's journey in real headless Chromium, on a phone and on a desktop: a coordinator
creates a speed-date event (a bad value first: a message, the input kept), publishes it; a
student finds it in the calendar and registers; the coordinator calls it off; the student sees
that it is cancelled. Axe (WCAG 2.1 A/AA) on every organiser page."""

import datetime

import pytest
from django.utils import timezone

from events.models import MatchingEvent, Registration
from tests import factories as f
from tests.e2e.conftest import assert_accessible, login

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

VIEWPORTS = {"telefoon": {"width": 390, "height": 844}, "desktop": {"width": 1280, "height": 900}}


def _local(value: datetime.datetime) -> str:
    return timezone.localtime(value).strftime("%Y-%m-%dT%H:%M")


@pytest.fixture
def open_page(browser, live_server):
    contexts = []

    def _open(viewport: dict):
        context = browser.new_context(base_url=live_server.url, locale="nl-NL", viewport=viewport)
        contexts.append(context)
        page = context.new_page()
        page.set_default_timeout(15_000)
        return page

    yield _open
    for context in contexts:
        context.close()


def _create_with_a_mistake_first(page, name: str) -> None:
    start = (timezone.now() + datetime.timedelta(days=21)).replace(hour=14, minute=0)
    page.goto("/evenementen/")
    page.get_by_role("link", name="Evenementen organiseren").click()
    assert_accessible(page, f"organiseren-lijst-{name}")
    page.get_by_role("link", name="Nieuw evenement").click()
    assert_accessible(page, f"organiseren-nieuw-{name}")
    page.get_by_label("Titel").fill("Speeddaten techniek")
    page.get_by_label("Speeddate", exact=True).check()
    page.get_by_label("Plaats", exact=True).fill("Winschoten")
    page.get_by_label("Adres (mag leeg blijven)").fill("Sporthal De Moeshorn")
    page.get_by_label("Begint op").fill(_local(start))
    page.get_by_label("Eindigt op").fill(_local(start + datetime.timedelta(hours=2)))
    page.get_by_label("Plekken voor jongeren").fill("20")
    page.get_by_label("Plekken voor werkgevers").fill("6")
    page.get_by_label("MBO", exact=True).check()
    page.get_by_label("Aantal rondes").fill("8")
    page.get_by_label("Aantal tafels").fill("0")  # the mistake
    page.get_by_label("Minuten per ronde").fill("10")
    page.get_by_role("button", name="Opslaan als concept").click()
    page.get_by_text("Een speeddate heeft minstens 1 tafel.").first.wait_for()
    assert page.get_by_label("Titel").input_value() == "Speeddaten techniek"
    assert page.get_by_label("Plaats", exact=True).input_value() == "Winschoten"
    assert not MatchingEvent.objects.exists()
    assert_accessible(page, f"organiseren-fout-{name}")
    page.get_by_label("Aantal tafels").fill("6")
    page.get_by_role("button", name="Opslaan als concept").click()
    page.get_by_text("Het evenement is opgeslagen als concept.").wait_for()
    assert_accessible(page, f"organiseren-wijzigen-{name}")
    page.get_by_role("button", name="Publiceren in de agenda").click()
    page.get_by_text("staat nu in de agenda").wait_for()


@pytest.mark.parametrize("name", list(VIEWPORTS))
def test_a_coordinator_organises_a_speed_date_and_calls_it_off(
    open_page, name, coordinator, student
):
    f.PlaceFactory(name="Winschoten", province="Groningen", latitude=53.14, longitude=7.03)
    organiser = open_page(VIEWPORTS[name])
    login(organiser, coordinator.email, f.PASSWORD)
    _create_with_a_mistake_first(organiser, name)
    event = MatchingEvent.objects.get()
    assert (event.status, event.tables, event.audience) == ("published", 6, ["mbo"])

    young = open_page(VIEWPORTS[name])
    login(young, student.email, f.PASSWORD)
    young.goto("/evenementen/")
    young.get_by_role("link", name="Speeddaten techniek").click()
    young.get_by_role("button", name="Aanmelden").click()
    young.get_by_text("Je bent aangemeld.").wait_for()
    assert Registration.objects.get(event=event).user == student

    organiser.goto("/evenementen/organiseren/")
    organiser.get_by_role("link", name="Speeddaten techniek").click()
    organiser.get_by_role("link", name="Evenement afgelasten").click()
    assert_accessible(organiser, f"organiseren-afgelasten-{name}")
    organiser.get_by_label("Waarom gaat het niet door?").fill("De sporthal is dicht.")
    organiser.get_by_role("button", name="Afgelasten en iedereen een bericht sturen").click()
    organiser.get_by_text("is afgelast").first.wait_for()

    young.goto("/evenementen/")
    young.get_by_role("heading", name="Afgelast").wait_for()
    young.get_by_role("link", name="Speeddaten techniek").click()
    young.get_by_text("Afgelast: dit evenement gaat niet door.").wait_for()
    assert young.get_by_role("button", name="Aanmelden").count() == 0
