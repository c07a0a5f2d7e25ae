"""Toolkit items for employers, students, parents and professionals, in plain (B1) Dutch."""

# (slug, audience, title, category, sector code or None, summary, body, url)
TOOLKIT_ITEMS = [
    (
        "zo-werkt-de-praktijkverklaring",
        "werkgever",
        "Zo werkt de praktijkverklaring",
        "Praktijkverklaring",
        None,
        "Een praktijkverklaring laat zien welke werkprocessen uit een mbo-opleiding een jongere "
        "in de praktijk beheerst. Jij helpt mee door te bevestigen wat je ziet.",
        "Niet elke jongere haalt een mbo-diploma. Met een praktijkverklaring kan een jongere toch "
        "laten zien wat hij of zij kan.\n\n"
        "Hoe werkt het?\n"
        "1. De school kiest samen met de jongere een mbo-opleiding die past, bijvoorbeeld "
        "Logistiek medewerker.\n"
        "2. Tijdens de stage oefent de jongere werkprocessen uit die opleiding, zoals "
        "'Ontvangt goederen' of 'Maakt orders verzendklaar'.\n"
        "3. De praktijkbegeleider in jouw bedrijf laat weten welke werkprocessen goed gaan.\n"
        "4. De school legt het vast en de jongere krijgt de verklaring.\n\n"
        "Werkgevers in de branche herkennen de werkprocessen. Zo weet een volgende werkgever "
        "precies wat de jongere kan.",
        "",
    ),
    (
        "erkend-leerbedrijf-worden",
        "werkgever",
        "Erkend leerbedrijf worden",
        "Regels",
        None,
        "Voor een mbo-stagiair moet je bedrijf erkend zijn door SBB voor de opleiding van die "
        "student. Een erkenning aanvragen is gratis.",
        "Een mbo-student mag alleen stage lopen (BPV) bij een erkend leerbedrijf. De erkenning "
        "geldt per opleiding (kwalificatie). Je ziet je erkenningen in je bedrijfsprofiel.\n\n"
        "Zo werkt het:\n"
        "- Je vraagt de erkenning aan bij SBB (Samenwerkingsorganisatie Beroepsonderwijs "
        "Bedrijfsleven).\n"
        "- Een adviseur van SBB komt langs en kijkt samen met je of je de student goed kunt "
        "begeleiden.\n"
        "- Je hebt een praktijkopleider nodig die de student begeleidt.\n\n"
        "Let op: een erkenning kan verlopen. Onze matching laat een mbo-student alleen bij "
        "jou zien als je erkenning voor zijn opleiding geldig is. Voor een stage van een "
        "leerling van PrO of VSO heb je geen erkenning nodig.",
        "https://www.s-bb.nl",
    ),
    (
        "financiele-regelingen-in-het-kort",
        "werkgever",
        "Financiële regelingen in het kort",
        "Geld",
        None,
        "Van subsidie praktijkleren tot loonkostensubsidie en no-riskpolis: een overzicht van "
        "regelingen die helpen om een plek te maken.",
        "Een plek maken voor een jongere die extra begeleiding nodig heeft, kost tijd. Daarom "
        "zijn er regelingen die helpen. Onder Regelingen vind je per regeling:\n"
        "- voor wie hij is,\n- wie hem regelt,\n- hoe je hem aanvraagt.\n\n"
        "Bedragen veranderen vaak. Kijk daarom altijd op de website van de regeling zelf. "
        "Twijfel je? Het Werkgeversservicepunt (WSP) helpt je gratis.",
        "",
    ),
    (
        "zo-vind-je-een-stageplek",
        "student",
        "Zo vind je een stageplek",
        "Zoeken",
        None,
        "Vul je profiel in, kijk welke plekken bij je passen en laat weten wat je leuk vindt. "
        "Je jobhunter of JPO helpt je.",
        "Stap 1: Vul je profiel in. Wat kun je al? Welke certificaten heb je? Wat vind je leuk? "
        "Hoe ver wil je reizen?\n\n"
        "Stap 2: Kijk bij 'Plekken voor jou'. Bij elke plek staat waarom hij bij je past.\n\n"
        "Stap 3: Vind je een plek leuk? Klik op 'Ik heb interesse'. Je jobhunter kijkt mee.\n\n"
        "Stap 4: Zegt de werkgever ook ja? Dan volgt een kennismaking. Je kunt je samen met je "
        "jobhunter of Junior Praktijkopleider (JPO) voorbereiden.\n\n"
        "Tip: ga naar een matchingevent. Daar ontmoet je werkgevers in het echt.",
        "",
    ),
    (
        "kalender-matchingevents",
        "student",
        "De kalender met matchingevents",
        "Events",
        None,
        "Speeddates, banenmarkten, bedrijfsbezoeken en meeloopdagen: hier meld je je aan.",
        "Bij een matchingevent ontmoet je werkgevers. Je hoeft geen brief te schrijven: je "
        "maakt gewoon kennis.\n\n"
        "- Speeddate: korte gesprekjes van een paar minuten met verschillende werkgevers.\n"
        "- Banenmarkt: je loopt langs stands en stelt vragen.\n"
        "- Bedrijfsbezoek: je kijkt een paar uur rond bij een bedrijf.\n"
        "- Meeloopdag: je werkt een dag mee.\n\n"
        "Is een event vol? Dan kom je op de wachtlijst. Zegt iemand af, dan krijg je bericht. "
        "Je krijgt een herinnering een paar dagen van tevoren.",
        "",
    ),
    (
        "hulp-bij-zoeken",
        "student",
        "Hulp bij zoeken: wie helpt je?",
        "Hulp",
        None,
        "Je mentor, je jobhunter, een Junior Praktijkopleider en later een werkcoach: zo "
        "helpen ze je.",
        "- Je mentor of SLB'er op school praat met je over wat je wilt en kunt.\n"
        "- Je jobhunter zoekt samen met jou naar een plek en belt met werkgevers.\n"
        "- Een Junior Praktijkopleider (JPO) is een ouderejaars mbo-student. Hij of zij helpt je "
        "zoeken en is er ook tijdens je stage.\n"
        "- Een jobcoach kan je op het werk helpen, als je dat nodig hebt.\n"
        "- Ga je van school naar werk? Dan helpt de werkcoach van de arbeidsmarktregio je, "
        "ook na je diploma.\n\n"
        "Jij bepaalt wat je deelt over de hulp die je nodig hebt.",
        "",
    ),
    (
        "kennismakingsgesprek-voorbereiden",
        "student",
        "Je kennismakingsgesprek voorbereiden",
        "Zoeken",
        None,
        "Een kennismaking is geen examen. Met deze vijf vragen ben je goed voorbereid.",
        "Denk van tevoren na over deze vragen:\n"
        "1. Waarom wil je hier stage lopen of werken?\n"
        "2. Wat kun je al? Noem een voorbeeld.\n"
        "3. Wat wil je nog leren?\n"
        "4. Welke tijden kun je werken? Hoe kom je er?\n"
        "5. Wat helpt jou om goed te werken?\n\n"
        "Neem je certificaten of je praktijkverklaring mee. Kom op tijd, en vraag gerust of je "
        "de werkplek mag zien.",
        "",
    ),
    (
        "je-kind-helpen-zoeken",
        "ouder",
        "Hoe help je je kind bij het zoeken?",
        "Meehelpen",
        None,
        "Als ouder ben je belangrijk. Praat samen over wat je kind leuk vindt en help met "
        "reizen, tijden en afspraken.",
        "- Praat met je kind over wat het leuk vindt en goed kan.\n"
        "- Kijk samen naar de plekken en de uitleg waarom ze passen.\n"
        "- Help met praktische dingen: hoe kom je er, hoe laat moet je weg?\n"
        "- Ga mee naar een banenmarkt of open dag.\n"
        "- Heb je zorgen? Neem contact op met de mentor of jobhunter.\n\n"
        "Je kind beslist zelf. Jij helpt mee.",
        "",
    ),
    (
        "meekijken-en-toestemming",
        "ouder",
        "Meekijken: wat mag je als ouder zien?",
        "Privacy",
        None,
        "Is je kind jonger dan 16? Dan mag je meekijken. Vanaf 16 jaar beslist je kind zelf of "
        "je mag meekijken.",
        "De wet beschermt de gegevens van jongeren. Daarom geldt:\n"
        "- Is je kind jonger dan 16 jaar? Dan mag je als ouder of verzorger meekijken.\n"
        "- Is je kind 16 jaar of ouder? Dan mag je alleen meekijken als je kind daar "
        "toestemming voor geeft. Je kind kan die toestemming altijd weer intrekken.\n\n"
        "Als je mag meekijken, zie je de zoektocht, de afspraken en de events van je kind.",
        "",
    ),
    (
        "wanneer-escaleren",
        "professional",
        "Vastgelopen zoektocht: wanneer schakel je het WSP of SBB in?",
        "Werkwijze",
        None,
        "Heeft een leerling in het laatste schooljaar kort voor de start nog geen plek, of staat "
        "een zoekvraag stil? Dan gaat de zaak naar een accountmanager.",
        "In het laatste schooljaar mag geen jongere zonder plek blijven. Daarom escaleren we:\n"
        "- als er 8 weken voor de start van de BPV nog geen plek is;\n"
        "- als een zoekvraag 21 dagen stilstaat;\n"
        "- als er tijdens een plaatsing een risico op uitval is;\n"
        "- of als jij als jobhunter vindt dat het nodig is.\n\n"
        "De accountmanager van het WSP of de adviseur van SBB zoekt mee in het netwerk van "
        "werkgevers. De termijnen kan de regio zelf instellen.",
        "",
    ),
    (
        "overgangsdokument-invullen",
        "professional",
        "Het overgangsdokument invullen",
        "Overgang",
        None,
        "Met het overgangsdokument draag je een jongere met advies arbeid warm over aan de "
        "werkcoach van de arbeidsmarktregio.",
        "Volgens de routekaart aanvullende loopbaanbegeleiding krijgt een student 16 weken voor "
        "het diploma advies 'arbeid' of 'doorstroom'.\n\n"
        "Bij advies arbeid vul je samen met de student het overgangsdokument in: sterke punten, "
        "aandachtspunten, welke begeleiding helpt, werkervaring, diploma's en certificaten en "
        "wensen voor werk. Vraag toestemming om na het diploma contact op te nemen.\n\n"
        "Stuur het document naar de werkcoach. Die nodigt de student uit voor een gesprek, "
        "als het kan op school. Ongeveer 18 weken na het diploma is er nog een contactmoment.",
        "",
    ),
]
