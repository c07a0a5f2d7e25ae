"""The OpenAPI schema's conventions: every operation documents the errors it can answer.

Its own module: drf-spectacular imports DRF's generic views, which read the pagination class
from `config.api` while they load.
"""

from drf_spectacular.openapi import AutoSchema
from drf_spectacular.plumbing import ResolvedComponent, force_instance
from drf_spectacular.utils import OpenApiParameter
from rest_framework.permissions import SAFE_METHODS

from config.api import Conflict

# Optimistic locking on a write: the version last read, as a header (or `version` in the body).
IF_MATCH = OpenApiParameter(
    "If-Match",
    str,
    OpenApiParameter.HEADER,
    required=False,
    description='De ETag van de laatste GET, bijvoorbeeld W/"3"; of stuur `version` in de body.',
)

ERROR_SCHEMA = {
    "type": "object",
    "description": "Every error of the API has this shape.",
    "properties": {
        "status": {"type": "integer", "minimum": 400, "maximum": 599},
        "code": {"type": "string", "description": "A stable code to act on, e.g. `not_found`."},
        "message": {"type": "string", "description": "What went wrong, in Dutch, for a person."},
        "fields": {
            "type": "object",
            "description": "Per input field (or `non_field_errors`), what is wrong with it.",
            "additionalProperties": {"type": "array", "items": {"type": "string"}},
        },
    },
    "required": ["status", "code", "message", "fields"],
    "additionalProperties": False,
}


def _example(status: int, code: str, message: str, fields: dict | None = None) -> dict:
    return {"status": status, "code": code, "message": message, "fields": fields or {}}


# status → (component name, description, example, response headers)
ERRORS = {
    400: (
        "BadRequest",
        "The input is not valid: `fields` says per field what is wrong. Nothing was changed.",
        _example(
            400,
            "invalid",
            "De invoer klopt niet. Kijk bij de velden wat er mis is.",
            {"travel_radius_km": ["Dit getal is te groot: het mag hoogstens 200 zijn."]},
        ),
        {},
    ),
    401: (
        "Unauthorized",
        "No valid credentials: log in, or send `Authorization: Token <key>` with a key that "
        "still works.",
        _example(401, "not_authenticated", "Authenticatiegegevens zijn niet opgegeven."),
        {"WWW-Authenticate": {"schema": {"type": "string"}, "description": "`Token`"}},
    ),
    403: (
        "Forbidden",
        "Not for your role, a read-only key on a change, or a log-in that still needs its "
        "second step.",
        _example(403, "permission_denied", "Je hebt geen toegang."),
        {},
    ),
    404: (
        "NotFound",
        "No such object, or not one you may see (another party's object answers 404, not 403).",
        _example(404, "not_found", "Niet gevonden."),
        {},
    ),
    409: (
        "Conflict",
        "Someone changed the object since you read it: read it again and retry with the new "
        "version (ETag / If-Match or `version`).",
        _example(409, "conflict", str(Conflict.default_detail)),
        {},
    ),
    415: (
        "UnsupportedMediaType",
        "Send the body as `application/json` (or a form encoding the operation lists).",
        _example(415, "unsupported_media_type", 'Ongeldig mediatype "text/plain" in aanvraag.'),
        {},
    ),
    429: (
        "TooManyRequests",
        "Too many requests from this user or address: wait the seconds in `Retry-After`.",
        _example(429, "throttled", "Verzoek is beperkt. Wacht 12 seconden."),
        {
            "Retry-After": {
                "schema": {"type": "integer", "minimum": 0},
                "description": "Seconds to wait before the next request.",
            }
        },
    ),
}


# A page past the last one, or a cursor that is not one of ours, answers 404 (DRF's paginators).
PAGE_PARAMETERS = ("page", "cursor")


class ApiSchema(AutoSchema):
    """drf-spectacular's schema, plus the errors each operation can answer, from what it takes:

    400 for a change (a service may refuse it) or with a body, query or header parameters; 401
    and 403 everywhere (a wrong key, a read-only key on a change, a role without access); 404
    with an object in the path, a page or cursor, or for a signed-in user's operation; 409 with a
    `version` in the body or an If-Match header; 415 with a body; 429 where a throttle applies.
    A view adds others with `api_errors = (409, ...)`; a status it documents itself is kept.
    """

    def get_operation(self, path, path_regex, path_prefix, method, registry):
        operation = super().get_operation(path, path_regex, path_prefix, method, registry)
        if operation is None:
            return None
        responses = operation.setdefault("responses", {})
        for status in sorted(self._error_statuses(operation)):
            responses.setdefault(str(status), self._error_response(status))
        return operation

    def _error_statuses(self, operation: dict) -> set[int]:
        parameters = operation.get("parameters", [])
        where = {parameter.get("in") for parameter in parameters}
        pages = any(p.get("in") == "query" and p.get("name") in PAGE_PARAMETERS for p in parameters)
        has_body = "requestBody" in operation
        public = {} in operation.get("security", [{}])
        statuses = {401, 403} | set(getattr(self.view, "api_errors", ()))
        if has_body or where & {"query", "header"} or self.method not in SAFE_METHODS:
            statuses.add(400)
        if "path" in where or not public or pages:
            statuses.add(404)
        if self._takes_version(operation):
            statuses |= {400, 409}
        if has_body:
            statuses.add(415)
        if self.view.get_throttles():
            statuses.add(429)
        return statuses

    def _takes_version(self, operation: dict) -> bool:
        if any(
            p.get("in") == "header" and p.get("name", "").lower() == "if-match"
            for p in operation.get("parameters", [])
        ):
            return True
        if "requestBody" not in operation or self.method in SAFE_METHODS:
            return False
        serializer = force_instance(self.get_request_serializer())
        return "version" in getattr(serializer, "fields", {})

    def _error_response(self, status: int) -> dict:
        name, description, example, headers = ERRORS[status]
        self.registry.register_on_missing(
            ResolvedComponent(
                name="Error", type=ResolvedComponent.SCHEMA, object="Error", schema=ERROR_SCHEMA
            )
        )
        response = {
            "description": description,
            "content": {
                "application/json": {
                    "schema": {"$ref": "#/components/schemas/Error"},
                    "example": example,
                }
            },
        }
        if headers:
            response["headers"] = headers
        self.registry.register_on_missing(
            ResolvedComponent(
                name=name, type=ResolvedComponent.RESPONSE, object=name, schema=response
            )
        )
        return {"$ref": f"#/components/responses/{name}"}
