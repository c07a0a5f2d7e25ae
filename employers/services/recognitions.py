"""SBB recognitions (erkenningen): the state of each, the warning before one ends and the pause
of a place that lost its recognition (the requests to the accountmanager: recognition_requests).

When a place depends on a recognition, in the words of the engine's hard rule
(`matching.engine.rules._recognition`): only a BPV-plek needs one (RECOGNITION_KINDS; the rule
does not bind a leerbaan or a vacature), for the qualification of the MBO student. A BPV-plek
that names its accepted qualifications depends on the recognitions for those. It has *lost* its
recognition when none of those qualifications has a recognition valid on the day that counts
(today, or the start date when that is later: an open place takes students now) while at least
one of them had a recognition that ended before today. Such a place is paused by the daily
sweep and cannot be reopened until a recognition is valid again. A BPV-plek open to every
qualification depends on no single recognition (PrO and VSO students need none), so it is never
paused for this.
"""

import datetime
import hashlib
from dataclasses import dataclass, field

from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from marketplace.services.notifications import employer_recipients, notify

from ..models import Employer, Opening, Recognition

# The kinds of place the engine's recognition rule binds (rules._recognition: kind "bpv").
RECOGNITION_KINDS = frozenset({Opening.Kind.BPV})
WARN_DAYS = 60  # the employer is warned this many days before a recognition ends
PAUSED_REASON = "recognition_expired"


def day_text(day: datetime.date) -> str:
    return date_format(day, "j F Y")


def _today(today: datetime.date | None) -> datetime.date:
    return today or timezone.localdate()


# --- the state of one recognition ---------------------------------------------------------


@dataclass(frozen=True)
class RecognitionState:
    """How a recognition stands on a day: `code` valid | expiring | expired | future."""

    code: str
    label: str
    days_left: int | None = None

    @property
    def expired(self) -> bool:
        return self.code == "expired"


def recognition_state(recognition: Recognition, *, today: datetime.date) -> RecognitionState:
    if recognition.valid_to is not None and recognition.valid_to < today:
        return RecognitionState("expired", _("verlopen"))
    if recognition.valid_from > today:
        return RecognitionState(
            "future", _("geldig vanaf %(date)s") % {"date": day_text(recognition.valid_from)}
        )
    if recognition.valid_to is not None:
        days = (recognition.valid_to - today).days
        if days <= WARN_DAYS:
            label = (
                _("verloopt vandaag")
                if days == 0
                else ngettext("verloopt over %(n)s dag", "verloopt over %(n)s dagen", days)
                % {"n": days}
            )
            return RecognitionState("expiring", label, days)
    return RecognitionState("valid", _("geldig"))


def _renewed(recognition: Recognition, others) -> bool:
    """Another recognition for the same qualification carries on after this one ends."""
    if recognition.valid_to is None:
        return True
    next_day = recognition.valid_to + datetime.timedelta(days=1)
    return any(
        o.pk != recognition.pk
        and o.qualification_id == recognition.qualification_id
        and o.is_valid_on(next_day)
        for o in others
    )


def recognitions_ending_soon(
    recognitions, *, today: datetime.date
) -> list[tuple[Recognition, int]]:
    """(recognition, days left) for those ending within WARN_DAYS days and not yet renewed."""
    recognitions = list(recognitions)
    soon = []
    for r in recognitions:
        if r.valid_to is None or r.valid_from > today:
            continue
        days = (r.valid_to - today).days
        if 0 <= days <= WARN_DAYS and not _renewed(r, recognitions):
            soon.append((r, days))
    return sorted(soon, key=lambda pair: pair[1])


# --- the rule: a place that lost its recognition ----------------------------------------


def recognitions_lost(
    opening: Opening, *, qualification_ids, recognitions, today: datetime.date
) -> list[Recognition]:
    """The ended recognitions (the latest per qualification) this place lost; empty when it
    does not depend on a missing recognition (see the module's docstring)."""
    if opening.kind not in RECOGNITION_KINDS or not qualification_ids:
        return []
    day = max(today, opening.start_date)
    relevant = [r for r in recognitions if r.qualification_id in set(qualification_ids)]
    if any(r.is_valid_on(day) for r in relevant):
        return []
    latest: dict[int, Recognition] = {}
    for r in relevant:
        if r.valid_to is not None and r.valid_to < today:
            kept = latest.get(r.qualification_id)
            if kept is None or r.valid_to > kept.valid_to:
                latest[r.qualification_id] = r
    return sorted(latest.values(), key=lambda r: (r.valid_to, r.qualification.name))


def lost_recognitions_of(opening: Opening, today: datetime.date) -> list[Recognition]:
    """The rule for one place, reading what it needs (3 queries)."""
    if opening.kind not in RECOGNITION_KINDS:
        return []
    quals = list(opening.accepted_qualifications.values_list("pk", flat=True))
    recs = Recognition.objects.filter(employer_id=opening.employer_id, qualification_id__in=quals)
    return recognitions_lost(
        opening,
        qualification_ids=quals,
        recognitions=list(recs.select_related("qualification")),
        today=today,
    )


def lost_message(lost: list[Recognition], *, paused: bool = True) -> str:
    """What the employer reads on a place paused (or refused opening) because its
    recognition ended."""
    if len(lost) == 1:
        facts = {"qualification": lost[0].qualification.name, "date": day_text(lost[0].valid_to)}
        if paused:
            return (
                _(
                    "Gepauzeerd: je erkenning voor %(qualification)s is verlopen op %(date)s. "
                    "Zodra SBB je erkenning verlengt, kun je de plek weer openen."
                )
                % facts
            )
        return (
            _(
                "Deze plek kan niet open: je erkenning voor %(qualification)s is verlopen op "
                "%(date)s. Zodra SBB je erkenning verlengt, kun je de plek weer openen."
            )
            % facts
        )
    names = ", ".join(
        _("%(qualification)s (op %(date)s)")
        % {"qualification": r.qualification.name, "date": day_text(r.valid_to)}
        for r in lost
    )
    if paused:
        return _(
            "Gepauzeerd: je erkenningen voor %(qualifications)s zijn verlopen. Zodra SBB een "
            "erkenning verlengt, kun je de plek weer openen."
        ) % {"qualifications": names}
    return _(
        "Deze plek kan niet open: je erkenningen voor %(qualifications)s zijn verlopen. Zodra "
        "SBB een erkenning verlengt, kun je de plek weer openen."
    ) % {"qualifications": names}


def opening_reopen_refusal(*, opening: Opening, today: datetime.date | None = None) -> str:
    """Why this place may not open (again) now, or "" when it may: the same rule as the pause."""
    lost = lost_recognitions_of(opening, _today(today))
    return lost_message(lost, paused=opening.status == Opening.Status.PAUSED) if lost else ""


def _names(items) -> str:
    return ", ".join(sorted(str(i) for i in items))


def recognition_gap(opening: Opening, *, qualifications, recognitions, today: datetime.date) -> str:
    """Why this BPV-plek has no valid recognition, or "" when it has one or needs none: the
    pause rule (recognitions_lost: one ended) first, else none of its qualifications has a
    recognition valid on the day that counts (never had one, or it starts later). MBO students
    of those qualifications do not get to see the place (the engine's hard rule)."""
    qualifications = list(qualifications)
    ids = [q.pk for q in qualifications]
    lost = recognitions_lost(opening, qualification_ids=ids, recognitions=recognitions, today=today)
    if lost:
        names = _names(
            _("%(qualification)s (op %(date)s)")
            % {"qualification": r.qualification.name, "date": day_text(r.valid_to)}
            for r in lost
        )
        return _(
            "Je erkenning voor %(qualifications)s is verlopen. Mbo-studenten van die opleiding "
            "zien deze plek daardoor niet. Vraag verlenging aan."
        ) % {"qualifications": names}
    if opening.kind not in RECOGNITION_KINDS or not ids:
        return ""
    day = max(today, opening.start_date)
    if any(r.qualification_id in set(ids) and r.is_valid_on(day) for r in recognitions):
        return ""
    return _(
        "Je hebt geen erkenning voor %(qualifications)s die geldt op %(date)s. Mbo-studenten van "
        "die opleiding zien deze plek daardoor niet. Vraag een erkenning aan."
    ) % {"qualifications": _names(q.name for q in qualifications), "date": day_text(day)}


def opening_recognition_warning(*, opening: Opening, today: datetime.date | None = None) -> str:
    """The recognition_gap of one place, reading what it needs (after saving the form)."""
    if opening.kind not in RECOGNITION_KINDS:
        return ""
    quals = list(opening.accepted_qualifications.all())
    recs = Recognition.objects.filter(
        employer_id=opening.employer_id, qualification_id__in=[q.pk for q in quals]
    ).select_related("qualification")
    return recognition_gap(
        opening, qualifications=quals, recognitions=list(recs), today=_today(today)
    )


# --- the daily sweeps (tasks.py calls these) --------------------------------------------------


def employer_people(employer: Employer, *, opening: Opening | None = None) -> list:
    """Who at the employer hears about recognitions: the place's contact person and the
    beheerders (the one recipients function of notifications)."""
    if opening is not None:
        return employer_recipients(opening)
    return employer_recipients(employer=employer)


def recognition_expiry_warn(*, today: datetime.date | None = None) -> int:
    """Tell each employer once, WARN_DAYS days (or less) before a recognition ends, unless it
    was renewed. Returns how many notifications this run sent."""
    today = _today(today)
    horizon = today + datetime.timedelta(days=WARN_DAYS)
    ending = (
        Employer.objects.filter(recognitions__valid_to__range=(today, horizon))
        .distinct()
        .prefetch_related("recognitions__qualification")
    )
    sent = 0
    for employer in ending:
        for recognition, _days in recognitions_ending_soon(
            employer.recognitions.all(), today=today
        ):
            key = f"recognition:{recognition.pk}:ends:{recognition.valid_to}:warn:{WARN_DAYS}"
            for user in employer_people(employer):
                sent += _notify_once(
                    user=user,
                    key=key,
                    code="recognition.expiring",
                    params={
                        "for": "employer",
                        "qualification": recognition.qualification.name,
                        "qualification_en": recognition.qualification.name_en,
                        "date": recognition.valid_to.isoformat(),
                    },
                )
    return sent


def _notify_once(*, user, key: str, **message) -> int:
    from marketplace.models import Notification

    if Notification.objects.filter(user=user, key=key).exists():
        return 0
    notify(user=user, key=key, **message)
    return 1


def recognition_expired_pause(*, today: datetime.date | None = None) -> int:
    """Pause every open place that lost its recognition (through the opening's own status
    service) and tell the employer. Safe to run twice. Returns how many places it paused."""
    from . import opening_move

    today = _today(today)
    candidates = (
        Opening.objects.filter(
            status=Opening.Status.OPEN,
            kind__in=RECOGNITION_KINDS,
            employer__recognitions__valid_to__lt=today,
        )
        .distinct()
        .values_list("pk", flat=True)
    )
    paused = 0
    for opening_id in list(candidates):
        with transaction.atomic():
            opening = Opening.objects.select_for_update().get(pk=opening_id)
            lost = (
                lost_recognitions_of(opening, today)
                if opening.status == Opening.Status.OPEN
                else []
            )
            if not lost:
                continue
            opening_move(opening=opening, status=Opening.Status.PAUSED, paused_reason=PAUSED_REASON)
            paused += 1
            _tell_paused(opening, lost)
    return paused


def _tell_paused(opening: Opening, lost: list[Recognition]) -> None:
    marks = "-".join(f"{r.pk}.{r.valid_to}" for r in lost)
    if len(marks) > 120:  # the key has room for 200 characters
        marks = hashlib.sha256(marks.encode()).hexdigest()
    for user in employer_people(opening.employer, opening=opening):
        notify(
            user=user,
            key=f"opening:{opening.pk}:recognition-paused:{marks}",
            code="opening.recognition_paused",
            params={
                "for": "employer",
                "title": opening.title,
                "lost": [
                    {
                        "qualification": r.qualification.name,
                        "qualification_en": r.qualification.name_en,
                        "date": r.valid_to.isoformat(),
                    }
                    for r in lost
                ],
            },
        )


# --- reads for the pages -------------------------------------------------------------------


@dataclass
class RecognitionRow:
    """One qualification: the recognition that counts now (valid today, else the last one that
    ended), the next one (a renewal that starts later) and the earlier ones."""

    qualification: object
    current: Recognition | None
    state: RecognitionState | None
    next: Recognition | None = None
    next_state: RecognitionState | None = None
    earlier: list = field(default_factory=list)
    openings: list = field(default_factory=list)

    @property
    def recognition(self) -> Recognition:
        return self.current or self.next


def recognition_rows(recognitions, *, today: datetime.date) -> list[RecognitionRow]:
    """Group the recognitions per qualification (current + next), by qualification name."""
    per: dict[int, list[Recognition]] = {}
    for r in recognitions:
        per.setdefault(r.qualification_id, []).append(r)
    rows = []
    for group in per.values():
        group.sort(key=lambda r: r.valid_from)
        now = [r for r in group if r.is_valid_on(today)]
        later = [r for r in group if r.valid_from > today]
        ended = [r for r in group if r.valid_to is not None and r.valid_to < today]
        current = now[0] if now else (ended[-1] if ended else None)
        nxt = later[0] if later else None
        rows.append(
            RecognitionRow(
                qualification=group[0].qualification,
                current=current,
                state=recognition_state(current, today=today) if current else None,
                next=nxt,
                next_state=recognition_state(nxt, today=today) if nxt else None,
                earlier=[r for r in reversed(group) if r not in (current, nxt)],
            )
        )
    return sorted(rows, key=lambda row: row.qualification.name)


def _dependent_openings(employer: Employer) -> list[Opening]:
    """The employer's BPV-plekken that name accepted qualifications, not closed or filled."""
    return list(
        employer.openings.filter(kind__in=RECOGNITION_KINDS)
        .exclude(status__in=(Opening.Status.CLOSED, Opening.Status.FILLED))
        .prefetch_related("accepted_qualifications")
        .order_by("title")
    )


def _paused_for_recognition(openings, recognitions, today: datetime.date) -> list[Opening]:
    """The places paused because a recognition ended, each with `pause_message` and
    `may_reopen` (a recognition is valid again)."""
    paused = []
    for o in openings:
        if o.status != Opening.Status.PAUSED or o.paused_reason != PAUSED_REASON:
            continue
        quals = [q.pk for q in o.accepted_qualifications.all()]
        lost = recognitions_lost(o, qualification_ids=quals, recognitions=recognitions, today=today)
        o.pause_message = (
            lost_message(lost)
            if lost
            else _("Je erkenning is weer geldig. Je kunt deze plek weer openen op Mijn bedrijf.")
        )
        o.may_reopen = not lost
        paused.append(o)
    return paused


def _recognitions_of(employer: Employer) -> list[Recognition]:
    return list(
        employer.recognitions.select_related("qualification").order_by(
            "qualification__name", "-valid_from"
        )
    )


def employer_recognition_alerts(
    *, employer: Employer, today: datetime.date, recognitions: list | None = None
) -> dict:
    """For the dashboard: recognitions ending within WARN_DAYS days (not renewed), the places
    paused because a recognition ended and the open BPV-plekken without a valid recognition.
    Three queries."""
    recognitions = _recognitions_of(employer) if recognitions is None else recognitions
    openings = list(
        employer.openings.filter(
            Q(status=Opening.Status.PAUSED, paused_reason=PAUSED_REASON)
            | Q(status=Opening.Status.OPEN, kind__in=RECOGNITION_KINDS)
        )
        .prefetch_related("accepted_qualifications")
        .order_by("title")
    )
    return {
        "ending": recognitions_ending_soon(recognitions, today=today),
        "paused": _paused_for_recognition(openings, recognitions, today),
        "unrecognised": _open_without_recognition(openings, recognitions, today),
    }


def _open_without_recognition(openings, recognitions, today: datetime.date) -> list:
    """The OPEN BPV-plekken without a valid recognition, each with `gap_message`."""
    found = []
    for o in openings:
        if o.status != Opening.Status.OPEN or o.kind not in RECOGNITION_KINDS:
            continue
        o.gap_message = recognition_gap(
            o,
            qualifications=o.accepted_qualifications.all(),
            recognitions=recognitions,
            today=today,
        )
        if o.gap_message:
            found.append(o)
    return found


def employer_recognition_table(
    *, employer: Employer, today: datetime.date, recognitions: list | None = None
) -> list:
    """The dashboard's table: one row per qualification (current + next). One query, none
    when the page already read the `recognitions` (recognitions_of)."""
    return recognition_rows(
        _recognitions_of(employer) if recognitions is None else recognitions, today=today
    )


def recognitions_of(employer: Employer) -> list[Recognition]:
    """All the employer's recognitions with their qualification (one query)."""
    return _recognitions_of(employer)


def employer_recognition_overview(*, employer: Employer, today: datetime.date) -> dict:
    """The employer's recognitions (with their state and the places that depend on each), the
    ones ending soon and the places paused because a recognition ended."""
    recognitions = _recognitions_of(employer)
    openings = _dependent_openings(employer)
    rows = recognition_rows(recognitions, today=today)
    for row in rows:
        row.openings = [
            o
            for o in openings
            if row.qualification.pk in {q.pk for q in o.accepted_qualifications.all()}
        ]
    return {
        "rows": rows,
        "ending": recognitions_ending_soon(recognitions, today=today),
        "paused": _paused_for_recognition(openings, recognitions, today),
    }


# --- the warning on one place's card ------------------------------------------------------


@dataclass(frozen=True)
class OpeningRecognitionAlert:
    """`level` "error": the open BPV-plek has no valid recognition (it expired, or there never
    was one), so MBO students of its qualifications do not see it; "warning": the recognition
    it relies on ends within WARN_DAYS days and no renewal follows it."""

    level: str
    message: str


def opening_recognition_alert(
    opening: Opening, *, recognitions, today: datetime.date
) -> OpeningRecognitionAlert | None:
    """The warning on an open BPV-plek's card on the employer's front page, or None (not
    open, not a BPV-plek, no qualifications named, or recognised for more than WARN_DAYS).
    `recognitions`: the employer's, read once for the page (recognitions_of)."""
    if opening.status != Opening.Status.OPEN or opening.kind not in RECOGNITION_KINDS:
        return None
    qualifications = list(opening.accepted_qualifications.all())
    gap = recognition_gap(
        opening, qualifications=qualifications, recognitions=recognitions, today=today
    )
    if gap:
        return OpeningRecognitionAlert("error", gap)
    ids = {q.pk for q in qualifications}
    relevant = [r for r in recognitions if r.qualification_id in ids]
    valid_now = [r for r in relevant if r.is_valid_on(today)]
    ending = [r for r, _days in recognitions_ending_soon(relevant, today=today)]
    if not valid_now or any(r not in ending for r in valid_now):
        return None
    last = max(valid_now, key=lambda r: r.valid_to)
    return OpeningRecognitionAlert(
        "warning",
        _(
            "Je erkenning voor %(qualification)s verloopt op %(date)s. Vraag op tijd verlenging "
            "aan: daarna zien mbo-studenten deze plek niet meer."
        )
        % {"qualification": last.qualification.display_name, "date": day_text(last.valid_to)},
    )
