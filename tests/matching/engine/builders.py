"""Plain engine records for tests: a BPV-plek in Groningen and an MBO-2 BOL student who fits it."""

import datetime

from matching.engine import OpeningRecord, StudentRecord

D = datetime.date
GRONINGEN = (53.2194, 6.5665)


def opening(**kw) -> OpeningRecord:
    base = dict(
        id=1, kind="bpv", is_open=True, places_left=1, employer_id=1,
        recognitions=((5, D(2020, 1, 1), None),), min_level=0, min_age=0, night_work=False,
        evening=False, weekend=False, lat=GRONINGEN[0], lon=GRONINGEN[1], start=D(2027, 2, 1),
        end=D(2027, 7, 1), hours_per_week=24, sector_id=1, text="magazijn logistiek heftruck",
    )  # fmt: skip
    base.update(kw)
    return OpeningRecord(**base)


def student(**kw) -> StudentRecord:
    base = dict(
        id=9, education_type="mbo", leerweg="bol", school_leaver=False, level=2,
        qualification_id=5, qualification_werkprocessen=frozenset(),
        werkprocessen_achieved=frozenset(), birth_date=D(2005, 5, 1), lat=GRONINGEN[0],
        lon=GRONINGEN[1], travel_radius_km=20, available_from=D(2027, 1, 1), available_to=None,
        hours_per_week=32, shown_to_employers=True,
    )  # fmt: skip
    base.update(kw)
    return StudentRecord(**base)
