"""Keeping an index in step with the openings: changes are marked and indexed in bulk shortly after.

A change adds the opening's id to a Redis set and, unless one is already due, schedules one flush
task SEARCH_INDEX_DEBOUNCE_SECONDS later; the flush takes every marked id and indexes them in one
bulk request. A burst of changes (an import, a busy employer) thus costs one request, not one
each. Without a Redis URL (a single dev process), and for the embedded backend (which reads the
database directly), a change is passed on at once. The periodic reconcile catches whatever a lost
flush missed.
"""

from collections.abc import Callable, Iterable
from functools import lru_cache

import redis
from django.conf import settings

DIRTY_KEY = "search:openings:dirty"
SCHEDULED_KEY = "search:openings:flush-scheduled"
FLUSH_BATCH = 5000


@lru_cache(maxsize=4)
def _client(url: str) -> redis.Redis:
    return redis.Redis.from_url(url)


def _redis() -> redis.Redis | None:
    url = settings.SEARCH_QUEUE_URL
    return _client(url) if url else None


def _schedule_flush() -> None:
    from ..tasks import search_index_flush

    search_index_flush.apply_async(countdown=settings.SEARCH_INDEX_DEBOUNCE_SECONDS)


def search_mark_changed(
    opening_ids: Iterable[int], *, schedule: Callable[[], None] | None = None
) -> bool:
    """Mark openings as changed; returns True when this call scheduled the flush."""
    from . import get_backend

    ids = sorted({int(i) for i in opening_ids})
    r = _redis()
    if r is None or settings.SEARCH_BACKEND != "elasticsearch":
        backend = get_backend()  # at once: nothing to batch (embedded: nothing to do at all)
        for pk in ids:
            backend.index_opening(pk)
        return False
    r.sadd(DIRTY_KEY, *ids)
    # The flag outlives the delay a little: a flush lost with its worker does not block the next.
    if not r.set(SCHEDULED_KEY, 1, nx=True, ex=settings.SEARCH_INDEX_DEBOUNCE_SECONDS + 60):
        return False
    (schedule or _schedule_flush)()
    return True


def search_flush() -> int:
    """Index every marked opening in bulk; returns how many entries were written or removed."""
    from . import get_backend

    r = _redis()
    if r is None:
        return 0
    # Cleared first: a change marked from now on schedules its own flush, none is left behind.
    r.delete(SCHEDULED_KEY)
    done = 0
    while batch := r.spop(DIRTY_KEY, FLUSH_BATCH):
        ids = sorted(int(i) for i in batch)
        try:
            done += get_backend().index_openings(ids)
        except Exception:
            r.sadd(DIRTY_KEY, *ids)  # kept for the next flush or the reconcile
            raise
    return done


def search_pending() -> int:
    r = _redis()
    return int(r.scard(DIRTY_KEY)) if r is not None else 0
