"""API plumbing shared by every app: pagination and the one error format."""

from django.core.exceptions import PermissionDenied
from django.core.exceptions import ValidationError as DjangoValidationError
from django.http import Http404
from django.utils.translation import gettext as _
from rest_framework import exceptions, pagination
from rest_framework.response import Response
from rest_framework.views import exception_handler as drf_exception_handler


class Pagination(pagination.PageNumberPagination):
    page_size = 20
    page_size_query_param = "page_size"
    max_page_size = 100


def _fields_from(detail) -> dict:
    if isinstance(detail, dict):
        return {
            key: [str(m) for m in (value if isinstance(value, list) else [value])]
            for key, value in detail.items()
        }
    return {}


def exception_handler(exc, context):
    """Answer every error as {status, code, message, fields}; service ValidationErrors are 400s."""
    if isinstance(exc, DjangoValidationError):
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
