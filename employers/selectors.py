"""Read-side queries of the employer's pages: its openings with their candidates, its locations
and recognitions, each in a fixed number of queries however many rows there are."""

import datetime

from django.db.models import Count, Q, QuerySet

from marketplace.models import MatchStatus
from marketplace.services.matches import CLOSED

from .models import Employer, EmployerLocation, Opening, Recognition

# The answer the employer still owes: proposed to them, or the student said yes first.
_AWAITS_EMPLOYER = Q(matches__employer_response="") & Q(
    matches__status__in=[MatchStatus.VOORGESTELD, MatchStatus.INTERESSE_STUDENT]
)


def employer_openings(employer: Employer) -> list[Opening]:
    """The employer's openings by status, the latest change first, each with `n_candidates`
    (matches that have not ended) and `n_waiting` (matches waiting for the employer's answer)."""
    return list(
        employer.openings.select_related("location__place", "contact_person", "on_behalf_by")
        .prefetch_related("accepted_qualifications")
        .annotate(
            n_candidates=Count("matches", filter=~Q(matches__status__in=CLOSED)),
            n_waiting=Count("matches", filter=_AWAITS_EMPLOYER),
        )
        .order_by("status", "-updated_at")
    )


def opening_running_matches(opening: Opening) -> int:
    """The candidates of a place whose match has not ended (the close confirmation names them)."""
    return opening.matches.exclude(status__in=CLOSED).count()


def employer_locations(employer: Employer) -> QuerySet[EmployerLocation]:
    return employer.locations.select_related("place")


def employer_recognitions(
    employer: Employer, *, on: datetime.date
) -> list[tuple[Recognition, bool]]:
    """Each recognition with whether it is valid on the given day, by qualification name."""
    recognitions = employer.recognitions.select_related("qualification").order_by(
        "qualification__name"
    )
    return [(r, r.is_valid_on(on)) for r in recognitions]
