"""Read-side queries of the calendar and of the organiser's pages: upcoming events, who is
registered, and the events a user may organise, each list in a fixed number of queries."""

import datetime

from django.db.models import BooleanField, Count, ExpressionWrapper, Q, QuerySet
from django.http import Http404
from django.utils import timezone

from marketplace.models import User
from marketplace.permissions import can, ensure_can, regions_organised_by

from .models import MatchingEvent, Registration
from .services import ACTIVE, education_type_of, event_is_for

REGISTERED, WAITLIST = Registration.Status.REGISTERED, Registration.Status.WAITLIST


def _count(status: str, *, employers: bool) -> Count:
    return Count(
        "registrations",
        filter=Q(registrations__status=status, registrations__employer__isnull=not employers),
        distinct=True,
    )


def events_upcoming(*, kind: str = "") -> QuerySet[MatchingEvent]:
    """Published events that have not ended, soonest first, each with `taken` (places taken by
    young people); `kind` narrows to one kind of event. Drafts and cancelled events are out."""
    events = (
        MatchingEvent.objects.filter(
            status=MatchingEvent.Status.PUBLISHED, ends_at__gte=timezone.now()
        )
        .select_related("place")
        .annotate(taken=_count(REGISTERED, employers=False))
        .order_by("starts_at")
    )
    return events.filter(kind=kind) if kind else events


def events_for_user(user: User, *, kind: str = "") -> list[MatchingEvent]:
    """The calendar of this user: a student sees only the events for their education type."""
    events = events_upcoming(kind=kind)
    if not can(user, "use_student_pages"):
        return list(events)
    mine = education_type_of(user)
    return [event for event in events if event_is_for(event, mine)]


def get_event_for_user(user: User, pk) -> MatchingEvent:
    """An event page: a published one still to come; a cancelled one only for those who were
    registered or waiting (to read that it is off); any event for its organisers. Else 404."""
    now = timezone.now()
    mine = Registration.objects.filter(status__in=ACTIVE).filter(
        Q(user=user) | Q(employer_id=getattr(user, "employer_id", None) or -1)
    )
    visible = (
        Q(status=MatchingEvent.Status.PUBLISHED, ends_at__gte=now)
        | Q(status=MatchingEvent.Status.CANCELLED, ends_at__gte=now, pk__in=mine.values("event_id"))
        | Q(region__in=regions_organised_by(user))
    )
    qs = MatchingEvent.objects.filter(visible).select_related("place", "region")
    qs = qs.annotate(
        taken=_count(REGISTERED, employers=False),
        taken_employers=_count(REGISTERED, employers=True),
    )
    try:
        return qs.get(pk=pk)
    except (MatchingEvent.DoesNotExist, ValueError, TypeError) as exc:
        raise Http404 from exc


def registration_statuses(user: User) -> dict[int, str]:
    """Event id → this user's registration status (registered or waiting), cancelled left out;
    for an employer member their organisation's seat."""
    qs = Registration.objects.filter(status__in=ACTIVE)
    if can(user, "use_employer_pages"):
        qs = qs.filter(employer_id=user.employer_id)
    else:
        qs = qs.filter(user=user)
    return dict(qs.values_list("event_id", "status"))


def registrations_upcoming(**filters) -> QuerySet[Registration]:
    """Registrations (not cancelled) for events that have not ended yet, soonest first; each
    with `event_cancelled` when the organiser called the event off."""
    return (
        Registration.objects.filter(event__ends_at__gte=timezone.now(), **filters)
        .exclude(status=Registration.Status.CANCELLED)
        .exclude(event__status=MatchingEvent.Status.DRAFT)
        .select_related("event__place", "user")
        .annotate(
            event_cancelled=ExpressionWrapper(
                Q(event__status=MatchingEvent.Status.CANCELLED), output_field=BooleanField()
            )
        )
        .order_by("event__starts_at")
    )


def cancelled_for_user(user: User) -> QuerySet[MatchingEvent]:
    """Events still to come that were called off while this user was registered or waiting."""
    mine = Registration.objects.filter(status__in=ACTIVE).filter(
        Q(user=user) | Q(employer_id=getattr(user, "employer_id", None) or -1)
    )
    return (
        MatchingEvent.objects.filter(
            status=MatchingEvent.Status.CANCELLED,
            ends_at__gte=timezone.now(),
            pk__in=mine.values("event_id"),
        )
        .select_related("place")
        .order_by("starts_at")
    )


# --- the organiser's pages ------------------------------------------------------------------


# Ended events stay this long on the organiser's list: the no-shows are recorded afterwards.
ENDED_KEPT = datetime.timedelta(days=30)


def events_organised_by(user: User) -> QuerySet[MatchingEvent]:
    """Events of the regions this user organises that have not ended or ended in the last 30
    days (`ended`), drafts and cancelled ones too, soonest first, with the counts per role:
    registered and waiting."""
    now = timezone.now()
    return (
        MatchingEvent.objects.filter(
            region__in=regions_organised_by(user), ends_at__gte=now - ENDED_KEPT
        )
        .select_related("place", "region")
        .annotate(
            students=_count(REGISTERED, employers=False),
            students_waiting=_count(WAITLIST, employers=False),
            employers_registered=_count(REGISTERED, employers=True),
            employers_waiting=_count(WAITLIST, employers=True),
            ended=ExpressionWrapper(Q(ends_at__lt=now), output_field=BooleanField()),
        )
        .order_by("starts_at", "pk")
    )


def get_event_for_organiser(user: User, pk, *, may: str | None = None) -> MatchingEvent:
    """An event to organise: 403 for someone who organises no events, 404 for an event of
    another region (its existence is not revealed), 403 when `may` does not allow it."""
    ensure_can(user, "organise_events")
    qs = MatchingEvent.objects.filter(region__in=regions_organised_by(user))
    try:
        event = qs.select_related("place", "region").get(pk=pk)
    except (MatchingEvent.DoesNotExist, ValueError, TypeError) as exc:
        raise Http404 from exc
    if may:
        ensure_can(user, may, event)
    return event
