"""The shared vocabulary of the demo: leerlijnen, MBO qualifications with werkprocessen.

The qualification names follow the MBO kwalificatiestructuur; the crebo numbers are plausible
five-digit numbers for the demo, not an authoritative list (check the dossiers at s-bb.nl).
Werkproces codes follow the dossiers' pattern: B1 (basisdeel) - K1 (kerntaak) - W1 (werkproces).
"""

# (code, name, pictogram) — the eight leerlijnen of the Meters Maken pilot.
SECTORS = [
    ("zorg", "Zorg", "🩺"),
    ("horeca", "Horeca", "🍽️"),
    ("productie", "Productie", "🏭"),
    ("logistiek", "Logistiek", "📦"),
    ("installatietechniek", "Installatietechniek", "🔧"),
    ("metaal", "Metaal", "🔩"),
    ("groen", "Groen", "🌱"),
    ("facilitair", "Facilitair", "🧹"),
]

# sector -> [(crebo, name, level, [werkproces names])]; kerntaak 2 starts at the 5th process.
# fmt: off
QUALIFICATIONS = {
    "zorg": [
        ("25250", "Assistent dienstverlening en zorg", 1, [
            "Bereidt de werkzaamheden voor",
            "Voert eenvoudige verzorgende taken uit",
            "Helpt bij huishoudelijke taken",
            "Rondt de werkzaamheden af en ruimt op",
        ]),
        ("25498", "Helpende zorg en welzijn", 2, [
            "Ondersteunt bij persoonlijke verzorging",
            "Biedt hulp bij huishoudelijke taken",
            "Ondersteunt bij dagelijkse activiteiten",
            "Signaleert veranderingen bij de cliënt",
            "Werkt samen met collega's en naasten",
        ]),
        ("25491", "Verzorgende-IG", 3, [
            "Onderkent gezondheidsrisico's",
            "Stelt het zorgplan op en voert het uit",
            "Biedt persoonlijke verzorging",
            "Voert verpleegtechnische handelingen uit",
            "Stemt de zorg af met andere zorgverleners",
            "Werkt aan de eigen deskundigheid",
        ]),
        ("25476", "Medewerker maatschappelijke zorg", 3, [
            "Ondersteunt de cliënt bij wonen en dagbesteding",
            "Begeleidt groepsactiviteiten",
            "Signaleert problemen en handelt daarnaar",
            "Overlegt met het netwerk van de cliënt",
        ]),
        ("25655", "Mbo-verpleegkundige", 4, [
            "Stelt de verpleegkundige diagnose",
            "Voert verpleegkundige interventies uit",
            "Coördineert de zorg rond de cliënt",
            "Werkt aan de kwaliteit van zorg",
            "Begeleidt collega's en stagiairs",
        ]),
    ],
    "horeca": [
        ("25252", "Assistent horeca, voeding of voedingsindustrie", 1, [
            "Bereidt eenvoudige gerechten voor",
            "Maakt de werkplek schoon volgens de hygiënecode",
            "Helpt bij het uitserveren",
            "Ruimt de spoelkeuken op",
        ]),
        ("25180", "Kok", 2, [
            "Bereidt de werkzaamheden in de keuken voor",
            "Maakt basisbereidingen",
            "Bereidt gerechten volgens recept",
            "Houdt de keuken schoon en veilig",
            "Ontvangt en controleert goederen",
        ]),
        ("25168", "Gastheer/gastvrouw", 2, [
            "Ontvangt gasten",
            "Neemt bestellingen op",
            "Serveert eten en drinken",
            "Rekent af met gasten",
            "Houdt het restaurant netjes",
        ]),
        ("25173", "Medewerker fastservice", 2, [
            "Bereidt producten volgens de standaard",
            "Helpt gasten aan de balie",
            "Werkt met de kassa",
            "Houdt de werkplek schoon",
        ]),
        ("25181", "Zelfstandig werkend kok", 3, [
            "Plant het werk in de keuken",
            "Bereidt gerechten zelfstandig",
            "Bewaakt de kwaliteit en de voedselveiligheid",
            "Stuurt een keukenmedewerker aan",
        ]),
        ("25170", "Manager/ondernemer horeca", 4, [
            "Maakt een ondernemingsplan",
            "Zorgt voor gastvrijheid en kwaliteit",
            "Beheert inkoop en voorraad",
            "Stuurt medewerkers aan",
        ]),
    ],
    "productie": [
        ("25257", "Assistent productie en techniek", 1, [
            "Bereidt de werkzaamheden voor",
            "Voert eenvoudige productiehandelingen uit",
            "Pakt producten in",
            "Houdt de werkplek schoon en veilig",
        ]),
        ("25362", "Operator A", 2, [
            "Bereidt het productieproces voor",
            "Bedient de productie-installatie",
            "Controleert de kwaliteit van producten",
            "Voert klein onderhoud uit",
            "Meldt storingen",
        ]),
        ("25376", "Medewerker voedingsindustrie", 2, [
            "Bereidt grondstoffen voor",
            "Bedient machines in de voedingsproductie",
            "Werkt volgens de hygiëneregels",
            "Verpakt en etiketteert producten",
        ]),
        ("25363", "Operator B", 3, [
            "Stelt de installatie in",
            "Bewaakt het productieproces",
            "Lost storingen op",
            "Werkt mee aan verbeteringen",
        ]),
        ("25364", "Operator C", 4, [
            "Optimaliseert het productieproces",
            "Analyseert storingen en afwijkingen",
            "Werkt aan veiligheid en kwaliteit",
            "Begeleidt operators",
        ]),
    ],
    "logistiek": [
        ("25253", "Assistent logistiek", 1, [
            "Ontvangt en controleert goederen",
            "Slaat goederen op",
            "Verzamelt orders",
            "Houdt het magazijn netjes",
        ]),
        ("25462", "Logistiek medewerker", 2, [
            "Ontvangt goederen",
            "Slaat goederen op en beheert de voorraad",
            "Maakt orders verzendklaar",
            "Werkt met heftruck of pallettruck",
            "Telt en controleert de voorraad",
        ]),
        ("25445", "Chauffeur wegvervoer", 2, [
            "Bereidt de rit voor",
            "Voert de rit uit",
            "Laadt en lost de goederen",
            "Handelt de vrachtpapieren af",
        ]),
        ("25463", "Logistiek teamleider", 3, [
            "Plant de logistieke werkzaamheden",
            "Stuurt logistiek medewerkers aan",
            "Bewaakt voorraad en kwaliteit",
            "Lost problemen in de logistiek op",
        ]),
        ("25465", "Manager logistiek", 4, [
            "Regelt het logistieke proces",
            "Maakt de planning voor de afdeling",
            "Verbetert de logistieke processen",
            "Stuurt teams aan",
        ]),
    ],
    "installatietechniek": [
        ("25254", "Assistent installatie- en constructietechniek", 1, [
            "Bereidt de werkzaamheden voor",
            "Helpt bij het monteren van leidingen",
            "Helpt bij eenvoudige elektrotechnische klussen",
            "Ruimt de werkplek op",
        ]),
        ("25322", "Monteur werktuigkundige installaties", 2, [
            "Bereidt de montage voor",
            "Monteert leidingen en toestellen",
            "Test de installatie",
            "Levert het werk op",
        ]),
        ("25321", "Monteur elektrotechnische installaties", 2, [
            "Bereidt de werkzaamheden voor",
            "Legt leidingen en kabels aan",
            "Sluit componenten aan",
            "Meet en test de installatie",
        ]),
        ("25326", "Eerste monteur woning en utiliteit", 3, [
            "Plant de werkzaamheden",
            "Installeert elektrotechnische en werktuigkundige systemen",
            "Zoekt storingen en verhelpt ze",
            "Begeleidt een monteur",
        ]),
        ("25335", "Technicus installatietechniek", 4, [
            "Maakt een ontwerp voor een installatie",
            "Maakt de werkvoorbereiding",
            "Neemt installaties in bedrijf",
            "Adviseert de klant",
        ]),
    ],
    "metaal": [
        ("25299", "Assistent metaal en constructie", 1, [
            "Bereidt eenvoudige metaalbewerkingen voor",
            "Zaagt en boort metaal",
            "Slijpt en braamt werkstukken",
            "Houdt de werkplaats veilig en schoon",
        ]),
        ("25303", "Lasser", 2, [
            "Bereidt laswerkzaamheden voor",
            "Last volgens de lasmethodebeschrijving",
            "Controleert de lasnaad",
            "Werkt veilig met lasapparatuur",
        ]),
        ("25304", "Constructiewerker", 2, [
            "Leest werktekeningen",
            "Maakt onderdelen op maat",
            "Monteert constructies",
            "Controleert de maatvoering",
        ]),
        ("25311", "Machinaal verspaner", 2, [
            "Bereidt het verspanen voor",
            "Stelt de machine in",
            "Verspaant werkstukken",
            "Meet en controleert werkstukken",
        ]),
        ("25305", "Allround lasser", 3, [
            "Maakt een lasplan",
            "Last moeilijke verbindingen",
            "Beoordeelt de laskwaliteit",
            "Begeleidt beginnende lassers",
        ]),
        ("25318", "Technicus engineering", 4, [
            "Maakt technische tekeningen",
            "Werkt een ontwerp uit",
            "Begeleidt de productie",
            "Test en verbetert producten",
        ]),
    ],
    "groen": [
        ("25256", "Assistent plant, dier of groen", 1, [
            "Verzorgt planten",
            "Voert dieren en maakt hokken schoon",
            "Helpt bij groenonderhoud",
            "Werkt met eenvoudig gereedschap",
        ]),
        ("25420", "Medewerker hovenier", 2, [
            "Bereidt de werkzaamheden voor",
            "Onderhoudt tuinen en openbaar groen",
            "Legt tuinen en bestrating aan",
            "Werkt met tuinmachines",
        ]),
        ("25429", "Medewerker dierverzorging", 2, [
            "Verzorgt dieren",
            "Maakt verblijven schoon",
            "Signaleert ziekte of afwijkend gedrag",
            "Geeft uitleg aan klanten en bezoekers",
        ]),
        ("25434", "Medewerker teelt", 2, [
            "Bereidt de teelt voor",
            "Plant en verzorgt gewassen",
            "Oogst en verwerkt producten",
            "Werkt met machines in de kas of op het land",
        ]),
        ("25421", "Vakbekwaam hovenier", 3, [
            "Plant het werk op de tuin",
            "Legt tuinen aan volgens ontwerp",
            "Snoeit bomen en heesters",
            "Stuurt medewerkers aan op de tuin",
        ]),
        ("25425", "Uitvoerder groen, grond en infra", 4, [
            "Maakt de werkplanning",
            "Stuurt ploegen aan",
            "Bewaakt kwaliteit en veiligheid",
            "Overlegt met opdrachtgevers",
        ]),
    ],
    "facilitair": [
        ("25255", "Assistent facilitaire dienstverlening", 1, [
            "Maakt ruimtes schoon",
            "Helpt bij de receptie of in het magazijn",
            "Zet ruimtes klaar",
            "Scheidt en verwerkt afval",
        ]),
        ("25176", "Medewerker facilitaire dienstverlening", 2, [
            "Verzorgt de catering",
            "Zet vergaderruimtes klaar",
            "Voert kleine reparaties uit",
            "Ontvangt bezoekers",
            "Verwerkt post en pakketten",
        ]),
        ("25380", "Medewerker schoonmaak en glazenwassen", 2, [
            "Maakt een planning voor het schoonmaakwerk",
            "Voert dagelijks onderhoud uit",
            "Werkt met schoonmaakmachines",
            "Controleert de kwaliteit",
        ]),
        ("25177", "Facilitair leidinggevende", 3, [
            "Plant de facilitaire diensten",
            "Stuurt medewerkers aan",
            "Regelt inkoop en leveranciers",
            "Bewaakt de kwaliteit van de dienstverlening",
        ]),
        ("25178", "Manager facilitaire dienstverlening", 4, [
            "Maakt beleid voor de facilitaire dienst",
            "Beheert het budget",
            "Stuurt teams en leveranciers aan",
            "Verbetert de dienstverlening",
        ]),
    ],
}
# fmt: on


def werkproces_code(index: int) -> str:
    """B1-K1-W1 … B1-K1-W4, then kerntaak 2: B1-K2-W1 …"""
    kerntaak, proces = (1, index + 1) if index < 4 else (2, index - 3)
    return f"B1-K{kerntaak}-W{proces}"
