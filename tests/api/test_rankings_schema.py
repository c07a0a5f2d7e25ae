"""The two rankings answer what the schema says, row and page (fuzzing rarely guesses an id
that gets past the permission layer, so these answers are checked here with real ids)."""

import datetime

import pytest

from marketplace.services import security

pytestmark = pytest.mark.django_db


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
    in_process, jobhunter, student_profile, opening
):
    response = _answer(
        in_process,
        jobhunter,
        "/api/v1/students/{student_id}/matches/",
        student_id=student_profile.pk,
    )
    assert response.status_code == 200
    assert [row["opening"]["id"] for row in response.json()["results"]] == [opening.pk]


def test_an_openings_candidates_are_a_page_as_documented(
    in_process, jobhunter, student_profile, opening
):
    response = _answer(
        in_process, jobhunter, "/api/v1/openings/{opening_id}/candidates/", opening_id=opening.pk
    )
    assert response.status_code == 200
    assert set(response.json()) == {"count", "page", "next", "previous", "results"}
