"""Matching events: organising them (create, edit, publish, cancel), registering per role with
capacity, a deadline and a waiting list (safe to submit twice), the audience, and reminders."""

import datetime
from collections.abc import Iterable

from django.core.exceptions import ObjectDoesNotExist, ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from marketplace.models import User
from marketplace.permissions import can, ensure_can, regions_organised_by
from marketplace.services.notifications import notify

from .models import MatchingEvent, Registration, SpeedDate

Kind, Status = MatchingEvent.Kind, MatchingEvent.Status
ACTIVE = (Registration.Status.REGISTERED, Registration.Status.WAITLIST)
AUDIENCE_LABELS = {"pro": "PrO", "vso": "VSO", "mbo": "MBO"}
# Events where employers are the point: they need at least one employer seat.
WITH_EMPLOYERS = (Kind.SPEEDDATE, Kind.BANENMARKT)
MAX_CAPACITY, MAX_ROUNDS, MAX_TABLES, MAX_ROUND_MINUTES = 5000, 40, 500, 120
FIELDS = (
    "title", "kind", "description", "region", "place", "address", "starts_at", "ends_at",
    "registration_deadline", "capacity", "capacity_employers", "audience",
    "rounds", "tables", "round_minutes", "break_rounds",
)  # fmt: skip


# What a speed-date schedule is built from.
SCHEDULE_FIELDS = ("starts_at", "rounds", "tables", "round_minutes", "break_rounds")


class EventConflict(ValidationError):
    """Someone else changed the event since the form was loaded."""


# --- organising: validation -----------------------------------------------------------------


def _time_errors(data: dict, event: MatchingEvent | None, now: datetime.datetime) -> dict:
    errors = {}
    starts, ends, deadline = data["starts_at"], data["ends_at"], data["registration_deadline"]
    if starts is None:
        errors["starts_at"] = _("Vul in wanneer het evenement begint.")
    elif starts <= now and (event is None or starts != event.starts_at):
        errors["starts_at"] = _("Dit moment is al voorbij. Kies een begin in de toekomst.")
    if ends is None:
        errors["ends_at"] = _("Vul in wanneer het evenement eindigt.")
    elif starts is not None and ends <= starts:
        errors["ends_at"] = _("Het einde ligt voor het begin. Kies een later eindtijdstip.")
    if deadline is not None and starts is not None and deadline > starts:
        errors["registration_deadline"] = _(
            "Aanmelden moet sluiten voordat het evenement begint. Kies een eerder moment."
        )
    return errors


def _taken(event: MatchingEvent, *, employers: bool) -> int:
    return event.registrations.filter(
        status=Registration.Status.REGISTERED, employer__isnull=not employers
    ).count()


def _capacity_errors(data: dict, event: MatchingEvent | None) -> dict:
    errors = {}
    capacity, for_employers = data["capacity"], data["capacity_employers"]
    if capacity is None or capacity < 1:
        errors["capacity"] = _("Er moet minstens 1 plek voor jongeren zijn.")
    elif capacity > MAX_CAPACITY:
        errors["capacity"] = _("Dat zijn te veel plekken: hoogstens %(max)s.") % {
            "max": MAX_CAPACITY
        }
    elif event is not None and capacity < (taken := _taken(event, employers=False)):
        errors["capacity"] = _(
            "Er zijn al %(n)s jongeren aangemeld. Kies minstens %(n)s plekken."
        ) % {"n": taken}
    if for_employers is None or for_employers < 0:
        errors["capacity_employers"] = _("Vul 0 of meer plekken voor werkgevers in.")
    elif for_employers > MAX_CAPACITY:
        errors["capacity_employers"] = _("Dat zijn te veel plekken: hoogstens %(max)s.") % {
            "max": MAX_CAPACITY
        }
    elif for_employers < 1 and data["kind"] in WITH_EMPLOYERS:
        errors["capacity_employers"] = _(
            "Bij een speeddate of banenmarkt zijn werkgevers nodig. Kies minstens 1 plek."
        )
    elif event is not None and for_employers < (taken := _taken(event, employers=True)):
        errors["capacity_employers"] = _(
            "Er zijn al %(n)s werkgevers aangemeld. Kies minstens %(n)s plekken."
        ) % {"n": taken}
    return errors


def _speeddate_errors(data: dict) -> dict:
    errors = {}
    rounds, tables, minutes = data["rounds"], data["tables"], data["round_minutes"]
    if not rounds or rounds < 1:
        errors["rounds"] = _("Een speeddate heeft minstens 1 ronde.")
    elif rounds > MAX_ROUNDS:
        errors["rounds"] = _("Hoogstens %(max)s rondes.") % {"max": MAX_ROUNDS}
    if not tables or tables < 1:
        errors["tables"] = _("Een speeddate heeft minstens 1 tafel.")
    elif tables > MAX_TABLES:
        errors["tables"] = _("Hoogstens %(max)s tafels.") % {"max": MAX_TABLES}
    if not minutes or minutes < 1:
        errors["round_minutes"] = _("Een ronde duurt minstens 1 minuut.")
    elif minutes > MAX_ROUND_MINUTES:
        errors["round_minutes"] = _("Een ronde duurt hoogstens %(max)s minuten.") % {
            "max": MAX_ROUND_MINUTES
        }
    if errors or not rounds:
        return errors
    wrong = [n for n in data["break_rounds"] if not 1 <= n <= rounds]
    if wrong:
        errors["break_rounds"] = _("Ronde %(n)s bestaat niet: er zijn %(rounds)s rondes.") % {
            "n": wrong[0],
            "rounds": rounds,
        }
    elif len(data["break_rounds"]) >= rounds:
        errors["break_rounds"] = _("Er moet minstens één ronde zonder pauze zijn.")
    starts, ends = data["starts_at"], data["ends_at"]
    if starts and ends and ends > starts:
        length = int((ends - starts).total_seconds() // 60)
        if rounds * minutes > length:
            errors["round_minutes"] = _(
                "%(rounds)s rondes van %(minutes)s minuten duren %(total)s minuten. "
                "Het evenement duurt %(length)s minuten. Kies minder rondes of kortere rondes."
            ) % {"rounds": rounds, "minutes": minutes, "total": rounds * minutes, "length": length}
    return errors


def _left_out(event: MatchingEvent, audience: list[str]) -> int:
    """How many students registered or waiting would fall outside this audience: narrowing it
    would strand them (the event vanishes from their calendar, no way to cancel)."""
    if not audience:
        return 0
    students = event.registrations.filter(status__in=ACTIVE, employer__isnull=True)
    return students.exclude(user__student_profile__education_type__in=audience).count()


def _event_errors(*, user: User, data: dict, event: MatchingEvent | None) -> dict:
    errors = {}
    if not data["title"]:
        errors["title"] = _("Geef het evenement een titel.")
    if data["kind"] not in Kind.values:
        errors["kind"] = _("Kies wat voor evenement het is.")
    region = data["region"]
    if region is None or not regions_organised_by(user).filter(pk=region.pk).exists():
        errors["region"] = _("Kies een regio waarvoor jij evenementen organiseert.")
    if data["place"] is None:
        errors["place"] = _("Kies een plaats uit de lijst.")
    if not set(data["audience"]) <= set(AUDIENCE_LABELS):
        errors["audience"] = _("Kies PrO, VSO of MBO, of niets voor iedereen.")
    elif event is not None and (left_out := _left_out(event, data["audience"])):
        errors["audience"] = _(
            "%(n)s aangemelde jongeren passen dan niet meer. Meld ze eerst af of kies ook hun "
            "schoolsoort."
        ) % {"n": left_out}
    errors |= _time_errors(data, event, timezone.now())
    errors |= _capacity_errors(data, event)
    if data["kind"] == Kind.SPEEDDATE:
        errors |= _speeddate_errors(data)
    return errors


def _cleaned(data: dict) -> dict:
    """Every field present; speed-date settings only for speed dates."""
    clean = {name: data.get(name) for name in FIELDS}
    clean["title"] = (clean["title"] or "").strip()
    clean["description"] = (clean["description"] or "").strip()
    clean["address"] = (clean["address"] or "").strip()
    clean["audience"] = sorted(set(clean["audience"] or ()))
    clean["break_rounds"] = sorted(set(clean["break_rounds"] or ()))
    if clean["kind"] != Kind.SPEEDDATE:
        clean.update(rounds=0, tables=0, break_rounds=[], round_minutes=clean["round_minutes"] or 8)
    clean["sectors"] = list(data.get("sectors") or ())
    return clean


def _write(event: MatchingEvent, data: dict) -> MatchingEvent:
    for name in FIELDS:
        setattr(event, name, data[name])
    event.full_clean(exclude=["organiser"])  # events made in the admin may have none
    event.save()
    event.sectors.set(data["sectors"])
    return event


# --- organising: the services ---------------------------------------------------------------


@transaction.atomic
def event_create(*, user: User, data: dict) -> MatchingEvent:
    """A new event as a draft: only organisers see it until it is published."""
    ensure_can(user, "organise_events")
    data = _cleaned(data)
    errors = _event_errors(user=user, data=data, event=None)
    if errors:
        raise ValidationError(errors)
    return _write(MatchingEvent(status=Status.DRAFT, organiser=user), data)


@transaction.atomic
def event_update(*, user: User, event: MatchingEvent, data: dict, version: int) -> MatchingEvent:
    """Change an event; `version` is the one the form was loaded with (optimistic locking)."""
    ensure_can(user, "organise_event", event)
    event = MatchingEvent.objects.select_for_update().get(pk=event.pk)
    if event.version != version:
        raise EventConflict(
            _(
                "Iemand anders heeft dit evenement net aangepast. Je invoer staat er nog. "
                "Bekijk de nieuwe stand en sla daarna opnieuw op."
            ),
            code="conflict",
        )
    if not can(user, "edit_event", event):
        raise ValidationError(_("Een afgelast evenement kun je niet meer wijzigen."))
    data = _cleaned(data)
    errors = _event_errors(user=user, data=data, event=event)
    if errors:
        raise ValidationError(errors)
    _schedule_follows(event, data)
    event.version += 1
    _write(event, data)
    _fill_from_waitlist(event)  # more places: the waiting list moves up
    return event


def _schedule_follows(event: MatchingEvent, data: dict) -> None:
    """A speed-date schedule is built from the start, rounds, tables and breaks: a change to
    them drops a draft schedule (the organiser builds it again) and is refused once the schedule
    was sent to everyone."""
    changed = any(getattr(event, name) != data[name] for name in SCHEDULE_FIELDS)
    if not changed or not SpeedDate.objects.filter(event=event).exists():
        return
    if event.schedule_published_at is not None:
        raise ValidationError(
            _(
                "Het rooster van de speeddates is al verstuurd. Begin, rondes, tafels en pauzes "
                "kun je daarom niet meer wijzigen."
            )
        )
    SpeedDate.objects.filter(event=event).delete()


@transaction.atomic
def event_publish(*, user: User, event: MatchingEvent) -> MatchingEvent:
    """Put a draft in the calendar."""
    ensure_can(user, "organise_event", event)
    event = MatchingEvent.objects.select_for_update().get(pk=event.pk)
    if not can(user, "publish_event", event):
        raise ValidationError(_("Dit evenement staat al in de agenda of is afgelast."))
    if event.starts_at <= timezone.now():
        raise ValidationError(_("Dit evenement is al begonnen. Kies eerst een nieuwe datum."))
    event.status = Status.PUBLISHED
    event.save(update_fields=["status"])
    return event


@transaction.atomic
def event_cancel(*, user: User, event: MatchingEvent, reason: str) -> MatchingEvent:
    """Call the event off; after the commit everyone registered or waiting is told, once."""
    ensure_can(user, "organise_event", event)
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError(
            {"reason": _("Schrijf kort waarom het niet doorgaat. De aangemelde mensen lezen dit.")}
        )
    event = MatchingEvent.objects.select_for_update().get(pk=event.pk)
    if not can(user, "cancel_event", event):
        raise ValidationError(_("Dit evenement is al afgelast."))
    if event.ends_at <= timezone.now():
        raise ValidationError(_("Dit evenement is al voorbij. Afgelasten kan niet meer."))
    event.status, event.cancelled_reason = Status.CANCELLED, reason
    event.version += 1
    event.save(update_fields=["status", "cancelled_reason", "version"])
    from .tasks import event_cancelled_tell

    event_id = event.pk
    transaction.on_commit(lambda: event_cancelled_tell.delay(event_id))
    return event


def event_cancelled_tell(*, event_id: int) -> int:
    """Tell each person registered or waiting for a cancelled event; safe to run twice (the
    notification key is per person and event)."""
    event = MatchingEvent.objects.select_related("place").get(pk=event_id)
    if event.status != Status.CANCELLED:
        return 0
    people = User.objects.filter(
        registrations__event=event, registrations__status__in=ACTIVE
    ).distinct()
    starts = timezone.localtime(event.starts_at)
    for person in people:
        notify(
            user=person,
            key=f"event:{event.pk}:cancelled",
            code="event.cancelled",
            params={
                "event": event.pk,
                "title": event.title,
                "date": starts.date().isoformat(),
                "reason": event.cancelled_reason,
            },
        )
    return len(people)


# --- who an event is for ----------------------------------------------------------------------


def event_is_for(event: MatchingEvent, education_type: str | None) -> bool:
    """An event without an audience is for everyone; else for those education types."""
    return not event.audience or education_type in event.audience


def audience_label(codes: Iterable[str]) -> str:
    return ", ".join(AUDIENCE_LABELS.get(c, c) for c in codes)


def education_type_of(user: User) -> str | None:
    try:
        return user.student_profile.education_type
    except (ObjectDoesNotExist, AttributeError):
        return None


def audience_refusal(*, user: User, event: MatchingEvent) -> str:
    """Why this student may not register for this event; '' when they may."""
    if not can(user, "use_student_pages"):
        return ""
    mine = education_type_of(user)
    if event_is_for(event, mine):
        return ""
    return _(
        "Dit evenement is alleen voor %(audience)s. Jij zit op het %(yours)s. "
        "Daarom kun je je hier niet voor aanmelden."
    ) % {"audience": audience_label(event.audience), "yours": AUDIENCE_LABELS.get(mine, "-")}


def calendar_audience_note(*, user: User) -> str:
    """Why a student's calendar shows fewer events: only those for their education type."""
    mine = education_type_of(user) if can(user, "use_student_pages") else None
    if mine not in AUDIENCE_LABELS:
        return ""
    return _(
        "Je ziet de evenementen voor iedereen en die voor %(yours)s. Andere evenementen zijn "
        "niet voor jou."
    ) % {"yours": AUDIENCE_LABELS[mine]}


# --- registering ----------------------------------------------------------------------------


def _seat_employer(user: User):
    """The organisation an employer member registers for; None for a student."""
    if can(user, "use_student_pages"):
        return None
    if not can(user, "use_employer_pages"):
        raise ValidationError(_("Je account hoort nog niet bij een werkgever."))
    return user.employer


def own_registration(*, user: User, event: MatchingEvent) -> Registration | None:
    """This person's registration, or for an employer member their organisation's seat."""
    qs = Registration.objects.filter(event=event)
    if can(user, "use_employer_pages"):
        return qs.filter(employer_id=user.employer_id).order_by("-created_at").first()
    return qs.filter(user=user).first()


def _status_for(event: MatchingEvent, employer) -> str:
    capacity = event.capacity_employers if employer is not None else event.capacity
    taken = _taken(event, employers=employer is not None)
    return Registration.Status.REGISTERED if taken < capacity else Registration.Status.WAITLIST


@transaction.atomic
def registration_create(*, user: User, event: MatchingEvent) -> Registration:
    """Register; when full, on the waiting list. A second submit changes nothing. A student
    takes a place for young people, an employer member one seat for their organisation."""
    ensure_can(user, "register_for_events")
    employer = _seat_employer(user)
    event = MatchingEvent.objects.select_for_update().get(pk=event.pk)
    if event.status != Status.PUBLISHED:
        raise ValidationError(_("Dit evenement gaat niet door."))
    now = timezone.now()
    if (event.registration_deadline and now > event.registration_deadline) or now > event.starts_at:
        raise ValidationError(_("Aanmelden kan niet meer: de inschrijving is gesloten."))
    refusal = audience_refusal(user=user, event=event)
    if refusal:
        raise ValidationError(refusal)
    if employer is not None and event.capacity_employers == 0:
        raise ValidationError(_("Bij dit evenement zijn geen plekken voor werkgevers."))
    seat = own_registration(user=user, event=event)
    if seat is not None and seat.status in ACTIVE:
        return seat  # sent twice, or a colleague already registered the organisation
    status = _status_for(event, employer)
    registration = Registration.objects.filter(event=event, user=user).first()
    if registration:
        # Back at the end of the queue: registering again is a new place in line.
        registration.status, registration.employer, registration.created_at = (
            status,
            employer,
            now,
        )
        registration.save(update_fields=["status", "employer", "created_at"])
    else:
        registration = Registration.objects.create(
            event=event, user=user, status=status, employer=employer
        )
    registration_ticket_send(registration=registration)
    return registration


def registration_ticket_send(*, registration: Registration) -> None:
    """The confirmation with the way to the ticket: the e-mail copy carries an absolute link to
    the QR page (behind the login, so the code itself never travels by e-mail). Only for a
    place, not for the waiting list; once per event (the notification's key)."""
    if registration.status != Registration.Status.REGISTERED:
        return
    event = registration.event
    notify(
        user=registration.user,
        key=f"event:{event.pk}:ticket",
        code="event.ticket",
        params={"event": event.pk, "title": event.title},
    )


@transaction.atomic
def registration_cancel(*, user: User, event: MatchingEvent) -> None:
    """Cancel; the first on the waiting list for the same role takes the freed place."""
    event = MatchingEvent.objects.select_for_update().get(pk=event.pk)
    registration = own_registration(user=user, event=event)
    if registration is None or registration.status not in ACTIVE:
        return
    registration.status = Registration.Status.CANCELLED
    registration.save(update_fields=["status"])
    _dates_drop(event, registration)
    _fill_from_waitlist(event)


def _dates_drop(event: MatchingEvent, registration: Registration) -> None:
    """Someone who cancelled leaves the schedule: their dates still to come go (as student or
    as employer seat); the organiser hears it once when the schedule was already sent."""
    coming = SpeedDate.objects.filter(
        Q(student=registration) | Q(employer=registration),
        event=event,
        starts_at__gt=timezone.now(),
    )
    dropped, _per_model = coming.delete()
    if not dropped or event.schedule_published_at is None or event.organiser is None:
        return
    name = (
        registration.employer.name
        if registration.employer_id
        else registration.user.get_full_name() or registration.user.email
    )
    notify(
        user=event.organiser,
        key=f"event:{event.pk}:left:{registration.pk}:{registration.created_at.timestamp():.0f}",
        code="event.left",
        params={"event": event.pk, "title": event.title, "name": name},
    )


def _fill_from_waitlist(event: MatchingEvent) -> None:
    """Give free places to the waiting list, first come first served, per role; each person
    moved up is told (the e-mail goes after the commit)."""
    for employers, capacity in ((False, event.capacity), (True, event.capacity_employers)):
        free = capacity - _taken(event, employers=employers)
        if free <= 0:
            continue
        waiting = event.registrations.filter(
            status=Registration.Status.WAITLIST, employer__isnull=not employers
        ).select_related("user")
        for registration in waiting.order_by("created_at", "pk")[:free]:
            registration.status = Registration.Status.REGISTERED
            registration.save(update_fields=["status"])
            # The organiser's edit or another person's cancel moves them up: not in their
            # language but the product's.
            notify(
                user=registration.user,
                key=f"event:{event.pk}:promoted",
                code="event.promoted",
                params={"event": event.pk, "title": event.title},
            )


# --- reminders ----------------------------------------------------------------------------------


def _claimed(registration: Registration, field: str, now: datetime.datetime) -> bool:
    """The conditional update claims the reminder, so a second run (or worker) skips it."""
    qs = Registration.objects.filter(pk=registration.pk, **{f"{field}__isnull": True})
    return bool(qs.update(**{field: now}))


def _due(status: str, field: str, now: datetime.datetime, ahead: datetime.timedelta):
    return Registration.objects.filter(
        status=status,
        **{f"{field}__isnull": True},
        event__status=Status.PUBLISHED,
        event__starts_at__gt=now,
        event__starts_at__lte=now + ahead,
    ).select_related("event__place", "user")


def _when_where(event: MatchingEvent) -> dict:
    starts = timezone.localtime(event.starts_at)
    return {
        "event": event.pk,
        "title": event.title,
        "starts": starts.replace(tzinfo=None).isoformat(timespec="minutes"),
        "place": event.address or event.place.name,
    }


def event_reminders(*, now: datetime.datetime | None = None) -> int:
    """Two reminders, each once per registration: a day before the event to everyone
    registered, and a week before to those still on the waiting list. Returns how many went."""
    now = now or timezone.now()
    sent = 0
    day = _due(Registration.Status.REGISTERED, "reminded_at", now, datetime.timedelta(days=1))
    for registration in day:
        if not _claimed(registration, "reminded_at", now):
            continue
        event = registration.event
        notify(
            user=registration.user,
            key=f"event:{event.pk}:reminder",
            code="event.reminder",
            params=_when_where(event),
        )
        sent += 1
    week = _due(
        Registration.Status.WAITLIST, "waitlist_reminded_at", now, datetime.timedelta(days=7)
    )
    for registration in week:
        if not _claimed(registration, "waitlist_reminded_at", now):
            continue
        event = registration.event
        notify(
            user=registration.user,
            key=f"event:{event.pk}:waitlist-reminder",
            code="event.waitlist_reminder",
            params=_when_where(event),
        )
        sent += 1
    return sent
