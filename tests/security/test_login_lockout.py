"""Wrong passwords lock the account and the address for a while, on the page and the API."""

import re

import pytest
from axes.models import AccessAttempt

from marketplace.models import Role
from tests import factories as f

pytestmark = pytest.mark.django_db

LOGIN = "/accounts/login/"
TOKEN = "/api/v1/auth/token/"


def _page_login(client, email, password, ip="10.0.0.1"):
    return client.post(LOGIN, {"username": email, "password": password}, REMOTE_ADDR=ip)


def _api_login(api_client, email, password, ip="10.0.0.1"):
    data = {"email": email, "password": password}
    return api_client.post(TOKEN, data, format="json", REMOTE_ADDR=ip)


def test_after_five_wrong_passwords_the_right_one_is_refused_on_the_page(client, student):
    for _ in range(5):
        assert _page_login(client, student.email, "fout").status_code in (400, 429)
    response = _page_login(client, student.email, f.PASSWORD)
    assert response.status_code == 429
    assert "te vaak een verkeerd wachtwoord" in response.content.decode()
    assert "_auth_user_id" not in client.session


def test_thirty_wrong_passwords_then_the_right_one_still_fails(client, student):
    for _ in range(30):
        _page_login(client, student.email, "fout")
    assert _page_login(client, student.email, f.PASSWORD).status_code == 429


def test_four_wrong_passwords_then_the_right_one_works(client, student):
    for _ in range(4):
        _page_login(client, student.email, "fout")
    response = _page_login(client, student.email, f.PASSWORD)
    assert response.status_code == 302
    assert not AccessAttempt.objects.filter(username=student.email).exists()


def test_logging_in_to_ones_own_account_does_not_clear_failures_on_another(
    client, student, other_student
):
    for _round in range(2):
        for _ in range(3):
            _page_login(client, student.email, "fout")
        assert _page_login(client, other_student.email, f.PASSWORD).status_code == 302
        client.logout()
    assert _page_login(client, student.email, f.PASSWORD).status_code == 429


def test_the_token_endpoint_locks_out_with_a_clear_429(api_client, student):
    for _ in range(5):
        _api_login(api_client, student.email, "fout")
    response = _api_login(api_client, student.email, f.PASSWORD)
    assert response.status_code == 429
    body = response.json()
    assert body["code"] == "locked_out" and "te vaak" in body["message"]


def test_failures_on_the_page_count_for_the_token_endpoint_too(client, api_client, student):
    for _ in range(5):
        _page_login(client, student.email, "fout")
    assert _api_login(api_client, student.email, f.PASSWORD).status_code == 429


def test_a_lockout_for_an_unknown_address_looks_the_same(client, student):
    for _ in range(5):
        _page_login(client, "niemand@example.nl", "fout", ip="10.0.0.2")
        _page_login(client, student.email, "fout", ip="10.0.0.3")
    unknown = _page_login(client, "niemand@example.nl", "fout", ip="10.0.0.2")
    known = _page_login(client, student.email, "fout", ip="10.0.0.3")
    assert unknown.status_code == known.status_code == 429
    assert _alert(unknown) == _alert(known) and "te vaak" in _alert(known)


def _alert(response) -> str:
    return re.search(r'role="alert">(.*?)</div>', response.content.decode(), re.S).group(1)


def test_one_address_is_locked_after_many_failures_on_different_accounts(client, student):
    for n in range(100):
        _page_login(client, f"poging{n}@example.nl", "fout", ip="10.9.9.9")
    assert _page_login(client, student.email, f.PASSWORD, ip="10.9.9.9").status_code == 429
    assert _page_login(client, student.email, f.PASSWORD, ip="10.9.9.8").status_code == 302


def test_a_few_typing_errors_on_a_shared_school_network_lock_nobody_else(client, student):
    for n in range(6):
        _page_login(client, f"leerling{n}@example.nl", "fout", ip="10.1.1.1")
    assert _page_login(client, student.email, f.PASSWORD, ip="10.1.1.1").status_code == 302


def test_the_cool_down_ends_the_lockout(client, student, settings):
    for _ in range(5):
        _page_login(client, student.email, "fout")
    long_ago = AccessAttempt.objects.get().attempt_time.replace(year=2020)
    AccessAttempt.objects.update(attempt_time=long_ago)
    assert _page_login(client, student.email, f.PASSWORD).status_code == 302


def test_the_coordinator_sees_and_unlocks_a_locked_account_of_the_region(
    client, coordinator, jobhunter, other_accountmanager
):
    for _ in range(5):
        _page_login(client, jobhunter.email, "fout")
        _page_login(client, other_accountmanager.email, "fout", ip="10.0.0.5")
    client.force_login(coordinator)
    page = client.get("/accounts/beveiliging/inloggen/").content.decode()
    assert jobhunter.email in page and other_accountmanager.email not in page
    response = client.post(f"/accounts/beveiliging/inloggen/{jobhunter.pk}/ontgrendelen/")
    assert response.status_code == 302
    assert not AccessAttempt.objects.filter(username=jobhunter.email).exists()
    foreign = client.post(f"/accounts/beveiliging/inloggen/{other_accountmanager.pk}/ontgrendelen/")
    assert foreign.status_code == 404
    assert AccessAttempt.objects.filter(username=other_accountmanager.email).exists()


def test_only_the_coordinator_may_open_the_unlock_page(client, jobhunter):
    client.force_login(jobhunter)
    assert client.get("/accounts/beveiliging/inloggen/").status_code == 403


def test_an_inactive_account_gets_the_same_message_as_a_wrong_password(client, student):
    student.is_active = False
    student.save(update_fields=["is_active"])
    inactive = _page_login(client, student.email, f.PASSWORD).content.decode()
    assert "klopt niet" in inactive and "niet actief" not in inactive
    assert f.UserFactory(role=Role.STUDENT)  # the persona factory still works


def test_the_address_limit_is_well_above_the_account_limit(settings):
    assert settings.LOGIN_FAILURES_PER_ADDRESS >= 100
    assert settings.LOGIN_FAILURES_PER_ADDRESS >= 10 * settings.AXES_FAILURE_LIMIT


def test_one_pupil_guessing_forty_addresses_locks_nobody_else_at_school(
    client, api_client, student
):
    for n in range(40):
        _page_login(client, f"verzonnen{n}@example.nl", "fout", ip="127.0.0.1")
    assert _page_login(client, student.email, f.PASSWORD, ip="127.0.0.1").status_code == 302
    assert _api_login(api_client, student.email, f.PASSWORD, ip="127.0.0.1").status_code == 200


def test_the_lockout_message_mentions_the_network(client, student):
    for _ in range(6):
        response = _page_login(client, student.email, "fout")
    assert "netwerk" in _alert(response)


def test_the_coordinator_sees_and_unlocks_a_locked_address(client, coordinator, student, settings):
    settings.LOGIN_FAILURES_PER_ADDRESS = 12
    for n in range(12):
        _page_login(client, f"verzonnen{n}@example.nl", "fout", ip="10.7.7.7")
    assert _page_login(client, student.email, f.PASSWORD, ip="10.7.7.7").status_code == 429
    client.force_login(coordinator)
    page = client.get("/accounts/beveiliging/inloggen/").content.decode()
    assert 'name="ip_address" value="10.7.7.7"' in page
    url = "/accounts/beveiliging/inloggen/adres-ontgrendelen/"
    assert client.post(url, {"ip_address": "10.9.9.1"}).status_code == 404  # not locked
    assert client.post(url, {"ip_address": "10.7.7.7"}).status_code == 302
    after = client.get("/accounts/beveiliging/inloggen/").content.decode()
    assert 'name="ip_address" value="10.7.7.7"' not in after
    client.logout()
    assert _page_login(client, student.email, f.PASSWORD, ip="10.7.7.7").status_code == 302


def test_only_a_coordinator_unlocks_an_address(client, jobhunter):
    client.force_login(jobhunter)
    url = "/accounts/beveiliging/inloggen/adres-ontgrendelen/"
    assert client.post(url, {"ip_address": "10.7.7.7"}).status_code == 403
