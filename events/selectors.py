"""Read-side queries of the calendar: upcoming events and who is registered, each list in a
fixed number of queries however many events or registrations there are."""

from django.db.models import Count, Q, QuerySet
from django.utils import timezone

from marketplace.models import User

from .models import MatchingEvent, Registration


def events_upcoming(*, kind: str = "") -> QuerySet[MatchingEvent]:
    """Published events that have not ended, soonest first, each with `taken` (registered
    places); `kind` narrows to one kind of event."""
    events = (
        MatchingEvent.objects.filter(
            status=MatchingEvent.Status.PUBLISHED, ends_at__gte=timezone.now()
        )
        .select_related("place")
        .annotate(
            taken=Count(
                "registrations", filter=Q(registrations__status=Registration.Status.REGISTERED)
            )
        )
        .order_by("starts_at")
    )
    return events.filter(kind=kind) if kind else events


def registration_statuses(user: User) -> dict[int, str]:
    """Event id → this user's registration status (registered or waiting), cancelled left out."""
    return dict(
        Registration.objects.filter(user=user)
        .exclude(status=Registration.Status.CANCELLED)
        .values_list("event_id", "status")
    )


def registrations_upcoming(**filters) -> QuerySet[Registration]:
    """Registrations (not cancelled) for events that have not ended yet, soonest first."""
    return (
        Registration.objects.filter(event__ends_at__gte=timezone.now(), **filters)
        .exclude(status=Registration.Status.CANCELLED)
        .select_related("event__place", "user")
        .order_by("event__starts_at")
    )
