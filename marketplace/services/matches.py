"""The match pipeline as a state machine: proposals, responses, placement, with a timeline.

voorgesteld → interesse student → interesse werkgever → kennismaking → aanbod → geplaatst →
gestart; either side can decline (afgewezen) or withdraw (ingetrokken), always with a reason.
Every change is guarded by the match's version, so of two people changing the same match at
once exactly one wins and the other gets a clear conflict message.
"""

import datetime

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from employers.models import Opening
from employers.services import opening_place_release, opening_place_take

from ..models import (
    CheckIn,
    Match,
    MatchStatus,
    Placement,
    SearchRequest,
    StudentProfile,
    Suggestion,
    TimelineEntry,
    User,
)
from ..permissions import can, ensure_can
from .notifications import employer_recipients, notify
from .rules import pair_allowed, pair_failures, rule_messages

S = MatchStatus
ACTIVE = (
    S.VOORGESTELD,
    S.INTERESSE_STUDENT,
    S.INTERESSE_WERKGEVER,
    S.KENNISMAKING,
    S.AANBOD,
    S.GEPLAATST,
)
ALLOWED: dict[str, set[str]] = {
    S.VOORGESTELD: {S.INTERESSE_STUDENT, S.INTERESSE_WERKGEVER, S.AFGEWEZEN, S.INGETROKKEN},
    S.INTERESSE_STUDENT: {S.INTERESSE_WERKGEVER, S.AFGEWEZEN, S.INGETROKKEN},
    S.INTERESSE_WERKGEVER: {S.KENNISMAKING, S.AFGEWEZEN, S.INGETROKKEN},
    S.KENNISMAKING: {S.AANBOD, S.AFGEWEZEN, S.INGETROKKEN},
    S.AANBOD: {S.GEPLAATST, S.AFGEWEZEN, S.INGETROKKEN},
    S.GEPLAATST: {S.GESTART, S.INGETROKKEN},
    S.GESTART: set(),
    S.AFGEWEZEN: set(),
    S.INGETROKKEN: set(),
}
CLOSED = (S.AFGEWEZEN, S.INGETROKKEN)  # declined or withdrawn: the match has ended
# Steps that bring a pair closer to a placement ask the engine's hard rules first. Closing
# never does (a pair that breaks a rule must be closable), nor starting: the placement already
# holds its place.
RULE_CHECKED = (S.INTERESSE_STUDENT, S.INTERESSE_WERKGEVER, S.KENNISMAKING, S.AANBOD, S.GEPLAATST)
CHECKIN_WEEKS = (2, 6, 12)
# Steps the system takes by itself (actor None), with what its timeline says about them.
SYSTEM_STEPS = {S.GESTART: gettext_lazy("Automatisch gestart op de eerste werkdag")}


class MatchConflict(ValidationError):
    """Someone else changed the match since the form was loaded."""


def _conflict() -> MatchConflict:
    return MatchConflict(
        _(
            "Iemand anders heeft deze match net aangepast. "
            "Bekijk de nieuwe stand en probeer het daarna opnieuw."
        ),
        code="conflict",
    )


def allowed_next(match: Match) -> set[str]:
    return ALLOWED.get(match.status, set())


def match_steps(match: Match) -> tuple[set[str], dict[str, list[str]]]:
    """The next steps a page may offer, and the steps a hard rule blocks now with the reasons.

    The pipeline allows `allowed_next`; of those, a step the engine checks (RULE_CHECKED) is
    blocked while the pair breaks a rule, so the page hides it and says why."""
    allowed = allowed_next(match)
    checked = allowed & set(RULE_CHECKED)
    failures = pair_failures(match.student, match.opening) if checked else ()
    if not failures:
        return allowed, {}
    reasons = rule_messages(failures, student=match.student, opening=match.opening)
    return allowed - checked, {step: reasons for step in sorted(checked)}


def _snapshot(student: StudentProfile, opening: Opening) -> tuple[float | None, dict, str]:
    suggestion = (
        Suggestion.objects.filter(student=student, opening=opening).order_by("direction").first()
    )
    if suggestion is None:
        return None, {}, ""
    return suggestion.score, suggestion.explanation, suggestion.engine_version


INTERNAL, SHARED = TimelineEntry.Visibility.INTERNAL, TimelineEntry.Visibility.SHARED


def _visibility(value: str) -> str:
    """A note is internal to the workspace unless its writer chose to share it."""
    return SHARED if value == SHARED else INTERNAL


def _log(
    match: Match,
    actor: User | None,
    old: str,
    new: str,
    note: str,
    kind: str,
    visibility: str = INTERNAL,
) -> None:
    TimelineEntry.objects.create(
        match=match,
        actor=actor,
        from_status=old,
        to_status=new,
        note=note,
        kind=kind,
        note_visibility=_visibility(visibility),
    )


def _notify_parties(
    match: Match, code: str, *, skip: User | None, event: str, facts: dict | None = None
) -> None:
    """Tell every party of the match, each as a code with parameters (stored_texts): the
    student and the place by name, the employer the student's alias until they share it."""
    from ..stored_texts import EMPLOYER, MEDIATOR, STUDENT

    people = [(match.student.user, STUDENT)]
    people += [(u, EMPLOYER) for u in employer_recipients(match.opening)]
    people += [(m, MEDIATOR) for m in (match.student.jobhunter, match.student.jpo) if m]
    seen = {skip.pk} if skip is not None else set()
    base = {"match": match.pk, "opening": match.opening.title, **(facts or {})}
    named = {"student": match.student.user.get_full_name()}
    for_employer = None  # looked up once, and only when an employer is told
    for user, audience in people:
        if user.pk in seen:
            continue
        seen.add(user.pk)
        if audience == EMPLOYER and for_employer is None:
            for_employer = _name_for_employer(match)
        who = for_employer if audience == EMPLOYER else named
        notify(
            user=user,
            key=f"match:{match.pk}:{event}:v{match.version}",
            code=code,
            params={"for": audience, **base, **who},
        )


def _name_for_employer(match: Match) -> dict[str, str]:
    """The name once the student said yes and shares it; before that their alias's letters."""
    if match.student_response == Match.Response.YES and match.student_shares_profile:
        return {"student": match.student.user.get_full_name()}
    from .aliases import candidate_aliases_for_opening

    letters = candidate_aliases_for_opening(
        opening_id=match.opening_id, student_ids=[match.student_id]
    )
    return {"alias": letters[match.student_id]}


@transaction.atomic
def match_propose(
    *,
    proposer: User,
    student: StudentProfile,
    opening: Opening,
    note: str = "",
    note_visibility: str = INTERNAL,
) -> Match:
    """A mediator proposes a place to the student and the employer in one step; the note stays
    in the workspace unless the mediator shares it (`note_visibility`)."""
    ensure_can(proposer, "propose_match", student)
    pair_allowed(student, opening)  # the engine's hard rules, on fresh data
    if opening.status != Opening.Status.OPEN or opening.places_left <= 0:
        raise ValidationError(_("Deze plek is niet meer open. Kies een andere plek."))
    score, snapshot, engine_version = _snapshot(student, opening)
    try:
        with transaction.atomic():
            match = Match.objects.create(
                student=student,
                opening=opening,
                proposed_by=proposer,
                score=score,
                score_snapshot=snapshot,
                engine_version=engine_version,
                search_request=_open_search_request(student),
            )
    except IntegrityError as exc:
        raise ValidationError(
            _("Deze student en deze plek zijn al aan elkaar gekoppeld. Open de bestaande match.")
        ) from exc
    _log(match, proposer, "", S.VOORGESTELD, note, "proposal", note_visibility)
    _touch_search(match)
    _notify_parties(match, "match.proposed", skip=proposer, event="proposed")
    return match


def _match_at_version(
    student: StudentProfile, opening: Opening, expected_version: int | None
) -> Match | None:
    """The student's match on this place, if any; with an expected version, held until the
    transaction ends and refused (a conflict) when it moved on meanwhile."""
    if expected_version is None:
        return Match.objects.filter(student=student, opening=opening).first()
    match = Match.objects.select_for_update().filter(student=student, opening=opening).first()
    if match is None or match.version != expected_version:
        raise _conflict()
    return match


def _open_search_request(student: StudentProfile) -> SearchRequest | None:
    return (
        student.search_requests.filter(status__in=SearchRequest.SEARCHING)
        .order_by("deadline")
        .first()
    )


def _touch_search(match: Match, status: str = SearchRequest.Status.ACTIEF) -> None:
    if match.search_request_id:
        SearchRequest.objects.filter(pk=match.search_request_id).exclude(
            status=SearchRequest.Status.GEVONDEN
        ).update(last_progress_at=timezone.now(), status=status)


@transaction.atomic
def match_student_interest(
    *,
    student_user: User,
    student: StudentProfile,
    opening: Opening,
    share_profile: bool = True,
    invited: bool = False,
    expected_version: int | None = None,
) -> Match:
    """ "Ik heb interesse": on a suggestion or on a proposal. Safe to submit twice.

    `invited`: the yes to an employer's invitation. The employer already said yes by inviting,
    so a new match starts at mutual interest, with the invitation as its source.
    `expected_version`: the version of the match the student last read (the API sends it): a
    match changed since then is a conflict, also when this step was taken already."""
    ensure_can(student_user, "edit_student", student)
    pair_allowed(student, opening, reader="student")
    match = _match_at_version(student, opening, expected_version)
    if match is None:
        if opening.status != Opening.Status.OPEN or opening.places_left <= 0:
            raise ValidationError(_("Deze plek is niet meer open."))
        score, snapshot, engine_version = _snapshot(student, opening)
        match, created = Match.objects.get_or_create(
            student=student,
            opening=opening,
            defaults={
                "status": S.INTERESSE_WERKGEVER if invited else S.INTERESSE_STUDENT,
                "source": Match.Source.INVITATION if invited else Match.Source.STUDENT,
                "employer_response": Match.Response.YES if invited else Match.Response.OPEN,
                "student_response": Match.Response.YES,
                "student_shares_profile": share_profile,
                "proposed_by": student_user,
                "score": score,
                "score_snapshot": snapshot,
                "engine_version": engine_version,
                "search_request": _open_search_request(student),
            },
        )
        if created and invited:
            _log(match, student_user, "", S.INTERESSE_WERKGEVER, "", "invitation")
            _touch_search(match)
            _notify_parties(
                match, "match.invitation_accepted", skip=student_user, event="invitation"
            )
            return match
        if created:
            _log(match, student_user, "", S.INTERESSE_STUDENT, "", "interest")
            _touch_search(match)
            _notify_parties(match, "match.interest", skip=student_user, event="interest")
            return match
    if match.student_response == Match.Response.YES:
        return match  # a double submit changes nothing
    to = (
        S.INTERESSE_WERKGEVER
        if match.employer_response == Match.Response.YES
        else (S.INTERESSE_STUDENT)
    )
    return match_move(
        actor=student_user,
        match=match,
        to_status=to,
        expected_version=match.version,
        extra={"student_response": Match.Response.YES, "student_shares_profile": share_profile},
    )


@transaction.atomic
def match_student_decline(
    *,
    student_user: User,
    student: StudentProfile,
    opening: Opening,
    reason: str,
    expected_version: int | None = None,
) -> Match:
    """ "Niet voor mij": on a suggestion (kept as a declined match, so the mediators see it and
    it is not shown again) or on a running match. Safe to submit twice; with
    `expected_version`, as match_student_interest."""
    ensure_can(student_user, "edit_student", student)
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError({"reason": _("Kies waarom deze plek niet bij je past.")})
    match = _match_at_version(student, opening, expected_version)
    if match is None:
        match, created = Match.objects.get_or_create(
            student=student,
            opening=opening,
            defaults={
                "status": S.AFGEWEZEN,
                "source": Match.Source.STUDENT,
                "student_response": Match.Response.NO,
                "proposed_by": student_user,
                "closed_reason": reason,
            },
        )
        if created:
            _log(match, student_user, "", S.AFGEWEZEN, reason, "decline")
        return match
    if match.status in CLOSED:
        return match
    to = S.AFGEWEZEN if match.status in (S.VOORGESTELD, S.INTERESSE_STUDENT) else S.INGETROKKEN
    return match_move(
        actor=student_user,
        match=match,
        to_status=to,
        expected_version=match.version,
        reason=reason,
        extra={"student_response": Match.Response.NO},
    )


def match_employer_interest(*, employer_user: User, match: Match, expected_version: int) -> Match:
    """The employer says "interesse"; mutual interest only once the student said yes too."""
    if match.employer_response == Match.Response.YES:
        return match
    ensure_can(employer_user, "respond_as_employer", match)
    pair_allowed(match.student, match.opening, reader="employer")
    if match.status == S.VOORGESTELD:
        return _record_response(
            actor=employer_user,
            match=match,
            expected_version=expected_version,
            fields={"employer_response": Match.Response.YES},
            note=_("Werkgever heeft interesse; wacht op de student."),
        )
    return match_move(
        actor=employer_user,
        match=match,
        to_status=S.INTERESSE_WERKGEVER,
        expected_version=expected_version,
        extra={"employer_response": Match.Response.YES},
    )


@transaction.atomic
def match_from_event(*, speed_date) -> Match:
    """Both said "wil verder praten" after a speed date: a match with mutual interest, the event
    as its source. Safe to call twice (one match per pair). The date is duck-typed: the core
    imports no feature. A student who said yes to talking on shares their name with the employer.
    """
    student, opening = speed_date.student.user.student_profile, speed_date.opening
    if opening is None:
        raise ValidationError(_("Bij deze speeddate hoort geen plek. De organisator helpt jullie."))
    pair_allowed(student, opening)  # the engine's hard rules, on fresh data
    note = _("Beide wilden verder praten op %(event)s") % {"event": speed_date.event.title}
    both = {"student_response": Match.Response.YES, "employer_response": Match.Response.YES}
    match = Match.objects.filter(student=student, opening=opening).first()
    if match is not None and match.status in CLOSED:
        raise ValidationError(_("Jullie match voor deze plek was al gestopt. Vraag je jobhunter."))
    event_facts = {"event": speed_date.event.title}
    if match is not None:  # a running match: the date brings it to mutual interest
        old, early = match.status, (S.VOORGESTELD, S.INTERESSE_STUDENT)
        moved = Match.objects.filter(pk=match.pk, status__in=early).update(
            status=S.INTERESSE_WERKGEVER, version=F("version") + 1, updated_at=timezone.now(),
            **both,
        )  # fmt: skip
        if moved:
            match.refresh_from_db()
            _log(match, None, old, S.INTERESSE_WERKGEVER, note, "event", SHARED)
            _notify_parties(match, "match.event", skip=None, event="event", facts=event_facts)
        return match
    if opening.status != Opening.Status.OPEN or opening.places_left <= 0:
        raise ValidationError(_("Deze plek is niet meer open. De jobhunter zoekt verder met je."))
    score, snapshot, engine_version = _snapshot(student, opening)
    match, created = Match.objects.get_or_create(
        student=student,
        opening=opening,
        defaults={
            **both,
            "status": S.INTERESSE_WERKGEVER,
            "source": Match.Source.EVENT,
            "student_shares_profile": True,
            "proposed_by": speed_date.event.organiser,
            "score": score,
            "score_snapshot": snapshot,
            "engine_version": engine_version,
            "search_request": _open_search_request(student),
        },
    )
    if created:
        _log(match, None, "", S.INTERESSE_WERKGEVER, note, "event", SHARED)
        _touch_search(match)
        _notify_parties(match, "match.event", skip=None, event="event", facts=event_facts)
    return match


@transaction.atomic
def _record_response(
    *, actor: User, match: Match, expected_version: int, fields: dict, note: str
) -> Match:
    updated = Match.objects.filter(pk=match.pk, version=expected_version).update(
        version=F("version") + 1, updated_at=timezone.now(), **fields
    )
    if not updated:
        raise _conflict()
    match.refresh_from_db()
    _log(match, actor, match.status, match.status, note, "response", SHARED)
    return match


def _check_actor(actor: User | None, match: Match, to_status: str) -> None:
    if actor is None:
        if to_status not in SYSTEM_STEPS:
            raise PermissionDenied(f"match:{to_status}")
        return
    mediator = can(actor, "move_match", match)
    student = can(actor, "respond_as_student", match)
    employer = can(actor, "respond_as_employer", match)
    if to_status == S.INTERESSE_STUDENT:
        allowed = student or mediator
    elif to_status in CLOSED:
        allowed = student or employer or mediator
    elif to_status == S.INTERESSE_WERKGEVER:
        allowed = employer or mediator or (student and match.employer_response == "ja")
    else:
        allowed = employer or mediator
    if not allowed:
        raise PermissionDenied(f"match:{to_status}")


@transaction.atomic
def match_move(
    *,
    actor: User | None,
    match: Match,
    to_status: str,
    expected_version: int,
    reason: str = "",
    meeting_at: datetime.datetime | None = None,
    start_date: datetime.date | None = None,
    extra: dict | None = None,
    note_visibility: str = INTERNAL,
) -> Match:
    """Move a match to `to_status` if the pipeline allows it and nobody changed it meanwhile.
    `actor=None` is the system itself, for SYSTEM_STEPS only (on the timeline as "auto").
    The reason stays in the workspace unless its writer shares it (`note_visibility`)."""
    _check_actor(actor, match, to_status)
    if match.version != expected_version:
        raise _conflict()  # someone moved it since the form was loaded: say that, not "cannot"
    if to_status not in allowed_next(match):
        raise ValidationError(
            _("Van “%(from)s” kan een match niet naar “%(to)s”.")
            % {"from": S(match.status).label, "to": S(to_status).label},
            code="step",
        )
    if to_status in RULE_CHECKED:
        pair_allowed(match.student, match.opening, reader=_reader(actor, match))
    reason = (reason or "").strip()
    if to_status in CLOSED and not reason:
        raise ValidationError({"reason": _("Schrijf kort op waarom. Dat helpt iedereen verder.")})
    if to_status == S.GEPLAATST:
        _first_day(match.opening, start_date)  # before anything is written
    if to_status == S.KENNISMAKING and meeting_at is None:
        raise ValidationError({"meeting_at": _("Kies een datum en tijd voor de kennismaking.")})
    fields = dict(extra or {})
    fields.update(status=to_status)
    if reason:
        fields["closed_reason"] = reason
    if meeting_at is not None:
        fields["meeting_at"] = meeting_at
    if to_status == S.AFGEWEZEN:
        fields.update(_decline_side(actor, match))
    old = match.status
    updated = Match.objects.filter(pk=match.pk, version=expected_version, status=old).update(
        version=F("version") + 1, updated_at=timezone.now(), **fields
    )
    if not updated:
        raise _conflict()
    match.refresh_from_db()
    if to_status == S.GEPLAATST:
        placement_create(actor=actor, match=match, start_date=start_date)
    if old == S.GEPLAATST and to_status == S.INGETROKKEN:
        _placement_withdraw(match=match, reason=reason)
    if to_status == S.GESTART:
        _touch_search(match, SearchRequest.Status.GEVONDEN)
    if actor is None:
        _log(match, None, old, to_status, str(SYSTEM_STEPS[to_status]), "auto", SHARED)
    else:
        _log(match, actor, old, to_status, reason, "step", note_visibility)
    if to_status not in CLOSED:
        _touch_search(match)
    from .webhooks import match_changed  # the connected systems of employer and school

    match_changed(match)
    _notify_parties(match, "match.status", skip=actor, event=to_status, facts={"status": to_status})
    return match


def _reader(actor: User | None, match: Match) -> str:
    """Who reads a refusal of this move: an employer learns no fact about the student."""
    if actor is None or can(actor, "move_match", match):
        return "mediator"
    if can(actor, "respond_as_employer", match):
        return "employer"
    if can(actor, "respond_as_student", match):
        return "student"
    return "mediator"


def _decline_side(actor: User, match: Match) -> dict:
    if can(actor, "respond_as_student", match):
        return {"student_response": Match.Response.NO}
    if can(actor, "respond_as_employer", match):
        return {"employer_response": Match.Response.NO}
    return {}


def placement_create(
    *, actor: User, match: Match, start_date: datetime.date | None = None
) -> Placement:
    """Place the student: take one of the opening's places and plan the check-ins."""
    pair_allowed(match.student, match.opening)
    start = _first_day(match.opening, start_date)
    opening = opening_place_take(opening=match.opening)  # the opening's owner fills it
    placement = Placement.objects.create(match=match, start_date=start, end_date=opening.end_date)
    coach = match.student.jpo or match.student.jobhunter
    CheckIn.objects.bulk_create(
        [
            CheckIn(
                placement=placement,
                week=week,
                planned_for=start + datetime.timedelta(weeks=week),
                assigned_to=coach,
            )
            for week in CHECKIN_WEEKS
        ]
    )
    _touch_search(match, SearchRequest.Status.GEVONDEN)
    return placement


def _first_day(opening: Opening, start_date: datetime.date | None) -> datetime.date:
    """The first working day: from the opening's start date to its end date. The age rules are
    stated on the opening's start date, so an earlier first day could place a minor where the
    law forbids it (an 18+ or night-work place)."""
    start = start_date or max(opening.start_date, timezone.localdate())
    if start < opening.start_date:
        raise ValidationError(
            {
                "start_date": _(
                    "De eerste werkdag kan niet vóór de startdatum van de plek (%(date)s) zijn. "
                    "Kies %(date)s of later."
                )
                % {"date": date_format(opening.start_date, "j F Y")}
            }
        )
    if opening.end_date is not None and start > opening.end_date:
        raise ValidationError(
            {
                "start_date": _(
                    "De eerste werkdag kan niet na de einddatum van de plek (%(date)s) zijn. "
                    "Kies een dag tot en met %(date)s."
                )
                % {"date": date_format(opening.end_date, "j F Y")}
            }
        )
    return start


def _placement_withdraw(*, match: Match, reason: str) -> None:
    """A placed match withdrawn before the start: the placement stops, the place is free again."""
    stopped = Placement.objects.filter(match=match, status=Placement.Status.LOPEND).update(
        status=Placement.Status.UITGEVALLEN, outcome_reason=reason, outcome_at=timezone.now()
    )
    if stopped:
        opening_place_release(opening=match.opening)


@transaction.atomic
def match_next_action_set(
    *,
    actor: User,
    match: Match,
    expected_version: int,
    next_action: str,
    next_action_due: datetime.date | None,
    note: str = "",
    note_visibility: str = INTERNAL,
) -> Match:
    """A mediator writes down the next step (with a date) and a note on the match's timeline;
    both stay in the workspace unless the mediator shares the note (`note_visibility`)."""
    ensure_can(actor, "move_match", match)
    next_action = (next_action or "").strip()
    note = (note or "").strip()
    if next_action_due and not next_action:
        raise ValidationError({"next_action": _("Schrijf op wat de volgende stap is.")})
    if next_action_due and next_action_due < timezone.localdate() - datetime.timedelta(days=1):
        raise ValidationError({"next_action_due": _("Kies een datum vanaf vandaag.")})
    if not (next_action or note or match.next_action):
        raise ValidationError(_("Vul een volgende stap of een notitie in."))
    updated = Match.objects.filter(pk=match.pk, version=expected_version).update(
        version=F("version") + 1,
        updated_at=timezone.now(),
        next_action=next_action,
        next_action_due=next_action_due if next_action else None,
    )
    if not updated:
        raise _conflict()
    match.refresh_from_db()
    text = note
    if next_action:
        text = (note + "\n" if note else "") + _("Volgende stap: %(step)s") % {"step": next_action}
    _log(match, actor, match.status, match.status, text, "note", note_visibility)
    return match
