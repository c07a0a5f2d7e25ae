"""An accountmanager acts for the employers of their region: post or change an opening on their
behalf, with the employer's own form and service (recorded as Opening.on_behalf_by)."""

from django.contrib.auth.decorators import login_required
from django.db.models import Count, Q
from django.shortcuts import render

from marketplace.permissions import (
    employers_represented_by,
    ensure_can,
    get_employer_for_user,
    get_opening_for_user,
)

from ..models import Opening


@login_required
def on_behalf(request):
    """The region's employers, each with a way to post a place for them."""
    ensure_can(request.user, "act_for_employers")
    employers = (
        employers_represented_by(request.user)
        .annotate(n_open=Count("openings", filter=Q(openings__status=Opening.Status.OPEN)))
        .order_by("name")
    )
    posted = (
        Opening.objects.filter(on_behalf_by=request.user)
        .select_related("employer")
        .order_by("-updated_at")[:20]
    )
    return render(request, "employer/on_behalf.html", {"employers": employers, "posted": posted})


@login_required
def on_behalf_opening_new(request, employer_pk: int):
    from . import opening_page

    ensure_can(request.user, "act_for_employers")
    employer = get_employer_for_user(request.user, employer_pk, may="post_opening")
    return opening_page(request, employer=employer, opening=None, on_behalf=True)


@login_required
def on_behalf_opening_edit(request, pk: int):
    from . import opening_page

    ensure_can(request.user, "act_for_employers")
    opening = get_opening_for_user(request.user, pk, write=True)
    return opening_page(request, employer=opening.employer, opening=opening, on_behalf=True)
