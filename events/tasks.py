"""Celery tasks of the events: thin adapters that take ids and call a service."""

from celery import shared_task


@shared_task(soft_time_limit=120, time_limit=150)
def event_reminders() -> int:
    """Hourly: a reminder a day before the event to everyone registered, and a week before to
    those still on the waiting list; once each (a second run sends nothing)."""
    from .services import event_reminders as remind

    return remind()


@shared_task(soft_time_limit=120, time_limit=150)
def event_cancelled_tell(event_id: int) -> int:
    """After an event is called off: tell everyone registered or waiting, once each."""
    from .services import event_cancelled_tell as tell

    return tell(event_id=event_id)
