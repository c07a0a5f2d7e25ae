"""What the seed prints at the end: row counts, the demo logins with the password, the credits."""

from django.db.models import Count

from employers.models import Employer, EmployerLocation, Opening, Recognition
from events.models import MatchingEvent, Registration
from marketplace.models import (
    ActionItem,
    CheckIn,
    ConsentRecord,
    Escalation,
    GuardianLink,
    Match,
    MatchingWeights,
    Notification,
    Overgangsdokument,
    Placement,
    Region,
    School,
    SchoolLocation,
    SearchRequest,
    StudentCompetency,
    StudentProfile,
    TimelineEntry,
    User,
)
from matching.models import Certificate, Competency, Place, Qualification, Sector, Werkproces
from toolkit.models import Regulation, ToolkitItem

from . import DEMO_PASSWORD, GEONAMES_CREDIT
from .personas import DEMO_LOGINS

COUNTED = [
    Region,
    Place,
    Sector,
    Qualification,
    Werkproces,
    Competency,
    Certificate,
    School,
    SchoolLocation,
    User,
    StudentProfile,
    StudentCompetency,
    GuardianLink,
    ConsentRecord,
    Employer,
    EmployerLocation,
    Recognition,
    Opening,
    SearchRequest,
    Match,
    TimelineEntry,
    Placement,
    CheckIn,
    Escalation,
    ActionItem,
    Notification,
    Overgangsdokument,
    MatchingWeights,
    MatchingEvent,
    Registration,
    ToolkitItem,
    Regulation,
]


def row_counts() -> dict[str, int]:
    return {model.__name__: model.objects.count() for model in COUNTED}


def users_per_role() -> dict[str, int]:
    return dict(
        User.objects.values("role")
        .annotate(n=Count("id"))
        .order_by("role")
        .values_list("role", "n")
    )


def render(counts: dict[str, int], roles: dict[str, int], seconds: dict[str, float]) -> str:
    lines = ["", "Aantallen in de database", "-" * 40]
    lines += [f"{name:<24}{n:>12,}".replace(",", ".") for name, n in counts.items()]
    lines += ["", "Gebruikers per rol", "-" * 40]
    lines += [f"{role:<24}{n:>12,}".replace(",", ".") for role, n in roles.items()]
    lines += ["", "Tijd", "-" * 40]
    lines += [f"{step:<44}{s:>7.1f} s" for step, s in seconds.items()]
    width = max(len(e) for e, _r, _w in DEMO_LOGINS)
    lines += ["", f"Demo-logins (wachtwoord voor allemaal: {DEMO_PASSWORD})", "-" * 40]
    for email, role, what in DEMO_LOGINS:
        lines.append(f"{email:<{width}}  {role:<30}  {what}")
    lines += [
        "",
        "Alle andere demo-accounts (leerlingen, ouders, werkgevers) hebben hetzelfde wachtwoord.",
        "Medewerkers (jobhunter, JPO, accountmanager, school, werkcoach, coördinator, beheer)",
        "loggen in met een tweede stap. De code van nu: "
        "`.venv/bin/python manage.py demo_code jobhunter@demo.nl` (in een tweede terminal).",
        GEONAMES_CREDIT,
        "",
    ]
    return "\n".join(lines)
