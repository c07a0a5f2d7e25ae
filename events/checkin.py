"""The event day: a QR code per registration, check-in at the door, no-shows afterwards, and
"wil verder praten" after each speed date (both yes → a match through the pipeline)."""

import datetime
import secrets

import segno
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Count, Q, QuerySet
from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext as _

from marketplace.models import User
from marketplace.permissions import can, ensure_can
from marketplace.services.matches import match_from_event

from .models import MatchingEvent, Registration, SpeedDate

# Staff may start scanning a while before the doors open.
CHECKIN_OPENS_BEFORE = datetime.timedelta(hours=2)
SEARCH_LIMIT = 20
R = Registration.Status


def registration_name(registration: Registration) -> str:
    name = registration.user.get_full_name() or registration.user.email
    if registration.employer_id:
        return f"{name} ({registration.employer.name})"
    return name


def _clock(moment: datetime.datetime) -> str:
    return timezone.localtime(moment).strftime("%H:%M")


# --- the QR code ------------------------------------------------------------------------------


def registration_checkin_code(registration: Registration) -> str:
    """The registration's code, made on first use. The conditional update lets two requests
    that both find no code agree on the one that was stored first."""
    if registration.checkin_code:
        return registration.checkin_code
    Registration.objects.filter(pk=registration.pk, checkin_code__isnull=True).update(
        checkin_code=secrets.token_urlsafe(18)  # 24 characters, 144 random bits
    )
    registration.refresh_from_db(fields=["checkin_code"])
    return registration.checkin_code


def registration_has_ticket(registration: Registration) -> bool:
    """Only a registration with a place gets a QR code (not the waiting list), and only while
    the event is on: a cancelled event has no door to show it at."""
    if registration.event.status == MatchingEvent.Status.CANCELLED:
        return False
    return registration.status in (R.REGISTERED, R.ATTENDED)


def checkin_qr_svg(code: str) -> str:
    """The code as an inline SVG (drawn here, no outside service sees it)."""
    qr = segno.make(code, error="m", micro=False)
    return qr.svg_inline(scale=8, border=4, title=_("QR-code om in te checken"))


# --- check-in at the door -----------------------------------------------------------------------


def _check_in(*, actor: User, event: MatchingEvent, registration: Registration | None) -> str:
    """Mark present; every refusal is a Dutch message and changes nothing."""
    if event.status != MatchingEvent.Status.PUBLISHED:
        raise ValidationError(_("Dit evenement gaat niet door."))
    now = timezone.now()
    if now < event.starts_at - CHECKIN_OPENS_BEFORE:
        opens = timezone.localtime(event.starts_at - CHECKIN_OPENS_BEFORE)
        raise ValidationError(
            _("Inchecken kan vanaf %(day)s om %(time)s.")
            % {"day": opens.strftime("%d-%m-%Y"), "time": opens.strftime("%H:%M")}
        )
    if registration is None:
        raise ValidationError(_("Deze code kennen we niet. Zoek de persoon op naam."))
    if registration.event_id != event.pk:
        # Not its title: a draft or another region's event is not this staff member's to know.
        raise ValidationError(_("Deze code hoort bij een ander evenement."))
    name = registration_name(registration)
    refusals = {
        R.CANCELLED: _("%(name)s heeft zich afgemeld. Deze code geldt niet meer."),
        R.WAITLIST: _("%(name)s staat op de wachtlijst en heeft geen plek."),
        R.NO_SHOW: _("De aanwezigheid is al vastgelegd. Inchecken kan niet meer."),
    }
    if registration.status in refusals:
        raise ValidationError(refusals[registration.status] % {"name": name})
    claimed = Registration.objects.filter(
        pk=registration.pk, status=R.REGISTERED, checked_in_at__isnull=True
    ).update(checked_in_at=now, checked_in_by=actor)
    if not claimed:
        registration.refresh_from_db(fields=["checked_in_at", "status"])
        when = _clock(registration.checked_in_at) if registration.checked_in_at else "?"
        raise ValidationError(
            _("%(name)s is al binnen om %(time)s.") % {"name": name, "time": when}
        )
    return _("%(name)s is binnen. Welkom!") % {"name": name}


def registration_check_in(*, actor: User, event: MatchingEvent, code: str) -> str:
    """Check in by the scanned QR code; returns the message for the staff member."""
    ensure_can(actor, "checkin_event", event)
    code = (code or "").strip()
    registration = (
        Registration.objects.select_related("user", "employer", "event")
        .filter(checkin_code=code)
        .first()
        if code
        else None
    )
    return _check_in(actor=actor, event=event, registration=registration)


def registration_check_in_person(*, actor: User, event: MatchingEvent, registration_id) -> str:
    """Check in someone found by name on the staff page (only this event's registrations)."""
    ensure_can(actor, "checkin_event", event)
    try:
        registration = (
            Registration.objects.select_related("user", "employer", "event")
            .filter(event=event, pk=int(registration_id))
            .first()
        )
    except (TypeError, ValueError):
        registration = None
    if registration is None:
        raise ValidationError(_("Deze persoon staat niet op de lijst van dit evenement."))
    return _check_in(actor=actor, event=event, registration=registration)


@transaction.atomic
def event_mark_no_shows(*, actor: User, event: MatchingEvent) -> tuple[int, int]:
    """After the event, in one step and once: registered and checked in → attended, registered
    and not checked in → no-show. Returns (attended, no-shows)."""
    ensure_can(actor, "checkin_event", event)
    event = MatchingEvent.objects.select_for_update().get(pk=event.pk)
    if timezone.now() < event.ends_at:
        raise ValidationError(_("Dit kan pas als het evenement voorbij is."))
    registered = event.registrations.filter(status=R.REGISTERED)
    if not registered.exists():
        raise ValidationError(_("De aanwezigheid is al vastgelegd."))
    attended = registered.filter(checked_in_at__isnull=False).update(status=R.ATTENDED)
    no_shows = registered.filter(checked_in_at__isnull=True).update(status=R.NO_SHOW)
    return attended, no_shows


# --- "wil verder praten" ------------------------------------------------------------------------


@transaction.atomic
def _record_answer(*, user: User, speed_date: SpeedDate, wants_more: bool) -> SpeedDate:
    locked = SpeedDate.objects.select_for_update().get(pk=speed_date.pk)
    if locked.match_id:  # the match is made: the answers that made it stay
        if not wants_more:
            raise ValidationError(
                _(
                    "Er is al een match: jullie zeiden allebei ja. Je 'nee' is niet opgeslagen. "
                    "Wil je toch niet verder? Zeg het tegen je begeleider."
                ),
                code="match_exists",
            )
        return locked
    side = "student_wants_more" if locked.student.user_id == user.pk else "employer_wants_more"
    setattr(locked, side, wants_more)
    locked.save(update_fields=[side])
    return locked


@transaction.atomic
def _match_when_both_said_yes(speed_date: SpeedDate) -> SpeedDate:
    """The row lock makes two simultaneous yeses create one match."""
    locked = (
        SpeedDate.objects.select_for_update(of=("self",))
        .select_related("event", "student__user", "opening")
        .get(pk=speed_date.pk)
    )
    if locked.match_id or not (locked.student_wants_more and locked.employer_wants_more):
        return locked
    locked.match = match_from_event(speed_date=locked)
    locked.save(update_fields=["match"])
    return locked


def _own_side(user: User, speed_date: SpeedDate) -> Registration:
    """The registration this user answers for: the student's own, else the employer's seat."""
    return speed_date.student if speed_date.student.user_id == user.pk else speed_date.employer


def may_answer(user: User, speed_date: SpeedDate) -> bool:
    """After the date began, before a match, and only for someone who was there."""
    return (
        speed_date.starts_at <= timezone.now()
        and speed_date.match_id is None
        and _own_side(user, speed_date).status != R.NO_SHOW
    )


def speed_date_answer(*, user: User, speed_date: SpeedDate, wants_more: bool) -> SpeedDate:
    """One side says yes or no after the date. The answer is kept even when no match can be
    made; then the ValidationError (a hard rule, a closed place) says why."""
    ensure_can(user, "answer_speed_date", speed_date)
    if timezone.now() < speed_date.starts_at:
        raise ValidationError(_("Dit kan pas als jullie speeddate begonnen is."))
    if _own_side(user, speed_date).status == R.NO_SHOW:
        raise ValidationError(
            _("Je was er volgens de lijst niet bij. Daarom kun je hier niets zeggen.")
        )
    answered = _record_answer(user=user, speed_date=speed_date, wants_more=wants_more)
    if not wants_more:
        return answered
    try:
        return _match_when_both_said_yes(answered)
    except ValidationError as exc:
        lead = _("Je antwoord is opgeslagen, maar er komt geen match:")
        raise ValidationError([lead, *exc.messages], code="no_match") from exc


# --- reads and access helpers for the pages ------------------------------------------------------


def get_event_for_checkin(user: User, pk) -> MatchingEvent:
    """An event this user runs on the day; 404 when there is none or it is not theirs to run."""
    try:
        event = MatchingEvent.objects.select_related("place", "region").get(pk=pk)
    except (MatchingEvent.DoesNotExist, ValueError, TypeError) as exc:
        raise Http404 from exc
    if not can(user, "checkin_event", event):
        raise Http404  # a draft or another region's event: not even its existence is shown
    return event


def checkin_opens_at(event: MatchingEvent) -> datetime.datetime | None:
    """When scanning may start; None once it may."""
    opens = event.starts_at - CHECKIN_OPENS_BEFORE
    return opens if timezone.now() < opens else None


def _mine(user: User, prefix: str = "") -> Q:
    """My registration, or (an employer member) my organisation's seat."""
    mine = Q(**{f"{prefix}user_id": getattr(user, "pk", None)})
    if getattr(user, "employer_id", None):
        mine |= Q(**{f"{prefix}employer_id": user.employer_id})
    return mine


def get_own_registration(user: User, event_pk) -> Registration:
    """This user's own registration or seat (not cancelled) for the event; else a 404."""
    registration = (
        Registration.objects.select_related("event__place", "user")
        .filter(_mine(user), event_id=event_pk)
        .exclude(status=R.CANCELLED)
        .order_by("pk")
        .first()
    )
    if registration is None:
        raise Http404
    return registration


def speed_dates_of(user: User, event: MatchingEvent) -> QuerySet[SpeedDate]:
    """This person's own dates at a published schedule, as student or as employer."""
    if event.schedule_published_at is None:
        return SpeedDate.objects.none()
    mine = Q(student__user_id=user.pk) | _mine(user, "employer__")
    return (
        SpeedDate.objects.filter(mine, event=event)
        .select_related("student__user", "employer__user", "employer__employer", "opening")
        .order_by("round")
    )


def get_speed_date_for_user(user: User, event: MatchingEvent, pk) -> SpeedDate:
    try:
        speed_date = speed_dates_of(user, event).get(pk=pk)
    except (SpeedDate.DoesNotExist, ValueError, TypeError) as exc:
        raise Http404 from exc
    ensure_can(user, "answer_speed_date", speed_date)
    return speed_date


def checkin_search(event: MatchingEvent, query: str) -> list[Registration]:
    """Registrations of this event whose name matches every word typed (cancelled left out)."""
    words = (query or "").split()
    if not words:
        return []
    found = event.registrations.exclude(status=R.CANCELLED).select_related("user", "employer")
    for word in words[:4]:
        found = found.filter(
            Q(user__first_name__icontains=word)
            | Q(user__last_name__icontains=word)
            | Q(employer__name__icontains=word)
        )
    return list(found.order_by("user__last_name", "user__first_name")[:SEARCH_LIMIT])


def checkin_counts(event: MatchingEvent) -> dict[str, int]:
    return event.registrations.aggregate(
        expected=Count("pk", filter=Q(status__in=(R.REGISTERED, R.ATTENDED, R.NO_SHOW))),
        inside=Count("pk", filter=Q(checked_in_at__isnull=False)),
    )


def may_mark_no_shows(user: User, event: MatchingEvent) -> bool:
    return (
        can(user, "checkin_event", event)
        and timezone.now() >= event.ends_at
        and event.registrations.filter(status=R.REGISTERED).exists()
    )
