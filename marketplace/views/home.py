"""The home page: each role lands where its work is."""

from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render

from ..models import Role
from ..permissions import students_visible_to

LANDING = {
    Role.STUDENT: "student-matches",
    Role.WERKGEVER: "werkgever:dashboard",
    Role.OUDER: "parent-children",
}


@login_required
def home(request):
    user = request.user
    if user.role in LANDING and not user.is_superuser:
        return redirect(LANDING[user.role])
    context = {"role_label": Role(user.role).label if user.role else ""}
    if user.role in (Role.JOBHUNTER, Role.JPO, Role.SCHOOL, Role.ACCOUNTMANAGER, Role.COORDINATOR):
        context["students"] = students_visible_to(user).select_related("user", "school")[:50]
    return render(request, "home/home.html", context)
