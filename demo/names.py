"""Invented people and organisations of the demo region (any likeness is coincidence)."""

# fmt: off
FIRST_NAMES = [
    "Sanne", "Daan", "Lotte", "Finn", "Emma", "Sem", "Julia", "Lucas", "Tess", "Milan", "Zoë",
    "Noah", "Fleur", "Jesse", "Lisa", "Thijs", "Anouk", "Ruben", "Iris", "Bram", "Femke", "Luuk",
    "Demi", "Stijn", "Noa", "Jens", "Roos", "Tim", "Eva", "Niels", "Mohammed", "Fatima", "Yusuf",
    "Amira", "Ibrahim", "Sara", "Ayoub", "Nour", "Emre", "Elif", "Mehmet", "Zeynep", "Dawit",
    "Selam", "Oleksandr", "Sofiia", "Kacper", "Zuzanna", "Jayden", "Shanice", "Kevin", "Chantal",
    "Dylan", "Naomi", "Mats", "Jade", "Rik", "Mirthe", "Joep", "Britt", "Wessel", "Nina", "Hidde",
    "Esmee", "Tygo", "Lieke", "Gijs", "Sophie", "Jurre", "Merel", "Sven", "Isa", "Teun", "Maud",
    "Bas", "Evi", "Koen", "Hanna", "Rayan", "Lina",
]
# fmt: on

# fmt: off
LAST_NAMES = [
    "Dijkstra", "Bosma", "Hoekstra", "Smit", "de Vries", "Mulder", "Kuipers", "Wiersma",
    "Zijlstra", "Veenstra", "Huizinga", "Bakker", "Meijer", "Visser", "de Boer", "de Jong",
    "Jansen", "Postma", "Nijhof", "Oosterhuis", "Pranger", "Kramer", "Brouwer", "Hofstede",
    "Schuurman", "Tuinstra", "Wolters", "Hiemstra", "Blaauw", "Sikkema", "Bouma", "Buist",
    "Ubels", "Zwiers", "Lubbers", "Doornbos", "Kamminga", "Stel", "Boekema", "Tiesinga",
    "Haaksma", "van der Veen", "van Dijk", "Kooistra", "Wolthuis", "Drenth", "Lanting", "Hummel",
    "Jonker", "Vos", "Dekker", "Timmer", "van der Molen", "Prins", "Koster", "El Amrani",
    "Yılmaz", "Kaya", "Öztürk", "Nguyen", "Haddou", "Bakkali", "Rahimi", "Tesfay", "Mohamed",
    "Ahmadi", "Kowalski", "Nowak", "Santos", "Pinas", "Martina", "Boateng", "Kovalenko", "Haile",
    "Demir", "Ouali", "Rosario", "Tahiri", "Abdi", "Sahin",
]
# fmt: on

# (key, name, kind, region code, BRIN, [(location name, place name)])
SCHOOLS = [
    (
        "pro-noord",
        "Praktijkschool Groningen Noord",
        "pro",
        "groningen",
        "31PN",
        [("Hoofdlocatie", "Groningen")],
    ),
    (
        "pro-hogeland",
        "Praktijkschool Het Hogeland",
        "pro",
        "groningen",
        "31PH",
        [("Locatie Uithuizen", "Uithuizen"), ("Locatie Bedum", "Bedum")],
    ),
    (
        "pro-oost",
        "Praktijkschool Oost-Groningen",
        "pro",
        "groningen",
        "31PO",
        [("Locatie Winschoten", "Winschoten"), ("Locatie Veendam", "Veendam")],
    ),
    ("vso-kwint", "VSO De Kwint", "vso", "groningen", "32VK", [("Hoofdlocatie", "Groningen")]),
    (
        "vso-wierde",
        "VSO De Wierde",
        "vso",
        "groningen",
        "32VW",
        [("Locatie Hoogezand", "Hoogezand"), ("Locatie Stadskanaal", "Stadskanaal")],
    ),
    (
        "mbo-noorderwerk",
        "Noorderwerk College",
        "mbo",
        "groningen",
        "33NW",
        [
            ("Campus Groningen", "Groningen"),
            ("Campus Hoogezand", "Hoogezand"),
            ("Campus Winschoten", "Winschoten"),
        ],
    ),
    (
        "mbo-ommeland",
        "Vakcollege Stad en Ommeland",
        "mbo",
        "groningen",
        "33SO",
        [
            ("Locatie Groningen Zuid", "Groningen"),
            ("Locatie Delfzijl", "Delfzijl"),
            ("Locatie Leek", "Leek"),
        ],
    ),
    (
        "mbo-groen",
        "Groen College Noord",
        "mbo",
        "groningen",
        "33GN",
        [("Locatie Groningen", "Groningen"), ("Locatie Veendam", "Veendam")],
    ),
    (
        "pro-emmen",
        "Praktijkschool Emmen Zuid",
        "pro",
        "drenthe",
        "41PE",
        [("Hoofdlocatie", "Emmen")],
    ),
    (
        "mbo-drentsevaart",
        "ROC Drentse Vaart",
        "mbo",
        "drenthe",
        "43DV",
        [("Locatie Emmen", "Emmen"), ("Locatie Hoogeveen", "Hoogeveen")],
    ),
]

# The 44 named employers of the base demo: (name, sector, region, [(location, place)]).
# The first is the demo employer, the second the "other employer" of the outsider persona.
BASE_EMPLOYERS = [
    (
        "Noorderhaven Logistiek",
        "logistiek",
        "groningen",
        [("Distributiecentrum", "Hoogezand"), ("Cross-dock Stad", "Groningen")],
    ),
    ("Brasserie Het Hoge Noorden", "horeca", "groningen", [("Brasserie", "Groningen")]),
    (
        "Zorggroep Ommeland",
        "zorg",
        "groningen",
        [("Woonzorgcentrum De Hunze", "Hoogezand"), ("Locatie Slochteren", "Slochteren")],
    ),
    ("Thuiszorg Stad en Wold", "zorg", "groningen", [("Team Haren", "Haren")]),
    ("Verpleeghuis Oldambt", "zorg", "groningen", [("Verpleeghuis", "Winschoten")]),
    ("Woongroep De Meeuw", "zorg", "groningen", [("Woongroep", "Delfzijl")]),
    ("Dagbesteding Het Atelier", "zorg", "groningen", [("Atelier", "Groningen")]),
    ("Hotel-Restaurant Ommelander Hoeve", "horeca", "groningen", [("Hotel", "Winsum")]),
    ("Eetcafé De Vismarkt", "horeca", "groningen", [("Eetcafé", "Groningen")]),
    ("Lunchroom Bij Fenna", "horeca", "groningen", [("Lunchroom", "Veendam")]),
    ("Partycentrum Eemsdelta", "horeca", "groningen", [("Partycentrum", "Delfzijl")]),
    ("Zuivelfabriek Noordpolder", "productie", "groningen", [("Fabriek", "Uithuizen")]),
    ("Aardappelverwerking Veenkoloniën", "productie", "groningen", [("Fabriek", "Stadskanaal")]),
    ("Kunststoffen Eemshaven", "productie", "groningen", [("Productiehal", "Delfzijl")]),
    (
        "Bakkerij Hofstede",
        "productie",
        "groningen",
        [("Bakkerij", "Hoogezand"), ("Winkel en bakhuis", "Sappemeer")],
    ),
    ("Groninger Koek & Co", "productie", "groningen", [("Koekfabriek", "Groningen")]),
    ("Transportbedrijf Wiersma", "logistiek", "groningen", [("Depot", "Leek")]),
    ("Distributiecentrum Zuidbroek", "logistiek", "groningen", [("DC", "Zuidbroek")]),
    ("Koeriersdienst Stad", "logistiek", "groningen", [("Hub", "Groningen")]),
    ("Pakketcentrum Veendam", "logistiek", "groningen", [("Sorteercentrum", "Veendam")]),
    ("Installatiebedrijf Bosma", "installatietechniek", "groningen", [("Werkplaats", "Bedum")]),
    (
        "Dijkstra Elektrotechniek",
        "installatietechniek",
        "groningen",
        [("Werkplaats", "Winschoten")],
    ),
    ("Warmtetechniek Noord", "installatietechniek", "groningen", [("Kantoor", "Groningen")]),
    (
        "Zonnepanelen Hogeland",
        "installatietechniek",
        "groningen",
        [("Werkplaats", "Uithuizermeeden")],
    ),
    (
        "Loodgietersbedrijf Kamminga",
        "installatietechniek",
        "groningen",
        [("Werkplaats", "Stadskanaal")],
    ),
    ("Metaalbewerking Oosterhuis", "metaal", "groningen", [("Werkplaats", "Hoogezand")]),
    ("Scheepswerf Martenshoek", "metaal", "groningen", [("Werf", "Martenshoek")]),
    ("Constructiebedrijf Eemsmond", "metaal", "groningen", [("Hal", "Delfzijl")]),
    ("Lastechniek Veenstra", "metaal", "groningen", [("Werkplaats", "Veendam")]),
    ("Precisie Verspaning Leek", "metaal", "groningen", [("Fabriek", "Leek")]),
    ("Hoveniersbedrijf De Tuinman", "groen", "groningen", [("Bedrijf", "Haren")]),
    ("Kwekerij Het Westerkwartier", "groen", "groningen", [("Kwekerij", "Zuidhorn")]),
    ("Zorgboerderij De Hoeve", "groen", "groningen", [("Boerderij", "Ten Boer")]),
    ("Groenonderhoud Oldambt", "groen", "groningen", [("Werf", "Winschoten")]),
    ("Kinderboerderij De Kooi", "groen", "groningen", [("Kinderboerderij", "Groningen")]),
    (
        "Schoonmaakbedrijf Glans",
        "facilitair",
        "groningen",
        [("Kantoor", "Groningen"), ("Team Oost", "Veendam")],
    ),
    ("Facilitair Bedrijf Noord", "facilitair", "groningen", [("Kantoor", "Assen")]),
    ("Glazenwasserij Huizinga", "facilitair", "groningen", [("Bedrijf", "Hoogezand")]),
    ("Campusdiensten Zernike", "facilitair", "groningen", [("Servicedesk", "Groningen")]),
    ("Servicebedrijf Westerkwartier", "facilitair", "groningen", [("Kantoor", "Leek")]),
    ("Zorgcentrum De Drentse Heide", "zorg", "drenthe", [("Zorgcentrum", "Emmen")]),
    ("Transport Hoogeveen", "logistiek", "drenthe", [("Depot", "Hoogeveen")]),
    ("Restaurant De Brink", "horeca", "drenthe", [("Restaurant", "Meppel")]),
    ("Machinefabriek Coevorden", "metaal", "drenthe", [("Fabriek", "Coevorden")]),
]

# Name patterns for employers generated beyond the base demo ({n}: a surname, {p}: a place).
GENERATED_EMPLOYER_PATTERNS = {
    "zorg": ["Thuiszorg {n}", "Woonzorg {p}", "Zorgteam {p}", "Dagbesteding {n}"],
    "horeca": ["Eetcafé {n}", "Restaurant {p}", "Lunchroom {n}", "Hotel {p}"],
    "productie": ["{n} Voedingsmiddelen", "Verpakkingen {p}", "{n} Kunststoffen", "Bakkerij {n}"],
    "logistiek": ["Transportbedrijf {n}", "Distributie {p}", "{n} Logistiek", "Koeriers {p}"],
    "installatietechniek": ["Installatiebedrijf {n}", "{n} Elektro", "Klimaattechniek {p}"],
    "metaal": ["Metaalbewerking {n}", "Constructiebedrijf {p}", "{n} Lastechniek"],
    "groen": ["Hoveniersbedrijf {n}", "Kwekerij {p}", "Groenvoorziening {p}", "Boerderij {n}"],
    "facilitair": ["Schoonmaakbedrijf {n}", "{n} Facilitair", "Servicebedrijf {p}"],
}
