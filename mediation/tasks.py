"""Celery tasks of the mediation workspace: thin adapters that call a service."""

from celery import shared_task


@shared_task(soft_time_limit=300, time_limit=360)
def escalation_sweep() -> int:
    """Daily: open escalations for stuck cases (safe to run twice)."""
    from .services.escalations import escalation_sweep as sweep

    return len(sweep())


@shared_task(soft_time_limit=120, time_limit=150)
def checkin_reminders() -> int:
    """Daily: remind whoever holds a check-in that is due (once per check-in and day)."""
    from .services.placements import checkin_reminders as remind

    return remind()


@shared_task(soft_time_limit=300, time_limit=360)
def transition_plan() -> int:
    """Daily: plan the advies task and the contact after the diploma (safe to run twice)."""
    from .services.transition import transition_plan as plan

    return plan()
