"""Celery tasks of the marketplace: thin adapters that take ids and call a service."""

from celery import shared_task


@shared_task(soft_time_limit=20, time_limit=30, acks_late=True)
def notification_send_email(notification_id: int) -> bool:
    from .services.notifications import notification_send_email as send

    return send(notification_id=notification_id)
