"""Employers with their member, locations, recognitions and openings, written in bulk.

Employer i is always the same employer (its generator is seeded with i). The first
len(BASE_EMPLOYERS) are the named employers of the demo; the ones after that are generated when
`--openings` asks for more. An employer and everything hanging off it are written together, so
"is this KvK number stored?" is the whole idempotency check.
"""

import datetime
import math

from employers.models import Employer, EmployerLocation, Opening, Recognition
from marketplace.models import Role, User

from .bulk import BATCH_SIZE, ascii_slug, existing, insert_m2m, rng_for
from .names import BASE_EMPLOYERS, FIRST_NAMES, GENERATED_EMPLOYER_PATTERNS, LAST_NAMES
from .openings import demo_employer_openings, opening_spec
from .personas import EMPLOYER_PERSONAS, WSP_ACCOUNTMANAGERS
from .vocabulary import SECTORS

SECTOR_CODES = [code for code, _name, _p in SECTORS]
OPENINGS_PER_GENERATED_EMPLOYER = 5
STREETS = [
    "Industrieweg",
    "Hoofdstraat",
    "Stationsweg",
    "Handelsweg",
    "Zuiderweg",
    "Kanaalweg",
    "Oosterstraat",
    "Energieweg",
    "Transportweg",
    "Dorpsstraat",
    "Molenweg",
    "Havenstraat",
]
AREA_CODES = {
    "groningen": ["050", "0598", "0596", "0597", "0594", "0595"],
    "drenthe": ["0591", "0528", "0522", "0524"],
}
SECTOR_NOUNS = {
    "zorg": "zorgorganisatie",
    "horeca": "horecabedrijf",
    "productie": "productiebedrijf",
    "logistiek": "logistiek bedrijf",
    "installatietechniek": "installatiebedrijf",
    "metaal": "metaalbedrijf",
    "groen": "groenbedrijf",
    "facilitair": "facilitair bedrijf",
}
ABOUT = [
    "{name} is een {noun} in {place}. We nemen de tijd om jongeren het vak te leren.",
    "Bij {name} in {place} werken we in kleine teams. Stagiairs horen er gewoon bij.",
    "{name} is een familiebedrijf in {place}. Veel van onze collega's begonnen hier als stagiair.",
]


def base_openings_count(i: int) -> int:
    if i == 0:
        return 7  # the demo employer's fixed set
    return 4 if BASE_EMPLOYERS[i][2] == "groningen" else 3


BASE_EMPLOYER_COUNT = len(BASE_EMPLOYERS)
BASE_OPENINGS = sum(base_openings_count(i) for i in range(BASE_EMPLOYER_COUNT))


def employers_for_openings(openings: int) -> int:
    """How many employers give at least this many openings (rounded up to whole employers)."""
    extra = max(openings - BASE_OPENINGS, 0)
    return BASE_EMPLOYER_COUNT + math.ceil(extra / OPENINGS_PER_GENERATED_EMPLOYER)


def kvk_number(i: int) -> str:
    if i < BASE_EMPLOYER_COUNT:
        return str(12_345_678 + i * 104_729)
    return str(70_000_000 + i)


def _identity(rng, ctx, i: int) -> tuple[str, str, str, list[tuple[str, int]]]:
    if i < BASE_EMPLOYER_COUNT:
        name, sector, region, locations = BASE_EMPLOYERS[i]
        return name, sector, region, [(n, ctx.place_by_name[p]) for n, p in locations]
    sector = SECTOR_CODES[rng.randrange(len(SECTOR_CODES))]
    region = "drenthe" if rng.random() < 0.1 else "groningen"
    place = ctx.draw_place(rng, region)
    surname = rng.choice(LAST_NAMES)
    pattern = rng.choice(GENERATED_EMPLOYER_PATTERNS[sector])
    name = pattern.format(n=surname[0].upper() + surname[1:], p=ctx.place_names[place])
    locations = [("Hoofdvestiging", place)]
    if rng.random() < 0.25:
        second = ctx.draw_place(rng, region)
        if second != place:
            locations.append((f"Vestiging {ctx.place_names[second]}", second))
    return name, sector, region, locations


def _recognitions(rng, ctx, i: int, sector: str) -> list[tuple]:
    q = ctx.qual_by_crebo
    if i == 0:
        return [
            (q["25462"].id, datetime.date(2019, 9, 1), None),
            (q["25253"].id, datetime.date(2021, 1, 1), datetime.date(2027, 12, 31)),
            (q["25463"].id, datetime.date(2017, 3, 1), datetime.date(2025, 12, 31)),  # expired
        ]
    rows = []
    pool = ctx.qualifications[sector]
    for qual in rng.sample(pool, min(len(pool), rng.randint(2, 4))):
        start = datetime.date(rng.randint(2016, 2025), rng.choice([1, 3, 6, 9]), 1)
        roll = rng.random()
        if roll < 0.15:  # expired: the matching must not use it any more
            end = max(start + datetime.timedelta(days=365), datetime.date(2025, 8, 31))
            end = min(end, datetime.date(2026, 8, 31))
            rows.append((qual.id, start, max(end, start)))
        elif roll < 0.3:
            rows.append((qual.id, start, datetime.date(rng.choice([2027, 2028]), 7, 31)))
        else:
            rows.append((qual.id, start, None))
    return rows


def _member(rng, i: int) -> tuple[str, str, str]:
    if i in EMPLOYER_PERSONAS:
        return EMPLOYER_PERSONAS[i]
    first, last = rng.choice(FIRST_NAMES), rng.choice(LAST_NAMES)
    return f"{ascii_slug(first)}.{ascii_slug(last)}.{i}@werkgever.demo.nl", first, last


def employer_spec(i: int, ctx) -> dict:
    rng = rng_for("employer", i)
    name, sector, region, locations = _identity(rng, ctx, i)
    recognitions = _recognitions(rng, ctx, i, sector)
    valid = {qid for qid, _start, end in recognitions if end is None or end.year >= 2027}
    if i == 0:
        openings = demo_employer_openings(rng, ctx)
    else:
        count = (
            base_openings_count(i) if i < BASE_EMPLOYER_COUNT else (OPENINGS_PER_GENERATED_EMPLOYER)
        )
        openings = [opening_spec(rng, ctx, sector, valid, len(locations)) for _ in range(count)]
    managers = WSP_ACCOUNTMANAGERS[region]
    area = rng.choice(AREA_CODES[region])
    place_name = ctx.place_names[locations[0][1]]
    return {
        "index": i,
        "kvk": kvk_number(i),
        "name": name,
        "sector": sector,
        "region": region,
        "locations": [
            (loc, place, f"{rng.choice(STREETS)} {rng.randint(1, 180)}") for loc, place in locations
        ],
        "recognitions": recognitions,
        "openings": openings,
        "member": _member(rng, i),
        "accountmanager": managers[i % len(managers)],
        "phone": f"{area}-{rng.randint(10 ** (9 - len(area)), 10 ** (10 - len(area)) - 1)}",
        "description": rng.choice(ABOUT).format(
            name=name, noun=SECTOR_NOUNS[sector], place=place_name
        ),
    }


def write_employers(indices: list[int], ctx) -> tuple[int, int]:
    """Write the employers with these indices that are not stored yet; returns (employers,
    openings) written."""
    known = existing(Employer, "kvk_number", [kvk_number(i) for i in indices])
    specs = [employer_spec(i, ctx) for i in indices if kvk_number(i) not in known]
    if not specs:
        return 0, 0
    employers = [
        Employer(
            name=s["name"],
            kvk_number=s["kvk"],
            sector_id=ctx.sector_ids[s["sector"]],
            region_id=ctx.region_ids[s["region"]],
            description=s["description"],
            contact_email=s["member"][0],
            contact_phone=s["phone"],
            accountmanager_id=ctx.staff.get(s["accountmanager"]),
        )
        for s in specs
    ]
    Employer.objects.bulk_create(employers, batch_size=BATCH_SIZE)
    members = _write_members(specs, employers, ctx)
    locations = _write_locations(specs, employers)
    Recognition.objects.bulk_create(
        [
            Recognition(employer=e, qualification_id=qid, valid_from=start, valid_to=end)
            for s, e in zip(specs, employers, strict=True)
            for qid, start, end in s["recognitions"]
        ],
        batch_size=BATCH_SIZE,
    )
    return len(specs), _write_openings(specs, employers, locations, members)


def _write_members(specs, employers, ctx) -> list[User | None]:
    taken = existing(User, "email", [s["member"][0] for s in specs])
    users: list[User | None] = []
    for s, employer in zip(specs, employers, strict=True):
        email, first, last = s["member"]
        if email in taken:
            users.append(None)
            continue
        users.append(
            User(
                email=email,
                first_name=first,
                last_name=last,
                role=Role.WERKGEVER,
                region_id=ctx.region_ids[s["region"]],
                employer=employer,
                password=ctx.password_hash,
            )
        )
    User.objects.bulk_create([u for u in users if u is not None], batch_size=BATCH_SIZE)
    return users


def _write_locations(specs, employers) -> list[list[EmployerLocation]]:
    per_employer = [
        [EmployerLocation(employer=e, name=n, address=a, place_id=p) for n, p, a in s["locations"]]
        for s, e in zip(specs, employers, strict=True)
    ]
    EmployerLocation.objects.bulk_create(
        [loc for locs in per_employer for loc in locs], batch_size=BATCH_SIZE
    )
    return per_employer


OPENING_FIELDS = (
    "kind",
    "title",
    "description",
    "min_level",
    "leerweg",
    "hours_per_week",
    "evening_work",
    "night_work",
    "weekend_work",
    "start_date",
    "end_date",
    "places",
    "places_filled",
    "support_offered",
    "min_age",
    "compensation",
    "status",
)


def _write_openings(specs, employers, locations, members) -> int:
    rows, openings = [], []
    for s, employer, locs, member in zip(specs, employers, locations, members, strict=True):
        for o in s["openings"]:
            openings.append(
                Opening(
                    employer=employer,
                    location=locs[o["location_index"]],
                    sector_id=employer.sector_id,
                    created_by=member,
                    **{f: o[f] for f in OPENING_FIELDS},
                )
            )
            rows.append(o)
    Opening.objects.bulk_create(openings, batch_size=BATCH_SIZE)
    for descriptor, key in (
        (Opening.accepted_qualifications, "quals"),
        (Opening.werkprocessen, "werkprocessen"),
        (Opening.required_competencies, "required"),
        (Opening.nice_competencies, "nice"),
        (Opening.required_certificates, "certs"),
    ):
        insert_m2m(
            descriptor, [(op.pk, t) for op, o in zip(openings, rows, strict=True) for t in o[key]]
        )
    return len(openings)
