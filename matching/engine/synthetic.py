"""Deterministic synthetic regions for tests and benchmarks (not used by the product itself)."""

import datetime

import numpy as np

from .records import KINDS, OpeningRecord, StudentRecord

WORDS = (
    "zorg horeca keuken koken bediening logistiek magazijn heftruck productie metaal lassen "
    "installatie techniek groen tuin dieren facilitair schoonmaak klanten winkel kassa "
    "computers auto fiets bouwen timmeren verf bakken ouderen kinderen sport muziek buiten"
).split()
SUPPORT = ("praktijkbegeleider", "jobcoach", "rustige_werkplek", "aangepaste_uren")
BASE_DAY = datetime.date(2027, 1, 1)


def _day(rng, spread: int) -> datetime.date:
    return BASE_DAY + datetime.timedelta(days=int(rng.integers(0, spread)))


def _ids(rng, n_max: int, high: int) -> frozenset:
    return frozenset(int(x) for x in rng.integers(0, high, int(rng.integers(0, n_max + 1))))


def openings(n: int, seed: int = 1, competencies: int = 300, qualifications: int = 200):
    rng = np.random.default_rng(seed)
    out = []
    for i in range(n):
        start = _day(rng, 300)
        end = (
            start + datetime.timedelta(days=int(rng.integers(30, 400)))
            if rng.random() < 0.8
            else None
        )
        quals = _ids(rng, 3, qualifications)
        out.append(
            OpeningRecord(
                id=i + 1,
                kind=KINDS[int(rng.integers(0, 3))],
                is_open=bool(rng.random() < 0.9),
                places_left=int(rng.integers(0, 4)),
                employer_id=int(rng.integers(1, max(n // 5, 2))),
                recognitions=tuple(
                    (
                        q,
                        BASE_DAY - datetime.timedelta(days=400),
                        None
                        if rng.random() < 0.8
                        else BASE_DAY + datetime.timedelta(days=int(rng.integers(0, 200))),
                    )
                    for q in quals | _ids(rng, 2, qualifications)
                ),
                min_level=int(rng.integers(0, 4)),
                min_age=int(rng.choice([0, 0, 16, 18])),
                night_work=bool(rng.random() < 0.05),
                evening=bool(rng.random() < 0.2),
                weekend=bool(rng.random() < 0.2),
                lat=float(53.2 + rng.normal(0, 0.2)),
                lon=float(6.6 + rng.normal(0, 0.3)),
                start=start,
                end=end,
                hours_per_week=float(rng.integers(8, 40)),
                sector_id=int(rng.integers(1, 9)),
                accepted_qualifications=quals,
                werkprocessen=frozenset(int(q * 10 + j) for q in quals for j in range(2)),
                required_competencies=_ids(rng, 5, competencies),
                nice_competencies=_ids(rng, 3, competencies),
                required_certificates=_ids(rng, 2, 30),
                support_offered=frozenset(s for s in SUPPORT if rng.random() < 0.3),
                text=" ".join(rng.choice(WORDS, 12)),
            )
        )
    return out


def students(n: int, seed: int = 2, competencies: int = 300, qualifications: int = 200):
    rng = np.random.default_rng(seed)
    out = []
    for i in range(n):
        edu = str(rng.choice(["pro", "vso", "mbo", "mbo", "mbo"]))
        qual = int(rng.integers(0, qualifications)) if edu == "mbo" else None
        out.append(
            StudentRecord(
                id=i + 1,
                education_type=edu,
                leerweg=str(rng.choice(["bol", "bbl"])) if edu == "mbo" else "",
                school_leaver=bool(rng.random() < 0.2),
                level=int(rng.integers(1, 5)) if edu == "mbo" else 0,
                qualification_id=qual,
                qualification_werkprocessen=frozenset()
                if qual is None
                else frozenset({qual * 10, qual * 10 + 1, qual * 10 + 2}),
                werkprocessen_achieved=frozenset(),
                birth_date=datetime.date(2000, 1, 1)
                + datetime.timedelta(days=int(rng.integers(0, 365 * 12))),
                lat=float(53.2 + rng.normal(0, 0.2)),
                lon=float(6.6 + rng.normal(0, 0.3)),
                travel_radius_km=float(rng.integers(5, 41)),
                available_from=_day(rng, 120),
                available_to=None
                if rng.random() < 0.5
                else _day(rng, 120) + datetime.timedelta(days=200),
                hours_per_week=float(rng.integers(16, 41)),
                competencies=_ids(rng, 12, competencies),
                certificates=_ids(rng, 3, 30),
                sector_preferences=_ids(rng, 2, 9),
                interests_text=" ".join(rng.choice(WORDS, 4)) if rng.random() < 0.8 else "",
                support_needs=frozenset(s for s in SUPPORT if rng.random() < 0.15),
                shown_to_employers=bool(rng.random() < 0.85),
            )
        )
    return out


def region(
    n: int, seed: int = 11, competencies: int = 300, qualifications: int = 200, chunk=20_000
):
    """`openings()`'s region drawn column by column (a million openings in seconds rather
    than minutes), one record at a time: a generator, so the caller need not hold them all."""
    rng = np.random.default_rng(seed)
    employers = max(n // 5, 2)
    for first in range(0, n, chunk):
        m = min(chunk, n - first)
        start = rng.integers(0, 300, m).tolist()
        has_end = (rng.random(m) < 0.8).tolist()
        length = rng.integers(30, 400, m).tolist()
        kind = rng.integers(0, 3, m).tolist()
        is_open = (rng.random(m) < 0.9).tolist()
        places = rng.integers(0, 4, m).tolist()
        employer = rng.integers(1, employers, m).tolist()
        quals = _sets(rng, m, 3, qualifications)
        extra = _sets(rng, m, 2, qualifications)
        open_ended = (rng.random((m, 5)) < 0.8).tolist()
        valid_days = rng.integers(0, 200, (m, 5)).tolist()
        min_level = rng.integers(0, 4, m).tolist()
        min_age = rng.choice([0, 0, 16, 18], m).tolist()
        night = (rng.random(m) < 0.05).tolist()
        evening = (rng.random(m) < 0.2).tolist()
        weekend = (rng.random(m) < 0.2).tolist()
        lat = (53.2 + rng.normal(0, 0.2, m)).tolist()
        lon = (6.6 + rng.normal(0, 0.3, m)).tolist()
        hours = rng.integers(8, 40, m).tolist()
        sector = rng.integers(1, 9, m).tolist()
        required = _sets(rng, m, 5, competencies)
        nice = _sets(rng, m, 3, competencies)
        certificates = _sets(rng, m, 2, 30)
        support = (rng.random((m, len(SUPPORT))) < 0.3).tolist()
        words = rng.integers(0, len(WORDS), (m, 12)).tolist()
        valid_from = BASE_DAY - datetime.timedelta(days=400)
        for i in range(m):
            begin = BASE_DAY + datetime.timedelta(days=start[i])
            q = quals[i]
            yield OpeningRecord(
                id=first + i + 1,
                kind=KINDS[kind[i]],
                is_open=is_open[i],
                places_left=places[i],
                employer_id=employer[i],
                recognitions=tuple(
                    (
                        qual,
                        valid_from,
                        None
                        if open_ended[i][j]
                        else BASE_DAY + datetime.timedelta(days=valid_days[i][j]),
                    )
                    for j, qual in enumerate(q | extra[i])
                ),
                min_level=min_level[i],
                min_age=min_age[i],
                night_work=night[i],
                evening=evening[i],
                weekend=weekend[i],
                lat=lat[i],
                lon=lon[i],
                start=begin,
                end=begin + datetime.timedelta(days=length[i]) if has_end[i] else None,
                hours_per_week=float(hours[i]),
                sector_id=sector[i],
                accepted_qualifications=q,
                werkprocessen=frozenset(qual * 10 + j for qual in q for j in range(2)),
                required_competencies=required[i],
                nice_competencies=nice[i],
                required_certificates=certificates[i],
                support_offered=frozenset(
                    s for s, on in zip(SUPPORT, support[i], strict=True) if on
                ),
                text=" ".join(WORDS[w] for w in words[i]),
            )


def _sets(rng, m: int, most: int, high: int) -> list[frozenset]:
    """Per row a set of up to `most` ids below `high` (as _ids, drawn for m rows at once)."""
    sizes = rng.integers(0, most + 1, m).tolist()
    ids = rng.integers(0, high, (m, most)).tolist()
    return [frozenset(row[:size]) for row, size in zip(ids, sizes, strict=True)]


def wide_students(n: int, seed: int = 4, competencies: int = 300, qualifications: int = 200):
    """Job seekers who look wide: school leavers (vacatures and leerbanen, so no
    recognition rule), adults, available from the start, 32-40 hours and a 50 km radius:
    tens of thousands of a large region's openings pass their hard rules."""
    rng = np.random.default_rng(seed)
    out = []
    for i in range(n):
        qual = int(rng.integers(0, qualifications))
        out.append(
            StudentRecord(
                id=i + 1,
                education_type="mbo",
                leerweg=str(rng.choice(["bol", "bbl"])),
                school_leaver=True,
                level=int(rng.integers(2, 5)),
                qualification_id=qual,
                qualification_werkprocessen=frozenset({qual * 10, qual * 10 + 1, qual * 10 + 2}),
                werkprocessen_achieved=frozenset({qual * 10}),
                birth_date=datetime.date(1995, 1, 1)
                + datetime.timedelta(days=int(rng.integers(0, 365 * 10))),
                lat=float(53.2 + rng.normal(0, 0.2)),
                lon=float(6.6 + rng.normal(0, 0.3)),
                travel_radius_km=50.0,
                available_from=BASE_DAY + datetime.timedelta(days=int(rng.integers(0, 60))),
                available_to=None,
                hours_per_week=float(rng.integers(32, 41)),
                competencies=_ids(rng, 12, competencies),
                certificates=_ids(rng, 3, 30),
                sector_preferences=_ids(rng, 2, 9),
                interests_text=" ".join(rng.choice(WORDS, 4)) if rng.random() < 0.8 else "",
                support_needs=frozenset(s for s in SUPPORT if rng.random() < 0.15),
                shown_to_employers=True,
            )
        )
    return out
