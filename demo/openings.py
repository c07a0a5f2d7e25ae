"""Plain specs for openings: drawn from the leerlijn's templates, or the demo employer's fixed set.

A spec is a dict with the Opening's own fields plus the many-to-many lists (ids) and the index
of the employer location; the employer builder turns specs into rows in bulk.
"""

import datetime
from functools import cache

from matching.engine import ADULT_AGE
from matching.models import SupportKind

from . import OPENINGS_FROM, OPENINGS_TO
from .bulk import monday_between
from .skills import SECTOR_CERTIFICATES, SECTOR_WORKER_SKILLS, WORKER_SKILLS, vak_skills
from .texts import COMPENSATION, OPENING_OFFER, OPENING_TEMPLATES, OPENING_WORK

KIND_WEIGHTS = (("bpv", 50), ("leerbaan", 20), ("vacature", 30))
STATUS_WEIGHTS = (("open", 84), ("draft", 6), ("filled", 4), ("closed", 4), ("paused", 2))
SUPPORT_EXTRAS = [s for s in SupportKind.values if s != SupportKind.PRAKTIJKBEGELEIDER]

INTRO = {
    "bpv": "Zoek je een stageplek (BPV)? Bij ons leer je het vak in de praktijk.",
    "leerbaan": "In deze leerbaan werk je bij ons en ga je één dag per week naar school (BBL).",
    "vacature": "Wil je aan het werk? Wij zoeken een nieuwe collega.",
}


@cache
def _templates(sector: str, kind: str) -> tuple[tuple[str, dict], ...]:
    return tuple((title, opts) for k, title, opts in OPENING_TEMPLATES[sector] if k == kind)


def _pick(rng, weighted):
    values, weights = zip(*weighted, strict=True)
    return rng.choices(values, weights=weights, k=1)[0]


def _schedule_text(spec: dict, sector: str) -> str:
    if spec["night_work"]:
        return f"Je werkt in de nacht. Daarom moet je {ADULT_AGE} jaar of ouder zijn."
    parts = []
    if spec["min_age"] >= ADULT_AGE and sector == "horeca":
        parts.append(f"Je schenkt ook alcohol. Daarom moet je {ADULT_AGE} jaar of ouder zijn.")
    if spec["evening_work"] or spec["weekend_work"]:
        parts.append("Je werkt soms 's avonds of in het weekend.")
    else:
        parts.append("Je werkt overdag, van maandag tot en met vrijdag.")
    return " ".join(parts)


def describe(rng, spec: dict, sector: str) -> str:
    work = " ".join(rng.sample(OPENING_WORK[sector], 3))
    offer = rng.choice(OPENING_OFFER)
    return "\n\n".join([INTRO[spec["kind"]], work, f"{offer} {_schedule_text(spec, sector)}"])


def _qualifications(rng, ctx, sector: str, kind: str, min_level: int, recognised: set[int]):
    if min_level == 0:
        candidates = [q for q in ctx.qualifications[sector] if q.level <= 2]
    else:
        candidates = [
            q for q in ctx.qualifications[sector] if min_level <= q.level <= min_level + 1
        ]
    pool = [q for q in candidates if q.id in recognised] or candidates
    wanted = rng.choice([0, 0, 1]) if kind == "vacature" else rng.choice([1, 1, 2])
    return rng.sample(pool, min(wanted, len(pool)))


def _dates(rng, kind: str) -> tuple[datetime.date, datetime.date | None]:
    start = monday_between(rng, OPENINGS_FROM, OPENINGS_TO)
    if kind == "bpv":
        return start, start + datetime.timedelta(weeks=rng.randint(10, 20), days=4)
    if kind == "leerbaan":
        return start, start + datetime.timedelta(weeks=rng.choice([52, 78, 104]))
    if rng.random() < 0.6:
        return start, None
    return start, start + datetime.timedelta(weeks=rng.choice([26, 39, 52]))


def _competencies(rng, ctx, sector: str) -> tuple[list[int], list[int]]:
    vak = vak_skills(sector)
    required = [rng.choice(SECTOR_WORKER_SKILLS[sector])] + rng.sample(vak, rng.randint(1, 2))
    others = [w for w in WORKER_SKILLS if w not in required]
    nice = rng.sample(others, rng.randint(1, 2))
    nice += rng.sample([v for v in vak if v not in required], rng.randint(0, 1))
    ids = ctx.competency_ids
    return [ids[n] for n in required], [ids[n] for n in nice]


def _support(rng) -> list[str]:
    support = [SupportKind.PRAKTIJKBEGELEIDER.value] if rng.random() < 0.8 else []
    return support + rng.sample(SUPPORT_EXTRAS, rng.randint(0, 3))


def _status(rng, places: int) -> tuple[str, int]:
    status = _pick(rng, STATUS_WEIGHTS)
    if status == "filled":
        return status, places
    if status == "open" and places > 1 and rng.random() < 0.15:
        return status, 1
    return status, 0


def opening_spec(rng, ctx, sector: str, recognised: set[int], n_locations: int) -> dict:
    kind = _pick(rng, KIND_WEIGHTS)
    title, opts = rng.choice(_templates(sector, kind))
    min_level = opts.get("min_level", 0)
    accepted = _qualifications(rng, ctx, sector, kind, min_level, recognised)
    processes = sorted({w for q in accepted for w in q.werkprocessen})
    required, nice = _competencies(rng, ctx, sector)
    cert = opts.get("cert")
    if cert is None and rng.random() < 0.12:
        cert = rng.choice(SECTOR_CERTIFICATES[sector])
    start, end = _dates(rng, kind)
    places = rng.choices([1, 2, 3], weights=[60, 25, 15], k=1)[0]
    status, filled = _status(rng, places)
    night = bool(opts.get("night"))
    spec = {
        "kind": kind,
        "title": title,
        "min_level": min_level,
        "leerweg": {"bpv": "bol" if min_level else "", "leerbaan": "bbl"}.get(kind, ""),
        "hours_per_week": {
            "bpv": rng.choice([16, 20, 24, 28, 32]),
            "leerbaan": rng.choice([24, 28, 32, 36, 38]),
        }.get(kind, rng.choice([12, 16, 20, 24, 32, 38])),
        "evening_work": bool(opts.get("evening")) or (sector == "horeca" and rng.random() < 0.4),
        "night_work": night,
        "weekend_work": bool(opts.get("weekend"))
        or (sector in ("horeca", "zorg") and rng.random() < 0.3),
        "start_date": start,
        "end_date": end,
        "places": places,
        "places_filled": filled,
        "support_offered": _support(rng),
        "min_age": max(opts.get("min_age", 0), ADULT_AGE if night else 0),
        "compensation": rng.choice(COMPENSATION[kind]),
        "status": status,
        "location_index": rng.randrange(n_locations),
        "quals": [q.id for q in accepted],
        "werkprocessen": rng.sample(processes, min(len(processes), rng.randint(2, 4))),
        "required": required,
        "nice": nice,
        "certs": [ctx.certificate_ids[cert]] if cert else [],
    }
    spec["description"] = describe(rng, spec, sector)
    return spec


def demo_employer_openings(rng, ctx) -> list[dict]:
    """Noorderhaven Logistiek's openings: some fit the demo student, some must not."""
    mw, assistant, lead = (ctx.qual_by_crebo[c] for c in ("25462", "25253", "25463"))
    comp, cert = ctx.competency_ids, ctx.certificate_ids
    base = {
        "evening_work": False,
        "night_work": False,
        "weekend_work": False,
        "places_filled": 0,
        "min_age": 0,
        "status": "open",
        "end_date": None,
        "certs": [],
    }
    rows = [
        dict(
            base,
            kind="bpv",
            title="BPV-plek logistiek medewerker magazijn",
            min_level=2,
            leerweg="bol",
            hours_per_week=32,
            start_date=datetime.date(2027, 2, 1),
            end_date=datetime.date(2027, 6, 25),
            places=2,
            location_index=0,
            support_offered=["praktijkbegeleider", "visuele_instructies", "jobcoach"],
            compensation="Stagevergoeding € 200 per maand",
            quals=[mw.id],
            werkprocessen=list(mw.werkprocessen[:3]),
            required=[comp["Orderpicken"], comp["Op tijd komen"], comp["Veilig werken"]],
            nice=[comp["Heftruck rijden"], comp["Samenwerken"]],
        ),
        dict(
            base,
            kind="bpv",
            title="Stage orderpicker koel- en vriesmagazijn",
            min_level=0,
            leerweg="",
            hours_per_week=24,
            start_date=datetime.date(2027, 2, 15),
            end_date=datetime.date(2027, 7, 2),
            places=2,
            location_index=1,
            support_offered=["praktijkbegeleider", "extra_uitleg"],
            compensation="Stagevergoeding € 150 per maand",
            quals=[assistant.id, mw.id],
            werkprocessen=[assistant.werkprocessen[2], mw.werkprocessen[2]],
            required=[comp["Orderpicken"], comp["Nauwkeurig werken"]],
            nice=[comp["Scannen en voorraad bijhouden"], comp["Fysiek werk aankunnen"]],
        ),
        dict(
            base,
            kind="bpv",
            title="Stage expeditie en verzending",
            min_level=1,
            leerweg="bol",
            hours_per_week=32,
            start_date=datetime.date(2027, 3, 1),
            end_date=datetime.date(2027, 7, 9),
            places=1,
            location_index=0,
            support_offered=["praktijkbegeleider", "rustige_werkplek"],
            compensation="Stagevergoeding € 200 per maand en reiskosten",
            quals=[assistant.id, mw.id],
            werkprocessen=[mw.werkprocessen[0], mw.werkprocessen[3]],
            required=[comp["Laden en lossen"], comp["Samenwerken"]],
            nice=[comp["Pallettruck gebruiken"]],
            certs=[cert["VCA basis"]],
        ),
        dict(
            base,
            kind="vacature",
            title="Heftruckchauffeur nachtdienst",
            min_level=0,
            leerweg="",
            hours_per_week=32,
            start_date=datetime.date(2027, 1, 4),
            night_work=True,
            min_age=ADULT_AGE,
            places=2,
            location_index=0,
            support_offered=["praktijkbegeleider"],
            compensation="Loon volgens de cao plus toeslag voor nachtwerk",
            quals=[],
            werkprocessen=[],
            required=[comp["Heftruck rijden"], comp["Veilig werken"]],
            nice=[comp["Zelfstandig werken"]],
            certs=[cert["Heftruckcertificaat"]],
        ),
        dict(
            base,
            kind="leerbaan",
            title="Leerbaan logistiek medewerker (BBL)",
            min_level=2,
            leerweg="bbl",
            hours_per_week=32,
            start_date=datetime.date(2027, 2, 1),
            end_date=datetime.date(2028, 7, 28),
            places=1,
            location_index=0,
            support_offered=["praktijkbegeleider", "jobcoach"],
            compensation="Cao-loon en we betalen je opleiding",
            quals=[mw.id],
            werkprocessen=list(mw.werkprocessen),
            required=[comp["Orderpicken"], comp["Op tijd komen"]],
            nice=[comp["Heftruck rijden"]],
        ),
        dict(
            base,
            kind="bpv",
            title="BPV-plek logistiek teamleider",
            min_level=3,
            leerweg="bol",
            hours_per_week=32,
            start_date=datetime.date(2027, 2, 1),
            end_date=datetime.date(2027, 6, 25),
            places=1,
            location_index=0,
            support_offered=["praktijkbegeleider"],
            compensation="Stagevergoeding € 250 per maand",
            quals=[lead.id],
            werkprocessen=list(lead.werkprocessen[:2]),
            required=[comp["Plannen en organiseren"], comp["Communiceren met collega's"]],
            nice=[comp["Scannen en voorraad bijhouden"]],
        ),
        dict(
            base,
            kind="vacature",
            title="Medewerker retourstroom",
            min_level=0,
            leerweg="",
            hours_per_week=24,
            start_date=datetime.date(2027, 4, 5),
            places=1,
            location_index=1,
            status="draft",
            support_offered=["praktijkbegeleider"],
            compensation="Loon volgens de cao",
            quals=[],
            werkprocessen=[],
            required=[comp["Nauwkeurig werken"]],
            nice=[comp["Scannen en voorraad bijhouden"]],
        ),
    ]
    for row in rows:
        row["description"] = describe(rng, row, "logistiek")
    return rows
