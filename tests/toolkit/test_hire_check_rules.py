"""The hire checker's rules, per regulation: worked examples with their sums, and the edge of
every condition (a boundary on the start date, BOL against BBL, an expired recognition, a hire
over two years with each year's own figures, a year without figures)."""

import datetime
from dataclasses import replace
from decimal import Decimal

import pytest

from toolkit.hire_check import (
    APPLIES,
    MAYBE,
    NOT,
    RULES,
    HireFacts,
    YearFigures,
    add_months,
    age_on,
    evaluate,
)

D = datetime.date
PRAKTIJKLEREN = {
    year: YearFigures(year, max_per_year=Decimal(2700), full_weeks=40) for year in (2024, 2025)
}
LKV = {
    2024: YearFigures(2024, hourly_rate=Decimal("1.01"), max_per_year=Decimal(2000), max_years=3),
    2025: YearFigures(2025, hourly_rate=Decimal("1.01"), max_per_year=Decimal(2000), max_years=3),
    2026: YearFigures(2026, hourly_rate=Decimal("1.01"), max_per_year=Decimal(2000)),
}
WML = {2024: Decimal("13.27"), 2025: Decimal("14.06"), 2026: Decimal("14.71")}  # per 1 January
LKS = {
    year: YearFigures(
        year, percentage=Decimal("23.5"), max_share=Decimal(70), min_hourly_wage=WML[year]
    )
    for year in (2024, 2025, 2026)
}
NO_RISK = {year: YearFigures(year, max_years=5) for year in range(2024, 2031)}

BBL_JOB = HireFacts(
    kind="leerbaan", start=D(2024, 8, 1), end=D(2025, 7, 31), leerweg="bbl", education="mbo",
    recognised=True,
)  # fmt: skip
JOB = HireFacts(
    kind="vacature", start=D(2025, 1, 1), end=D(2025, 12, 31), education="vso",
    hours_per_week=Decimal(20), doelgroepregister=True,
)  # fmt: skip


def check(code: str, facts: HireFacts, figures=None):
    return evaluate(RULES[code], facts, figures or {})


def amounts(outcome) -> dict[str, Decimal | None]:
    return {y.label: y.amount for y in outcome.years}


# --- Subsidieregeling praktijkleren -------------------------------------------------------------


def test_a_bbl_year_at_a_recognised_company_earns_the_maximum_per_studiejaar():
    outcome = check("praktijkleren", BBL_JOB, PRAKTIJKLEREN)
    assert outcome.status == APPLIES
    assert amounts(outcome) == {"2024/2025": Decimal("2700.00")}
    assert any("RVO" in step for step in outcome.next_steps)


def test_fewer_weeks_of_supervision_earn_a_proportional_part():
    facts = replace(BBL_JOB, start=D(2025, 2, 3), end=D(2025, 7, 31))  # 178 days: 25 weeks
    assert amounts(check("praktijkleren", facts, PRAKTIJKLEREN)) == {
        "2024/2025": Decimal("1687.50")  # 2700 x 25 / 40
    }


def test_a_bol_internship_never_counts_for_praktijkleren():
    facts = replace(BBL_JOB, kind="bpv", leerweg="bol")
    outcome = check("praktijkleren", facts, PRAKTIJKLEREN)
    assert outcome.status == NOT
    assert "BOL" in outcome.reasons[0]
    assert outcome.years == []


def test_a_bbl_internship_counts_like_a_leerbaan():
    assert check("praktijkleren", replace(BBL_JOB, kind="bpv")).status == APPLIES


def test_a_recognition_that_ended_the_day_before_the_start_rules_praktijkleren_out():
    facts = replace(BBL_JOB, recognised=None, recognised_until=D(2024, 7, 31))
    outcome = check("praktijkleren", facts, PRAKTIJKLEREN)
    assert outcome.status == NOT
    assert "liep af op 31 juli 2024" in outcome.reasons[0]


def test_a_recognition_that_ends_on_the_start_date_still_counts():
    facts = replace(BBL_JOB, recognised=True, recognised_until=D(2024, 8, 1))
    assert check("praktijkleren", facts, PRAKTIJKLEREN).status == APPLIES


def test_no_recognition_at_all_rules_praktijkleren_out_and_unknown_asks_to_check_sbb():
    assert check("praktijkleren", replace(BBL_JOB, recognised=False)).status == NOT
    unknown = check("praktijkleren", replace(BBL_JOB, recognised=None), PRAKTIJKLEREN)
    assert unknown.status == MAYBE
    assert unknown.reasons == [
        "Hangt af van of je bedrijf op de startdatum erkend leerbedrijf is (SBB)."
    ]
    assert any("SBB" in step for step in unknown.next_steps)


def test_a_pro_internship_may_count_as_a_leerwerktraject():
    facts = HireFacts(kind="bpv", start=D(2024, 9, 1), education="pro", recognised=True)
    outcome = check("praktijkleren", facts, PRAKTIJKLEREN)
    assert outcome.status == MAYBE
    assert "leerwerktraject" in outcome.reasons[0]


def test_a_studiejaar_without_figures_says_no_amounts_are_known_yet():
    facts = replace(BBL_JOB, start=D(2026, 8, 1), end=D(2027, 7, 31))
    outcome = check("praktijkleren", facts, PRAKTIJKLEREN)
    (year,) = outcome.years
    assert (year.label, year.amount) == ("2026/2027", None)
    assert year.note == "Nog geen bedragen bekend voor 2026/2027."


def test_a_hire_over_two_studiejaren_counts_each_with_its_own_weeks():
    facts = replace(BBL_JOB, start=D(2025, 3, 3), end=D(2025, 10, 31))  # 21 + 13 weeks
    assert amounts(check("praktijkleren", facts, PRAKTIJKLEREN)) == {
        "2024/2025": Decimal("1417.50"),  # 2700 x 21 / 40
        "2025/2026": Decimal("877.50"),  # 2700 x 13 / 40
    }


# --- Loonkostenvoordeel doelgroep banenafspraak -------------------------------------------------


def test_lkv_is_the_paid_hours_times_the_rate():
    outcome = check("lkv-banenafspraak", JOB, LKV)
    assert outcome.status == APPLIES
    # 20 hours x 365 / 7 days = 1042.86 hours x € 1.01
    assert amounts(outcome) == {"2025": Decimal("1053.29")}


def test_lkv_never_exceeds_the_yearly_maximum():
    facts = replace(JOB, hours_per_week=Decimal(40))  # 2085.71 hours x € 1.01 = 2106.57
    assert amounts(check("lkv-banenafspraak", facts, LKV)) == {"2025": Decimal("2000.00")}


def test_lkv_asks_for_the_doelgroepverklaring_within_three_months_of_the_start():
    steps = check("lkv-banenafspraak", JOB, LKV).next_steps
    assert "uiterlijk 1 april 2025" in steps[0]


def test_lkv_needs_a_contract_not_an_internship():
    outcome = check("lkv-banenafspraak", replace(JOB, kind="bpv"), LKV)
    assert outcome.status == NOT
    assert "stage" in outcome.reasons[0]


def test_lkv_without_the_register_does_not_apply_and_unknown_says_what_to_ask():
    assert check("lkv-banenafspraak", replace(JOB, doelgroepregister=False)).status == NOT
    unknown = check("lkv-banenafspraak", replace(JOB, doelgroepregister=None), LKV)
    assert unknown.status == MAYBE
    assert "doelgroepregister" in unknown.reasons[0]


def test_each_year_of_a_long_hire_uses_that_years_lkv_rules():
    """Until 2025 the LKV stops after 3 years; the 2026 rules have no such limit."""
    facts = replace(JOB, start=D(2021, 7, 1), end=D(2026, 12, 31), hours_per_week=Decimal(40))
    outcome = check("lkv-banenafspraak", facts, LKV)
    got = amounts(outcome)
    assert got["2024"] == Decimal("1050.40")  # 1 January - 30 June 2024: 182 days x 40 / 7 h
    assert got["2025"] == Decimal(0)
    assert got["2026"] == Decimal("2000.00")
    assert got["2021"] is None and got["2023"] is None  # no figures stored for those years


def test_the_same_hire_in_another_year_uses_that_years_figures():
    dearer = LKV | {
        2026: YearFigures(2026, hourly_rate=Decimal("1.50"), max_per_year=Decimal(3000))
    }
    facts = replace(JOB, start=D(2026, 1, 1), end=D(2026, 12, 31))
    assert amounts(check("lkv-banenafspraak", facts, dearer)) == {"2026": Decimal("1564.29")}
    assert amounts(check("lkv-banenafspraak", JOB, dearer)) == {"2025": Decimal("1053.29")}


# --- Loonkostensubsidie (Participatiewet) -------------------------------------------------------

LKS_JOB = HireFacts(
    kind="vacature", start=D(2025, 1, 1), end=D(2025, 12, 31), participatiewet=True,
    loonwaarde=Decimal(60), hourly_wage=Decimal(14), hours_per_week=Decimal(32),
)  # fmt: skip


def test_loonkostensubsidie_is_the_gap_between_loonwaarde_and_minimumloon_not_the_wage():
    # The employer pays € 14 an hour, but the subsidy follows the WML (2025: € 14,06, age not
    # known: the adult WML): 14.06 x 1.08 x 32 h x 365/7 = 25,336.92; 40% of it (100 - 60)
    # = 10,134.77; x 1.235 for werkgeverslasten. (The old figure, 12,463.03, took the wage.)
    outcome = check("loonkostensubsidie", LKS_JOB, LKS)
    assert outcome.status == APPLIES
    assert amounts(outcome) == {"2025": Decimal("12516.44")}
    assert "leeftijd niet ingevuld" in outcome.years[0].note
    assert outcome.years[0].indicative
    # A higher wage than the WML changes nothing.
    dearer = check("loonkostensubsidie", replace(LKS_JOB, hourly_wage=Decimal(20)), LKS)
    assert amounts(dearer) == amounts(outcome)


def test_loonkostensubsidie_is_at_most_seventy_percent_of_the_minimumloon():
    low = check("loonkostensubsidie", replace(LKS_JOB, loonwaarde=Decimal(20)), LKS)
    assert amounts(low) == {"2025": Decimal("21903.77")}  # 25,336.92 x 70% x 1.235
    assert low.years[0].note.startswith("70% van het minimumloon met vakantiegeld")


def test_the_reviewers_example_an_18_year_old_gets_the_gap_to_the_minimumjeugdloon():
    # /toolkit/wat-levert-het-op/?...&age=18&loonwaarde=40&hourly_wage=20, 2026, 32 h: the old
    # answer was € 26.706,49 (60% of the entered € 20). Now: minimumjeugdloon at 18 = 50% of
    # € 14,71 = € 7,36; 7.36 x 1.08 x 32 x 365/7 = 13,263.14; x 60% x 1.235 = 9,827.99.
    facts = replace(
        LKS_JOB, start=D(2026, 1, 1), end=D(2026, 12, 31), age_on_start=18,
        loonwaarde=Decimal(40), hourly_wage=Decimal(20), education="pro",
    )  # fmt: skip
    outcome = check("loonkostensubsidie", facts, LKS)
    assert amounts(outcome) == {"2026": Decimal("9827.99")}
    assert "minimumjeugdloon voor 18 jaar: 50%" in outcome.years[0].note
    # 21 or older: the adult WML (14.71 x 1.08 x 32 x 365/7 x 60% x 1.235).
    adult = check("loonkostensubsidie", replace(facts, age_on_start=21), LKS)
    assert amounts(adult) == {"2026": Decimal("19642.62")}
    # A BBL contract at 18: the lower BBL staffel, 45.5% = € 6,69.
    bbl = check("loonkostensubsidie", replace(facts, kind="leerbaan", leerweg="bbl"), LKS)
    assert amounts(bbl) == {"2026": Decimal("8933.32")}


def test_a_year_without_a_stored_minimumloon_has_no_lks_amount():
    no_wml = {2025: replace(LKS[2025], min_hourly_wage=None)}
    outcome = check("loonkostensubsidie", LKS_JOB, no_wml)
    assert amounts(outcome) == {"2025": None}
    assert outcome.years[0].note == "Nog geen bedragen bekend voor 2025."


def test_a_loonwaarde_of_99_still_counts_and_100_does_not():
    assert check("loonkostensubsidie", replace(LKS_JOB, loonwaarde=Decimal(99))).status == APPLIES
    full = check("loonkostensubsidie", replace(LKS_JOB, loonwaarde=Decimal(100)))
    assert full.status == NOT
    assert "100 procent" in full.reasons[0]


def test_loonkostensubsidie_needs_a_contract_and_the_participatiewet():
    assert check("loonkostensubsidie", replace(LKS_JOB, kind="bpv")).status == NOT
    outside = replace(LKS_JOB, participatiewet=False, doelgroepregister=False, education="mbo")
    assert check("loonkostensubsidie", outside).status == NOT


def test_a_pro_or_vso_leaver_belongs_to_the_participatiewet():
    facts = replace(LKS_JOB, participatiewet=None, education="pro")
    assert check("loonkostensubsidie", facts, LKS).status == APPLIES


def test_without_a_measured_loonwaarde_the_checker_waits_for_the_measurement():
    outcome = check("loonkostensubsidie", replace(LKS_JOB, loonwaarde=None), LKS)
    assert outcome.status == MAYBE
    assert outcome.reasons == ["Hangt af van wat de loonwaardemeting van de gemeente zegt."]
    assert amounts(outcome) == {"2025": None}


# --- No-riskpolis ----------------------------------------------------------------------------


def test_the_no_riskpolis_covers_five_years_from_the_start():
    facts = replace(JOB, start=D(2024, 3, 1), end=D(2030, 12, 31))
    outcome = check("no-riskpolis", facts, NO_RISK)
    assert outcome.status == APPLIES
    notes = {y.label: y.note for y in outcome.years}
    assert notes["2029"] == "De polis geldt (tot en met 28 februari 2029)."
    assert notes["2030"].startswith("De polis geldt niet meer")


def test_outside_the_register_a_no_risk_statement_is_possible_until_the_age_of_30():
    facts = replace(JOB, doelgroepregister=False, age_on_start=29)
    assert check("no-riskpolis", facts).status == MAYBE
    outcome = check("no-riskpolis", replace(facts, age_on_start=30))
    assert outcome.status == NOT
    assert "30" in outcome.reasons[0]


def test_age_on_the_start_date_turns_on_the_birthday():
    born = D(1995, 3, 1)
    assert age_on(born, D(2025, 2, 28)) == 29
    assert age_on(born, D(2025, 3, 1)) == 30


def test_the_no_riskpolis_is_for_employees_not_interns():
    assert check("no-riskpolis", replace(JOB, kind="bpv")).status == NOT


# --- Jobcoach ----------------------------------------------------------------------------------

COACHED = replace(JOB, start=D(2025, 1, 1), end=D(2025, 6, 30), hours_per_week=Decimal(12))


def test_a_jobcoach_fits_a_contract_of_exactly_six_months_and_twelve_hours():
    assert add_months(D(2025, 1, 1), 6) == D(2025, 7, 1)
    outcome = check("jobcoach", COACHED)
    assert outcome.status == APPLIES
    assert outcome.years == []


def test_a_day_short_of_six_months_or_under_twelve_hours_is_too_little_for_a_jobcoach():
    assert check("jobcoach", replace(COACHED, end=D(2025, 6, 29))).reasons == [
        "Het contract duurt korter dan 6 maanden."
    ]
    assert check("jobcoach", replace(COACHED, hours_per_week=Decimal("11.5"))).status == NOT


def test_a_jobcoach_without_known_support_needs_depends_on_uwv_or_the_gemeente():
    outcome = check("jobcoach", replace(COACHED, doelgroepregister=None, end=None))
    assert outcome.status == MAYBE


# --- Praktijkroute, proefplaatsing, werkplekaanpassing -----------------------------------------

ROUTE = HireFacts(
    kind="vacature", start=D(2025, 1, 1), doelgroepregister=False, participatiewet=True,
    loonwaarde=Decimal(70),
)  # fmt: skip


def test_the_praktijkroute_opens_the_register_for_someone_the_gemeente_supports():
    outcome = check("praktijkroute", ROUTE)
    assert outcome.status == APPLIES
    assert "doelgroepregister" in outcome.next_steps[0]


def test_the_praktijkroute_is_not_needed_for_someone_already_in_the_register():
    outcome = check("praktijkroute", replace(ROUTE, doelgroepregister=True))
    assert outcome.reasons == ["De jongere staat al in het doelgroepregister."]


def test_the_praktijkroute_needs_a_job_and_the_gemeente():
    assert check("praktijkroute", replace(ROUTE, kind="bpv")).status == NOT
    assert check("praktijkroute", replace(ROUTE, participatiewet=False)).status == NOT


def test_a_proefplaatsing_can_only_come_before_the_contract():
    # During a proefplaatsing no wage is paid: for a hire with a contract it is a "maybe",
    # before the contract, never "applies".
    outcome = check("proefplaatsing", ROUTE)
    assert outcome.status == MAYBE
    assert "vóór het contract" in outcome.reasons[0]
    assert check("proefplaatsing", replace(ROUTE, participatiewet=False)).status == NOT
    assert check("proefplaatsing", replace(ROUTE, kind="bpv")).status == NOT


def test_a_workplace_adjustment_always_depends_on_the_need():
    assert check("werkplekaanpassing", ROUTE).status == MAYBE


@pytest.mark.parametrize("code", list(RULES))
def test_every_rule_states_its_conditions_in_words(code):
    assert RULES[code].conditions
    assert all(str(c.text) for c in RULES[code].conditions)
