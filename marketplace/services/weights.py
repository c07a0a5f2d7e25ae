"""Factor weights per region, versioned; the newest active set is used, else the default."""

from collections.abc import Iterable
from dataclasses import dataclass

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


def weights_set(*, region, version: str, values: dict, created_by=None) -> MatchingWeights:
    """Store a new version of the weights; the engine validates them before anything is saved."""
    Weights(version=version, values=dict(values)).validate()
    row = MatchingWeights.objects.create(
        region=region, version=version, values=values, created_by=created_by
    )
    MatchingWeights.objects.filter(region=region).exclude(pk=row.pk).update(is_active=False)
    cache.delete(f"matching-weights:{region.pk}")
    return row


def weights_forget(region_ids: Iterable[int | None] | None) -> None:
    """Drop the cached weights of these regions (None: of every region)."""
    if region_ids is None:
        region_ids = [None, *Region.objects.values_list("pk", flat=True)]
    cache.delete_many([f"matching-weights:{region_id}" for region_id in region_ids])


@dataclass
class PreviewPlace:
    """One place in a student's top 10 with the new weights, or one that drops out of it."""

    opening: object
    rank_now: int | None  # None: not in today's top 10 ("in")
    rank_new: int | None  # None: out of the new top 10 ("uit")

    @property
    def change(self) -> str:
        if self.rank_now is None:
            return "in"
        if self.rank_new is None:
            return "out"
        if self.rank_new < self.rank_now:
            return "up"
        return "down" if self.rank_new > self.rank_now else "same"


@dataclass
class PreviewStudent:
    student: object
    places: list[PreviewPlace]  # the new top 10, best first
    dropped: list[PreviewPlace]  # today's places that leave the top 10

    @property
    def changed(self) -> bool:
        return any(p.change != "same" for p in self.places)


def weights_preview(
    *, region, values: dict, students: int = 5, k: int = 10
) -> list[PreviewStudent]:
    """How the top k of a few students of the region (those with the most suggestions) would
    change with these weights: ranked now and with the new values on the live index, nothing
    saved and nothing logged (no person is shown a ranking)."""
    from django.db.models import Count

    from employers.models import Opening

    from ..models import StudentProfile
    from . import engine_index
    from .matching_records import student_records

    new = Weights(version="voorbeeld", values=dict(values)).validate()
    index = engine_index.opening_index()  # first: it also refreshes the weights
    now = weights_for_region(region.pk)
    chosen = list(
        StudentProfile.objects.filter(school__region=region)
        .annotate(n=Count("suggestions"))
        .order_by("-n", "pk")
        .select_related("user", "home_place")[:students]
    )
    pairs = [
        (index.rank(record, now, k=k), index.rank(record, new, k=k))
        for record in student_records(chosen)
    ]
    ids = {r.id for before, after in pairs for r in (*before, *after)}
    openings = Opening.objects.select_related("employer").in_bulk(ids)
    return [
        _compare(student, before, after, openings)
        for student, (before, after) in zip(chosen, pairs, strict=True)
    ]


def _compare(student, before, after, openings) -> PreviewStudent:
    rank_now = {r.id: n for n, r in enumerate(before, 1)}
    rank_new = {r.id: n for n, r in enumerate(after, 1)}
    places = [PreviewPlace(openings.get(i), rank_now.get(i), n) for i, n in rank_new.items()]
    dropped = [
        PreviewPlace(openings.get(i), n, None) for i, n in rank_now.items() if i not in rank_new
    ]
    return PreviewStudent(student=student, places=places, dropped=dropped)
