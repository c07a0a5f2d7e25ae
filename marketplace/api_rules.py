"""API permission classes that ask the permission layer: the same rule as the pages, by name."""

from django.utils.translation import gettext_lazy as _
from rest_framework.permissions import BasePermission

from .permissions import can


def rule_required(rule: str, message=None) -> type[BasePermission]:
    """A permission class that lets a request through when `can(user, rule)` holds (a rule
    without an object: who may use the workspace, who is a student, ...). An anonymous caller
    hears that they must log in (401); a signed-in one without the rule gets `message` (403)."""

    class RuleRequired(BasePermission):
        def has_permission(self, request, view) -> bool:
            return can(request.user, rule)

    RuleRequired.message = message or _("Je hebt geen toegang.")

    RuleRequired.__name__ = RuleRequired.__qualname__ = f"RuleRequired_{rule}"
    return RuleRequired
