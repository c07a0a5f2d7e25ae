"""A create form sent twice (a double click, a resent reload) creates once.

Every rendered form carries its own CSRF token (Django masks the secret afresh for each
`{% csrf_token %}`), so the token plus the form's content names one filled-in form: a one-time
form token without an extra field. The first submit claims it in the cache; a second submit of
the same form waits for the first to finish and gets the first one's answer (its redirect)
instead of creating a second record. A submit that did not create anything (a form error)
releases the claim, so the corrected form can be sent again.
"""

import hashlib
import time
from functools import wraps

from django.contrib import messages
from django.core.cache import cache
from django.http import HttpResponse
from django.shortcuts import redirect
from django.utils.translation import gettext as _

ONCE_SECONDS = 60 * 60  # how long a sent form is remembered
WAIT_SECONDS = 10  # how long a second submit waits for the first one's answer
PENDING = "pending"


def _form_key(request) -> str | None:
    token = request.POST.get("csrfmiddlewaretoken") or request.META.get("HTTP_X_CSRFTOKEN")
    if not token:
        return None  # not a rendered form (an API client, a test without a page)
    content = sorted(
        (name, value)
        for name, values in request.POST.lists()
        if name != "csrfmiddlewaretoken"
        for value in values
    )
    user = getattr(request, "user", None)
    who = user.pk if user is not None and user.is_authenticated else request.session.session_key
    digest = hashlib.sha256(repr((who, request.path, token, content)).encode()).hexdigest()
    return f"once:{digest}"


def _first_answer(request, key: str):
    """The first submit's redirect, once it is there; None when the first one created
    nothing (it released its claim)."""
    deadline = time.monotonic() + WAIT_SECONDS
    while True:
        answer = cache.get(key)
        if answer != PENDING:
            return answer
        if time.monotonic() > deadline:
            return PENDING
        time.sleep(0.1)


def once_per_submit(view):
    """Decorate a view that creates something on POST (a function view, or a class view's
    `dispatch` through `method_decorator`)."""

    @wraps(view)
    def wrapper(request, *args, **kwargs):
        key = _form_key(request) if request.method == "POST" else None
        if key is None:
            return view(request, *args, **kwargs)
        while not cache.add(key, PENDING, ONCE_SECONDS):
            answer = _first_answer(request, key)
            if answer == PENDING:
                return HttpResponse(
                    _("Je formulier wordt nog verwerkt. Wacht even en kijk dan of het gelukt is."),
                    status=409,
                    content_type="text/plain; charset=utf-8",
                )
            if answer is not None:
                messages.info(request, _("Dit formulier was al verstuurd. Je ziet het resultaat."))
                return redirect(answer)
        try:
            response = view(request, *args, **kwargs)
        except BaseException:
            cache.delete(key)
            raise
        if response.status_code in (301, 302, 303) and response.get("Location"):
            cache.set(key, response["Location"], ONCE_SECONDS)
        else:
            cache.delete(key)
        return response

    return wrapper
