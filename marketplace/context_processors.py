"""The navigation: the `nav` flags (which menu items and tiles this user gets, from the rules),
the role's `menu` (only pages the rules let this user open) and the inbox's unread count."""

from django.urls import NoReverseMatch, reverse
from django.utils.functional import SimpleLazyObject
from django.utils.translation import gettext_lazy as _

from .models import Notification, Role
from .permissions import PERMISSIONS, can

# flag name → rule; the header and the home page show an item only when its flag is set.
NAV_RULES = {
    "student": "use_student_pages",
    "parent": "use_parent_pages",
    "employer": "use_employer_pages",
    "colleagues": "view_colleagues",
    "on_behalf": "act_for_employers",
    "api_tokens": "manage_api_tokens",
    "caseload": "keep_caseload",
    "board": "use_board",
    "escalations": "work_escalation_queue",
    "recognition_requests": "handle_recognition_requests",
    "overgangsdokumenten": "receive_overgangsdokumenten",
    "admin": "use_admin",
    "backoffice": "use_backoffice",
    "imports": "import_data",
    "monitoring": "view_monitoring",
    "privacy_queue": "work_erasure_queue",
    "privacy_register": "view_processing_register",
}

# The menu in its order: (rule, URL name, text). A role sees the items whose rule it passes; the
# first URL name may appear once only (a page reachable through two rules is listed once).
MENU = (
    ("use_student_pages", "student-matches", _("Mijn matches")),
    ("use_student_pages", "student-profile", _("Mijn profiel")),
    ("use_student_pages", "toolkit:students", _("Tips en regelingen")),
    ("use_parent_pages", "parent-children", _("Mijn kind")),
    ("use_parent_pages", "toolkit:parents", _("Voor ouders")),
    ("use_employer_pages", "werkgever:dashboard", _("Mijn bedrijf")),
    ("view_colleagues", "werkgever:colleagues", _("Collega’s")),
    ("use_employer_pages", "toolkit:index", _("Toolkit")),
    ("run_region", "home", _("Start")),
    ("keep_caseload", "werk:caseload", _("Mijn jongeren")),
    ("use_board", "werk:board", _("Matchbord")),
    ("keep_caseload", "werk:checkins", _("Check-ins")),
    ("work_escalation_queue", "werk:escalations", _("Escalaties")),
    ("receive_overgangsdokumenten", "werk:overgangsdokumenten", _("Overdrachten")),
    ("act_for_employers", "werkgever:on-behalf", _("Namens werkgevers")),
    ("handle_recognition_requests", "werkgever:recognition-requests", _("Erkenningen")),
    # The region's pages most used; "Beheer" lists them all (the start page's tiles).
    ("use_backoffice", "backoffice:people", _("Mensen")),
    ("import_data", "backoffice:imports", _("Inlezen")),
    ("view_monitoring", "backoffice:monitoring", _("Monitoring")),
    ("organise_events", "events:organise", _("Evenementen")),
    ("use_backoffice", "backoffice:index", _("Beheer")),
    (None, "events:calendar", _("Agenda")),
    ("use_student_pages", "privacy-mine", _("Mijn gegevens")),
    ("use_parent_pages", "privacy-mine", _("Gegevens van mijn kind")),
    ("manage_api_tokens", "api-tokens", _("API-sleutels")),
)
INBOX_URL = "werk:inbox"


def nav_flags(user) -> dict[str, bool]:
    return {flag: can(user, rule) for flag, rule in NAV_RULES.items()}


def menu_items(user, path: str = "") -> list[dict]:
    """The signed-in user's menu: text, address and whether it is the page being shown. No
    queries beyond the rules (which read the user's role and organisation)."""
    if user is None or not user.is_authenticated:
        return []
    items, seen = [], set()
    for rule, url_name, label in MENU:
        if url_name in seen:
            continue
        if rule is not None and (not PERMISSIONS.rule_exists(rule) or not can(user, rule)):
            continue
        try:
            url = reverse(url_name)
        except NoReverseMatch:
            continue
        seen.add(url_name)
        items.append({"url": url, "label": label, "current": False, "name": url_name})
    # The page being shown, or the most specific section it is in ("/werk/bord/" over "/werk/").
    within = [
        i for i in items if path == i["url"] or (i["url"] != "/" and path.startswith(i["url"]))
    ]
    if within:
        max(within, key=lambda i: len(i["url"]))["current"] = True
    return items


def unread_count(user) -> int:
    """Unread inbox messages: one COUNT on the partial index of unread messages."""
    if user is None or not user.is_authenticated:
        return 0
    return Notification.objects.filter(user=user, read_at__isnull=True).count()


def role_label(user) -> str:
    if user is None or not user.is_authenticated or not getattr(user, "role", ""):
        return ""
    try:
        return str(Role(user.role).label)
    except ValueError:
        return ""


def nav(request) -> dict:
    user = getattr(request, "user", None)
    path = getattr(request, "path", "")
    return {
        "nav": SimpleLazyObject(lambda: nav_flags(user)),
        "menu": SimpleLazyObject(lambda: menu_items(user, path)),
        "inbox_unread": SimpleLazyObject(lambda: unread_count(user)),
        "inbox_url": SimpleLazyObject(lambda: _reverse_or_empty(INBOX_URL)),
        "signed_in_role": SimpleLazyObject(lambda: role_label(user)),
    }


def _reverse_or_empty(name: str) -> str:
    try:
        return reverse(name)
    except NoReverseMatch:
        return ""
