"""Closing a place on a phone (390×844): with JavaScript "Plek sluiten…" asks in a modal dialog
(focus inside, Escape and "Annuleren" close it and focus returns to the link, the form closes
the place); without JavaScript the same link leads to the confirmation page. Also the skills
step without JavaScript: a level shows once its skill is ticked."""

import pytest

from employers.models import Opening
from marketplace.models import StudentCompetency
from matching.models import Competency
from tests import factories as f
from tests.e2e.conftest import assert_accessible, login

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]
PHONE = {"width": 390, "height": 844}


def _phone(browser, live_server, *, javascript=True):
    context = browser.new_context(
        base_url=live_server.url,
        locale="nl-NL",
        viewport=PHONE,
        java_script_enabled=javascript,
        bypass_csp=True,
    )
    page = context.new_page()
    page.set_default_timeout(15_000)
    return context, page


def _focused_is_the_close_link(page) -> bool:
    return page.evaluate("document.activeElement.matches('a[data-confirm-dialog]')")


def test_closing_a_place_asks_in_a_dialog(browser, live_server, employer_member, opening):
    context, page = _phone(browser, live_server)
    login(page, employer_member.email, f.PASSWORD)
    page.goto("/werkgever/")
    link = page.get_by_role("link", name=f"Plek sluiten… {opening.title}")
    dialog = page.get_by_role("dialog", name=f"‘{opening.title}’ sluiten?")

    link.click()
    dialog.wait_for()
    assert page.evaluate("document.querySelector('dialog').matches(':modal')")
    assert page.evaluate("document.activeElement.closest('dialog') !== null")
    for button in (
        dialog.get_by_role("button", name="Ja, sluit de plek"),
        dialog.get_by_role("button", name="Annuleren"),
    ):
        assert button.bounding_box()["height"] >= 44
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    assert_accessible(page, "werkgever-sluiten-dialoog")
    page.keyboard.press("Escape")
    dialog.wait_for(state="detached")
    assert _focused_is_the_close_link(page)

    link.click()
    dialog.get_by_role("button", name="Annuleren").click()
    dialog.wait_for(state="detached")
    assert _focused_is_the_close_link(page)
    opening.refresh_from_db()
    assert opening.status == Opening.Status.OPEN

    link.click()
    dialog.get_by_role("button", name="Ja, sluit de plek").click()
    page.get_by_text(f"De status van ‘{opening.title}’ is aangepast.").wait_for()
    opening.refresh_from_db()
    assert opening.status == Opening.Status.CLOSED
    context.close()


def test_without_javascript_the_link_leads_to_the_confirmation_page(
    browser, live_server, employer_member, opening
):
    context, page = _phone(browser, live_server, javascript=False)
    login(page, employer_member.email, f.PASSWORD)
    page.goto("/werkgever/")
    page.get_by_role("link", name=f"Plek sluiten… {opening.title}").click()
    page.get_by_role("heading", name=f"‘{opening.title}’ sluiten?", level=1).wait_for()
    assert page.get_by_role("dialog").count() == 0
    page.get_by_role("button", name="Ja, sluit de plek").click()
    page.get_by_text(f"De status van ‘{opening.title}’ is aangepast.").wait_for()
    opening.refresh_from_db()
    assert opening.status == Opening.Status.CLOSED
    context.close()


def test_without_javascript_a_level_shows_once_its_skill_is_ticked(
    browser, live_server, student_profile
):
    work = Competency.Category.WERKNEMERSVAARDIGHEID
    ticked = Competency.objects.create(name="Samenwerken", category=work)
    unticked = Competency.objects.create(name="Op tijd komen", category=work)
    StudentCompetency.objects.create(student=student_profile, competency=ticked, level=2)
    context, page = _phone(browser, live_server, javascript=False)
    login(page, student_profile.user.email, f.PASSWORD)
    page.goto("/mijn-profiel/vaardigheden/")
    ticked_level = page.get_by_role("group", name="Hoe goed kun je Samenwerken?")
    unticked_level = page.get_by_role("group", name="Hoe goed kun je Op tijd komen?")
    assert ticked_level.is_visible() and not unticked_level.is_visible()
    page.get_by_label("Op tijd komen", exact=True).check()
    assert unticked_level.is_visible()
    unticked_level.get_by_label("Ik kan het", exact=True).check()
    page.get_by_role("button", name="Volgende").click()
    page.wait_for_load_state("networkidle")
    level = StudentCompetency.objects.get(student=student_profile, competency=unticked).level
    assert level == 2
    context.close()
