"""Conventions every API operation gets without doing anything: one error shape for each status,
401 with a challenge, Retry-After on 429, a read-only key that changes nothing, and a schema that
documents the errors."""

import datetime

import pytest
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from rest_framework.throttling import SimpleRateThrottle
from rest_framework.views import APIView

from marketplace.services import security
from tests import factories as f

pytestmark = [pytest.mark.django_db, pytest.mark.urls("tests.api.urls_conventions")]
SHAPE = {"status", "code", "message", "fields"}


def _error(response, status: int, code: str | None = None) -> dict:
    assert response.status_code == status, response.content[:300]
    assert response["Content-Type"].startswith("application/json")
    body = response.json()
    assert set(body) == SHAPE and body["status"] == status and body["message"]
    assert isinstance(body["fields"], dict)
    if code is not None:
        assert body["code"] == code
    return body


def _key(user, scope: str) -> str:
    lifetime = datetime.timedelta(days=1)
    return security.api_token_create(user=user, name="Test", scope=scope, lifetime=lifetime).key


def test_a_malformed_body_is_a_400(api_client, student, student_profile):
    api_client.force_authenticate(student)
    response = api_client.generic(
        "PATCH", "/api/v1/me/profile/", '{"hours_per_week": ', content_type="application/json"
    )
    _error(response, 400, "parse_error")


def test_no_credentials_is_a_401_with_a_token_challenge(api_client):
    response = api_client.get("/api/v1/me/")
    _error(response, 401, "not_authenticated")
    assert response["WWW-Authenticate"] == "Token"


def test_a_key_that_does_not_exist_is_a_401(api_client):
    api_client.credentials(HTTP_AUTHORIZATION="Token bpv_00000000_verzonnen")
    _error(api_client.get("/api/v1/me/"), 401, "authentication_failed")


def test_a_logged_in_user_without_the_role_gets_403(api_client, student):
    api_client.force_authenticate(student)
    _error(api_client.get("/api/test/staff/"), 403, "permission_denied")


def test_a_session_without_a_key_is_still_a_logged_in_user(client, student):
    client.force_login(student)
    assert client.get("/api/v1/me/").status_code == 200
    _error(client.get("/api/test/staff/"), 403, "permission_denied")


def test_an_address_that_does_not_exist_is_a_404(api_client):
    _error(api_client.get("/api/v1/bestaat-niet/"), 404, "not_found")


def test_an_id_beyond_the_databases_range_is_a_404_not_a_500(api_client):
    _error(api_client.get(f"/api/test/out-of-range/{2**40}/"), 404, "not_found")


def test_a_method_the_operation_does_not_have_is_a_405_with_allow(api_client, student):
    api_client.force_authenticate(student)
    response = api_client.delete("/api/v1/me/")
    _error(response, 405, "method_not_allowed")
    assert "GET" in response["Allow"]


def test_a_stale_version_is_a_409_and_the_current_one_passes(api_client):
    url = "/api/test/versioned/"
    _error(api_client.post(url, {}, format="json", HTTP_IF_MATCH='W/"2"'), 409, "conflict")
    assert api_client.post(url, {}, format="json", HTTP_IF_MATCH='W/"3"').status_code == 200
    assert api_client.post(url, {"version": 3}, format="json").status_code == 200


def test_an_if_match_that_is_not_a_version_is_a_400(api_client):
    response = api_client.post("/api/test/versioned/", {}, format="json", HTTP_IF_MATCH="*")
    assert "If-Match" in _error(response, 400, "invalid")["fields"]


def test_a_body_in_a_media_type_the_api_does_not_read_is_a_415(api_client, student):
    api_client.force_authenticate(student)
    response = api_client.generic(
        "PATCH", "/api/v1/me/profile/", "hours_per_week=20", content_type="text/plain"
    )
    _error(response, 415, "unsupported_media_type")


def test_too_many_requests_is_a_429_that_says_when_to_retry(api_client, monkeypatch):
    monkeypatch.setattr(SimpleRateThrottle, "THROTTLE_RATES", {"anon": "2/min", "user": "2/min"})
    for _ in range(2):
        assert api_client.get("/api/v1/openings/").status_code == 200
    response = api_client.get("/api/v1/openings/")
    _error(response, 429, "throttled")
    assert 0 < int(response["Retry-After"]) <= 60


# --- a read-only key changes nothing, on every operation ----------------------------------------

UNSAFE = ("post", "put", "patch", "delete")
# Logging in issues a key; it takes no key itself.
OPEN_WRITES = {("api-token", "post")}


def _api_operations():
    """Every (URL name, path, method) of the API's views, with 1 (or "x") for each argument."""

    def walk(patterns, prefix=""):
        for pattern in patterns:
            if isinstance(pattern, URLResolver):
                yield from walk(pattern.url_patterns, prefix + str(pattern.pattern))
            elif isinstance(pattern, URLPattern):
                yield prefix, pattern

    for prefix, pattern in walk(get_resolver("config.urls").url_patterns):
        view = getattr(pattern.callback, "cls", None)
        if not prefix.startswith("api/v1/") or view is None or not issubclass(view, APIView):
            continue
        converters = pattern.pattern.converters
        kwargs = {
            name: 1 if type(c).__name__ == "IntConverter" else "x" for name, c in converters.items()
        }
        url = reverse(pattern.name, urlconf="config.urls", kwargs=kwargs)
        for method in UNSAFE:
            if hasattr(view, method) and (pattern.name, method) not in OPEN_WRITES:
                yield pattern.name, url, method


def test_the_walk_finds_the_apis_writes():
    found = {(name, method) for name, _url, method in _api_operations()}
    assert ("api-my-profile", "patch") in found and len(found) > 5


def test_a_read_only_key_is_refused_on_every_operation_that_changes_something(
    api_client, employer_member
):
    api_client.credentials(HTTP_AUTHORIZATION=f"Token {_key(employer_member, 'read')}")
    refused = []
    for name, url, method in _api_operations():
        response = getattr(api_client, method)(url, {}, format="json")
        body = response.json()
        if response.status_code != 403 or "alleen lezen" not in body.get("message", ""):
            refused.append((name, method, response.status_code))
    assert refused == []


def test_a_write_key_gets_past_the_scope_check(api_client, employer_member):
    api_client.credentials(HTTP_AUTHORIZATION=f"Token {_key(employer_member, 'write')}")
    response = api_client.patch("/api/v1/me/profile/", {"hours_per_week": 20}, format="json")
    assert response.status_code == 404  # an employer has no student profile: past the key


# --- the schema documents the errors ------------------------------------------------------------


@pytest.fixture(scope="module")
def schema(django_db_setup, django_db_blocker):
    from drf_spectacular.generators import SchemaGenerator

    with django_db_blocker.unblock():
        return SchemaGenerator(urlconf="config.urls").get_schema(request=None, public=True)


def _operation(schema, path: str, method: str) -> dict:
    return schema["paths"][path][method]


def test_every_operation_documents_401_403_and_429_with_the_error_shape(schema):
    assert set(schema["components"]["schemas"]["Error"]["required"]) == SHAPE
    for path, operations in schema["paths"].items():
        for method, operation in operations.items():
            missing = {"401", "403", "429"} - set(operation["responses"])
            assert not missing, (method, path, missing)
    unauthorized = schema["components"]["responses"]["Unauthorized"]
    assert "WWW-Authenticate" in unauthorized["headers"]
    assert "Retry-After" in schema["components"]["responses"]["TooManyRequests"]["headers"]


def test_a_body_brings_400_and_415_and_a_path_id_404(schema):
    patch = _operation(schema, "/api/v1/me/profile/", "patch")["responses"]
    assert {"400", "415"} <= set(patch)
    assert patch["415"] == {"$ref": "#/components/responses/UnsupportedMediaType"}
    assert "404" in _operation(schema, "/api/v1/openings/{id}/", "get")["responses"]


def test_a_public_operation_without_an_id_or_pages_documents_no_404(schema):
    assert "404" not in _operation(schema, "/api/v1/auth/token/", "post")["responses"]
    assert (
        "404" in _operation(schema, "/api/v1/openings/", "get")["responses"]
    )  # a page past the end


def test_an_operation_with_a_version_documents_409(schema):
    versioned = [
        (path, method)
        for path, operations in schema["paths"].items()
        for method, operation in operations.items()
        if any(p["name"] == "If-Match" for p in operation.get("parameters", []))
    ]
    for path, method in versioned:
        assert "409" in _operation(schema, path, method)["responses"], (method, path)


@pytest.mark.parametrize("size", ["0", "101", "abc", "-3", "1.5"])
def test_a_page_size_out_of_range_is_a_400_not_the_default(api_client, size):
    response = api_client.get("/api/v1/openings/", {"page_size": size})
    assert "page_size" in _error(response, 400, "invalid")["fields"]


def test_a_page_size_in_range_is_used(api_client, employer):
    for _ in range(3):
        f.OpeningFactory(location=f.LocationFactory(employer=employer))
    body = api_client.get("/api/v1/openings/", {"page_size": "2"}).json()
    assert len(body["results"]) == 2 and body["next"]


def test_the_schema_states_the_page_size_bounds(schema):
    parameters = _operation(schema, "/api/v1/openings/", "get")["parameters"]
    page_size = next(p for p in parameters if p["name"] == "page_size")
    assert page_size["schema"]["minimum"] == 1 and page_size["schema"]["maximum"] == 100
