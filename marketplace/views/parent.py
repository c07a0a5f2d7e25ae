"""The parent's pages: their own child only, read-only, with the child's consent or under 16."""

from django.contrib.auth.decorators import login_required
from django.shortcuts import render

from events.selectors import registrations_upcoming

from ..permissions import ensure_can, get_student_for_user
from ..selectors import child_for_parent, guardian_children


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
    context = child_for_parent(parent=request.user, child=child)
    context["registrations"] = registrations_upcoming(user=child.user)
    return render(request, "parent/child.html", context)
