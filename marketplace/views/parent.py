"""The parent's pages: their own child only, read-only, with the child's consent or under 16."""

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import render

from events.services import registrations_upcoming

from ..models import GuardianLink, Role
from ..permissions import get_student_for_user, students_visible_to
from ..services.audit import access_log_record
from ..services.ranking import ranked_openings_for_student


def _parent(request):
    if request.user.role != Role.OUDER:
        raise PermissionDenied("parent only")


@login_required
def children(request):
    _parent(request)
    visible = set(students_visible_to(request.user).values_list("pk", flat=True))
    links = GuardianLink.objects.filter(guardian=request.user).select_related("student__user")
    rows = [(link.student, link.student.pk in visible) for link in links]
    return render(request, "parent/children.html", {"rows": rows})


@login_required
def child_detail(request, pk: int):
    _parent(request)
    child = get_student_for_user(request.user, pk)  # 404 without consent (16+) or link
    access_log_record(user=request.user, student=child, action="view", context="ouder")
    matches = child.matches.select_related(
        "opening__employer", "opening__location__place"
    ).order_by("-updated_at")
    registrations = registrations_upcoming(user=child.user)
    ranked = ranked_openings_for_student(viewer=request.user, student=child, limit=5)
    context = {"child": child, "matches": matches, "registrations": registrations, "ranked": ranked}
    return render(request, "parent/child.html", context)
