"""What the mediators' API views share after the match: permission classes that ask the one
permission layer, bounded filters, small references to a student or a person, and the version
a write must carry."""

import django_filters
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field, extend_schema_serializer
from rest_framework import serializers

from marketplace.api_rules import rule_required
from marketplace.forms import BoundedIntegerField, PlausibleDateField

# A DRF permission class for a rule without an object, the same rule the pages ask.
allowed_by = rule_required


@extend_schema_field(OpenApiTypes.INT)
class IdFilter(django_filters.Filter):
    """An id in the query string: a whole number from 1, refused (400) before any query."""

    field_class = BoundedIntegerField

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("min_value", 1)
        super().__init__(*args, **kwargs)


@extend_schema_field(OpenApiTypes.INT)
class CountFilter(django_filters.Filter):
    field_class = BoundedIntegerField


@extend_schema_field(OpenApiTypes.DATE)
class DayFilter(django_filters.Filter):
    """An ISO date (2027-03-01) within the plausible range of the rest of the site."""

    field_class = PlausibleDateField


class _StudentRef(serializers.Serializer):
    id = serializers.IntegerField()
    name = serializers.CharField(source="user.get_full_name")


class _PersonRef(serializers.Serializer):
    id = serializers.IntegerField()
    name = serializers.CharField(source="get_full_name")


def student_ref(prefix: str) -> type[serializers.Serializer]:
    """A student as {id, name}, named `<prefix>Student` in the schema."""
    return extend_schema_serializer(component_name=f"{prefix}Student")(
        type(f"{prefix}Student", (_StudentRef,), {})
    )


def person_ref(prefix: str) -> type[serializers.Serializer]:
    """A professional as {id, name}, named `<prefix>Person` in the schema."""
    return extend_schema_serializer(component_name=f"{prefix}Person")(
        type(f"{prefix}Person", (_PersonRef,), {})
    )


def choice_text(choices) -> serializers.CharField:
    """A coded value in an answer, its codes in the description: a plain string in the schema,
    so the many `status` fields of the API do not each need a named enum."""
    codes = ", ".join(value for value, _label in choices if value)
    return serializers.CharField(help_text=f"{codes}")
