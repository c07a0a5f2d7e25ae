"""The navigation's `nav` flags: which menu items and tiles this user gets, from the rules."""

from django.utils.functional import SimpleLazyObject

from .permissions import can

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


def nav_flags(user) -> dict[str, bool]:
    return {flag: can(user, rule) for flag, rule in NAV_RULES.items()}


def nav(request) -> dict:
    return {"nav": SimpleLazyObject(lambda: nav_flags(getattr(request, "user", None)))}
