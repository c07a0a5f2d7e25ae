"""A placed match moves to "gestart" by itself on the placement's first working day.

A daily task takes the placements that have begun (the first working day on or after the start
date has come) while their match is still "geplaatst", and moves each through the pipeline as
the system (actor None; the timeline says "automatisch"). A match that moved on or was
withdrawn meanwhile is not in the list, and one that changes under our hands is left for the
next run, so the task may run twice.
"""

import datetime

from django.core.exceptions import ValidationError
from django.utils import timezone

from marketplace.models import Match, MatchStatus, Placement
from marketplace.services.matches import match_move

from .workdays import working_days_after


def placements_started(*, today: datetime.date | None = None) -> list[Match]:
    """Daily: start the matches whose placement's first working day has come; returns them."""
    today = today or timezone.localdate()
    begun = Placement.objects.filter(
        status=Placement.Status.LOPEND,
        start_date__lte=today,
        match__status=MatchStatus.GEPLAATST,
    ).select_related("match__student", "match__opening__employer")
    started = []
    for placement in begun:
        if working_days_after(placement.start_date, 0) > today:
            continue  # starts on a weekend or holiday: the first working day is still to come
        match = placement.match
        try:
            started.append(
                match_move(
                    actor=None,
                    match=match,
                    to_status=MatchStatus.GESTART,
                    expected_version=match.version,
                )
            )
        except ValidationError:  # changed meanwhile (a conflict): the next run looks again
            continue
    return started
