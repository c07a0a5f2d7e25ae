"""Every role's main pages on a 390x844 phone and at 1280x800, in Dutch and English: axe at
WCAG 2.2 A/AA finds nothing, nothing is wider than the screen, the menu opens with its button on
the phone and shows only what the role may open, and the inbox's unread count is in the menu.

One browser; per role one signed-in context whose viewport and language change between pages.
"""

import datetime
import re

import pytest
from django.utils import timezone

from marketplace.models import CheckIn, Match, MatchStatus, Notification, Placement
from tests import factories as f
from tests.e2e.conftest import AXE_JS, login

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

WCAG_22 = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]
SIZES = {"phone": (390, 844), "desktop": (1280, 800)}

# role → (persona fixture, main page, pages checked once more, on the Dutch phone)
ROLES = {
    "student": ("student", "/mijn-matches/", ["/mijn-profiel/"]),
    "parent": ("parent", "/mijn-kind/", []),
    "employer": ("employer_member", "/werkgever/", ["/werkgever/plekken/nieuw/"]),
    "jobhunter": ("jobhunter", "/werk/", ["/werk/inbox/"]),
    "jpo": ("jpo", "/werk/check-ins/", []),
    "accountmanager": ("accountmanager", "/werk/escalaties/", []),
    "coordinator": ("coordinator", "/", []),
    "school": ("school_staff", "/werk/", []),
}


@pytest.fixture
def world(student_profile, employer, jobhunter, jpo):
    """A place that fits the student, a running placement with a check-in for the JPO, unread
    messages for the jobhunter."""
    employer.recognitions.create(
        qualification=student_profile.qualification, valid_from="2020-01-01"
    )
    opening = f.OpeningFactory(
        title="Orderpicker",
        location=f.LocationFactory(employer=employer, place=student_profile.home_place),
    )
    match = Match.objects.create(
        student=student_profile, opening=opening, status=MatchStatus.GESTART, proposed_by=jobhunter
    )
    placement = Placement.objects.create(match=match, start_date=timezone.localdate())
    CheckIn.objects.create(
        placement=placement,
        week=2,
        planned_for=timezone.localdate() + datetime.timedelta(weeks=2),
        assigned_to=jpo,
    )
    for n in range(3):
        Notification.objects.create(
            user=jobhunter, key=f"e2e:{n}", title=f"Bericht {n}", body="Bekijk de match."
        )


def _axe(page) -> list[dict]:
    if not page.evaluate("typeof window.axe !== 'undefined'"):
        page.evaluate(AXE_JS.read_text() + "\n;undefined")
    result = page.evaluate(
        """async (tags) => await axe.run(document, {
            runOnly: {type: 'tag', values: tags}, resultTypes: ['violations']
        })""",
        WCAG_22,
    )
    return [
        {"id": v["id"], "help": v["help"], "nodes": [n["target"] for n in v["nodes"]][:3]}
        for v in result["violations"]
    ]


def _too_wide(page) -> list[str]:
    """The page's width beyond the screen, and the widest elements that cause it."""
    return page.evaluate(
        """() => {
            const w = window.innerWidth;
            if (document.documentElement.scrollWidth <= w) return [];
            return [`page ${document.documentElement.scrollWidth}px > ${w}px`].concat(
                [...document.querySelectorAll('body *')]
                    .filter(e => e.getBoundingClientRect().right > w + 1)
                    .slice(0, 5).map(e => e.tagName + '.' + e.className));
        }"""
    )


def test_every_role_main_pages_pass_axe_and_fit_the_screen(request, browser, live_server, world):
    """One test for all roles (one database setup); every problem is listed, not the first."""
    problems = []
    for role, (fixture, main, extra) in ROLES.items():
        user = request.getfixturevalue(fixture)
        context = browser.new_context(base_url=live_server.url, locale="nl-NL", bypass_csp=True)
        page = context.new_page()
        page.set_default_timeout(15_000)
        visits = [(lang, size, main) for lang in ("nl", "en") for size in SIZES]
        visits += [("nl", "phone", path) for path in extra]
        try:
            login(page, user.email, f.PASSWORD)
            for lang, size, path in visits:
                context.add_cookies(
                    [{"name": "django_language", "value": lang, "url": live_server.url}]
                )
                page.set_viewport_size(dict(zip(("width", "height"), SIZES[size], strict=True)))
                response = page.goto(path)
                where = f"{role} {lang} {size} {path}"
                if response.status != 200:
                    problems.append(f"{where}: status {response.status}")
                    continue
                if page.locator("html").get_attribute("lang") != lang:
                    problems.append(f"{where}: the page is not in {lang}")
                if violations := _axe(page):
                    problems.append(f"{where}: axe {violations}")
                if wide := _too_wide(page):
                    problems.append(f"{where}: wider than the screen {wide}")
        finally:
            context.close()
    assert problems == []


def test_the_phone_menu_opens_with_its_button_shows_the_unread_count_and_works_without_js(
    browser, live_server, world, jobhunter
):
    context = browser.new_context(
        base_url=live_server.url, locale="nl-NL", viewport={"width": 390, "height": 844}
    )
    page = context.new_page()
    try:
        login(page, jobhunter.email, f.PASSWORD)
        page.goto("/werk/")
        button = page.get_by_role("button", name="Menu")
        menu = page.get_by_role("navigation", name="Hoofdmenu")
        assert button.get_attribute("aria-expanded") == "false"
        assert not menu.get_by_role("link", name="Matchbord").is_visible()
        button.click()
        assert button.get_attribute("aria-expanded") == "true"
        inbox = menu.get_by_role("link", name="Inbox")
        assert inbox.inner_text().split() == ["Inbox", "3", "ongelezen"]
        box = menu.get_by_role("link", name="Matchbord").bounding_box()
        assert box["height"] >= 44
        menu.get_by_role("link", name="Matchbord").click()
        page.wait_for_url("**/werk/bord/")
        page.set_viewport_size({"width": 1280, "height": 800})
        assert page.get_by_role("button", name="Menu").is_hidden()
        assert menu.get_by_role("link", name="Matchbord").get_attribute("aria-current") == "page"
    finally:
        context.close()
    # Without JavaScript there is no button and the menu shows open.
    context = browser.new_context(
        base_url=live_server.url,
        locale="nl-NL",
        viewport={"width": 390, "height": 844},
        java_script_enabled=False,
    )
    page = context.new_page()
    try:
        login(page, jobhunter.email, f.PASSWORD)
        page.goto("/werk/")
        assert (
            page.get_by_role("navigation", name="Hoofdmenu")
            .get_by_role("link", name="Check-ins")
            .is_visible()
        )
        assert page.get_by_role("button", name="Menu").count() == 0
    finally:
        context.close()


def test_the_error_summary_takes_the_focus_and_its_links_lead_to_the_fields(
    browser, live_server, employer_member
):
    f.LocationFactory(employer=employer_member.employer)
    context = browser.new_context(
        base_url=live_server.url, locale="nl-NL", viewport={"width": 390, "height": 844}
    )
    page = context.new_page()
    try:
        login(page, employer_member.email, f.PASSWORD)
        page.goto("/werkgever/plekken/nieuw/")
        page.get_by_role("button", name=re.compile(r"^Opslaan")).first.click()
        summary = page.locator("[data-error-summary]")
        summary.wait_for()
        assert page.title().startswith("Fout: ")
        assert page.evaluate("document.activeElement.hasAttribute('data-error-summary')")
        summary.get_by_role("link", name="Titel").click()
        assert page.evaluate("document.activeElement.id") == "id_title"
    finally:
        context.close()
