"""The calendar of matching events: browse, register, cancel; parents see their child's."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from marketplace.permissions import can, students_visible_to

from . import selectors
from .models import MatchingEvent, Registration
from .selectors import registrations_upcoming
from .services import event_ics, registration_cancel, registration_create


def _upcoming():
    """Only events still to come can be opened, registered for or put in an agenda."""
    return selectors.events_upcoming()


@login_required
def calendar(request):
    kind = request.GET.get("kind", "")
    if kind not in MatchingEvent.Kind.values:
        kind = ""
    events = selectors.events_upcoming(kind=kind)
    mine = selectors.registration_statuses(request.user)
    children = []
    if can(request.user, "use_parent_pages"):
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
    registration = (
        Registration.objects.filter(event=event, user=request.user)
        .exclude(status=Registration.Status.CANCELLED)
        .first()
    )
    context = {
        "event": event,
        "registration": registration,
        "may_register": can(request.user, "register_for_events"),
        "on_waitlist": registration is not None
        and registration.status == Registration.Status.WAITLIST,
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
