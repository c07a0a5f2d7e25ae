"""The engine's hard rules asked of one student and one place, in plain Dutch.

Every write that creates or moves a match or a placement asks `pair_allowed` first; pages ask
`pair_failures` to hide actions and say why. Records are built fresh from the database (never
from a cached index), so a rule is checked against what is true now.
"""

import datetime
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db.models import Q
from django.utils.formats import date_format, number_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from employers.models import Opening
from matching.engine import RuleFailure, hard_rules_failing

from ..models import StudentProfile, User
from ..permissions import openings_visible_to
from .matching_records import opening_records, student_records

# With the article, so a translation can choose its own ("a"/"an").
KIND_WORDS = {
    "bpv": gettext_lazy("een BPV-plek"),
    "leerbaan": gettext_lazy("een leerbaan"),
    "vacature": gettext_lazy("een vacature"),
}
WHY_NOT_LIMIT = 5
# Who reads a refusal: the student ("je"), a mediator (name and facts), the employer (nothing
# about the student: an anonymous candidate's age or home must not leak through a refusal).
READERS = ("student", "mediator", "employer")
PLACE_ONLY = ("closed", "full")  # facts about the place, not the student: fine for everyone
EMPLOYER_SENTENCE = gettext_lazy(
    "Deze kandidaat past nu niet bij een harde regel van deze plek (zoals leeftijd, afstand, "
    "uren of erkenning). De begeleider van de jongere weet dit."
)


def pair_failures(
    student: StudentProfile, opening: Opening, *, ignore: frozenset = frozenset()
) -> tuple[RuleFailure, ...]:
    """The hard rules this pair breaks now (codes in `ignore` left out)."""
    failures = failures_by_student([student], opening)[student.pk]
    return tuple(f for f in failures if f.code not in ignore)


def failures_by_student(
    students: list[StudentProfile], opening: Opening
) -> dict[int, tuple[RuleFailure, ...]]:
    """pair_failures for many students and one place in a fixed number of queries (for a list
    page that hides an action per row, e.g. the employer's yes on the candidates page)."""
    found = opening_records(Opening.objects.filter(pk=opening.pk))
    profiles = StudentProfile.objects.select_related("home_place").filter(
        pk__in=[s.pk for s in students]
    )
    if not found:
        return {s.pk: (RuleFailure("closed"),) for s in students}
    return {r.id: hard_rules_failing(r, found[0]) for r in student_records(profiles)}


def pair_allowed(
    student: StudentProfile,
    opening: Opening,
    *,
    reader: str = "mediator",
    ignore: frozenset = frozenset(),
) -> None:
    """Refuse (ValidationError naming each broken rule, as `reader` may read it) a write on a
    pair that breaks one."""
    failures = pair_failures(student, opening, ignore=ignore)
    if failures:
        raise ValidationError(
            rule_messages(failures, student=student, opening=opening, reader=reader),
            code="hard_rule",
        )


def _day(day) -> str:
    return date_format(day, "j F Y")


def _km(km: float, radius: float) -> str:
    """Whole km, unless that would read as equal to the radius."""
    return str(round(km)) if round(km) > radius else number_format(km, 1)


def _kinds(kinds) -> str:
    return _(" of ").join(str(KIND_WORDS.get(k, k)) for k in kinds)


# Per rule: its facts for the sentence, the sentence to the student ("je") and about them.
SENTENCES = {
    "closed": (lambda f: {}, gettext_lazy("Deze plek is niet meer open."), None),
    "full": (lambda f: {}, gettext_lazy("Deze plek is vol: alle plekken zijn al bezet."), None),
    "kind": (
        lambda f: {"wanted": _kinds(f["allowed"]), "kind": KIND_WORDS.get(f["kind"], f["kind"])},
        gettext_lazy("Dit is %(kind)s. Jij zoekt %(wanted)s."),
        gettext_lazy("Dit is %(kind)s. %(name)s zoekt %(wanted)s."),
    ),
    "leerweg": (
        lambda f: {"opening": f["opening_leerweg"].upper(), "student": f["leerweg"].upper()},
        gettext_lazy("Deze plek is voor %(opening)s-studenten. Jij doet %(student)s."),
        gettext_lazy("Deze plek is voor %(opening)s-studenten. %(name)s doet %(student)s."),
    ),
    "level": (
        lambda f: {"min": f["min_level"], "level": f["level"]},
        gettext_lazy("Deze plek is vanaf niveau %(min)s. Jij doet niveau %(level)s."),
        gettext_lazy("Deze plek is vanaf niveau %(min)s. %(name)s doet niveau %(level)s."),
    ),
    "min_age": (
        lambda f: {"min": f["min_age"], "age": f["age"]},
        gettext_lazy("Deze plek is vanaf %(min)s jaar. Jij bent op de startdatum %(age)s."),
        gettext_lazy("Deze plek is vanaf %(min)s jaar. %(name)s is op de startdatum %(age)s."),
    ),
    "night_work_minor": (
        lambda f: {"adult": f["adult_age"], "age": f["age"]},
        gettext_lazy(
            "Dit is nachtwerk. Onder de %(adult)s mag je geen nachtwerk doen. "
            "Jij bent op de startdatum %(age)s."
        ),
        gettext_lazy(
            "Dit is nachtwerk. Onder de %(adult)s mag je geen nachtwerk doen. "
            "%(name)s is op de startdatum %(age)s."
        ),
    ),
    "distance": (
        lambda f: {"km": _km(f["km"], f["radius_km"]), "radius": round(f["radius_km"])},
        gettext_lazy("Deze plek is %(km)s km van huis. Jij wilt tot %(radius)s km reizen."),
        gettext_lazy("Deze plek is %(km)s km van huis; de reisafstand is %(radius)s km."),
    ),
    "hours": (
        lambda f: {"hours": _whole(f["hours"]), "max": _whole(f["max_hours"])},
        gettext_lazy("Deze plek is %(hours)s uur per week. Jij kunt %(max)s uur per week."),
        gettext_lazy("Deze plek is %(hours)s uur per week. %(name)s kan %(max)s uur per week."),
    ),
}


def rule_message(failure: RuleFailure, *, student: StudentProfile, for_student: bool) -> str:
    """One broken rule with its facts, addressed to the student ("je") or about them."""
    return _sentence(failure, name=student.user.get_short_name(), for_student=for_student)


def _sentence(failure: RuleFailure, *, name: str, for_student: bool) -> str:
    """One broken rule in the active language; `name`: the student's first name."""
    f, you = failure.facts, {"name": name or _("de jongere")}
    if failure.code == "recognition":
        return _recognition_message(f, you, for_student)
    if failure.code == "dates":
        return _dates_message(f, you, for_student)
    if failure.code not in SENTENCES:
        return _("Een harde regel past niet (%(code)s).") % {"code": failure.code}
    facts, to_student, about = SENTENCES[failure.code]
    text = to_student if for_student or about is None else about
    return str(text) % {**facts(f), **you}


def _whole(number: float) -> str:
    return str(int(number)) if float(number).is_integer() else number_format(number, 1)


def _recognition_message(f: dict, you: dict, for_student: bool) -> str:
    if f["qualification_id"] is None:
        if for_student:
            return _(
                "Je opleiding staat nog niet in je profiel. Een BPV-plek kan alleen bij een "
                "erkend leerbedrijf voor je opleiding."
            )
        return (
            _(
                "De opleiding van %(name)s staat nog niet in het profiel. Een BPV-plek kan alleen "
                "bij een erkend leerbedrijf voor de opleiding."
            )
            % you
        )
    day = {"date": _day(f["start"])}
    if for_student:
        return _("Dit bedrijf is op %(date)s geen erkend leerbedrijf voor jouw opleiding.") % day
    return _(
        "Dit bedrijf is op %(date)s geen erkend leerbedrijf voor de opleiding van %(name)s."
    ) % {
        **day,
        **you,
    }


def _dates_message(f: dict, you: dict, for_student: bool) -> str:
    if f["available_to"] is not None and f["start"] > f["available_to"]:
        facts = {"start": _day(f["start"]), "to": _day(f["available_to"])}
        if for_student:
            return _("Deze plek begint op %(start)s. Jij kunt tot %(to)s.") % facts
        return _("Deze plek begint op %(start)s. %(name)s kan tot %(to)s.") % {**facts, **you}
    facts = {"end": _day(f["end"]), "from": _day(f["available_from"])}
    if for_student:
        return _("Deze plek stopt op %(end)s. Jij kunt pas vanaf %(from)s.") % facts
    return _("Deze plek stopt op %(end)s. %(name)s kan pas vanaf %(from)s.") % {**facts, **you}


def rule_messages(
    failures, *, student: StudentProfile, opening: Opening | None, reader: str = "mediator"
) -> list[str]:
    """Each broken rule as one short Dutch sentence (B1) with its facts, for `reader` (one of
    READERS); the employer reads the place's own facts and one neutral sentence for the rest."""
    return _sentences(failures, name=student.user.get_short_name(), reader=reader)


def _sentences(failures, *, name: str, reader: str) -> list[str]:
    if reader not in READERS:
        raise ValueError(reader)
    if reader == "employer":
        place = [f for f in failures if f.code in PLACE_ONLY]
        out = [_sentence(f, name=name, for_student=False) for f in place]
        if any(f.code not in PLACE_ONLY for f in failures):
            out.append(str(EMPLOYER_SENTENCE))
        return out
    for_student = reader == "student"
    return [_sentence(f, name=name, for_student=for_student) for f in failures]


# --- broken rules in a stored text (stored_texts): the codes and facts, worded when read -------

DATE_FACTS = ("start", "end", "available_from", "available_to")


def failures_as_params(failures) -> list[dict]:
    """Broken rules as JSON parameters of a stored text: each code with its facts (dates ISO)."""
    return [
        {
            "code": f.code,
            "facts": {
                k: v.isoformat() if isinstance(v, datetime.date) else v for k, v in f.facts.items()
            },
        }
        for f in failures
    ]


def stored_rule_messages(rows, *, name: str, reader: str = "mediator") -> list[str]:
    """Broken rules stored by `failures_as_params`, as sentences in the active language."""
    failures = [
        RuleFailure(
            row["code"],
            {
                k: datetime.date.fromisoformat(v) if k in DATE_FACTS and v else v
                for k, v in (row.get("facts") or {}).items()
            },
        )
        for row in rows
    ]
    return _sentences(failures, name=name, reader=reader)


@dataclass
class WhyNot:
    """A place asked about on a student's record: the rules that keep it out of their list."""

    opening: Opening
    reasons: list[str]

    @property
    def fits(self) -> bool:
        return not self.reasons


def why_not(*, viewer: User, student: StudentProfile, query: str) -> list[WhyNot]:
    """ "Waarom niet?": for the places that match `query` (an id or part of a title, among the
    places the viewer may see), which hard rules keep each out of the student's list."""
    query = (query or "").strip()
    if not query:
        return []
    # By title among the places of the student's region; by number any place the viewer sees.
    match = Q(title__icontains=query, employer__region_id=student.school.region_id)
    if query.isdigit():
        match |= Q(pk=int(query))
    openings = (
        openings_visible_to(viewer)
        .filter(match)
        .select_related("employer", "location__place")
        .order_by("title", "pk")[:WHY_NOT_LIMIT]
    )
    return [
        WhyNot(
            opening=o,
            reasons=rule_messages(pair_failures(student, o), student=student, opening=o),
        )
        for o in openings
    ]


__all__ = [
    "WhyNot",
    "failures_as_params",
    "failures_by_student",
    "pair_allowed",
    "pair_failures",
    "rule_messages",
    "stored_rule_messages",
    "why_not",
]
