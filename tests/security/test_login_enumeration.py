"""No page or endpoint tells whether an e-mail address has an account."""

import re

import pytest
from django.core import mail

from marketplace.models import User
from tests import factories as f

pytestmark = pytest.mark.django_db


def _signup(region, place, sector, **overrides):
    data = {
        "name": "Bakkerij De Korrel",
        "kvk_number": "12345678",
        "sector": sector.pk,
        "region": region.pk,
        "location_name": "Winkel",
        "address": "Grote Markt 1",
        "place": place.pk,
        "first_name": "Petra",
        "last_name": "de Vries",
        "email": "petra@korrel.nl",
        "password": "een-lang-wachtwoord-42",
    }
    return {**data, **overrides}


def _main(response) -> str:
    return re.search(r"<main.*</main>", response.content.decode(), re.S).group(0)


def test_employer_sign_up_answers_the_same_for_a_known_address(client, region, student):
    place, sector = f.PlaceFactory(), f.SectorFactory()
    new = client.post("/werkgever/aanmelden/", _signup(region, place, sector))
    known = client.post(
        "/werkgever/aanmelden/",
        _signup(region, place, sector, email=student.email, kvk_number="87654321"),
    )
    assert new.status_code == known.status_code == 200
    assert _main(new).replace("petra@korrel.nl", student.email) == _main(known)
    assert "al een account" not in known.content.decode()
    assert [m.to for m in mail.outbox] == [["petra@korrel.nl"], [student.email]]
    assert "al een account" in mail.outbox[1].body


def test_a_new_employer_logs_in_through_the_link_in_the_mail(client, region):
    place, sector = f.PlaceFactory(), f.SectorFactory()
    client.post("/werkgever/aanmelden/", _signup(region, place, sector))
    user = User.objects.get(email="petra@korrel.nl")
    assert not user.is_active  # the password alone does not open it yet
    link = re.search(r"https?://\S+/accounts/bevestigen/\S+/", mail.outbox[0].body).group(0)
    path = link.split("://", 1)[1].split("/", 1)[1]
    response = client.get(f"/{path}")
    assert response.status_code == 302 and response["Location"] == "/werkgever/plekken/nieuw/"
    assert client.get("/werkgever/plekken/nieuw/").status_code == 200
    client.logout()
    assert client.get(f"/{path}").url == "/accounts/login/"  # used once


def test_login_says_the_same_for_an_unknown_address(client, student):
    unknown = client.post("/accounts/login/", {"username": "x@example.nl", "password": "fout"})
    known = client.post("/accounts/login/", {"username": student.email, "password": "fout"})
    assert unknown.status_code == known.status_code == 400
    assert "klopt niet" in unknown.content.decode() and "klopt niet" in known.content.decode()


def test_the_token_endpoint_says_the_same_for_an_unknown_address(api_client, student):
    urls = "/api/v1/auth/token/"
    unknown = api_client.post(urls, {"email": "x@example.nl", "password": "fout"}, format="json")
    known = api_client.post(urls, {"email": student.email, "password": "fout"}, format="json")
    assert unknown.status_code == known.status_code == 400
    assert unknown.json() == known.json()


def test_password_reset_says_the_same_for_an_unknown_address(client, student):
    url = "/accounts/wachtwoord-vergeten/"
    unknown = client.post(url, {"email": "x@example.nl"})
    known = client.post(url, {"email": student.email})
    assert unknown.status_code == known.status_code == 302
    assert unknown["Location"] == known["Location"]


def test_employer_sign_up_hashes_the_password_once_for_a_known_and_a_new_address(
    client, region, student, settings
):
    """Timing: an existing address used to skip the (slow) password hash. Count the calls of
    the configured hasher, not the seconds."""
    from django.contrib.auth import hashers

    calls = []
    hasher_path = settings.PASSWORD_HASHERS[0]
    module, name = hasher_path.rsplit(".", 1)
    base = getattr(__import__(module, fromlist=[name]), name)

    class CountingHasher(base):
        def encode(self, password, salt, *args, **kwargs):
            calls.append(password)
            return super().encode(password, salt, *args, **kwargs)

    CountingHasher.__module__ = __name__
    globals()["CountingHasher"] = CountingHasher
    settings.PASSWORD_HASHERS = [f"{__name__}.CountingHasher", *settings.PASSWORD_HASHERS]
    hashers.get_hashers.cache_clear()
    hashers.get_hashers_by_algorithm.cache_clear()
    try:
        place, sector = f.PlaceFactory(), f.SectorFactory()
        typed = "een-lang-wachtwoord-42"
        client.post("/werkgever/aanmelden/", _signup(region, place, sector))
        new_calls = calls.count(typed)
        calls.clear()
        client.post(
            "/werkgever/aanmelden/",
            _signup(region, place, sector, email=student.email, kvk_number="87654321"),
        )
        assert new_calls == calls.count(typed) == 1
    finally:
        hashers.get_hashers.cache_clear()
        hashers.get_hashers_by_algorithm.cache_clear()
