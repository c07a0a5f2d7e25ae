"""Fixes of issue 14's review, as data:

- the wettelijk minimumloon (WML) per hour for 21 and older, per 1 January, stored per year on
  the loonkostensubsidie rows (the subsidy is the gap between the loonwaarde and the WML, not
  the wage the employer pays); the amount text says so;
- studiejaar 2026/2027 for praktijkleren and 2027-2028 for LKV, no-riskpolis and
  loonkostensubsidie, all indicatief with the reason;
- English for the providers, the topics and the three employer articles that had none.

Existing texts people edited are kept: only empty fields, or the exact old seeded text, change."""

import datetime
from decimal import Decimal

from django.db import migrations, models

LKS_SOURCE = "https://zoek.officielebekendmakingen.nl/stcrt-2014-29290.html"
RVO = "https://www.rvo.nl/subsidies-financiering/praktijkleren"
UWV_NO_RISK = (
    "https://www.uwv.nl/particulieren/voorzieningen/voorzieningen-werk/detail/"
    "voordelen-en-regelingen-voor-uw-werkgever/no-riskpolis-en-no-riskverklaring/"
    "situaties-waarin-de-no-riskpolis-voor-u-geldt"
)

WML_NOTE = (
    "Hoogstens 70% van het wettelijk minimumloon en 23,5% werkgeverslasten: Participatiewet "
    "artikel 10d en Regeling loonwaardebepaling (Stcrt. 2014, 29290, artikel 1). Minimumloon "
    "per 1 januari, 21 jaar en ouder: {wml}. Onder de 21 rekent de checker met het "
    "minimumjeugdloon (een percentage van dit bedrag). Altijd een schatting: de gemeente "
    "rekent het echte bedrag uit."
)
WML_NOTE_EN = (
    "At most 70% of the statutory minimum wage and 23.5% employer costs: Participation Act "
    "article 10d and Regeling loonwaardebepaling (Stcrt. 2014, 29290, article 1). Minimum wage "
    "per 1 January, 21 and older: {wml}. Under 21 the checker uses the youth minimum wage (a "
    "percentage of this amount). Always an estimate: the municipality calculates it."
)
WML = {
    2024: ("13.27", "€ 13,27", "€ 13.27"),
    2025: ("14.06", "€ 14,06", "€ 14.06"),
    2026: (
        "14.71",
        "€ 14,71 (indicatief: genoemd door meerdere salarispagina's, niet bevestigd op "
        "rijksoverheid.nl)",
        "€ 14.71 (indicative: named by several payroll sites, not confirmed on rijksoverheid.nl)",
    ),
    2027: (
        "14.71",
        "nog niet vastgesteld; indicatief het bedrag van 2026 (€ 14,71)",
        "not set yet; indicative: the 2026 amount (€ 14.71)",
    ),
    2028: (
        "14.71",
        "nog niet vastgesteld; indicatief het bedrag van 2026 (€ 14,71)",
        "not set yet; indicative: the 2026 amount (€ 14.71)",
    ),
}
LKS_AMOUNT_OLD = "Het verschil tussen loon en loonwaarde, plus 23,5% voor werkgeverslasten."
LKS_AMOUNT_OLD_EN = "The difference between wage and wage value, plus 23.5% for employer costs."
LKS_AMOUNT = (
    "Het verschil tussen de loonwaarde en het wettelijk minimumloon, hoogstens 70% van het "
    "minimumloon, plus 23,5% voor werkgeverslasten."
)
LKS_AMOUNT_EN = (
    "The gap between the wage value and the statutory minimum wage, at most 70% of the "
    "minimum wage, plus 23.5% for employer costs."
)
LKS_CALC_OLD_START = "Een deskundige meet op de werkplek de loonwaarde"
LKS_CALC = (
    "Een deskundige meet op de werkplek de loonwaarde: wat de werknemer kan, in procenten van "
    "een gewone collega. De gemeente betaalt het verschil tussen de loonwaarde en het wettelijk "
    "minimumloon (met vakantiegeld), hoogstens 70% van het minimumloon, plus 23,5% voor "
    "werkgeverslasten. Voor een jongere onder de 21 is dat het minimumjeugdloon. Betaal je meer "
    "dan het minimumloon (bijvoorbeeld het cao-loon), dan betaal je dat deel zelf."
)
LKS_CALC_EN = (
    "An expert measures the wage value at the workplace: what the employee can do, as a "
    "percentage of an ordinary colleague. The municipality pays the gap between the wage value "
    "and the statutory minimum wage (with holiday pay), at most 70% of the minimum wage, plus "
    "23.5% for employer costs. For a young person under 21 that is the youth minimum wage. If "
    "you pay more than the minimum wage (for example the collective agreement wage), you pay "
    "that part yourself."
)

PROVIDERS_EN = {
    "Rijksoverheid (uitvoering: RVO)": "Central government (carried out by RVO)",
    "UWV en Belastingdienst": "UWV and the Tax Administration",
    "Gemeente": "Municipality",
    "UWV": "UWV",
    "UWV of gemeente": "UWV or the municipality",
    "Gemeente (met UWV)": "Municipality (with UWV)",
}
CATEGORIES_EN = {
    "Waarom meedoen": "Why take part",
    "Praktijkverklaring": "Practice statement",
    "Regels": "Rules",
    "Begeleiden": "Supervising",
    "Geld": "Money",
}

INDICATIVE = "Indicatief: "
YEARS = {
    "praktijkleren": [
        (
            2026,
            {
                "max_per_year": "2700",
                "full_weeks": 40,
                "source_url": RVO,
                "notes": INDICATIVE + "het maximum van € 2.700 van het laatst bekende "
                "studiejaar (2025/2026); het bedrag voor 2026/2027 is nog niet bekend.",
                "notes_en": "Indicative: the € 2,700 maximum of the last known study year "
                "(2025/2026); the amount for 2026/2027 is not known yet.",
            },
        ),
    ],
    "lkv-banenafspraak": [
        (
            year,
            {
                "hourly_rate": "1.01",
                "max_per_year": "2000",
                "max_years": None,
                "notes": INDICATIVE + "de regel vanaf 2026 (€ 1,01 per uur, hoogstens "
                "€ 2.000 per jaar, geen 3-jaargrens: randstad.nl) doorgetrokken; de bedragen "
                "voor dit jaar zijn nog niet vastgesteld.",
                "notes_en": "Indicative: the rule from 2026 (€ 1.01 per hour, at most € 2,000 "
                "a year, no 3-year limit) carried forward; this year's amounts are not set "
                "yet.",
            },
        )
        for year in (2027, 2028)
    ],
    "no-riskpolis": [
        (
            year,
            {
                "max_years": 5,
                "source_url": UWV_NO_RISK,
                "notes": INDICATIVE + "de regel van 2026 (5 jaar vanaf de start) "
                "doorgetrokken; niet bevestigd voor dit jaar.",
                "notes_en": "Indicative: the 2026 rule (5 years from the start) carried "
                "forward; not confirmed for this year.",
            },
        )
        for year in (2027, 2028)
    ],
    "loonkostensubsidie": [
        (year, {"percentage": "23.5", "max_share": "70", "source_url": LKS_SOURCE})
        for year in (2027, 2028)
    ],
}

ARTICLES = {
    "zo-werkt-de-praktijkverklaring": {
        "title": "Zo werkt de praktijkverklaring",
        "category": "Praktijkverklaring",
        "summary": "Een praktijkverklaring laat zien welke werkprocessen uit een "
        "mbo-opleiding een jongere in de praktijk beheerst. Jij helpt mee door te bevestigen "
        "wat je ziet.",
        "body": "Niet elke jongere haalt een mbo-diploma. Met een praktijkverklaring kan een "
        "jongere toch laten zien wat hij of zij kan.\n\n"
        "Hoe werkt het?\n"
        "1. De school kiest samen met de jongere een mbo-opleiding die past, bijvoorbeeld "
        "Logistiek medewerker.\n"
        "2. Tijdens de stage oefent de jongere werkprocessen uit die opleiding, zoals "
        "'Ontvangt goederen' of 'Maakt orders verzendklaar'.\n"
        "3. De praktijkbegeleider in jouw bedrijf laat weten welke werkprocessen goed gaan.\n"
        "4. De school legt het vast en de jongere krijgt de verklaring.\n\n"
        "Werkgevers in de branche herkennen de werkprocessen. Zo weet een volgende werkgever "
        "precies wat de jongere kan.",
        "url": "",
        "title_en": "How the practice statement works",
        "category_en": "Practice statement",
        "summary_en": "A practice statement (praktijkverklaring) shows which work processes "
        "from an mbo course a young person masters in practice. You help by confirming what "
        "you see.",
        "body_en": "Not every young person gets an mbo diploma. With a practice statement a "
        "young person can still show what they can do.\n\n"
        "How does it work?\n"
        "1. The school and the young person choose an mbo course that fits, for example "
        "Logistics employee.\n"
        "2. During the placement the young person practises work processes from that course, "
        "such as 'Receives goods' or 'Gets orders ready for shipping'.\n"
        "3. The supervisor in your company says which work processes go well.\n"
        "4. The school records it and the young person gets the statement.\n\n"
        "Employers in the sector recognise the work processes. So a next employer knows "
        "exactly what the young person can do.",
    },
    "erkend-leerbedrijf-worden": {
        "title": "Erkend leerbedrijf worden",
        "category": "Regels",
        "summary": "Voor een mbo-stagiair moet je bedrijf erkend zijn door SBB voor de "
        "opleiding van die student. Een erkenning aanvragen is gratis.",
        "body": "Een mbo-student mag alleen stage lopen (BPV) bij een erkend leerbedrijf. De "
        "erkenning geldt per opleiding (kwalificatie). Je ziet je erkenningen in je "
        "bedrijfsprofiel.\n\n"
        "Zo werkt het:\n"
        "- Je vraagt de erkenning aan bij SBB (Samenwerkingsorganisatie Beroepsonderwijs "
        "Bedrijfsleven).\n"
        "- Een adviseur van SBB komt langs en kijkt samen met je of je de student goed kunt "
        "begeleiden.\n"
        "- Je hebt een praktijkopleider nodig die de student begeleidt.\n\n"
        "Let op: een erkenning kan verlopen. Onze matching laat een mbo-student alleen bij "
        "jou zien als je erkenning voor zijn opleiding geldig is. Voor een stage van een "
        "leerling van PrO of VSO heb je geen erkenning nodig.",
        "url": "https://www.s-bb.nl",
        "title_en": "Becoming a recognised training company",
        "category_en": "Rules",
        "summary_en": "For an mbo intern your company must be recognised by SBB for that "
        "student's course. Applying for recognition is free.",
        "body_en": "An mbo student may only do a placement (BPV) at a recognised training "
        "company (erkend leerbedrijf). The recognition is per course (qualification). You see "
        "your recognitions in your company profile.\n\n"
        "How it works:\n"
        "- You apply for recognition at SBB (the Foundation for Cooperation on Vocational "
        "Education, Training and the Labour Market).\n"
        "- An SBB adviser visits and checks with you whether you can supervise the student "
        "well.\n"
        "- You need a workplace trainer (praktijkopleider) who supervises the student.\n\n"
        "Note: a recognition can expire. Our matching only shows you an mbo student if your "
        "recognition for their course is valid. For a placement of a PrO or VSO pupil you do "
        "not need a recognition.",
    },
    "financiele-regelingen-in-het-kort": {
        "title": "Financiële regelingen in het kort",
        "category": "Geld",
        "summary": "Van subsidie praktijkleren tot loonkostensubsidie en no-riskpolis: een "
        "overzicht van regelingen die helpen om een plek te maken.",
        "body": "Een plek maken voor een jongere die extra begeleiding nodig heeft, kost tijd. "
        "Daarom zijn er regelingen die helpen. Onder Regelingen vind je per regeling:\n"
        "- voor wie hij is,\n- wie hem regelt,\n- hoe je hem aanvraagt.\n\n"
        "Bedragen veranderen vaak. Kijk daarom altijd op de website van de regeling zelf. "
        "Twijfel je? Het Werkgeversservicepunt (WSP) helpt je gratis.",
        "url": "",
        "title_en": "Financial regulations in brief",
        "category_en": "Money",
        "summary_en": "From the practical learning subsidy to the wage cost subsidy and the "
        "no-risk policy: an overview of regulations that help you create a place.",
        "body_en": "Creating a place for a young person who needs extra support takes time. "
        "That is why there are regulations that help. Under Regulations you find for each "
        "one:\n"
        "- who it is for,\n- who arranges it,\n- how to apply.\n\n"
        "Amounts change often, so always check the regulation's own website. In doubt? The "
        "employer service point (Werkgeversservicepunt, WSP) helps you for free.",
    },
}


def _decimals(values: dict) -> dict:
    values = dict(values)
    for name in ("max_per_year", "hourly_rate", "percentage", "max_share", "min_hourly_wage"):
        if values.get(name) is not None:
            values[name] = Decimal(values[name])
    return values


def forward(apps, schema_editor):
    Regulation = apps.get_model("toolkit", "Regulation")
    RegulationYear = apps.get_model("toolkit", "RegulationYear")
    ToolkitItem = apps.get_model("toolkit", "ToolkitItem")
    for reg in Regulation.objects.filter(provider_en=""):
        if reg.provider in PROVIDERS_EN:
            reg.provider_en = PROVIDERS_EN[reg.provider]
            reg.save(update_fields=["provider_en"])
    lks = Regulation.objects.filter(code="loonkostensubsidie").first()
    if lks is not None:
        changed = []
        if lks.amount in ("", LKS_AMOUNT_OLD):
            lks.amount, lks.amount_en = LKS_AMOUNT, LKS_AMOUNT_EN
            changed += ["amount", "amount_en"]
        elif lks.amount_en in ("", LKS_AMOUNT_OLD_EN):
            lks.amount_en = LKS_AMOUNT_EN
            changed.append("amount_en")
        if not lks.calculation or lks.calculation.startswith(LKS_CALC_OLD_START):
            lks.calculation, lks.calculation_en = LKS_CALC, LKS_CALC_EN
            changed += ["calculation", "calculation_en"]
        if lks.url == "":
            lks.url = LKS_SOURCE
            changed.append("url")
        lks.checked_on = datetime.date(2026, 12, 1)
        lks.save(update_fields=changed + ["checked_on"])
    for code, years in YEARS.items():
        regulation = Regulation.objects.filter(code=code).first()
        if regulation is None:
            continue
        for year, values in years:
            RegulationYear.objects.get_or_create(
                regulation=regulation, year=year, defaults=_decimals(values) | {"confirmed": False}
            )
    if lks is not None:
        for year, (wml, nl, en) in WML.items():
            row, _ = RegulationYear.objects.get_or_create(
                regulation=lks,
                year=year,
                defaults=_decimals({"percentage": "23.5", "max_share": "70"}),
            )
            row.min_hourly_wage = Decimal(wml)
            row.notes = WML_NOTE.format(wml=nl)
            row.notes_en = WML_NOTE_EN.format(wml=en)
            row.confirmed = False  # always an estimate: the gemeente calculates it
            row.source_url = row.source_url or LKS_SOURCE
            row.save()
    for slug, values in ARTICLES.items():
        item = ToolkitItem.objects.filter(slug=slug).first()
        if item is None:
            ToolkitItem.objects.create(slug=slug, audience="werkgever", **values)
            continue
        for name, value in values.items():
            if name.endswith("_en") and not getattr(item, name):
                setattr(item, name, value)
        item.save()
    for nl, en in CATEGORIES_EN.items():
        ToolkitItem.objects.filter(category=nl, category_en="").update(category_en=en)


class Migration(migrations.Migration):
    dependencies = [
        ("toolkit", "0004_seed_regulations"),
    ]

    operations = [
        migrations.AddField(
            model_name="regulation",
            name="provider_en",
            field=models.CharField(
                blank=True, max_length=120, verbose_name="wie regelt het (Engels)"
            ),
        ),
        migrations.AddField(
            model_name="regulationyear",
            name="min_hourly_wage",
            field=models.DecimalField(
                blank=True,
                decimal_places=2,
                help_text="Het bedrag van 1 januari van dat jaar.",
                max_digits=6,
                null=True,
                verbose_name="wettelijk minimumloon per uur, 21 jaar en ouder (€)",
            ),
        ),
        migrations.RunPython(forward, migrations.RunPython.noop),
    ]
