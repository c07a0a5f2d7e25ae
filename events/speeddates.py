"""Speed-date schedules by the engine: build, swap by hand, publish, and each person's own.

A pair's score is the engine's best score over the employer's open places for that student
where the hard rules pass (the ranking's own scoring, in the live index's text model, with the
region's weights); a pair no place allows never meets. The optimiser is
`matching.engine.speeddates` (one assignment per round); this module turns registrations into
its matrix and its plan into SpeedDate rows.

Who sees what: the organiser (coordinator, accountmanager of the region) sees full names, they
run the day. A student sees their own dates: employer, place, table, time. An employer sees the
student's first name and level only: the student registered to meet employers in person and
will say their name at the table; the surname, school and support needs stay with the
candidate rules (`marketplace.selectors.candidate_for_employer`).
"""

import datetime
import io
import re
from dataclasses import dataclass

import numpy as np
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q, QuerySet
from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from employers.models import Opening
from marketplace.models import StudentProfile, User
from marketplace.permissions import can, ensure_can
from marketplace.services import engine_index
from marketplace.services.matching_records import opening_records, student_records
from marketplace.services.notifications import notify
from marketplace.services.rules import rule_messages
from marketplace.services.weights import weights_for_region
from matching.engine import OpeningIndex, hard_rules_failing
from matching.engine import speeddates as optimiser

from .models import MatchingEvent, Registration, SpeedDate

SEATED = (Registration.Status.REGISTERED, Registration.Status.ATTENDED)
MAX_WISHES = 3
LEVELS = ((0, gettext_lazy("PrO / VSO")), (1, "MBO 1"), (2, "MBO 2"), (3, "MBO 3"), (4, "MBO 4"))


@dataclass
class Board:
    """The event's people in matrix order and the engine's scores (NaN: may not meet)."""

    students: list[Registration]
    employers: list[Registration]
    scores: np.ndarray
    openings: np.ndarray  # the best opening's id per pair (0: none)


# --- the engine's scores -----------------------------------------------------------------------


def pair_scores(
    profiles: list[StudentProfile], employer_ids: list[int], *, region_id: int | None
) -> tuple[np.ndarray, np.ndarray]:
    """Per student and employer the best engine score over the employer's open places that pass
    the hard rules (NaN when none does), and that place's id: one small index of the employers'
    places, one ranking per student (200 x 60 in well under a second)."""
    records = opening_records(
        Opening.objects.filter(employer_id__in=employer_ids, status=Opening.Status.OPEN)
    )
    if not records or not profiles:
        shape = (len(profiles), len(employer_ids))
        return np.full(shape, np.nan), np.zeros(shape, dtype=np.int64)
    # The live index's text model, so the interests factor is the one every ranking uses.
    index = OpeningIndex.build(records, text_model=engine_index.opening_index().text)
    return optimiser.score_matrix(
        student_records(profiles), index, employer_ids, weights_for_region(region_id)
    )


def _seats(event: MatchingEvent) -> tuple[list[Registration], list[Registration]]:
    """Registered students (with a profile) and employer seats, in a fixed order."""
    seated = (
        event.registrations.filter(status__in=SEATED)
        .select_related("user__student_profile__home_place", "employer")
        .order_by("pk")
    )
    students, employers = [], []
    for registration in seated:
        if registration.employer_id is not None:
            employers.append(registration)
        elif hasattr(registration.user, "student_profile"):
            students.append(registration)
    return students, employers


def schedule_board(event: MatchingEvent) -> Board:
    students, employers = _seats(event)
    if not students:
        raise ValidationError(_("Er zijn nog geen jongeren aangemeld. Er is geen schema gemaakt."))
    if not employers:
        raise ValidationError(
            _("Er zijn nog geen werkgevers aangemeld. Er is geen schema gemaakt.")
        )
    profiles = [r.user.student_profile for r in students]
    scores, best = pair_scores(
        profiles, [r.employer_id for r in employers], region_id=event.region_id
    )
    return Board(students, employers, scores, best)


# --- wishes ----------------------------------------------------------------------------------


def _wishes(board: Board) -> list[list[int]]:
    column = {r.employer_id: j for j, r in enumerate(board.employers)}
    wanted = Registration.wanted_employers.through.objects.filter(
        registration_id__in=[r.pk for r in board.students]
    ).values_list("registration_id", "employer_id")
    by_student: dict[int, list[int]] = {}
    for registration_id, employer_id in wanted:
        if employer_id in column:
            by_student.setdefault(registration_id, []).append(column[employer_id])
    return [by_student.get(r.pk, [])[:MAX_WISHES] for r in board.students]


def _asked(board: Board) -> np.ndarray:
    """True where the student fits what the employer asked (a level, sectors: all that was
    asked); an employer who asked nothing gives no one a head start."""
    sectors: dict[int, set[int]] = {}
    through = Registration.wanted_sectors.through.objects.filter(
        registration_id__in=[r.pk for r in board.employers]
    )
    for registration_id, sector_id in through.values_list("registration_id", "sector_id"):
        sectors.setdefault(registration_id, set()).add(sector_id)
    profiles = [r.user.student_profile for r in board.students]
    liked = StudentProfile.sector_preferences.through.objects.filter(
        studentprofile_id__in=[p.pk for p in profiles]
    ).values_list("studentprofile_id", "sector_id")
    student_sectors: dict[int, set[int]] = {}
    for profile_id, sector_id in liked:
        student_sectors.setdefault(profile_id, set()).add(sector_id)
    asked = np.zeros(board.scores.shape, dtype=bool)
    for j, seat in enumerate(board.employers):
        wanted = sectors.get(seat.pk, set())
        if seat.wanted_level is None and not wanted:
            continue
        for i, profile in enumerate(profiles):
            level_ok = seat.wanted_level is None or profile.level == seat.wanted_level
            own = student_sectors.get(profile.pk, set())
            sector_ok = not wanted or bool(wanted & own)
            asked[i, j] = level_ok and sector_ok
    return asked


@transaction.atomic
def wishes_save(
    *, user: User, registration: Registration, employer_ids=(), level=None, sector_ids=()
) -> Registration:
    """A student names up to three registered employers; an employer asks a level and sectors."""
    event = registration.event
    ensure_can(user, "give_speeddate_wishes", event)
    if registration.employer_id is None:
        ids = {int(i) for i in employer_ids}
        if len(ids) > MAX_WISHES:
            raise ValidationError(_("Kies hoogstens drie werkgevers."))
        seats = event.registrations.filter(status__in=SEATED, employer_id__in=ids)
        if seats.count() != len(ids):
            raise ValidationError(_("Kies alleen werkgevers die bij dit evenement zijn."))
        registration.wanted_employers.set(ids)
        return registration
    if level not in (None, *(value for value, _label in LEVELS)):
        raise ValidationError(_("Kies een niveau uit de lijst."))
    registration.wanted_level = level
    registration.save(update_fields=["wanted_level"])
    registration.wanted_sectors.set(sector_ids)
    return registration


# --- building, swapping, publishing ------------------------------------------------------------

ERRORS = {
    "no_tables": gettext_lazy(
        "Er zijn geen tafels. Vul bij het evenement in hoeveel tafels er zijn."
    ),
    "no_rounds": gettext_lazy(
        "Er zijn geen rondes. Vul bij het evenement in hoeveel rondes er zijn."
    ),
    "only_breaks": gettext_lazy("Alle rondes zijn pauzes. Haal minstens één ronde uit de pauzes."),
    "bad_breaks": gettext_lazy(
        "Een pauzeronde bestaat niet. Kies pauzes binnen het aantal rondes."
    ),
    "no_pairs": gettext_lazy(
        "Geen enkele jongere past bij een werkgever: bij elk paar geldt een harde regel "
        "(zoals leeftijd, afstand of niveau). Er is geen schema gemaakt."
    ),
}


def round_times(event: MatchingEvent, number: int) -> tuple[datetime.datetime, datetime.datetime]:
    """A round's start and end: rounds (breaks too) follow each other from the event's start."""
    length = datetime.timedelta(minutes=event.round_minutes)
    starts = event.starts_at + (number - 1) * length
    return starts, starts + length


def _refuse_settings(event: MatchingEvent) -> None:
    """The settings no schedule comes from, checked before anything is read or written."""
    if event.kind != MatchingEvent.Kind.SPEEDDATE:
        raise ValidationError(_("Dit evenement heeft geen speeddates."))
    for code, bad in (("no_tables", event.tables < 1), ("no_rounds", event.rounds < 1)):
        if bad:
            raise ValidationError(str(ERRORS[code]))


@transaction.atomic
def schedule_build(*, event: MatchingEvent, actor: User, rebuild: bool = False) -> int:
    """Replace the draft schedule with the engine's; a published one only when `rebuild` is
    asked for (it goes back to draft and must be published again). Returns the number of dates."""
    ensure_can(actor, "schedule_speeddates", event)
    event = MatchingEvent.objects.select_for_update().get(pk=event.pk)
    _refuse_settings(event)
    if event.schedule_published_at is not None and not rebuild:
        raise ValidationError(
            _("Het schema is al gepubliceerd. Kies 'Opnieuw maken' om het te vervangen.")
        )
    answered = Q(student_wants_more__isnull=False) | Q(employer_wants_more__isnull=False)
    if event.speed_dates.filter(answered).exists():
        raise ValidationError(_("Er zijn al gesprekken gevoerd. Het schema blijft zoals het is."))
    board = schedule_board(event)
    try:
        plan = optimiser.schedule(
            board.scores,
            rounds=event.rounds,
            tables=event.tables,
            break_rounds=event.break_rounds,
            wishes=_wishes(board),
            asked=_asked(board),
        )
    except optimiser.ScheduleError as exc:
        raise ValidationError(str(ERRORS.get(exc.code, exc))) from exc
    event.speed_dates.all().delete()
    SpeedDate.objects.bulk_create(_rows(event, board, plan))
    if event.schedule_published_at is not None:
        event.schedule_published_at = None
        event.save(update_fields=["schedule_published_at"])
    return sum(len(dates) for dates in plan)


def _rows(event: MatchingEvent, board: Board, plan: optimiser.Plan) -> list[SpeedDate]:
    rows = []
    for number, dates in enumerate(plan, start=1):
        starts, ends = round_times(event, number)
        for d in dates:
            rows.append(
                SpeedDate(
                    event=event,
                    round=number,
                    table=d.table,
                    student=board.students[d.student],
                    employer=board.employers[d.employer],
                    opening_id=int(board.openings[d.student, d.employer]) or None,
                    score=round(d.score, 2),
                    starts_at=starts,
                    ends_at=ends,
                )
            )
    return rows


def _name(registration: Registration) -> str:
    return registration.user.get_full_name() or registration.user.email


def _why_not(profile: StudentProfile, seat: Registration) -> str:
    """The hard rules that keep every place of this employer from this student, in Dutch."""
    openings = Opening.objects.filter(employer_id=seat.employer_id, status=Opening.Status.OPEN)
    records = opening_records(openings)
    if not records:
        return _("%(employer)s heeft geen open plekken.") % {"employer": seat.employer.name}
    student = student_records([profile])[0]
    failures = min((hard_rules_failing(student, r) for r in records), key=len)
    return " ".join(rule_messages(failures, student=profile, opening=None))


def _check_pair(
    event: MatchingEvent, student: Registration, seat: Registration, skip: list[int]
) -> tuple[float, int | None]:
    """The new pair's score, or a Dutch ValidationError naming why it may not meet."""
    met = event.speed_dates.filter(student=student, employer=seat).exclude(pk__in=skip).first()
    if met is not None:
        raise ValidationError(
            _("%(student)s spreekt %(employer)s al in ronde %(round)s.")
            % {"student": _name(student), "employer": seat.employer.name, "round": met.round}
        )
    profile = student.user.student_profile
    scores, best = pair_scores([profile], [seat.employer_id], region_id=event.region_id)
    if np.isnan(scores[0, 0]):
        raise ValidationError(
            _("%(student)s en %(employer)s kunnen niet met elkaar praten. %(why)s")
            % {
                "student": _name(student),
                "employer": seat.employer.name,
                "why": _why_not(profile, seat),
            }
        )
    return float(scores[0, 0]), int(best[0, 0]) or None


def _date_pk(value) -> int | None:
    """A date's id as posted: ASCII digits within a bigint, else None."""
    text = str(value or "").strip()
    if not re.fullmatch(r"[0-9]{1,19}", text) or not 1 <= int(text) <= 2**63 - 1:
        return None
    return int(text)


@transaction.atomic
def schedule_swap(*, event: MatchingEvent, actor: User, date_a, date_b) -> None:
    """Swap the students of two dates in one round; every check passes or nothing changes."""
    ensure_can(actor, "schedule_speeddates", event)
    event = MatchingEvent.objects.select_for_update().get(pk=event.pk)
    if event.schedule_published_at is not None:
        raise ValidationError(
            _("Het schema is al gepubliceerd. Maak het opnieuw om nog iets te ruilen.")
        )
    pks = [_date_pk(date_a), _date_pk(date_b)]
    if None in pks:  # parsed before any query: '1.5' or a 20-digit number never reaches the DB
        raise ValidationError(_("Kies twee gesprekken uit dit schema."))
    dates = {
        d.pk: d
        for d in event.speed_dates.select_related(
            "student__user__student_profile", "employer__employer"
        ).filter(pk__in=pks)
    }
    try:
        a, b = dates[pks[0]], dates[pks[1]]
    except KeyError as exc:
        raise ValidationError(_("Kies twee gesprekken uit dit schema.")) from exc
    if a.pk == b.pk:
        raise ValidationError(_("Kies twee verschillende gesprekken."))
    if a.round != b.round:
        raise ValidationError(_("Je kunt alleen gesprekken uit dezelfde ronde ruilen."))
    skip = [a.pk, b.pk]
    score_a, opening_a = _check_pair(event, b.student, a.employer, skip)
    score_b, opening_b = _check_pair(event, a.student, b.employer, skip)
    new = [
        (a, b.student, score_a, opening_a),
        (b, a.student, score_b, opening_b),
    ]
    # Delete and write again: a row-by-row update would meet the one-date-per-round rule
    # half-way.
    SpeedDate.objects.filter(pk__in=skip).delete()
    for date, student, score, opening_id in new:
        date.student, date.score, date.opening_id = student, round(score, 2), opening_id
    SpeedDate.objects.bulk_create([date for date, *_rest in new])


def schedule_publish(*, event: MatchingEvent, actor: User) -> int:
    """Publish the schedule and tell every student and employer with a date, once. Returns
    the number of people told (0 when it was published already)."""
    ensure_can(actor, "schedule_speeddates", event)
    with transaction.atomic():
        if not event.speed_dates.exists():
            raise ValidationError(_("Er is nog geen schema. Maak eerst een schema."))
        now = timezone.now()
        claimed = MatchingEvent.objects.filter(
            pk=event.pk, schedule_published_at__isnull=True
        ).update(schedule_published_at=now)
        if not claimed:
            return 0
        seats = Registration.objects.filter(
            Q(dates_as_student__event=event) | Q(dates_as_employer__event=event)
        ).distinct()
        users = User.objects.filter(registrations__in=seats).distinct()
        for user in users:
            # In the product's language, not the organiser's (users store no language).
            notify(
                user=user,
                key=f"event:{event.pk}:speeddates:{now.timestamp():.0f}",
                code="event.speeddates",
                params={"event": event.pk, "title": event.title},
            )
    event.refresh_from_db(fields=["schedule_published_at"])
    return len(users)


# --- reading: the organiser's grid and each person's own dates ---------------------------------


def get_speeddate_event_for_user(user: User, pk, *, may: str) -> MatchingEvent:
    """A speed-date event (404 for anything else); 403 when this user may not do `may`, but
    404 for the organiser's pages of an event this user does not organise (a draft or another
    region's event: its existence is not revealed)."""
    event = MatchingEvent.objects.select_related("place").filter(pk=pk).first()
    if event is None or event.kind != MatchingEvent.Kind.SPEEDDATE:
        raise Http404
    if may == "schedule_speeddates" and not can(user, may, event):
        raise Http404
    ensure_can(user, may, event)
    return event


def schedule_dates(event: MatchingEvent) -> QuerySet[SpeedDate]:
    return event.speed_dates.select_related(
        "student__user__student_profile", "employer__employer", "opening"
    ).order_by("round", "table")


def schedule_grid(event: MatchingEvent) -> list[dict]:
    """Per round (breaks too): its times and dates, table by table, for the organiser."""
    by_round: dict[int, list[SpeedDate]] = {}
    for date in schedule_dates(event):
        by_round.setdefault(date.round, []).append(date)
    grid = []
    for number in range(1, event.rounds + 1):
        starts, ends = round_times(event, number)
        grid.append(
            {
                "number": number,
                "starts": starts,
                "ends": ends,
                "is_break": number in (event.break_rounds or []),
                "dates": by_round.get(number, []),
            }
        )
    return grid


def own_seat(user: User, event: MatchingEvent) -> Registration:
    """The user's seat at the event: their own registration, or their organisation's."""
    seats = event.registrations.filter(status__in=SEATED)
    if user.employer_id:
        seat = seats.filter(employer_id=user.employer_id).first()
    else:
        seat = seats.filter(user=user, employer__isnull=True).first()
    if seat is None:
        raise Http404
    return seat


def own_schedule(seat: Registration) -> list[dict]:
    """The seat's dates once published, with only what this side may see of the other."""
    event = seat.event
    if event.schedule_published_at is None:
        return []
    as_employer = seat.employer_id is not None
    mine = Q(employer=seat) if as_employer else Q(student=seat)
    rows = []
    for date in schedule_dates(event).filter(mine):
        if as_employer:
            profile = date.student.user.student_profile
            other = f"{date.student.user.first_name} ({dict(LEVELS).get(profile.level, '')})"
        else:
            other = date.employer.employer.name
        rows.append(
            {
                "round": date.round,
                "starts": date.starts_at,
                "ends": date.ends_at,
                "table": date.table,
                "other": other,
                "opening": date.opening.title if date.opening else "",
            }
        )
    return rows


def schedule_pdf(*, event: MatchingEvent, seat: Registration, rows: list[dict]) -> bytes:
    """One person's schedule on paper: time, table and who."""
    from xml.sax.saxutils import escape

    from reportlab.lib import colors
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.styles import getSampleStyleSheet
    from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

    buffer = io.BytesIO()
    pdf = SimpleDocTemplate(buffer, pagesize=A4, title=_("Mijn speeddates"))
    styles = getSampleStyleSheet()
    where = ", ".join(p for p in (event.address, event.place.name) if p)
    starts = timezone.localtime(event.starts_at)
    who = _("Met") if seat.employer_id is None else _("Jongere")
    table = [[_("Ronde"), _("Tijd"), _("Tafel"), who, _("Plek")]] + [
        [
            str(r["round"]),
            f"{timezone.localtime(r['starts']):%H:%M}–{timezone.localtime(r['ends']):%H:%M}",
            str(r["table"]),
            Paragraph(escape(r["other"]), styles["BodyText"]),
            Paragraph(escape(r["opening"]), styles["BodyText"]),
        ]
        for r in rows
    ]
    grid = Table(table, repeatRows=1, colWidths=[45, 80, 40, 150, 170])
    grid.setStyle(TableStyle([("GRID", (0, 0), (-1, -1), 0.5, colors.grey)]))
    story = [
        Paragraph(escape(_("Mijn speeddates")), styles["Title"]),
        Paragraph(escape(f"{event.title} · {starts:%d-%m-%Y} · {where}"), styles["Heading2"]),
        Paragraph(
            escape(_name(seat) if seat.employer_id is None else seat.employer.name),
            styles["BodyText"],
        ),  # fmt: skip
        Spacer(1, 8),
        grid if rows else Paragraph(escape(_("Je hebt geen gesprekken.")), styles["BodyText"]),
    ]
    pdf.build(story)
    return buffer.getvalue()
