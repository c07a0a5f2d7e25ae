"""Matching events in real places over the coming months, with registrations and a waiting list.

One event is full (with a waiting list), one took place already (with attendance recorded) and
one is a draft the coordinator still works on. Speed dates have rounds, tables and a break;
the employers of an event hold a seat each (a member registers the organisation). Events are
keyed on title and start, registrations on event × user.
"""

import datetime

from employers.models import Employer
from events.models import MatchingEvent, Registration
from marketplace.models import Role, User
from matching.models import Sector

from . import DEMO_TODAY
from .bulk import at, rng_for
from .employer_builder import BASE_EMPLOYER_COUNT, kvk_number
from .names import BASE_EMPLOYERS
from .students import BASE_STUDENT_COUNT, student_spec

D = datetime.date
# (title, kind, place, address, region, sectors ('*' = all), day, from hour, hours, capacity,
#  registered, waiting list, description)
EVENTS = [
    (
        "Speeddaten met zorgwerkgevers",
        "speeddate",
        "Groningen",
        "Martiniplaza, zaal 3",
        "groningen",
        ["zorg"],
        D(2026, 12, 9),
        14,
        2,
        30,
        14,
        0,
        "Maak in vijf minuten kennis met zorgorganisaties uit Stad en Ommeland.",
    ),
    (
        "Bedrijfsbezoek Noorderhaven Logistiek",
        "bedrijfsbezoek",
        "Hoogezand",
        "Transportweg 12",
        "groningen",
        ["logistiek"],
        D(2026, 12, 16),
        10,
        2,
        12,
        12,
        3,
        "Rondleiding door het distributiecentrum. Je ziet hoe orderpicken en laden gaan.",
    ),
    (
        "Workshop: zo maak je een sterk profiel",
        "workshop",
        "Veendam",
        "Bibliotheek Veendam",
        "groningen",
        [],
        D(2027, 1, 13),
        15,
        2,
        20,
        9,
        0,
        "Samen met een jobhunter vul je je profiel in: wat kun je, wat wil je?",
    ),
    (
        "Banenmarkt Oost-Groningen",
        "banenmarkt",
        "Winschoten",
        "Sporthal De Moeshorn",
        "groningen",
        "*",
        D(2027, 1, 20),
        15,
        4,
        120,
        31,
        0,
        "Werkgevers uit het Oldambt en de Veenkoloniën zoeken stagiairs, leerlingen en collega's.",
    ),
    (
        "Speeddaten in Drenthe",
        "speeddate",
        "Emmen",
        "Raadhuisplein 1",
        "drenthe",
        ["zorg", "logistiek", "metaal"],
        D(2027, 2, 3),
        14,
        2,
        30,
        6,
        0,
        "Korte gesprekken met werkgevers uit Zuidoost-Drenthe.",
    ),
    (
        "Meeloopdag in de keuken",
        "meeloopdag",
        "Groningen",
        "Vismarkt 20",
        "groningen",
        ["horeca"],
        D(2027, 2, 10),
        9,
        7,
        8,
        5,
        0,
        "Werk een dag mee in een echte restaurantkeuken. Neem dichte schoenen mee.",
    ),
    (
        "Speeddates techniek: installatie en metaal",
        "speeddate",
        "Delfzijl",
        "Vakcollege, locatie Delfzijl",
        "groningen",
        ["installatietechniek", "metaal"],
        D(2027, 2, 24),
        13,
        3,
        40,
        11,
        0,
        "Installatiebedrijven en metaalbedrijven uit de Eemsdelta zoeken technisch talent.",
    ),
    (
        "Bedrijfsbezoek Zorgboerderij De Hoeve",
        "bedrijfsbezoek",
        "Ten Boer",
        "Boerderijweg 3",
        "groningen",
        ["groen", "zorg"],
        D(2027, 3, 3),
        10,
        3,
        10,
        6,
        0,
        "Help een ochtend mee met de dieren en in de moestuin.",
    ),
    (
        "Banenmarkt Stad Groningen",
        "banenmarkt",
        "Groningen",
        "Martiniplaza",
        "groningen",
        "*",
        D(2027, 3, 17),
        14,
        5,
        200,
        40,
        0,
        "De grootste banenmarkt van de regio: meer dan veertig werkgevers uit alle sectoren.",
    ),
    (
        "Meeloopdag productie bij Zuivelfabriek Noordpolder",
        "meeloopdag",
        "Uithuizen",
        "Fabrieksweg 1",
        "groningen",
        ["productie"],
        D(2027, 4, 7),
        8,
        6,
        10,
        4,
        0,
        "Loop een dag mee aan de productielijn. Je krijgt werkkleding van ons.",
    ),
    (
        "Banenmarkt Westerkwartier",
        "banenmarkt",
        "Leek",
        "Cultuurhuis Leek",
        "groningen",
        "*",
        D(2026, 10, 14),
        15,
        3,
        60,
        18,
        0,
        "Banenmarkt voor het Westerkwartier (al geweest).",
    ),
    (
        "Speeddaten in de horeca",
        "speeddate",
        "Groningen",
        "Vismarkt 20",
        "groningen",
        ["horeca"],
        D(2027, 4, 21),
        14,
        2,
        24,
        0,
        0,
        "Koks en bedienings zoeken collega's. Nog een concept: de werkgevers worden gebeld.",
    ),
]
# Speed dates: (rounds, tables, minutes per round, break rounds); they fit in the event's hours.
SPEEDDATE_SETUP = {
    "Speeddaten met zorgwerkgevers": (8, 6, 10, [4]),
    "Speeddaten in Drenthe": (8, 6, 10, [4]),
    "Speeddates techniek: installatie en metaal": (12, 6, 10, [6]),
    "Speeddaten in de horeca": (8, 6, 10, [4]),
}
AUDIENCE = {"Speeddates techniek: installatie en metaal": ["mbo"]}
DRAFTS = {"Speeddaten in de horeca"}
# Employer seats: as many as tables at a speed date, room for many at a banenmarkt.
EMPLOYER_SEATS = {"speeddate": 6, "banenmarkt": 40}
SANNE_EVENTS = {
    "Bedrijfsbezoek Noorderhaven Logistiek",
    "Banenmarkt Oost-Groningen",
    "Workshop: zo maak je een sterk profiel",
}


def _students_by_region(ctx) -> dict[str, list[tuple[str, str, str]]]:
    result: dict[str, list[tuple[str, str, str]]] = {"groningen": [], "drenthe": []}
    for j in range(2, BASE_STUDENT_COUNT):
        spec = student_spec(j, ctx)
        result[spec["region"]].append((spec["email"], spec["sector"], spec["education_type"]))
    return result


def seed_events(ctx) -> None:
    students = _students_by_region(ctx)
    sectors = {s.code: s for s in Sector.objects.all()}
    employers = {
        e.kvk_number: e
        for e in Employer.objects.filter(
            kvk_number__in=[kvk_number(i) for i in range(BASE_EMPLOYER_COUNT)]
        )
    }
    organisers = {
        "groningen": User.objects.filter(email="coordinator@demo.nl").first(),
        "drenthe": User.objects.filter(email="coordinator.drenthe@demo.nl").first(),
    }
    for n, row in enumerate(EVENTS):
        _event(ctx, n, row, students, sectors, employers, organisers)


def _event(ctx, n, row, students, sectors, employers, organisers) -> None:
    (
        title,
        kind,
        place,
        address,
        region,
        codes,
        day,
        hour,
        hours,
        capacity,
        registered,
        waiting,
        description,
    ) = row
    starts = at(day, hour)
    rounds, tables, minutes, breaks = SPEEDDATE_SETUP.get(title, (0, 0, 8, []))
    event, created = MatchingEvent.objects.get_or_create(
        title=title,
        starts_at=starts,
        defaults={
            "kind": kind,
            "description": description,
            "region_id": ctx.region_ids[region],
            "place_id": ctx.place_by_name[place],
            "address": address,
            "ends_at": starts + datetime.timedelta(hours=hours),
            "registration_deadline": at(day - datetime.timedelta(days=3), 23, 59),
            "capacity": capacity,
            "capacity_employers": EMPLOYER_SEATS.get(kind, 2),
            "audience": AUDIENCE.get(title, []),
            "status": "draft" if title in DRAFTS else "published",
            "organiser": organisers[region],
            "rounds": rounds,
            "tables": tables,
            "round_minutes": minutes,
            "break_rounds": breaks,
        },
    )
    if not created:
        return
    codes = list(sectors) if codes == "*" else codes
    event.sectors.set([sectors[c] for c in codes])
    present = [
        employers[kvk_number(i)]
        for i, (_name, sector, emp_region, _l) in enumerate(BASE_EMPLOYERS)
        if sector in codes and emp_region == region
    ][:6]
    event.employers.set(present)
    pool = [(e, s) for e, s, kind in students[region] if kind in (event.audience or [kind])]
    _registrations(n, event, day, registered, waiting, pool, codes, title)
    if kind in EMPLOYER_SEATS and title not in DRAFTS:
        _employer_seats(event, present, past=day < DEMO_TODAY)


def _registrations(n, event, day, registered, waiting, students, codes, title) -> None:
    rng = rng_for("event", n)
    pool = [email for email, sector in students if sector in codes] or [e for e, _s in students]
    emails = rng.sample(pool, min(len(pool), registered + waiting))
    if title in SANNE_EVENTS:
        emails = ["student@demo.nl", *emails[:-1]]
    users = {u.email: u for u in User.objects.filter(email__in=emails)}
    past = day < DEMO_TODAY
    rows = []
    for k, email in enumerate(emails):
        if email not in users:
            continue
        status = "registered" if k < registered else "waitlist"
        outcome = ""
        if past:
            status = "attended" if rng.random() < 0.8 else "no_show"
            outcome = (
                "Twee werkgevers gesproken; kennismaking gepland."
                if (status == "attended" and rng.random() < 0.3)
                else ""
            )
        rows.append(Registration(event=event, user=users[email], status=status, outcome=outcome))
    Registration.objects.bulk_create(rows)


def _employer_seats(event, present, *, past: bool) -> None:
    """One seat per employer at the event, registered by one of its members."""
    members = {}
    for user in User.objects.filter(role=Role.WERKGEVER, employer__in=present).order_by("pk"):
        members.setdefault(user.employer_id, user)
    status = "attended" if past else "registered"
    Registration.objects.bulk_create(
        [
            Registration(event=event, user=members[e.pk], employer=e, status=status)
            for e in present[: event.capacity_employers]
            if e.pk in members
        ]
    )
