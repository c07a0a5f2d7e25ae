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
from django.utils.translation import gettext as _

from marketplace.models import Match, MatchStatus, Notification, TimelineEntry, User
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


def _reminder_text(match: Match, side: str) -> tuple[str, str]:
    if side == EMPLOYER:
        return (
            _("Wilt u nog antwoorden? Kandidaat voor %(opening)s") % {"opening": match.opening},
            _("Er wacht een kandidaat op uw antwoord. Zeg ja of nee, dan weet iedereen waar hij "
              "aan toe is."),
        )  # fmt: skip
    if match.status == S.AANBOD:
        return (
            _("Je hebt een aanbod van %(employer)s") % {"employer": match.opening.employer},
            _("Laat weten of je het aanbod aanneemt. Vraag je jobhunter als je twijfelt."),
        )
    return (
        _("Er staat een plek voor je klaar: %(opening)s") % {"opening": match.opening.title},
        _("Kijk of de plek bij je past en zeg ja of nee."),
    )


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
        title=_("Nog geen antwoord van %(who)s") % {"who": who},
        body=_(
            "%(who)s heeft na een herinnering nog steeds niet geantwoord (%(days)d werkdagen na "
            "de herinnering). Neem contact op."
        )
        % {"who": who, "days": days},
        url=match.get_absolute_url(),
    )


def _remind_side(match: Match, side: str, today: datetime.date) -> Sent:
    days = match.student.school.region.answer_reminder_days
    since = timezone.localdate(match.waiting_since)
    if today < working_days_after(since, days):
        return Sent()
    title, body = _reminder_text(match, side)
    reminded = sum(
        _notify_new(
            user=user,
            key=f"match:{match.pk}:answer-reminder:{match.status}:{side}",
            title=title,
            body=body,
            url=match.get_absolute_url(),
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
