"""Query budgets on every list page, with realistic data: a page showing 30 rows stays within a
fixed budget, and a page showing 60 rows costs exactly as many queries as one showing 30, so a
query per row (N+1) fails here.

Each page has a builder that adds rows and returns a marker per row (a name, a title, a link)
that the page must show; the page is requested once first, so per-process caches (the ranking
index, the vocabulary) are warm, as they are in a running site.
"""

import datetime
import itertools
from collections.abc import Callable
from dataclasses import dataclass

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from employers.models import Opening
from events.models import MatchingEvent, Registration
from marketplace.models import (
    ActionItem,
    CheckIn,
    Match,
    MatchStatus,
    Notification,
    Placement,
    SearchRequest,
)
from tests import factories as f

pytestmark = pytest.mark.django_db
S = MatchStatus
ROWS = 30
_serial = itertools.count()


@dataclass(frozen=True)
class Page:
    viewer: str  # the persona fixture that looks at the page
    url: Callable[[Callable], str]  # given getfixturevalue, the page's address
    build: Callable[[Callable, int], list[str]]  # adds n rows, returns a marker per row
    budget: int
    per_page: int | None = None  # a paged list shows this many rows of its first page


def _name() -> str:
    return f"Rij{next(_serial):04d}"


def _student(fixture, **kw):
    school = fixture("school")
    return f.StudentProfileFactory(
        school=school, user__first_name=_name(), user__region=school.region, **kw
    )


def _opening(employer=None, **kw) -> Opening:
    employer = employer or f.EmployerFactory(region=f.RegionFactory())
    return f.OpeningFactory(location=f.LocationFactory(employer=employer), **kw)


def _match(student, opening, status, by) -> Match:
    return Match.objects.create(student=student, opening=opening, status=status, proposed_by=by)


# --- builders: one per page ------------------------------------------------------------------


def _caseload(fixture, n: int) -> list[str]:
    """Students of my caseload, each searching, with a running match and an open escalation;
    a task for some of them."""
    jobhunter, shared = fixture("jobhunter"), fixture("opening")
    names = []
    for i in range(n):
        student = _student(fixture, jobhunter=jobhunter)
        SearchRequest.objects.create(
            student=student,
            kind=SearchRequest.Kind.BPV,
            deadline=timezone.localdate() + datetime.timedelta(days=30 + i),
            last_progress_at=timezone.now(),
        )
        _match(student, shared, S.INTERESSE_STUDENT, jobhunter)
        f.EscalationFactory(student=student, opened_by=jobhunter)
        if i % 3 == 0:
            ActionItem.objects.create(
                student=student,
                kind=ActionItem.Kind.NEXT_STEP,
                title="Bel de werkgever",
                due_date=timezone.localdate(),
                assigned_to=jobhunter,
            )
        names.append(student.user.first_name)
    return names


BOARD_STATES = (S.VOORGESTELD, S.INTERESSE_STUDENT, S.KENNISMAKING, S.AANBOD, S.GESTART)


def _board(fixture, n: int) -> list[str]:
    """Running matches of my students, each at its own employer, in every column."""
    jobhunter = fixture("jobhunter")
    names = []
    for i in range(n):
        student = _student(fixture, jobhunter=jobhunter)
        match = _match(student, _opening(), BOARD_STATES[i % len(BOARD_STATES)], jobhunter)
        match.next_action = "Kennismaking plannen"
        match.next_action_due = timezone.localdate()
        match.save(update_fields=["next_action", "next_action_due"])
        names.append(student.user.first_name)
    return names


def _escalations(fixture, n: int) -> list[str]:
    """Open escalations of the region, half of them taken by an accountmanager."""
    jobhunter, accountmanager = fixture("jobhunter"), fixture("accountmanager")
    names = []
    for i in range(n):
        student = _student(fixture, jobhunter=jobhunter)
        f.EscalationFactory(
            student=student,
            opened_by=jobhunter,
            assigned_to=accountmanager if i % 2 else None,
            explanation="Geen plek gevonden voor de deadline.",
        )
        names.append(student.user.first_name)
    return names


def _checkins(fixture, n: int) -> list[str]:
    """Placements of my students, each at its own employer, with an open and a done check-in."""
    jobhunter = fixture("jobhunter")
    names = []
    for _ in range(n):
        student = _student(fixture, jobhunter=jobhunter)
        match = _match(student, _opening(), S.GESTART, jobhunter)
        placement = Placement.objects.create(match=match, start_date=timezone.localdate())
        for week, done in ((2, True), (6, False)):
            CheckIn.objects.create(
                placement=placement,
                week=week,
                planned_for=timezone.localdate() + datetime.timedelta(weeks=week),
                assigned_to=jobhunter,
                done_at=timezone.now() if done else None,
                done_by=jobhunter if done else None,
                how_it_goes=CheckIn.HowItGoes.GOED if done else "",
            )
        names.append(student.user.first_name)
    return names


def _inbox(fixture, n: int) -> list[str]:
    jobhunter = fixture("jobhunter")
    titles = []
    for i in range(n):
        title = _name()
        # Half as a code with parameters: rendering them reads the row only, no other table.
        coded = {"code": "match.interest", "params": {"student": title, "opening": "Plek"}}
        Notification.objects.create(
            user=jobhunter,
            key=f"test:{title}",
            title=title,
            body="Bekijk de match.",
            url="/werk/",
            **(coded if i % 3 == 0 else {}),
        )
        if i % 2:
            Notification.objects.filter(key=f"test:{title}").update(read_at=timezone.now())
        titles.append(title)
    return titles


def _dashboard(fixture, n: int) -> list[str]:
    """The employer's openings, each at its own location with candidates, and a recognition
    per row."""
    employer, jobhunter = fixture("employer"), fixture("jobhunter")
    titles = []
    for i in range(n):
        opening = _opening(employer, title=_name(), places=2)
        for status in (S.VOORGESTELD, S.AFGEWEZEN):
            _match(_student(fixture, jobhunter=jobhunter), opening, status, jobhunter)
        employer.recognitions.create(
            qualification=f.QualificationFactory(), valid_from=datetime.date(2020, 1, 1 + i % 28)
        )
        titles.append(opening.title)
    return titles


def _candidates(fixture, n: int) -> list[str]:
    """Students proposed for the opening or interested in it; each waits for an answer."""
    opening, jobhunter = fixture("opening"), fixture("jobhunter")
    links = []
    for i in range(n):
        student = _student(fixture, jobhunter=jobhunter, support_needs=["jobcoach"])
        status = S.INTERESSE_STUDENT if i % 2 else S.VOORGESTELD
        match = _match(student, opening, status, jobhunter)
        if status == S.INTERESSE_STUDENT:
            match.student_response = Match.Response.YES
            match.student_shares_profile = bool(i % 4 == 1)
            match.save(update_fields=["student_response", "student_shares_profile"])
        links.append(f"/werkgever/matches/{match.pk}/antwoord/")
    return links


def _calendar(fixture, n: int) -> list[str]:
    """Published events; the parent's child is registered for each."""
    region, child = fixture("region"), fixture("student")
    fixture("parent")
    titles = []
    for i in range(n):
        starts = timezone.now() + datetime.timedelta(days=3 + i)
        event = MatchingEvent.objects.create(
            title=_name(),
            kind=MatchingEvent.Kind.SPEEDDATE,
            region=region,
            place=f.PlaceFactory(),
            starts_at=starts,
            ends_at=starts + datetime.timedelta(hours=2),
        )
        Registration.objects.create(event=event, user=child)
        titles.append(event.title)
    return titles


def _my_matches(fixture, n: int) -> list[str]:
    """Places near the student at recognised employers: one with a running match and one to
    discover per row."""
    profile, jobhunter = fixture("student_profile"), fixture("jobhunter")
    titles = []
    for i in range(n):
        employer = f.EmployerFactory(region=fixture("region"))
        employer.recognitions.create(
            qualification=profile.qualification, valid_from=datetime.date(2020, 1, 1)
        )
        running = _opening(employer, title=_name())
        _match(profile, running, S.VOORGESTELD if i % 2 else S.INTERESSE_STUDENT, jobhunter)
        _opening(employer, title=_name())
        titles.append(running.title)
    return titles


def _my_data(fixture, n: int) -> list[str]:
    """The student's matches and who looked: each a row of "Mijn gegevens" (AVG)."""
    profile, jobhunter = fixture("student_profile"), fixture("jobhunter")
    from marketplace.models import AccessLog

    titles = []
    for _i in range(n):
        opening = _opening(title=_name())
        _match(profile, opening, S.VOORGESTELD, jobhunter)
        AccessLog.objects.create(user=jobhunter, student=profile, action="view")
        titles.append(opening.title)
    return titles


def _erasure_queue(fixture, n: int) -> list[str]:
    """Requests to erase a student's data, waiting for the school's decision (AVG)."""
    from marketplace.models import ErasureRequest

    labels = []
    for _i in range(n):
        student = _student(fixture)
        ErasureRequest.objects.create(
            student=student, subject_label=student.user.get_full_name(), requested_by=student.user
        )
        labels.append(student.user.get_full_name())
    return labels


def _colleagues(fixture, n: int) -> list[str]:
    """Members of the viewer's organisation (half praktijkopleider) and open invitations."""
    from employers.models import ColleagueInvite
    from marketplace.models import Role

    employer = fixture("employer_member").employer
    emails = []
    for i in range(n):
        role = "praktijkopleider" if i % 2 else "beheerder"
        member = f.UserFactory(role=Role.WERKGEVER, employer=employer, employer_role=role)
        invite = ColleagueInvite.objects.create(
            employer=employer,
            email=f"{_name().lower()}@bedrijf.nl",
            employer_role=role,
            token_hash=f"{next(_serial):064d}",
            expires_at=timezone.now() + datetime.timedelta(days=7),
        )
        emails.append(member.email if i % 2 else invite.email)
    return emails


def _on_behalf(fixture, n: int) -> list[str]:
    """Employers of the accountmanager's region, each with an open place."""
    region = fixture("accountmanager").region
    names = []
    for _i in range(n):
        employer = f.EmployerFactory(region=region, name=_name())
        _opening(employer)
        names.append(employer.name)
    return names


# Every signed-in page counts the inbox's unread messages for the menu: one query of each budget.
PAGES = {
    "colleagues": Page("employer_member", lambda _: "/werkgever/collegas/", _colleagues, 8),
    "on behalf": Page("accountmanager", lambda _: "/werkgever/namens/", _on_behalf, budget=8),
    "caseload": Page("jobhunter", lambda _: "/werk/", _caseload, budget=12, per_page=25),
    # One count for the board, one query per column (seven).
    "board": Page("jobhunter", lambda _: "/werk/bord/", _board, budget=14),
    "escalation queue": Page(
        "accountmanager", lambda _: "/werk/escalaties/", _escalations, 8, per_page=25
    ),
    "check-ins": Page("jobhunter", lambda _: "/werk/check-ins/", _checkins, budget=8),
    "inbox": Page("jobhunter", lambda _: "/werk/inbox/", _inbox, budget=9, per_page=25),
    # Te doen (who waits for an answer) and the recognitions of each place's warning.
    "employer dashboard": Page("employer_member", lambda _: "/werkgever/", _dashboard, 16),
    "candidates": Page(
        "employer_member",
        lambda fixture: f"/werkgever/plekken/{fixture('opening').pk}/kandidaten/",
        _candidates,
        budget=25,  # 22, and 3 for the suggestions part when no one may be found
        per_page=10,
    ),
    "calendar": Page("parent", lambda _: "/evenementen/", _calendar, budget=9),
    "Mijn matches": Page("student", lambda _: "/mijn-matches/", _my_matches, budget=13),
    "Mijn gegevens": Page("student", lambda _: "/mijn-gegevens/", _my_data, budget=36),
    "erasure queue": Page(
        "school_staff", lambda _: "/privacy/verzoeken/", _erasure_queue, budget=9
    ),
}


def _get(client, url: str) -> tuple[int, str]:
    """The number of queries of one request, and the page."""
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200, url
    return len(captured), response.content.decode()


def _open(request, client, page: Page) -> str:
    fixture = request.getfixturevalue
    client.force_login(fixture(page.viewer))
    url = page.url(fixture)
    _get(client, url)  # warm the per-process caches, as in a running site
    return url


def _missing(markers: list[str], html: str) -> list[str]:
    return [m for m in markers if m not in html]


def _shown_as_paged(page: Page, markers: list[str], html: str) -> bool:
    """All rows, or for a paged list at least its first page (another list on the page, such
    as the caseload's tasks, may name a row of a later page too)."""
    if page.per_page is None:
        return _missing(markers, html) == []
    return len(markers) - len(_missing(markers, html)) >= min(len(markers), page.per_page)


@pytest.mark.parametrize("name", PAGES)
def test_a_list_page_with_30_rows_stays_within_its_budget(
    name, request, client, django_assert_max_num_queries
):
    page = PAGES[name]
    markers = page.build(request.getfixturevalue, ROWS)
    url = _open(request, client, page)
    with django_assert_max_num_queries(page.budget):
        response = client.get(url)
    assert len(markers) == ROWS
    assert _shown_as_paged(page, markers, response.content.decode())


@pytest.mark.parametrize("name", PAGES)
def test_a_list_page_with_60_rows_costs_as_many_queries_as_with_30(name, request, client):
    page = PAGES[name]
    first = page.build(request.getfixturevalue, ROWS)
    url = _open(request, client, page)
    with_30, html = _get(client, url)
    assert _shown_as_paged(page, first, html)
    more = page.build(request.getfixturevalue, ROWS)
    _get(client, url)  # the new rows may change a cached index: rebuild it first
    with_60, html = _get(client, url)
    assert _shown_as_paged(page, first + more, html)
    assert with_60 == with_30


# --- the employer's suggestions: a top list, so its cost must not grow with the region ------

SUGGESTIONS_BUDGET = 40  # the page ranks twice: its candidates and its suggestions


def _findable(fixture, n: int) -> None:
    """Students who agreed to be found and fit the opening (same qualification and place)."""
    for _ in range(n):
        _student(fixture, qualification=fixture("persona_qualification"), consent_findable=True)


def test_the_suggestions_stay_within_their_budget_however_many_students_may_be_found(
    request, client, django_assert_max_num_queries
):
    from marketplace.selectors import SUGGESTIONS_SHOWN

    fixture = request.getfixturevalue
    _findable(fixture, ROWS)
    page = Page("employer_member", lambda fx: f"/werkgever/plekken/{fx('opening').pk}/kandidaten/",
                lambda fx, n: [], SUGGESTIONS_BUDGET)  # fmt: skip
    url = _open(request, client, page)
    with django_assert_max_num_queries(SUGGESTIONS_BUDGET):
        response = client.get(url)
    html = response.content.decode()
    assert html.count("/uitnodigen/") == SUGGESTIONS_SHOWN
    with_30, _html = _get(client, url)
    _findable(fixture, ROWS)
    _get(client, url)
    with_60, html = _get(client, url)
    assert html.count("/uitnodigen/") == SUGGESTIONS_SHOWN
    assert with_60 == with_30
