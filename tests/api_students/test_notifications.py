"""Notifications through the API: only one's own, newest first in cursor pages, an unread
filter, one or all marked read; another person's answers 404."""

import pytest

from marketplace.models import Notification

pytestmark = pytest.mark.django_db


def _note(user, n: int, read: bool = False) -> Notification:
    from django.utils import timezone

    return Notification.objects.create(
        user=user, key=f"test:{n}", title=f"Bericht {n}", read_at=timezone.now() if read else None
    )


def test_the_list_shows_only_my_own_newest_first_with_an_unread_filter(
    api_client, student, other_student
):
    mine = [_note(student, n, read=n == 1) for n in range(3)]
    _note(other_student, 9)
    api_client.force_authenticate(student)
    body = api_client.get("/api/v1/notifications/").json()
    assert [n["id"] for n in body["results"]] == [m.pk for m in reversed(mine)]
    unread = api_client.get("/api/v1/notifications/", {"unread": "true"}).json()["results"]
    assert {n["id"] for n in unread} == {mine[0].pk, mine[2].pk}
    assert api_client.get("/api/v1/notifications/", {"unread": "misschien"}).status_code == 400


def test_the_list_pages_with_a_cursor(api_client, student):
    for n in range(5):
        _note(student, n)
    api_client.force_authenticate(student)
    first = api_client.get("/api/v1/notifications/", {"page_size": 2}).json()
    second = api_client.get(first["next"]).json()
    seen = [n["id"] for n in first["results"] + second["results"]]
    assert len(seen) == 4 and len(set(seen)) == 4
    assert api_client.get("/api/v1/notifications/", {"cursor": "kapot"}).status_code == 404


def test_marking_read_reaches_only_my_own(api_client, student, other_student):
    mine, theirs = _note(student, 1), _note(other_student, 2)
    api_client.force_authenticate(student)
    read = api_client.post(f"/api/v1/notifications/{mine.pk}/read/")
    assert read.status_code == 200 and read.json()["unread"] is False
    assert api_client.post(f"/api/v1/notifications/{theirs.pk}/read/").status_code == 404
    assert Notification.objects.get(pk=theirs.pk).read_at is None


def test_all_my_notifications_are_marked_read_at_once(api_client, student, other_student):
    for n in range(3):
        _note(student, n)
    theirs = _note(other_student, 9)
    api_client.force_authenticate(student)
    assert api_client.post("/api/v1/notifications/read-all/").json() == {"marked": 3}
    assert not Notification.objects.filter(user=student, read_at__isnull=True).exists()
    assert Notification.objects.get(pk=theirs.pk).read_at is None
