"""Discover and invite on a phone (390×844), in real headless Chromium: the employer finds an
anonymous suggestion on their candidates page, invites it with a short message; the student
opens the invitation from the inbox and says yes; only then does the employer see the name.
Axe (WCAG 2.1 A/AA) on every page."""

import re
from contextlib import contextmanager

import pytest

from marketplace.models import Invitation
from tests import factories as f
from tests.e2e.conftest import assert_accessible, login

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]
PHONE = {"width": 390, "height": 844}


@contextmanager
def phone(browser, live_server, user):
    context = browser.new_context(base_url=live_server.url, locale="nl-NL", viewport=PHONE)
    page = context.new_page()
    page.set_default_timeout(15_000)
    login(page, user.email, f.PASSWORD)
    try:
        yield page
    finally:
        context.close()


def _discover_and_invite(page, opening) -> str:
    page.goto("/werkgever/")
    page.get_by_role("link", name=re.compile("kandidaten")).first.click()
    page.get_by_role("heading", name="Suggesties").wait_for()
    assert_accessible(page, "werkgever-suggesties")
    card = page.locator("li.suggestion").first
    alias = card.get_by_role("heading").inner_text()
    assert alias.startswith("Kandidaat ")
    card.get_by_text("Waarom past dit?").click()
    card.get_by_role("link", name=re.compile(rf"^Uitnodigen\s*:\s*{alias}$")).click()
    page.get_by_role("heading", name=f"{alias} uitnodigen").wait_for()
    assert_accessible(page, "werkgever-uitnodigen")
    page.get_by_label("Je bericht aan de kandidaat (mag leeg blijven)").fill(
        "Hoi! Wij zoeken iemand voor ons magazijn. Kom je een keer kijken?"
    )
    page.get_by_role("button", name="Uitnodiging versturen").click()
    page.get_by_text(f"{alias} is uitgenodigd.").wait_for()
    page.get_by_text("Open uitnodigingen: 1 van de 10.").wait_for()
    return alias


def _accept_from_the_inbox(page, employer_name: str) -> None:
    page.goto("/werk/inbox/")
    assert_accessible(page, "student-inbox")
    page.get_by_role(
        "button", name=re.compile(rf"^Openen\s*:\s*{employer_name} nodigt je uit")
    ).click()
    page.get_by_role("heading", name=f"Uitnodiging van {employer_name}").wait_for()
    assert page.get_by_text("Kom je een keer kijken?").is_visible()
    assert_accessible(page, "student-uitnodiging")
    page.get_by_role("button", name="Ja, ik wil kennismaken").click()
    page.get_by_text("Je hebt ja gezegd.").wait_for()
    assert_accessible(page, "student-plek-na-ja")


def test_an_employer_invites_a_suggestion_and_sees_the_name_after_the_yes_on_a_phone(
    browser, live_server, employer_member, opening, student_profile
):
    student_profile.consent_findable = True
    student_profile.save(update_fields=["consent_findable"])
    name = student_profile.user.get_full_name()
    with phone(browser, live_server, employer_member) as page:
        alias = _discover_and_invite(page, opening)
        html = page.content()
        assert name not in html and student_profile.user.email not in html
        assert Invitation.objects.filter(student=student_profile, status="open").exists()
        with phone(browser, live_server, student_profile.user) as student_page:
            _accept_from_the_inbox(student_page, opening.employer.name)
        page.reload()
        page.get_by_role("heading", name=name).wait_for()
        assert page.get_by_role("link", name=student_profile.user.email).is_visible()
        assert alias not in page.locator("ol.match-list").first.inner_text()
        assert_accessible(page, "werkgever-kandidaten-na-ja")
