"""The home page: each role lands where its work is; the coordinator on the region's start page."""

from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.urls import NoReverseMatch, reverse
from django.utils.translation import gettext_lazy as _

from ..models import Role
from ..permissions import PERMISSIONS, can
from ..selectors import region_at_a_glance, students_for_home

# Whoever may use these pages starts there; everyone else gets the tiles of the home page.
LANDING = (
    ("use_student_pages", "student-matches"),
    ("use_employer_pages", "werkgever:dashboard"),
    ("use_parent_pages", "parent-children"),
)

# The region's work, each page behind its own rule: (rule, URL name, tile text). A page that a
# feature does not (yet) offer is left out rather than linked to nowhere.
BACKOFFICE_TILES = (
    ("import_data", "backoffice:imports", _("Gegevens importeren")),
    ("use_backoffice", "backoffice:people", _("Mensen en rollen")),
    ("manage_schools", "backoffice:schools", _("Scholen")),
    ("manage_guardians", "backoffice:guardians", _("Ouders koppelen")),
    ("set_weights", "backoffice:weights", _("Gewichten van de matcher")),
    ("edit_toolkit", "toolkit:edit", _("Toolkit-teksten en regelingen")),
    ("view_monitoring", "backoffice:monitoring", _("Monitoring")),
    ("view_fairness_report", "backoffice:fairness", _("Eerlijkheid")),
    ("organise_events", "events:organise", _("Evenementen organiseren")),
    ("work_escalation_queue", "werk:escalations", _("Escalaties")),
    ("handle_recognition_requests", "werkgever:recognition-requests", _("Erkenningen")),
    ("work_erasure_queue", "privacy-queue", _("Verzoeken om verwijdering")),
    ("view_processing_register", "privacy-register", _("Verwerkingsregister")),
    ("unlock_logins", "login-security", _("Inlogbeveiliging")),
)


def backoffice_tiles(user) -> list[dict]:
    tiles = []
    for rule, url_name, label in BACKOFFICE_TILES:
        if not PERMISSIONS.rule_exists(rule) or not can(user, rule):
            continue
        try:
            tiles.append({"url": reverse(url_name), "label": label, "name": url_name})
        except NoReverseMatch:
            continue
    return tiles


@login_required
def home(request):
    user = request.user
    for perm, url_name in LANDING:
        if can(user, perm):
            return redirect(url_name)
    context = {"role_label": Role(user.role).label if user.role else ""}
    if can(user, "run_region"):
        # The coordinator's start page: the region's pages and how it is doing, no name list.
        context["tiles"] = backoffice_tiles(user)
        context["glance"] = region_at_a_glance(user)
        return render(request, "home/home.html", context)
    if can(user, "use_workspace"):
        context["students"] = students_for_home(user)
    if can(user, "use_backoffice"):
        context["tiles"] = backoffice_tiles(user)
    return render(request, "home/home.html", context)
