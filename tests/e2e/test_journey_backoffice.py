"""The coordinator runs the region from a phone, in real headless Chromium: invites a jobhunter
(a mistake first: a message, the input kept), who chooses a password with the mailed link and
logs in; changes the matching weights after looking at the preview; edits a toolkit text and
sees what changed in its history. Axe (WCAG 2.1 A/AA) on every page."""

import re

import pytest
from django.core import mail

from marketplace.models import MatchingWeights, Role, User
from tests import factories as f
from tests.e2e.conftest import assert_accessible, login, menu_link, phone_as
from toolkit.models import Audience, ToolkitItem

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def _invite_a_jobhunter(page) -> None:
    page.goto("/")
    assert_accessible(page, "beheer-start")
    page.get_by_role("link", name="Mensen en rollen").click()
    assert_accessible(page, "beheer-mensen")
    page.get_by_role("link", name="Iemand uitnodigen").click()
    assert_accessible(page, "beheer-uitnodigen")
    page.get_by_label("E-mailadres").fill("jamal@example.nl")
    page.get_by_label("Voornaam").fill("Jamal")
    page.get_by_label("Achternaam").fill("Bakker")
    page.get_by_label("Rol").select_option(Role.SCHOOL)  # the mistake: no school chosen
    page.get_by_role("button", name="Uitnodiging versturen").click()
    page.get_by_text("Kies de school van deze medewerker.").first.wait_for()
    assert page.get_by_label("E-mailadres").input_value() == "jamal@example.nl"
    assert not User.objects.filter(email="jamal@example.nl").exists()
    assert_accessible(page, "beheer-uitnodigen-fout")
    page.get_by_label("Rol").select_option(Role.JOBHUNTER)
    page.get_by_role("button", name="Uitnodiging versturen").click()
    page.get_by_text("De uitnodiging is verstuurd naar jamal@example.nl.").wait_for()
    page.get_by_role("link", name="Jamal Bakker").click()
    assert_accessible(page, "beheer-persoon")


def _set_password_and_log_in(browser, live_server) -> None:
    link = re.search(r"https?://\S+?(/accounts/wachtwoord/\S+)", mail.outbox[-1].body).group(1)
    context = browser.new_context(
        base_url=live_server.url, locale="nl-NL", viewport={"width": 390, "height": 844}
    )
    page = context.new_page()
    page.set_default_timeout(15_000)
    try:
        page.goto(link)
        page.locator("#id_new_password1").fill("Zonnebloem-42-veld")
        page.locator("#id_new_password2").fill("Zonnebloem-42-veld")
        page.get_by_role("button", name="Opslaan").click()
        page.wait_for_load_state("networkidle")
        login(page, "jamal@example.nl", "Zonnebloem-42-veld")
        assert page.get_by_text("Hallo Jamal").is_visible()
    finally:
        context.close()


def _change_the_weights(page, coordinator) -> None:
    menu_link(page, "Beheer", exact=True).click()
    page.get_by_role("link", name="Gewichten van de matcher").click()
    assert_accessible(page, "beheer-gewichten")
    page.get_by_label("Afstand", exact=True).fill("40")
    page.get_by_role("button", name="Bekijk het voorbeeld").click()
    page.get_by_text("Dit is nog niet opgeslagen.").wait_for()
    assert_accessible(page, "beheer-gewichten-voorbeeld")
    assert not MatchingWeights.objects.exists()
    page.get_by_role("button", name="Opslaan").click()
    page.get_by_text("Versie v1 is opgeslagen.").wait_for()
    assert_accessible(page, "beheer-gewichten-opgeslagen")
    saved = MatchingWeights.objects.get()
    assert saved.created_by == coordinator and saved.values["distance"] == 40


def _edit_a_toolkit_text(page) -> None:
    menu_link(page, "Beheer", exact=True).click()
    page.get_by_role("link", name="Toolkit-teksten en regelingen").click()
    assert_accessible(page, "toolkit-beheer")
    page.get_by_role("link", name="Waarom een BPV-plek?", exact=True).click()
    assert_accessible(page, "toolkit-wijzigen")
    page.get_by_label("Tekst", exact=True).fill("Jongeren leren het vak het best in een bedrijf.")
    page.get_by_label("Wat heb je veranderd? (mag leeg blijven)").fill("Korter gezegd")
    page.get_by_role("button", name="Opslaan").click()
    page.get_by_text("Opgeslagen als nieuwe versie.").wait_for()
    page.get_by_role("link", name="Bekijk alle versies").click()
    page.get_by_text("Korter gezegd").wait_for()
    assert page.locator("ins", has_text="in een bedrijf.").count() == 1
    assert_accessible(page, "toolkit-versies")


def test_the_coordinator_invites_changes_weights_and_edits_a_text_on_a_phone(
    browser, live_server, coordinator, student_profile, opening
):
    ToolkitItem.objects.create(
        audience=Audience.WERKGEVER,
        title="Waarom een BPV-plek?",
        slug="waarom",
        category="Waarom",
        summary="Kort",
        body="Jongeren leren het vak het best op de werkvloer.",
    )
    with phone_as(browser, live_server, coordinator, f.PASSWORD) as page:
        _invite_a_jobhunter(page)
        _set_password_and_log_in(browser, live_server)
        _change_the_weights(page, coordinator)
        _edit_a_toolkit_text(page)
