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


@shared_task(soft_time_limit=120, time_limit=150)
def suggestions_refresh_all() -> dict:
    """Nightly: plan a full recomputation; its chunks go to whichever workers are free."""
    from .services.recompute import recompute_progress, recompute_start

    return recompute_progress(recompute_start())


# Acked after it ran, and sent back to the queue when its worker dies mid-way.
@shared_task(soft_time_limit=600, time_limit=660, acks_late=True, reject_on_worker_lost=True)
def recompute_chunk(chunk_id: int) -> int:
    from .services.recompute import recompute_chunk_run

    return recompute_chunk_run(chunk_id=chunk_id)


# Every few seconds: a new version of the engine index files once changes have settled.
@shared_task(soft_time_limit=1200, time_limit=1260, ignore_result=True)
def engine_index_refresh() -> dict | None:
    from .services.engine_index import engine_index_refresh as refresh

    return refresh()


@shared_task(soft_time_limit=60, time_limit=90)
def recompute_resume() -> int:
    """Every few minutes: chunks a dead worker left behind are sent again."""
    from .services.recompute import recompute_resume as resume

    return resume()


@shared_task(soft_time_limit=300, time_limit=360)
def invitations_expire_all() -> int:
    """Nightly: open invitations past their days are written down as expired."""
    from .services.invitations import invitations_expire

    return invitations_expire()


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


# One try per run; a failed try comes back after a wait that doubles each time (without a
# broker, in development and tests, the next try follows at once). Safe to run twice: a
# delivered delivery is not sent again.
@shared_task(bind=True, soft_time_limit=30, time_limit=40, acks_late=True, max_retries=None)
def webhook_deliver(self, delivery_id: int) -> str:
    from .services.webhooks import delivery_attempt, retry_delay

    attempt = self.request.retries + 1
    while (outcome := delivery_attempt(delivery_id=delivery_id, attempt=attempt)) == "retry":
        if not self.request.is_eager:
            raise self.retry(countdown=retry_delay(attempt))
        attempt += 1
    return outcome
