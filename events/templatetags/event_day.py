"""The event page's links to the event day: my ticket, my speed dates, the staff check-in."""

from django import template

from marketplace.permissions import can

from ..checkin import registration_has_ticket, speed_dates_of

register = template.Library()


@register.inclusion_tag("events/checkin_links.html", takes_context=True)
def event_day_links(context, event, registration=None) -> dict:
    user = context["request"].user
    return {
        "event": event,
        "has_ticket": registration is not None and registration_has_ticket(registration),
        "has_dates": registration is not None and speed_dates_of(user, event).exists(),
        "may_check_in": can(user, "checkin_event", event),
    }
