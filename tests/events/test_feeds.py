"""Calendar files and personal feeds, read back with vobject (a second, independent parser):
the fields, the time zone with summer time, stable UIDs, cancelled items, the secret address,
who sees what, the access log and a fixed number of queries."""

import datetime
import itertools
from urllib.parse import urlsplit
from zoneinfo import ZoneInfo

import pytest
import vobject
from django.conf import settings
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from events.feeds import calendar_feed_for, calendar_feed_renew, event_calendar
from events.models import CalendarFeed, MatchingEvent, Registration, SpeedDate
from marketplace.models import AccessLog, Match, MatchStatus, Placement, Role
from tests import factories as f

pytestmark = pytest.mark.django_db

AMSTERDAM = ZoneInfo("Europe/Amsterdam")
HOST = urlsplit(settings.SITE_URL).hostname
_numbers = itertools.count(1)


# --- building the data -------------------------------------------------------------------------


def _at(days: int = 10, hour: int = 10) -> datetime.datetime:
    day = timezone.localdate() + datetime.timedelta(days=days)
    return datetime.datetime.combine(day, datetime.time(hour), tzinfo=AMSTERDAM)


def _event(region, starts_at=None, **kw) -> MatchingEvent:
    starts_at = starts_at or _at()
    return MatchingEvent.objects.create(
        title=kw.pop("title", f"Banenmarkt {next(_numbers)}"),
        kind=kw.pop("kind", "banenmarkt"),
        region=region,
        place=f.PlaceFactory(name="Groningen"),
        address=kw.pop("address", "Martiniplaza, Leonard Springerlaan 2"),
        starts_at=starts_at,
        ends_at=starts_at + datetime.timedelta(hours=2),
        **kw,
    )


def _registration(event, user, **kw) -> Registration:
    return Registration.objects.create(event=event, user=user, **kw)


def _speed_date(region, student, member, *, round_=1, event=None) -> SpeedDate:
    event = event or _event(region, kind="speeddate", schedule_published_at=timezone.now())
    starts = event.starts_at + datetime.timedelta(minutes=10 * (round_ - 1))
    return SpeedDate.objects.create(
        event=event,
        round=round_,
        table=round_,
        student=Registration.objects.get_or_create(event=event, user=student)[0],
        employer=Registration.objects.get_or_create(
            event=event, user=member, defaults={"employer": member.employer}
        )[0],
        starts_at=starts,
        ends_at=starts + datetime.timedelta(minutes=8),
    )


def _match(student_profile, employer, *, meeting_at=None, **kw) -> Match:
    opening = f.OpeningFactory(location=f.LocationFactory(employer=employer, address="Markt 1"))
    return Match.objects.create(
        student=student_profile,
        opening=opening,
        status=kw.pop("status", MatchStatus.KENNISMAKING),
        meeting_at=meeting_at,
        **kw,
    )


def _placement(student_profile, employer, *, days: int = 20) -> Placement:
    match = _match(student_profile, employer, status=MatchStatus.GEPLAATST)
    start = timezone.localdate() + datetime.timedelta(days=days)
    return Placement.objects.create(match=match, start_date=start)


def _named(user) -> None:
    """A name that appears nowhere else, so its absence from a feed means something."""
    user.first_name, user.last_name = "Noor", "Wijnaldum"
    user.save(update_fields=["first_name", "last_name"])


# --- reading it back with vobject -------------------------------------------------------------


def _parse(body: bytes) -> dict[str, vobject.base.Component]:
    """UID → VEVENT, as the independent parser reads them."""
    calendar = vobject.readOne(body.decode())
    return {str(e.uid.value): e for e in calendar.contents.get("vevent", [])}


def _feed(client, user) -> bytes:
    response = client.get(reverse("events:feed", args=[calendar_feed_for(user=user).token]))
    assert response.status_code == 200
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    return response.content


def _summaries(body: bytes) -> list[str]:
    return [str(e.summary.value) for e in _parse(body).values()]


# --- the event's own file ------------------------------------------------------------------


def test_the_event_file_reads_back_with_the_events_fields(region):
    event = _event(region, title="Banenmarkt, Groningen; zorg", description="Kom langs!")
    vevent = _parse(event_calendar(event))[f"event-{event.pk}@{HOST}"]
    assert vevent.summary.value == "Banenmarkt, Groningen; zorg"
    assert vevent.dtstart.value == event.starts_at
    local = event.starts_at.astimezone(AMSTERDAM)
    assert vevent.dtstart.value.utcoffset() == local.utcoffset()
    assert vevent.dtend.value == event.ends_at
    assert vevent.status.value == "CONFIRMED"
    assert vevent.location.value == "Martiniplaza, Leonard Springerlaan 2, Groningen"
    assert "Kom langs!" in vevent.description.value


def test_the_event_file_download_answers_a_logged_in_student(client, student, region):
    event = _event(region)
    client.force_login(student)
    response = client.get(reverse("events:ics", args=[event.pk]))
    assert response.status_code == 200
    assert response["Content-Disposition"] == f'attachment; filename="evenement-{event.pk}.ics"'
    assert list(_parse(response.content)) == [f"event-{event.pk}@{HOST}"]


# --- the time zone -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("month", "day", "offset"),
    [(1, 15, 1), (7, 15, 2), (3, "last-sunday", 2), (10, "last-sunday", 1)],
    ids=["winter", "summer", "first-summer-day", "first-winter-day"],
)
def test_winter_and_summer_dates_carry_their_own_utc_offset(
    client, student, region, month, day, offset
):
    year = timezone.localdate().year + 1
    if day == "last-sunday":
        last = datetime.date(year, month, 31)
        day = last.day - (last.weekday() + 1) % 7
    starts = datetime.datetime(year, month, day, 14, tzinfo=AMSTERDAM)
    event = _event(region, starts_at=starts)
    _registration(event, student)
    body = _feed(client, student)
    vevent = next(iter(_parse(body).values()))
    assert vevent.dtstart.value.utcoffset() == datetime.timedelta(hours=offset)
    assert vevent.dtstart.value == starts
    assert f"DTSTART;TZID=Europe/Amsterdam:{year}{month:02d}{day:02d}T140000" in body.decode()


def test_the_feed_names_itself_asks_to_be_refreshed_and_describes_its_time_zone(client, student):
    calendar = vobject.readOne(_feed(client, student).decode())
    assert calendar.contents["x-wr-calname"][0].value == "Mijn agenda – BPV- en banenmatcher"
    assert calendar.contents["refresh-interval"][0].value == "PT1H"
    assert calendar.contents["x-published-ttl"][0].value == "PT1H"
    assert calendar.vtimezone.tzid.value == "Europe/Amsterdam"


# --- the person's own items --------------------------------------------------------------------


def test_a_registered_event_is_in_the_feed_with_the_events_fields(client, student, region):
    event = _event(region, title="Speeddate zorg")
    registration = _registration(event, student)
    vevent = _parse(_feed(client, student))[f"event-{event.pk}-reg-{registration.pk}@{HOST}"]
    assert vevent.summary.value == "Speeddate zorg"
    assert vevent.dtstart.value == event.starts_at
    assert vevent.dtend.value == event.ends_at
    assert vevent.status.value == "CONFIRMED"
    assert vevent.location.value == "Martiniplaza, Leonard Springerlaan 2, Groningen"


def test_each_item_keeps_its_uid_across_two_requests(client, student_profile, employer, region):
    student = student_profile.user
    _registration(_event(region), student)
    _match(student_profile, employer, meeting_at=_at(5))
    _placement(student_profile, employer)
    first, second = _parse(_feed(client, student)), _parse(_feed(client, student))
    assert len(first) == 3
    assert sorted(first) == sorted(second)
    assert all(uid.endswith(f"@{HOST}") for uid in first)


def test_a_place_on_the_waiting_list_is_tentative_and_says_so(client, student, region):
    event = _event(region, title="Banenmarkt")
    _registration(event, student, status=Registration.Status.WAITLIST)
    (vevent,) = _parse(_feed(client, student)).values()
    assert vevent.status.value == "TENTATIVE"
    assert vevent.summary.value == "Banenmarkt (wachtlijst)"


def test_a_cancelled_event_is_sent_as_cancelled_not_dropped(client, student, region):
    event = _event(region, title="Banenmarkt", cancelled_reason="De zaal is niet vrij.")
    _registration(event, student)
    (before,) = _parse(_feed(client, student)).values()
    event.status = MatchingEvent.Status.CANCELLED
    event.save(update_fields=["status"])
    (vevent,) = _parse(_feed(client, student)).values()
    assert vevent.status.value == "CANCELLED"
    assert vevent.summary.value == "Banenmarkt (gaat niet door)"
    assert "De zaal is niet vrij." in vevent.description.value
    assert int(vevent.sequence.value) > int(before.sequence.value)  # calendars take the change


def test_a_cancelled_registration_is_sent_as_cancelled_not_dropped(client, student, region):
    _registration(_event(region, title="Banenmarkt"), student, status="cancelled")
    (vevent,) = _parse(_feed(client, student)).values()
    assert vevent.status.value == "CANCELLED"
    assert vevent.summary.value == "Banenmarkt (afgemeld)"


def test_a_kennismaking_of_a_closed_match_is_sent_as_cancelled(client, student_profile, employer):
    match = _match(student_profile, employer, meeting_at=_at(3), status=MatchStatus.INGETROKKEN)
    (vevent,) = _parse(_feed(client, student_profile.user)).values()
    assert str(vevent.uid.value) == f"match-{match.pk}-kennismaking@{HOST}"
    assert vevent.status.value == "CANCELLED"


def test_a_kennismaking_lasts_an_hour_at_the_employers_address(client, student_profile, employer):
    match = _match(student_profile, employer, meeting_at=_at(3, hour=15))
    (vevent,) = _parse(_feed(client, student_profile.user)).values()
    assert vevent.summary.value == f"Kennismaking bij {employer.name}"
    assert vevent.dtstart.value == match.meeting_at
    assert vevent.dtend.value == match.meeting_at + datetime.timedelta(hours=1)
    assert vevent.location.value == "Markt 1, Groningen"
    assert int(vevent.sequence.value) == match.version


def test_a_first_working_day_is_a_whole_day(client, student_profile, employer):
    placement = _placement(student_profile, employer)
    vevent = _parse(_feed(client, student_profile.user))[f"placement-{placement.pk}-start@{HOST}"]
    assert vevent.summary.value == f"Eerste werkdag bij {employer.name}"
    assert vevent.dtstart.value == placement.start_date
    assert vevent.dtend.value == placement.start_date + datetime.timedelta(days=1)
    assert vevent.status.value == "CONFIRMED"


def test_a_speed_date_names_the_employer_to_the_student(client, student, employer_member, region):
    date = _speed_date(region, student, employer_member, round_=2)
    (vevent,) = [e for uid, e in _parse(_feed(client, student)).items() if "-round-" in uid]
    name = employer_member.employer.name
    assert vevent.summary.value == f"Speeddate met {name} (ronde 2, tafel 2)"
    assert vevent.dtstart.value == date.starts_at
    assert vevent.dtend.value == date.ends_at
    assert str(vevent.uid.value) == f"event-{date.event_id}-round-2-reg-{date.student_id}@{HOST}"


def test_a_speed_date_never_names_the_student_in_the_employers_feed(
    client, student, employer_member, region
):
    _named(student)
    _speed_date(region, student, employer_member)
    body = _feed(client, employer_member)
    assert "Speeddate met een jongere (ronde 1, tafel 1)" in _summaries(body)
    assert "Wijnaldum" not in body.decode() and "Noor" not in body.decode()


def test_speed_dates_of_an_unpublished_schedule_stay_out(client, student, employer_member, region):
    date = _speed_date(region, student, employer_member)
    date.event.schedule_published_at = None
    date.event.save(update_fields=["schedule_published_at"])
    assert not any("-round-" in uid for uid in _parse(_feed(client, student)))


def test_a_speed_date_is_cancelled_when_the_other_side_cancels(
    client, student, employer_member, region
):
    date = _speed_date(region, student, employer_member)
    date.employer.status = Registration.Status.CANCELLED
    date.employer.save(update_fields=["status"])
    vevent = _parse(_feed(client, student))[
        f"event-{date.event_id}-round-1-reg-{date.student_id}@{HOST}"
    ]
    assert vevent.status.value == "CANCELLED"


# --- whose items --------------------------------------------------------------------------------


def test_a_students_feed_holds_only_their_own_items(
    client, student_profile, other_student_profile, employer, region
):
    other = other_student_profile
    _registration(_event(region, title="Banenmarkt van Kim"), other.user)
    _match(other, employer, meeting_at=_at(4))
    _placement(other, employer)
    _registration(_event(region, title="Mijn banenmarkt"), student_profile.user)
    assert _summaries(_feed(client, student_profile.user)) == ["Mijn banenmarkt"]


def test_an_employers_feed_holds_only_their_organisations_items(
    client, student_profile, employer, employer_member, other_employer_member
):
    ours = _match(student_profile, employer, meeting_at=_at(4))
    _match(student_profile, other_employer_member.employer, meeting_at=_at(5))
    _placement(student_profile, other_employer_member.employer)
    assert list(_parse(_feed(client, employer_member))) == [f"match-{ours.pk}-kennismaking@{HOST}"]


def test_a_student_who_did_not_share_is_never_named_to_the_employer(
    client, student_profile, employer, employer_member
):
    _named(student_profile.user)
    _match(student_profile, employer, meeting_at=_at(4))
    _placement(student_profile, employer)
    body = _feed(client, employer_member)
    for secret in ("Noor", "Wijnaldum", student_profile.user.email):
        assert secret not in body.decode()
    summaries = _summaries(body)
    assert len(summaries) == 2
    assert all("Kandidaat " in s for s in summaries)


def test_a_student_who_said_yes_and_shares_is_named_to_the_employer(
    client, student_profile, employer, employer_member
):
    _match(
        student_profile,
        employer,
        meeting_at=_at(4),
        student_response="ja",
        student_shares_profile=True,
    )
    name = student_profile.user.get_full_name()
    assert _summaries(_feed(client, employer_member)) == [f"Kennismaking met {name}"]


def test_a_mediators_feed_holds_their_caseloads_kennismakingen_and_first_days(
    client, student_profile, other_student_profile, employer, jobhunter, jpo
):
    mine = _match(student_profile, employer, meeting_at=_at(4))
    first_day = _placement(student_profile, employer)
    _match(other_student_profile, employer, meeting_at=_at(4))  # another jobhunter's student
    name = student_profile.user.get_full_name()
    for mediator in (jobhunter, jpo):
        items = _parse(_feed(client, mediator))
        assert sorted(items) == sorted(
            [f"match-{mine.pk}-kennismaking@{HOST}", f"placement-{first_day.pk}-start@{HOST}"]
        )
        assert items[f"match-{mine.pk}-kennismaking@{HOST}"].summary.value == (
            f"Kennismaking: {name} bij {employer.name}"
        )


def test_school_staff_get_kennismakingen_but_not_a_whole_schools_first_days(
    client, student_profile, employer, school_staff
):
    meeting = _match(student_profile, employer, meeting_at=_at(4))
    _placement(student_profile, employer)
    assert list(_parse(_feed(client, school_staff))) == [f"match-{meeting.pk}-kennismaking@{HOST}"]


# --- the access log --------------------------------------------------------------------------


def test_a_mediators_feed_read_is_logged_per_student_in_one_write(
    client, student_profile, employer, jobhunter, school
):
    second = f.StudentProfileFactory(school=school, jobhunter=jobhunter)
    _match(student_profile, employer, meeting_at=_at(4))
    _placement(student_profile, employer)
    _match(second, employer, meeting_at=_at(5))
    with CaptureQueriesContext(connection) as queries:
        _feed(client, jobhunter)
    writes = [q["sql"] for q in queries if "INSERT" in q["sql"] and "access" in q["sql"].lower()]
    assert len(writes) == 1
    logged = AccessLog.objects.filter(user=jobhunter, action="view", context="agendafeed")
    assert sorted(logged.values_list("student_id", flat=True)) == sorted(
        [student_profile.pk, second.pk]
    )


def test_a_students_read_of_their_own_feed_is_not_logged(client, student_profile, employer):
    _match(student_profile, employer, meeting_at=_at(4))
    _feed(client, student_profile.user)
    assert not AccessLog.objects.exists()


def test_an_alias_in_the_employers_feed_is_not_logged_as_a_read(
    client, student_profile, employer, employer_member
):
    _match(student_profile, employer, meeting_at=_at(4))
    _feed(client, employer_member)
    assert not AccessLog.objects.exists()


# --- the secret address -------------------------------------------------------------------------


def test_the_feed_answers_without_a_session(client, student, region):
    _registration(_event(region), student)
    assert "_auth_user_id" not in client.session
    assert len(_parse(_feed(client, student))) == 1


def test_a_calendar_apps_head_request_is_answered(client, student):
    url = reverse("events:feed", args=[calendar_feed_for(user=student).token])
    assert client.head(url).status_code == 200


def test_an_unknown_token_answers_404(client, db):
    assert client.get(reverse("events:feed", args=["geen-geldig-adres"])).status_code == 404


def test_a_renewed_address_stops_the_old_one_and_the_new_one_works(client, student, region):
    _registration(_event(region), student)
    old = calendar_feed_for(user=student).token
    client.force_login(student)
    response = client.post(reverse("events:feed-renew"))
    assert response.status_code == 302
    client.logout()
    new = CalendarFeed.objects.get(user=student).token
    assert new != old
    assert client.get(reverse("events:feed", args=[old])).status_code == 404
    fresh = client.get(reverse("events:feed", args=[new]))
    assert fresh.status_code == 200 and len(_parse(fresh.content)) == 1


def test_renewing_keeps_the_items_uids(client, student, region):
    _registration(_event(region), student)
    before = sorted(_parse(_feed(client, student)))
    calendar_feed_renew(user=student)
    assert sorted(_parse(_feed(client, student))) == before


def test_a_feed_of_a_closed_account_answers_404(client, student):
    token = calendar_feed_for(user=student).token
    student.is_active = False
    student.save(update_fields=["is_active"])
    assert client.get(reverse("events:feed", args=[token])).status_code == 404


def test_the_calendar_page_shows_the_address_and_a_button_for_a_new_one(client, student):
    client.force_login(student)
    page = client.get(reverse("events:calendar")).content.decode()
    token = CalendarFeed.objects.get(user=student).token
    path = reverse("events:feed", args=[token])
    assert "Zet in je eigen agenda" in page
    assert f'href="webcal://testserver{path}"' in page
    assert f'value="http://testserver{path}"' in page
    assert reverse("events:feed-renew") in page


def test_a_parent_gets_no_feed_address(client, parent):
    client.force_login(parent)
    page = client.get(reverse("events:calendar")).content.decode()
    assert "webcal://" not in page
    assert not CalendarFeed.objects.filter(user=parent).exists()


# --- a fixed number of queries ----------------------------------------------------------------


def _fill_student(student_profile, employer, member, region, n: int) -> None:
    """n items of each kind the student can have (events, speed dates, meetings, first days)."""
    event = _event(region, kind="speeddate", schedule_published_at=timezone.now())
    for i in range(n):
        _registration(_event(region), student_profile.user)
        other = f.UserFactory(role=Role.WERKGEVER, employer=f.EmployerFactory(region=region))
        _speed_date(region, student_profile.user, other, round_=i + 1, event=event)
        _match(student_profile, employer, meeting_at=_at(3 + i))
        _placement(student_profile, employer, days=30 + i)


def _queries(client, user) -> tuple[int, int]:
    _feed(client, user)  # draws missing aliases once, as the first read after a new match does
    with CaptureQueriesContext(connection) as queries:
        items = len(_parse(_feed(client, user)))
    return len(queries), items


@pytest.mark.parametrize("viewer", ["student", "employer_member", "jobhunter"])
def test_the_feed_needs_the_same_queries_for_3_items_as_for_30(
    client, student_profile, employer, employer_member, jobhunter, region, viewer
):
    user = {"student": student_profile.user, "employer_member": employer_member}.get(
        viewer, jobhunter
    )
    _fill_student(student_profile, employer, employer_member, region, 1)
    few, few_items = _queries(client, user)
    _fill_student(student_profile, employer, employer_member, region, 7)
    many, many_items = _queries(client, user)
    assert few_items >= 2 and many_items >= 16
    assert many == few
    assert many <= 10
