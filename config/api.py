"""API plumbing shared by every app: pagination, optimistic locking and the one error format.

Every operation answers errors as {"status", "code", "message", "fields"}: validation (400),
authentication (401, with a WWW-Authenticate challenge), permission (403), not found (404, also
for URLs that do not exist under /api/), method (405), conflict (409: a stale version), media type
(415), throttling (429, with Retry-After) and server errors (500). `config.api_schema.ApiSchema`
documents those errors on every operation, so a view documents only its own answers.
"""

from django.core.exceptions import PermissionDenied
from django.core.exceptions import ValidationError as DjangoValidationError
from django.db import DataError
from django.http import Http404, JsonResponse
from django.utils.translation import gettext as _
from rest_framework import exceptions, pagination
from rest_framework.response import Response
from rest_framework.views import exception_handler as drf_exception_handler


class StrictPageSize:
    """`page_size` from 1 to `max_page_size`, once; anything else is a 400 (DRF would quietly
    use the default), and the schema says so."""

    def get_page_size(self, request):
        values = request.query_params.getlist(self.page_size_query_param)
        if not values:
            return self.page_size
        raw = values[-1].strip()
        if len(values) > 1 or not raw.isdigit() or not 1 <= int(raw) <= self.max_page_size:
            message = _("Kies een page_size van 1 tot en met %(max)s.") % {
                "max": self.max_page_size
            }
            raise exceptions.ValidationError({self.page_size_query_param: [message]})
        return int(raw)

    def get_schema_operation_parameters(self, view):
        parameters = super().get_schema_operation_parameters(view)
        for parameter in parameters:
            if parameter["name"] == self.page_size_query_param:
                parameter["schema"].update(minimum=1, maximum=self.max_page_size)
            elif parameter["name"] == getattr(self, "page_query_param", None):
                parameter["schema"].update(minimum=1)
        return parameters


class Pagination(StrictPageSize, pagination.PageNumberPagination):
    page_size = 20
    page_size_query_param = "page_size"
    max_page_size = 100


class CursorPagination(StrictPageSize, pagination.CursorPagination):
    """For long lists that grow while someone pages (caseload, notifications, deliveries).

    A view sets `ordering` on a subclass or its `ordering` attribute when newest-first by id
    does not fit.
    """

    page_size = 20
    page_size_query_param = "page_size"
    max_page_size = 100
    ordering = "-id"


class Conflict(exceptions.APIException):
    """The object changed since the client read it: read it again, then retry."""

    status_code = 409
    default_code = "conflict"
    default_detail = _(
        "Iemand anders heeft dit net aangepast. Haal de nieuwe stand op en probeer het opnieuw."
    )


def expected_version(request, body_version: int | None = None) -> int | None:
    """The version the client last read: the If-Match header ("3" or W/"3") or the body's.

    Services compare it with the stored version and raise a conflict when they differ;
    `etag(version)` is what a response puts in its ETag header.
    """
    header = request.headers.get("If-Match", "").strip()
    if header:
        raw = header.removeprefix("W/").strip('"')
        if not raw.isdigit() or len(raw) > 9:
            raise exceptions.ValidationError(
                {"If-Match": [_("Gebruik de ETag van de laatste GET.")]}
            )
        return int(raw)
    return body_version


def required_version(request, body_version: int | None = None) -> int:
    """expected_version for a write that needs one: without it, a 400 on `version`."""
    version = expected_version(request, body_version)
    if version is None:
        raise exceptions.ValidationError(
            {
                "version": [
                    _(
                        "Geef de versie mee die je het laatst hebt gelezen: het veld version "
                        "of de If-Match-header."
                    )
                ]
            }
        )
    return version


def etag(version: int) -> str:
    return f'W/"{version}"'


def _fields_from(detail) -> dict:
    if isinstance(detail, dict):
        return {
            key: [str(m) for m in (value if isinstance(value, list) else [value])]
            for key, value in detail.items()
        }
    return {}


# PostgreSQL's integer columns end here; an id beyond it names no object.
INT_MAX = 2**31 - 1


def _from_data_error(context) -> exceptions.APIException:
    """The database refused a value the client chose (an id beyond the integer range, say): a
    number in the address names nothing (404), anything else is invalid input (400)."""
    arguments = (context or {}).get("kwargs") or {}
    if any(isinstance(v, int) and not -INT_MAX - 1 <= v <= INT_MAX for v in arguments.values()):
        return exceptions.NotFound(_("Niet gevonden."))
    message = _("Een van de waarden is te groot of past niet. Kijk je invoer na.")
    return exceptions.ValidationError({"non_field_errors": [message]})


def exception_handler(exc, context):
    """Answer every error as {status, code, message, fields}; service ValidationErrors are 400s."""
    if isinstance(exc, DataError | OverflowError):  # OverflowError: SQLite's out of range
        exc = _from_data_error(context)
    elif isinstance(exc, DjangoValidationError) and getattr(exc, "code", None) == "conflict":
        exc = Conflict(exc.messages[0] if exc.messages else None)
    elif isinstance(exc, DjangoValidationError):
        exc = exceptions.ValidationError(
            exc.message_dict if hasattr(exc, "error_dict") else {"non_field_errors": exc.messages}
        )
    elif isinstance(exc, Http404):
        exc = exceptions.NotFound(_("Niet gevonden."))
    elif isinstance(exc, PermissionDenied):
        exc = exceptions.PermissionDenied(_("Je hebt geen toegang."))
    response = drf_exception_handler(exc, context)
    if response is None:
        return None
    if isinstance(exc, exceptions.ValidationError):
        fields = _fields_from(exc.detail)
        if isinstance(exc.detail, list):
            fields = {"non_field_errors": [str(m) for m in exc.detail]}
        message = _("De invoer klopt niet. Kijk bij de velden wat er mis is.")
        code = "invalid"
    else:
        fields = {}
        message = str(exc.detail) if hasattr(exc, "detail") else str(exc)
        code = getattr(exc, "default_code", "error")
    response.data = {
        "status": response.status_code,
        "code": code,
        "message": message,
        "fields": fields,
    }
    return response


def error_response(status: int, code: str, message: str, fields: dict | None = None) -> Response:
    return Response(
        {"status": status, "code": code, "message": message, "fields": fields or {}}, status=status
    )


def not_found(request, exception=None):
    """Django's 404 for URLs under /api/ that no route matches, in the one error shape."""
    return JsonResponse(
        {"status": 404, "code": "not_found", "message": str(_("Niet gevonden.")), "fields": {}},
        status=404,
    )


def server_error(request):
    return JsonResponse(
        {
            "status": 500,
            "code": "server_error",
            "message": str(_("Er ging iets mis bij ons. Probeer het later opnieuw.")),
            "fields": {},
        },
        status=500,
    )
