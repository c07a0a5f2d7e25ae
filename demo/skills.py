"""Competencies (vak- and werknemersvaardigheden) and branch certificates, with Dutch synonyms."""

from functools import cache

W = "werknemer"
V = "vak"

# (name, category, sector code or None, pictogram, synonyms people actually type)
COMPETENCIES = [
    ("Op tijd komen", W, None, "⏰", ["punctueel", "op tijd zijn", "stipt"]),
    ("Samenwerken", W, None, "🤝", ["teamspeler", "in een team werken", "samen werken"]),
    ("Klantvriendelijk", W, None, "😊", ["klantgericht", "vriendelijk tegen klanten"]),
    ("Afspraken nakomen", W, None, "✅", ["betrouwbaar", "doen wat je afspreekt"]),
    ("Zelfstandig werken", W, None, "🧭", ["zelfstandig", "alleen kunnen werken"]),
    ("Vragen durven stellen", W, None, "🙋", ["hulp vragen", "om uitleg vragen"]),
    ("Netjes werken", W, None, "✨", ["ordelijk", "opgeruimd werken"]),
    ("Nauwkeurig werken", W, None, "🎯", ["precies", "secuur", "zorgvuldig"]),
    ("Omgaan met feedback", W, None, "💬", ["tips aannemen", "leren van kritiek"]),
    ("Instructies opvolgen", W, None, "📋", ["werkinstructies volgen", "luisteren naar uitleg"]),
    ("Veilig werken", W, None, "🦺", ["veiligheidsbewust", "veiligheidsregels volgen"]),
    ("Hygiënisch werken", W, None, "🧼", ["schoon werken", "hygiëne", "hygienisch werken"]),
    ("Flexibel zijn", W, None, "🔄", ["flexibel", "breed inzetbaar"]),
    ("Doorzetten", W, None, "💪", ["doorzetter", "niet snel opgeven"]),
    ("Rustig blijven onder druk", W, None, "🧘", ["stressbestendig", "kalm blijven"]),
    ("Communiceren met collega's", W, None, "🗣️", ["communicatief", "goed overleggen"]),
    ("Plannen en organiseren", W, None, "🗓️", ["planmatig werken", "organiseren"]),
    ("Gastvrij zijn", W, None, "🛎️", ["gastvrijheid", "gastgericht"]),
    ("Leergierig zijn", W, None, "📚", ["wil graag leren", "nieuwsgierig"]),
    ("Fysiek werk aankunnen", W, None, "🏋️", ["lichamelijk zwaar werk", "tillen", "sterk"]),
    ("Verantwoordelijkheid nemen", W, None, "🙌", ["verantwoordelijk", "zelf aanpakken"]),
    # Zorg
    ("Helpen bij wassen en aankleden", V, "zorg", "🛁", ["ADL", "persoonlijke verzorging"]),
    ("Eten en drinken aanbieden", V, "zorg", "🍲", ["maaltijden verzorgen", "helpen met eten"]),
    ("Bedden opmaken", V, "zorg", "🛏️", ["bed verschonen", "bedden verschonen"]),
    ("Activiteiten begeleiden", V, "zorg", "🎲", ["dagbesteding", "activiteitenbegeleiding"]),
    ("Veranderingen bij cliënten opmerken", V, "zorg", "👀", ["signaleren", "observeren"]),
    ("Werken met tilhulpmiddelen", V, "zorg", "🦽", ["tillift", "transfers maken"]),
    # Horeca
    ("Groenten snijden", V, "horeca", "🔪", ["snijtechnieken", "mise-en-place"]),
    ("Koken volgens recept", V, "horeca", "🍳", ["koken", "gerechten bereiden"]),
    ("Afwassen en spoelkeuken", V, "horeca", "🍽️", ["afwas", "spoelkeuken", "afwashulp"]),
    ("Bedienen", V, "horeca", "🍷", ["serveren", "bediening", "uitserveren"]),
    ("Koffie zetten", V, "horeca", "☕", ["barista", "koffie maken"]),
    ("Kassa bedienen", V, "horeca", "💶", ["afrekenen", "kassawerk", "pinnen"]),
    # Productie
    ("Machine bedienen", V, "productie", "⚙️", ["machines bedienen", "machineoperator"]),
    ("Inpakken en etiketteren", V, "productie", "🏷️", ["verpakken", "inpakken"]),
    ("Kwaliteit controleren", V, "productie", "🔍", ["kwaliteitscontrole", "keuren"]),
    ("Werken aan de productielijn", V, "productie", "🏭", ["bandwerk", "lopende band"]),
    ("Storingen melden", V, "productie", "🚨", ["storing doorgeven", "afwijkingen melden"]),
    # Logistiek
    ("Heftruck rijden", V, "logistiek", "🚜", ["heftruck", "vorkheftruck rijden"]),
    ("Orderpicken", V, "logistiek", "📦", ["orders verzamelen", "orderpicker", "picken"]),
    ("Scannen en voorraad bijhouden", V, "logistiek", "📱", ["handscanner", "voorraadbeheer"]),
    ("Goederen ontvangen en controleren", V, "logistiek", "📥", ["inslag", "goederenontvangst"]),
    ("Laden en lossen", V, "logistiek", "🚚", ["vrachtwagen laden", "lossen"]),
    ("Pallettruck gebruiken", V, "logistiek", "🛒", ["EPT", "palletwagen", "pompwagen"]),
    # Installatietechniek
    ("Leidingen zagen en buigen", V, "installatietechniek", "🔧", ["leidingwerk", "buigen"]),
    ("Elektra aansluiten", V, "installatietechniek", "🔌", ["bedraden", "aansluiten"]),
    ("Meten met een multimeter", V, "installatietechniek", "🔋", ["spanning meten"]),
    ("Technische tekeningen lezen", V, "installatietechniek", "📐", ["tekening lezen"]),
    ("Sanitair en radiatoren monteren", V, "installatietechniek", "🚿", ["cv monteren"]),
    ("Gereedschap gebruiken", V, "installatietechniek", "🧰", ["handgereedschap", "boormachine"]),
    # Metaal
    ("Lassen (MIG/MAG)", V, "metaal", "🔥", ["lassen", "MIG/MAG-lassen", "lasser"]),
    ("Slijpen en zagen", V, "metaal", "🪚", ["slijpen", "metaal zagen", "haakse slijper"]),
    ("Boren en tappen", V, "metaal", "🔩", ["draad tappen", "boren"]),
    ("Meten met een schuifmaat", V, "metaal", "📏", ["schuifmaat", "maatvoering"]),
    ("Plaat zetten en buigen", V, "metaal", "🪛", ["kantbank", "zetten"]),
    ("CNC-machine bedienen", V, "metaal", "🖥️", ["CNC", "draaien en frezen"]),
    # Groen
    ("Grasmaaien", V, "groen", "🌿", ["maaien", "gazon onderhouden"]),
    ("Snoeien", V, "groen", "✂️", ["heggen knippen", "snoeiwerk"]),
    ("Bestrating leggen", V, "groen", "🧱", ["straten", "tegels leggen", "stratenmaken"]),
    ("Planten verzorgen", V, "groen", "🪴", ["planten water geven", "oppotten"]),
    ("Dieren verzorgen", V, "groen", "🐄", ["dieren voeren", "stal uitmesten"]),
    ("Werken met een bosmaaier", V, "groen", "🌾", ["bosmaaier", "kleine machines"]),
    # Facilitair
    ("Schoonmaken volgens schema", V, "facilitair", "🧽", ["schoonmaken", "poetsen"]),
    ("Werken met schoonmaakmachines", V, "facilitair", "🧹", ["schrobmachine", "schrobzuiger"]),
    ("Afval scheiden", V, "facilitair", "♻️", ["afvalscheiding", "recyclen"]),
    ("Post en pakketten rondbrengen", V, "facilitair", "📬", ["postkamer", "pakketten"]),
    ("Ruimtes klaarzetten", V, "facilitair", "🪑", ["zalen klaarzetten", "vergaderzaal"]),
    ("Kleine reparaties uitvoeren", V, "facilitair", "🔨", ["klussen", "huismeester"]),
]

# (name, synonyms)
CERTIFICATES = [
    ("VCA basis", ["B-VCA", "VCA", "basisveiligheid VCA"]),
    ("VCA VOL", ["VOL-VCA", "VCA voor leidinggevenden"]),
    ("HACCP", ["hygiënecode", "voedselveiligheid", "HACCP-certificaat"]),
    ("Heftruckcertificaat", ["heftruck rijbewijs", "heftruckdiploma", "certificaat heftruck"]),
    ("Reachtruck", ["reachtruckcertificaat", "reach truck"]),
    ("Elektrische pallettruck", ["EPT-certificaat", "certificaat pallettruck"]),
    ("BHV", ["bedrijfshulpverlening", "BHV-diploma"]),
    ("EHBO", ["eerste hulp", "EHBO-diploma"]),
    ("Sociale Hygiëne", ["SVH sociale hygiëne", "verklaring sociale hygiëne"]),
    ("Gastheerschap", ["certificaat gastvrijheid", "gastvrij ontvangen"]),
    ("Rijbewijs B", ["autorijbewijs", "rijbewijs"]),
    ("Hoogwerker", ["hoogwerkercertificaat", "werken op hoogte"]),
    ("NEN 3140", ["VOP", "voldoende onderricht persoon"]),
    ("Werken met een motorkettingzaag", ["kettingzaagcertificaat", "motorzaag"]),
    ("Basiscertificaat schoonmaak", ["schoonmaakdiploma", "vakdiploma schoonmaak"]),
    ("Basis lassen", ["lascertificaat", "lasdiploma"]),
]

# Which competencies and certificates belong to each leerlijn (drawn for openings and students).
SECTOR_WORKER_SKILLS = {
    "zorg": ["Klantvriendelijk", "Afspraken nakomen", "Hygiënisch werken", "Samenwerken"],
    "horeca": ["Gastvrij zijn", "Hygiënisch werken", "Rustig blijven onder druk", "Samenwerken"],
    "productie": ["Nauwkeurig werken", "Veilig werken", "Instructies opvolgen", "Op tijd komen"],
    "logistiek": ["Op tijd komen", "Veilig werken", "Nauwkeurig werken", "Fysiek werk aankunnen"],
    "installatietechniek": ["Veilig werken", "Zelfstandig werken", "Netjes werken"],
    "metaal": ["Veilig werken", "Nauwkeurig werken", "Doorzetten", "Instructies opvolgen"],
    "groen": ["Fysiek werk aankunnen", "Samenwerken", "Veilig werken", "Op tijd komen"],
    "facilitair": ["Netjes werken", "Zelfstandig werken", "Klantvriendelijk", "Flexibel zijn"],
}

SECTOR_CERTIFICATES = {
    "zorg": ["EHBO", "BHV"],
    "horeca": ["HACCP", "Sociale Hygiëne", "Gastheerschap"],
    "productie": ["VCA basis", "HACCP", "Heftruckcertificaat"],
    "logistiek": ["Heftruckcertificaat", "VCA basis", "Reachtruck", "Elektrische pallettruck"],
    "installatietechniek": ["VCA basis", "NEN 3140", "Hoogwerker", "VCA VOL"],
    "metaal": ["VCA basis", "Basis lassen", "Hoogwerker"],
    "groen": ["VCA basis", "Werken met een motorkettingzaag", "Rijbewijs B"],
    "facilitair": ["Basiscertificaat schoonmaak", "BHV", "Hoogwerker"],
}


@cache
def vak_skills(sector_code: str) -> tuple[str, ...]:
    return tuple(name for name, _c, code, _p, _s in COMPETENCIES if code == sector_code)


WORKER_SKILLS = [name for name, category, _code, _p, _s in COMPETENCIES if category == W]
