"""Organising matching events without the admin: create, edit, publish, cancel; registering per
role with the audience; the reminders a day and a week before."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from django.utils import timezone

from events.models import MatchingEvent, Registration
from events.services import (
    event_cancel,
    event_create,
    event_reminders,
    registration_cancel,
    registration_create,
)
from events.tasks import event_cancelled_tell
from marketplace.models import Notification, Role
from tests import factories as f

pytestmark = pytest.mark.django_db
NEW, LIST = "/evenementen/organiseren/nieuw/", "/evenementen/organiseren/"


def _local(value: datetime.datetime) -> str:
    return timezone.localtime(value).strftime("%Y-%m-%dT%H:%M")


def _form(region, **changes) -> dict:
    """What an organiser types for a speed date two weeks from now."""
    start = (timezone.now() + datetime.timedelta(days=14)).replace(minute=0, second=0)
    data = {
        "title": "Speeddaten met de zorg",
        "kind": "speeddate",
        "description": "Korte gesprekken met zorgwerkgevers.",
        "region": region.pk,
        "place": "Winschoten",
        "address": "Sporthal De Moeshorn",
        "starts_at": _local(start),
        "ends_at": _local(start + datetime.timedelta(hours=2)),
        "registration_deadline": _local(start - datetime.timedelta(days=2)),
        "capacity": "30",
        "capacity_employers": "8",
        "audience": ["mbo"],
        "rounds": "8",
        "tables": "8",
        "round_minutes": "10",
        "break_rounds": "4",
    }
    data.update(changes)
    return {k: v for k, v in data.items() if v is not None}


@pytest.fixture
def winschoten(db):
    return f.PlaceFactory(name="Winschoten", province="Groningen", latitude=53.14, longitude=7.03)


def _event(region, *, place=None, days=10, **kw) -> MatchingEvent:
    start = timezone.now() + datetime.timedelta(days=days)
    defaults = {
        "title": "Banenmarkt Oost",
        "kind": "banenmarkt",
        "region": region,
        "place": place or f.PlaceFactory(),
        "starts_at": start,
        "ends_at": start + datetime.timedelta(hours=3),
        "capacity": 30,
        "capacity_employers": 5,
    }
    return MatchingEvent.objects.create(**(defaults | kw))


def _student(school, education_type="mbo"):
    return f.StudentProfileFactory(school=school, education_type=education_type).user


def _member(employer):
    return f.UserFactory(role=Role.WERKGEVER, employer=employer)


# --- create, edit, publish ----------------------------------------------------------------------


def test_a_coordinator_creates_a_speed_date_as_a_draft_that_is_not_in_the_calendar(
    client, coordinator, region, winschoten, student
):
    client.force_login(coordinator)
    response = client.post(NEW, _form(region))
    event = MatchingEvent.objects.get()
    assert response.status_code == 302
    assert (event.status, event.rounds, event.tables, event.break_rounds) == ("draft", 8, 8, [4])
    assert (event.place, event.audience, event.organiser) == (winschoten, ["mbo"], coordinator)
    client.force_login(student)
    assert "Speeddaten met de zorg" not in client.get("/evenementen/").content.decode()
    assert client.get(f"/evenementen/{event.pk}/").status_code == 404


def test_publishing_puts_the_event_in_the_calendar(client, coordinator, region, student):
    event = _event(region, status="draft")
    client.force_login(coordinator)
    client.post(reverse("events:organise-publish", args=[event.pk]))
    event.refresh_from_db()
    assert event.status == "published"
    client.force_login(student)
    assert "Banenmarkt Oost" in client.get("/evenementen/").content.decode()


def test_a_published_event_cannot_be_published_again(client, coordinator, region):
    event = _event(region)
    client.force_login(coordinator)
    page = client.post(reverse("events:organise-publish", args=[event.pk]), follow=True)
    assert "staat al in de agenda" in page.content.decode()


def test_the_organisers_list_shows_drafts_and_the_counts_per_role(
    client, accountmanager, region, school, employer
):
    event = _event(region, status="draft", title="Concept-banenmarkt", capacity=1)
    Registration.objects.create(event=event, user=_student(school), status="registered")
    Registration.objects.create(event=event, user=_student(school), status="waitlist")
    Registration.objects.create(
        event=event, user=_member(employer), employer=employer, status="registered"
    )
    client.force_login(accountmanager)
    html = client.get(LIST).content.decode()
    assert "Concept-banenmarkt" in html and "Concept" in html
    assert "1 van 1 aangemeld, 1 op de wachtlijst" in html
    assert "1 van 5 aangemeld, 0 op de wachtlijst" in html


def test_the_organisers_list_stays_within_its_query_budget(
    client, coordinator, region, school, django_assert_max_num_queries
):
    for n in range(12):
        event = _event(region, title=f"Evenement {n}")
        Registration.objects.create(event=event, user=_student(school))
    client.force_login(coordinator)
    with django_assert_max_num_queries(8):
        assert client.get(LIST).status_code == 200


def test_an_accountmanager_sees_only_the_events_of_their_own_region(
    client, accountmanager, region, other_region
):
    _event(region, title="Hier")
    _event(other_region, title="Daar")
    client.force_login(accountmanager)
    html = client.get(LIST).content.decode()
    assert "Hier" in html and "Daar" not in html


def test_an_accountmanager_cannot_create_an_event_in_another_region(
    accountmanager, other_region, winschoten
):
    data = {
        "title": "Elders",
        "kind": "workshop",
        "region": other_region,
        "place": winschoten,
        "starts_at": timezone.now() + datetime.timedelta(days=3),
        "ends_at": timezone.now() + datetime.timedelta(days=3, hours=1),
        "capacity": 10,
        "capacity_employers": 0,
    }
    with pytest.raises(ValidationError) as exc:
        event_create(user=accountmanager, data=data)
    assert "region" in exc.value.message_dict
    assert not MatchingEvent.objects.exists()


def test_a_jobhunter_may_not_create_events(jobhunter, region):
    with pytest.raises(PermissionDenied):
        event_create(user=jobhunter, data={"region": region})


def test_an_edit_saves_and_moves_the_version_on(client, coordinator, region, winschoten):
    client.force_login(coordinator)
    client.post(NEW, _form(region))
    event = MatchingEvent.objects.get()
    url = reverse("events:organise-edit", args=[event.pk])
    response = client.post(url, _form(region, title="Speeddaten zorg en welzijn", version="1"))
    event.refresh_from_db()
    assert response.status_code == 302
    assert (event.title, event.version) == ("Speeddaten zorg en welzijn", 2)


def test_a_stale_edit_shows_a_conflict_keeps_the_input_and_changes_nothing(
    client, coordinator, region, winschoten
):
    client.force_login(coordinator)
    client.post(NEW, _form(region))
    event = MatchingEvent.objects.get()
    url = reverse("events:organise-edit", args=[event.pk])
    client.post(url, _form(region, title="Eerste wijziging", version="1"))
    response = client.post(url, _form(region, title="Mijn oude formulier", version="1"))
    html = response.content.decode()
    event.refresh_from_db()
    assert response.status_code == 409
    assert "Iemand anders heeft dit evenement net aangepast" in html
    assert 'value="Mijn oude formulier"' in html and 'name="version" value="2"' in html
    assert (event.title, event.version) == ("Eerste wijziging", 2)


BAD_INPUT = [
    ({"tables": "0"}, "tables", "minstens 1 tafel"),
    ({"rounds": ""}, "rounds", "minstens 1 ronde"),
    ({"capacity": "0"}, "capacity", "minstens 1 plek voor jongeren"),
    ({"capacity_employers": "0"}, "capacity_employers", "zijn werkgevers nodig"),
    ({"title": ""}, "title", "Vul dit in"),
    ({"place": "Atlantis"}, "place", "We kennen de plaats"),
    ({"break_rounds": "9"}, "break_rounds", "Ronde 9 bestaat niet"),
    ({"break_rounds": "vier"}, "break_rounds", "alleen rondenummers"),
    ({"round_minutes": "20"}, "round_minutes", "160 minuten"),
    ({"starts_at": "2020-01-01T10:00"}, "starts_at", "al voorbij"),
    ({"starts_at": "morgen"}, "starts_at", "Vul een datum en een tijd in"),
]


@pytest.mark.parametrize(("change", "field", "message"), BAD_INPUT)
def test_bad_input_gets_a_message_keeps_the_input_and_writes_nothing(
    client, coordinator, region, winschoten, change, field, message
):
    client.force_login(coordinator)
    response = client.post(NEW, _form(region, description="Mijn eigen tekst", **change))
    html = response.content.decode()
    assert response.status_code == 400
    assert message in html
    assert "Mijn eigen tekst" in html
    assert MatchingEvent.objects.count() == 0


def test_an_end_before_the_start_is_refused(client, coordinator, region, winschoten):
    form = _form(region)
    client.force_login(coordinator)
    form["ends_at"], form["starts_at"] = form["starts_at"], form["ends_at"]
    response = client.post(NEW, form)
    assert "Het einde ligt voor het begin" in response.content.decode()
    assert MatchingEvent.objects.count() == 0


def test_a_deadline_after_the_start_is_refused(client, coordinator, region, winschoten):
    form = _form(region)
    form["registration_deadline"] = form["ends_at"]
    client.force_login(coordinator)
    response = client.post(NEW, form)
    assert "Aanmelden moet sluiten voordat het evenement begint" in response.content.decode()
    assert MatchingEvent.objects.count() == 0


def test_a_bad_edit_leaves_the_event_as_it_was(client, coordinator, region, winschoten):
    client.force_login(coordinator)
    client.post(NEW, _form(region))
    event = MatchingEvent.objects.get()
    url = reverse("events:organise-edit", args=[event.pk])
    response = client.post(url, _form(region, title="Nieuw", tables="0", version="1"))
    event.refresh_from_db()
    assert response.status_code == 400
    assert (event.title, event.tables, event.version) == ("Speeddaten met de zorg", 8, 1)


def test_the_capacity_cannot_drop_below_the_registered_young_people(coordinator, region, school):
    event = _event(region, capacity=3)
    for _ in range(2):
        registration_create(user=_student(school), event=event)
    from events.forms import event_initial

    data = event_initial(event) | {"capacity": 1, "place": event.place, "region": region}
    from events.services import event_update

    with pytest.raises(ValidationError) as exc:
        event_update(user=coordinator, event=event, data=data, version=event.version)
    assert "Er zijn al 2 jongeren aangemeld" in exc.value.message_dict["capacity"][0]


def test_more_places_move_the_waiting_list_up(coordinator, region, school):
    event = _event(region, capacity=1)
    registration_create(user=_student(school), event=event)
    waiting = registration_create(user=_student(school), event=event)
    from events.forms import event_initial
    from events.services import event_update

    data = event_initial(event) | {"capacity": 2, "place": event.place, "region": region}
    event_update(user=coordinator, event=event, data=data, version=event.version)
    waiting.refresh_from_db()
    assert waiting.status == "registered"
    assert Notification.objects.filter(user=waiting.user, key__endswith=":promoted").count() == 1
    told = Notification.objects.get(user=waiting.user, key__endswith=":promoted")
    assert told.url == reverse("events:ticket", args=[event.pk])  # the way to their QR code


def test_a_place_comes_with_the_way_to_the_ticket_and_the_waiting_list_without(region, school):
    event = _event(region, capacity=1)
    placed = registration_create(user=_student(school), event=event)
    waiting = registration_create(user=_student(school), event=event)
    registration_create(user=placed.user, event=event)  # sent twice
    tickets = Notification.objects.filter(key=f"event:{event.pk}:ticket")
    assert list(tickets.values_list("user_id", "url")) == [
        (placed.user_id, reverse("events:ticket", args=[event.pk]))
    ]
    assert waiting.status == "waitlist"


# --- cancelling ---------------------------------------------------------------------------------


def test_cancelling_tells_each_registered_and_waiting_person_once(
    client, coordinator, region, school, employer, django_capture_on_commit_callbacks
):
    event = _event(region, capacity=1, capacity_employers=1)
    registered, waiting, gone = _student(school), _student(school), _student(school)
    boss = _member(employer)
    for user in (registered, waiting, gone, boss):
        registration_create(user=user, event=event)
    registration_cancel(user=gone, event=event)
    client.force_login(coordinator)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            reverse("events:organise-cancel", args=[event.pk]),
            {"reason": "De sporthal is dicht."},
        )
    event_cancelled_tell(event.pk)  # a second run tells nobody again
    told = Notification.objects.filter(key=f"event:{event.pk}:cancelled")
    assert sorted(told.values_list("user_id", flat=True)) == sorted(
        [registered.pk, waiting.pk, boss.pk]
    )
    assert "De sporthal is dicht." in told.first().body


def test_nobody_is_told_before_the_cancel_commits(coordinator, region, school):
    event = _event(region)
    registration_create(user=_student(school), event=event)
    event_cancel(user=coordinator, event=event, reason="Te weinig aanmeldingen.")
    assert not Notification.objects.filter(key__endswith=":cancelled").exists()


def test_a_cancel_without_a_reason_is_refused_and_changes_nothing(client, coordinator, region):
    event = _event(region)
    client.force_login(coordinator)
    response = client.post(reverse("events:organise-cancel", args=[event.pk]), {"reason": " "})
    event.refresh_from_db()
    assert response.status_code == 400 and "Schrijf kort waarom" in response.content.decode()
    assert event.status == "published"


def test_a_cancelled_event_leaves_the_calendar_and_is_marked_afgelast_for_the_registered(
    client, coordinator, region, school
):
    event = _event(region, title="Banenmarkt Oost")
    student, stranger = _student(school), _student(school)
    registration_create(user=student, event=event)
    event_cancel(user=coordinator, event=event, reason="De sporthal is dicht.")
    client.force_login(student)
    calendar = client.get("/evenementen/").content.decode()
    assert "Afgelast" in calendar and "De sporthal is dicht." in calendar
    assert f'href="/evenementen/{event.pk}/aanmelden/"' not in calendar
    detail = client.get(f"/evenementen/{event.pk}/").content.decode()
    assert "Afgelast: dit evenement gaat niet door." in detail and "Aanmelden" not in detail
    client.force_login(stranger)
    assert "Banenmarkt Oost" not in client.get("/evenementen/").content.decode()
    assert client.get(f"/evenementen/{event.pk}/").status_code == 404


def test_a_parent_sees_that_their_childs_event_is_cancelled(
    client, coordinator, region, parent, student
):
    event = _event(region)
    registration_create(user=student, event=event)
    event_cancel(user=coordinator, event=event, reason="Storm.")
    client.force_login(parent)
    assert "(afgelast)" in client.get("/evenementen/").content.decode()


def test_a_cancelled_event_cannot_be_edited(client, coordinator, region):
    event = _event(region)
    event_cancel(user=coordinator, event=event, reason="Storm.")
    client.force_login(coordinator)
    html = client.get(reverse("events:organise-edit", args=[event.pk])).content.decode()
    assert "Wijzigingen opslaan" not in html and "Storm." in html


# --- registering per role and the audience --------------------------------------------------


def test_students_and_employers_each_fill_their_own_places(region, school, employer):
    event = _event(region, capacity=1, capacity_employers=1)
    first, second = _student(school), _student(school)
    boss, other_boss = _member(employer), _member(f.EmployerFactory(region=region))
    statuses = [registration_create(user=u, event=event).status for u in (first, boss)]
    assert statuses == ["registered", "registered"]
    assert registration_create(user=second, event=event).status == "waitlist"
    late = registration_create(user=other_boss, event=event)
    assert (late.status, late.employer_id) == ("waitlist", other_boss.employer_id)


def test_an_employer_has_one_seat_whoever_of_its_people_registers(region, employer):
    event = _event(region)
    boss, colleague = _member(employer), _member(employer)
    seat = registration_create(user=boss, event=event)
    assert registration_create(user=colleague, event=event) == seat
    assert seat.employer == employer
    assert Registration.objects.filter(event=event).count() == 1


def test_an_employer_cancelling_frees_an_employer_seat_not_a_students(region, school, employer):
    event = _event(region, capacity=1, capacity_employers=1)
    boss, next_boss = _member(employer), _member(f.EmployerFactory(region=region))
    registration_create(user=_student(school), event=event)
    waiting_student = registration_create(user=_student(school), event=event)
    registration_create(user=boss, event=event)
    waiting_boss = registration_create(user=next_boss, event=event)
    registration_cancel(user=boss, event=event)
    waiting_student.refresh_from_db()
    waiting_boss.refresh_from_db()
    assert (waiting_student.status, waiting_boss.status) == ("waitlist", "registered")


def test_a_vso_student_cannot_register_for_an_mbo_event_and_is_told_why(client, region, school):
    event = _event(region, audience=["mbo"], title="MBO-banenmarkt")
    vso = _student(school, "vso")
    client.force_login(vso)
    assert "MBO-banenmarkt" not in client.get("/evenementen/").content.decode()
    detail = client.get(f"/evenementen/{event.pk}/").content.decode()
    assert "Dit evenement is alleen voor MBO. Jij zit op het VSO." in detail
    assert f'action="/evenementen/{event.pk}/aanmelden/"' not in detail
    page = client.post(f"/evenementen/{event.pk}/aanmelden/", follow=True).content.decode()
    assert "alleen voor MBO" in page
    assert not Registration.objects.exists()


def test_an_mbo_student_sees_and_registers_for_an_mbo_event(client, region, school):
    event = _event(region, audience=["mbo"], title="MBO-banenmarkt")
    mbo = _student(school, "mbo")
    client.force_login(mbo)
    assert "MBO-banenmarkt" in client.get("/evenementen/").content.decode()
    assert registration_create(user=mbo, event=event).status == "registered"


def test_the_calendar_tells_a_student_it_shows_the_events_for_them(client, region, school):
    client.force_login(_student(school, "vso"))
    html = client.get("/evenementen/").content.decode()
    assert "Je ziet de evenementen voor iedereen en die voor VSO." in html


def test_drafts_are_not_in_the_calendar(client, region, student):
    _event(region, status="draft", title="Nog geheim")
    client.force_login(student)
    assert "Nog geheim" not in client.get("/evenementen/").content.decode()


# --- reminders ------------------------------------------------------------------------------


def test_reminders_go_a_day_before_to_the_registered_once(region, school):
    event = _event(region, days=0, capacity=1)
    event.starts_at = timezone.now() + datetime.timedelta(hours=20)
    event.ends_at = event.starts_at + datetime.timedelta(hours=2)
    event.save()
    registered = registration_create(user=_student(school), event=event)
    registration_create(user=_student(school), event=event)  # waiting: already told a week ago
    Registration.objects.filter(status="waitlist").update(waitlist_reminded_at=timezone.now())
    assert event_reminders() == 1
    assert event_reminders() == 0
    note = Notification.objects.get(key=f"event:{event.pk}:reminder")
    assert note.user == registered.user


def test_reminders_wait_until_the_day_before(region, school):
    event = _event(region, days=3)
    registration_create(user=_student(school), event=event)
    assert event_reminders() == 0


def test_a_week_before_those_still_waiting_are_told_once(region, school):
    event = _event(region, days=6, capacity=1)
    registration_create(user=_student(school), event=event)
    waiting = registration_create(user=_student(school), event=event)
    assert event_reminders() == 1
    assert event_reminders() == 0
    note = Notification.objects.get(key=f"event:{event.pk}:waitlist-reminder")
    assert note.user == waiting.user and "nog vol" in note.body


def test_no_reminders_for_cancelled_events(coordinator, region, school):
    event = _event(region, days=0.5)
    registration_create(user=_student(school), event=event)
    event_cancel(user=coordinator, event=event, reason="Storm.")
    assert event_reminders() == 0


def test_the_event_page_says_when_the_reminders_come(client, region, school):
    event = _event(region, capacity=1)
    first, second = _student(school), _student(school)
    client.force_login(first)
    page = client.post(f"/evenementen/{event.pk}/aanmelden/", follow=True).content.decode()
    assert "Je krijgt een dag van tevoren een herinnering." in page
    client.force_login(second)
    page = client.post(f"/evenementen/{event.pk}/aanmelden/", follow=True).content.decode()
    assert "Sta je een week van tevoren nog op de wachtlijst" in page
