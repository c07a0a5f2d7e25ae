"""Financial regulations for employers, in general terms and plain Dutch.

Amounts change every year, so we describe how each regulation works and send people to the
website of whoever runs it instead of stating figures.
"""

SEE_WEBSITE = "Zie de website voor het bedrag van dit jaar."

# (slug, name, provider, summary, who_qualifies, amount, how_to_apply, url)
REGULATIONS = [
    (
        "subsidieregeling-praktijkleren",
        "Subsidieregeling praktijkleren",
        "Rijksoverheid (uitvoering: RVO)",
        "Een bijdrage voor werkgevers die een student een praktijkleerplaats geven, "
        "bijvoorbeeld een BBL-leerbaan.",
        "Werkgevers die een praktijkleerplaats of werkleerplaats bieden, bijvoorbeeld aan een "
        "mbo-student in de BBL. Je bedrijf moet erkend zijn door SBB en er moet een "
        "praktijkovereenkomst zijn. Welke plekken meetellen, staat op de website van RVO.",
        "Een bedrag per leerplaats per studiejaar. Hoe hoog het is, hangt af van het aantal "
        "aanvragen. " + SEE_WEBSITE,
        "Je vraagt de subsidie achteraf aan, na het studiejaar, via mijn.rvo.nl. Je hebt "
        "eHerkenning nodig. Houd de praktijkovereenkomst en de begeleiding goed bij.",
        "https://www.rvo.nl/subsidies-financiering/praktijkleren",
    ),
    (
        "loonkostenvoordeel-banenafspraak",
        "Loonkostenvoordeel (LKV) doelgroep banenafspraak",
        "UWV en Belastingdienst",
        "Een tegemoetkoming in de loonkosten als je iemand aanneemt die in het doelgroepregister "
        "banenafspraak staat.",
        "Werkgevers die een werknemer aannemen die in het doelgroepregister banenafspraak staat. "
        "Veel jongeren van het praktijkonderwijs en het VSO kunnen in dat register komen. Er "
        "zijn ook andere soorten LKV, bijvoorbeeld voor oudere werknemers.",
        "Een vast bedrag per verloond uur, tot een maximum per jaar, voor maximaal drie jaar. "
        + SEE_WEBSITE,
        "Vraag binnen drie maanden na de eerste werkdag een doelgroepverklaring aan bij UWV. "
        "Geef het LKV daarna op in je loonaangifte. De Belastingdienst betaalt het voordeel het "
        "jaar erna uit.",
        "https://www.uwv.nl/werkgevers",
    ),
    (
        "loonkostensubsidie-participatiewet",
        "Loonkostensubsidie (Participatiewet)",
        "Gemeente",
        "De gemeente betaalt een deel van het loon als een werknemer door een beperking minder "
        "kan dan een gemiddelde collega.",
        "Werkgevers die iemand aannemen die door een beperking niet het wettelijk minimumloon "
        "kan verdienen, bijvoorbeeld een jongere van het praktijkonderwijs of het VSO. De "
        "gemeente laat vaststellen wat iemand op de werkplek kan: de loonwaarde.",
        "Ongeveer het verschil tussen de loonwaarde en het minimumloon, plus een deel van de "
        "werkgeverslasten. De gemeente rekent het per werknemer uit.",
        "Neem contact op met het Werkgeversservicepunt (WSP) of met de gemeente waar de "
        "werknemer woont. Een deskundige meet de loonwaarde op de werkplek. Daarna maak je "
        "afspraken over de subsidie en de begeleiding.",
        "https://www.rijksoverheid.nl/onderwerpen/participatiewet",
    ),
    (
        "no-riskpolis",
        "No-riskpolis",
        "UWV",
        "Wordt je werknemer met een arbeidsbeperking ziek? Dan betaalt UWV een "
        "Ziektewet-uitkering. Zo loop je minder risico.",
        "Werkgevers met een werknemer die een arbeidsbeperking heeft, bijvoorbeeld iemand in het "
        "doelgroepregister banenafspraak of met een Wajong-uitkering.",
        "Bij ziekte betaalt UWV een Ziektewet-uitkering, die je met het loon verrekent. Hoe lang "
        "de polis geldt, hangt af van de situatie van de werknemer: zie de website van UWV.",
        "Je hoeft de no-riskpolis niet vooraf aan te vragen. Wordt je werknemer ziek, meld het "
        "dan bij UWV. Op de website staat hoe dat gaat.",
        "https://www.uwv.nl/werkgevers",
    ),
    (
        "jobcoach",
        "Jobcoach op de werkvloer",
        "UWV of gemeente",
        "Een jobcoach helpt je nieuwe werknemer en jou op de werkvloer, zodat het werk goed gaat "
        "en goed blijft gaan.",
        "Werknemers met een arbeidsbeperking die begeleiding nodig hebben op het werk. Wie de "
        "jobcoach regelt, hangt af van de situatie: UWV (bijvoorbeeld bij Wajong) of de gemeente "
        "(Participatiewet).",
        "Voor de werkgever is een externe jobcoach meestal gratis. Zet je een eigen (interne) "
        "jobcoach in, dan kun je soms een vergoeding krijgen. " + SEE_WEBSITE,
        "Vraag het aan het Werkgeversservicepunt of aan de werkcoach van de werknemer. Zij "
        "weten of UWV of de gemeente de jobcoach regelt en helpen met de aanvraag.",
        "https://www.uwv.nl/werkgevers",
    ),
    (
        "proefplaatsing",
        "Proefplaatsing",
        "UWV of gemeente",
        "Iemand met een uitkering werkt een korte tijd op proef bij je en houdt zijn uitkering.",
        "Werkgevers die iemand met een uitkering (bijvoorbeeld WW, Wajong of bijstand) eerst "
        "willen leren kennen. Meestal moet je van plan zijn om daarna een contract te geven. "
        "De voorwaarden staan op de website van UWV of de gemeente.",
        "Je betaalt geen loon tijdens de proefplaatsing; de werknemer houdt zijn uitkering. Hoe "
        "lang het mag, staat op de website van UWV of de gemeente.",
        "Vraag de proefplaatsing aan vóór de eerste werkdag, bij UWV of bij de gemeente van de "
        "werknemer.",
        "https://www.uwv.nl/werkgevers",
    ),
    (
        "werkplekaanpassingen",
        "Aanpassingen op de werkplek",
        "UWV of gemeente",
        "Heeft je werknemer een aangepaste werkplek of een hulpmiddel nodig? Dan kan UWV of de "
        "gemeente dat vergoeden.",
        "Werknemers met een ziekte of beperking die een aanpassing nodig hebben om te kunnen "
        "werken, zoals een aangepaste stoel, software of vervoer naar het werk.",
        "Een vergoeding van de kosten of een deel ervan. " + SEE_WEBSITE,
        "De werknemer of de werkgever vraagt de voorziening aan bij UWV of bij de gemeente. "
        "Doe dat voordat je kosten maakt.",
        "https://www.uwv.nl/werkgevers",
    ),
]
