"""Every answer carries a Content-Security-Policy without 'unsafe-inline' and the other headers."""

import re
from pathlib import Path

import pytest

pytestmark = pytest.mark.django_db

TEMPLATES = Path(__file__).resolve().parents[2] / "frontend_templates"


def _assert_security_headers(response):
    csp = response["Content-Security-Policy"]
    assert "default-src 'self'" in csp and "unsafe-inline" not in csp and "unsafe-eval" not in csp
    assert "frame-ancestors 'none'" in csp
    assert response["X-Frame-Options"] == "DENY"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "same-origin"
    assert response["Cross-Origin-Opener-Policy"] == "same-origin"
    assert "geolocation=()" in response["Permissions-Policy"]


@pytest.mark.parametrize("url", ["/accounts/login/", "/werkgever/aanmelden/", "/toolkit/"])
def test_public_pages_send_the_security_headers(client, url):
    _assert_security_headers(client.get(url))


def test_a_logged_in_page_sends_them(client, jobhunter):
    client.force_login(jobhunter)
    _assert_security_headers(client.get("/werk/"))


def test_api_answers_send_them(api_client, student):
    _assert_security_headers(api_client.get("/api/v1/openings/"))
    _assert_security_headers(api_client.get("/api/v1/me/"))


def test_no_template_has_inline_scripts_styles_or_handlers():
    offenders = []
    inline = re.compile(r"<script(?![^>]*\bsrc=)[^>]*>|<style\b|\sstyle=|\son[a-z]+=", re.I)
    for path in TEMPLATES.rglob("*.html"):
        if inline.search(path.read_text()):
            offenders.append(str(path.relative_to(TEMPLATES)))
    assert offenders == []


def test_htmx_is_told_not_to_inject_its_indicator_style(client):
    html = client.get("/accounts/login/").content.decode()
    assert '"includeIndicatorStyles": false' in html
