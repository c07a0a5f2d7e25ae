"""Registering for matching events: capacity, deadline and a waiting list, safe to submit twice."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from marketplace.models import Role

from .models import MatchingEvent, Registration

MAY_REGISTER = {Role.STUDENT, Role.WERKGEVER}


@transaction.atomic
def registration_create(*, user, event: MatchingEvent) -> Registration:
    """Register; when full, on the waiting list. A second submit changes nothing."""
    if user.role not in MAY_REGISTER:
        raise PermissionDenied("register")
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
