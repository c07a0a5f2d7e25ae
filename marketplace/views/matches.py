"""A match's own page: where it stands and its timeline, for everyone who may see it."""

from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render

from ..permissions import can, get_match_for_user
from ..selectors import match_for_viewer


@login_required
def match_detail(request, pk: int):
    match = get_match_for_user(request.user, pk)
    if can(request.user, "move_match", match):
        return redirect("werk:match", pk=match.pk)  # mediators work on it in the workspace
    context = match_for_viewer(viewer=request.user, match=match)
    return render(request, "matches/detail.html", context)
