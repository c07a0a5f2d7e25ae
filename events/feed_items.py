"""What goes in a person's calendar feed, as plain items: each kind in one query, students named
only as the candidate rules of marketplace.selectors allow, cancelled items kept as cancelled."""

import datetime
from collections import defaultdict
from dataclasses import dataclass

from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from marketplace.models import CandidateAlias, Match, Placement, User
from marketplace.permissions import can, matches_visible_to, students_visible_to
from marketplace.selectors import candidate_for_mediator
from marketplace.services.aliases import alias_text, candidate_aliases_for_opening
from marketplace.services.audit import access_log_record_many
from marketplace.services.matches import CLOSED
from marketplace.services.ranking import RankedCandidate, _shares_name

from .models import MatchingEvent, Registration, SpeedDate

# Past and cancelled items stay this long, so a subscribed calendar shows them as cancelled
# instead of losing them without a word; older ones drop out of the feed.
KEPT = datetime.timedelta(days=60)
MEETING_LENGTH = datetime.timedelta(hours=1)  # a kennismaking is stored with its start only
CONFIRMED, TENTATIVE, CANCELLED = "CONFIRMED", "TENTATIVE", "CANCELLED"


@dataclass(frozen=True)
class Item:
    """One VEVENT: `start`/`end` are aware datetimes, or dates for a whole day."""

    uid: str
    summary: str
    start: datetime.datetime | datetime.date
    end: datetime.datetime | datetime.date
    status: str = CONFIRMED
    location: str = ""
    description: str = ""
    url: str = ""
    sequence: int = 0
    modified: datetime.datetime | None = None
    named_student_id: int | None = None  # a student this item names for someone else


def items_for(user: User, *, host: str, site: str) -> list[Item]:
    since = timezone.now() - KEPT
    items = [_registration_item(r, host, site) for r in _registrations(user, since)]
    items += [_speed_date_item(d, user, host) for d in _speed_dates(user, since)]
    if not can(user, "use_calendar_feed"):
        return items
    meetings, placements = _meetings(user, since), _placements(user, since)
    labels = _student_labels(user, meetings + [p.match for p in placements])
    items += [_meeting_item(m, user, labels, host, site) for m in meetings]
    items += [_placement_item(p, user, labels, host) for p in placements]
    return items


def log_students_shown(user: User, items: list[Item]) -> None:
    """A feed that names students to someone else is a read of their data: logged in one write."""
    shown = {item.named_student_id for item in items if item.named_student_id is not None}
    access_log_record_many(user=user, student_ids=shown, action="view", context="agendafeed")


# --- events ------------------------------------------------------------------------------------


def event_item(event: MatchingEvent, *, uid: str, site: str) -> Item:
    """The event as it is; a cancelled event says so."""
    cancelled = event.status == MatchingEvent.Status.CANCELLED
    summary = _("%(title)s (gaat niet door)") if cancelled else "%(title)s"
    return _event_item(
        event,
        uid=uid,
        site=site,
        summary=summary % {"title": event.title},
        status=CANCELLED if cancelled else CONFIRMED,
    )


# Re-registering sets the registration's created_at to now; seconds since this fixed moment
# grow with every re-registration and keep SEQUENCE within iCalendar's 32-bit integer until 2059.
SEQUENCE_EPOCH = datetime.datetime(2025, 1, 1, tzinfo=datetime.UTC)


def _registration_round(registration: Registration) -> int:
    """Twice the seconds since SEQUENCE_EPOCH of the latest (re-)registration: a cancel adds
    one, a later re-registration (at least a second on) adds at least two, so SEQUENCE never
    goes down when someone cancels and registers again."""
    seconds = int((registration.created_at - SEQUENCE_EPOCH).total_seconds())
    return 2 * max(seconds, 0)


def _event_item(
    event: MatchingEvent, *, uid: str, site: str, summary: str, status: str, bump: int = 0
) -> Item:
    url = site + reverse("events:detail", args=[event.pk])
    parts = [event.description, _("Meer informatie: %(url)s") % {"url": url}]
    if event.status == MatchingEvent.Status.CANCELLED and event.cancelled_reason:
        parts.insert(0, _("Gaat niet door: %(reason)s") % {"reason": event.cancelled_reason})
    return Item(
        uid=uid,
        summary=summary,
        start=event.starts_at,
        end=event.ends_at,
        status=status,
        location=_event_place(event),
        description="\n\n".join(p for p in parts if p),
        url=url,
        # Organiser edits raise the version; cancelling raises it once more, so a calendar that
        # compares SEQUENCE takes the cancellation over the copy it has.
        sequence=event.version + (status == CANCELLED) + bump,
    )


def _event_place(event: MatchingEvent) -> str:
    return ", ".join(p for p in (event.address, event.place.name) if p)


def _registrations(user: User, since: datetime.datetime) -> list[Registration]:
    return list(
        Registration.objects.filter(user=user, event__ends_at__gte=since)
        .exclude(event__status=MatchingEvent.Status.DRAFT)
        .select_related("event__place")
        .order_by("event__starts_at", "pk")
    )


def _registration_item(registration: Registration, host: str, site: str) -> Item:
    event, status = registration.event, CONFIRMED
    summary = "%(title)s"
    if event.status == MatchingEvent.Status.CANCELLED:
        summary, status = _("%(title)s (gaat niet door)"), CANCELLED
    elif registration.status == Registration.Status.CANCELLED:
        summary, status = _("%(title)s (afgemeld)"), CANCELLED
    elif registration.status == Registration.Status.WAITLIST:
        summary, status = _("%(title)s (wachtlijst)"), TENTATIVE
    return _event_item(
        event,
        uid=f"event-{event.pk}-reg-{registration.pk}@{host}",
        site=site,
        summary=summary % {"title": event.title},
        status=status,
        bump=_registration_round(registration),
    )


# --- speed dates -------------------------------------------------------------------------------


def _speed_dates(user: User, since: datetime.datetime) -> list[SpeedDate]:
    """Dates of published schedules where this person sits at the table, either side."""
    return list(
        SpeedDate.objects.filter(
            Q(student__user=user) | Q(employer__user=user),
            event__schedule_published_at__isnull=False,
            ends_at__gte=since,
        )
        .exclude(event__status=MatchingEvent.Status.DRAFT)
        .select_related("event__place", "student", "employer__employer", "employer__user__employer")
        .order_by("starts_at", "pk")
    )


def _speed_date_item(date: SpeedDate, user: User, host: str) -> Item:
    event = date.event
    as_student = date.student.user_id == user.pk
    mine = date.student if as_student else date.employer
    at = {"round": date.round, "table": date.table}
    if as_student:
        employer = date.employer.employer or date.employer.user.employer
        at["employer"] = employer.name if employer else _("een werkgever")
        summary = _("Speeddate met %(employer)s (ronde %(round)s, tafel %(table)s)") % at
    else:
        # No student's name in an employer's feed: a feed travels to Google, Microsoft or Apple
        # and is read on shared devices; the name is on the schedule page, behind the login.
        summary = _("Speeddate met een jongere (ronde %(round)s, tafel %(table)s)") % at
    cancelled = Registration.Status.CANCELLED in (date.student.status, date.employer.status)
    cancelled = cancelled or event.status == MatchingEvent.Status.CANCELLED
    if cancelled:
        summary += " " + _("(gaat niet door)")
    return Item(
        uid=f"event-{event.pk}-round-{date.round}-reg-{mine.pk}@{host}",
        summary=summary,
        start=date.starts_at,
        end=date.ends_at,
        status=CANCELLED if cancelled else CONFIRMED,
        location=_event_place(event),
        description=event.title,
        sequence=event.version + cancelled,
        modified=event.schedule_published_at,
    )


# --- kennismakingen and first working days -----------------------------------------------------


def _meetings(user: User, since: datetime.datetime) -> list[Match]:
    """Kennismakingen of the matches this person may see: their own, their organisation's, or
    their caseload's."""
    return list(
        matches_visible_to(user)
        .filter(meeting_at__gte=since)
        .select_related("student__user", "opening__employer", "opening__location__place")
        .order_by("meeting_at", "pk")
    )


def _placements(user: User, since: datetime.datetime) -> list[Placement]:
    """First working days: the student's own, the employer's, and those of a jobhunter's or
    JPO's own students (not a whole school's)."""
    qs = Placement.objects.filter(
        match__in=matches_visible_to(user).values("pk"),
        start_date__gte=timezone.localdate(since),
    )
    if can(user, "keep_caseload"):
        qs = qs.filter(Q(match__student__jobhunter=user) | Q(match__student__jpo=user))
    return list(
        qs.select_related(
            "match__student__user", "match__opening__employer", "match__opening__location__place"
        ).order_by("start_date", "pk")
    )


def _meeting_item(match: Match, user: User, labels: dict, host: str, site: str) -> Item:
    employer = match.opening.employer.name
    label, named = labels.get(match.pk, ("", None))
    if match.student.user_id == user.pk:
        summary = _("Kennismaking bij %(employer)s") % {"employer": employer}
    elif user.employer_id == match.opening.employer_id:
        summary = _("Kennismaking met %(candidate)s") % {"candidate": label}
    else:
        summary = _("Kennismaking: %(student)s bij %(employer)s") % {
            "student": label,
            "employer": employer,
        }
    cancelled = match.status in CLOSED
    if cancelled:
        summary += " " + _("(gaat niet door)")
    return Item(
        uid=f"match-{match.pk}-kennismaking@{host}",
        summary=summary,
        start=match.meeting_at,
        end=match.meeting_at + MEETING_LENGTH,
        status=CANCELLED if cancelled else CONFIRMED,
        location=_opening_place(match),
        description=match.opening.title,
        url=site + reverse("match-detail", args=[match.pk]),
        sequence=match.version,
        modified=match.updated_at,
        named_student_id=named,
    )


def _placement_item(placement: Placement, user: User, labels: dict, host: str) -> Item:
    match = placement.match
    employer = match.opening.employer.name
    label, named = labels.get(match.pk, ("", None))
    if match.student.user_id == user.pk:
        summary = _("Eerste werkdag bij %(employer)s") % {"employer": employer}
    elif user.employer_id == match.opening.employer_id:
        summary = _("Eerste werkdag van %(candidate)s") % {"candidate": label}
    else:
        summary = _("Eerste werkdag: %(student)s bij %(employer)s") % {
            "student": label,
            "employer": employer,
        }
    cancelled = match.status in CLOSED or _left_before_start(placement)
    if cancelled:
        summary += " " + _("(gaat niet door)")
    return Item(
        uid=f"placement-{placement.pk}-start@{host}",
        summary=summary,
        start=placement.start_date,
        end=placement.start_date + datetime.timedelta(days=1),
        status=CANCELLED if cancelled else CONFIRMED,
        location=_opening_place(match),
        description=match.opening.title,
        sequence=int(cancelled),
        modified=placement.outcome_at or placement.created_at,
        named_student_id=named,
    )


def _left_before_start(placement: Placement) -> bool:
    return (
        placement.status == Placement.Status.UITGEVALLEN
        and placement.outcome_at is not None
        and timezone.localdate(placement.outcome_at) < placement.start_date
    )


def _opening_place(match: Match) -> str:
    location = match.opening.location
    return ", ".join(p for p in (location.address, location.place.name) if p)


# --- how a student is named -------------------------------------------------------------------


def _student_labels(viewer: User, matches: list[Match]) -> dict[int, tuple[str, int | None]]:
    """Match id → (the student as this viewer may name them, the student's id when named).

    The selectors' candidate rules decide: a mediator names the students whose record they may
    open; anyone else sees the name only when the student said yes and shares it, otherwise
    the alias the employer knows from the candidates list. Two queries, however many matches.
    """
    others = [m for m in matches if m.student.user_id != viewer.pk]
    if not others:
        return {}
    ids = {m.student_id for m in others}
    own = set(students_visible_to(viewer).filter(pk__in=ids).values_list("pk", flat=True))
    aliases = _aliases([m for m in others if m.student_id not in own and not _shares_name(m)])
    labels = {}
    for match in others:
        candidate = RankedCandidate(
            score=0.0,
            factors=[],
            matched=[],
            missing=[],
            reasons=[],
            distance_km=None,
            match=match,
            student=match.student,
            alias=aliases.get(match.pk, ""),
            shares_name=_shares_name(match),
        )
        view = candidate_for_mediator(
            candidate=candidate, viewer=viewer, sees_record=match.student_id in own
        )
        labels[match.pk] = (view.label, None if view.anonymous else match.student_id)
    return labels


def _aliases(matches: list[Match]) -> dict[int, str]:
    """Match id → the student's stored alias on that opening; drawn once where still missing."""
    if not matches:
        return {}
    stored = {
        (a.opening_id, a.student_id): a.label
        for a in CandidateAlias.objects.filter(
            opening_id__in={m.opening_id for m in matches},
            student_id__in={m.student_id for m in matches},
        )
    }
    missing = defaultdict(set)
    for m in matches:
        if (m.opening_id, m.student_id) not in stored:
            missing[m.opening_id].add(m.student_id)
    for opening_id, student_ids in missing.items():
        drawn = candidate_aliases_for_opening(opening_id=opening_id, student_ids=student_ids)
        stored.update({(opening_id, s): label for s, label in drawn.items()})
    return {m.pk: alias_text(stored[(m.opening_id, m.student_id)]) for m in matches}
