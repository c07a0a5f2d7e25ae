"""API keys expire, can be revoked, end with the password, and a read key changes nothing."""

import datetime

import pytest
from django.utils import timezone

from marketplace.models import ApiToken
from marketplace.services import security
from tests import factories as f

pytestmark = pytest.mark.django_db
REFUSED = (401,)  # with a `WWW-Authenticate: Token` challenge


def _key(user, scope="read", days=30):
    lifetime = datetime.timedelta(days=days)
    return security.api_token_create(user=user, name="HR", scope=scope, lifetime=lifetime).key


def _get_me(api_client, key):
    api_client.credentials(HTTP_AUTHORIZATION=f"Token {key}")
    return api_client.get("/api/v1/me/")


def test_a_key_is_stored_only_as_a_hash(employer_member):
    key = _key(employer_member)
    token = ApiToken.objects.get()
    assert key not in (token.key_hash, token.prefix) and len(token.key_hash) == 64


def test_a_valid_key_works_and_records_its_use(api_client, employer_member):
    response = _get_me(api_client, _key(employer_member))
    assert response.status_code == 200 and response.json()["email"] == employer_member.email
    assert ApiToken.objects.get().last_used_at is not None


def test_an_expired_key_is_refused(api_client, employer_member):
    key = _key(employer_member)
    ApiToken.objects.update(expires_at=timezone.now() - datetime.timedelta(seconds=1))
    response = _get_me(api_client, key)
    assert response.status_code in REFUSED and "verlopen" in response.json()["message"]


def test_a_revoked_key_is_refused(api_client, employer_member):
    key = _key(employer_member)
    security.api_token_revoke(user=employer_member, token=ApiToken.objects.get())
    assert _get_me(api_client, key).status_code in REFUSED


def test_a_key_ends_when_the_password_changes(api_client, employer_member):
    key = _key(employer_member)
    employer_member.set_password("Een-heel-nieuw-wachtwoord-7")
    employer_member.save()
    assert _get_me(api_client, key).status_code in REFUSED


def test_a_password_reset_revokes_every_key(client, employer_member):
    from django.contrib.auth.tokens import default_token_generator
    from django.utils.encoding import force_bytes
    from django.utils.http import urlsafe_base64_encode

    _key(employer_member)
    uid = urlsafe_base64_encode(force_bytes(employer_member.pk))
    token = default_token_generator.make_token(employer_member)
    form = client.get(f"/accounts/wachtwoord/{uid}/{token}/", follow=True)
    new = "Een-heel-nieuw-wachtwoord-7"
    client.post(form.request["PATH_INFO"], {"new_password1": new, "new_password2": new})
    assert ApiToken.objects.get().revoked_at is not None


def test_a_read_key_may_not_change_anything(api_client, student):
    api_client.credentials(HTTP_AUTHORIZATION=f"Token {_key(student)}")
    response = api_client.patch("/api/v1/me/profile/", {"hours_per_week": 20}, format="json")
    assert response.status_code == 403 and "alleen lezen" in response.json()["message"]


def test_a_write_key_may_change_the_own_profile(api_client, student, student_profile):
    api_client.credentials(HTTP_AUTHORIZATION=f"Token {_key(student, scope='write')}")
    response = api_client.patch("/api/v1/me/profile/", {"hours_per_week": 20}, format="json")
    assert response.status_code == 200


def test_a_made_up_key_is_refused(api_client, employer_member):
    assert _get_me(api_client, "bpv_00000000_verzonnen").status_code in REFUSED
    assert _get_me(api_client, "x" * 500).status_code in REFUSED


def test_the_token_endpoint_issues_a_key_for_a_working_day(api_client, student):
    data = {"email": student.email, "password": f.PASSWORD}
    body = api_client.post("/api/v1/auth/token/", data, format="json").json()
    token = ApiToken.objects.get()
    assert token.expires_at - timezone.now() <= datetime.timedelta(hours=8)
    assert _get_me(api_client, body["token"]).status_code == 200


def test_deleting_the_token_ends_it(api_client, student):
    data = {"email": student.email, "password": f.PASSWORD}
    key = api_client.post("/api/v1/auth/token/", data, format="json").json()["token"]
    api_client.credentials(HTTP_AUTHORIZATION=f"Token {key}")
    assert api_client.delete("/api/v1/auth/token/").status_code == 204
    assert _get_me(api_client, key).status_code in REFUSED


def test_logging_out_of_the_site_ends_the_token_endpoints_keys(client, api_client, student):
    data = {"email": student.email, "password": f.PASSWORD}
    key = api_client.post("/api/v1/auth/token/", data, format="json").json()["token"]
    page_key = _key(student)
    client.force_login(student)
    client.post("/accounts/logout/")
    assert _get_me(api_client, key).status_code in REFUSED
    assert _get_me(api_client, page_key).status_code == 200


def test_the_keys_page_shows_a_new_key_exactly_once(client, employer_member):
    client.force_login(employer_member)
    data = {"name": "Ons HR-systeem", "scope": "read", "days": "90"}
    created = client.post("/accounts/api-sleutels/", data).content.decode()
    token = ApiToken.objects.get()
    key = created.split('id="new-key">')[1].split("<")[0]
    assert key.startswith(f"bpv_{token.prefix}_")
    assert key not in client.get("/accounts/api-sleutels/").content.decode()
    assert token.expires_at.date() == (timezone.now() + datetime.timedelta(days=90)).date()


def test_a_key_cannot_live_longer_than_a_year(client, employer_member):
    client.force_login(employer_member)
    data = {"name": "Voor altijd", "scope": "write", "days": "3650"}
    response = client.post("/accounts/api-sleutels/", data)
    assert response.status_code == 400 and not ApiToken.objects.exists()
    assert 'value="Voor altijd"' in response.content.decode()


def test_school_staff_revoke_their_key_on_the_page(client, school_staff, api_client):
    key = _key(school_staff)
    client.force_login(school_staff)
    token = ApiToken.objects.get()
    assert client.post(f"/accounts/api-sleutels/{token.pk}/intrekken/").status_code == 302
    assert _get_me(api_client, key).status_code in REFUSED


def test_someone_elses_key_answers_404(client, employer_member, other_employer_member):
    _key(other_employer_member)
    client.force_login(employer_member)
    token = ApiToken.objects.get()
    assert client.post(f"/accounts/api-sleutels/{token.pk}/intrekken/").status_code == 404
    assert ApiToken.objects.get().revoked_at is None


def test_a_student_has_no_keys_page(client, student):
    client.force_login(student)
    assert client.get("/accounts/api-sleutels/").status_code == 403
