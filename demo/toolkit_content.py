"""Toolkit items for employers, students, parents and professionals, in plain (B1) Dutch."""

# (slug, audience, title, category, sector code or None, summary, body, url)
TOOLKIT_ITEMS = [
    (
        "waarom-bpv-plekken-voor-kwetsbare-jongeren",
        "werkgever",
        "Waarom een BPV-plek voor kwetsbare jongeren?",
        "Waarom meedoen",
        None,
        "Jongeren van praktijkonderwijs, VSO en Entree leren het best op de werkvloer. "
        "Met een stageplek help je ze op weg en vind je je collega van morgen.",
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
        "",
    ),
    (
        "wat-kunnen-deze-jongeren",
        "werkgever",
        "Wat kunnen deze jongeren?",
        "Waarom meedoen",
        None,
        "Meer dan je denkt: praktische vakvaardigheden, branchecertificaten en "
        "werkprocessen uit het mbo, vastgelegd in een praktijkverklaring.",
        "Jongeren van PrO en VSO volgen op school een leerlijn, bijvoorbeeld Zorg, Horeca, "
        "Logistiek of Groen. Ze oefenen op school en in stages echte taken uit het werk.\n\n"
        "Veel jongeren hebben al branchecertificaten, zoals VCA, HACCP of een "
        "heftruckcertificaat. Daarnaast leren ze werkprocessen uit de mbo-opleidingen. Die staan "
        "op hun praktijkverklaring.\n\n"
        "In hun profiel zie je ook hun werknemersvaardigheden: op tijd komen, samenwerken, "
        "instructies opvolgen. En je ziet welke begeleiding helpt, als de jongere dat wil "
        "delen.\n\n"
        "Tip: geef een vaste begeleider, leg taken stap voor stap uit en laat het voordoen.",
        "",
    ),
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
        "tips-voor-de-praktijkbegeleider",
        "werkgever",
        "Tips voor de praktijkbegeleider",
        "Begeleiden",
        None,
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
        "",
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
