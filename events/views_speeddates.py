"""Speed-date pages: the organiser's schedule (build, swap, publish), the printable table overview,
each person's own schedule and PDF, and the wishes form."""

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods, require_POST

from marketplace.forms import BoundedModelMultipleChoiceField
from marketplace.permissions import can
from matching.models import Sector

from . import speeddates as sd
from .models import Registration


def _organised(request, pk: int):
    return sd.get_speeddate_event_for_user(request.user, pk, may="schedule_speeddates")


@login_required
def schedule(request, pk: int):
    """The organiser's schedule: rounds x tables with the score per date, swap and publish."""
    event = _organised(request, pk)
    grid = sd.schedule_grid(event)
    has_dates = any(r["dates"] for r in grid)
    context = {
        "event": event,
        "grid": grid,
        "has_dates": has_dates,
        "published": event.schedule_published_at is not None,
        "may_swap": has_dates and event.schedule_published_at is None,
        "may_publish": has_dates and event.schedule_published_at is None,
        "students": event.registrations.filter(status__in=sd.SEATED, employer__isnull=True).count(),
        "employers": event.registrations.filter(
            status__in=sd.SEATED, employer__isnull=False
        ).count(),
    }
    return render(request, "events/speeddates_schedule.html", context)


def _tried(request, call) -> bool:
    """Run a service; its refusal becomes the page's Dutch message. True when it went through."""
    try:
        call()
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
        return False
    return True


@login_required
@require_POST
def build(request, pk: int):
    event = _organised(request, pk)
    rebuild = request.POST.get("rebuild") == "1"
    if _tried(request, lambda: sd.schedule_build(event=event, actor=request.user, rebuild=rebuild)):
        messages.success(request, _("Het schema is klaar. Kijk het na en publiceer het."))
    return redirect("events:speeddates", pk=event.pk)


@login_required
@require_POST
def swap(request, pk: int):
    event = _organised(request, pk)
    a, b = request.POST.get("date_a"), request.POST.get("date_b")
    if _tried(
        request, lambda: sd.schedule_swap(event=event, actor=request.user, date_a=a, date_b=b)
    ):
        messages.success(request, _("De jongeren van de twee gesprekken zijn geruild."))
    return redirect("events:speeddates", pk=event.pk)


@login_required
@require_POST
def publish(request, pk: int):
    event = _organised(request, pk)
    if _tried(request, lambda: sd.schedule_publish(event=event, actor=request.user)):
        messages.success(
            request, _("Het schema is gepubliceerd. Iedereen met een gesprek kreeg een bericht.")
        )
    return redirect("events:speeddates", pk=event.pk)


@login_required
def tables(request, pk: int):
    """Per round who sits at which table: printable, one round per page."""
    event = _organised(request, pk)
    return render(
        request, "events/speeddates_tables.html", {"event": event, "grid": sd.schedule_grid(event)}
    )


def _own(request, pk: int):
    event = sd.get_speeddate_event_for_user(request.user, pk, may="view_own_speeddates")
    return event, sd.own_seat(request.user, event)


@login_required
def mine(request, pk: int):
    """My own schedule on my phone: round, time, table and whom I meet."""
    event, seat = _own(request, pk)
    context = {
        "event": event,
        "rows": sd.own_schedule(seat),
        "published": event.schedule_published_at is not None,
        "as_employer": seat.employer_id is not None,
    }
    return render(request, "events/speeddates_mine.html", context)


@login_required
def mine_pdf(request, pk: int):
    event, seat = _own(request, pk)
    pdf = sd.schedule_pdf(event=event, seat=seat, rows=sd.own_schedule(seat))
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="speeddates-{event.pk}.pdf"'
    return response


class StudentWishesForm(forms.Form):
    employers = forms.TypedMultipleChoiceField(
        label=gettext_lazy("Met welke werkgevers wil je zeker praten? (hoogstens drie)"),
        coerce=int,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    def __init__(self, *args, seats=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["employers"].choices = [(s.employer_id, s.employer.name) for s in seats]


class EmployerWishesForm(forms.Form):
    level = forms.TypedChoiceField(
        label=gettext_lazy("Welk niveau zoekt u?"),
        coerce=int,
        empty_value=None,
        required=False,
        choices=[("", gettext_lazy("Geen voorkeur")), *sd.LEVELS],
    )
    sectors = BoundedModelMultipleChoiceField(
        label=gettext_lazy("Welke sectoren zoekt u?"),
        queryset=Sector.objects.all(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )


def wishes_form(seat: Registration, data=None) -> forms.Form:
    if seat.employer_id is not None:
        initial = {"level": seat.wanted_level, "sectors": list(seat.wanted_sectors.all())}
        return EmployerWishesForm(data, initial=initial)
    seats = seat.event.registrations.filter(
        status__in=sd.SEATED, employer__isnull=False
    ).select_related("employer")
    initial = {"employers": list(seat.wanted_employers.values_list("pk", flat=True))}
    return StudentWishesForm(data, initial=initial, seats=seats)


@login_required
@require_http_methods(["GET", "POST"])
def wishes(request, pk: int):
    """Whom a student hopes to meet; which level and sectors an employer hopes for."""
    event, seat = _own(request, pk)
    if not can(request.user, "give_speeddate_wishes", event):
        return render(
            request, "events/speeddates_wishes.html", {"event": event, "closed": True}, status=403
        )
    form = wishes_form(seat, request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            sd.wishes_save(
                user=request.user,
                registration=seat,
                employer_ids=data.get("employers", ()),
                level=data.get("level"),
                sector_ids=[s.pk for s in data.get("sectors", ())],
            )
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(request, _("Je wensen zijn bewaard."))
            return redirect("events:detail", pk=event.pk)
    status = 400 if request.method == "POST" else 200
    context = {"event": event, "form": form, "as_employer": seat.employer_id is not None}
    return render(request, "events/speeddates_wishes.html", context, status=status)
