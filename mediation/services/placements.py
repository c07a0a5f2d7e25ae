"""Keeping the place (behouden): check-ins during a placement, risk follow-up, the outcome.

On placement the pipeline plans check-ins in weeks 2, 6 and 12 for the JPO or jobhunter. Each
records how it goes; a risk signal opens a follow-up action for the jobhunter within a week.
The placement ends as afgerond or uitgevallen (with a reason).
"""

import datetime

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from employers.services import opening_place_release
from marketplace.models import ActionItem, CheckIn, Placement, User
from marketplace.permissions import ensure_can
from marketplace.services.notifications import notify

FOLLOW_UP_DAYS = 7
REMIND_DAYS_AHEAD = 2


def _follow_up_owner(checkin: CheckIn) -> User | None:
    student = checkin.placement.match.student
    return student.jobhunter or student.jpo or checkin.assigned_to


@transaction.atomic
def checkin_record(
    *,
    actor: User,
    checkin: CheckIn,
    how_it_goes: str,
    notes: str,
    risk_signal: bool,
    risk_notes: str = "",
) -> CheckIn:
    """Record the conversation once; a risk signal opens a follow-up action (once)."""
    ensure_can(actor, "record_checkin", checkin)
    locked = CheckIn.objects.select_for_update().get(pk=checkin.pk)
    if locked.done_at is not None:
        raise ValidationError(
            _("Deze check-in is al vastgelegd door %(who)s.")
            % {"who": locked.done_by.get_full_name() if locked.done_by else _("iemand anders")}
        )
    if locked.placement.status != Placement.Status.LOPEND:
        raise ValidationError(_("Deze plaatsing is al afgesloten."))
    errors = {}
    if how_it_goes not in CheckIn.HowItGoes.values:
        errors["how_it_goes"] = _("Kies hoe het gaat.")
    notes = (notes or "").strip()
    if not notes:
        errors["notes"] = _("Schrijf kort op wat jullie hebben besproken.")
    risk_notes = (risk_notes or "").strip()
    if risk_signal and not risk_notes:
        errors["risk_notes"] = _("Beschrijf het risico, zodat de jobhunter weet wat er speelt.")
    if errors:
        raise ValidationError(errors)
    locked.how_it_goes = how_it_goes
    locked.notes = notes
    locked.risk_signal = bool(risk_signal)
    locked.risk_notes = risk_notes if risk_signal else ""
    locked.done_at = timezone.now()
    locked.done_by = actor
    locked.save()
    if risk_signal:
        _open_follow_up(locked)
    return locked


def _open_follow_up(checkin: CheckIn) -> None:
    placement = checkin.placement
    student = placement.match.student
    owner = _follow_up_owner(checkin)
    due = timezone.localdate() + datetime.timedelta(days=FOLLOW_UP_DAYS)
    try:
        with transaction.atomic():
            action, created = ActionItem.objects.get_or_create(
                student=student,
                kind=ActionItem.Kind.FOLLOW_UP,
                due_date=due,
                defaults={
                    "placement": placement,
                    "match": placement.match,
                    "title": _("Bespreek het risicosignaal van week %(week)s met %(student)s")
                    % {"week": checkin.week, "student": student.user.get_short_name()},
                    "code": "task.risk",
                    "params": {"week": checkin.week, "student": student.user.get_short_name()},
                    "assigned_to": owner,
                },
            )
    except IntegrityError:
        return
    if owner is not None:
        notify(
            user=owner,
            key=f"checkin:{checkin.pk}:risk",
            code="checkin.risk",
            params={
                "for": "mediator",
                "student_id": student.pk,
                "student": student.user.get_full_name(),
                "text": checkin.risk_notes,
            },
        )


@transaction.atomic
def placement_outcome_set(
    *, actor: User, placement: Placement, status: str, reason: str, end_date: datetime.date
) -> Placement:
    """Close the placement: afgerond, or uitgevallen with a reason. Open check-ins lapse."""
    ensure_can(actor, "set_placement_outcome", placement)
    student = placement.match.student
    locked = Placement.objects.select_for_update().get(pk=placement.pk)
    if locked.status != Placement.Status.LOPEND:
        raise ValidationError(
            _("Deze plaatsing is al %(status)s.") % {"status": locked.get_status_display().lower()}
        )
    errors = {}
    if status not in (Placement.Status.AFGEROND, Placement.Status.UITGEVALLEN):
        errors["status"] = _("Kies afgerond of uitgevallen.")
    reason = (reason or "").strip()
    if status == Placement.Status.UITGEVALLEN and not reason:
        errors["reason"] = _("Schrijf op waarom de plaatsing is gestopt.")
    if end_date is None:
        errors["end_date"] = _("Vul de laatste dag in.")
    elif end_date < locked.start_date:
        errors["end_date"] = _("De laatste dag kan niet voor de startdatum (%(start)s) liggen.") % {
            "start": locked.start_date.strftime("%d-%m-%Y")
        }
    if errors:
        raise ValidationError(errors)
    locked.status = status
    locked.outcome_reason = reason
    locked.outcome_at = timezone.now()
    locked.end_date = end_date
    locked.save()
    if status == Placement.Status.UITGEVALLEN:
        opening_place_release(opening=placement.match.opening)  # the place is free again
        ActionItem.objects.get_or_create(
            student=student,
            kind=ActionItem.Kind.AFTERCARE,
            due_date=timezone.localdate() + datetime.timedelta(days=FOLLOW_UP_DAYS),
            defaults={
                "placement": locked,
                "title": _("Nieuwe plek zoeken na uitval"),
                "code": "task.after_dropout",
                "assigned_to": student.jobhunter or actor,
            },
        )
    return locked


def checkin_reminders(*, today: datetime.date | None = None) -> int:
    """Remind whoever holds a check-in that is due within two days or overdue; once per
    check-in and day, so the task may run twice."""
    today = today or timezone.localdate()
    due = CheckIn.objects.filter(
        done_at__isnull=True,
        placement__status=Placement.Status.LOPEND,
        planned_for__lte=today + datetime.timedelta(days=REMIND_DAYS_AHEAD),
        assigned_to__isnull=False,
    ).select_related("assigned_to", "placement__match__student__user")
    sent = 0
    for checkin in due:
        student = checkin.placement.match.student
        notify(
            user=checkin.assigned_to,
            key=f"checkin:{checkin.pk}:reminder:{today.isoformat()}",
            code="checkin.reminder",
            params={
                "for": "mediator",
                "checkin": checkin.pk,
                "week": checkin.week,
                "student": student.user.get_full_name(),
                "date": checkin.planned_for.isoformat(),
            },
        )
        sent += 1
    return sent
