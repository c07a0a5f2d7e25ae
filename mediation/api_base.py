"""What every operation of the mediators' API shares: who may call it, and cursor paging with
an ordering the client picks."""

from django.utils.translation import gettext_lazy as _

from config.api import CursorPagination
from marketplace.api_rules import rule_required

# Signed in as a professional of the mediation workspace (jobhunters, JPO's, school staff,
# accountmanagers, coordinators and werkcoaches); which young people and matches each of them
# reaches, the access helpers decide per object.
WorkspaceUser = rule_required("use_workspace", _("Dit deel van de API is voor begeleiders."))


class KeyedCursorPagination(CursorPagination):
    """Cursor paging in the order the client chose with `?ordering=` (checked by the list's
    FilterSet before paging); `orderings` maps each choice to its order_by."""

    orderings: dict[str, tuple[str, ...]] = {}
    default = ""

    def get_ordering(self, request, queryset, view):
        key = request.query_params.get("ordering") or self.default
        return self.orderings.get(key, self.orderings[self.default])
