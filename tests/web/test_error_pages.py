"""Our own error pages: 403 and 404 in the site's layout (Dutch or English), 500 standalone."""

import pytest
from django.conf import settings
from django.template.loader import get_template
from django.urls import reverse
from django.utils import translation

pytestmark = pytest.mark.django_db


@pytest.fixture
def production(settings):
    settings.DEBUG = False
    settings.ALLOWED_HOSTS = ["testserver"]


def _en(text: str) -> str:
    """The English of a msgid, from the compiled catalogue in locale/."""
    with translation.override("en"):
        return translation.gettext(text)


def _english(client):
    client.post(reverse("set_language"), {"language": "en", "next": "/"})
    assert client.cookies[settings.LANGUAGE_COOKIE_NAME].value == "en"


def test_a_missing_page_shows_our_404_in_dutch_and_english(production, client):
    page = client.get("/bestaat-echt-niet/")
    assert page.status_code == 404
    text = page.content.decode()
    assert "Pagina niet gevonden" in text and 'href="/"' in text
    assert "Terug naar de startpagina" in text
    _english(client)
    text = client.get("/bestaat-echt-niet/").content.decode()
    assert _en("Pagina niet gevonden") in text and _en("Terug naar de startpagina") in text
    assert '<html lang="en"' in text


def test_a_forbidden_page_shows_our_403_in_dutch_and_english(production, client, student):
    client.force_login(student)
    page = client.get(reverse("werkgever:dashboard"))
    assert page.status_code == 403
    text = page.content.decode()
    assert "Geen toegang" in text and "Terug naar de startpagina" in text
    assert "403 Forbidden" not in text and 'href="/"' in text
    _english(client)
    text = client.get(reverse("werkgever:dashboard")).content.decode()
    assert _en("Geen toegang") in text and _en("Terug naar de startpagina") in text
    assert '<html lang="en"' in text


def test_a_server_error_shows_our_500_in_both_languages(production):
    page = get_template("500.html").render({})
    assert "Er ging iets mis" in page and "Something went wrong" in page
    assert page.count('href="/"') == 2 and "{%" not in page


def test_djangos_500_handler_renders_our_page_without_a_request_context(production):
    from django.test import RequestFactory
    from django.views.defaults import server_error

    response = server_error(RequestFactory().get("/"))
    assert response.status_code == 500
    assert "Er ging iets mis" in response.content.decode()
