"""Celery tasks of the employers app: the search index in step with the openings, and the daily
recognition sweeps (warn before one ends, pause a place that lost it)."""

from celery import shared_task


@shared_task(soft_time_limit=20, time_limit=30, acks_late=True)
def search_index_opening(opening_id: int) -> None:
    """Mark the opening as changed; search_index_flush indexes the marked ones in bulk."""
    from .search.sync import search_mark_changed

    search_mark_changed([opening_id])


@shared_task(soft_time_limit=300, time_limit=360, acks_late=True)
def search_index_flush() -> int:
    from .search.sync import search_flush

    return search_flush()


@shared_task(soft_time_limit=1800, time_limit=1900)
def search_reconcile() -> dict[str, int]:
    """Periodic: compare the index with the database (ids, updated_at) and fix the drift."""
    from .search import get_backend

    return get_backend().reconcile()


@shared_task(soft_time_limit=1800, time_limit=1900)
def search_rebuild() -> int:
    from .search import get_backend

    return get_backend().rebuild()


@shared_task(soft_time_limit=300, time_limit=360)
def recognition_warnings() -> int:
    """Daily: warn an employer once, 60 days before a recognition ends (safe to run twice)."""
    from .services.recognitions import recognition_expiry_warn

    return recognition_expiry_warn()


@shared_task(soft_time_limit=300, time_limit=360)
def recognition_pause() -> int:
    """Daily: pause the places that lost their recognition, and say so (safe to run twice)."""
    from .services.recognitions import recognition_expired_pause

    return recognition_expired_pause()
