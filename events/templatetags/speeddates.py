"""The event page's speed-date block: the organiser's schedule link, my schedule, my wishes."""

from django import template
from django.http import Http404

from marketplace.permissions import can

from .. import speeddates as sd

register = template.Library()


@register.inclusion_tag("events/speeddates_links.html", takes_context=True)
def speeddate_links(context, event) -> dict:
    user = context["request"].user
    form = None
    if can(user, "give_speeddate_wishes", event):
        try:
            seat = sd.own_seat(user, event)
        except Http404:  # the seat went between the two questions
            seat = None
        if seat is not None:
            from ..views_speeddates import wishes_form

            form = wishes_form(seat)
    return {
        "event": event,
        "may_schedule": can(user, "schedule_speeddates", event),
        "may_view_own": can(user, "view_own_speeddates", event),
        "form": form,
        "as_employer": bool(getattr(user, "employer_id", None)),
        "csrf_token": context.get("csrf_token"),
    }
