"""Reads of the shared vocabulary that many pages need."""

from django.core.cache import cache

from .models import Sector

SECTORS_KEY = "matching:sectors:v1"


def sector_choices() -> list[tuple[int, str]]:
    """(id, name) of every sector, cached for five minutes: the leerlijnen rarely change."""
    return cache.get_or_set(
        SECTORS_KEY, lambda: list(Sector.objects.order_by("name").values_list("pk", "name")), 300
    )
