"""The calendar of matching events: browse, register, cancel; parents see their child's."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.db.models import Count, Q
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from marketplace.models import Role
from marketplace.permissions import students_visible_to

from .models import MatchingEvent, Registration
from .services import (
    MAY_REGISTER,
    event_ics,
    registration_cancel,
    registration_create,
    registrations_upcoming,
)


def _upcoming():
    return (
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


@login_required
def calendar(request):
    events = _upcoming()
    kind = request.GET.get("kind", "")
    if kind in MatchingEvent.Kind.values:
        events = events.filter(kind=kind)
    mine = dict(
        Registration.objects.filter(user=request.user)
        .exclude(status=Registration.Status.CANCELLED)
        .values_list("event_id", "status")
    )
    children = []
    if request.user.role == Role.OUDER:
        children = list(
            registrations_upcoming(user__student_profile__in=students_visible_to(request.user))
        )
    context = {
        "events": events,
        "kinds": MatchingEvent.Kind.choices,
        "kind": kind,
        "mine": mine,
        "children": children,
    }
    return render(request, "events/calendar.html", context)


@login_required
def detail(request, pk: int):
    event = get_object_or_404(_upcoming(), pk=pk)
    registration = Registration.objects.filter(event=event, user=request.user).first()
    context = {
        "event": event,
        "registration": registration,
        "may_register": request.user.role in MAY_REGISTER,
        "left": max(event.capacity - event.taken, 0),
        "employers": event.employers.all(),
        "sectors": event.sectors.all(),
    }
    return render(request, "events/detail.html", context)


@login_required
@require_POST
def register(request, pk: int):
    event = get_object_or_404(_upcoming(), pk=pk)
    try:
        registration = registration_create(user=request.user, event=event)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        if registration.status == Registration.Status.WAITLIST:
            messages.info(
                request,
                _(
                    "Het is vol. Je staat op de wachtlijst. "
                    "Komt er een plek vrij, dan ben je erbij."
                ),
            )
        else:
            messages.success(
                request, _("Je bent aangemeld. Je krijgt een dag van tevoren een herinnering.")
            )
    return redirect("events:detail", pk=event.pk)


@login_required
@require_POST
def cancel(request, pk: int):
    event = get_object_or_404(_upcoming(), pk=pk)
    registration_cancel(user=request.user, event=event)
    messages.success(request, _("Je bent afgemeld."))
    return redirect("events:detail", pk=event.pk)


@login_required
def ics(request, pk: int):
    """Put the event in your own agenda (phone, Outlook, Google)."""
    event = get_object_or_404(_upcoming(), pk=pk)
    response = HttpResponse(event_ics(event, host=request.get_host()), content_type="text/calendar")
    response["Content-Disposition"] = f'attachment; filename="evenement-{event.pk}.ics"'
    return response
