"""The hire checker's building blocks: the facts of one hire, a year's figures, the outcome per
regulation, the rule and condition shapes, date helpers, and `evaluate` (a rule on the facts).
The regulations themselves are in toolkit/hire_check.py, their sums in toolkit/hire_amounts.py."""

from __future__ import annotations

import calendar
import datetime
from collections.abc import Callable
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal

from django.utils.formats import date_format, number_format
from django.utils.translation import gettext as _

APPLIES, NOT, MAYBE = "applies", "not", "maybe"
KINDS = ("bpv", "leerbaan", "vacature")
EDUCATION_TYPES = ("pro", "vso", "mbo")
HORIZON_YEARS = 3  # a hire without an end date: we estimate its first three years
HOLIDAY_ALLOWANCE = Decimal("0.08")  # the legal minimum vakantiebijslag, on top of the wage
CENT = Decimal("0.01")


@dataclass(frozen=True)
class HireFacts:
    """What we know of one hire. None means: not known (the checker then says what to check)."""

    kind: str  # "bpv" (stage), "leerbaan" (BBL job), "vacature" (job)
    start: datetime.date
    end: datetime.date | None = None
    leerweg: str = ""  # "bol", "bbl" or "" (none or not known)
    education: str = ""  # "pro", "vso", "mbo" or "" (not known)
    level: int | None = None
    age_on_start: int | None = None
    recognised: bool | None = None  # erkend leerbedrijf for this education on the start date
    recognised_until: datetime.date | None = None
    doelgroepregister: bool | None = None
    participatiewet: bool | None = None  # the gemeente supports them (e.g. a bijstandsuitkering)
    loonwaarde: Decimal | None = None  # percent of a full wage they can earn now (0-100)
    hourly_wage: Decimal | None = None
    hours_per_week: Decimal | None = None

    @property
    def has_contract(self) -> bool:
        return self.kind in ("leerbaan", "vacature")

    @property
    def last_day(self) -> datetime.date:
        return self.end or add_years(self.start, HORIZON_YEARS) - datetime.timedelta(days=1)


@dataclass(frozen=True)
class YearFigures:
    year: int
    max_per_year: Decimal | None = None
    paid_per_year: Decimal | None = None
    hourly_rate: Decimal | None = None
    percentage: Decimal | None = None
    max_share: Decimal | None = None
    max_years: int | None = None
    full_weeks: int | None = None
    min_hourly_wage: Decimal | None = None  # the wettelijk minimumloon per hour (21+), 1 January
    confirmed: bool = False
    notes: str = ""


@dataclass(frozen=True)
class YearAmount:
    year: int
    label: str
    amount: Decimal | None  # None: no estimate (no figures for the year, or facts missing)
    note: str = ""
    indicative: bool = False


@dataclass
class Outcome:
    code: str
    status: str
    reasons: list[str]
    years: list[YearAmount] = field(default_factory=list)
    next_steps: list[str] = field(default_factory=list)

    @property
    def total(self) -> Decimal | None:
        amounts = [y.amount for y in self.years if y.amount is not None]
        return sum(amounts, Decimal(0)) if amounts else None


Text = Callable[[HireFacts], str]


@dataclass(frozen=True)
class Condition:
    text: object  # the rule in words (lazy): printed on the regulation's page
    test: Callable[[HireFacts], bool | None]
    why_not: object  # lazy text, or a function of the facts
    to_check: object = None  # what to find out when the test cannot tell

    def say(self, what, facts: HireFacts) -> str:
        return what(facts) if callable(what) else str(what)


@dataclass(frozen=True)
class Rule:
    code: str
    name: object
    conditions: tuple[Condition, ...]
    amounts: Callable[[HireFacts, dict[int, YearFigures]], list[YearAmount]] | None = None
    steps: Callable[[HireFacts, str], list[str]] = lambda facts, status: []
    no_amount: object = ""  # why there is no yearly amount (a service, a policy)


# --- dates -------------------------------------------------------------------------------------


def add_years(day: datetime.date, years: int) -> datetime.date:
    try:
        return day.replace(year=day.year + years)
    except ValueError:  # 29 February
        return day.replace(year=day.year + years, day=28)


def add_months(day: datetime.date, months: int) -> datetime.date:
    month = day.month - 1 + months
    year, month = day.year + month // 12, month % 12 + 1
    return day.replace(
        year=year, month=month, day=min(day.day, calendar.monthrange(year, month)[1])
    )


def age_on(birth: datetime.date, day: datetime.date) -> int:
    return day.year - birth.year - ((day.month, day.day) < (birth.month, birth.day))


def days_between(first: datetime.date, last: datetime.date) -> int:
    return max((last - first).days + 1, 0)


def overlap(facts: HireFacts, first: datetime.date, last: datetime.date, until=None) -> int:
    end = min(facts.last_day, last, until or last)
    return days_between(max(facts.start, first), end)


def day_text(day: datetime.date) -> str:
    return date_format(day, "j F Y")


def eur(value: Decimal) -> str:
    """An amount as the reader writes it: 2.000 or 1,01 in Dutch, 2,000 or 1.01 in English."""
    places = 0 if value == value.to_integral_value() else 2
    return number_format(value, decimal_pos=places, use_l10n=True, force_grouping=True)


def money(value: Decimal) -> Decimal:
    return value.quantize(CENT, rounding=ROUND_HALF_UP)


def no_figures(year: int, label: str) -> YearAmount:
    return YearAmount(
        year, label, None, _("Nog geen bedragen bekend voor %(y)s.") % {"y": label}, True
    )


def calendar_years(facts: HireFacts) -> range:
    return range(facts.start.year, facts.last_day.year + 1)


def evaluate(rule: Rule, facts: HireFacts, figures: dict[int, YearFigures]) -> Outcome:
    """Not when a condition fails (all failing ones say why), maybe when one cannot be told
    from the facts (saying what to check), else it applies."""
    tested = [(c, c.test(facts)) for c in rule.conditions]
    failing = [c.say(c.why_not, facts) for c, ok in tested if ok is False]
    if failing:
        return Outcome(rule.code, NOT, failing)
    unknown = [c for c, ok in tested if ok is None]
    if unknown:
        reasons = [_("Hangt af van %(what)s") % {"what": c.say(c.to_check, facts)} for c in unknown]
        status = MAYBE
    else:
        reasons, status = [str(c.text) for c in rule.conditions], APPLIES
    years = rule.amounts(facts, figures) if rule.amounts else []
    return Outcome(rule.code, status, reasons, years, rule.steps(facts, status))
