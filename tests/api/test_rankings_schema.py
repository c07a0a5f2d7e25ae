"""The two rankings answer what the schema says, row and page (fuzzing rarely guesses an id
that gets past the permission layer, so these answers are checked here with real ids)."""

import datetime

import pytest
from django.core.signals import request_finished, request_started
from django.core.wsgi import get_wsgi_application
from django.db import close_old_connections

from marketplace.services import security

pytestmark = pytest.mark.django_db


@pytest.fixture
def app():
    """Requests run inside the test's transaction: keep Django from closing its connection."""
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    yield get_wsgi_application()
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)


def _answer(app, user, path: str, **path_parameters):
    import schemathesis

    schema = schemathesis.openapi.from_wsgi("/api/schema/", app)
    key = security.api_token_create(
        user=user, name="schema", scope="read", lifetime=datetime.timedelta(1)
    ).key
    case = schema[path]["GET"].Case(path_parameters=path_parameters)
    response = case.call(headers={"Authorization": f"Token {key}"})
    case.validate_response(response, headers={"Authorization": f"Token {key}"})
    return response


def test_a_students_ranking_is_a_page_of_places_as_documented(
    app, jobhunter, student_profile, opening
):
    response = _answer(
        app, jobhunter, "/api/v1/students/{student_id}/matches/", student_id=student_profile.pk
    )
    assert response.status_code == 200
    assert [row["opening"]["id"] for row in response.json()["results"]] == [opening.pk]


def test_an_openings_candidates_are_a_page_as_documented(app, jobhunter, student_profile, opening):
    response = _answer(
        app, jobhunter, "/api/v1/openings/{opening_id}/candidates/", opening_id=opening.pk
    )
    assert response.status_code == 200
    assert set(response.json()) == {"count", "page", "next", "previous", "results"}
