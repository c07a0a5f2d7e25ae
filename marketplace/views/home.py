"""The home page: what each role sees first after logging in."""

from django.contrib.auth.decorators import login_required
from django.shortcuts import render

from ..models import Role, StudentProfile
from ..permissions import students_visible_to
from ..services.ranking import ranked_openings_for_student


@login_required
def home(request):
    user = request.user
    context = {"role_label": Role(user.role).label if user.role else ""}
    profile = (
        StudentProfile.objects.select_related("home_place", "school").filter(user=user).first()
        if user.role == Role.STUDENT
        else None
    )
    if profile is not None:
        context["ranked"] = ranked_openings_for_student(viewer=user, student=profile, limit=10)
    elif user.role in (Role.OUDER, Role.JOBHUNTER, Role.JPO, Role.SCHOOL, Role.ACCOUNTMANAGER):
        context["students"] = students_visible_to(user).select_related("user", "school")[:50]
    return render(request, "home/home.html", context)
