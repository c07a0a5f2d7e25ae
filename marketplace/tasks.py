"""Celery tasks of the marketplace: thin adapters that take ids and call a service."""

from celery import shared_task


@shared_task(soft_time_limit=20, time_limit=30, acks_late=True)
def notification_send_email(notification_id: int) -> bool:
    from .services.notifications import notification_send_email as send

    return send(notification_id=notification_id)


@shared_task(soft_time_limit=60, time_limit=90, acks_late=True)
def suggestions_refresh_student(student_id: int) -> int:
    from .services.suggestions import suggestions_refresh_for_student

    return suggestions_refresh_for_student(student_id=student_id)


@shared_task(soft_time_limit=60, time_limit=90, acks_late=True)
def suggestions_refresh_opening(opening_id: int) -> int:
    from .services.suggestions import suggestions_refresh_for_opening

    return suggestions_refresh_for_opening(opening_id=opening_id)


@shared_task(soft_time_limit=3 * 3600, time_limit=3 * 3600 + 300)
def suggestions_refresh_all() -> dict:
    from .services.suggestions import suggestions_refresh_all as refresh_all

    return refresh_all()


# A confirmed request to erase a young person's data; a redelivered task finds it done.
@shared_task(soft_time_limit=300, time_limit=360, acks_late=True)
def erasure_execute(request_id: int) -> dict:
    from .services.erasure import erasure_execute as execute

    return execute(request_id=request_id)


@shared_task(soft_time_limit=1800, time_limit=1900)
def privacy_retention_apply() -> dict:
    """Nightly: every kind of personal data past its retention period goes (safe to repeat)."""
    from .services.personal_data import retention_apply

    return retention_apply()
