"""Dutch texts for generated openings and student profiles, per leerlijn (B1 language)."""

from matching.engine import ADULT_AGE

# Per sector: (kind, title, options). Options: night, evening, weekend (bool), min_age,
# cert (a required certificate), min_level, leerweg.
OPENING_TEMPLATES = {
    "zorg": [
        ("bpv", "BPV-plek helpende zorg en welzijn", {"min_level": 2, "weekend": True}),
        ("bpv", "Stage in de dagbesteding", {}),
        ("bpv", "BPV-plek verzorgende-IG op een woongroep", {"min_level": 3, "weekend": True}),
        ("bpv", "Snuffelstage zorg: helpen bij activiteiten", {}),
        ("leerbaan", "Leerbaan verzorgende-IG (BBL)", {"min_level": 3, "evening": True}),
        ("leerbaan", "Leerbaan helpende zorg en welzijn (BBL)", {"min_level": 2}),
        ("vacature", "Gastvrouw/gastheer woonzorgcentrum", {"weekend": True}),
        ("vacature", "Medewerker huishouding thuiszorg", {}),
        ("vacature", "Nachtdienst zorgassistent", {"night": True, "min_age": ADULT_AGE}),
    ],
    "horeca": [
        ("bpv", "BPV-plek kok", {"min_level": 2, "evening": True, "cert": "HACCP"}),
        ("bpv", "Stage keukenhulp", {"evening": True}),
        ("bpv", "BPV-plek gastheer/gastvrouw", {"min_level": 2, "weekend": True}),
        ("bpv", "Stage in de lunchroom", {}),
        ("leerbaan", "Leerbaan zelfstandig werkend kok (BBL)", {"min_level": 3, "evening": True}),
        ("leerbaan", "Leerbaan medewerker fastservice (BBL)", {"min_level": 2}),
        ("vacature", "Afwashulp (weekend)", {"weekend": True, "evening": True}),
        (
            "vacature",
            "Medewerker bediening en bar",
            {"evening": True, "min_age": ADULT_AGE, "cert": "Sociale Hygiëne"},
        ),
        (
            "vacature",
            "Barmedewerker partycentrum",
            {"evening": True, "weekend": True, "min_age": ADULT_AGE},
        ),
    ],
    "productie": [
        ("bpv", "BPV-plek operator A", {"min_level": 2}),
        ("bpv", "Stage inpakken en etiketteren", {}),
        ("bpv", "BPV-plek medewerker voedingsindustrie", {"min_level": 2, "cert": "HACCP"}),
        ("leerbaan", "Leerbaan operator B (BBL)", {"min_level": 3}),
        ("leerbaan", "Leerbaan medewerker voedingsindustrie (BBL)", {"min_level": 2}),
        ("vacature", "Productiemedewerker dagdienst", {}),
        ("vacature", "Inpakker in ploegendienst", {"evening": True}),
        ("vacature", "Productiemedewerker nachtploeg", {"night": True, "min_age": ADULT_AGE}),
    ],
    "logistiek": [
        ("bpv", "BPV-plek logistiek medewerker magazijn", {"min_level": 2}),
        ("bpv", "Stage orderpicker", {}),
        ("bpv", "Stage expeditie en verzending", {"min_level": 1}),
        ("leerbaan", "Leerbaan logistiek medewerker (BBL)", {"min_level": 2}),
        (
            "leerbaan",
            "Leerbaan chauffeur wegvervoer (BBL)",
            {"min_level": 2, "min_age": ADULT_AGE, "cert": "Rijbewijs B"},
        ),
        ("vacature", "Magazijnmedewerker (parttime)", {}),
        ("vacature", "Medewerker inslag en uitslag", {"weekend": True}),
        (
            "vacature",
            "Heftruckchauffeur nachtdienst",
            {"night": True, "min_age": ADULT_AGE, "cert": "Heftruckcertificaat"},
        ),
    ],
    "installatietechniek": [
        ("bpv", "BPV-plek monteur elektrotechniek", {"min_level": 2, "cert": "VCA basis"}),
        ("bpv", "BPV-plek monteur werktuigkundige installaties", {"min_level": 2}),
        ("bpv", "Stage hulpmonteur zonnepanelen", {"cert": "VCA basis"}),
        ("leerbaan", "Leerbaan eerste monteur woning en utiliteit (BBL)", {"min_level": 3}),
        ("leerbaan", "Leerbaan monteur elektrotechnische installaties (BBL)", {"min_level": 2}),
        ("vacature", "Hulpmonteur installatietechniek", {"cert": "VCA basis"}),
        ("vacature", "Servicemonteur cv-ketels", {"min_age": ADULT_AGE, "cert": "Rijbewijs B"}),
    ],
    "metaal": [
        ("bpv", "BPV-plek lasser", {"min_level": 2, "cert": "VCA basis"}),
        ("bpv", "Stage metaalbewerking", {}),
        ("bpv", "BPV-plek machinaal verspaner", {"min_level": 2}),
        ("leerbaan", "Leerbaan constructiewerker (BBL)", {"min_level": 2}),
        ("leerbaan", "Leerbaan allround lasser (BBL)", {"min_level": 3}),
        ("vacature", "Productiemedewerker metaal", {}),
        ("vacature", "Lasser in tweeploegendienst", {"evening": True, "cert": "Basis lassen"}),
    ],
    "groen": [
        ("bpv", "BPV-plek medewerker hovenier", {"min_level": 2}),
        ("bpv", "Stage op de zorgboerderij", {}),
        ("bpv", "Stage dierverzorging", {"weekend": True}),
        ("bpv", "BPV-plek medewerker teelt", {"min_level": 2}),
        ("leerbaan", "Leerbaan vakbekwaam hovenier (BBL)", {"min_level": 3}),
        ("leerbaan", "Leerbaan medewerker groen (BBL)", {"min_level": 2}),
        ("vacature", "Medewerker groenonderhoud", {}),
        ("vacature", "Medewerker kwekerij (seizoen)", {"weekend": True}),
    ],
    "facilitair": [
        ("bpv", "BPV-plek medewerker facilitaire dienstverlening", {"min_level": 2}),
        ("bpv", "Stage schoonmaak", {}),
        ("bpv", "Stage postkamer en receptie", {}),
        ("leerbaan", "Leerbaan medewerker schoonmaak (BBL)", {"min_level": 2}),
        ("leerbaan", "Leerbaan facilitair leidinggevende (BBL)", {"min_level": 3}),
        ("vacature", "Schoonmaker kantoren (avond)", {"evening": True}),
        ("vacature", "Medewerker facilitaire dienst", {}),
        ("vacature", "Glazenwasser", {"min_age": ADULT_AGE, "cert": "Hoogwerker"}),
    ],
}

OPENING_WORK = {
    "zorg": [
        "Je helpt bewoners bij het wassen en aankleden.",
        "Je zet koffie en thee en eet gezellig mee aan tafel.",
        "Je begeleidt activiteiten, zoals wandelen, spelletjes en muziek.",
        "Je let goed op hoe het met de bewoners gaat en vertelt het als je iets opvalt.",
        "Je helpt bij het opmaken van bedden en het opruimen van de kamers.",
    ],
    "horeca": [
        "Je helpt in de keuken met snijden, koken en opruimen.",
        "Je ontvangt gasten en brengt het eten naar de tafel.",
        "Je werkt volgens de regels voor hygiëne (HACCP).",
        "Je houdt de spoelkeuken schoon en helpt waar het druk is.",
        "Je maakt broodjes en salades voor de lunch.",
    ],
    "productie": [
        "Je bedient een machine en controleert of de producten goed zijn.",
        "Je pakt producten in en plakt er etiketten op.",
        "Je werkt aan de productielijn in een vast team.",
        "Je meldt het aan je leidinggevende als een machine niet goed werkt.",
        "Je werkt schoon en veilig volgens de regels van de fabriek.",
    ],
    "logistiek": [
        "Je verzamelt orders met een handscanner.",
        "Je ontvangt goederen en controleert of alles klopt.",
        "Je zet pallets klaar voor de vrachtwagen.",
        "Je rijdt met de pallettruck of heftruck (met certificaat).",
        "Je houdt het magazijn netjes en veilig.",
    ],
    "installatietechniek": [
        "Je gaat mee met een ervaren monteur naar klanten.",
        "Je helpt bij het aanleggen van leidingen en kabels.",
        "Je leert werken met gereedschap en meetapparatuur.",
        "Je helpt bij het plaatsen van zonnepanelen en warmtepompen.",
        "Je ruimt na het werk de bus en de werkplek op.",
    ],
    "metaal": [
        "Je zaagt, boort en slijpt onderdelen op maat.",
        "Je leert lassen bij een ervaren vakman.",
        "Je leest eenvoudige tekeningen en meet je werk na.",
        "Je werkt veilig met machines en draagt je beschermingsmiddelen.",
        "Je helpt bij het in elkaar zetten van constructies.",
    ],
    "groen": [
        "Je maait gras, snoeit heggen en houdt perken netjes.",
        "Je helpt bij het aanleggen van tuinen en het leggen van bestrating.",
        "Je verzorgt planten in de kas of op het land.",
        "Je voert de dieren en maakt de stallen schoon.",
        "Je werkt veel buiten, in een klein team.",
    ],
    "facilitair": [
        "Je maakt kantoren en gangen schoon volgens een vast schema.",
        "Je zet vergaderzalen klaar en ruimt ze weer op.",
        "Je brengt post en pakketten rond in het gebouw.",
        "Je werkt met schoonmaakmachines, zoals een schrobmachine.",
        "Je helpt bij kleine reparaties en het scheiden van afval.",
    ],
}

OPENING_OFFER = [
    "Je krijgt een vaste begeleider die je alles rustig uitlegt.",
    "We werken met duidelijke werkinstructies, ook met plaatjes.",
    "Je jobcoach is altijd welkom om mee te kijken.",
    "Je begint met een kennismaking en een rondleiding.",
    "Bij ons mag je fouten maken: daar leer je van.",
]

INTERESTS = {
    "zorg": [
        "Ik help graag mensen en ik vind het fijn om voor anderen te zorgen.",
        "Ik kan goed luisteren en ik ben geduldig met ouderen.",
        "Ik wil later in de zorg werken, het liefst met ouderen of kinderen.",
    ],
    "horeca": [
        "Ik kook thuis graag en ik wil in een keuken werken.",
        "Ik vind het leuk om gasten te helpen en het gezellig te maken.",
        "Drukte vind ik niet erg, ik werk graag in een team.",
    ],
    "productie": [
        "Ik vind het fijn als het werk duidelijk is en ik weet wat ik moet doen.",
        "Ik werk graag met machines en ik let goed op.",
        "Ik vind het leuk om te zien hoe dingen gemaakt worden.",
    ],
    "logistiek": [
        "Ik vind het fijn om dingen netjes te ordenen en ik ben graag in beweging.",
        "Ik wil graag heftruck leren rijden.",
        "Ik werk graag met een scanner en ik ben nauwkeurig.",
    ],
    "installatietechniek": [
        "Ik klus graag en ik wil weten hoe elektriciteit werkt.",
        "Ik ben handig met gereedschap en werk graag bij mensen thuis.",
        "Ik wil graag zonnepanelen leren installeren.",
    ],
    "metaal": [
        "Ik wil graag leren lassen.",
        "Ik werk graag met mijn handen en met metaal.",
        "Ik vind machines en techniek interessant.",
    ],
    "groen": [
        "Ik ben graag buiten, ook als het regent.",
        "Ik houd van dieren en wil graag op een boerderij werken.",
        "Ik vind tuinieren leuk en ik werk graag met planten.",
    ],
    "facilitair": [
        "Ik werk graag netjes en ik vind het fijn als alles schoon is.",
        "Ik help graag anderen en ik houd van afwisseling.",
        "Ik werk het liefst in een rustige omgeving met vaste taken.",
    ],
}

GENERAL_INTERESTS = [
    "Ik heb liever vaste tijden.",
    "Ik fiets graag naar mijn werk.",
    "Ik werk het liefst in een klein team.",
    "In mijn vrije tijd sport ik veel.",
    "Ik leer het best door het te doen.",
    "Ik vind het fijn als iemand me eerst laat zien hoe het moet.",
]

COMPENSATION = {
    "bpv": [
        "Stagevergoeding € 150 per maand",
        "Stagevergoeding € 200 per maand",
        "Stagevergoeding € 250 per maand en reiskosten",
        "Reiskostenvergoeding",
    ],
    "leerbaan": [
        "Loon volgens de cao, passend bij je leeftijd en leerjaar",
        "Cao-loon en we betalen je opleiding",
    ],
    "vacature": [
        "Loon volgens de cao",
        "Minimaal het wettelijk minimumloon voor je leeftijd",
        "Loon volgens de cao en een reiskostenvergoeding",
    ],
}
