"""Refuse an address with a NUL byte in its query before any view reads it.

Forms and serializers already refuse NUL bytes in what they read; query parameters are read
by views and filters directly, and PostgreSQL cannot store or compare text with NUL, so one
such character would otherwise end in a server error deep in a query.
"""

from django.http import HttpResponseBadRequest, JsonResponse
from django.utils.translation import gettext as _


class RefuseNulBytesMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if any("\x00" in value for values in request.GET.lists() for value in values[1]) or any(
            "\x00" in key for key in request.GET
        ):
            message = _(
                "Het adres bevat tekens die we niet kunnen lezen. Ga terug en probeer het opnieuw."
            )
            if request.path.startswith("/api/"):
                return JsonResponse(
                    {"status": 400, "code": "invalid_characters", "message": message, "fields": {}},
                    status=400,
                )
            return HttpResponseBadRequest(message, content_type="text/plain; charset=utf-8")
        return self.get_response(request)
