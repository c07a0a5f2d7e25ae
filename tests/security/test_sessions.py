"""Sessions end after inactivity (staff sooner) and, on a shared computer, at browser close."""

import time

import pytest

from marketplace.authentication import LAST_SEEN_SESSION_KEY
from tests import factories as f

pytestmark = pytest.mark.django_db


def _idle(client, hours):
    session = client.session
    session[LAST_SEEN_SESSION_KEY] = int(time.time() - hours * 3600)
    session.save()


def test_sessions_no_longer_last_fourteen_days(settings):
    assert settings.SESSION_COOKIE_AGE <= 24 * 3600


def test_a_staff_session_idle_for_more_than_eight_hours_ends(client, jobhunter):
    client.force_login(jobhunter)
    _idle(client, 8.5)
    response = client.get("/werk/")
    assert response.status_code == 302 and response["Location"].startswith("/accounts/login/")
    assert "_auth_user_id" not in client.session


def test_a_staff_session_idle_for_a_while_goes_on(client, jobhunter):
    client.force_login(jobhunter)
    _idle(client, 7)
    assert client.get("/werk/").status_code == 200


def test_a_student_may_be_idle_longer_than_staff(client, student):
    client.force_login(student)
    _idle(client, 9)
    assert client.get("/mijn-profiel/").status_code == 200
    _idle(client, 25)
    assert client.get("/mijn-profiel/").status_code == 302


def test_the_idle_limit_is_configurable(client, jobhunter, settings):
    settings.STAFF_IDLE_HOURS = 1
    client.force_login(jobhunter)
    _idle(client, 1.5)
    assert client.get("/werk/").status_code == 302


def test_a_shared_computer_log_in_ends_when_the_browser_closes(client, student):
    data = {"username": student.email, "password": f.PASSWORD, "shared_device": "on"}
    response = client.post("/accounts/login/", data)
    assert response.status_code == 302
    cookie = response.cookies["sessionid"]
    assert cookie["expires"] == "" and cookie["max-age"] == ""
    assert client.session.get_expire_at_browser_close()


def test_an_ordinary_log_in_keeps_a_bounded_cookie(client, student, settings):
    response = client.post("/accounts/login/", {"username": student.email, "password": f.PASSWORD})
    assert int(response.cookies["sessionid"]["max-age"]) == settings.SESSION_COOKIE_AGE
