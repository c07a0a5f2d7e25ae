"""Lookups the builders share: ids of the vocabulary, places, schools and staff, loaded once."""

import itertools
import math
from dataclasses import dataclass

from marketplace.models import School, SchoolLocation, User
from matching.models import Certificate, Competency, Place, Qualification, Sector, Werkproces

from .names import SCHOOLS
from .places import load_places
from .vocabulary import QUALIFICATIONS


@dataclass(frozen=True)
class QualInfo:
    id: int
    crebo: str
    level: int
    sector: str
    werkprocessen: tuple[int, ...]


@dataclass(frozen=True)
class SchoolInfo:
    id: int
    key: str
    kind: str
    region: str
    places: tuple[int, ...]


@dataclass
class Context:
    region_ids: dict[str, int]
    sector_ids: dict[str, int]
    qualifications: dict[str, list[QualInfo]]
    qual_by_crebo: dict[str, QualInfo]
    competency_ids: dict[str, int]
    certificate_ids: dict[str, int]
    place_by_name: dict[str, int]
    place_names: dict[int, str]
    coords: dict[int, tuple[float, float]]
    region_places: dict[str, tuple[list[int], list[float]]]
    schools: list[SchoolInfo]
    staff: dict[str, int]
    mentors: dict[str, int]
    password_hash: str

    def draw_place(self, rng, region: str) -> int:
        ids, cumulative = self.region_places[region]
        return rng.choices(ids, cum_weights=cumulative, k=1)[0]

    def distance_km(self, a: int, b: int) -> float:
        (lat1, lon1), (lat2, lon2) = self.coords[a], self.coords[b]
        x = math.radians(lon2 - lon1) * math.cos(math.radians((lat1 + lat2) / 2))
        y = math.radians(lat2 - lat1)
        return 6371.0 * math.hypot(x, y)


def load_context(region_ids: dict[str, int], password_hash: str) -> Context:
    sector_ids = dict(Sector.objects.values_list("code", "id"))
    processes: dict[int, list[int]] = {}
    for qid, wid in Werkproces.objects.order_by("qualification_id", "code").values_list(
        "qualification_id", "id"
    ):
        processes.setdefault(qid, []).append(wid)
    stored = dict(Qualification.objects.values_list("crebo", "id"))
    qualifications: dict[str, list[QualInfo]] = {}
    by_crebo = {}
    for sector, rows in QUALIFICATIONS.items():
        for crebo, _name, level, _processes in rows:
            info = QualInfo(stored[crebo], crebo, level, sector, tuple(processes[stored[crebo]]))
            qualifications.setdefault(sector, []).append(info)
            by_crebo[crebo] = info
    place_rows = {
        gid: (pk, lat, lon)
        for pk, gid, lat, lon in Place.objects.filter(geonameid__isnull=False).values_list(
            "id", "geonameid", "latitude", "longitude"
        )
    }
    by_name: dict[str, int] = {}
    region_places: dict[str, tuple[list[int], list[float]]] = {}
    grouped: dict[str, tuple[list[int], list[float]]] = {}
    for p in load_places():  # largest first, so a shared name means the larger place
        by_name.setdefault(p.name, place_rows[p.geonameid][0])
        ids, weights = grouped.setdefault(p.region, ([], []))
        ids.append(place_rows[p.geonameid][0])
        weights.append(p.population**0.5)
    for region, (ids, weights) in grouped.items():
        region_places[region] = (ids, list(itertools.accumulate(weights)))
    return Context(
        region_ids=region_ids,
        sector_ids=sector_ids,
        qualifications=qualifications,
        qual_by_crebo=by_crebo,
        competency_ids=dict(Competency.objects.values_list("name", "id")),
        certificate_ids=dict(Certificate.objects.values_list("name", "id")),
        place_by_name=by_name,
        place_names={place_rows[p.geonameid][0]: p.name for p in load_places()},
        coords={pk: (lat, lon) for pk, lat, lon in place_rows.values()},
        region_places=region_places,
        schools=_schools(),
        staff=dict(
            User.objects.filter(email__endswith="demo.nl")
            .exclude(role__in=["student", "ouder", "werkgever"])
            .values_list("email", "id")
        ),
        mentors=_mentors(),
        password_hash=password_hash,
    )


def _schools() -> list[SchoolInfo]:
    by_brin = {s.brin: s for s in School.objects.all()}
    locations: dict[int, list[int]] = {}
    for school_id, place_id in SchoolLocation.objects.order_by("id").values_list(
        "school_id", "place_id"
    ):
        locations.setdefault(school_id, []).append(place_id)
    result = []
    for key, _name, kind, region, brin, _locations in SCHOOLS:
        school = by_brin[brin]
        result.append(SchoolInfo(school.id, key, kind, region, tuple(locations[school.id])))
    return result


def _mentors() -> dict[str, int]:
    """School key → the mentor who gets that school's students (school@demo.nl for one)."""
    ids = dict(User.objects.filter(email__endswith="@school.demo.nl").values_list("email", "id"))
    return {key: ids[f"mentor.{key}@school.demo.nl"] for key, *_rest in SCHOOLS}
