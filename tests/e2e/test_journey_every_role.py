"""Every page of every role on a 390x844 phone and at 1280x800, in Dutch and English: axe at
WCAG 2.2 A/AA finds nothing and nothing is wider than the screen; the menu opens with its button
on the phone and shows only what the role may open, and the inbox's unread count is in the menu.

One browser for the run; per role one test (pytest-xdist spreads them) with one signed-in
context, and every link of the role's menu must be among its pages. Each page loads once per
language, at the size the page before ended at, is checked, and is checked again after the
window changes to the other size (the stylesheet lays it out anew, as a reload would). axe comes
in through an init script, sent to the browser once per context.
"""

import datetime
import importlib
import re

import pytest
from django.apps import apps
from django.conf import settings
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from backoffice.models import ImportRun
from employers.models import RecognitionRequest
from events.models import MatchingEvent, Registration
from events.speeddates import schedule_build
from marketplace.models import (
    ActionItem,
    CandidateAlias,
    CheckIn,
    ErasureRequest,
    Escalation,
    GuardianLink,
    Invitation,
    Match,
    MatchStatus,
    Notification,
    Placement,
    Role,
)
from tests import factories as f
from tests.e2e.conftest import AXE_JS, login
from toolkit.models import Audience, Regulation, ToolkitItem

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

WCAG_22 = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]
SIZES = {"phone": (390, 844), "desktop": (1280, 800)}
OTHER = {"phone": "desktop", "desktop": "phone"}

# A page: its URL name and arguments; a string argument names an object of the world fixture.
STUDENT_STEPS = [
    ("student-profile-step", {"step": step})
    for step in (
        "woonplaats",
        "wanneer",
        "vaardigheden",
        "certificaten",
        "interesses",
        "hulp",
        "toestemming",
    )
]
EVENTS = [("events:calendar", {}), ("events:detail", {"pk": "event"})]
# Every signed-in person has the inbox and "Wachtwoord wijzigen" in the menu.
ACCOUNT = [("werk:inbox", {}), ("password-change", {})]

# role → (persona fixture, the pages it reaches: its menu's and the pages those lead to; the
# first is the role's start page)
ROLES = {
    "student": (
        "student",
        [
            ("student-matches", {}),
            ("student-opening", {"pk": "opening"}),
            ("match-detail", {"pk": "match"}),
            ("student-invitation", {"pk": "invitation"}),
            ("student-profile", {}),
            *STUDENT_STEPS,
            ("toolkit:students", {}),
            ("toolkit:regulation", {"slug": "regulation"}),
            ("toolkit:hire-check", {}),
            *EVENTS,
            ("events:ticket", {"pk": "event"}),
            ("events:detail", {"pk": "speeddates"}),
            ("events:speeddates-wishes", {"pk": "speeddates"}),
            ("events:speeddates-mine", {"pk": "speeddates"}),
            ("events:my-dates", {"pk": "speeddates"}),
            ("privacy-mine", {}),
            ("privacy-mine-erase", {}),
            *ACCOUNT,
        ],
    ),
    "parent": (
        "parent",
        [
            ("parent-children", {}),
            ("parent-child", {"pk": "student"}),
            ("parent-child", {"pk": "child"}),
            ("privacy-child", {"pk": "child"}),
            ("match-detail", {"pk": "match"}),
            ("toolkit:parents", {}),
            *EVENTS,
            ("privacy-mine", {}),
            *ACCOUNT,
        ],
    ),
    "employer": (
        "employer_member",
        [
            ("werkgever:dashboard", {}),
            ("werkgever:opening-new", {}),
            ("werkgever:opening-edit", {"pk": "opening"}),
            ("werkgever:opening-close", {"pk": "opening"}),
            ("werkgever:candidates", {"pk": "opening"}),
            ("werkgever:candidate-invite", {"pk": "opening", "label": "A"}),
            ("match-detail", {"pk": "match"}),
            ("werkgever:location-add", {}),
            ("werkgever:recognitions", {}),
            ("werkgever:colleagues", {}),
            ("werkgever:colleague-remove", {"pk": "colleague"}),
            ("toolkit:index", {}),
            ("toolkit:item", {"slug": "toolkit_item"}),
            ("toolkit:regulation", {"slug": "regulation"}),
            ("toolkit:hire-check-opening", {"pk": "opening"}),
            ("toolkit:hire-check", {}),
            *EVENTS,
            ("events:speeddates-wishes", {"pk": "speeddates"}),
            ("api-tokens", {}),
            ("webhooks", {}),
            *ACCOUNT,
        ],
    ),
    "jobhunter": (
        "jobhunter",
        [
            ("werk:caseload", {}),
            ("home", {}),
            ("werk:student", {"pk": "student"}),
            ("werk:board", {}),
            ("werk:match", {"pk": "match"}),
            ("werk:checkins", {}),
            ("werk:checkin", {"pk": "checkin"}),
            ("werk:escalations", {}),
            ("werk:escalation", {"pk": "escalation"}),
            ("werk:overgangsdokument-edit", {"pk": "student"}),
            ("toolkit:hire-check-match", {"pk": "match"}),
            *EVENTS,
            *ACCOUNT,
        ],
    ),
    "jpo": (
        "jpo",
        [
            ("werk:checkins", {}),
            ("werk:caseload", {}),
            ("werk:student", {"pk": "student"}),
            ("werk:board", {}),
            ("werk:match", {"pk": "match"}),
            ("werk:checkin", {"pk": "checkin"}),
            ("werk:escalation", {"pk": "escalation"}),
            *EVENTS,
            *ACCOUNT,
        ],
    ),
    "accountmanager": (
        "accountmanager",
        [
            ("werk:escalations", {}),
            ("werk:escalation", {"pk": "escalation"}),
            ("werk:student", {"pk": "student"}),
            ("werk:match", {"pk": "match"}),
            ("werk:checkin", {"pk": "checkin"}),
            ("werkgever:on-behalf", {}),
            ("werkgever:on-behalf-opening-new", {"employer_pk": "employer"}),
            ("werkgever:on-behalf-opening-edit", {"pk": "opening"}),
            ("werkgever:recognition-requests", {}),
            ("werkgever:recognition-request", {"pk": "recognition_request"}),
            ("toolkit:hire-check-opening", {"pk": "opening"}),
            ("toolkit:hire-check-match", {"pk": "match"}),
            ("backoffice:index", {}),
            ("backoffice:people", {}),
            ("backoffice:person", {"pk": "colleague"}),
            ("backoffice:person-invite", {}),
            ("backoffice:person-deactivate", {"pk": "colleague"}),
            ("backoffice:monitoring", {}),
            ("events:organise", {}),
            ("events:organise-new", {}),
            ("events:organise-edit", {"pk": "event"}),
            ("events:organise-cancel", {"pk": "event"}),
            ("events:checkin", {"pk": "event"}),
            ("events:speeddates", {"pk": "speeddates"}),
            *EVENTS,
            *ACCOUNT,
        ],
    ),
    "coordinator": (
        "coordinator",
        [
            ("home", {}),
            ("werk:caseload", {}),
            ("werk:student", {"pk": "student"}),
            ("werk:escalations", {}),
            ("werk:escalation", {"pk": "escalation"}),
            ("backoffice:index", {}),
            ("backoffice:people", {}),
            ("backoffice:person", {"pk": "colleague"}),
            ("backoffice:person-invite", {}),
            ("backoffice:person-deactivate", {"pk": "colleague"}),
            ("backoffice:schools", {}),
            ("backoffice:school-new", {}),
            ("backoffice:school", {"pk": "school"}),
            ("backoffice:guardians", {}),
            ("backoffice:imports", {}),
            ("backoffice:import", {"pk": "import_run"}),
            ("backoffice:monitoring", {}),
            ("backoffice:weights", {}),
            ("backoffice:fairness", {}),
            ("events:organise", {}),
            ("events:organise-new", {}),
            ("events:organise-edit", {"pk": "event"}),
            ("events:organise-cancel", {"pk": "event"}),
            ("events:checkin", {"pk": "event"}),
            ("events:speeddates", {"pk": "speeddates"}),
            ("events:speeddates-tables", {"pk": "speeddates"}),
            *EVENTS,
            ("toolkit:edit", {}),
            ("toolkit:edit-item-new", {}),
            ("toolkit:edit-item", {"pk": "toolkit_item"}),
            ("toolkit:edit-item-history", {"pk": "toolkit_item"}),
            ("toolkit:edit-regulation-new", {}),
            ("toolkit:edit-regulation", {"pk": "regulation"}),
            ("toolkit:edit-regulation-history", {"pk": "regulation"}),
            ("privacy-queue", {}),
            ("privacy-decide", {"pk": "student"}),
            ("privacy-register", {}),
            ("login-security", {}),
            ("second-factor-setup", {}),
            *ACCOUNT,
        ],
    ),
    "school": (
        "school_staff",
        [
            ("werk:caseload", {}),
            ("werk:student", {"pk": "student"}),
            ("werk:overgangsdokument-edit", {"pk": "student"}),
            ("werk:checkins", {}),
            ("backoffice:monitoring", {}),
            ("backoffice:imports", {}),
            ("backoffice:import", {"pk": "import_run"}),
            ("privacy-queue", {}),
            ("privacy-decide", {"pk": "student"}),
            ("api-tokens", {}),
            ("webhooks", {}),
            *EVENTS,
            *ACCOUNT,
        ],
    ),
}


@pytest.fixture
def world(
    student_profile, employer, jobhunter, jpo, school_staff, coordinator, parent, under_16_profile
):
    """Something on every page: a place that fits the student with a running placement and a
    check-in for the JPO, a proposed match, an invitation, a suggested candidate, an escalated
    case, a task, a job fair and speed dates she signed up for, a second child (under 16) for
    her parent, the toolkit's texts, an import, a request for a recognition and one to erase
    data, a colleague, and unread messages for the jobhunter."""
    region = jobhunter.region
    employer.recognitions.create(
        qualification=student_profile.qualification, valid_from="2020-01-01"
    )
    location = f.LocationFactory(employer=employer, place=student_profile.home_place)
    started = f.OpeningFactory(title="Orderpicker", location=location)
    match = Match.objects.create(
        student=student_profile, opening=started, status=MatchStatus.GESTART, proposed_by=jobhunter
    )
    placement = Placement.objects.create(match=match, start_date=timezone.localdate())
    checkin = CheckIn.objects.create(
        placement=placement,
        week=2,
        planned_for=timezone.localdate() + datetime.timedelta(weeks=2),
        assigned_to=jpo,
    )
    for n in range(3):
        Notification.objects.create(
            user=jobhunter, key=f"e2e:{n}", title=f"Bericht {n}", body="Bekijk de match."
        )
    opening = f.OpeningFactory(title="Magazijnmedewerker", location=location)
    proposed = Match.objects.create(
        student=student_profile,
        opening=opening,
        status=MatchStatus.VOORGESTELD,
        proposed_by=jobhunter,
    )
    findable = f.StudentProfileFactory(
        school=student_profile.school,
        qualification=student_profile.qualification,
        consent_findable=True,
    )
    CandidateAlias.objects.create(opening=opening, student=findable, label="A")
    colleague = f.UserFactory(role=Role.WERKGEVER, employer=employer)
    invitation = Invitation.objects.create(
        opening=f.OpeningFactory(title="Kassamedewerker", location=location),
        student=student_profile,
        invited_by=colleague,
    )
    ActionItem.objects.create(
        student=student_profile,
        kind=ActionItem.Kind.ADVIES,
        title="Advies vastleggen",
        due_date=timezone.localdate(),
        assigned_to=jobhunter,
    )
    escalation = f.EscalationFactory(
        student=student_profile, region=region, reason=Escalation.Reason.STALE_SEARCH
    )
    now = timezone.now()
    event = MatchingEvent.objects.create(
        title="Banenmarkt Groningen",
        kind=MatchingEvent.Kind.BANENMARKT,
        region=region,
        place=student_profile.home_place,
        starts_at=now + datetime.timedelta(days=10),
        ends_at=now + datetime.timedelta(days=10, hours=3),
    )
    Registration.objects.create(event=event, user=student_profile.user)
    speeddates = MatchingEvent.objects.create(
        title="Speeddates Logistiek",
        kind=MatchingEvent.Kind.SPEEDDATE,
        region=region,
        place=student_profile.home_place,
        starts_at=now + datetime.timedelta(days=12),
        ends_at=now + datetime.timedelta(days=12, hours=2),
        rounds=3,
        tables=2,
    )
    Registration.objects.create(event=speeddates, user=student_profile.user)
    Registration.objects.create(event=speeddates, user=colleague, employer=employer)
    schedule_build(event=speeddates, actor=coordinator)
    # A transactional test starts from an emptied database: put the real regulations and the
    # toolkit's articles back.
    importlib.import_module("toolkit.migrations.0004_seed_regulations").seed(apps, None)
    importlib.import_module("toolkit.migrations.0005_wml_provider_en_more_years").forward(
        apps, None
    )
    regulation = Regulation.objects.exclude(code="").order_by("pk").first()
    toolkit_item = ToolkitItem.objects.filter(audience=Audience.WERKGEVER).order_by("pk").first()
    import_run = ImportRun.objects.create(
        kind="students",
        file_name="leerlingen.csv",
        content=b"",
        school=student_profile.school,
        region=region,
        created_by=school_staff,
    )
    recognition_request = RecognitionRequest.objects.create(
        employer=employer,
        kind=RecognitionRequest.Kind.NEW,
        qualification=f.QualificationFactory(),
        requested_by=colleague,
    )
    GuardianLink.objects.create(guardian=parent, student=under_16_profile)
    ErasureRequest.objects.create(
        student=student_profile, subject_label="Leerling", requested_by=student_profile.user
    )
    return {
        "student": student_profile,
        "opening": opening,
        "match": proposed,
        "checkin": checkin,
        "invitation": invitation,
        "escalation": escalation,
        "event": event,
        "toolkit_item": toolkit_item,
        "regulation": regulation,
        "import_run": import_run,
        "recognition_request": recognition_request,
        "employer": employer,
        "colleague": colleague,
        "speeddates": speeddates,
        "child": under_16_profile,
        "school": student_profile.school,
    }


def _url(name: str, args: dict, world: dict) -> str:
    """The page's address; an object stands for its pk (or its slug, for a `slug` argument)."""
    kwargs = {key: world[v] if v in world else v for key, v in args.items()}
    kwargs = {
        key: v if isinstance(v, str | int) else getattr(v, key, v.pk) for key, v in kwargs.items()
    }
    return reverse(name, kwargs=kwargs)


# One call per page and size: the page's language, axe's violations at WCAG 2.2 A/AA, and how
# far the page is wider than the screen (with the widest elements that cause it).
CHECK_JS = """async (tags) => {
    const w = window.innerWidth;
    const result = await axe.run(document, {
        runOnly: {type: 'tag', values: tags}, resultTypes: ['violations']
    });
    const wide = document.documentElement.scrollWidth <= w ? [] :
        [`page ${document.documentElement.scrollWidth}px > ${w}px`].concat(
            [...document.querySelectorAll('body *')]
                .filter(e => e.getBoundingClientRect().right > w + 1)
                .slice(0, 5).map(e => e.tagName + '.' + e.className));
    return {
        lang: document.documentElement.lang,
        wide: wide,
        violations: result.violations.map(v => ({
            id: v.id, help: v.help, nodes: v.nodes.slice(0, 3).map(n => n.target)
        })),
    };
}"""


def _check(page) -> dict:
    return page.evaluate(CHECK_JS, WCAG_22)


def _signed_in_context(browser, live_server, user):
    """A context with `user`'s session cookie (a finished log-in, second factor included) and
    axe in every page."""
    client = Client()
    client.force_login(user)
    context = browser.new_context(
        base_url=live_server.url,
        locale="nl-NL",
        viewport=dict(zip(("width", "height"), SIZES["phone"], strict=True)),
        bypass_csp=True,
    )
    cookie = settings.SESSION_COOKIE_NAME
    context.add_cookies(
        [{"name": cookie, "value": client.cookies[cookie].value, "url": live_server.url}]
    )
    context.add_init_script(path=str(AXE_JS))
    return context


@pytest.mark.parametrize("role", ROLES)
def test_every_page_of_the_role_passes_axe_and_fits_the_screen(
    request, role, browser, live_server, world
):
    """Every problem is listed, not the first."""
    fixture, pages = ROLES[role]
    context = _signed_in_context(browser, live_server, request.getfixturevalue(fixture))
    page = context.new_page()
    page.set_default_timeout(15_000)
    problems, menu, visited = [], [], set()
    loads_at = "phone"
    try:
        for lang in ("nl", "en"):
            context.add_cookies(
                [{"name": "django_language", "value": lang, "url": live_server.url}]
            )
            for name, args in pages:
                path = _url(name, args, world)
                visited.add(path)
                response = page.goto(path)
                where = f"{role} {lang} {path}"
                if response.status != 200 or not page.url.endswith(path):
                    problems.append(f"{where}: status {response.status} at {page.url}")
                    continue
                if not menu:
                    menu = page.eval_on_selector_all(
                        "#site-nav a[href]", "links => links.map(a => a.getAttribute('href'))"
                    )
                # Checked at the size it loaded at, then at the other; the next page loads there.
                for size in (loads_at, OTHER[loads_at]):
                    if page.viewport_size["width"] != SIZES[size][0]:
                        page.set_viewport_size(
                            dict(zip(("width", "height"), SIZES[size], strict=True))
                        )
                    found = _check(page)
                    if found["lang"] != lang:
                        problems.append(f"{where}: the page is not in {lang}")
                    if found["violations"]:
                        problems.append(f"{where} {size}: axe {found['violations']}")
                    if found["wide"]:
                        problems.append(f"{where} {size}: wider than the screen {found['wide']}")
                loads_at = size
    finally:
        context.close()
    problems += [
        f"{role}: the menu's {href} is not checked" for href in menu if href not in visited
    ]
    assert problems == [], "\n".join(problems)


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
