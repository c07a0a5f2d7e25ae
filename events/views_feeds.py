"""The personal calendar feed: fetched by calendar apps with its secret address (they have no
session), and renewed by its owner when the old address should stop working."""

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST, require_safe

from .feeds import calendar_feed_renew, get_calendar_feed_owner, personal_calendar


@require_safe
def feed(request, token: str):
    """No login: the token is the key. A calendar app sends no language of its own person, so
    the feed speaks the site's language."""
    owner = get_calendar_feed_owner(token)
    with translation.override(settings.LANGUAGE_CODE):
        body = personal_calendar(owner)
    response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = 'inline; filename="agenda.ics"'
    response["Cache-Control"] = "private, max-age=900"
    response["X-Robots-Tag"] = "noindex"
    return response


@login_required
@require_POST
def renew(request):
    calendar_feed_renew(user=request.user)
    messages.success(
        request,
        _(
            "Je hebt een nieuw agenda-adres. Het oude adres werkt niet meer. "
            "Zet het nieuwe adres in je agenda."
        ),
    )
    return redirect(reverse("events:calendar") + "#eigen-agenda")
