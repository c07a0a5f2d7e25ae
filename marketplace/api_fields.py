"""Bounded serializer fields for the API: the same limits as the shared form fields."""

from django.utils.translation import gettext_lazy as _
from rest_framework import serializers

from marketplace.forms import PK_MAX, is_pk
from matching.validators import validate_birth_date, validate_plausible_date

ID_ERRORS = {
    "invalid": _("Vul een heel getal in."),
    "min_value": _("Dit getal is te klein: het moet minstens {min_value} zijn."),
    "max_value": _("Dit getal is te groot: het mag hoogstens {max_value} zijn."),
}


class BoundedIntegerField(serializers.IntegerField):
    """An IntegerField that always has both bounds (0 to PK_MAX unless narrower)."""

    def __init__(self, *, min_value=0, max_value=PK_MAX, **kwargs):
        kwargs.setdefault("error_messages", ID_ERRORS)
        super().__init__(min_value=min_value, max_value=max_value, **kwargs)


class IdField(BoundedIntegerField):
    """The id of a record in a filter or input: 1 to PK_MAX, refused before any query."""

    def __init__(self, **kwargs):
        super().__init__(min_value=1, **kwargs)


class BoundedPrimaryKeyRelatedField(serializers.PrimaryKeyRelatedField):
    """A PrimaryKeyRelatedField that refuses a key out of range before querying."""

    def to_internal_value(self, data):
        if not isinstance(data, bool) and is_pk(data):
            return super().to_internal_value(data)
        self.fail("incorrect_type", data_type=type(data).__name__)


class PlausibleDateField(serializers.DateField):
    """A date a person types: from 1990 to five years ahead."""

    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self.validators.append(validate_plausible_date)


class BirthDateField(serializers.DateField):
    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self.validators.append(validate_birth_date)
