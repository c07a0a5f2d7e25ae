"""Stuck cases: the rules that find them, run by a periodic Celery beat task.

Two rules, with thresholds per region: a student in the last school year without a placement
`escalation_weeks_before_start` weeks (or less) before the BPV should start, and a search request
without progress for `escalation_stale_days` days. A case lands in the queue of the region's
WSP/SBB accountmanagers once: the database allows one open escalation per student and reason,
so the sweep may run any number of times.
"""

import datetime

from django.db import IntegrityError, transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from ..models import Escalation, MatchStatus, Role, SearchRequest, StudentProfile, User
from .notifications import notify

R = Escalation.Reason
OPEN_STATES = (Escalation.Status.OPEN, Escalation.Status.IN_BEHANDELING)
PLACED = (MatchStatus.GEPLAATST, MatchStatus.GESTART)
LAST_YEAR_DAYS = 365


def _open(student: StudentProfile, reason: str, explanation: str, search=None) -> Escalation | None:
    """Open the case unless one is open already (then None)."""
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
                opened_at=timezone.now(),
            )
    except IntegrityError:  # a concurrent sweep opened it a moment ago
        return None
    for manager in User.objects.filter(
        role=Role.ACCOUNTMANAGER, region_id=escalation.region_id, is_active=True
    ):
        notify(
            user=manager,
            key=f"escalation:{escalation.pk}:opened",
            title=_("Nieuwe escalatie: %(reason)s") % {"reason": escalation.get_reason_display()},
            body=explanation,
        )
    return escalation


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
        explanation = _(
            "De BPV begint op %(start)s en er is nog geen plek. De regio escaleert %(weeks)d "
            "weken voor de start."
        ) % {"start": student.bpv_start_date.strftime("%d-%m-%Y"), "weeks": weeks}
        case = _open(student, R.NO_PLACE_BEFORE_START, explanation)
        if case:
            out.append(case)
    return out


def _stale_searches(now: datetime.datetime) -> list[Escalation]:
    searches = SearchRequest.objects.filter(
        status__in=[SearchRequest.Status.OPEN, SearchRequest.Status.ACTIEF]
    ).select_related("student__school__region")
    out = []
    for search in searches:
        days = search.student.school.region.escalation_stale_days
        if search.last_progress_at > now - datetime.timedelta(days=days):
            continue
        idle = (now - search.last_progress_at).days
        explanation = _(
            "De zoekvraag staat %(idle)d dagen stil (de regio escaleert na %(days)d dagen). "
            "Uiterlijk geplaatst op %(deadline)s."
        ) % {"idle": idle, "days": days, "deadline": search.deadline.strftime("%d-%m-%Y")}
        case = _open(search.student, R.STALE_SEARCH, explanation, search)
        if case:
            out.append(case)
    return out


def escalation_sweep(*, now: datetime.datetime | None = None) -> list[Escalation]:
    """Find the stuck cases and open an escalation for each new one; returns the new ones."""
    now = now or timezone.now()
    return _no_place_before_start(timezone.localdate(now)) + _stale_searches(now)
