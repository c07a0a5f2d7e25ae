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


@shared_task(soft_time_limit=300, time_limit=360)
def answer_reminders() -> int:
    """Daily: remind a side that does not answer, then tell the jobhunter (each once)."""
    from .services.reminders import answer_reminders as remind

    sent = remind()
    return sent.reminders + sent.jobhunters


@shared_task(soft_time_limit=120, time_limit=150)
def escalation_second_rung() -> int:
    """Daily: late escalations go to the coordinator or SBB (once per case)."""
    from .services.escalations import escalation_second_rung as second_rung

    return len(second_rung())


@shared_task(soft_time_limit=300, time_limit=360)
def placements_started() -> int:
    """Daily: a placed match moves to "gestart" on its first working day (once)."""
    from .services.starts import placements_started as start

    return len(start())


@shared_task(soft_time_limit=300, time_limit=360)
def aftercare_plan() -> int:
    """Daily: plan the aftercare contact moments of PrO/VSO school-leavers (safe to run twice)."""
    from .services.aftercare import aftercare_plan as plan

    return plan()
