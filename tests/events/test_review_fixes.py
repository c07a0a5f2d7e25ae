"""The reviewer's findings on the events feature, each pinned by a test that failed before."""

import datetime

import pytest
import vobject
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone, translation

from events.feeds import calendar_feed_for
from events.forms import EventForm, event_initial
from events.models import MatchingEvent, Registration, SpeedDate
from events.selectors import events_organised_by
from events.services import event_cancelled_tell, event_update, registration_cancel
from marketplace.models import Notification, Region
from tests import factories as f
from tests.events.test_checkin import _date, _register

pytestmark = pytest.mark.django_db
NOW = timezone.now
HUGE = "99999999999999999999"


def _event(region, *, starts=None, hours=3, **kw) -> MatchingEvent:
    """A speed date that began an hour ago with a published schedule, unless told otherwise."""
    starts = starts or NOW() - datetime.timedelta(hours=1)
    values = {"title": "Speeddate techniek", "kind": "speeddate", "schedule_published_at": NOW()}
    return MatchingEvent.objects.create(
        region=region, place=f.PlaceFactory(), starts_at=starts,
        ends_at=starts + datetime.timedelta(hours=hours), **{**values, **kw},
    )  # fmt: skip


def _future(region, **kw) -> MatchingEvent:
    return _event(region, starts=NOW() + datetime.timedelta(days=10), **kw)


@pytest.fixture
def event(region):
    return _event(region)


@pytest.fixture
def seat(event, employer_member):
    return _register(event, employer_member, employer=employer_member.employer)


# --- 1 to 3: input that gave a 500 ----------------------------------------------------------------


@pytest.mark.parametrize("value", ["abc", "", "1.5", HUGE, "²"])
def test_a_swap_with_a_malformed_date_id_gives_a_message_not_a_500(
    client, coordinator, region, student, employer_member, opening, value
):
    event = _event(region, schedule_published_at=None)
    date = _date(event, _register(event, student), _register(
        event, employer_member, employer=employer_member.employer), opening)  # fmt: skip
    client.force_login(coordinator)
    url = f"/evenementen/{event.pk}/speeddates/ruilen/"
    page = client.post(url, {"date_a": value, "date_b": date.pk}, follow=True)
    assert "Kies twee gesprekken uit dit schema." in page.content.decode()
    assert SpeedDate.objects.get().student_id == date.student_id


@pytest.mark.parametrize("text", ["²", "١", "3, ²"])
def test_break_rounds_accept_only_ascii_digits(region, text):
    form = EventForm(data={"break_rounds": text}, regions=Region.objects.all())
    assert not form.is_valid()
    assert "break_rounds" in form.errors


def test_an_out_of_range_region_is_a_form_error_not_a_500(region):
    form = EventForm(data={"region": HUGE}, regions=Region.objects.all())
    assert not form.is_valid()
    assert form.errors["region"] == ["Kies iets uit de lijst."]


def test_an_out_of_range_sector_in_the_employers_wishes_is_a_400_not_a_500(
    client, region, employer_member
):
    event = _future(region, schedule_published_at=None)
    _register(event, employer_member, employer=employer_member.employer)
    client.force_login(employer_member)
    url = f"/evenementen/{event.pk}/speeddates/wensen/"
    response = client.post(url, {"level": "2", "sectors": HUGE})
    assert response.status_code == 400
    assert Registration.objects.get().wanted_level is None


# --- 4: narrowing the audience --------------------------------------------------------------------


def test_narrowing_the_audience_past_registered_students_is_refused_with_how_many(
    coordinator, region, student
):
    event = _future(region, kind="banenmarkt", schedule_published_at=None)
    _register(event, student)  # an MBO student
    data = {**event_initial(event), "region": event.region, "place": event.place}
    data.update(break_rounds=[], audience=["pro"], sectors=[])
    with pytest.raises(ValidationError) as refused:
        event_update(user=coordinator, event=event, data=data, version=event.version)
    assert "1 aangemelde jongeren passen dan niet meer" in str(refused.value)
    event.refresh_from_db()
    assert event.audience == []


# --- 5: notifications in the product's language ---------------------------------------------------


def test_a_cancellation_is_told_in_dutch_while_the_organiser_uses_english(region, student):
    event = _future(region, status=MatchingEvent.Status.CANCELLED, cancelled_reason="Geen zaal")
    _register(event, student)
    with translation.override("en"):
        event_cancelled_tell(event_id=event.pk)
    assert Notification.objects.get(user=student).title.startswith("Afgelast:")


def test_a_promotion_from_the_waiting_list_is_told_in_dutch(region, student, other_student):
    event = _future(region, capacity=1)
    _register(event, student)
    _register(event, other_student, status=Registration.Status.WAITLIST)
    with translation.override("en"):
        registration_cancel(user=student, event=event)
    assert Notification.objects.get(user=other_student).title.startswith("Er is een plek vrij")


# --- 6: cancelling leaves the schedule ------------------------------------------------------------


def test_cancelling_drops_dates_to_come_and_tells_the_organiser_once(
    region, coordinator, student, employer_member, opening
):
    event = _future(region, organiser=coordinator)
    ticket = _register(event, student)
    seat = _register(event, employer_member, employer=employer_member.employer)
    _date(event, ticket, seat, opening, started=False)
    registration_cancel(user=student, event=event)
    assert not SpeedDate.objects.exists()
    assert Notification.objects.filter(user=coordinator).count() == 1


# --- 7: SEQUENCE never goes down ------------------------------------------------------------------


def _sequence(client, user) -> int:
    url = reverse("events:feed", args=[calendar_feed_for(user=user).token])
    (vevent,) = vobject.readOne(client.get(url).content.decode()).contents["vevent"]
    return int(vevent.sequence.value)


def test_cancelling_and_registering_again_raises_the_feed_sequence_each_time(
    client, region, student
):
    from events.services import registration_create

    event = _future(region, kind="banenmarkt")
    registration = registration_create(user=student, event=event)
    # Registered a while ago: re-registering comes at least a second after it.
    earlier = registration.created_at - datetime.timedelta(seconds=5)
    Registration.objects.filter(pk=registration.pk).update(created_at=earlier)
    first = _sequence(client, student)
    registration_cancel(user=student, event=event)
    cancelled = _sequence(client, student)
    registration_create(user=student, event=event)
    again = _sequence(client, student)
    assert first < cancelled < again


# --- 8: the ticket of a cancelled event -----------------------------------------------------------


def test_the_ticket_of_a_cancelled_event_says_so_and_shows_no_code(client, region, student):
    event = _future(region, status=MatchingEvent.Status.CANCELLED, cancelled_reason="Storm")
    _register(event, student)
    client.force_login(student)
    page = client.get(f"/evenementen/{event.pk}/toegangsbewijs/").content.decode()
    assert "Dit evenement is afgelast" in page
    assert "data-checkin-code" not in page and "Mijn speeddates" not in page.split("<main")[-1]


# --- 9: ended events on the organiser's list ------------------------------------------------------


def test_an_event_that_ended_last_week_stays_on_the_organisers_list_as_ended(coordinator, region):
    ended = _event(region, starts=NOW() - datetime.timedelta(days=7), hours=2)
    _event(region, starts=NOW() - datetime.timedelta(days=40), hours=2)
    (listed,) = events_organised_by(coordinator)
    assert listed.pk == ended.pk and listed.ended


def test_the_page_of_an_ended_event_has_no_calendar_link(client, coordinator, region):
    ended = _event(region, starts=NOW() - datetime.timedelta(days=7), hours=2)
    client.force_login(coordinator)
    page = client.get(f"/evenementen/{ended.pk}/").content.decode()
    assert reverse("events:ics", args=[ended.pk]) not in page


# --- 10: the smaller findings ---------------------------------------------------------------------


def _say(client, user, date, answer) -> str:
    client.force_login(user)
    url = f"/evenementen/{date.event_id}/mijn-speeddates/"
    return client.post(url, {"speed_date": date.pk, "answer": answer}, follow=True).content.decode()


@pytest.fixture
def speed_date(event, student, seat, opening):
    return _date(event, _register(event, student), seat, opening)


def test_the_employer_reads_their_own_sentences_on_the_dates_page(
    client, employer_member, speed_date
):
    page = _say(client, employer_member, speed_date, "ja")
    assert "Opgeslagen: u wilt verder praten." in page
    assert "De jobhunter van de jongere neemt dan contact met u op." in page
    assert "je jobhunter" not in page


def test_a_no_after_the_match_is_not_recorded_nor_called_a_yes(
    client, student, employer_member, speed_date
):
    _say(client, student, speed_date, "ja")
    _say(client, employer_member, speed_date, "ja")
    page = _say(client, student, speed_date, "nee")
    speed_date.refresh_from_db()
    assert "Je &#x27;nee&#x27; is niet opgeslagen." in page or "niet opgeslagen" in page
    assert "Er is een match gemaakt" not in page
    assert speed_date.student_wants_more is True


def test_a_no_show_cannot_say_wil_verder_praten(client, student, speed_date):
    Registration.objects.filter(pk=speed_date.student_id).update(status="no_show")
    page = _say(client, student, speed_date, "ja")
    speed_date.refresh_from_db()
    assert speed_date.student_wants_more is None
    assert "niet bij" in page


def test_registering_the_day_itself_promises_no_reminder_a_day_ahead(client, region, student):
    soon = _event(region, starts=NOW() + datetime.timedelta(hours=5), kind="banenmarkt")
    client.force_login(student)
    page = client.post(f"/evenementen/{soon.pk}/aanmelden/", follow=True).content.decode()
    assert "Je bent aangemeld." in page
    assert "een dag van tevoren" not in page


def test_the_check_in_page_before_it_opens_says_when_instead_of_the_camera(
    client, coordinator, region
):
    later = _future(region)
    client.force_login(coordinator)
    page = client.get(f"/evenementen/{later.pk}/inchecken/").content.decode()
    assert "Inchecken kan vanaf" in page
    assert 'id="scanner"' not in page


@pytest.mark.parametrize("path", ["inchecken/", "speeddates/"])
def test_check_in_and_schedule_of_another_regions_event_answer_404(
    client, other_accountmanager, event, path
):
    client.force_login(other_accountmanager)
    assert client.get(f"/evenementen/{event.pk}/{path}").status_code == 404


def test_a_code_of_another_event_does_not_tell_its_title(client, coordinator, region, event):
    other = _event(region, title="Geheim concept", status=MatchingEvent.Status.DRAFT)
    code = f.UserFactory()
    from events.checkin import registration_checkin_code

    elsewhere = registration_checkin_code(_register(other, code))
    client.force_login(coordinator)
    url = f"/evenementen/{event.pk}/inchecken/"
    page = client.post(url, {"code": elsewhere}, follow=True).content.decode()
    assert "Deze code hoort bij een ander evenement." in page
    assert "Geheim concept" not in page
