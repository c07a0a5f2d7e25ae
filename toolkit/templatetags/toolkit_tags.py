"""Template helpers of the toolkit: a stored text in the reader's language."""

from django import template

register = template.Library()


@register.filter
def tr(obj, field: str) -> str:
    """`{{ item|tr:"title" }}`: the English twin in English mode when it is filled in."""
    return obj.tr(field)
