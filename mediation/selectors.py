"""Read-side queries of the mediation workspace: who is in my caseload, what is due."""

import datetime

from django.db.models import Count, Exists, F, Min, OuterRef, Prefetch, Q, QuerySet

from marketplace.models import (
    CheckIn,
    Match,
    MatchStatus,
    Placement,
    SearchRequest,
    StudentProfile,
    User,
)
from marketplace.permissions import students_visible_to
from marketplace.services.matches import ACTIVE

from .services.escalations import OPEN_STATES

CASELOAD_LIMIT = 300
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
        placed = Match.objects.filter(
            student=OuterRef("pk"), status__in=[MatchStatus.GEPLAATST, MatchStatus.GESTART]
        )
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
