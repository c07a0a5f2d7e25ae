"""Celery tasks of the back office: thin adapters that take ids and call a service."""

from celery import shared_task


# A file of 100,000 rows takes minutes; the limits leave room, and a run is claimed only from
# "queued", so a redelivered task does nothing twice.
@shared_task(soft_time_limit=1500, time_limit=1600, acks_late=True)
def import_run(run_id: int) -> str:
    from .imports import import_run as run_import

    return run_import(run_id=run_id)


@shared_task
def import_files_purge() -> int:
    """Daily: the uploaded files of runs checked but never started are removed after 24 hours."""
    from .imports import import_files_purge as purge

    return purge()
