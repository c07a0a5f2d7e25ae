"""What a student or a parent reads about a match and a place: plain words, one place per reader.

The wording of every status lives here, one mapping per audience: the student reads "je", a
parent reads the same about their child in the third person. Each text says where the match
stands and the next step, with its date where there is one. Staff keep the pipeline's own
status names (`Match.get_status_display`). "Waarom past dit?" is built here too, in three
blocks, from the engine's explanation (matched and missing items); each block's count is the
length of its own list.
"""

import datetime
from dataclasses import dataclass, field

from django.utils import formats, timezone
from django.utils.functional import Promise
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from matching.models import SupportKind

from .models import Match, MatchStatus, Region, Role, StudentProfile, User
from .services.ranking import RankedOpening, reasons

S = MatchStatus
STUDENT, PARENT = "student", "parent"
READERS = (STUDENT, PARENT)
DEFAULT_ANSWER_DAYS = 5  # the region's answer_reminder_days when no region is known


@dataclass(frozen=True)
class StatusWords:
    """One match's status as its reader reads it: a short label, where it stands (`now`) and
    the next step (`next`), and the next step's date, if any (for a <time> element)."""

    status: str
    label: str
    now: str
    next: str = ""
    when: datetime.date | None = None


# --- the words, per reader --------------------------------------------------------------------
# Keys: the status, or "status:variant" where the same status reads differently (a date known
# or not, who said no). Placeholders: %(name)s the child's first name, %(employer)s, %(days)d
# working days, %(date)s and %(time)s of the next step.

STUDENT_WORDS: dict[str, tuple[Promise, Promise]] = {
    S.VOORGESTELD: (
        gettext_lazy("Je begeleider denkt dat deze plek bij je past."),
        gettext_lazy("Kijk of de plek bij je past en zeg binnen %(days)d werkdagen ja of nee."),
    ),
    f"{S.VOORGESTELD}:werkgever_ja": (
        gettext_lazy("De werkgever wil je graag leren kennen."),
        gettext_lazy("Kijk of de plek bij je past en zeg binnen %(days)d werkdagen ja of nee."),
    ),
    S.INTERESSE_STUDENT: (
        gettext_lazy("Je hebt interesse laten zien."),
        gettext_lazy("De werkgever reageert meestal binnen %(days)d werkdagen."),
    ),
    S.INTERESSE_WERKGEVER: (
        gettext_lazy("Jij en de werkgever willen allebei verder."),
        gettext_lazy(
            "Je begeleider maakt een afspraak voor een kennismaking en laat je weten wanneer."
        ),
    ),
    f"{S.KENNISMAKING}:datum": (
        gettext_lazy("Je hebt een kennismakingsgesprek bij %(employer)s."),
        gettext_lazy(
            "Het gesprek is op %(date)s om %(time)s. Vraag je begeleider wat je meeneemt."
        ),
    ),
    f"{S.KENNISMAKING}:geweest": (
        gettext_lazy("Je had een kennismakingsgesprek bij %(employer)s op %(date)s."),
        gettext_lazy("Je begeleider bespreekt met je hoe het ging en wat de volgende stap is."),
    ),
    S.KENNISMAKING: (
        gettext_lazy("Er komt een kennismakingsgesprek bij %(employer)s."),
        gettext_lazy("Je begeleider laat je weten wanneer het is."),
    ),
    S.AANBOD: (
        gettext_lazy("%(employer)s biedt je de plek aan."),
        gettext_lazy(
            "Laat je begeleider binnen %(days)d werkdagen weten of je ja zegt. Twijfel je? "
            "Vraag het je begeleider."
        ),
    ),
    f"{S.GEPLAATST}:datum": (
        gettext_lazy("Je hebt de plek!"),
        gettext_lazy("Je eerste werkdag is %(date)s."),
    ),
    S.GEPLAATST: (
        gettext_lazy("Je hebt de plek!"),
        gettext_lazy("Je begeleider laat je weten wanneer je begint."),
    ),
    f"{S.GESTART}:gesprek": (
        gettext_lazy("Je werkt hier sinds %(start)s."),
        gettext_lazy("Op %(date)s vraagt je begeleider hoe het gaat."),
    ),
    S.GESTART: (
        gettext_lazy("Je werkt hier sinds %(start)s."),
        gettext_lazy("Gaat er iets niet goed? Vertel het je begeleider."),
    ),
    f"{S.AFGEWEZEN}:zelf": (
        gettext_lazy("Je hebt gezegd dat deze plek niet bij je past."),
        gettext_lazy("Je begeleider zoekt met je verder."),
    ),
    S.AFGEWEZEN: (
        gettext_lazy("Deze plek gaat niet door."),
        gettext_lazy("Dat is jammer. Je begeleider zoekt met je verder naar een andere plek."),
    ),
    f"{S.INGETROKKEN}:zelf": (
        gettext_lazy("Je hebt gezegd dat je niet verder wilt met deze plek."),
        gettext_lazy("Je begeleider zoekt met je verder."),
    ),
    S.INGETROKKEN: (
        gettext_lazy("Deze plek gaat niet door."),
        gettext_lazy("Dat is jammer. Je begeleider zoekt met je verder naar een andere plek."),
    ),
}

PARENT_WORDS: dict[str, tuple[Promise, Promise]] = {
    S.VOORGESTELD: (
        gettext_lazy("De begeleider van %(name)s denkt dat deze plek past."),
        gettext_lazy("%(name)s kijkt of de plek past en zegt binnen %(days)d werkdagen ja of nee."),
    ),
    f"{S.VOORGESTELD}:werkgever_ja": (
        gettext_lazy("De werkgever wil %(name)s graag leren kennen."),
        gettext_lazy("%(name)s kijkt of de plek past en zegt binnen %(days)d werkdagen ja of nee."),
    ),
    S.INTERESSE_STUDENT: (
        gettext_lazy("%(name)s heeft interesse laten zien."),
        gettext_lazy("De werkgever reageert meestal binnen %(days)d werkdagen."),
    ),
    S.INTERESSE_WERKGEVER: (
        gettext_lazy("%(name)s en de werkgever willen allebei verder."),
        gettext_lazy("De begeleider maakt een afspraak voor een kennismaking."),
    ),
    f"{S.KENNISMAKING}:datum": (
        gettext_lazy("%(name)s heeft een kennismakingsgesprek bij %(employer)s."),
        gettext_lazy("Het gesprek is op %(date)s om %(time)s."),
    ),
    f"{S.KENNISMAKING}:geweest": (
        gettext_lazy("%(name)s had een kennismakingsgesprek bij %(employer)s op %(date)s."),
        gettext_lazy("De begeleider bespreekt met %(name)s hoe het ging."),
    ),
    S.KENNISMAKING: (
        gettext_lazy("Er komt een kennismakingsgesprek bij %(employer)s."),
        gettext_lazy("De begeleider laat %(name)s weten wanneer het is."),
    ),
    S.AANBOD: (
        gettext_lazy("%(employer)s biedt %(name)s de plek aan."),
        gettext_lazy(
            "%(name)s laat binnen %(days)d werkdagen weten of het een ja is. Praat er samen over."
        ),
    ),
    f"{S.GEPLAATST}:datum": (
        gettext_lazy("%(name)s heeft de plek!"),
        gettext_lazy("De eerste werkdag is %(date)s."),
    ),
    S.GEPLAATST: (
        gettext_lazy("%(name)s heeft de plek!"),
        gettext_lazy("De begeleider laat %(name)s weten wanneer het werk begint."),
    ),
    f"{S.GESTART}:gesprek": (
        gettext_lazy("%(name)s werkt hier sinds %(start)s."),
        gettext_lazy("Op %(date)s vraagt de begeleider hoe het gaat."),
    ),
    S.GESTART: (
        gettext_lazy("%(name)s werkt hier sinds %(start)s."),
        gettext_lazy("Gaat er iets niet goed? Neem contact op met de begeleider."),
    ),
    f"{S.AFGEWEZEN}:zelf": (
        gettext_lazy("%(name)s heeft gezegd dat deze plek niet past."),
        gettext_lazy("De begeleider zoekt met %(name)s verder."),
    ),
    S.AFGEWEZEN: (
        gettext_lazy("Deze plek gaat niet door."),
        gettext_lazy("De begeleider zoekt met %(name)s verder naar een andere plek."),
    ),
    f"{S.INGETROKKEN}:zelf": (
        gettext_lazy("%(name)s wil niet verder met deze plek."),
        gettext_lazy("De begeleider zoekt met %(name)s verder."),
    ),
    S.INGETROKKEN: (
        gettext_lazy("Deze plek gaat niet door."),
        gettext_lazy("De begeleider zoekt met %(name)s verder naar een andere plek."),
    ),
}

# A short label per status: the status chip and the steps of the timeline.
STUDENT_LABELS: dict[str, Promise] = {
    S.VOORGESTELD: gettext_lazy("Voorstel van je begeleider"),
    S.INTERESSE_STUDENT: gettext_lazy("Jij hebt interesse"),
    S.INTERESSE_WERKGEVER: gettext_lazy("Jullie willen allebei verder"),
    S.KENNISMAKING: gettext_lazy("Kennismaking"),
    S.AANBOD: gettext_lazy("Je krijgt een aanbod"),
    S.GEPLAATST: gettext_lazy("Je hebt de plek"),
    S.GESTART: gettext_lazy("Je bent begonnen"),
    S.AFGEWEZEN: gettext_lazy("Gaat niet door"),
    S.INGETROKKEN: gettext_lazy("Gaat niet door"),
}
PARENT_LABELS: dict[str, Promise] = {
    S.VOORGESTELD: gettext_lazy("Voorstel van de begeleider"),
    S.INTERESSE_STUDENT: gettext_lazy("%(name)s heeft interesse"),
    S.INTERESSE_WERKGEVER: gettext_lazy("Allebei interesse"),
    S.KENNISMAKING: gettext_lazy("Kennismaking"),
    S.AANBOD: gettext_lazy("Aanbod van de werkgever"),
    S.GEPLAATST: gettext_lazy("Plek gekregen"),
    S.GESTART: gettext_lazy("Begonnen met werken"),
    S.AFGEWEZEN: gettext_lazy("Gaat niet door"),
    S.INGETROKKEN: gettext_lazy("Gaat niet door"),
}
WORDS = {STUDENT: STUDENT_WORDS, PARENT: PARENT_WORDS}
LABELS = {STUDENT: STUDENT_LABELS, PARENT: PARENT_LABELS}


def reader_for(user: User) -> str | None:
    """Who reads in plain words: the student and the parent; staff read the pipeline's names."""
    return {Role.STUDENT: STUDENT, Role.OUDER: PARENT}.get(getattr(user, "role", None))


def _day(value: datetime.date) -> str:
    return formats.date_format(value, "j F Y")


def _placement(match: Match):
    try:
        return match.placement
    except Match.placement.RelatedObjectDoesNotExist:
        return None


def _next_checkin(placement, today: datetime.date):
    """The next check-in not yet held, from the prefetched check-ins where there are."""
    planned = [c for c in placement.checkins.all() if c.done_at is None]
    planned = [c for c in planned if c.planned_for >= today]
    return min(planned, key=lambda c: c.planned_for) if planned else None


def _variant(match: Match, today: datetime.date) -> tuple[str, dict, datetime.date | None]:
    """Which text of the match's status applies, its date values and the next step's date."""
    status = match.status
    if status == S.VOORGESTELD and match.employer_response == Match.Response.YES:
        return f"{status}:werkgever_ja", {}, None
    if status == S.KENNISMAKING and match.meeting_at:
        at = timezone.localtime(match.meeting_at)
        values = {"date": _day(at.date()), "time": formats.time_format(at.time(), "H:i")}
        if at.date() < today:
            return f"{status}:geweest", values, None
        return f"{status}:datum", values, at.date()
    if status in (S.GEPLAATST, S.GESTART):
        placement = _placement(match)
        if placement is None:
            return status, {"start": "", "date": ""}, None
        start = {"start": _day(placement.start_date)}
        if status == S.GEPLAATST:
            return f"{status}:datum", {"date": _day(placement.start_date)}, placement.start_date
        checkin = _next_checkin(placement, today)
        if checkin is not None:
            values = {**start, "date": _day(checkin.planned_for)}
            return f"{status}:gesprek", values, checkin.planned_for
        return status, start, None
    if status in (S.AFGEWEZEN, S.INGETROKKEN) and match.student_response == Match.Response.NO:
        return f"{status}:zelf", {}, None
    return status, {}, None


def status_words(
    match: Match,
    *,
    reader: str,
    answer_days: int = DEFAULT_ANSWER_DAYS,
    today: datetime.date | None = None,
    name: str | None = None,
) -> StatusWords:
    """The match's status for `reader` (STUDENT or PARENT), in the active language. `name`:
    the student's first name, when the caller has it (else read from the match)."""
    today = today or timezone.localdate()
    key, values, when = _variant(match, today)
    now, step = WORDS[reader][key]
    if name is None:
        name = match.student.user.first_name
    values = {
        "name": name or _("je kind"),
        "employer": match.opening.employer.name,
        "days": answer_days,
        **values,
    }
    return StatusWords(
        status=match.status,
        label=str(LABELS[reader][match.status]) % values,
        now=str(now) % values,
        next=str(step) % values,
        when=when,
    )


def step_label(status: str, *, reader: str | None, name: str = "") -> str:
    """A timeline step's name for this reader ("" for a note without a step); `name`: the
    student's first name, for a parent's labels."""
    if not status:
        return ""
    if reader is None:
        return str(S(status).label)
    return str(LABELS[reader][status]) % {"name": name or _("je kind")}


# The steps whose text names the working days someone has to answer.
ANSWER_STEPS = (S.VOORGESTELD, S.INTERESSE_STUDENT, S.AANBOD)


def answer_days_for(student: StudentProfile) -> int:
    """The region's working days before someone who owes an answer is reminded (one query)."""
    days = (
        Region.objects.filter(schools__pk=student.school_id)
        .values_list("answer_reminder_days", flat=True)
        .first()
    )
    return DEFAULT_ANSWER_DAYS if days is None else days


def with_status_words(matches, *, reader: str, student: StudentProfile) -> list:
    """Each match with `.status_words` for this reader; the region is read only when a text
    names the days to answer in."""
    matches = list(matches)
    needs_days = any(m.status in ANSWER_STEPS for m in matches)
    days = answer_days_for(student) if needs_days else DEFAULT_ANSWER_DAYS
    today = timezone.localdate()
    name = student.user.first_name
    for match in matches:
        match.status_words = status_words(
            match, reader=reader, answer_days=days, today=today, name=name
        )
    return matches


# --- "Waarom past dit?" in three blocks -------------------------------------------------------


@dataclass(frozen=True)
class Block:
    """One block of the explanation; `count` is always the length of `items`."""

    key: str
    title: str
    items: tuple[str, ...]
    empty: str  # what the block says when its list is empty
    note: str = ""

    @property
    def count(self) -> int:
        return len(self.items)


@dataclass(frozen=True)
class WhyItFits:
    can: Block  # wat je al kunt
    learn: Block  # wat je hier leert
    help: Block  # hulp die je hier krijgt
    summary: str  # "Je kunt al 3 van de 5 dingen die ze vragen."
    other: tuple[str, ...] = field(default_factory=tuple)  # distance, sector, qualification

    @property
    def blocks(self) -> tuple[Block, Block, Block]:
        return (self.can, self.learn, self.help)


def _name(item: dict) -> str:
    if item["kind"] == "certificate":
        return _("certificaat %(name)s") % {"name": item["name"]}
    return item["name"]


def _support_name(code: str) -> str:
    return str(SupportKind(code).label) if code in SupportKind.values else code


def why_it_fits(item: RankedOpening) -> WhyItFits:
    """The explanation of one place for the student, from the engine's matched and missing
    items: what they can already (skills and certificates they have), what they learn here (the
    asked skills they do not have yet, and certificates they still need), and the help the
    place offers (the help they asked for first). Support they need and the place does not
    offer is a question to ask, not help they get."""
    asked = [m for m in item.matched if m["kind"] != "support"]
    to_learn = [m for m in item.missing if m["kind"] != "support"]
    support_ok = [m for m in item.matched if m["kind"] == "support"]
    support_ask = [m["name"] for m in item.missing if m["kind"] == "support"]
    offered = item.opening.support_offered if item.opening else []
    matched_ids = {m["id"] for m in support_ok}
    help_items = [m["name"] for m in support_ok] + [
        _support_name(code) for code in offered or () if code not in matched_ids
    ]
    note = ""
    if support_ask:
        note = _("Vraag of ze dit kunnen bieden: %(names)s.") % {"names": ", ".join(support_ask)}
    total = len(asked) + len(to_learn)
    summary = ""
    if total:
        summary = ngettext(
            "Je kunt al %(have)d van de %(all)d ding dat ze vragen.",
            "Je kunt al %(have)d van de %(all)d dingen die ze vragen.",
            total,
        ) % {"have": len(asked), "all": total}
    other = ()
    if item.result is not None:
        other = tuple(reasons(item.result, [], [], for_student=True))
    return WhyItFits(
        can=Block(
            "can",
            _("Wat je al kunt"),
            tuple(_name(m) for m in asked),
            _("Nog niets van wat ze vragen. Dat geeft niet: je leert het hier."),
        ),
        learn=Block(
            "learn",
            _("Wat je hier leert"),
            tuple(_name(m) for m in to_learn),
            _("Je kunt al alles wat ze vragen."),
        ),
        help=Block(
            "help",
            _("Hulp die je hier krijgt"),
            tuple(help_items),
            _("Deze plek noemt geen extra hulp. Vraag wat je nodig hebt."),
            note,
        ),
        summary=summary,
        other=other,
    )


def with_why_it_fits(items: list[RankedOpening]) -> list[RankedOpening]:
    """Each ranked place with `.why` for the student's pages."""
    for item in items:
        item.why = why_it_fits(item)
    return items
