"""The employer dashboard's recognition parts: {% recognition_warnings employer openings %} (the
warnings) and {% recognition_table employer %} (one row per qualification: current + next). Both
read the employer's recognitions once per page render."""

from django import template
from django.utils import timezone

from marketplace.permissions import can

from ..services.recognitions import (
    employer_recognition_alerts,
    employer_recognition_table,
    recognitions_of,
)

register = template.Library()


def _recognitions(context, employer) -> list:
    key = ("employer-recognitions", employer.pk)
    cache = context.render_context
    if key not in cache:
        cache[key] = recognitions_of(employer)
    return cache[key]


@register.inclusion_tag("employer/recognitions_warning.html", takes_context=True)
def recognition_warnings(context, employer, openings=()) -> dict:
    """Above the places: how many of `openings` carry a recognition warning on their own card
    (`recognition_alert`, set by the view) with a link to the first, the places paused because
    a recognition ended, and recognitions ending within 60 days that no card warns about. The
    card is the one place a place's warning stands. The request links only for who may
    request."""
    request = context.get("request")
    user = getattr(request, "user", None)
    alerts = employer_recognition_alerts(
        employer=employer,
        today=timezone.localdate(),
        recognitions=_recognitions(context, employer),
    )
    alerted = [o for o in openings if getattr(o, "recognition_alert", None)]
    on_a_card = {
        q.pk
        for o in alerted
        if o.recognition_alert.level == "warning"
        for q in o.accepted_qualifications.all()
    }
    return {
        "alerted": alerted,
        "paused": alerts["paused"],
        "ending": [(r, d) for r, d in alerts["ending"] if r.qualification_id not in on_a_card],
        "may_request": user is not None and can(user, "request_recognition", employer),
    }


@register.inclusion_tag("employer/recognitions_table.html", takes_context=True)
def recognition_table(context, employer) -> dict:
    rows = employer_recognition_table(
        employer=employer, today=timezone.localdate(), recognitions=_recognitions(context, employer)
    )
    return {"rows": rows}
