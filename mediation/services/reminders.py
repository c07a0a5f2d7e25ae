"""Reminders when a side does not answer, run daily by Celery beat.

An employer who has not answered a proposal or a student's interest, and a student who has not
answered a proposal or an offer (aanbod), are reminded once when the match has waited the
region's `answer_reminder_days` working days in that step; after as many working days again the
student's jobhunter is told once. The clock starts when the match entered its current step (its
timeline). Notification keys make every message go out once, so the task may run twice.
"""

import datetime
from dataclasses import dataclass

from django.db.models import OuterRef, Q, QuerySet, Subquery
from django.db.models.functions import Coalesce
from django.utils import timezone

from marketplace.models import Match, MatchStatus, Notification, TimelineEntry, User
from marketplace.services.aliases import candidate_aliases_for_opening
from marketplace.services.notifications import employer_recipients, notify

from .workdays import working_days_after

S = MatchStatus
OPEN = Match.Response.OPEN
EMPLOYER, STUDENT = "werkgever", "student"
# Who still owes an answer, by step: the employer on a proposal or the student's interest, the
# student on a proposal or an offer.
WAITING_ON = {
    EMPLOYER: Q(status__in=(S.VOORGESTELD, S.INTERESSE_STUDENT), employer_response=OPEN),
    STUDENT: Q(status=S.VOORGESTELD, student_response=OPEN) | Q(status=S.AANBOD),
}


@dataclass(frozen=True)
class Sent:
    reminders: int = 0
    jobhunters: int = 0


def _waiting(side: str) -> QuerySet[Match]:
    entered = TimelineEntry.objects.filter(match=OuterRef("pk"), to_status=OuterRef("status"))
    entered = entered.exclude(from_status=OuterRef("status")).order_by("-at").values("at")[:1]
    return (
        Match.objects.filter(WAITING_ON[side])
        .annotate(waiting_since=Coalesce(Subquery(entered), "created_at"))
        .select_related(
            "student__user",
            "student__jobhunter",
            "student__school__region",
            "opening__employer",
            "opening__contact_person",
        )
    )


def _recipients(match: Match, side: str) -> list[User]:
    if side == STUDENT:
        return [match.student.user]
    return employer_recipients(match.opening)


def _reminder(match: Match, side: str) -> tuple[str, dict]:
    """The reminder's code and parameters: an employer reads the alias until the student shares
    their name, the student the place and the employer."""
    facts = {"match": match.pk, "opening": match.opening.title}
    if side == EMPLOYER:
        return "match.reminder_employer", {"for": "employer", **facts, **_employer_name(match)}
    facts.update({"for": "student", "employer": match.opening.employer.name})
    if match.status == S.AANBOD:
        return "match.reminder_offer", facts
    return "match.reminder_proposal", facts


def _employer_name(match: Match) -> dict[str, str]:
    if match.student_response == Match.Response.YES and match.student_shares_profile:
        return {"student": match.student.user.get_full_name()}
    letters = candidate_aliases_for_opening(
        opening_id=match.opening_id, student_ids=[match.student_id]
    )
    return {"alias": letters[match.student_id]}


def _notify_new(*, user: User, key: str, **message) -> bool:
    """Notify once; True when this run sent it (so the task reports what it did)."""
    if Notification.objects.filter(user=user, key=key).exists():
        return False
    notify(user=user, key=key, **message)
    return True


def _tell_jobhunter(match: Match, side: str, days: int) -> bool:
    jobhunter = match.student.jobhunter
    if jobhunter is None:
        return False
    who = match.opening.employer.name if side == EMPLOYER else match.student.user.get_full_name()
    return _notify_new(
        user=jobhunter,
        key=f"match:{match.pk}:answer-late:{match.status}:{side}",
        code="match.answer_late",
        params={
            "for": "mediator",
            "match": match.pk,
            "who": who,
            "student": match.student.user.get_full_name(),
            "opening": match.opening.title,
            "days": days,
        },
    )


def _remind_side(match: Match, side: str, today: datetime.date) -> Sent:
    days = match.student.school.region.answer_reminder_days
    since = timezone.localdate(match.waiting_since)
    if today < working_days_after(since, days):
        return Sent()
    code, params = _reminder(match, side)
    reminded = sum(
        _notify_new(
            user=user,
            key=f"match:{match.pk}:answer-reminder:{match.status}:{side}",
            code=code,
            params=params,
        )
        for user in _recipients(match, side)
    )
    told = today >= working_days_after(since, 2 * days) and _tell_jobhunter(match, side, days)
    return Sent(reminders=reminded, jobhunters=int(told))


def answer_reminders(*, today: datetime.date | None = None) -> Sent:
    """Daily: remind the side that owes an answer, then tell the jobhunter; each once.
    Returns how many reminders and jobhunter messages this run sent."""
    today = today or timezone.localdate()
    reminders = jobhunters = 0
    for side in (EMPLOYER, STUDENT):
        for match in _waiting(side):
            sent = _remind_side(match, side, today)
            reminders += sent.reminders
            jobhunters += sent.jobhunters
    return Sent(reminders=reminders, jobhunters=jobhunters)
