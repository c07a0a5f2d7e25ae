"""Template filters of the mediation workspace."""

import datetime

from django import template
from django.utils.translation import ngettext

register = template.Library()


@register.filter
def duration_words(delta: datetime.timedelta | None) -> str:
    """A waiting time in plain words: "3 dagen", "5 uur", "20 minuten"."""
    if delta is None:
        return ""
    seconds = max(int(delta.total_seconds()), 0)
    days, hours, minutes = seconds // 86400, seconds // 3600, seconds // 60
    if days:
        return ngettext("%(n)d dag", "%(n)d dagen", days) % {"n": days}
    if hours:
        return ngettext("%(n)d uur", "%(n)d uur", hours) % {"n": hours}
    return ngettext("%(n)d minuut", "%(n)d minuten", minutes) % {"n": minutes}
