"""Read-side queries of the mediation workspace: who is in my caseload, what is due, the board,
the escalation queue, check-ins and the inbox. Each list fetches what its page shows in a fixed
number of queries, however many rows it has (tests/test_query_budgets.py)."""

import datetime
from collections.abc import Mapping
from dataclasses import dataclass

from django.core.paginator import Page, Paginator
from django.db.models import Count, Exists, F, OuterRef, Prefetch, Q, QuerySet, Subquery
from django.db.models.functions import Coalesce, Greatest
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

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

CASELOAD_PER_PAGE = 25
TASKS_PER_PAGE = 10
BOARD_PER_COLUMN = 20
QUEUE_LIMIT = 300
QUEUE_PER_PAGE = 25
CHECKINS_OPEN_LIMIT = 200
CHECKINS_DONE_LIMIT = 20
INBOX_PER_PAGE = 25
SEARCHING = Q(search_requests__status__in=SearchRequest.SEARCHING)


def caseload(user: User, *, q: str = "", only: str = "") -> QuerySet[StudentProfile]:
    """The students this user may see, by attention (CASELOAD_ORDER), with their running
    matches, open escalations, open search requests (`open_searches`) and `last_change`.

    `only`: "zoekend" (an open search request), "geplaatst" (placed or started), "escalatie"
    (an open escalation).

    One row per student without DISTINCT or GROUP BY (each figure is a subquery of its own),
    so the pager's count is a plain count, not the whole sorted caseload once more."""
    visible = students_visible_to(user).values("pk")
    students = StudentProfile.objects.filter(pk__in=visible).select_related(
        "user", "school__region"
    )
    q = (q or "").strip()
    if q:
        students = students.filter(
            Q(user__first_name__icontains=q) | Q(user__last_name__icontains=q)
        )
    searching = SearchRequest.objects.filter(status__in=SearchRequest.SEARCHING).order_by(
        "deadline"
    )
    searching_here = searching.filter(student=OuterRef("pk"))
    escalated_here = Escalation.objects.filter(student=OuterRef("pk"), status__in=OPEN_STATES)
    if only == "zoekend":
        students = students.filter(Exists(searching_here))
    elif only == "geplaatst":
        placed = Match.objects.filter(student=OuterRef("pk"), status__in=PLACED)
        students = students.filter(Exists(placed))
    elif only == "escalatie":
        students = students.filter(Exists(escalated_here))
    running = Match.objects.filter(student=OuterRef("pk"), status__in=ACTIVE)
    return (
        students.annotate(
            next_deadline=Subquery(searching_here.values("deadline")[:1]),
            running=_count(running),
            open_escalations=_count(escalated_here),
            last_change=_last_change(),
        )
        .prefetch_related(Prefetch("search_requests", searching, to_attr="open_searches"))
        .order_by(*CASELOAD_ORDER)
    )


# Attention first: the nearest deadline of an open search, then the case that has stood still
# longest, then an open escalation; the name only breaks ties.
CASELOAD_ORDER = (
    F("next_deadline").asc(nulls_last=True),
    F("last_change").asc(),
    F("open_escalations").desc(),
    "user__last_name",
    "user__first_name",
)


def _count(rows: QuerySet):
    """How many of these rows (correlated to the outer student): 0 when none."""
    counted = rows.order_by().values("student").annotate(n=Count("pk")).values("n")
    return Coalesce(Subquery(counted[:1]), 0)


def _last_change():
    """When the case last moved: the latest progress of an open search request or change of a
    match (any state), else the day the student was added."""
    search = SearchRequest.objects.filter(
        student=OuterRef("pk"), status__in=SearchRequest.SEARCHING
    ).order_by("-last_progress_at")
    match = Match.objects.filter(student=OuterRef("pk")).order_by("-updated_at")
    return Greatest(
        Coalesce(Subquery(search.values("last_progress_at")[:1]), F("created_at")),
        Coalesce(Subquery(match.values("updated_at")[:1]), F("created_at")),
    )


@dataclass(frozen=True)
class Standstill:
    """How long a case has stood still, in days, and how loud to say it: `level` is "" (calm),
    "warn" (half the region's escalation term or more) or "alert" (the term reached)."""

    days: int
    level: str

    @property
    def words(self) -> str:
        if self.days == 0:
            return _("vandaag bewogen")
        return ngettext("stil %(n)s dag", "stil %(n)s dagen", self.days) % {"n": self.days}


def standstill(
    last_change: datetime.datetime, *, today: datetime.date, stale_days: int
) -> Standstill:
    """The rule for "stil 23 dagen": days since the last change of the case, measured against
    the region's escalation term for a search that stands still."""
    days = max(0, (today - timezone.localtime(last_change).date()).days)
    if days >= stale_days:
        return Standstill(days, "alert")
    return Standstill(days, "warn" if days * 2 >= stale_days else "")


def with_standstill(students, *, today: datetime.date) -> list[StudentProfile]:
    """The students of one page, each with `.standstill` (see `standstill`)."""
    rows = list(students)
    for s in rows:
        s.standstill = standstill(
            s.last_change, today=today, stale_days=s.school.region.escalation_stale_days
        )
    return rows


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


def board_columns(
    user: User, *, statuses: tuple[str, ...], pages: Mapping[str, str | None]
) -> list[tuple[str, Page]]:
    """(state, page of its matches) for each column: the running matches of my students in
    that state, the most urgent next step first, BOARD_PER_COLUMN a page. `pages` holds the
    asked page number per state. One query for all the counts, one per column shown."""
    visible = matches_visible_to(user).filter(status__in=statuses)
    counts = dict(visible.order_by().values_list("status").annotate(n=Count("pk")))
    columns = []
    for status in statuses:
        rows = (
            visible.filter(status=status)
            .select_related("student__user", "opening__employer")
            .order_by(F("next_action_due").asc(nulls_last=True), "-updated_at", "pk")
        )
        paginator = Paginator(rows, BOARD_PER_COLUMN)
        paginator.__dict__["count"] = counts.get(status, 0)  # known already: no count query
        page = paginator.get_page(pages.get(status))
        page.param = status
        columns.append((status, page))
    return columns


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


def inbox(user: User) -> tuple[QuerySet[Notification], int]:
    """The messages, the newest first (for paging), and how many are unread."""
    notes = Notification.objects.filter(user=user).order_by("-created_at", "-pk")
    return notes, notes.filter(read_at__isnull=True).count()
