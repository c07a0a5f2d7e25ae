"""Factor weights per region, versioned; the newest active set is used, else the default."""

from collections.abc import Iterable

from django.core.cache import cache

from matching.engine import DEFAULT_WEIGHTS, Weights

from ..models import MatchingWeights, Region

# Cached per process; a change reaches every process's next ranking through the change log
# (engine_index calls weights_forget), so this only bounds how long an unused entry lives.
CACHE_SECONDS = 60


def weights_for_region(region_id: int | None) -> Weights:
    key = f"matching-weights:{region_id}"
    cached = cache.get(key)
    if cached is not None:
        return cached
    row = (
        MatchingWeights.objects.filter(region_id=region_id, is_active=True)
        .order_by("-created_at")
        .first()
    )
    weights = Weights(version=row.version, values=dict(row.values)) if row else DEFAULT_WEIGHTS
    cache.set(key, weights, CACHE_SECONDS)
    return weights


def weights_set(*, region, version: str, values: dict) -> MatchingWeights:
    """Store a new version of the weights; the engine validates them before anything is saved."""
    Weights(version=version, values=dict(values)).validate()
    row = MatchingWeights.objects.create(region=region, version=version, values=values)
    MatchingWeights.objects.filter(region=region).exclude(pk=row.pk).update(is_active=False)
    cache.delete(f"matching-weights:{region.pk}")
    return row


def weights_forget(region_ids: Iterable[int | None] | None) -> None:
    """Drop the cached weights of these regions (None: of every region)."""
    if region_ids is None:
        region_ids = [None, *Region.objects.values_list("pk", flat=True)]
    cache.delete_many([f"matching-weights:{region_id}" for region_id in region_ids])
