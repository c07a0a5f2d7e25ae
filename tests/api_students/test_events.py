"""The events calendar through the API: filters, registering with the page's capacity, deadline
and waiting list, cancelling, and the personal calendar feed address."""

import datetime

import pytest
from django.utils import timezone

from events.models import CalendarFeed, MatchingEvent, Registration
from tests import factories as f

pytestmark = pytest.mark.django_db


def _event(region, days=10, capacity=30, **kw) -> MatchingEvent:
    start = timezone.now() + datetime.timedelta(days=days)
    return MatchingEvent.objects.create(
        title=kw.pop("title", "Banenmarkt Groningen"),
        kind=kw.pop("kind", "banenmarkt"),
        region=region,
        place=kw.pop("place", None) or f.PlaceFactory(),
        starts_at=start,
        ends_at=start + datetime.timedelta(hours=2),
        capacity=capacity,
        **kw,
    )


def test_the_calendar_filters_by_dates_kind_and_place(api_client, student, region):
    assen = f.PlaceFactory(name="Assen")
    soon = _event(region, days=3, kind="workshop")
    later = _event(region, days=20, place=assen)
    _event(region, days=5, status=MatchingEvent.Status.DRAFT)
    api_client.force_authenticate(student)

    def ids(**params) -> list[int]:
        response = api_client.get("/api/v1/events/", params)
        assert response.status_code == 200, response.content
        return [e["id"] for e in response.json()["results"]]

    assert ids() == [soon.pk, later.pk]
    assert ids(kind="workshop") == [soon.pk]
    assert ids(place=assen.pk) == [later.pk]
    day = (timezone.now() + datetime.timedelta(days=10)).date().isoformat()
    assert ids(starts_from=day) == [later.pk] and ids(starts_until=day) == [soon.pk]
    for bad in ({"kind": "feest"}, {"place": 10**30}, {"starts_from": "gisteren"}):
        assert api_client.get("/api/v1/events/", bad).status_code == 400


def test_a_student_sees_only_the_events_for_their_education_type(api_client, student, region):
    for_pro = _event(region, audience=["pro"])
    for_all = _event(region)
    api_client.force_authenticate(student)  # an MBO student
    listed = [e["id"] for e in api_client.get("/api/v1/events/").json()["results"]]
    assert listed == [for_all.pk]
    detail = api_client.get(f"/api/v1/events/{for_pro.pk}/").json()
    assert detail["may_register"] is False and "alleen voor PrO" in detail["refusal"]
    refused = api_client.post(f"/api/v1/events/{for_pro.pk}/registration/")
    assert refused.status_code == 400 and not Registration.objects.exists()


def test_a_full_event_puts_you_on_the_waiting_list_and_a_cancel_frees_the_place(
    api_client, student, other_student, region
):
    event = _event(region, capacity=1)
    api_client.force_authenticate(other_student)
    first = api_client.post(f"/api/v1/events/{event.pk}/registration/")
    assert first.status_code == 200 and first.json()["status"] == "registered"
    api_client.force_authenticate(student)
    waiting = api_client.post(f"/api/v1/events/{event.pk}/registration/")
    assert waiting.json()["status"] == "waitlist"
    assert api_client.post(f"/api/v1/events/{event.pk}/registration/").json()["status"] == (
        "waitlist"
    )  # sent twice: still one registration
    assert Registration.objects.filter(event=event, user=student).count() == 1
    api_client.force_authenticate(other_student)
    assert api_client.delete(f"/api/v1/events/{event.pk}/registration/").status_code == 204
    assert Registration.objects.get(event=event, user=student).status == "registered"
    api_client.force_authenticate(student)
    mine = api_client.get("/api/v1/me/registrations/").json()["results"]
    assert [(r["event"], r["status"]) for r in mine] == [(event.pk, "registered")]
    listed = api_client.get("/api/v1/events/").json()["results"]
    assert listed[0]["my_registration"] == "registered" and listed[0]["places_left"] == 0


def test_after_the_deadline_registering_is_refused_as_on_the_page(api_client, student, region):
    event = _event(region, registration_deadline=timezone.now() - datetime.timedelta(hours=1))
    api_client.force_authenticate(student)
    response = api_client.post(f"/api/v1/events/{event.pk}/registration/")
    assert response.status_code == 400
    assert "de inschrijving is gesloten" in response.json()["fields"]["non_field_errors"][0]
    assert not Registration.objects.exists()


def test_a_parent_cannot_register_and_an_unknown_event_is_404(api_client, parent, student, region):
    event = _event(region)
    api_client.force_authenticate(parent)
    assert api_client.post(f"/api/v1/events/{event.pk}/registration/").status_code == 403
    api_client.force_authenticate(student)
    assert api_client.post("/api/v1/events/999999/registration/").status_code == 404
    cancelled = _event(region, status=MatchingEvent.Status.CANCELLED)
    assert api_client.post(f"/api/v1/events/{cancelled.pk}/registration/").status_code == 404


def test_the_feed_address_is_mine_and_renewing_stops_the_old_one(api_client, client, student):
    api_client.force_authenticate(student)
    first = api_client.get("/api/v1/me/calendar-feed/").json()
    assert first["url"].startswith("http") and first["webcal_url"].startswith("webcal://")
    assert api_client.get("/api/v1/me/calendar-feed/").json()["url"] == first["url"]
    old_path = first["url"].split("://", 1)[1].split("/", 1)[1]
    assert client.get(f"/{old_path}").status_code == 200
    renewed = api_client.post("/api/v1/me/calendar-feed/renew/").json()
    assert renewed["url"] != first["url"]
    assert client.get(f"/{old_path}").status_code == 404
    assert CalendarFeed.objects.filter(user=student).count() == 1


def test_a_parent_has_no_calendar_feed(api_client, parent):
    api_client.force_authenticate(parent)
    assert api_client.get("/api/v1/me/calendar-feed/").status_code == 403
    assert api_client.post("/api/v1/me/calendar-feed/renew/").status_code == 403
