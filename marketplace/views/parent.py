"""The parent's pages: their own child only, read-only, with the child's consent or under 16."""

from django.contrib.auth.decorators import login_required
from django.shortcuts import render

from events.selectors import registrations_upcoming

from ..permissions import ensure_can, get_student_for_user
from ..selectors import guardian_children, student_matches
from ..services.audit import access_log_record
from ..services.ranking import ranked_openings_for_student


def _parent(request):
    ensure_can(request.user, "use_parent_pages")


@login_required
def children(request):
    _parent(request)
    return render(request, "parent/children.html", {"rows": guardian_children(request.user)})


@login_required
def child_detail(request, pk: int):
    _parent(request)
    child = get_student_for_user(request.user, pk)  # 404 without consent (16+) or link
    access_log_record(user=request.user, student=child, action="view", context="ouder")
    matches = student_matches(child)
    registrations = registrations_upcoming(user=child.user)
    ranked = ranked_openings_for_student(viewer=request.user, student=child, limit=5)
    context = {"child": child, "matches": matches, "registrations": registrations, "ranked": ranked}
    return render(request, "parent/child.html", context)
