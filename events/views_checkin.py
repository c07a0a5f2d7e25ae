"""Pages of the event day: my ticket (QR), my speed dates with "wil verder praten", and the staff
check-in page (scan or search by name, then the no-shows)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import urlencode
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from marketplace.models import StudentProfile
from marketplace.services.audit import access_log_view_many

from . import checkin
from .models import Registration


@login_required
def ticket(request, pk: int):
    """Mijn toegangsbewijs: the QR code to show at the door, only the owner's."""
    registration = checkin.get_own_registration(request.user, pk)
    has_ticket = checkin.registration_has_ticket(registration)
    is_cancelled = registration.event.status == registration.event.Status.CANCELLED
    code = checkin.registration_checkin_code(registration) if has_ticket else ""
    context = {
        "event": registration.event,
        "registration": registration,
        "has_ticket": has_ticket,
        "code": code,
        # segno writes the SVG from our own random code: nothing a user typed is in it.
        "qr_svg": mark_safe(checkin.checkin_qr_svg(code)) if code else "",  # noqa: S308
        "is_cancelled": is_cancelled,
        "has_dates": not is_cancelled
        and checkin.speed_dates_of(request.user, registration.event).exists(),
    }
    return render(request, "events/checkin_ticket.html", context)


def _date_rows(user, dates) -> list[dict]:
    rows = []
    for date in dates:
        as_student = date.student.user_id == user.pk
        if as_student:
            partner = date.employer.employer.name if date.employer.employer_id else ""
            partner = " – ".join(p for p in (partner, date.opening and date.opening.title) if p)
        else:  # the employer met the student in person: the first name only, on their own page
            partner = date.student.user.first_name
        mine = date.student_wants_more if as_student else date.employer_wants_more
        rows.append(
            {
                "date": date,
                "partner": partner,
                "said_yes": mine is True,
                "said_no": mine is False,
                "may_answer": checkin.may_answer(user, date),
                "has_match": date.match_id is not None,
            }
        )
    return rows


@login_required
@require_http_methods(["GET", "POST"])
def my_dates(request, pk: int):
    """My speed dates of this event; after each date: "wil verder praten", yes or no."""
    registration = checkin.get_own_registration(request.user, pk)
    event = registration.event
    if request.method == "POST":
        date = checkin.get_speed_date_for_user(request.user, event, request.POST.get("speed_date"))
        answer = request.POST.get("answer")
        if answer not in ("ja", "nee"):
            messages.error(request, _("Kies ja of nee."))
            return redirect("events:my-dates", pk=event.pk)
        try:
            date = checkin.speed_date_answer(
                user=request.user, speed_date=date, wants_more=answer == "ja"
            )
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
        else:
            as_employer = date.student.user_id != request.user.pk
            messages.success(request, _answer_message(date, answer == "ja", as_employer))
        return redirect("events:my-dates", pk=event.pk)
    dates = checkin.speed_dates_of(request.user, event)
    context = {
        "event": event,
        "rows": _date_rows(request.user, dates),
        "as_employer": registration.employer_id is not None,
    }
    return render(request, "events/checkin_dates.html", context)


def _answer_message(date, yes: bool, as_employer: bool) -> str:
    if as_employer:  # the employer has no jobhunter; the young person's jobhunter gets in touch
        if date.match_id:
            return _(
                "U wilt allebei verder praten. Er is een match gemaakt. De jobhunter van de "
                "jongere neemt contact met u op."
            )
        if yes:
            return _(
                "Opgeslagen: u wilt verder praten. Zegt de jongere ook ja, dan komt er een match."
            )
        return _("Opgeslagen: u wilt niet verder praten.")
    if date.match_id:
        return _(
            "Jullie willen allebei verder praten. Er is een match gemaakt. Je jobhunter helpt."
        )
    if yes:
        return _("Opgeslagen: je wilt verder praten. Zegt de ander ook ja, dan komt er een match.")
    return _("Opgeslagen: je wilt niet verder praten.")


@login_required
@require_http_methods(["GET", "POST"])
def staff_checkin(request, pk: int):
    """Check people in: scan the QR code (static/js/checkin.js posts it here) or find a name."""
    event = checkin.get_event_for_checkin(request.user, pk)
    query = (request.GET.get("q") or request.POST.get("q") or "").strip()[:100]
    if request.method == "POST":
        return _checked_in(request, event, query)
    results = checkin.checkin_search(event, query)
    _log_names_shown(request.user, event, results)
    context = {
        "event": event,
        "query": query,
        "rows": [_person_row(r) for r in results],
        "counts": checkin.checkin_counts(event),
        "may_mark_no_shows": checkin.may_mark_no_shows(request.user, event),
        "ended": timezone.now() >= event.ends_at,
        "opens_at": checkin.checkin_opens_at(event),
    }
    return render(request, "events/checkin_staff.html", context)


def _log_names_shown(user, event, results: list[Registration]) -> None:
    """The names of registered young people a search shows are a read of their data."""
    user_ids = [r.user_id for r in results if r.user_id]
    if not user_ids:
        return
    student_ids = StudentProfile.objects.filter(user_id__in=user_ids).values_list("pk", flat=True)
    access_log_view_many(user=user, student_ids=student_ids, context=f"inchecken:{event.pk}")


def _person_row(registration: Registration) -> dict:
    at = registration.checked_in_at
    return {
        "registration": registration,
        "name": checkin.registration_name(registration),
        "inside_at": timezone.localtime(at).strftime("%H:%M") if at else "",
        "may_check_in": at is None and registration.status == Registration.Status.REGISTERED,
        "status": registration.get_status_display(),
    }


def _checked_in(request, event, query: str) -> HttpResponse:
    try:
        if request.POST.get("registration"):
            text = checkin.registration_check_in_person(
                actor=request.user, event=event, registration_id=request.POST["registration"]
            )
        else:
            text = checkin.registration_check_in(
                actor=request.user, event=event, code=request.POST.get("code", "")
            )
        ok = True
    except ValidationError as exc:
        text, ok = " ".join(exc.messages), False
    if "application/json" in request.headers.get("Accept", ""):
        counts = checkin.checkin_counts(event)
        return JsonResponse({"ok": ok, "message": text, **counts})
    (messages.success if ok else messages.error)(request, text)
    url = reverse("events:checkin", args=[event.pk])
    return redirect(f"{url}?{urlencode({'q': query})}" if query else url)


@login_required
@require_POST
def no_shows(request, pk: int):
    event = checkin.get_event_for_checkin(request.user, pk)
    try:
        attended, missing = checkin.event_mark_no_shows(actor=request.user, event=event)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(
            request,
            _("Vastgelegd: %(attended)s waren er, %(missing)s kwamen niet.")
            % {"attended": attended, "missing": missing},
        )
    return redirect("events:checkin", pk=event.pk)
