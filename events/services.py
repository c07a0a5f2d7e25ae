"""Registering for matching events: capacity, deadline and a waiting list, safe to submit twice."""

import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from marketplace.permissions import ensure_can
from marketplace.services.notifications import notify

from .models import MatchingEvent, Registration


@transaction.atomic
def registration_create(*, user, event: MatchingEvent) -> Registration:
    """Register; when full, on the waiting list. A second submit changes nothing."""
    ensure_can(user, "register_for_events")
    event = MatchingEvent.objects.select_for_update().get(pk=event.pk)
    if event.status != MatchingEvent.Status.PUBLISHED:
        raise ValidationError(_("Dit evenement gaat niet door."))
    now = timezone.now()
    if (event.registration_deadline and now > event.registration_deadline) or now > event.starts_at:
        raise ValidationError(_("Aanmelden kan niet meer: de inschrijving is gesloten."))
    existing = Registration.objects.filter(event=event, user=user).first()
    if existing and existing.status in (
        Registration.Status.REGISTERED,
        Registration.Status.WAITLIST,
    ):
        return existing
    taken = event.registrations.filter(status=Registration.Status.REGISTERED).count()
    status = (
        Registration.Status.REGISTERED if taken < event.capacity else Registration.Status.WAITLIST
    )
    if existing:
        existing.status = status
        existing.save(update_fields=["status"])
        return existing
    return Registration.objects.create(event=event, user=user, status=status)


@transaction.atomic
def registration_cancel(*, user, event: MatchingEvent) -> None:
    """Cancel; the first on the waiting list takes the freed place."""
    event = MatchingEvent.objects.select_for_update().get(pk=event.pk)
    registration = Registration.objects.filter(event=event, user=user).first()
    if registration is None or registration.status == Registration.Status.CANCELLED:
        return
    freed = registration.status == Registration.Status.REGISTERED
    registration.status = Registration.Status.CANCELLED
    registration.save(update_fields=["status"])
    if freed:
        first = (
            event.registrations.filter(status=Registration.Status.WAITLIST)
            .order_by("created_at")
            .first()
        )
        if first is not None:
            first.status = Registration.Status.REGISTERED
            first.save(update_fields=["status"])


def event_reminders(*, now=None) -> int:
    """Remind everyone registered for an event that starts within two days, once: the
    conditional update claims each registration, so the task may run twice."""
    now = now or timezone.now()
    due = Registration.objects.filter(
        status=Registration.Status.REGISTERED,
        reminded_at__isnull=True,
        event__status=MatchingEvent.Status.PUBLISHED,
        event__starts_at__gt=now,
        event__starts_at__lte=now + datetime.timedelta(days=2),
    ).select_related("event__place", "user")
    sent = 0
    for registration in due:
        claimed = Registration.objects.filter(pk=registration.pk, reminded_at__isnull=True).update(
            reminded_at=now
        )
        if not claimed:
            continue
        event = registration.event
        starts = timezone.localtime(event.starts_at)
        notify(
            user=registration.user,
            key=f"event:{event.pk}:reminder",
            title=_("Herinnering: %(title)s") % {"title": event.title},
            body=_("Op %(date)s om %(time)s in %(place)s. Tot dan!")
            % {
                "date": starts.strftime("%d-%m-%Y"),
                "time": starts.strftime("%H:%M"),
                "place": event.address or event.place.name,
            },
            url=reverse("events:detail", args=[event.pk]),
        )
        sent += 1
    return sent


def event_ics(event: MatchingEvent, *, host: str = "bpv-banenmatcher") -> str:
    """The event as an iCalendar file (RFC 5545), for the user's own agenda."""

    def stamp(value: datetime.datetime) -> str:
        return value.astimezone(datetime.UTC).strftime("%Y%m%dT%H%M%SZ")

    def text(value: str) -> str:
        value = value.replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,")
        return value.replace("\r\n", "\\n").replace("\n", "\\n")

    def fold(line: str) -> str:
        out, raw = [], line.encode()
        while len(raw) > 75:
            cut = 75 if not out else 74
            while cut and (raw[cut] & 0xC0) == 0x80:  # never split a UTF-8 character
                cut -= 1
            out.append(raw[:cut].decode())
            raw = raw[cut:]
        out.append(raw.decode())
        return "\r\n ".join(out)

    lines = [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        "PRODID:-//BPV- en banenmatcher//Agenda//NL",
        "CALSCALE:GREGORIAN",
        "METHOD:PUBLISH",
        "BEGIN:VEVENT",
        f"UID:event-{event.pk}@{host}",
        f"DTSTAMP:{stamp(timezone.now())}",
        f"DTSTART:{stamp(event.starts_at)}",
        f"DTEND:{stamp(event.ends_at)}",
        f"SUMMARY:{text(event.title)}",
        f"LOCATION:{text(', '.join(p for p in (event.address, event.place.name) if p))}",
        f"DESCRIPTION:{text(event.description or '')}",
        "END:VEVENT",
        "END:VCALENDAR",
    ]
    return "\r\n".join(fold(line) for line in lines) + "\r\n"
