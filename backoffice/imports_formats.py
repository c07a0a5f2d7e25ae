"""The three import formats as data: columns with their Dutch headers, whether they are required
and how a cell is read, plus the example rows of the downloadable templates.

A parser takes the cell (text from a CSV, or a number, date or bool from Excel) and the file's
`Lookups`, and returns the value or raises `CellProblem` with a plain Dutch message. An empty
cell of an optional column is left out of the row: on an update it keeps what is stored.
"""

import datetime
import re
from collections.abc import Callable
from dataclasses import dataclass, field

from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from matching.models import SupportKind

from .imports_lookups import Lookups


class CellProblem(Exception):
    """A cell that cannot be read; the message is shown after "Rij 14, geboortedatum: "."""


@dataclass(frozen=True)
class Column:
    header: str  # as in the template; matched case-insensitively
    field: str  # the key in a read row
    parse: Callable[[object, Lookups], object]
    required: bool = False
    examples: tuple = ("", "")  # the two example rows of the template
    help: str = ""


@dataclass(frozen=True)
class Format:
    kind: str
    columns: tuple[Column, ...]
    key: tuple[str, ...]  # fields that identify a row in the source (duplicates are refused)
    # A column that school staff may leave out (their own school is filled in).
    scope_column: str | None = None
    by_header: dict = field(default_factory=dict, compare=False)

    def __post_init__(self):
        self.by_header.update({c.header.lower(): c for c in self.columns})

    def column(self, field_name: str) -> Column:
        return next(c for c in self.columns if c.field == field_name)


# --- cell parsers -----------------------------------------------------------------------------

DUTCH_DATE = re.compile(r"^(\d{1,2})[-/.](\d{1,2})[-/.](\d{4})$")
ISO_DATE = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})(?:[T ][\d:.]+)?$")
YES = {"ja", "j", "yes", "y", "waar", "true", "1", "x"}
NO = {"nee", "n", "no", "onwaar", "false", "0"}
LIST_SPLIT = re.compile(r"[;,|]")


def text_of(value) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))  # Excel turns 12345 into 12345.0
    return str(value).strip()


def parse_text(max_length: int) -> Callable:
    def parse(value, lookups: Lookups) -> str:
        text = text_of(value)
        if len(text) > max_length:
            raise CellProblem(_("is te lang (hoogstens %(n)s tekens)") % {"n": max_length})
        return text

    return parse


def parse_email(value, lookups: Lookups) -> str:
    from django.core.validators import validate_email

    text = text_of(value).lower()
    try:
        validate_email(text)
    except Exception as exc:
        raise CellProblem(_("%(v)s is geen e-mailadres") % {"v": text}) from exc
    return text


def parse_url(value, lookups: Lookups) -> str:
    from django.core.validators import URLValidator

    text = text_of(value)
    if "://" not in text:
        text = f"https://{text}"
    try:
        URLValidator()(text)
    except Exception as exc:
        raise CellProblem(_("%(v)s is geen webadres") % {"v": text_of(value)}) from exc
    return text


def parse_date(value, lookups: Lookups) -> datetime.date:
    if isinstance(value, datetime.datetime):
        return value.date()
    if isinstance(value, datetime.date):
        return value
    text = text_of(value)
    dutch, iso = DUTCH_DATE.match(text), ISO_DATE.match(text)
    if dutch:
        day, month, year = (int(g) for g in dutch.groups())
    elif iso:
        year, month, day = (int(g) for g in iso.groups())
    else:
        raise CellProblem(_("%(v)s is geen datum; schrijf de datum zo: 31-01-2009") % {"v": text})
    try:
        return datetime.date(year, month, day)
    except ValueError as exc:
        raise CellProblem(_("%(v)s bestaat niet") % {"v": text}) from exc


# The product serves ages 12 to 27; a date outside 12 to 30 years before the import is a typo.
YOUNGEST_AGE, OLDEST_AGE = 12, 30


def parse_birth_date(value, lookups: Lookups) -> datetime.date:
    born = parse_date(value, lookups)
    today = timezone.localdate()
    age = today.year - born.year - ((today.month, today.day) < (born.month, born.day))
    if age < YOUNGEST_AGE:
        raise CellProblem(
            _("%(v)s maakt de leerling jonger dan %(n)s jaar; kijk of het jaar klopt")
            % {"v": f"{born:%d-%m-%Y}", "n": YOUNGEST_AGE}
        )
    if age > OLDEST_AGE:
        raise CellProblem(
            _("%(v)s maakt de leerling ouder dan %(n)s jaar; kijk of het jaar klopt")
            % {"v": f"{born:%d-%m-%Y}", "n": OLDEST_AGE}
        )
    return born


def parse_whole_number(low: int, high: int) -> Callable:
    def parse(value, lookups: Lookups) -> int:
        if isinstance(value, bool):
            raise CellProblem(_("moet een getal zijn"))
        text = text_of(value).replace(" ", "")
        try:
            number = float(text.replace(",", "."))  # 12,0 as the Dutch write it
        except ValueError as exc:
            raise CellProblem(_("%(v)s is geen getal") % {"v": text}) from exc
        if not number.is_integer():
            raise CellProblem(_("%(v)s moet een heel getal zijn") % {"v": text})
        if not low <= number <= high:
            raise CellProblem(
                _("%(v)s moet tussen %(low)s en %(high)s liggen")
                % {"v": text, "low": low, "high": high}
            )
        return int(number)

    return parse


def parse_yes_no(value, lookups: Lookups) -> bool:
    if isinstance(value, bool):
        return value
    text = text_of(value).lower()
    if text in YES:
        return True
    if text in NO:
        return False
    raise CellProblem(_("%(v)s is geen ja of nee") % {"v": text})


def parse_choice(choices: dict[str, str], label: str) -> Callable:
    """`choices`: what people write (lower case) → the stored value."""

    def parse(value, lookups: Lookups) -> str:
        text = text_of(value)
        try:
            return choices[text.lower()]
        except KeyError as exc:
            raise CellProblem(
                _("%(v)s kennen we niet; kies uit %(options)s") % {"v": text, "options": label}
            ) from exc

    return parse


def parse_place(value, lookups: Lookups) -> int:
    return lookups.place(text_of(value))


def parse_crebo(value, lookups: Lookups) -> int:
    return lookups.qualification(text_of(value))


def parse_crebos(value, lookups: Lookups) -> list[int]:
    return _each(value, lookups.qualification)


def parse_competencies(value, lookups: Lookups) -> list[int]:
    return _each(value, lookups.competency)


def parse_certificates(value, lookups: Lookups) -> list[int]:
    return _each(value, lookups.certificate)


def parse_school(value, lookups: Lookups) -> int:
    return lookups.school(text_of(value))


def parse_jobhunter(value, lookups: Lookups) -> int:
    return lookups.jobhunter(text_of(value))


def parse_mentor(value, lookups: Lookups) -> int:
    return lookups.mentor(text_of(value))


def parse_sector(value, lookups: Lookups) -> int:
    return lookups.sector(text_of(value))


def parse_kvk(value, lookups: Lookups) -> str:
    text = text_of(value).replace(" ", "")
    if not re.fullmatch(r"\d{8}", text):
        raise CellProblem(_("%(v)s is geen KvK-nummer (8 cijfers)") % {"v": text})
    return text


SUPPORT_WORDS = {str(label).lower(): value for value, label in SupportKind.choices} | {
    value: value for value in SupportKind.values
}


def parse_support(value, lookups: Lookups) -> list[str]:
    def one(word: str) -> str:
        try:
            return SUPPORT_WORDS[word.lower()]
        except KeyError as exc:
            raise CellProblem(_("%(v)s is geen soort begeleiding") % {"v": word}) from exc

    return _each(value, one)


def _each(value, lookup: Callable[[str], object]) -> list:
    """A list in one cell, split on ; , or |; every unknown item named in one message."""
    found, unknown = [], []
    for item in LIST_SPLIT.split(text_of(value)):
        item = item.strip()
        if not item:
            continue
        try:
            found.append(lookup(item))
        except CellProblem as exc:
            unknown.append(str(exc))
    if unknown:
        raise CellProblem("; ".join(unknown))
    return list(dict.fromkeys(found))


# --- the formats ------------------------------------------------------------------------------

# Not one of the demo's employers (12345678 + i * 104729 and 70000000 + i): importing the
# template must not rename a real employer.
EXAMPLE_KVK = "99000001"
EDUCATION = {"pro": "pro", "praktijkonderwijs": "pro", "vso": "vso", "mbo": "mbo"}
LEERWEG = {"bol": "bol", "bbl": "bbl"}
OPENING_KINDS = {
    "bpv": "bpv",
    "bpv-plek": "bpv",
    "stage": "bpv",
    "leerbaan": "leerbaan",
    "bbl": "leerbaan",
    "vacature": "vacature",
    "baan": "vacature",
}

STUDENTS = Format(
    kind="students",
    key=("school", "external_id"),
    scope_column="school",
    columns=(
        Column("school", "school", parse_school, True, ("33NW", "31PN"),  # demo schools
               gettext_lazy("naam of BRIN-nummer; leeg voor je eigen school")),
        Column("leerlingnummer", "external_id", parse_text(40), True, ("100234", "100235")),
        Column("voornaam", "first_name", parse_text(80), True, ("Sanne", "Daan")),
        Column("achternaam", "last_name", parse_text(120), True, ("de Boer", "Bakker")),
        Column("e-mailadres", "email", parse_email, True,
               ("sanne.deboer@example.nl", "daan.bakker@example.nl")),
        Column("geboortedatum", "date_of_birth", parse_birth_date, True,
               ("31-01-2009", "2008-06-15")),
        Column("onderwijs", "education_type", parse_choice(EDUCATION, "PrO, VSO, MBO"), True,
               ("MBO", "PrO")),
        Column("niveau", "level", parse_whole_number(0, 4), False, ("2", "")),
        Column("crebo", "qualification", parse_crebo, False, ("25180", "")),
        Column("leerweg", "leerweg", parse_choice(LEERWEG, "BOL, BBL"), False, ("BOL", "")),
        Column("woonplaats", "home_place", parse_place, True, ("Groningen", "Assen")),
        Column("reisafstand km", "travel_radius_km", parse_whole_number(1, 200), False,
               ("15", "10")),
        Column("beschikbaar vanaf", "available_from", parse_date, True,
               ("01-02-2027", "01-09-2027")),
        Column("beschikbaar tot", "available_to", parse_date, False, ("30-06-2027", "")),
        Column("uren per week", "hours_per_week", parse_whole_number(1, 60), False,
               ("24", "16")),
        Column("zoekt werk na school", "school_leaver", parse_yes_no, False, ("nee", "ja")),
        Column("verwachte diplomadatum", "expected_diploma_date", parse_date, False,
               ("01-07-2028", "")),
        Column("start bpv", "bpv_start_date", parse_date, False, ("01-02-2027", "")),
        Column("vaardigheden", "competencies", parse_competencies, False,
               ("Op tijd komen; Samenwerken", "Netjes werken")),
        Column("certificaten", "certificates", parse_certificates, False, ("VCA", "")),
        # Optional: without a jobhunter nobody in mediation sees the student.
        Column("jobhunter", "jobhunter", parse_jobhunter, False, ("", ""),
               gettext_lazy("e-mailadres van een jobhunter van je regio")),
        Column("mentor", "mentor", parse_mentor, False, ("", ""),
               gettext_lazy("e-mailadres van een medewerker van de school")),
    ),
)  # fmt: skip

EMPLOYERS = Format(
    kind="employers",
    key=("kvk_number", "location_name"),
    columns=(
        Column("kvk-nummer", "kvk_number", parse_kvk, True, (EXAMPLE_KVK, EXAMPLE_KVK)),
        Column("naam", "name", parse_text(200), True, ("Bakkerij Zoet", "Bakkerij Zoet")),
        Column("sector", "sector", parse_sector, True, ("Horeca", "Horeca")),
        Column("e-mailadres", "contact_email", parse_email, False, ("info@zoet.example", "")),
        Column("telefoon", "contact_phone", parse_text(20), False, ("050 123 4567", "")),
        Column("website", "website", parse_url, False, ("https://zoet.example", "")),
        Column("vestiging", "location_name", parse_text(200), True, ("Centrum", "Zuid")),
        Column("adres", "address", parse_text(200), False, ("Grote Markt 1", "Laan 2")),
        Column("plaats", "place", parse_place, True, ("Groningen", "Haren")),
        Column("erkend voor crebo", "recognitions", parse_crebos, False, ("25180", "")),
        Column("erkend vanaf", "valid_from", parse_date, False, ("01-08-2024", "")),
        Column("erkend tot", "valid_to", parse_date, False, ("31-07-2028", "")),
    ),
)  # fmt: skip

OPENINGS = Format(
    kind="openings",
    key=("kvk_number", "external_id"),
    columns=(
        Column("kvk-nummer", "kvk_number", parse_kvk, True, (EXAMPLE_KVK, EXAMPLE_KVK)),
        Column("kenmerk", "external_id", parse_text(60), True, ("BPV-2027-01", "VAC-7")),
        Column("titel", "title", parse_text(200), True, ("Bakker in opleiding", "Winkelhulp")),
        Column("soort", "kind", parse_choice(OPENING_KINDS, "BPV-plek, leerbaan, vacature"),
               True, ("BPV-plek", "vacature")),
        Column("vestiging", "location", parse_text(200), True, ("Centrum", "Zuid")),
        Column("sector", "sector", parse_sector, False, ("Horeca", "")),
        Column("omschrijving", "description", parse_text(5000), False,
               ("Je helpt bij het bakken.", "")),
        Column("crebo's", "accepted_qualifications", parse_crebos, False, ("25180", "")),
        Column("minimaal niveau", "min_level", parse_whole_number(0, 4), False, ("1", "0")),
        Column("leerweg", "leerweg", parse_choice(LEERWEG, "BOL, BBL"), False, ("BOL", "")),
        Column("vaardigheden nodig", "required_competencies", parse_competencies, False,
               ("Op tijd komen", "Klantvriendelijk")),
        Column("vaardigheden mooi meegenomen", "nice_competencies", parse_competencies, False,
               ("Samenwerken", "")),
        Column("certificaten", "required_certificates", parse_certificates, False, ("", "")),
        Column("uren per week", "hours_per_week", parse_whole_number(1, 60), False, ("32", "12")),
        Column("avondwerk", "evening_work", parse_yes_no, False, ("nee", "ja")),
        Column("nachtwerk", "night_work", parse_yes_no, False, ("nee", "nee")),
        Column("weekendwerk", "weekend_work", parse_yes_no, False, ("ja", "ja")),
        Column("startdatum", "start_date", parse_date, True, ("01-02-2027", "01-03-2027")),
        Column("einddatum", "end_date", parse_date, False, ("30-06-2027", "")),
        Column("aantal plekken", "places", parse_whole_number(1, 500), False, ("2", "1")),
        Column("minimumleeftijd", "min_age", parse_whole_number(0, 27), False, ("16", "16")),
        Column("vergoeding", "compensation", parse_text(200), False, ("€ 300 per maand", "")),
        Column("begeleiding", "support_offered", parse_support, False,
               ("Vaste praktijkbegeleider", "")),
        Column("publiceren", "publish", parse_yes_no, False, ("ja", "nee")),
    ),
)  # fmt: skip

FORMATS = {f.kind: f for f in (STUDENTS, EMPLOYERS, OPENINGS)}
