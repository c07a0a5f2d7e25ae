"""Plain specs for students: education, dates, skills, consents, mediators and a parent.

Student j is always the same student (its generator is seeded with j). Students 0 and 1 are the
personas Sanne (MBO 2 BOL) and Finn (PrO, 15); STUCK_STUDENTS are in their last school year with
a BPV start within eight weeks and no place, so the escalation sweep has real work.
"""

import datetime

from matching.engine import ADULT_AGE
from matching.models import SupportKind

from . import DEMO_TODAY, REFERENCE_DATE
from .bulk import ascii_slug, at, rng_for
from .names import FIRST_NAMES, LAST_NAMES
from .personas import CASELOAD_JOBHUNTERS, STUDENT_PERSONAS
from .skills import SECTOR_CERTIFICATES, SECTOR_WORKER_SKILLS, WORKER_SKILLS, vak_skills
from .texts import GENERAL_INTERESTS, INTERESTS

BASE_STUDENT_COUNT = 300
SUMMER_DIPLOMA = datetime.date(2027, 7, 2)
WINTER_DIPLOMA = datetime.date(2027, 1, 29)
STUCK_START = datetime.date(2027, 1, 11)  # within 8 weeks of DEMO_TODAY
BPV_STARTS = [
    (STUCK_START, 4),
    (datetime.date(2027, 2, 1), 30),
    (datetime.date(2027, 2, 15), 25),
    (datetime.date(2027, 4, 5), 25),
    (datetime.date(2027, 9, 6), 16),
]
STUCK_STUDENTS = (30, 50, 70, 110, 130)
JPO_MENTEES = (0, 20, 40, 60, 80)
SECTOR_WEIGHTS = {
    "zorg": 16,
    "horeca": 16,
    "productie": 11,
    "logistiek": 17,
    "installatietechniek": 10,
    "metaal": 8,
    "groen": 12,
    "facilitair": 10,
}
EDUCATION = [
    ("pro", 0, 20),
    ("vso", 0, 15),
    ("mbo", 1, 10),
    ("mbo", 2, 25),
    ("mbo", 3, 20),
    ("mbo", 4, 10),
]
AGES = {0: (15, 18), 1: (16, 20), 2: (16, 22), 3: (17, 24), 4: (17, 26)}
ADVIES_ARBEID_CHANCE = {"pro": 0.8, "vso": 0.8, 1: 0.5, 2: 0.4, 3: 0.2, 4: 0.15}


def region_of(j: int) -> str:
    return "drenthe" if j % 15 == 14 else "groningen"


def age_on(born: datetime.date, day: datetime.date) -> int:
    return day.year - born.year - ((day.month, day.day) < (born.month, born.day))


def _birth_date(rng, age: int) -> datetime.date:
    birthday = REFERENCE_DATE.replace(year=REFERENCE_DATE.year - age)
    return birthday - datetime.timedelta(days=rng.randint(0, 364))


def _school(ctx, rng, region: str, kind: str, sector: str, home: int):
    schools = [s for s in ctx.schools if s.region == region and s.kind == kind]
    if kind == "mbo" and region == "groningen":
        green = sector == "groen"
        schools = [s for s in schools if (s.key == "mbo-groen") == green]
    if not schools:  # e.g. no VSO school in the other region: PrO takes them
        schools = [s for s in ctx.schools if s.region == region and s.kind == "pro"]
    return min(schools, key=lambda s: min(ctx.distance_km(home, p) for p in s.places))


def _qualification(rng, ctx, sector: str, level: int):
    quals = ctx.qualifications[sector]
    exact = [q for q in quals if q.level == level]
    return rng.choice(exact) if exact else min(quals, key=lambda q: abs(q.level - level))


def _skills(rng, ctx, sector: str) -> list[tuple[int, int]]:
    worker = set(rng.sample(SECTOR_WORKER_SKILLS[sector], 2))
    worker |= set(rng.sample(WORKER_SKILLS, rng.randint(1, 3)))
    vak = rng.sample(vak_skills(sector), rng.randint(2, 4))
    names = sorted(worker) + vak
    return [(ctx.competency_ids[n], rng.choices([1, 2, 3], weights=[3, 5, 2])[0]) for n in names]


def _certificates(rng, ctx, sector: str, age: int) -> list[int]:
    pool = [c for c in SECTOR_CERTIFICATES[sector] if age >= ADULT_AGE or c != "Rijbewijs B"]
    chosen = rng.sample(pool, rng.choice([0, 0, 1, 1, 2])) if rng.random() < 0.6 else []
    return [ctx.certificate_ids[c] for c in chosen]


def _timeline(rng, spec: dict, kind: str, level: int) -> None:
    """Last school year, diploma, advies (16 weeks before the diploma), BPV start, availability."""
    last_year = spec["age"] >= 17 if kind in ("pro", "vso") else rng.random() < 0.35
    diploma = None
    if last_year:
        diploma = WINTER_DIPLOMA if kind == "mbo" and rng.random() < 0.25 else SUMMER_DIPLOMA
    elif kind == "mbo":
        diploma = datetime.date(2028, 7, 7) if level <= 2 else datetime.date(2029, 7, 6)
    advies, advies_date = "", None
    if last_year and (diploma == WINTER_DIPLOMA or rng.random() < 0.4):
        chance = ADVIES_ARBEID_CHANCE[kind if kind != "mbo" else level]
        advies = "arbeid" if rng.random() < chance else "doorstroom"
        advies_date = min(diploma - datetime.timedelta(weeks=16), DEMO_TODAY)
    leaver = advies == "arbeid"
    bpv = None
    if not leaver and spec["leerweg"] != "bbl" and rng.random() < 0.75:
        values, weights = zip(*BPV_STARTS, strict=True)
        bpv = rng.choices(values, weights=weights)[0]
    spec.update(
        last_year=last_year,
        expected_diploma_date=diploma,
        advies=advies,
        advies_date=advies_date,
        school_leaver=leaver,
        bpv_start_date=bpv,
    )
    _availability(rng, spec, kind)


def _availability(rng, spec: dict, kind: str) -> None:
    start = spec["bpv_start_date"] or DEMO_TODAY + datetime.timedelta(days=rng.randint(7, 120))
    end = None
    if spec["bpv_start_date"]:
        end = start + datetime.timedelta(weeks=rng.randint(20, 26))
    if kind in ("pro", "vso"):
        hours = rng.choice([12, 16, 20, 24])
    elif spec["leerweg"] == "bbl":
        hours = rng.choice([32, 36, 38])
    else:
        hours = rng.choice([24, 28, 32])
    if spec["school_leaver"]:
        hours = rng.choice([16, 24, 32, 36, 38])
    spec.update(available_from=start, available_to=end, hours_per_week=hours)


def _mediators(rng, ctx, j: int, spec: dict) -> None:
    region = spec["region"]
    jobhunter = None
    if region == "groningen" and j < BASE_STUDENT_COUNT and j % 10 == 0:
        jobhunter = "jobhunter@demo.nl"
    elif rng.random() < (0.7 if j < BASE_STUDENT_COUNT else 0.6):
        pool = CASELOAD_JOBHUNTERS[region]
        jobhunter = pool[j % len(pool)]
    jpo = None
    if j in JPO_MENTEES:
        jpo = "jpo@demo.nl"
    elif j < BASE_STUDENT_COUNT and region == "groningen" and j % 37 == 3:
        jpo = "jpo.groen@demo.nl" if spec["sector"] == "groen" else "jpo.ommeland@demo.nl"
    mentor = ctx.mentors[spec["school_key"]]
    if spec["school_key"] == "mbo-noorderwerk" and j < BASE_STUDENT_COUNT and j % 2 == 0:
        mentor = ctx.staff["school@demo.nl"]
    spec.update(jobhunter_id=ctx.staff.get(jobhunter), jpo_id=ctx.staff.get(jpo), mentor_id=mentor)


def _consents(rng, spec: dict) -> None:
    given_at = at(datetime.date(2026, 9, rng.randint(7, 30)), rng.randint(9, 15))
    show = rng.random() < 0.88
    parent = bool(spec["guardian"]) and spec["age_today"] >= 16 and rng.random() < 0.6
    contact = spec["last_year"] and rng.random() < 0.7
    spec.update(
        consent_show_to_employers=show,
        consent_show_to_employers_at=given_at if show else None,
        consent_parent_access=parent,
        consent_parent_access_at=given_at if parent else None,
        consent_contact_after_diploma=contact,
        consent_contact_after_diploma_at=given_at if contact else None,
    )


def _support(rng, spec: dict, kind: str, level: int) -> None:
    chance = {"pro": 0.55, "vso": 0.6}.get(kind, 0.3 if level <= 2 else 0.1)
    needs = rng.sample(SupportKind.values, rng.randint(1, 2)) if rng.random() < chance else []
    spec.update(support_needs=needs, support_needs_shared=bool(needs) and rng.random() < 0.6)


def student_identity(j: int) -> tuple[str, str, str]:
    """First name, last name and e-mail (the natural key), cheap to compute without the rest."""
    rng = rng_for("student-name", j)
    first, last = rng.choice(FIRST_NAMES), rng.choice(LAST_NAMES)
    if j in STUDENT_PERSONAS:
        return first, last, STUDENT_PERSONAS[j]["email"]
    return first, last, f"{ascii_slug(first)}.{ascii_slug(last)}.{j}@leerling.demo.nl"


def student_spec(j: int, ctx) -> dict:
    rng = rng_for("student", j)
    region = region_of(j)
    kinds, weights = zip(*(((k, lv), w) for k, lv, w in EDUCATION), strict=True)
    kind, level = rng.choices(kinds, weights=weights)[0]
    if region == "drenthe" and kind == "vso":
        kind = "pro"  # the small region has no VSO school in the demo
    sector = rng.choices(list(SECTOR_WEIGHTS), weights=list(SECTOR_WEIGHTS.values()))[0]
    qual = _qualification(rng, ctx, sector, level) if kind == "mbo" else None
    level = qual.level if qual else 0
    low, high = AGES[level]
    born = _birth_date(rng, rng.randint(low, high))
    first, last, email = student_identity(j)
    home = ctx.draw_place(rng, region)
    school = _school(ctx, rng, region, kind, sector, home)
    spec = {
        "index": j,
        "region": region,
        "sector": sector,
        "first": first,
        "last": last,
        "email": email,
        "education_type": kind,
        "level": level,
        "qualification_id": qual.id if qual else None,
        "leerweg": "" if qual is None else ("bol" if level == 1 or rng.random() < 0.72 else "bbl"),
        "date_of_birth": born,
        "age": age_on(born, REFERENCE_DATE),
        "age_today": age_on(born, DEMO_TODAY),
        "home_place_id": home,
        "school_id": school.id,
        "school_key": school.key,
        "travel_radius_km": rng.randint(5, 20) if kind != "mbo" else rng.randint(10, 40),
        "sectors": [sector] + ([rng.choice(list(SECTOR_WEIGHTS))] if rng.random() < 0.4 else []),
        "competencies": _skills(rng, ctx, sector),
        "interests": f"{rng.choice(INTERESTS[sector])} {rng.choice(GENERAL_INTERESTS)}",
    }
    spec["certificates"] = _certificates(rng, ctx, sector, spec["age_today"])
    spec["werkprocessen"] = _achieved(rng, ctx, qual, sector)
    _timeline(rng, spec, kind, level)
    _support(rng, spec, kind, level)
    spec["guardian"] = _guardian(rng, j, spec)
    _consents(rng, spec)
    _mediators(rng, ctx, j, spec)
    if j in STUCK_STUDENTS:
        _make_stuck(rng, spec)
    if j in STUDENT_PERSONAS:
        from .student_personas import apply_persona

        apply_persona(j, spec, ctx)
    return spec


def _achieved(rng, ctx, qual, sector: str) -> list[int]:
    """MBO: processes of the own qualification so far. PrO/VSO: processes of an entry-level
    qualification of the leerlijn, the basis of a praktijkverklaring."""
    if qual is None:
        qual = min(ctx.qualifications[sector], key=lambda q: q.level)
        if rng.random() < 0.3:
            return []
    processes = list(qual.werkprocessen)
    return rng.sample(processes, rng.randint(0, min(3, len(processes))))


def _guardian(rng, j: int, spec: dict) -> tuple | None:
    if spec["age_today"] >= ADULT_AGE or rng.random() >= 0.45:
        return None
    first = rng.choice(FIRST_NAMES)
    email = f"{ascii_slug(first)}.{ascii_slug(spec['last'])}.{j}@ouder.demo.nl"
    relation = rng.choice(["moeder", "vader", "ouder", "verzorger"])
    return (email, first, spec["last"], relation)


def _make_stuck(rng, spec: dict) -> None:
    if spec["education_type"] == "mbo":
        spec["leerweg"] = "bol"
    spec.update(
        last_year=True,
        school_leaver=False,
        advies="",
        advies_date=None,
        expected_diploma_date=SUMMER_DIPLOMA,
        bpv_start_date=STUCK_START,
        available_from=STUCK_START,
        available_to=STUCK_START + datetime.timedelta(weeks=22),
    )
