"""Calendar files written with icalendar: one event's .ics, and each person's feed (events,
speed dates, kennismakingen, first working days) behind a secret address they can renew."""

import datetime
import secrets
from dataclasses import dataclass
from urllib.parse import urlsplit
from zoneinfo import ZoneInfo

from django.conf import settings
from django.db import IntegrityError, transaction
from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext as _
from icalendar import Calendar, Event, Timezone, TimezoneDaylight, TimezoneStandard

from marketplace.models import User
from marketplace.permissions import can, ensure_can

from . import feed_items
from .feed_items import Item
from .models import CalendarFeed, MatchingEvent

AMSTERDAM = ZoneInfo("Europe/Amsterdam")
# Calendar apps poll the feed; once an hour keeps a changed date fresh without hammering us.
REFRESH = datetime.timedelta(hours=1)
PRODID = "-//BPV- en banenmatcher//Agenda//NL"
TOKEN_BYTES = 32  # 43 URL-safe characters: not guessable, fits CalendarFeed.token


@dataclass(frozen=True)
class Site:
    """Where links point and which host the UIDs name: the configured site, never the Host
    header of a request, so an item's UID is the same however the feed was fetched."""

    url: str
    host: str


def site() -> Site:
    url = settings.SITE_URL
    return Site(url=url, host=urlsplit(url).hostname or "localhost")


# --- the two calendars -----------------------------------------------------------------------


def event_calendar(event: MatchingEvent) -> bytes:
    """One event as a calendar file (RFC 5545) to put in your own agenda."""
    here = site()
    item = feed_items.event_item(event, uid=f"event-{event.pk}@{here.host}", site=here.url)
    return _calendar([item], name=event.title)


def personal_calendar(user: User) -> bytes:
    """Everything with a date for this person; a read of other students' data is logged."""
    here = site()
    items = feed_items.items_for(user, host=here.host, site=here.url)
    feed_items.log_students_shown(user, items)
    name = _("Mijn agenda – BPV- en banenmatcher")
    return _calendar(items, name=name)


def _calendar(items: list[Item], *, name: str) -> bytes:
    cal = Calendar()
    cal.add("prodid", PRODID)
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("method", "PUBLISH")
    cal.calendar_name = name  # NAME and X-WR-CALNAME
    cal.add("x-wr-timezone", "Europe/Amsterdam")
    # RFC 7986 (VALUE=DURATION is required there); Outlook reads X-PUBLISHED-TTL instead.
    cal.add("refresh-interval", REFRESH, parameters={"VALUE": "DURATION"})
    cal.add("x-published-ttl", "PT1H")
    cal.add_component(_amsterdam())
    stamp = timezone.now()
    for item in items:
        cal.add_component(_vevent(item, stamp))
    return cal.to_ical()


def _vevent(item: Item, stamp: datetime.datetime) -> Event:
    start, end = item.start, item.end
    if isinstance(start, datetime.datetime):
        start, end = start.astimezone(AMSTERDAM), end.astimezone(AMSTERDAM)
    event = Event.new(
        uid=item.uid,
        stamp=stamp,
        start=start,
        end=end,
        summary=item.summary,
        status=item.status,
        sequence=item.sequence,
        location=item.location or None,
        description=item.description or None,
        url=item.url or None,
        last_modified=item.modified,
    )
    if not isinstance(start, datetime.datetime):
        event.add("transp", "TRANSPARENT")  # a first working day does not block the day
    return event


def _amsterdam() -> Timezone:
    """Europe/Amsterdam by its rule (EU summer time: last Sunday of March to the last Sunday of
    October), the compact form Outlook, Google and Apple write themselves."""
    tz = Timezone()
    tz.add("tzid", "Europe/Amsterdam")
    tz.add("x-lic-location", "Europe/Amsterdam")
    # The onsets are local wall-clock times (RFC 5545 3.6.5), so deliberately without tzinfo.
    summer = datetime.datetime(1970, 3, 29, 2)  # noqa: DTZ001
    winter = datetime.datetime(1970, 10, 25, 3)  # noqa: DTZ001
    for part, name, before, after, start, month in (
        (TimezoneDaylight(), "CEST", 1, 2, summer, 3),
        (TimezoneStandard(), "CET", 2, 1, winter, 10),
    ):
        part.add("tzname", name)
        part.add("tzoffsetfrom", datetime.timedelta(hours=before))
        part.add("tzoffsetto", datetime.timedelta(hours=after))
        part.add("dtstart", start)
        part.add("rrule", {"freq": "yearly", "bymonth": month, "byday": "-1su"})
        tz.add_component(part)
    return tz


# --- the secret address ------------------------------------------------------------------------


def _new_token() -> str:
    return secrets.token_urlsafe(TOKEN_BYTES)


def calendar_feed_for(*, user: User) -> CalendarFeed:
    """This person's feed address, made the first time it is needed."""
    ensure_can(user, "use_calendar_feed")
    feed = CalendarFeed.objects.filter(user=user).first()
    if feed is not None:
        return feed
    try:
        with transaction.atomic():
            return CalendarFeed.objects.create(user=user, token=_new_token())
    except IntegrityError:  # a second tab made it at the same moment
        return CalendarFeed.objects.get(user=user)


@transaction.atomic
def calendar_feed_renew(*, user: User) -> CalendarFeed:
    """A new secret address; the old one stops working at once (it was shared or lost)."""
    ensure_can(user, "use_calendar_feed")
    feed, made = CalendarFeed.objects.select_for_update().get_or_create(
        user=user, defaults={"token": _new_token()}
    )
    if not made:
        feed.token = _new_token()
        feed.save(update_fields=["token", "created_at"])
    return feed


def get_calendar_feed_owner(token: str) -> User:
    """Whose feed this address opens; 404 for an unknown or renewed token, or an account that
    is closed or may no longer have a feed."""
    feed = CalendarFeed.objects.select_related("user").filter(token=token).first()
    if feed is None or not feed.user.is_active or not can(feed.user, "use_calendar_feed"):
        raise Http404
    return feed.user
