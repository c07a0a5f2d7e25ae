"""Read-side queries of the core: what each audience may see, decided before anything renders."""

import dataclasses
from dataclasses import dataclass

from django.utils.translation import gettext as _

from .models import GuardianLink, Match, StudentCompetency, StudentProfile, TimelineEntry, User
from .permissions import can, students_visible_to
from .services.matches import CLOSED
from .services.ranking import RankedCandidate, reasons, score_in_words

# --- candidates for an opening: one view per audience -------------------------------------
# The ranking (services.ranking) knows everything about a candidate; these selectors decide
# what a viewer learns, so no page, serializer or template can show more than its audience may.

# Home is a town's centre: an exact distance from a known address narrows it to a village or
# two; a 5 km band still says whether travel is a worry (the travel radius is a hard rule).
DISTANCE_BANDS_KM = (5, 10, 15, 20, 30)


@dataclass(frozen=True)
class CandidateView:
    """What one viewer may learn about one candidate for one opening, and nothing more."""

    label: str  # the name, or the alias "Kandidaat K"
    anonymous: bool
    student_id: int | None
    email: str
    education_type: str
    level: int
    score: float  # always the full score: support can only raise it
    scored: bool
    support_shown: bool
    may_see_points: bool  # factors carry weight and contribution (they add up to the score)
    factors: tuple[dict, ...]
    matched: tuple[dict, ...]
    missing: tuple[dict, ...]
    reasons: tuple[str, ...]
    distance_km_from: int | None
    distance_km_to: int | None  # None: this far or farther
    match_id: int | None
    match_version: int | None
    match_status: str | None
    match_status_display: str
    employer_response_display: str  # empty until the employer answered
    awaits_employer_answer: bool
    may_say_yes: bool  # awaits an answer and no hard rule fails (an unscored pair breaks one)

    @property
    def score_words(self) -> str:
        return score_in_words(self.score)

    @property
    def score_percent(self) -> int:
        return round(self.score)


def candidate_for_employer(*, candidate: RankedCandidate) -> CandidateView:
    """An alias until the student said yes and shares their name; support only if shared."""
    student = candidate.student
    return _candidate_view(
        candidate, named=candidate.shares_name, support=student.support_needs_shared
    )


def candidate_for_mediator(
    *, candidate: RankedCandidate, viewer: User, sees_record: bool
) -> CandidateView:
    """A student whose record the viewer may open (their caseload, their school) by name, with
    support as far as the viewer may see it; anyone else exactly as the employer sees them."""
    if not sees_record:
        return candidate_for_employer(candidate=candidate)
    student = candidate.student
    support = student.support_needs_shared or can(viewer, "view_support_needs", student)
    return _candidate_view(candidate, named=True, support=support)


def candidates_for_viewer(
    *, viewer: User, candidates: list[RankedCandidate]
) -> list[CandidateView]:
    """Each candidate as this viewer may see them; one query for whose record they may open."""
    ids = [c.student.pk for c in candidates]
    own = set(students_visible_to(viewer).filter(pk__in=ids).values_list("pk", flat=True))
    return [
        candidate_for_mediator(candidate=c, viewer=viewer, sees_record=c.student.pk in own)
        for c in candidates
    ]


def _candidate_view(candidate: RankedCandidate, *, named: bool, support: bool) -> CandidateView:
    student, match = candidate.student, candidate.match
    matched, missing = candidate.matched, candidate.missing
    factors = candidate.factors
    if not support:
        matched = [m for m in matched if m["kind"] != "support"]
        missing = [m for m in missing if m["kind"] != "support"]
        factors = _factors_without_points(factors)
    band = _distance_band(candidate.result.distance_km if candidate.result else None)
    return CandidateView(
        label=str(student.user) if named else candidate.alias,
        anonymous=not named,
        student_id=student.pk if named else None,
        email=student.user.email if named else "",
        education_type=student.education_type,
        level=student.level,
        score=candidate.score,
        scored=candidate.scored,
        support_shown=support,
        may_see_points=support,
        factors=tuple(factors),
        matched=tuple(matched),
        missing=tuple(missing),
        reasons=tuple(_reasons(candidate, matched, missing, band)),
        distance_km_from=band[0],
        distance_km_to=band[1],
        match_id=match.pk if match else None,
        match_version=match.version if match else None,
        match_status=match.status if match else None,
        match_status_display=match.get_status_display() if match else "",
        employer_response_display=(
            match.get_employer_response_display() if match and match.employer_response else ""
        ),
        awaits_employer_answer=_awaits_employer_answer(match),
        may_say_yes=_awaits_employer_answer(match) and candidate.scored,
    )


def _factors_without_points(factors: list[dict]) -> list[dict]:
    """The factors without support and without weight or contribution: the full score minus
    the shown contributions would be exactly the hidden support factor. The value is kept as a
    share in tenths (shown as a percentage), too coarse to work the support part out again."""
    return [
        {**f, "value": round(f["value"], 1), "weight": None, "contribution": None}
        for f in factors
        if f["code"] != "support" and f["weight"]
    ]


def _reasons(candidate: RankedCandidate, matched, missing, band) -> list[str]:
    """The sentences again from what may be shown: no support sentence without support items,
    and the distance as a band instead of in whole kilometres."""
    if candidate.result is None:
        return list(candidate.reasons)
    without_distance = dataclasses.replace(candidate.result, distance_km=None)
    out = reasons(without_distance, matched, missing, for_student=False)
    if band[0] is not None:
        out.append(_distance_sentence(*band))
    return out


def _distance_band(km: float | None) -> tuple[int | None, int | None]:
    if km is None:
        return None, None
    low = 0
    for edge in DISTANCE_BANDS_KM:
        if km < edge:
            return low, edge
        low = edge
    return low, None


def _distance_sentence(low: int, high: int | None) -> str:
    if high is None:
        return _("Het is %(km)d km of meer van huis.") % {"km": low}
    if low == 0:
        return _("Het is minder dan %(km)d km van huis.") % {"km": high}
    return _("Het is %(low)d tot %(high)d km van huis.") % {"low": low, "high": high}


def _awaits_employer_answer(match: Match | None) -> bool:
    return bool(match and match.employer_response == "" and match.status not in CLOSED)


# --- lists for pages: a student's matches, a match's timeline, a parent's children ---------


def student_matches(student: StudentProfile) -> list[Match]:
    """Every match of this student, the latest change first, with what a list row shows."""
    return list(
        Match.objects.filter(student=student)
        .select_related("opening__employer", "opening__location__place")
        .order_by("-updated_at")
    )


def match_timeline(match: Match) -> list[TimelineEntry]:
    return list(match.timeline.select_related("actor").order_by("at", "pk"))


def students_for_home(user: User, *, limit: int = 50) -> list[StudentProfile]:
    return list(students_visible_to(user).select_related("user", "school")[:limit])


def guardian_children(user: User) -> list[tuple[StudentProfile, bool]]:
    """The parent's linked children, each with whether the parent may open their page."""
    visible = set(students_visible_to(user).values_list("pk", flat=True))
    links = GuardianLink.objects.filter(guardian=user).select_related("student__user")
    return [(link.student, link.student.pk in visible) for link in links]


def student_competencies(student: StudentProfile) -> list[StudentCompetency]:
    return list(StudentCompetency.objects.filter(student=student).select_related("competency"))


def region_at_a_glance(user: User) -> dict[str, int]:
    """The coordinator's start page: open escalations, students still searching, and the
    region's matching events this month (through Region.events: the core imports no feature)."""
    import datetime

    from django.db.models import Count, Q
    from django.utils import timezone

    from .models import Escalation, Region, SearchRequest
    from .permissions import escalations_visible_to

    today = timezone.localdate()
    first = today.replace(day=1)
    after = (first + datetime.timedelta(days=32)).replace(day=1)
    in_month = Q(events__starts_at__date__gte=first, events__starts_at__date__lt=after)
    events = Region.objects.filter(pk=user.region_id).aggregate(
        n=Count("events", filter=in_month & ~Q(events__status="cancelled"))
    )
    searching = SearchRequest.objects.filter(
        status__in=SearchRequest.SEARCHING, student__in=students_visible_to(user)
    )
    return {
        "open_escalations": escalations_visible_to(user)
        .filter(status__in=Escalation.OPEN_STATES)
        .count(),
        "searching": searching.values("student_id").distinct().count(),
        "events_this_month": events["n"],
    }
