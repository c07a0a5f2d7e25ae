"""Two years of aftercare (nazorg) for PrO/VSO school-leavers: contact moments planned by a
daily task and recorded on the student's record.

The law asks PrO and VSO schools to follow their leavers for two years; the seeds say only
"2 jaar nazorg" (samenwerking-meters-maken-pro-vso.txt), not how often. We plan contact at
1, 3, 6, 12, 18 and 24 months after leaving: close together in the first half year, when most
leavers drop out of work, then every half year. The leaving date is the student's
`expected_diploma_date` (for PrO/VSO the end of school, diploma or not). Each moment is an
ActionItem of kind AFTERCARE for the student's mentor (the school) or else the jobhunter,
planned a month ahead so it shows in their tasks in time; the database keeps one task per
student and due date, so the planner may run twice.
"""

import datetime
import logging

from dateutil.relativedelta import relativedelta
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from marketplace.models import (
    ActionItem,
    AftercareContact,
    EducationType,
    Role,
    StudentProfile,
    User,
)
from marketplace.permissions import ensure_can
from marketplace.services.audit import access_log_record

logger = logging.getLogger(__name__)
AFTERCARE_MONTHS = (1, 3, 6, 12, 18, 24)
AFTERCARE_EDUCATION = (EducationType.PRO, EducationType.VSO)
# Planned a month ahead; a moment more than a month past is not planned any more (a first run
# does not flood a caseload with contacts that were due long ago).
PLAN_WINDOW = relativedelta(months=1)
K = ActionItem.Kind.AFTERCARE


def aftercare_moments(left_on: datetime.date) -> list[tuple[int, datetime.date]]:
    """(months after leaving, due date) of every contact moment."""
    return [(months, left_on + relativedelta(months=months)) for months in AFTERCARE_MONTHS]


def _title(months: int) -> str:
    return ngettext(
        "Nazorg: contact %(n)d maand na school", "Nazorg: contact %(n)d maanden na school", months
    ) % {"n": months}


def _leavers(today: datetime.date):
    """PrO/VSO students who left school within the last two years (and a window)."""
    return StudentProfile.objects.filter(
        education_type__in=AFTERCARE_EDUCATION,
        expected_diploma_date__lte=today,
        expected_diploma_date__gte=today - relativedelta(months=AFTERCARE_MONTHS[-1]) - PLAN_WINDOW,
    ).select_related("mentor", "jobhunter")


def _owner(student: StudentProfile) -> User | None:
    """Mentor, else jobhunter, else a staff member of the student's school: a task for
    nobody is seen by nobody."""
    if student.mentor_id or student.jobhunter_id:
        return student.mentor or student.jobhunter
    return (
        User.objects.filter(role=Role.SCHOOL, school_id=student.school_id, is_active=True)
        .order_by("pk")
        .first()
    )


def _plan_student(student: StudentProfile, today: datetime.date) -> int:
    """Returns the moments added, or -1 when nobody can own the student's tasks."""
    added = 0
    owner = None
    for months, due in aftercare_moments(student.expected_diploma_date):
        if not today - PLAN_WINDOW <= due <= today + PLAN_WINDOW:
            continue
        owner = owner or _owner(student)
        if owner is None:
            return -1
        _, created = ActionItem.objects.get_or_create(
            student=student,
            kind=K,
            due_date=due,
            defaults={
                "title": _title(months),
                "code": "task.aftercare",
                "params": {"months": months},
                "assigned_to": owner,
            },
        )
        added += created
    return added


def aftercare_plan(*, today: datetime.date | None = None) -> int:
    """Daily: plan the contact moments now due (within a month) for PrO/VSO school-leavers.
    Safe to run twice; returns the moments added."""
    today = today or timezone.localdate()
    added = skipped = 0
    for student in _leavers(today):
        result = _plan_student(student, today)
        if result < 0:
            skipped += 1
        else:
            added += result
    if skipped:
        logger.warning(
            "aftercare: %d leavers skipped, no mentor, jobhunter or school staff", skipped
        )
    return added


def aftercare_open(student: StudentProfile):
    """The student's planned aftercare moments without a record yet, soonest first."""
    return ActionItem.objects.filter(
        student=student, kind=K, done_at__isnull=True, placement__isnull=True
    ).order_by("due_date")


def aftercare_history(student: StudentProfile) -> list[AftercareContact]:
    return list(
        AftercareContact.objects.filter(student=student).select_related("recorded_by", "action")
    )


@transaction.atomic
def aftercare_contact_record(
    *,
    actor: User,
    action: ActionItem,
    contacted_on: datetime.date | None,
    situation: str,
    note: str = "",
) -> AftercareContact:
    """Record how a contact moment went; the moment's task is done. Once per moment."""
    ensure_can(actor, "record_aftercare", action.student)
    locked = ActionItem.objects.select_for_update().get(pk=action.pk)
    if locked.kind != K:
        raise ValidationError({"moment": _("Kies een contactmoment van de nazorg.")})
    if AftercareContact.objects.filter(action=locked).exists():
        raise ValidationError({"moment": _("Dit contactmoment is al vastgelegd.")})
    errors = {}
    if situation not in AftercareContact.Situation.values:
        errors["situation"] = _("Kies hoe het nu gaat: werk, opleiding of niets.")
    if contacted_on is None:
        errors["contacted_on"] = _("Vul de datum van het contact in.")
    elif contacted_on > timezone.localdate():
        errors["contacted_on"] = _("De datum van het contact kan niet in de toekomst liggen.")
    elif left_on := locked.student.expected_diploma_date:
        if contacted_on < left_on:
            errors["contacted_on"] = _(
                "De datum van het contact ligt voor de dag dat de leerling van school ging "
                "(%(date)s). Nazorg begint daarna."
            ) % {"date": f"{left_on:%d-%m-%Y}"}
    if errors:
        raise ValidationError(errors)
    contact = AftercareContact.objects.create(
        action=locked,
        student=locked.student,
        contacted_on=contacted_on,
        situation=situation,
        note=(note or "").strip(),
        recorded_by=actor,
    )
    ActionItem.objects.filter(pk=locked.pk).update(done_at=timezone.now())
    access_log_record(user=actor, student=locked.student, action="nazorg", context=situation)
    return contact
