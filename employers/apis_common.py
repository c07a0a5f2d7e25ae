"""What the employer's API endpoints share: who may call them and bounded id inputs."""

from django.utils.translation import gettext_lazy as _
from rest_framework import permissions, serializers

from marketplace.api_fields import IdField
from marketplace.permissions import can


class IsEmployerMember(permissions.BasePermission):
    """A member of an employer (beheerder or praktijkopleider), as for the employer's pages;
    what they may do to one object the services and the permission layer decide."""

    message = _("Dit deel van de API is voor werkgevers.")

    def has_permission(self, request, view) -> bool:
        user = request.user
        return bool(user and user.is_authenticated) and can(user, "use_employer_pages")


class IdListField(serializers.ListField):
    """A list of ids of `queryset`, read in one query; an unknown id is a field error."""

    default_error_messages = {"unknown": _("Deze keuze bestaat niet: {ids}.")}

    def __init__(self, *, queryset, max_length: int = 50, **kwargs):
        self.queryset = queryset
        super().__init__(child=IdField(), max_length=max_length, **kwargs)

    def to_internal_value(self, data):
        ids = list(dict.fromkeys(super().to_internal_value(data)))
        found = self.queryset.all().in_bulk(ids)
        unknown = [str(i) for i in ids if i not in found]
        if unknown:
            self.fail("unknown", ids=", ".join(unknown))
        return [found[i] for i in ids]


class RelatedIdsField(serializers.ListField):
    """The ids of a many-to-many relation, read from its prefetched rows (output only)."""

    def __init__(self, **kwargs):
        super().__init__(child=serializers.IntegerField(), read_only=True, **kwargs)

    def to_representation(self, data):
        return [item.pk for item in data.all()]
