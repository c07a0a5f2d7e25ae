"""Read-side queries of the mediation workspace: who is in my caseload, what is due, the board,
the escalation queue, check-ins and the inbox. Each list fetches what its page shows in a fixed
number of queries, however many rows it has (tests/test_query_budgets.py)."""

import datetime

from django.db.models import Count, Exists, F, Min, OuterRef, Prefetch, Q, QuerySet

from marketplace.models import (
    ActionItem,
    CheckIn,
    Escalation,
    Match,
    Notification,
    Placement,
    SearchRequest,
    StudentProfile,
    User,
)
from marketplace.permissions import (
    checkins_visible_to,
    escalations_visible_to,
    matches_visible_to,
    students_visible_to,
)
from marketplace.services.matches import ACTIVE

from .services.escalations import OPEN_STATES, PLACED

CASELOAD_LIMIT = 300
BOARD_LIMIT = 500
QUEUE_LIMIT = 300
CHECKINS_OPEN_LIMIT = 200
CHECKINS_DONE_LIMIT = 20
INBOX_LIMIT = 100
SEARCHING = Q(search_requests__status__in=SearchRequest.SEARCHING)


def caseload(user: User, *, q: str = "", only: str = "") -> QuerySet[StudentProfile]:
    """The students this user may see, the nearest search deadline first (then by name), with
    their running matches, open escalations and open search requests (`open_searches`).

    `only`: "zoekend" (an open search request), "geplaatst" (placed or started), "escalatie"
    (an open escalation)."""
    students = students_visible_to(user).select_related("user", "school")
    q = (q or "").strip()
    if q:
        students = students.filter(
            Q(user__first_name__icontains=q) | Q(user__last_name__icontains=q)
        )
    if only == "zoekend":
        students = students.filter(SEARCHING)
    elif only == "geplaatst":
        placed = Match.objects.filter(student=OuterRef("pk"), status__in=PLACED)
        students = students.filter(Exists(placed))
    elif only == "escalatie":
        students = students.filter(escalations__status__in=OPEN_STATES)
    searching = SearchRequest.objects.filter(status__in=SearchRequest.SEARCHING).order_by(
        "deadline"
    )
    return (
        students.distinct()
        .annotate(
            next_deadline=Min("search_requests__deadline", filter=SEARCHING),
            running=Count("matches", filter=Q(matches__status__in=ACTIVE), distinct=True),
            open_escalations=Count(
                "escalations", filter=Q(escalations__status__in=OPEN_STATES), distinct=True
            ),
        )
        .prefetch_related(Prefetch("search_requests", searching, to_attr="open_searches"))
        .order_by(F("next_deadline").asc(nulls_last=True), "user__last_name", "user__first_name")
    )


def checkins_due_count(user: User, today: datetime.date, days: int = 7) -> int:
    """Open check-ins this user holds within `days` (overdue ones included)."""
    return CheckIn.objects.filter(
        assigned_to=user,
        done_at__isnull=True,
        placement__status=Placement.Status.LOPEND,
        planned_for__lte=today + datetime.timedelta(days=days),
    ).count()


# --- a student's record ---------------------------------------------------------------------


def student_placements(student: StudentProfile) -> list[Placement]:
    return list(
        Placement.objects.filter(match__student=student)
        .select_related("match__opening__employer")
        .prefetch_related("checkins")
    )


def student_searches(
    student: StudentProfile, *, open_first: bool = True
) -> QuerySet[SearchRequest]:
    """The student's search requests by deadline; open ones first unless `open_first` is off."""
    order = ("-status", "deadline") if open_first else ("deadline",)
    return student.search_requests.order_by(*order)


def student_escalations(student: StudentProfile) -> QuerySet[Escalation]:
    return Escalation.objects.filter(student=student).order_by("-opened_at")


def student_open_actions(student: StudentProfile) -> QuerySet[ActionItem]:
    return ActionItem.objects.filter(student=student, done_at__isnull=True)


# --- the board and a match ------------------------------------------------------------------


def board_matches(user: User, *, statuses: tuple[str, ...]) -> list[Match]:
    """The running matches of my students in these states, the most urgent next step first."""
    return list(
        matches_visible_to(user)
        .filter(status__in=statuses)
        .select_related("student__user", "opening__employer")
        .order_by("next_action_due", "-updated_at")[:BOARD_LIMIT]
    )


def match_placement(match: Match) -> Placement | None:
    return Placement.objects.filter(match=match).prefetch_related("checkins").first()


# --- the escalation queue -------------------------------------------------------------------


def escalation_queue(user: User, *, show_all: bool = False) -> list[Escalation]:
    """Open cases, those gone up the second rung first, then oldest first (the queue's own
    order); with `show_all` every case, newest first."""
    qs = escalations_visible_to(user).select_related(
        "student__user", "student__school", "assigned_to", "opened_by", "second_rung_to"
    )
    up_first = (F("second_rung_at").asc(nulls_last=True), "opened_at")
    qs = qs.order_by("-opened_at") if show_all else qs.filter(status__in=OPEN_STATES)
    qs = qs if show_all else qs.order_by(*up_first)
    return list(qs[:QUEUE_LIMIT])


def escalation_history(case: Escalation) -> QuerySet[Escalation]:
    """The student's other escalations."""
    return Escalation.objects.filter(student_id=case.student_id).exclude(pk=case.pk)


# --- check-ins ------------------------------------------------------------------------------

_CHECKIN_ROW = ("placement__match__student__user", "placement__match__opening__employer")


def checkins_open(user: User) -> list[CheckIn]:
    """Check-ins still to do in running placements, the earliest first."""
    return list(
        checkins_visible_to(user)
        .filter(placement__status=Placement.Status.LOPEND, done_at__isnull=True)
        .select_related(*_CHECKIN_ROW)
        .order_by("planned_for")[:CHECKINS_OPEN_LIMIT]
    )


def checkins_done(user: User) -> list[CheckIn]:
    """The most recently recorded check-ins."""
    return list(
        checkins_visible_to(user)
        .filter(done_at__isnull=False)
        .select_related(*_CHECKIN_ROW)
        .order_by("-done_at")[:CHECKINS_DONE_LIMIT]
    )


# --- the inbox ------------------------------------------------------------------------------


def inbox(user: User) -> tuple[list[Notification], int]:
    """The newest messages and how many are unread."""
    notes = Notification.objects.filter(user=user).order_by("-created_at")
    return list(notes[:INBOX_LIMIT]), notes.filter(read_at__isnull=True).count()
