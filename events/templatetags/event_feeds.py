"""The "Zet in je eigen agenda" block of the calendar page: the person's feed address."""

from django import template
from django.urls import reverse

from marketplace.permissions import can

from ..feeds import calendar_feed_for

register = template.Library()


@register.inclusion_tag("events/_feed_panel.html", takes_context=True)
def calendar_feed_panel(context) -> dict:
    """The address is made the first time it is shown; nothing for those without a feed."""
    request = context["request"]
    if not can(request.user, "use_calendar_feed"):
        return {"may_use_calendar_feed": False}
    feed = calendar_feed_for(user=request.user)
    url = request.build_absolute_uri(reverse("events:feed", args=[feed.token]))
    return {
        "may_use_calendar_feed": True,
        "feed_url": url,
        "webcal_url": "webcal://" + url.split("://", 1)[1],
        "csrf_token": context.get("csrf_token"),
    }
