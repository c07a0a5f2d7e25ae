"""Celery tasks of the employers app: keeping the search index in step with the openings."""

from celery import shared_task


@shared_task(soft_time_limit=20, time_limit=30, acks_late=True)
def search_index_opening(opening_id: int) -> None:
    from .search import get_backend

    get_backend().index_opening(opening_id)


@shared_task(soft_time_limit=1800, time_limit=1900)
def search_rebuild() -> int:
    from .search import get_backend

    return get_backend().rebuild()
