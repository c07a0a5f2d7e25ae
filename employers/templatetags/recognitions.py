"""The employer dashboard's recognition warnings as one tag: {% recognition_warnings employer %}."""

from django import template
from django.utils import timezone

from ..services.recognitions import employer_recognition_alerts

register = template.Library()


@register.inclusion_tag("employer/recognitions_warning.html")
def recognition_warnings(employer) -> dict:
    """Recognitions ending within 60 days and places paused because one ended."""
    return employer_recognition_alerts(employer=employer, today=timezone.localdate())
