"""Filters of the employer's API lists (django-filter): by status and kind, in a chosen order."""

import django_filters

from .models import Opening


class EmployerOpeningFilter(django_filters.FilterSet):
    status = django_filters.MultipleChoiceFilter(choices=Opening.Status.choices)
    kind = django_filters.MultipleChoiceFilter(choices=Opening.Kind.choices)
    ordering = django_filters.OrderingFilter(
        fields=(
            ("updated_at", "updated_at"),
            ("created_at", "created_at"),
            ("start_date", "start_date"),
            ("title", "title"),
        ),
    )

    class Meta:
        model = Opening
        fields = ["status", "kind"]
