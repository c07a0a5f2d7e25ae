"""Stuck cases: the rules that find them, run by a periodic Celery beat task.

Two rules, with thresholds per region: a student in the last school year without a placement
`escalation_weeks_before_start` weeks (or less) before the BPV should start, and a search request
without progress for `escalation_stale_days` days. A case lands in the queue of the region's
WSP/SBB accountmanagers once: the database allows one open escalation per student and reason,
so the sweep may run any number of times.

The second rung: a case without a first response `RESPONSE_DAYS` days after it opened goes to
the region's coordinator (a question about an employer's recognition to SBB's adviser: an
accountmanager of the region in the `SBB_GROUP` group), once, by a daily task.
"""

import datetime

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import F, Q
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from marketplace.models import Escalation, MatchStatus, Role, SearchRequest, StudentProfile, User
from marketplace.permissions import ensure_can
from marketplace.services.matches import MatchConflict
from marketplace.services.notifications import notify
from marketplace.stored_texts import render

R = Escalation.Reason
OPEN_STATES = Escalation.OPEN_STATES
PLACED = (MatchStatus.GEPLAATST, MatchStatus.GESTART)
LAST_YEAR_DAYS = 365
# The queue's response clock: a case still without a first response after this is late.
RESPONSE_DAYS = 2
# SBB's advisers are accountmanagers too; this auth group tells them apart from WSP's.
SBB_GROUP = "SBB"


def _open(
    student: StudentProfile,
    reason: str,
    explanation: str,
    search=None,
    opened_by: User | None = None,
    why: tuple[str, dict] = ("", {}),
) -> Escalation | None:
    """Open the case unless one is open already (then None). `why`: a generated explanation as
    its code and parameters (stored_texts), read in the reader's language; `explanation` is
    then its Dutch text, else a person's own words."""
    if Escalation.objects.filter(student=student, reason=reason, status__in=OPEN_STATES).exists():
        return None
    try:
        with transaction.atomic():
            escalation = Escalation.objects.create(
                student=student,
                search_request=search,
                region_id=student.school.region_id,
                reason=reason,
                explanation=explanation,
                explanation_code=why[0],
                explanation_params=why[1],
                opened_at=timezone.now(),
                opened_by=opened_by,
            )
    except IntegrityError:  # a concurrent sweep opened it a moment ago
        return None
    from marketplace.services.webhooks import escalation_opened  # the school's connected systems

    escalation_opened(escalation)
    for manager in User.objects.filter(
        role=Role.ACCOUNTMANAGER, region_id=escalation.region_id, is_active=True
    ):
        notify(
            user=manager,
            key=f"escalation:{escalation.pk}:opened",
            code="escalation.opened",
            params={
                "for": "mediator",
                "escalation": escalation.pk,
                "student": escalation.student.user.get_full_name(),
                "reason": escalation.reason,
                "why": why[0],
                "why_params": why[1],
                "text": explanation,
            },
        )
    return escalation


def _dutch(code: str, params: dict) -> str:
    """A generated explanation's Dutch text, kept with the case for rows read without codes."""
    with translation.override(settings.LANGUAGE_CODE):
        return render(code, params, fallback=("", "", "")).body


def _no_place_before_start(today: datetime.date) -> list[Escalation]:
    last_year = Q(school_leaver=True) | Q(
        expected_diploma_date__lte=today + datetime.timedelta(days=LAST_YEAR_DAYS)
    )
    students = (
        StudentProfile.objects.filter(last_year, bpv_start_date__isnull=False)
        .exclude(matches__status__in=PLACED)
        .select_related("school__region")
        .distinct()
    )
    out = []
    for student in students:
        weeks = student.school.region.escalation_weeks_before_start
        if student.bpv_start_date - datetime.timedelta(weeks=weeks) > today:
            continue
        why = (
            "escalation.why.no_place_before_start",
            {"start": student.bpv_start_date.isoformat(), "weeks": weeks},
        )
        case = _open(student, R.NO_PLACE_BEFORE_START, _dutch(*why), why=why)
        if case:
            out.append(case)
    return out


def _stale_searches(now: datetime.datetime) -> list[Escalation]:
    searches = SearchRequest.objects.filter(status__in=SearchRequest.SEARCHING).select_related(
        "student__school__region"
    )
    out = []
    for search in searches:
        days = search.student.school.region.escalation_stale_days
        if search.last_progress_at > now - datetime.timedelta(days=days):
            continue
        idle = (now - search.last_progress_at).days
        why = (
            "escalation.why.stale_search",
            {"idle": idle, "days": days, "deadline": search.deadline.isoformat()},
        )
        case = _open(search.student, R.STALE_SEARCH, _dutch(*why), search, why=why)
        if case:
            out.append(case)
    return out


def escalation_sweep(*, now: datetime.datetime | None = None) -> list[Escalation]:
    """Find the stuck cases and open an escalation for each new one; returns the new ones."""
    now = now or timezone.now()
    return _no_place_before_start(timezone.localdate(now)) + _stale_searches(now)


# --- the queue: a jobhunter escalates by hand, an accountmanager takes, resolves or returns ----


def escalation_open_manual(
    *, actor: User, student: StudentProfile, explanation: str, about_recognition: bool = False
) -> Escalation:
    """A jobhunter (or the school) hands a stuck case to the region's accountmanagers; a
    question about an employer's recognition (erkenning) is marked, so its second rung is SBB."""
    ensure_can(actor, "escalate_student", student)
    explanation = (explanation or "").strip()
    if len(explanation) < 10:
        raise ValidationError(
            {"explanation": _("Schrijf in een paar zinnen waarom je hulp nodig hebt.")}
        )
    reason = R.RECOGNITION if about_recognition else R.MANUAL
    if Escalation.objects.filter(student=student, reason=reason, status__in=OPEN_STATES).exists():
        raise ValidationError(
            _("Voor deze jongere loopt al een escalatie die jij hebt aangemeld. Vul die aan.")
        )
    case = _open(student, reason, explanation, opened_by=actor)
    if case is None:  # a double submit a moment ago
        return Escalation.objects.get(student=student, reason=reason, status__in=OPEN_STATES)
    return case


def _escalation_move(
    *, actor: User, escalation: Escalation, expected_version: int, to: str, fields: dict
) -> Escalation:
    ensure_can(actor, "handle_escalation", escalation)
    allowed = {
        Escalation.Status.IN_BEHANDELING: (Escalation.Status.OPEN,),
        Escalation.Status.OPGELOST: OPEN_STATES,
        Escalation.Status.TERUGGEGEVEN: OPEN_STATES,
    }[to]
    if escalation.status not in allowed:
        raise ValidationError(
            _("Deze escalatie is al %(status)s.") % {"status": escalation.get_status_display()}
        )
    now = timezone.now()
    if escalation.first_response_at is None:
        fields["first_response_at"] = now
    if to != Escalation.Status.IN_BEHANDELING:
        fields["closed_at"] = now
    updated = Escalation.objects.filter(
        pk=escalation.pk, version=expected_version, status=escalation.status
    ).update(version=F("version") + 1, status=to, **fields)
    if not updated:
        raise MatchConflict(
            _(
                "Iemand anders heeft deze escalatie net aangepast. "
                "Bekijk de nieuwe stand en probeer het daarna opnieuw."
            ),
            code="conflict",
        )
    escalation.refresh_from_db()
    return escalation


@transaction.atomic
def escalation_take(*, actor: User, escalation: Escalation, expected_version: int) -> Escalation:
    """The accountmanager takes the case: open → in behandeling; the response clock stops."""
    return _escalation_move(
        actor=actor,
        escalation=escalation,
        expected_version=expected_version,
        to=Escalation.Status.IN_BEHANDELING,
        fields={"assigned_to": actor},
    )


@transaction.atomic
def escalation_close(
    *, actor: User, escalation: Escalation, expected_version: int, outcome: str, resolution: str
) -> Escalation:
    """Resolve the case (opgelost) or hand it back to the jobhunter (teruggegeven), with what
    was done; the jobhunter and the school's mentor hear of it."""
    if outcome not in (Escalation.Status.OPGELOST, Escalation.Status.TERUGGEGEVEN):
        raise ValidationError({"outcome": _("Kies opgelost of teruggeven.")})
    resolution = (resolution or "").strip()
    if not resolution:
        raise ValidationError(
            {"resolution": _("Schrijf op wat je hebt gedaan of wat de jobhunter nu moet doen.")}
        )
    fields = {"resolution": resolution}
    if escalation.assigned_to_id is None:
        fields["assigned_to"] = actor
    case = _escalation_move(
        actor=actor,
        escalation=escalation,
        expected_version=expected_version,
        to=outcome,
        fields=fields,
    )
    student = case.student
    for user in {u.pk: u for u in (student.jobhunter, student.mentor) if u}.values():
        notify(
            user=user,
            key=f"escalation:{case.pk}:{outcome}",
            code="escalation.closed",
            params={
                "for": "mediator",
                "escalation": case.pk,
                "status": case.status,
                "student": student.user.get_full_name(),
                "text": resolution,
            },
        )
    return case


def response_time(escalation: Escalation, now: datetime.datetime | None = None):
    """How long the case waited (or has waited so far) for its first response."""
    end = escalation.first_response_at or now or timezone.now()
    return end - escalation.opened_at


def escalation_is_late(escalation: Escalation, now: datetime.datetime | None = None) -> bool:
    """Still without a first response after the response time."""
    waited = response_time(escalation, now)
    return escalation.first_response_at is None and waited >= datetime.timedelta(days=RESPONSE_DAYS)


# --- the second rung ---------------------------------------------------------------------------


def second_rung_holder(escalation: Escalation) -> User | None:
    """Who takes a late case: SBB's adviser for a recognition question, else the coordinator
    of the region (the first one, so one person is accountable)."""
    people = User.objects.filter(is_active=True, region_id=escalation.region_id).order_by("pk")
    if escalation.reason == R.RECOGNITION:
        adviser = people.filter(role=Role.ACCOUNTMANAGER, groups__name=SBB_GROUP).first()
        if adviser is not None:
            return adviser
    return people.filter(role=Role.COORDINATOR).first()


def _second_rung_one(case: Escalation, now: datetime.datetime) -> bool:
    holder = second_rung_holder(case)
    if holder is None:  # nobody to tell yet: tried again tomorrow
        return False
    # Claimed once, and never past a response that came in meanwhile. The version is left
    # alone: an accountmanager taking the case now should not meet a conflict.
    claimed = Escalation.objects.filter(
        pk=case.pk, second_rung_at__isnull=True, first_response_at__isnull=True
    ).update(second_rung_at=now, second_rung_to=holder)
    if not claimed:
        return False
    notify(
        user=holder,
        key=f"escalation:{case.pk}:second-rung",
        code="escalation.second_rung",
        params={
            "for": "mediator",
            "escalation": case.pk,
            "student": case.student.user.get_full_name(),
            "reason": case.reason,
            "days": RESPONSE_DAYS,
        },
    )
    return True


def escalation_second_rung(*, now: datetime.datetime | None = None) -> list[Escalation]:
    """Daily: late cases go one rung up, once each; returns the cases moved up by this run."""
    now = now or timezone.now()
    late = Escalation.objects.filter(
        status=Escalation.Status.OPEN,
        first_response_at__isnull=True,
        second_rung_at__isnull=True,
        opened_at__lte=now - datetime.timedelta(days=RESPONSE_DAYS),
    ).select_related("student__user")
    return [case for case in late if _second_rung_one(case, now)]
