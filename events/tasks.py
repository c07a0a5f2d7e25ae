"""Celery tasks of the events: thin adapters that call a service."""

from celery import shared_task


@shared_task(soft_time_limit=120, time_limit=150)
def event_reminders() -> int:
    """Hourly: remind registrations of events that start within two days (once each)."""
    from .services import event_reminders as remind

    return remind()
