"""The hire checker's rules: for one concrete hire (HireFacts), per regulation whether it applies,
why (not), the estimated amount per year and what to do next.

Each regulation's conditions are stated once, here, as Condition objects: the checker tests
them and the regulation pages print their texts. No database: the figures per year come in as
YearFigures (stored in toolkit.RegulationYear), so the same hire in another year uses that
year's figures, and a year without figures says so."""

from __future__ import annotations

import datetime

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from .hire_amounts import lks_amounts, lkv_amounts, no_risk_years, praktijkleren_amounts
from .hire_facts import (
    APPLIES,
    MAYBE,
    NOT,
    Condition,
    HireFacts,
    Outcome,
    Rule,
    YearFigures,
    add_months,
    add_years,
    age_on,
    day_text,
    evaluate,
)

__all__ = [
    "APPLIES", "MAYBE", "NOT", "RULES", "HireFacts", "Outcome", "Rule", "YearFigures",
    "add_months", "add_years", "age_on", "check_hire", "evaluate",
]  # fmt: skip

# --- conditions used by several regulations ---------------------------------------------------

CONTRACT = Condition(
    gettext_lazy(
        "De jongere werkt bij je met een arbeidscontract: een leerbaan (BBL) of een baan."
    ),
    lambda f: f.has_contract,
    gettext_lazy("Bij een stage (BPV-plek) zonder arbeidscontract geldt deze regeling niet."),
)


def _in_register(f: HireFacts) -> bool | None:
    return f.doelgroepregister


IN_REGISTER = Condition(
    gettext_lazy("De jongere staat in het doelgroepregister banenafspraak van UWV."),
    _in_register,
    gettext_lazy("De jongere staat niet in het doelgroepregister banenafspraak."),
    gettext_lazy(
        "of de jongere in het doelgroepregister staat. De jongere ziet dat zelf in Mijn UWV; "
        "vraag het de jongere of de jobhunter."
    ),
)


def _bbl_or_pro_vso(f: HireFacts) -> bool | None:
    if f.leerweg == "bol":
        return False
    if f.leerweg == "bbl" or f.kind == "leerbaan":
        return True
    if f.kind == "vacature":
        return False
    if f.education in ("pro", "vso"):
        return None
    return False if f.education == "mbo" else None


def _leerweg_why_not(f: HireFacts) -> str:
    if f.leerweg == "bol" or (f.education == "mbo" and f.kind == "bpv"):
        return _("Een BOL-stage telt niet mee: de regeling is voor mbo alleen voor BBL.")
    return _("Een baan zonder BBL-opleiding telt niet mee.")


def _recognised(f: HireFacts) -> bool | None:
    if f.recognised is False:
        return False
    if f.recognised_until is not None and f.recognised_until < f.start:
        return False
    return f.recognised


def _recognised_why_not(f: HireFacts) -> str:
    if f.recognised_until is not None and f.recognised_until < f.start:
        return _("De erkenning als leerbedrijf liep af op %(d)s, voor de startdatum.") % {
            "d": day_text(f.recognised_until)
        }
    return _("Je bedrijf is op de startdatum geen erkend leerbedrijf voor deze opleiding.")


def _in_participatiewet(f: HireFacts) -> bool | None:
    if f.participatiewet or f.doelgroepregister or f.education in ("pro", "vso"):
        return True
    if f.participatiewet is False and f.doelgroepregister is False:
        return False
    return None


def _loonwaarde_below_full(f: HireFacts) -> bool | None:
    return None if f.loonwaarde is None else f.loonwaarde < 100


# --- next steps -------------------------------------------------------------------------------


def _praktijkleren_steps(f: HireFacts, status: str) -> list[str]:
    steps = []
    if _recognised(f) is None:
        steps.append(_("Kijk bij SBB of je erkend leerbedrijf bent voor deze opleiding."))
    if f.education in ("pro", "vso") and f.leerweg != "bbl":
        steps.append(_("Vraag de school of deze stage als leerwerktraject meetelt bij RVO."))
    steps += [
        _("Sluit een praktijkovereenkomst met de school en de student."),
        _("Houd per week bij dat je de student begeleidt."),
        _("Vraag de subsidie na het studiejaar aan bij RVO, met eHerkenning."),
    ]
    return steps


def _lkv_steps(f: HireFacts, status: str) -> list[str]:
    steps = []
    if f.doelgroepregister is None:
        steps.append(
            _("Vraag de jongere of de jobhunter of de jongere in het doelgroepregister staat.")
        )
    steps += [
        _(
            "Laat de werknemer uiterlijk %(d)s een doelgroepverklaring LKV aanvragen bij UWV "
            "(binnen 3 maanden na de eerste werkdag)."
        )
        % {"d": day_text(add_months(f.start, 3))},
        _("Zet het LKV aan in je loonaangifte. De Belastingdienst betaalt het jaar erna uit."),
    ]
    return steps


def _lks_steps(f: HireFacts, status: str) -> list[str]:
    return [
        _("Vraag de gemeente of het WSP om een loonwaardemeting op de werkplek, vóór de start."),
        _(
            "Betaal het minimumloon of het cao-loon; de gemeente betaalt het deel boven de "
            "loonwaarde."
        ),
    ]


def _no_risk_steps(f: HireFacts, status: str) -> list[str]:
    if status == APPLIES:
        return [
            _(
                "Je hoeft niets aan te vragen. Wordt de werknemer ziek, meld het bij UWV en "
                "zeg dat de no-riskpolis geldt."
            )
        ]
    return [
        _("Vraag de jongere of de jobhunter of de jongere in het doelgroepregister staat."),
        _(
            "Had de jongere door ziekte of een beperking moeite met school? Dan kan de jongere "
            "bij UWV een no-riskverklaring aanvragen (onder de 30, binnen 5 jaar na school)."
        ),
    ]


def _jobcoach_steps(f: HireFacts, status: str) -> list[str]:
    return [
        _("Vraag het WSP, UWV of de gemeente om een jobcoach, liefst vóór de start."),
        _("Een eigen collega als jobcoach? Vraag UWV naar de vergoeding voor interne jobcoaching."),
    ]


def _praktijkroute_steps(f: HireFacts, status: str) -> list[str]:
    return [
        _(
            "Vraag de gemeente naar de praktijkroute: een loonwaardemeting op de werkplek kan de "
            "jongere in het doelgroepregister brengen. Dan kunnen ook het LKV en de "
            "no-riskpolis gelden."
        )
    ]


def _proefplaatsing_steps(f: HireFacts, status: str) -> list[str]:
    return [_("Vraag de proefplaatsing aan vóór de eerste werkdag, bij UWV of de gemeente.")]


def _werkplek_steps(f: HireFacts, status: str) -> list[str]:
    return [_("Vraag de voorziening aan bij UWV of de gemeente, voordat je kosten maakt.")]


# --- the regulations --------------------------------------------------------------------------

RULES: dict[str, Rule] = {
    rule.code: rule
    for rule in (
        Rule(
            "praktijkleren",
            gettext_lazy("Subsidieregeling praktijkleren"),
            (
                Condition(
                    gettext_lazy(
                        "Het is een leerplek bij een opleiding die meetelt: mbo-BBL, of een "
                        "leerwerktraject van PrO of VSO. Een BOL-stage telt niet."
                    ),
                    _bbl_or_pro_vso,
                    _leerweg_why_not,
                    gettext_lazy(
                        "of de school deze stage als leerwerktraject laat meetellen (PrO: het "
                        "laatste schooljaar; VSO: uitstroomprofiel arbeidsmarkt)."
                    ),
                ),
                Condition(
                    gettext_lazy("Je bedrijf is op de startdatum erkend leerbedrijf (SBB)."),
                    _recognised,
                    _recognised_why_not,
                    gettext_lazy("of je bedrijf op de startdatum erkend leerbedrijf is (SBB)."),
                ),
            ),
            praktijkleren_amounts,
            _praktijkleren_steps,
        ),
        Rule(
            "lkv-banenafspraak",
            gettext_lazy("Loonkostenvoordeel (LKV) doelgroep banenafspraak"),
            (CONTRACT, IN_REGISTER),
            lkv_amounts,
            _lkv_steps,
        ),
        Rule(
            "loonkostensubsidie",
            gettext_lazy("Loonkostensubsidie (Participatiewet)"),
            (
                CONTRACT,
                Condition(
                    gettext_lazy(
                        "De jongere hoort bij de Participatiewet: de gemeente begeleidt de "
                        "jongere, of de jongere komt van PrO of VSO, of staat in het "
                        "doelgroepregister."
                    ),
                    _in_participatiewet,
                    gettext_lazy("De jongere valt niet onder de Participatiewet."),
                    gettext_lazy("of de gemeente de jongere begeleidt (Participatiewet)."),
                ),
                Condition(
                    gettext_lazy(
                        "De loonwaarde is lager dan 100%: de jongere kan nog niet het volle "
                        "minimumloon verdienen. Een deskundige meet dat op de werkplek."
                    ),
                    _loonwaarde_below_full,
                    gettext_lazy(
                        "Met een loonwaarde van 100 procent is er geen loonkostensubsidie."
                    ),
                    gettext_lazy("wat de loonwaardemeting van de gemeente zegt."),
                ),
            ),
            lks_amounts,
            _lks_steps,
        ),
        Rule(
            "no-riskpolis",
            gettext_lazy("No-riskpolis"),
            (
                CONTRACT,
                Condition(
                    gettext_lazy(
                        "De jongere staat in het doelgroepregister, of heeft een "
                        "no-riskverklaring van UWV (alleen onder de 30)."
                    ),
                    lambda f: (
                        True
                        if f.doelgroepregister
                        else (
                            False
                            if f.doelgroepregister is False
                            and f.age_on_start is not None
                            and f.age_on_start >= 30
                            else None
                        )
                    ),
                    gettext_lazy(
                        "De jongere staat niet in het doelgroepregister en is 30 of ouder: een "
                        "no-riskverklaring kan niet meer. Met een Wajong- of WIA-uitkering "
                        "geldt de polis toch: vraag het UWV."
                    ),
                    gettext_lazy(
                        "of de jongere in het doelgroepregister staat of een no-riskverklaring "
                        "van UWV kan krijgen."
                    ),
                ),
            ),
            no_risk_years,
            _no_risk_steps,
            gettext_lazy("Geen vast bedrag: bij ziekte betaalt UWV een Ziektewet-uitkering."),
        ),
        Rule(
            "jobcoach",
            gettext_lazy("Jobcoach op de werkvloer"),
            (
                CONTRACT,
                Condition(
                    gettext_lazy(
                        "Het contract duurt minstens 6 maanden (of heeft geen einddatum)."
                    ),
                    lambda f: (
                        f.end is None
                        or f.end >= add_months(f.start, 6) - datetime.timedelta(days=1)
                    ),
                    gettext_lazy("Het contract duurt korter dan 6 maanden."),
                ),
                Condition(
                    gettext_lazy("De jongere werkt minstens 12 uur per week."),
                    lambda f: None if f.hours_per_week is None else f.hours_per_week >= 12,
                    gettext_lazy("De jongere werkt minder dan 12 uur per week."),
                    gettext_lazy("hoeveel uur per week de jongere werkt."),
                ),
                Condition(
                    gettext_lazy(
                        "De jongere heeft door een beperking hulp nodig op het werk. UWV of de "
                        "gemeente beoordeelt dat."
                    ),
                    lambda f: True if f.doelgroepregister or f.participatiewet else None,
                    "",
                    gettext_lazy(
                        "of UWV of de gemeente vindt dat de jongere begeleiding nodig heeft."
                    ),
                ),
            ),
            None,
            _jobcoach_steps,
            gettext_lazy(
                "Geen vast bedrag: een jobcoach van UWV of de gemeente kost je meestal niets."
            ),
        ),
        Rule(
            "praktijkroute",
            gettext_lazy("Praktijkroute naar het doelgroepregister"),
            (
                CONTRACT,
                Condition(
                    gettext_lazy("De jongere staat nog niet in het doelgroepregister."),
                    lambda f: None if f.doelgroepregister is None else not f.doelgroepregister,
                    gettext_lazy("De jongere staat al in het doelgroepregister."),
                    gettext_lazy("of de jongere al in het doelgroepregister staat."),
                ),
                Condition(
                    gettext_lazy("De gemeente begeleidt de jongere (Participatiewet)."),
                    lambda f: f.participatiewet,
                    gettext_lazy("De praktijkroute loopt via de gemeente (Participatiewet)."),
                    gettext_lazy("of de gemeente de jongere begeleidt (Participatiewet)."),
                ),
                Condition(
                    gettext_lazy("De loonwaarde is lager dan 100%."),
                    _loonwaarde_below_full,
                    gettext_lazy(
                        "Met een loonwaarde van 100 procent hoort de jongere niet in het register."
                    ),
                    gettext_lazy("wat de loonwaardemeting op de werkplek zegt."),
                ),
            ),
            None,
            _praktijkroute_steps,
            gettext_lazy("Geen bedrag: het opent de weg naar het LKV en de no-riskpolis."),
        ),
        Rule(
            "proefplaatsing",
            gettext_lazy("Proefplaatsing"),
            (
                Condition(
                    gettext_lazy(
                        "De jongere werkt eerst een korte tijd op proef, vóór het contract. "
                        "Tijdens de proefplaatsing betaal je geen loon."
                    ),
                    # With a contract it can only come before it: never "applies" to the hire.
                    lambda f: None if f.has_contract else False,
                    gettext_lazy(
                        "Een proefplaatsing is een proef vóór een arbeidscontract, niet bij een "
                        "stage."
                    ),
                    gettext_lazy(
                        "of de jongere eerst op proef bij je werkt, vóór het contract. Tijdens "
                        "de proefplaatsing betaal je geen loon; het contract begint daarna."
                    ),
                ),
                Condition(
                    gettext_lazy(
                        "De jongere heeft een uitkering, bijvoorbeeld bijstand via de gemeente."
                    ),
                    lambda f: f.participatiewet,
                    gettext_lazy("Zonder uitkering is een proefplaatsing niet mogelijk."),
                    gettext_lazy("of de jongere een uitkering heeft (gemeente of UWV)."),
                ),
            ),
            None,
            _proefplaatsing_steps,
            gettext_lazy("Geen bedrag: de jongere houdt de uitkering, jij betaalt nog geen loon."),
        ),
        Rule(
            "werkplekaanpassing",
            gettext_lazy("Aanpassingen op de werkplek"),
            (
                Condition(
                    gettext_lazy(
                        "De jongere heeft door een ziekte of beperking een aanpassing of "
                        "hulpmiddel nodig om te kunnen werken."
                    ),
                    lambda f: None,
                    "",
                    gettext_lazy("of de jongere een aanpassing of hulpmiddel nodig heeft."),
                ),
            ),
            None,
            _werkplek_steps,
            gettext_lazy("Geen vast bedrag: UWV of de gemeente vergoedt (een deel van) de kosten."),
        ),
    )
}


def check_hire(
    facts: HireFacts, figures: dict[str, dict[int, YearFigures]], codes: list[str] | None = None
) -> list[Outcome]:
    """Every regulation (or those named), in the order given."""
    return [
        evaluate(RULES[code], facts, figures.get(code, {}))
        for code in (RULES if codes is None else codes)
    ]
