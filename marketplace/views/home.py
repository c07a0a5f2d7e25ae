"""The home page: each role lands where its work is."""

from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render

from ..models import Role
from ..permissions import can
from ..selectors import students_for_home

# Whoever may use these pages starts there; everyone else gets the tiles of the home page.
LANDING = (
    ("use_student_pages", "student-matches"),
    ("use_employer_pages", "werkgever:dashboard"),
    ("use_parent_pages", "parent-children"),
)


@login_required
def home(request):
    user = request.user
    for perm, url_name in LANDING:
        if can(user, perm):
            return redirect(url_name)
    context = {"role_label": Role(user.role).label if user.role else ""}
    if can(user, "use_workspace"):
        context["students"] = students_for_home(user)
    return render(request, "home/home.html", context)
