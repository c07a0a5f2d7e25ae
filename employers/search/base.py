"""The search interface both backends implement: the query, the result and the shared numbers."""

import math
import re
import unicodedata
from dataclasses import dataclass, field
from typing import Protocol

KINDS = ("bpv", "leerbaan", "vacature")
FACETS = ("kind", "sector", "level", "place")

# Distance decay, the same on both backends (Elasticsearch's gauss function): an opening at
# `scale` km from the point weighs DECAY times one at the point itself.
DECAY = 0.5
DEFAULT_SCALE_KM = 10.0
EARTH_RADIUS_KM = 6371.0088


@dataclass(frozen=True)
class SearchQuery:
    text: str = ""
    kinds: tuple[str, ...] = ()
    sector_ids: tuple[int, ...] = ()
    levels: tuple[int, ...] = ()
    place_ids: tuple[int, ...] = ()
    # A point (latitude, longitude): nearer openings rank higher; with radius_km only those within.
    point: tuple[float, float] | None = None
    radius_km: float | None = None
    # Facet counts cost a pass over everything found (a GROUP BY, or Elasticsearch aggregations):
    # only when asked; otherwise the result's facets are empty.
    with_facets: bool = False
    offset: int = 0
    limit: int = 20

    def __post_init__(self):
        if self.radius_km is not None and self.point is None:
            raise ValueError("radius_km needs a point")

    @property
    def scale_km(self) -> float:
        """Half the radius, so the edge of the circle still weighs a sixteenth of its centre."""
        return self.radius_km / 2 if self.radius_km else DEFAULT_SCALE_KM


@dataclass(frozen=True)
class SearchHit:
    opening_id: int
    score: float
    distance_km: float | None = None  # from the query's point, when it has one


# Facet counts over every opening the query found (not only the page): the value as a string
# ("bpv", a sector id, a level, a place id) to how many.
Facets = dict[str, dict[str, int]]


@dataclass(frozen=True)
class SearchResult:
    total: int
    hits: list[SearchHit]
    facets: Facets = field(default_factory=dict)


class SearchBackend(Protocol):
    def search(self, query: SearchQuery) -> SearchResult: ...

    def index_opening(self, opening_id: int) -> None:
        """Bring one opening's entry up to date (adds, updates or removes it)."""

    def index_openings(self, opening_ids: list[int]) -> int:
        """Bring many entries up to date in one go; returns how many were written or removed."""

    def rebuild(self, progress=None) -> int:
        """Index every open opening from scratch; returns how many were indexed."""

    def reconcile(self) -> dict[str, int]:
        """Compare the index with the database and fix what drifted; returns what was fixed."""


def normalise(text: str) -> str:
    """Lowercase, strip accents and punctuation: 'Verzorgende-IG' → 'verzorgende ig'."""
    text = unicodedata.normalize("NFKD", text or "")
    text = "".join(c for c in text if not unicodedata.combining(c)).lower()
    return re.sub(r"[^a-z0-9]+", " ", text).strip()


def tokens(text: str) -> list[str]:
    return [t for t in normalise(text).split() if len(t) > 1]


def distance_km(a: tuple[float, float], b: tuple[float, float]) -> float:
    """Great-circle distance (haversine), as Elasticsearch's `arc` distance."""
    lat1, lon1, lat2, lon2 = map(math.radians, (*a, *b))
    h = (
        math.sin((lat2 - lat1) / 2) ** 2
        + math.cos(lat1) * math.cos(lat2) * math.sin((lon2 - lon1) / 2) ** 2
    )
    return 2 * EARTH_RADIUS_KM * math.asin(min(1.0, math.sqrt(h)))


def gauss_decay(distance: float, scale_km: float) -> float:
    """Elasticsearch's gauss decay with offset 0: DECAY at `scale`, 1 at the point."""
    return DECAY ** ((distance / scale_km) ** 2)


def bounding_box(point: tuple[float, float], radius_km: float) -> tuple[float, float, float, float]:
    """(min_lat, max_lat, min_lon, max_lon) around a circle: a cheap first cut in SQL."""
    lat, lon = point
    dlat = math.degrees(radius_km / EARTH_RADIUS_KM)
    dlon = math.degrees(radius_km / (EARTH_RADIUS_KM * max(math.cos(math.radians(lat)), 1e-6)))
    return lat - dlat, lat + dlat, lon - dlon, lon + dlon
