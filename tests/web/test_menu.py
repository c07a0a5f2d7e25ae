"""The menu in the page header: each role gets its own pages, only pages it may open, the page
being shown is marked, and the inbox shows its unread count at the cost of one query."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from marketplace.context_processors import menu_items, unread_count
from marketplace.models import Notification

pytestmark = pytest.mark.django_db

PERSONAS = [
    "student",
    "parent",
    "employer_member",
    "jobhunter",
    "jpo",
    "accountmanager",
    "coordinator",
    "school_staff",
    "werkcoach",
]


def _names(user) -> set[str]:
    return {item["name"] for item in menu_items(user)}


@pytest.mark.parametrize("persona", PERSONAS)
def test_every_menu_item_opens_for_the_role_that_sees_it(request, client, persona):
    user = request.getfixturevalue(persona)
    client.force_login(user)
    items = menu_items(user)
    assert items, f"{persona} has an empty menu"
    for item in items:
        response = client.get(item["url"])
        assert response.status_code == 200, f"{persona}: {item['url']} → {response.status_code}"


def test_each_role_finds_its_work_in_the_menu(
    student, parent, jpo, jobhunter, coordinator, accountmanager, employer_member
):
    assert {"student-matches", "student-profile", "toolkit:students"} <= _names(student)
    assert {"parent-children", "toolkit:parents"} <= _names(parent)
    assert {"werk:caseload", "werk:checkins", "werk:board"} <= _names(jpo)
    assert {"werk:caseload", "werk:checkins"} <= _names(jobhunter)
    assert {"home", "werk:escalations", "backoffice:people", "backoffice:monitoring"} <= _names(
        coordinator
    )
    assert "backoffice:index" in _names(coordinator)
    assert {"werk:escalations", "werkgever:on-behalf"} <= _names(accountmanager)
    assert {"werkgever:dashboard", "werkgever:colleagues"} <= _names(employer_member)


def test_a_role_does_not_see_pages_of_another_role(student, jobhunter, employer_member):
    assert not _names(student) & {"werk:caseload", "werkgever:dashboard", "backoffice:index"}
    assert not _names(jobhunter) & {"student-matches", "werkgever:dashboard", "backoffice:index"}
    assert not _names(employer_member) & {"werk:caseload", "student-matches", "home"}


def test_the_page_being_shown_is_marked_as_current(client, jobhunter):
    client.force_login(jobhunter)
    html = client.get("/werk/bord/").content.decode()
    assert 'href="/werk/bord/" aria-current="page"' in html
    assert 'href="/werk/" aria-current="page"' not in html


def test_the_unread_count_is_one_query_and_shows_in_the_menu(client, jobhunter):
    for n in range(3):
        Notification.objects.create(user=jobhunter, key=f"k{n}", title=f"Bericht {n}")
    Notification.objects.filter(key="k0").update(read_at="2026-01-01T10:00:00Z")
    with CaptureQueriesContext(connection) as queries:
        assert unread_count(jobhunter) == 2
    assert len(queries) == 1
    client.force_login(jobhunter)
    html = client.get("/werk/").content.decode()
    assert '<span class="count-badge">2<span class="visually-hidden"> ongelezen</span>' in html


def test_no_count_when_everything_is_read(client, jobhunter):
    client.force_login(jobhunter)
    assert "count-badge" not in client.get("/werk/").content.decode()


def test_the_phone_menu_button_and_the_menu_are_in_the_page(client, student):
    client.force_login(student)
    html = client.get("/mijn-matches/").content.decode()
    assert 'aria-controls="site-nav"' in html and 'aria-expanded="false"' in html
    assert 'id="site-nav"' in html and "Uitloggen" in html
