"""Real data, not demo: the regulations an employer of these young people meets, their figures
per year, and the English twins of the employer articles. Researched from the sources named in
each row (peildatum 2026-12-01); figures not confirmed on an official page are stored with
confirmed=False and shown as indicatief, with the reason in `notes`.

Existing rows (same slug) keep their Dutch texts and revisions: only empty fields are filled and
the code is set."""

import datetime
from decimal import Decimal

from django.db import migrations

CHECKED = datetime.date(2026, 12, 1)
RVO = "https://www.rvo.nl/subsidies-financiering/praktijkleren"
UWV_NO_RISK = (
    "https://www.uwv.nl/particulieren/voorzieningen/voorzieningen-werk/detail/"
    "voordelen-en-regelingen-voor-uw-werkgever/no-riskpolis-en-no-riskverklaring/"
    "situaties-waarin-de-no-riskpolis-voor-u-geldt"
)
LKS_SOURCE = "https://zoek.officielebekendmakingen.nl/stcrt-2014-29290.html"

REGULATIONS = [
    {
        "slug": "subsidieregeling-praktijkleren",
        "code": "praktijkleren",
        "name": "Subsidieregeling praktijkleren",
        "name_en": "Practical learning subsidy scheme (Subsidieregeling praktijkleren)",
        "provider": "Rijksoverheid (uitvoering: RVO)",
        "summary": "Een bijdrage in de kosten van begeleiding als je een student een leerplaats "
        "geeft, bijvoorbeeld een BBL-leerbaan.",
        "summary_en": "A contribution to the cost of supervision when you give a student a "
        "learning place, for example a BBL apprenticeship.",
        "who_qualifies": "Erkende leerbedrijven die een mbo-student in de BBL begeleiden. Ook "
        "een leerwerktraject van het praktijkonderwijs (PrO) of het VSO kan meetellen. Een "
        "BOL-stage telt niet mee. Er moet een praktijkovereenkomst zijn.",
        "who_qualifies_en": "Recognised training companies (erkend leerbedrijf) that supervise "
        "an mbo student in BBL. A work-based track of practical education (PrO) or special "
        "secondary education (VSO) can also count. A BOL internship does not count. There must "
        "be a practical training agreement.",
        "amount": "Hoogstens € 2.700 per leerplaats per studiejaar.",
        "amount_en": "At most € 2,700 per learning place per study year.",
        "calculation": "RVO deelt het budget van een studiejaar door het aantal leerplaatsen "
        "waarvoor subsidie is gevraagd, tot hoogstens € 2.700 per plaats. Het echte bedrag kan "
        "dus lager zijn. Begeleid je minder weken, dan krijg je naar verhouding minder.",
        "calculation_en": "RVO divides the budget of a study year by the number of learning "
        "places applied for, up to at most € 2,700 per place, so the real amount can be lower. "
        "Fewer weeks of supervision means proportionally less.",
        "duration": "Per studiejaar (1 augustus tot 31 juli).",
        "duration_en": "Per study year (1 August to 31 July).",
        "how_to_apply": "Je vraagt de subsidie achteraf aan, na het studiejaar, via het eLoket "
        "van RVO. Je hebt eHerkenning nodig. Houd de praktijkovereenkomst en de weken van "
        "begeleiding goed bij.",
        "how_to_apply_en": "You apply afterwards, after the study year, through RVO's eLoket. "
        "You need eHerkenning. Keep the practical training agreement and the weeks of "
        "supervision on record.",
        "url": RVO,
    },
    {
        "slug": "loonkostenvoordeel-banenafspraak",
        "code": "lkv-banenafspraak",
        "name": "Loonkostenvoordeel (LKV) doelgroep banenafspraak",
        "name_en": "Wage cost benefit (LKV) for the job agreement target group",
        "provider": "UWV en Belastingdienst",
        "summary": "Een bedrag per verloond uur als je iemand in dienst hebt die in het "
        "doelgroepregister banenafspraak staat.",
        "summary_en": "An amount per paid hour when you employ someone who is in the job "
        "agreement target group register.",
        "who_qualifies": "Werkgevers met een werknemer in het doelgroepregister banenafspraak. "
        "Veel jongeren van PrO en VSO kunnen in dat register komen. Alleen met een "
        "arbeidscontract, niet bij een stage.",
        "who_qualifies_en": "Employers with an employee in the job agreement target group "
        "register. Many young people from PrO and VSO can be in that register. Only with an "
        "employment contract, not for an internship.",
        "amount": "€ 1,01 per verloond uur, hoogstens € 2.000 per jaar (indicatief).",
        "amount_en": "€ 1.01 per paid hour, at most € 2,000 a year (indicative).",
        "calculation": "Het aantal verloonde uren in een kalenderjaar keer het bedrag per uur, "
        "tot het maximum per jaar.",
        "calculation_en": "The number of paid hours in a calendar year times the hourly "
        "amount, up to the yearly maximum.",
        "duration": "Tot en met 2025: hoogstens 3 jaar per werknemer. Vanaf 2026: zolang de "
        "werknemer in het register staat en bij je werkt (indicatief).",
        "duration_en": "Until 2025: at most 3 years per employee. From 2026: as long as the "
        "employee is in the register and works for you (indicative).",
        "how_to_apply": "De werknemer vraagt binnen 3 maanden na de eerste werkdag een "
        "doelgroepverklaring LKV aan bij UWV en geeft je een kopie. Je zet het LKV aan in je "
        "loonaangifte. De Belastingdienst betaalt het het jaar erna uit.",
        "how_to_apply_en": "Within 3 months of the first working day the employee asks UWV for "
        "a target group statement (doelgroepverklaring LKV) and gives you a copy. You tick the "
        "LKV in your payroll tax return. The tax office pays it the following year.",
        "url": "https://www.uwv.nl/werkgevers",
    },
    {
        "slug": "loonkostensubsidie-participatiewet",
        "code": "loonkostensubsidie",
        "name": "Loonkostensubsidie (Participatiewet)",
        "name_en": "Wage cost subsidy (Participation Act)",
        "provider": "Gemeente",
        "summary": "De gemeente betaalt een deel van het loon als een werknemer door een "
        "beperking minder kan dan een gemiddelde collega.",
        "summary_en": "The municipality pays part of the wage when an employee can do less "
        "than an average colleague because of a disability.",
        "who_qualifies": "Werkgevers die iemand uit de Participatiewet in dienst nemen die nog "
        "niet het volle minimumloon kan verdienen, bijvoorbeeld een jongere van PrO of VSO. "
        "Alleen met een arbeidscontract.",
        "who_qualifies_en": "Employers who hire someone under the Participation Act who cannot "
        "yet earn the full minimum wage, for example a young person from PrO or VSO. Only with "
        "an employment contract.",
        "amount": "Het verschil tussen loon en loonwaarde, plus 23,5% voor werkgeverslasten.",
        "amount_en": "The difference between wage and wage value, plus 23.5% for employer "
        "costs.",
        "calculation": "Een deskundige meet op de werkplek de loonwaarde: wat de werknemer kan, "
        "in procenten van een gewone collega. De gemeente betaalt het verschil tussen de "
        "loonwaarde en het minimumloon (met vakantiegeld), hoogstens 70%, plus 23,5% voor "
        "werkgeverslasten.",
        "calculation_en": "An expert measures the wage value at the workplace: what the "
        "employee can do, as a percentage of an ordinary colleague. The municipality pays the "
        "difference between the wage value and the minimum wage (with holiday pay), at most "
        "70%, plus 23.5% for employer costs.",
        "duration": "Zolang de loonwaarde lager is dan 100%; de gemeente meet het opnieuw.",
        "duration_en": "As long as the wage value is below 100%; the municipality measures it "
        "again.",
        "how_to_apply": "Neem vóór de start contact op met het Werkgeversservicepunt (WSP) of de "
        "gemeente waar de werknemer woont. Een deskundige meet de loonwaarde op de werkplek. "
        "Daarna maak je afspraken over de subsidie en de begeleiding.",
        "how_to_apply_en": "Before the start, contact the employer service point (WSP) or the "
        "municipality where the employee lives. An expert measures the wage value at the "
        "workplace. Then you agree on the subsidy and the support.",
        "url": LKS_SOURCE,
    },
    {
        "slug": "no-riskpolis",
        "code": "no-riskpolis",
        "name": "No-riskpolis",
        "name_en": "No-risk policy (no-riskpolis)",
        "provider": "UWV",
        "summary": "Wordt je werknemer met een arbeidsbeperking ziek? Dan betaalt UWV een "
        "Ziektewet-uitkering. Zo loop je minder risico.",
        "summary_en": "If your employee with a work disability falls ill, UWV pays a Sickness "
        "Benefits Act payment, so you carry less risk.",
        "who_qualifies": "Werkgevers met een werknemer in het doelgroepregister (in dienst op of "
        "na 1 januari 2015), met een Wajong-uitkering, of met een no-riskverklaring van UWV. "
        "Alleen met een arbeidscontract.",
        "who_qualifies_en": "Employers with an employee in the target group register (hired on "
        "or after 1 January 2015), with a Wajong benefit, or with a no-risk statement from UWV. "
        "Only with an employment contract.",
        "amount": "Geen vast bedrag: bij ziekte een Ziektewet-uitkering van UWV.",
        "amount_en": "No fixed amount: a sickness benefit from UWV when the employee is ill.",
        "calculation": "UWV betaalt bij ziekte een Ziektewet-uitkering, die je met het loon "
        "verrekent.",
        "calculation_en": "When the employee is ill, UWV pays a sickness benefit that you "
        "offset against the wage.",
        "duration": "5 jaar vanaf de eerste werkdag (bij Wajong: zolang de werknemer werkt).",
        "duration_en": "5 years from the first working day (with Wajong: as long as the "
        "employee works).",
        "how_to_apply": "Je hoeft niets vooraf aan te vragen. Wordt je werknemer ziek, meld het "
        "bij UWV en zeg dat de no-riskpolis geldt.",
        "how_to_apply_en": "You do not need to apply in advance. If your employee falls ill, "
        "report it to UWV and say that the no-risk policy applies.",
        "url": UWV_NO_RISK,
    },
    {
        "slug": "jobcoach",
        "code": "jobcoach",
        "name": "Jobcoach op de werkvloer",
        "name_en": "Job coach at work",
        "provider": "UWV of gemeente",
        "summary": "Een jobcoach helpt je nieuwe werknemer en jou op de werkvloer, zodat het "
        "werk goed gaat en goed blijft gaan.",
        "summary_en": "A job coach helps your new employee and you at work, so the work goes "
        "well and keeps going well.",
        "who_qualifies": "Werknemers met een arbeidsbeperking die begeleiding nodig hebben, met "
        "een contract van minstens 6 maanden en minstens 12 uur per week. UWV regelt het "
        "bijvoorbeeld bij Wajong, de gemeente bij de Participatiewet.",
        "who_qualifies_en": "Employees with a work disability who need support, with a "
        "contract of at least 6 months and at least 12 hours a week. UWV arranges it for "
        "example with Wajong, the municipality under the Participation Act.",
        "amount": "Een externe jobcoach is voor jou meestal gratis.",
        "amount_en": "An external job coach is usually free for you.",
        "calculation": "UWV of de gemeente betaalt de jobcoach. Zet je een eigen collega in als "
        "jobcoach, dan kun je een vergoeding krijgen die afhangt van hoeveel begeleiding nodig "
        "is.",
        "calculation_en": "UWV or the municipality pays the job coach. If a colleague of yours "
        "acts as job coach, you can get a fee that depends on how much support is needed.",
        "duration": "Meestal hoogstens 3 jaar, elk jaar met minder begeleiding.",
        "duration_en": "Usually at most 3 years, with less support each year.",
        "how_to_apply": "Vraag het aan het Werkgeversservicepunt of aan de werkcoach van de "
        "werknemer. Zij weten of UWV of de gemeente de jobcoach regelt.",
        "how_to_apply_en": "Ask the employer service point or the employee's work coach. They "
        "know whether UWV or the municipality arranges the job coach.",
        "url": "https://www.uwv.nl/werkgevers",
    },
    {
        "slug": "praktijkroute",
        "code": "praktijkroute",
        "name": "Praktijkroute naar het doelgroepregister",
        "name_en": "Practice route into the target group register",
        "provider": "Gemeente (met UWV)",
        "summary": "Een jongere uit de Participatiewet kan via een loonwaardemeting op de "
        "werkplek in het doelgroepregister komen. Dan kunnen ook het LKV en de no-riskpolis "
        "gelden.",
        "summary_en": "A young person under the Participation Act can enter the target group "
        "register through a wage value measurement at the workplace. Then the LKV and the "
        "no-risk policy can apply too.",
        "who_qualifies": "Jongeren die de gemeente begeleidt (Participatiewet), die nog niet in "
        "het doelgroepregister staan, en die bij je werken met een (proef)contract.",
        "who_qualifies_en": "Young people supported by the municipality (Participation Act) who "
        "are not yet in the target group register and work for you on a (trial) contract.",
        "amount": "",
        "amount_en": "",
        "calculation": "Geen bedrag: blijkt uit de meting dat de loonwaarde lager is dan het "
        "minimumloon, dan komt de jongere in het register.",
        "calculation_en": "No amount: if the measurement shows a wage value below the minimum "
        "wage, the young person enters the register.",
        "duration": "",
        "duration_en": "",
        "how_to_apply": "Vraag de gemeente of het WSP naar de praktijkroute en een "
        "loonwaardemeting op de werkplek.",
        "how_to_apply_en": "Ask the municipality or the WSP about the practice route and a "
        "wage value measurement at the workplace.",
        "url": "https://www.uwv.nl/werkgevers",
    },
    {
        "slug": "proefplaatsing",
        "code": "proefplaatsing",
        "name": "Proefplaatsing",
        "name_en": "Trial placement (proefplaatsing)",
        "provider": "UWV of gemeente",
        "summary": "Iemand met een uitkering werkt een korte tijd op proef bij je en houdt de "
        "uitkering.",
        "summary_en": "Someone with a benefit works for you on trial for a short time and "
        "keeps the benefit.",
        "who_qualifies": "Werkgevers die iemand met een uitkering (bijvoorbeeld bijstand of "
        "Wajong) eerst willen leren kennen, met het plan om daarna een contract te geven.",
        "who_qualifies_en": "Employers who want to get to know someone with a benefit (for "
        "example social assistance or Wajong) first, planning to offer a contract afterwards.",
        "amount": "",
        "amount_en": "",
        "calculation": "Je betaalt tijdens de proefplaatsing geen loon; de werknemer houdt de "
        "uitkering.",
        "calculation_en": "You pay no wage during the trial placement; the employee keeps the "
        "benefit.",
        "duration": "",
        "duration_en": "",
        "how_to_apply": "Vraag de proefplaatsing aan vóór de eerste werkdag, bij UWV of bij de "
        "gemeente van de werknemer.",
        "how_to_apply_en": "Apply before the first working day, at UWV or the employee's "
        "municipality.",
        "url": "https://www.uwv.nl/werkgevers",
    },
    {
        "slug": "werkplekaanpassingen",
        "code": "werkplekaanpassing",
        "name": "Aanpassingen op de werkplek",
        "name_en": "Workplace adjustments",
        "provider": "UWV of gemeente",
        "summary": "Heeft je werknemer een aangepaste werkplek of een hulpmiddel nodig? Dan kan "
        "UWV of de gemeente dat vergoeden.",
        "summary_en": "Does your employee need an adapted workplace or an aid? UWV or the "
        "municipality can pay for it.",
        "who_qualifies": "Werknemers met een ziekte of beperking die een aanpassing nodig "
        "hebben om te kunnen werken, zoals een aangepaste stoel, software of vervoer.",
        "who_qualifies_en": "Employees with an illness or disability who need an adjustment to "
        "be able to work, such as an adapted chair, software or transport.",
        "amount": "",
        "amount_en": "",
        "calculation": "Een vergoeding van (een deel van) de kosten.",
        "calculation_en": "A refund of (part of) the costs.",
        "duration": "",
        "duration_en": "",
        "how_to_apply": "De werknemer of jij vraagt de voorziening aan bij UWV of de gemeente, "
        "voordat je kosten maakt.",
        "how_to_apply_en": "The employee or you apply to UWV or the municipality before "
        "making costs.",
        "url": "https://www.uwv.nl/werkgevers",
    },
]

NOT_CONFIRMED = (
    "Indicatief: niet bevestigd op een officiële pagina (niet gevonden in onze zoekbron). "
)
YEARS = {
    "praktijkleren": [
        (2022, {"max_per_year": "2700", "full_weeks": 40, "confirmed": True, "source_url": RVO,
                "notes": "Maximum € 2.700 per gerealiseerde leerplaats bevestigd op rvo.nl "
                "(pagina laatst gecontroleerd door RVO op 24 mei 2023, aanvragen voor "
                "studiejaar 2022/2023). Het echte bedrag na verdeling van het budget niet "
                "gevonden. 40 weken voor het volle bedrag: indicatief (Alfa-college).",
                "notes_en": "Maximum € 2,700 confirmed on rvo.nl (study year 2022/2023). The "
                "amount actually paid after dividing the budget was not found. 40 weeks for "
                "the full amount: indicative."}),
    ] + [
        (year, {"max_per_year": "2700", "full_weeks": 40, "confirmed": False, "source_url": RVO,
                "notes": NOT_CONFIRMED + "Het maximum van € 2.700 van eerdere studiejaren; of "
                "de regeling dit studiejaar zo doorloopt is niet bevestigd.",
                "notes_en": "Indicative: the € 2,700 maximum of earlier study years; not "
                "confirmed on an official page for this study year."})
        for year in (2023, 2024, 2025)
    ],
    "lkv-banenafspraak": [
        (year, {"hourly_rate": "1.01", "max_per_year": "2000", "max_years": 3,
                "confirmed": False,
                "notes": NOT_CONFIRMED + "€ 1,01 per uur, hoogstens € 2.000 per jaar, 3 jaar: "
                "ao-metalektro.nl (24 juni 2024) en randstad.nl. Ook voor "
                "scholingsbelemmerden. Doelgroepverklaring binnen 3 maanden: gemeente "
                "Almere en Hollands Kroon.",
                "notes_en": "Indicative: € 1.01 per hour, at most € 2,000 a year, 3 years, "
                "from non-official pages; the Belastingdienst page was not found."})
        for year in (2024, 2025)
    ] + [
        (2026, {"hourly_rate": "1.01", "max_per_year": "2000", "max_years": None,
                "confirmed": False,
                "notes": NOT_CONFIRMED + "Vanaf 2026 structureel (geen 3-jaargrens) en alleen "
                "voor het doelgroepregister, niet meer voor scholingsbelemmerden: randstad.nl.",
                "notes_en": "Indicative: from 2026 without the 3-year limit and only for the "
                "register (randstad.nl); not confirmed on an official page."}),
    ],
    "loonkostensubsidie": [
        (year, {"percentage": "23.5", "max_share": "70", "confirmed": False,
                "source_url": LKS_SOURCE,
                "notes": "23,5% werkgeverslasten: Regeling loonwaardebepaling, Stcrt. 2014, "
                "29290, artikel 1 (officieel; niet apart gecontroleerd of dit in dit jaar nog "
                "zo geldt). Hoogstens 70% van het minimumloon: pagina van gemeente Horst aan de "
                "Maas. Het bedrag is altijd een schatting: de gemeente rekent het uit.",
                "notes_en": "23.5% employer costs: Regeling loonwaardebepaling (Stcrt. 2014, "
                "29290), article 1. At most 70% of the minimum wage: municipality of Horst aan "
                "de Maas. Always an estimate: the municipality calculates it."})
        for year in (2024, 2025, 2026)
    ],
    "no-riskpolis": [
        (year, {"max_years": 5, "confirmed": False, "source_url": UWV_NO_RISK,
                "notes": "Dat de polis geldt voor het doelgroepregister (in dienst vanaf "
                "1 januari 2015): uwv.nl. De duur van 5 jaar: digitale-sociale-kaart.nl en "
                "impact.nl (niet officieel).",
                "notes_en": "That the policy covers the register: uwv.nl. The 5-year duration: "
                "non-official pages."})
        for year in (2024, 2025, 2026)
    ],
}

ARTICLES_EN = {
    "waarom-bpv-plekken-voor-kwetsbare-jongeren": (
        "Why a work placement for vulnerable young people?",
        "Why take part",
        "Young people from practical education, VSO and Entree learn best at work. With a "
        "placement you help them on their way and find your colleague of tomorrow.",
        "Many young people from practical education (PrO), special secondary education (VSO) "
        "and the Entree course do not learn best from a book. They learn by doing.\n\n"
        "A placement (BPV-plek) with you is their step towards a job. Without that place they "
        "often get stuck, and then there is a big chance they end up at home.\n\n"
        "What is in it for you?\n"
        "- Motivated staff that you train yourself in your way of working.\n"
        "- An answer to staff shortages: many interns stay after their placement.\n"
        "- A team that learns to explain and to work together.\n\n"
        "You are not on your own. The school, the jobhunter and sometimes a job coach support "
        "the young person and you. There are also financial regulations: see Regulations.",
    ),
    "wat-kunnen-deze-jongeren": (
        "What can these young people do?",
        "Why take part",
        "More than you think: practical skills, industry certificates and work processes from "
        "mbo, recorded in a practice statement (praktijkverklaring).",
        "Young people in PrO and VSO follow a learning track at school, for example Care, "
        "Hospitality, Logistics or Green. At school and in placements they practise real "
        "tasks from the job.\n\n"
        "Many already have industry certificates, such as VCA, HACCP or a forklift "
        "certificate. They also learn work processes from mbo courses. Those are on their "
        "practice statement.\n\n"
        "In their profile you also see their work skills: being on time, working together, "
        "following instructions. And you see which support helps, if the young person wants "
        "to share that.\n\n"
        "Tip: give them one fixed supervisor, explain tasks step by step and show how it is "
        "done.",
    ),
    "tips-voor-de-praktijkbegeleider": (
        "Tips for the workplace supervisor",
        "Supervising",
        "A good start and regular talks keep a young person in their place. Ten tips for "
        "supervisors at work.",
        "1. Make sure the young person knows on the first day who to go to.\n"
        "2. Explain one task at a time and show it first.\n"
        "3. Use pictures or a checklist for tasks that come back often.\n"
        "4. Give short feedback often: what went well, what can be better.\n"
        "5. Agree on fixed breaks and fixed times.\n"
        "6. Ask after a week how it is going, and listen.\n"
        "7. In weeks 2, 6 and 12 there is a check-in with the school or jobhunter. Join in.\n"
        "8. Do you notice it is not going well? Say so straight away; then there is still time "
        "to help.\n"
        "9. A job coach is welcome to look along.\n"
        "10. Celebrate the small successes.",
    ),
}
ARTICLES_NL = {
    "waarom-bpv-plekken-voor-kwetsbare-jongeren": (
        "Waarom een BPV-plek voor kwetsbare jongeren?",
        "Waarom meedoen",
        "Jongeren van praktijkonderwijs, VSO en Entree leren het best op de werkvloer. Met een "
        "stageplek help je ze op weg en vind je je collega van morgen.",
        "Veel jongeren van het praktijkonderwijs (PrO), het voortgezet speciaal onderwijs (VSO) "
        "en de Entree-opleiding leren niet het best uit een boek. Ze leren door te doen.\n\n"
        "Een stageplek (BPV-plek) bij jou is voor hen de stap naar een baan. Zonder die plek "
        "lopen ze vaak vast, en dan is de kans groot dat ze thuis komen te zitten.\n\n"
        "Wat levert het jou op?\n"
        "- Gemotiveerde medewerkers die je zelf opleidt op jouw manier van werken.\n"
        "- Een antwoord op personeelstekorten: veel stagiairs blijven na hun stage.\n"
        "- Een team dat leert uitleggen en samenwerken.\n\n"
        "Je staat er niet alleen voor. De school, de jobhunter en soms een jobcoach "
        "begeleiden de jongere en jou. Er zijn ook financiële regelingen: kijk bij Regelingen.",
    ),
    "wat-kunnen-deze-jongeren": (
        "Wat kunnen deze jongeren?",
        "Waarom meedoen",
        "Meer dan je denkt: praktische vakvaardigheden, branchecertificaten en werkprocessen "
        "uit het mbo, vastgelegd in een praktijkverklaring.",
        "Jongeren van PrO en VSO volgen op school een leerlijn, bijvoorbeeld Zorg, Horeca, "
        "Logistiek of Groen. Ze oefenen op school en in stages echte taken uit het werk.\n\n"
        "Veel jongeren hebben al branchecertificaten, zoals VCA, HACCP of een "
        "heftruckcertificaat. Daarnaast leren ze werkprocessen uit de mbo-opleidingen. Die "
        "staan op hun praktijkverklaring.\n\n"
        "In hun profiel zie je ook hun werknemersvaardigheden: op tijd komen, samenwerken, "
        "instructies opvolgen. En je ziet welke begeleiding helpt, als de jongere dat wil "
        "delen.\n\n"
        "Tip: geef een vaste begeleider, leg taken stap voor stap uit en laat het voordoen.",
    ),
    "tips-voor-de-praktijkbegeleider": (
        "Tips voor de praktijkbegeleider",
        "Begeleiden",
        "Een goede start en vaste gesprekken houden een jongere op zijn plek. Tien tips voor "
        "begeleiders op de werkvloer.",
        "1. Zorg dat de jongere op de eerste dag weet bij wie hij terecht kan.\n"
        "2. Leg één taak tegelijk uit en laat het eerst voordoen.\n"
        "3. Gebruik plaatjes of een checklist bij taken die vaak terugkomen.\n"
        "4. Geef vaak en kort feedback: wat ging goed, wat kan beter.\n"
        "5. Spreek vaste pauzes en vaste tijden af.\n"
        "6. Vraag na een week hoe het gaat, en luister.\n"
        "7. In week 2, 6 en 12 is er een check-in met school of jobhunter. Doe mee.\n"
        "8. Merk je dat het niet goed gaat? Meld het meteen; dan is er nog tijd om te helpen.\n"
        "9. Een jobcoach is welkom om mee te kijken.\n"
        "10. Vier de kleine successen.",
    ),
}


def _fill(obj, values: dict) -> None:
    """Set the code and every field that is still empty; keep what people wrote."""
    for name, value in values.items():
        if name == "code" or not getattr(obj, name):
            setattr(obj, name, value)


def seed(apps, schema_editor):
    Regulation = apps.get_model("toolkit", "Regulation")
    RegulationYear = apps.get_model("toolkit", "RegulationYear")
    ToolkitItem = apps.get_model("toolkit", "ToolkitItem")
    for row in REGULATIONS:
        values = {k: v for k, v in row.items() if k != "slug"} | {"checked_on": CHECKED}
        obj = Regulation.objects.filter(slug=row["slug"]).first()
        if obj is None:
            Regulation.objects.create(slug=row["slug"], **values)
        else:
            _fill(obj, values)
            obj.save()
    for code, years in YEARS.items():
        regulation = Regulation.objects.get(code=code)
        for year, values in years:
            values = dict(values)
            for name in ("max_per_year", "hourly_rate", "percentage", "max_share"):
                if values.get(name) is not None:
                    values[name] = Decimal(values[name])
            RegulationYear.objects.update_or_create(
                regulation=regulation, year=year, defaults=values
            )
    for slug, (title, category, summary, body) in ARTICLES_NL.items():
        title_en, category_en, summary_en, body_en = ARTICLES_EN[slug]
        item = ToolkitItem.objects.filter(slug=slug).first()
        if item is None:
            item = ToolkitItem(
                slug=slug, audience="werkgever", title=title, category=category,
                summary=summary, body=body,
            )  # fmt: skip
        _fill(item, {"title_en": title_en, "category_en": category_en, "summary_en": summary_en,
                     "body_en": body_en})  # fmt: skip
        item.save()


class Migration(migrations.Migration):
    dependencies = [("toolkit", "0003_regulations_as_data")]

    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
