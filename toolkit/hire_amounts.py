"""The hire checker's sums: per year (or studiejaar) what a regulation brings, from that year's
stored figures. A year without figures says so."""

import datetime
from decimal import Decimal

from django.utils.translation import gettext as _

from .hire_facts import (
    HOLIDAY_ALLOWANCE,
    HireFacts,
    YearAmount,
    YearFigures,
    add_years,
    calendar_years,
    day_text,
    eur,
    money,
    no_figures,
    overlap,
)


def lkv_amounts(facts: HireFacts, figures: dict[int, YearFigures]) -> list[YearAmount]:
    """Per calendar year: verloonde uren x the year's rate, at most the year's maximum, only in
    the first `max_years` years of the contract when that year's rules limit it."""
    out = []
    for year in calendar_years(facts):
        fig, label = figures.get(year), str(year)
        if fig is None or fig.hourly_rate is None or fig.max_per_year is None:
            out.append(no_figures(year, label))
            continue
        until = (
            add_years(facts.start, fig.max_years) - datetime.timedelta(days=1)
            if fig.max_years
            else None
        )
        days = overlap(facts, datetime.date(year, 1, 1), datetime.date(year, 12, 31), until)
        indicative = not fig.confirmed
        if days == 0:
            note = _("Na %(n)s jaar is er geen LKV meer voor deze werknemer.") % {
                "n": fig.max_years
            }
            out.append(YearAmount(year, label, Decimal(0), note, indicative))
        elif facts.hours_per_week is None:
            note = _("Tot € %(max)s; vul de uren per week in voor een schatting.") % {
                "max": eur(fig.max_per_year)
            }
            out.append(YearAmount(year, label, None, note, indicative))
        else:
            hours = facts.hours_per_week * days / 7
            amount = money(min(hours * fig.hourly_rate, fig.max_per_year))
            note = _("%(h)s uur x € %(r)s, hoogstens € %(max)s per jaar.") % {
                "h": hours.quantize(Decimal(1)),
                "r": eur(fig.hourly_rate),
                "max": eur(fig.max_per_year),
            }
            out.append(YearAmount(year, label, amount, note, indicative))
    return out


def _studiejaar(day: datetime.date) -> int:
    """A studiejaar runs from 1 August to 31 July; it is named by the year it starts."""
    return day.year if day.month >= 8 else day.year - 1


def praktijkleren_amounts(facts: HireFacts, figures: dict[int, YearFigures]) -> list[YearAmount]:
    """Per studiejaar: the year's amount per leerplaats (the paid amount when RVO set it, else the
    maximum), in proportion to the weeks of begeleiding up to the full number of weeks."""
    out = []
    for year in range(_studiejaar(facts.start), _studiejaar(facts.last_day) + 1):
        fig, label = figures.get(year), f"{year}/{year + 1}"
        base = fig and (fig.paid_per_year or fig.max_per_year)
        if fig is None or base is None:
            out.append(no_figures(year, label))
            continue
        days = overlap(facts, datetime.date(year, 8, 1), datetime.date(year + 1, 7, 31))
        full = fig.full_weeks or 40
        weeks = min(days // 7, full)
        amount = money(base * weeks / full)
        if fig.paid_per_year:
            note = _("%(w)s van %(f)s weken begeleiding; RVO betaalde dat jaar € %(p)s.") % {
                "w": weeks, "f": full, "p": eur(fig.paid_per_year),
            }  # fmt: skip
        else:
            note = _(
                "%(w)s van %(f)s weken begeleiding, van hoogstens € %(max)s. RVO verdeelt het "
                "budget over alle aanvragen: het echte bedrag kan lager zijn."
            ) % {"w": weeks, "f": full, "max": eur(fig.max_per_year)}
        out.append(
            YearAmount(year, label, amount, note, not fig.confirmed or not fig.paid_per_year)
        )
    return out


# The minimumjeugdloon: percent of the adult WML by age (Wet minimumloon, since 1 July 2019),
# and the lower percentages for a BBL contract at 18 to 20 (Besluit minimumjeugdloon).
YOUTH_WML = {15: Decimal("30"), 16: Decimal("34.5"), 17: Decimal("39.5"), 18: Decimal("50"),
             19: Decimal("60"), 20: Decimal("80")}  # fmt: skip
BBL_YOUTH_WML = {18: Decimal("45.5"), 19: Decimal("52.5"), 20: Decimal("61.5")}


def minimum_wage(facts: HireFacts, fig: YearFigures, year: int) -> tuple[Decimal, str]:
    """The hourly wettelijk minimumloon for this employee in this year, and how we got it: the
    jeugdloon percentage of the year's adult WML under 21, the adult WML when the age is not
    known (indicatief)."""
    if facts.age_on_start is None:
        return fig.min_hourly_wage, _(
            "leeftijd niet ingevuld: gerekend met het minimumloon voor 21 jaar en ouder"
        )
    age = facts.age_on_start + (year - facts.start.year)  # roughly, on 1 January
    bbl = facts.kind == "leerbaan" or facts.leerweg == "bbl"
    percent = (BBL_YOUTH_WML.get(age) if bbl else None) or YOUTH_WML.get(age)
    if age >= 21 or percent is None:
        return fig.min_hourly_wage, _("minimumloon voor 21 jaar en ouder")
    return money(fig.min_hourly_wage * percent / 100), _(
        "minimumjeugdloon voor %(age)s jaar: %(p)s%% van het minimumloon"
    ) % {"age": age, "p": eur(percent)}


def lks_amounts(facts: HireFacts, figures: dict[int, YearFigures]) -> list[YearAmount]:
    """Per calendar year (Participatiewet art. 10d): the gap between the loonwaarde and the
    wettelijk minimumloon (WML, with holiday allowance; under 21 the minimumjeugdloon), at most
    the year's maximum share of the WML, plus the year's percentage for the employer's costs.
    The wage the employer pays above the WML does not count."""
    out = []
    missing = None in (facts.loonwaarde, facts.hours_per_week)
    for year in calendar_years(facts):
        fig, label = figures.get(year), str(year)
        if fig is None or fig.percentage is None or fig.min_hourly_wage is None:
            out.append(no_figures(year, label))
            continue
        if missing:
            note = _("Vul de loonwaarde en de uren per week in voor een schatting.")
            out.append(YearAmount(year, label, None, note, True))
            continue
        days = overlap(facts, datetime.date(year, 1, 1), datetime.date(year, 12, 31))
        share = (100 - facts.loonwaarde) / 100
        if fig.max_share is not None:
            share = min(share, fig.max_share / 100)
        hourly, basis = minimum_wage(facts, fig, year)
        wml = hourly * (1 + HOLIDAY_ALLOWANCE) * facts.hours_per_week * days / 7
        amount = money(wml * share * (1 + fig.percentage / 100))
        note = _(
            "%(s)s%% van het minimumloon met vakantiegeld (€ %(w)s per uur, %(basis)s), plus "
            "%(p)s%% voor werkgeverslasten. Je eigen loon boven het minimumloon telt niet mee. "
            "De gemeente rekent het echte bedrag uit."
        ) % {
            "s": eur((share * 100).quantize(Decimal(1))),
            "w": eur(hourly),
            "basis": basis,
            "p": eur(fig.percentage),
        }
        out.append(YearAmount(year, label, amount, note, True))
    return out


def no_risk_years(facts: HireFacts, figures: dict[int, YearFigures]) -> list[YearAmount]:
    """No amount: per calendar year whether the polis still covers the contract."""
    out = []
    for year in calendar_years(facts):
        fig, label = figures.get(year), str(year)
        if fig is None:
            out.append(no_figures(year, label))
            continue
        until = add_years(facts.start, fig.max_years or 5) - datetime.timedelta(days=1)
        covered = overlap(facts, datetime.date(year, 1, 1), datetime.date(year, 12, 31), until)
        note = (
            _("De polis geldt (tot en met %(d)s).") % {"d": day_text(until)}
            if covered
            else _("De polis geldt niet meer: die duurt %(n)s jaar na de start.")
            % {"n": fig.max_years or 5}
        )
        out.append(YearAmount(year, label, None, note, not fig.confirmed))
    return out
