"""Read-side queries of the core: what each audience may see, decided before anything renders."""

import dataclasses
from dataclasses import dataclass

from django.core.paginator import Page, Paginator
from django.db.models import F, OuterRef, Subquery
from django.db.models.functions import Coalesce
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from .models import (
    CandidateAlias,
    GuardianLink,
    Invitation,
    Match,
    MatchStatus,
    StudentCompetency,
    StudentProfile,
    TimelineEntry,
    User,
)
from .permissions import ERASED_EMAIL_DOMAIN, can, invitations_visible_to, students_visible_to
from .services.aliases import alias_text, candidate_aliases_for_opening
from .services.audit import access_log_view, access_log_view_many
from .services.invitations import invitations_as_read, suggestable_students
from .services.matches import CLOSED
from .services.ranking import (
    RankedCandidate,
    ranked_candidates_for_opening,
    reasons,
    score_in_words,
)

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
    leerweg_display: str  # BOL or BBL, "" when the student has none (PrO, VSO)
    available_from: object  # a date: shown as month and year
    hours_per_week: int | None
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
    def can_do(self) -> list[dict]:
        """What the place asks that the candidate already has (skills and certificates)."""
        return [m for m in self.matched if m["kind"] != "support"]

    @property
    def will_learn(self) -> list[dict]:
        """What the place asks that the candidate learns here."""
        return [m for m in self.missing if m["kind"] != "support"]

    @property
    def support_fit(self) -> list[dict]:
        """Support the candidate shared that this place offers (empty when not shared)."""
        return [m for m in self.matched if m["kind"] == "support"]

    @property
    def score_percent(self) -> int:
        return round(self.score)


def candidate_for_employer(*, candidate: RankedCandidate) -> CandidateView:
    """An alias until the student said yes and shares their name; support only if shared; the
    score and its parts coarse, so no exact distance can be worked back from them."""
    student = candidate.student
    return _candidate_view(
        candidate, named=candidate.shares_name, support=student.support_needs_shared, coarse=True
    )


def candidate_for_mediator(
    *,
    candidate: RankedCandidate,
    viewer: User,
    sees_record: bool,
    as_employer: bool | None = None,
) -> CandidateView:
    """A student whose record the viewer may open (their caseload, their school) by name, with
    support as far as the viewer may see it. Anyone else: a member of the place's employer sees
    them as the employer does; every other professional only the alias (the permission layer
    decides whose name a mediator may know, not the student's choice to share with an employer).
    `as_employer`: already known for a list (None: asked here, for the candidate's match)."""
    student = candidate.student
    if sees_record:
        support = student.support_needs_shared or can(viewer, "view_support_needs", student)
        return _candidate_view(candidate, named=True, support=support)
    match = candidate.match
    if as_employer is None:
        as_employer = match is not None and can(
            viewer, "view_candidates_as_employer", match.opening
        )
    if as_employer:
        return candidate_for_employer(candidate=candidate)
    return _candidate_view(
        candidate, named=False, support=student.support_needs_shared, coarse=True
    )


def candidates_for_viewer(
    *, viewer: User, opening, candidates: list[RankedCandidate], context: str = "kandidaten"
) -> list[CandidateView]:
    """Each candidate of `opening` as this viewer may see them, and the read in the access log
    (one write for the list). One query for whose record they may open."""
    if can(viewer, "view_candidates_as_employer", opening):
        views = [candidate_for_employer(candidate=c) for c in candidates]
    else:
        ids = [c.student.pk for c in candidates]
        own = set(students_visible_to(viewer).filter(pk__in=ids).values_list("pk", flat=True))
        views = [
            candidate_for_mediator(
                candidate=c, viewer=viewer, sees_record=c.student.pk in own, as_employer=False
            )
            for c in candidates
        ]
    access_log_view_many(
        user=viewer,
        student_ids=[c.student.pk for c in candidates],
        context=f"{context}:{opening.pk}",
    )
    return views


def shown_to_employer(match: Match | None) -> bool:
    """The candidates an employer's side may see: a student in a match with the place, made by
    a mediator's proposal, an event or an invitation, or the student's own interest. A student
    who only turned the place down (or took their interest back) never said they liked it."""
    if match is None:
        return False
    turned_down = match.student_response == Match.Response.NO
    return not (match.source == Match.Source.STUDENT and turned_down)


def opening_candidates(
    *, viewer: User, opening, limit: int = 20, channel: str = "web"
) -> list[RankedCandidate]:
    """The candidates of a place this viewer may list, best first. The mediators of the
    opening's region look through every fitting student (by alias outside their own records);
    the employer's side (the employer, its accountmanager) sees only the students in a match
    with the place, as the consent text promises ("als ik een plek leuk vind")."""
    if can(viewer, "view_all_candidates", opening):
        ranked = ranked_candidates_for_opening(
            viewer=viewer, opening=opening, limit=limit, channel=channel
        )
        return [c for c in ranked if not is_erased_stand_in(c.student)]
    ranked = ranked_candidates_for_opening(
        viewer=viewer, opening=opening, limit=limit, only_with_match=True, channel=channel
    )
    return [c for c in ranked if shown_to_employer(c.match) and not is_erased_stand_in(c.student)]


def is_erased_stand_in(student: StudentProfile) -> bool:
    """The anonymous profile an erasure leaves for the figures: counted, never listed."""
    return student.user.email.endswith(ERASED_EMAIL_DOMAIN)


def employer_candidates(*, viewer: User, opening) -> list[CandidateView]:
    """The employer's candidates page: the whole match set, each as the employer may see them,
    logged in one write."""
    return candidates_for_viewer(
        viewer=viewer,
        opening=opening,
        candidates=opening_candidates(viewer=viewer, opening=opening),
        context="kandidatenpagina",
    )


def employer_candidates_page(*, viewer: User, opening, number, per_page: int) -> Page:
    """One page of the employer's candidates page (best first): only that page's candidates are
    turned into views and logged as read."""
    page = Paginator(opening_candidates(viewer=viewer, opening=opening), per_page).get_page(number)
    page.object_list = candidates_for_viewer(
        viewer=viewer,
        opening=opening,
        candidates=list(page.object_list),
        context="kandidatenpagina",
    )
    return page


@dataclass(frozen=True)
class WaitingView:
    """A candidate who waits for the employer's answer, as the employer may see them."""

    label: str  # the name once the student shares it, else the alias
    opening_id: int
    opening_title: str
    since: object  # when the match came to this step (a datetime)

    @property
    def days(self) -> int:
        return max(0, (timezone.localdate() - timezone.localtime(self.since).date()).days)


WAITING_SHOWN = 10


def employer_waiting(*, viewer: User, employer) -> tuple[list[WaitingView], int]:
    """The employer's "Te doen": who waits longest for an answer first (WAITING_SHOWN of them),
    and how many wait in all. Names only as candidate_for_employer gives them; logged."""
    since = Subquery(
        TimelineEntry.objects.filter(match=OuterRef("pk"), to_status=OuterRef("status"))
        .order_by("-at")
        .values("at")[:1]
    )
    waiting = (
        Match.objects.filter(
            opening__employer=employer,
            employer_response="",
            status__in=[MatchStatus.VOORGESTELD, MatchStatus.INTERESSE_STUDENT],
        )
        .exclude(student__user__email__endswith=ERASED_EMAIL_DOMAIN)
        .annotate(since=Coalesce(since, F("created_at")))
        .select_related("student__user", "opening")
        .order_by("since", "pk")
    )
    rows = [m for m in waiting if shown_to_employer(m)]
    shown = rows[:WAITING_SHOWN]
    access_log_view_many(
        user=viewer, student_ids=[m.student_id for m in shown], context="werkgever-te-doen"
    )
    letters = _aliases(shown)
    return [_waiting(m, letters[m.opening_id, m.student_id]) for m in shown], len(rows)


def _aliases(matches: list[Match]) -> dict[tuple[int, int], str]:
    """The alias letters of each (opening, student) pair: one query, and new ones drawn only
    for a pair that was never shown before."""
    found = {
        (a.opening_id, a.student_id): a.label
        for a in CandidateAlias.objects.filter(
            opening_id__in={m.opening_id for m in matches},
            student_id__in={m.student_id for m in matches},
        )
    }
    for m in matches:
        if (m.opening_id, m.student_id) not in found:
            drawn = candidate_aliases_for_opening(
                opening_id=m.opening_id, student_ids=[m.student_id]
            )
            found[m.opening_id, m.student_id] = drawn[m.student_id]
    return found


def _waiting(match: Match, letters: str) -> WaitingView:
    # The same rule as the candidates page: the name once the student said yes and shares it.
    named = match.student_response == Match.Response.YES and match.student_shares_profile
    return WaitingView(
        label=str(match.student.user) if named else alias_text(letters),
        opening_id=match.opening_id,
        opening_title=match.opening.title,
        since=match.since,
    )


def _candidate_view(
    candidate: RankedCandidate, *, named: bool, support: bool, coarse: bool = False
) -> CandidateView:
    """`coarse`: the score in whole points and each factor in tenths, so that the distance
    factor (1 − km / travel radius) cannot be worked back to a distance finer than its band."""
    student, match = candidate.student, candidate.match
    matched, missing = candidate.matched, candidate.missing
    factors = candidate.factors
    if not support:
        matched = [m for m in matched if m["kind"] != "support"]
        missing = [m for m in missing if m["kind"] != "support"]
        factors = _factors_without_points(factors)
    elif coarse:
        factors = _factors_coarse(factors)
    band = _distance_band(candidate.result.distance_km if candidate.result else None)
    return CandidateView(
        label=str(student.user) if named else (candidate.alias or _("Kandidaat")),
        anonymous=not named,
        student_id=student.pk if named else None,
        email=student.user.email if named else "",
        education_type=student.education_type,
        level=student.level,
        leerweg_display=student.get_leerweg_display() if student.leerweg else "",
        available_from=student.available_from,
        hours_per_week=student.hours_per_week,
        score=float(round(candidate.score)) if coarse else candidate.score,
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


def _factors_coarse(factors: list[dict]) -> list[dict]:
    return [
        {
            **f,
            "value": round(f["value"], 1),
            "contribution": None if f["contribution"] is None else round(f["contribution"]),
        }
        for f in factors
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
        .select_related("opening__employer", "opening__location__place", "placement")
        .prefetch_related("placement__checkins")
        .order_by("-updated_at")
    )


def match_timeline(match: Match, *, viewer: User) -> list[TimelineEntry]:
    """The match's timeline as this viewer may read it. The workspace (those who may read
    internal notes) reads everything; the student, their parent and the employer read the
    steps, and a note only when its writer shared it or wrote it themselves. A step keeps its
    place without its internal note; a note-only entry that is internal is left out."""
    entries = list(match.timeline.select_related("actor").order_by("at", "pk"))
    if can(viewer, "read_internal_notes", match):
        return entries
    shown = []
    for entry in entries:
        if note_readable_by(entry, reader_id=viewer.pk):
            shown.append(entry)
        elif entry.from_status != entry.to_status:
            shown.append(_without_note(entry))
    return shown


def note_readable_by(entry: TimelineEntry, *, reader_id: int | None) -> bool:
    """Outside the workspace a note is read when its writer shared it or the reader wrote it."""
    if not entry.note or entry.note_visibility == TimelineEntry.Visibility.SHARED:
        return True
    return entry.actor_id is not None and entry.actor_id == reader_id


def closed_reason_for(match: Match, *, viewer: User | None = None, reader_id=None) -> str:
    """The reason a match closed, as this reader may read it: the reason is the note of the
    closing step, so it has that note's visibility (`match_timeline`). `viewer` for pages and
    APIs (the workspace reads everything); `reader_id` (the student's account) for the export."""
    if not match.closed_reason:
        return ""
    if viewer is not None:
        if can(viewer, "read_internal_notes", match):
            return match.closed_reason
        reader_id = viewer.pk
    closing = (
        match.timeline.filter(to_status=match.status, note=match.closed_reason)
        .order_by("-at", "-pk")
        .first()
    )
    if closing is None or not note_readable_by(closing, reader_id=reader_id):
        return ""
    return match.closed_reason


def _without_note(entry: TimelineEntry) -> TimelineEntry:
    """A copy for display only: the step without its internal note (never saved)."""
    copy = TimelineEntry(
        pk=entry.pk,
        match_id=entry.match_id,
        actor_id=entry.actor_id,
        from_status=entry.from_status,
        to_status=entry.to_status,
        kind=entry.kind,
        note="",
        note_visibility=entry.note_visibility,
        at=entry.at,
    )
    if entry.actor_id is not None:
        copy.actor = entry.actor
    return copy


def match_for_viewer(*, viewer: User, match: Match) -> dict:
    """One match as the student, their parent or the employer sees it: where it stands and the
    timeline they may read; the read is logged (the student's own reads are not)."""
    from . import presenters

    access_log_view(user=viewer, student=match.student, context=f"match:{match.pk}")
    reader = presenters.reader_for(viewer)
    timeline = match_timeline(match, viewer=viewer)
    for entry in timeline:
        moved = entry.from_status != entry.to_status
        entry.step_label = presenters.step_label(
            entry.to_status if moved else "", reader=reader, name=match.student.user.first_name
        )
    words = None
    if reader is not None:
        [match] = presenters.with_status_words([match], reader=reader, student=match.student)
        words = match.status_words
    return {
        "match": match,
        "timeline": timeline,
        "status_words": words,
        "back": _back_link(reader, match),
    }


def _back_link(reader: str | None, match: Match) -> tuple[str, str] | None:
    """Where the match page leads back to, for the reader in plain words: (url, text)."""
    from . import presenters

    if reader == presenters.STUDENT:
        return reverse("student-matches"), _("Terug naar mijn matches")
    if reader == presenters.PARENT:
        return reverse("parent-child", args=[match.student_id]), _("Mijn kind")
    return None


def students_for_home(user: User, *, limit: int = 50) -> list[StudentProfile]:
    """A professional's young people on their start page; the names shown are logged."""
    students = list(students_visible_to(user).select_related("user", "school")[:limit])
    access_log_view_many(user=user, student_ids=[s.pk for s in students], context="start")
    return students


def guardian_children(user: User) -> list[tuple[StudentProfile, bool]]:
    """The parent's linked children, each with whether the parent may open their page; the
    list shows their names, so the read is logged (one write)."""
    visible = set(students_visible_to(user).values_list("pk", flat=True))
    links = list(GuardianLink.objects.filter(guardian=user).select_related("student__user"))
    access_log_view_many(
        user=user, student_ids=[link.student_id for link in links], context="ouder:kinderen"
    )
    return [(link.student, link.student.pk in visible) for link in links]


def child_for_parent(*, parent: User, child: StudentProfile, places: int = 5) -> dict:
    """The parent's view of their child: the matches (where each stands, no notes), a few
    fitting places, and the read in the access log. Events come from the events feature."""
    from . import presenters
    from .services.ranking import ranked_openings_for_student

    access_log_view(user=parent, student=child, context="ouder")
    matches = student_matches(child)
    return {
        "child": child,
        "matches": presenters.with_status_words(matches, reader=presenters.PARENT, student=child),
        "ranked": ranked_openings_for_student(viewer=parent, student=child, limit=places),
    }


def student_own_sector_ids(student: StudentProfile) -> list[int]:
    """The student's own leerlijn(en), best first: the sector of their qualification, the
    sectors of the werkprocessen they achieved (a PrO student's praktijkverklaring), then the
    sectors they said they like. The skills step shows these sectors' skills first."""
    ids = []
    if student.qualification_id:
        ids.append(student.qualification.sector_id)
    ids += list(
        student.werkprocessen_achieved.order_by("qualification__sector_id").values_list(
            "qualification__sector_id", flat=True
        )
    )
    ids += list(student.sector_preferences.order_by("name").values_list("pk", flat=True))
    return list(dict.fromkeys(ids))


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


# --- suggestions and invitations: students who agreed to be found, anonymous until a yes -----

SUGGESTIONS_SHOWN = 10


@dataclass(frozen=True)
class SuggestionView:
    """A suggested candidate as the employer sees them: the candidate's anonymous view, the
    facts a placement is planned with (no date of birth, no home), and any invitation."""

    candidate: CandidateView
    alias_letters: str  # what the invite form sends: never the student's id
    leerweg_display: str
    available_from: object  # a date, shown as month and year
    hours_per_week: float | None
    invitation_id: int | None
    invitation_status: str  # "" when not invited yet
    invitation_status_display: str


def suggestions_for_employer(
    *, viewer: User, opening, limit: int = SUGGESTIONS_SHOWN
) -> list[SuggestionView]:
    """The engine's best students for the opening among those who agreed to be found, without
    anyone already in a match or with a closed invitation; pairs that break a hard rule are left
    out by the ranking itself. Anonymous: the alias, never a name or an id. Logged as a read."""
    if opening.status != opening.Status.OPEN:
        return []
    ids = list(suggestable_students(opening).values_list("pk", flat=True))
    if not ids:
        return []
    ranked = ranked_candidates_for_opening(
        viewer=viewer, opening=opening, limit=limit, among=ids, channel="suggestions"
    )
    shown = [c.student.pk for c in ranked]
    letters = dict(
        CandidateAlias.objects.filter(opening=opening, student_id__in=shown).values_list(
            "student_id", "label"
        )
    )
    invited = {
        i.student_id: i
        for i in invitations_as_read(
            Invitation.objects.filter(opening=opening, student_id__in=shown)
        )
    }
    access_log_view_many(user=viewer, student_ids=shown, context=f"suggesties:{opening.pk}")
    return [_suggestion(c, letters, invited.get(c.student.pk)) for c in ranked]


def _suggestion(candidate: RankedCandidate, letters: dict, invitation) -> SuggestionView:
    student = candidate.student
    return SuggestionView(
        candidate=candidate_for_employer(candidate=candidate),
        alias_letters=letters[student.pk],
        leerweg_display=student.get_leerweg_display() if student.leerweg else "",
        available_from=student.available_from,
        hours_per_week=student.hours_per_week,
        invitation_id=invitation.pk if invitation else None,
        invitation_status=invitation.status if invitation else "",
        invitation_status_display=invitation.get_status_display() if invitation else "",
    )


def invitations_for_student(student: StudentProfile) -> list[Invitation]:
    """The student's own invitations, the newest first, with the employer and the place."""
    return invitations_as_read(
        list(
            Invitation.objects.filter(student=student)
            .select_related("opening__employer", "opening__location__place")
            .order_by("-created_at")
        )
    )


def invitations_seen_by(viewer: User, student: StudentProfile) -> list[Invitation]:
    """One student's invitations as far as this viewer may see them (their mediators)."""
    return invitations_as_read(
        list(
            invitations_visible_to(viewer)
            .filter(student=student)
            .select_related("opening__employer")
            .order_by("-created_at")
        )
    )
