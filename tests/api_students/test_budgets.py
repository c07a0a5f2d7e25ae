"""The student's, the parent's and everyone's lists stay within a fixed number of queries however
long they grow, and an id no table can hold answers 404, never a server error."""

import datetime

import pytest
from django.utils import timezone

from events.models import MatchingEvent
from marketplace.models import Match, MatchStatus, Notification
from tests import factories as f

pytestmark = pytest.mark.django_db
HUGE = "99999999999999999999"


def _matches(student_profile, employer, jobhunter, n: int) -> None:
    for i in range(n):
        opening = f.OpeningFactory(location=f.LocationFactory(employer=employer))
        Match.objects.create(
            student=student_profile,
            opening=opening,
            proposed_by=jobhunter,
            status=MatchStatus.AFGEWEZEN if i % 2 else MatchStatus.VOORGESTELD,
            closed_reason="Het is te ver weg" if i % 2 else "",
        )


def _events(region, n: int) -> None:
    start = timezone.now() + datetime.timedelta(days=5)
    for i in range(n):
        MatchingEvent.objects.create(
            title=f"Banenmarkt {i}", kind="banenmarkt", region=region, place=f.PlaceFactory(),
            starts_at=start, ends_at=start + datetime.timedelta(hours=2),
        )  # fmt: skip


@pytest.mark.parametrize("n", [2, 12])
def test_my_matches_events_and_notifications_stay_within_their_budget(
    api_client, django_assert_max_num_queries, student, student_profile, employer, jobhunter,
    region, n,
):  # fmt: skip
    _matches(student_profile, employer, jobhunter, n)
    _events(region, n)
    for i in range(n):
        Notification.objects.create(user=student, key=f"test:{i}", title=f"Bericht {i}")
    api_client.force_authenticate(student)
    budgets = {"/api/v1/me/matches/": 4, "/api/v1/events/": 5, "/api/v1/notifications/": 3}
    for path, budget in budgets.items():
        with django_assert_max_num_queries(budget):
            assert api_client.get(path).status_code == 200


@pytest.mark.parametrize("n", [2, 12])
def test_the_parents_view_of_a_child_stays_within_its_budget(
    api_client, django_assert_max_num_queries, parent, student_profile, employer, jobhunter, n
):
    _matches(student_profile, employer, jobhunter, n)
    api_client.force_authenticate(parent)
    # Most of them the ranking of fitting places; one the region's answer term for the status text.
    with django_assert_max_num_queries(33):
        assert api_client.get(f"/api/v1/parent/children/{student_profile.pk}/").status_code == 200


@pytest.mark.parametrize(
    ("persona", "path", "method"),
    [
        ("student", f"/api/v1/me/skills/{HUGE}/", "get"),
        ("student", f"/api/v1/me/certificates/{HUGE}/", "delete"),
        ("student", f"/api/v1/me/openings/{HUGE}/interest/", "post"),
        ("student", f"/api/v1/me/matches/{HUGE}/decline/", "post"),
        ("student", f"/api/v1/events/{HUGE}/", "get"),
        ("student", f"/api/v1/events/{HUGE}/registration/", "post"),
        ("student", f"/api/v1/notifications/{HUGE}/read/", "post"),
        ("parent", f"/api/v1/parent/children/{HUGE}/", "get"),
        ("parent", f"/api/v1/parent/matches/{HUGE}/", "get"),
    ],
)
def test_an_id_no_table_can_hold_answers_404(request, api_client, persona, path, method):
    api_client.force_authenticate(request.getfixturevalue(persona))
    response = getattr(api_client, method)(path)
    assert response.status_code == 404 and response.json()["code"] == "not_found"
