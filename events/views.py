"""The calendar of matching events: browse, register, cancel; parents see their child's; the
organiser's pages: list, create, edit, publish, cancel."""

import datetime

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from marketplace.idempotency import once_per_submit
from marketplace.permissions import can, ensure_can, regions_organised_by, students_visible_to
from marketplace.views.common import form_after_conflict, form_errors_from

from . import selectors, services
from .feeds import event_calendar
from .forms import CancelForm, EventEditForm, EventForm, event_initial
from .models import MatchingEvent, Registration
from .selectors import registrations_upcoming
from .services import registration_cancel, registration_create


def _upcoming():
    """Only events still to come can be opened, registered for or put in an agenda."""
    return selectors.events_upcoming()


@login_required
def calendar(request):
    kind = request.GET.get("kind", "")
    if kind not in MatchingEvent.Kind.values:
        kind = ""
    events = selectors.events_for_user(request.user, kind=kind)
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
        "cancelled": selectors.cancelled_for_user(request.user),
        "audience_note": services.calendar_audience_note(user=request.user),
        "may_organise": can(request.user, "organise_events"),
    }
    return render(request, "events/calendar.html", context)


@login_required
def detail(request, pk: int):
    event = selectors.get_event_for_user(request.user, pk)
    registration = services.own_registration(user=request.user, event=event)
    if registration is not None and registration.status not in services.ACTIVE:
        registration = None
    is_open = event.status == MatchingEvent.Status.PUBLISHED
    refusal = services.audience_refusal(user=request.user, event=event)
    for_employer = can(request.user, "use_employer_pages")
    capacity, taken = (
        (event.capacity_employers, event.taken_employers)
        if for_employer
        else (event.capacity, event.taken)
    )
    context = {
        "event": event,
        "registration": registration,
        "may_register": is_open and can(request.user, "register_for_events") and not refusal,
        "refusal": refusal,
        "is_open": is_open,
        # The .ics is served only for an event still to come (see `ics`).
        "has_ics": is_open and event.ends_at >= timezone.now(),
        "reminder_ahead": _reminder_ahead(event),
        "is_cancelled": event.status == MatchingEvent.Status.CANCELLED,
        "is_draft": event.status == MatchingEvent.Status.DRAFT,
        "for_employer": for_employer,
        "on_waitlist": registration is not None
        and registration.status == Registration.Status.WAITLIST,
        "left": max(capacity - taken, 0),
        "audience": services.audience_label(event.audience),
        "employers": event.employers.all(),
        "sectors": event.sectors.all(),
        "may_organise": can(request.user, "edit_event", event),
    }
    return render(request, "events/detail.html", context)


def _reminder_ahead(event: MatchingEvent) -> bool:
    """The reminder goes a day ahead: promised only when that moment is still to come."""
    return event.starts_at - timezone.now() > datetime.timedelta(days=1)


@login_required
@require_POST
@once_per_submit
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
                    "Het is vol. Je staat op de wachtlijst. Komt er een plek vrij, dan ben je "
                    "erbij en krijg je bericht. Sta je een week van tevoren nog op de wachtlijst, "
                    "dan krijg je ook bericht."
                ),
            )
        else:
            if _reminder_ahead(event):
                text = _("Je bent aangemeld. Je krijgt een dag van tevoren een herinnering.")
            else:
                text = _("Je bent aangemeld. Tot op het evenement!")
            messages.success(request, text)
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
    response = HttpResponse(event_calendar(event), content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="evenement-{event.pk}.ics"'
    return response


# --- the organiser's pages --------------------------------------------------------------------


@login_required
def organise(request):
    """The organiser's events (drafts and cancelled ones too) with who registered."""
    ensure_can(request.user, "organise_events")
    events = selectors.events_organised_by(request.user)
    return render(request, "events/organise_list.html", {"events": events})


def _regions(user):
    return regions_organised_by(user).order_by("name")


@login_required
@once_per_submit
def organise_new(request):
    ensure_can(request.user, "organise_events")
    regions = _regions(request.user)
    form = EventForm(request.POST if request.method == "POST" else None, regions=regions)
    if request.method == "POST" and form.is_valid():
        try:
            event = services.event_create(user=request.user, data=form.cleaned_data)
        except ValidationError as exc:
            form_errors_from(form, exc)
        else:
            messages.success(
                request,
                _("Het evenement is opgeslagen als concept. Publiceer het als het klaar is."),
            )
            return redirect("events:organise-edit", pk=event.pk)
    status = 400 if request.method == "POST" else 200
    context = {"form": form, "event": None}
    return render(request, "events/organise_form.html", context, status=status)


@login_required
def organise_edit(request, pk: int):
    event = selectors.get_event_for_organiser(request.user, pk)
    regions = _regions(request.user)
    if request.method == "POST":
        form = EventEditForm(request.POST, regions=regions)
    else:
        form = EventEditForm(initial=event_initial(event), regions=regions)
    status = 400 if request.method == "POST" else 200
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.event_update(
                user=request.user, event=event, data=data, version=data["version"]
            )
        except ValidationError as exc:
            if getattr(exc, "code", None) == "conflict":
                status = 409
                event.refresh_from_db()
                form = form_after_conflict(EventEditForm, request, event.version, regions=regions)
            form_errors_from(form, exc)
        else:
            messages.success(request, _("De wijzigingen zijn opgeslagen."))
            return redirect("events:organise-edit", pk=event.pk)
    context = _edit_context(request, event, form)
    return render(request, "events/organise_form.html", context, status=status)


def _edit_context(request, event, form) -> dict:
    return {
        "form": form,
        "event": event,
        "may_edit": can(request.user, "edit_event", event),
        "may_publish": can(request.user, "publish_event", event),
        "may_cancel": can(request.user, "cancel_event", event),
        "is_cancelled": event.status == MatchingEvent.Status.CANCELLED,
    }


@login_required
@require_POST
def organise_publish(request, pk: int):
    event = selectors.get_event_for_organiser(request.user, pk)
    try:
        services.event_publish(user=request.user, event=event)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
        return redirect("events:organise-edit", pk=event.pk)
    messages.success(request, _("‘%(title)s’ staat nu in de agenda.") % {"title": event.title})
    return redirect("events:organise")


@login_required
def organise_cancel(request, pk: int):
    """Ask for the reason, then call the event off; everyone registered or waiting is told."""
    event = selectors.get_event_for_organiser(request.user, pk)
    form = CancelForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            services.event_cancel(
                user=request.user, event=event, reason=form.cleaned_data["reason"]
            )
        except ValidationError as exc:
            form_errors_from(form, exc)
        else:
            messages.success(
                request,
                _("‘%(title)s’ is afgelast. Iedereen die was aangemeld, krijgt bericht.")
                % {"title": event.title},
            )
            return redirect("events:organise")
    status = 400 if request.method == "POST" else 200
    context = {"form": form, "event": event, "may_cancel": can(request.user, "cancel_event", event)}
    return render(request, "events/organise_cancel.html", context, status=status)
