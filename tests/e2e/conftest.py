"""Fixtures for journeys in real headless Chromium (Debian's chromium, driven by Playwright)."""

import json
import os
import pathlib
from contextlib import contextmanager

import pytest

os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")  # Playwright's sync API runs a loop

CHROMIUM = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")
AXE_JS = pathlib.Path(__file__).resolve().parents[2] / "node_modules/axe-core/axe.min.js"
ARTIFACTS = pathlib.Path(__file__).resolve().parents[2] / "test-artifacts"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-dev-shm-usage",
]


@pytest.fixture(scope="session")
def browser():
    from playwright.sync_api import sync_playwright

    if not pathlib.Path(CHROMIUM).exists():
        pytest.fail(f"{CHROMIUM} is missing: `make test` installs Debian's chromium.")
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def page(browser, live_server):
    # bypass_csp: the harness injects axe-core into pages that forbid foreign scripts.
    context = browser.new_context(base_url=live_server.url, locale="nl-NL", bypass_csp=True)
    page = context.new_page()
    page.set_default_timeout(15_000)
    yield page
    context.close()


@pytest.fixture
def phone_page(browser, live_server):
    context = browser.new_context(
        base_url=live_server.url,
        locale="nl-NL",
        viewport={"width": 375, "height": 740},
        bypass_csp=True,
    )
    page = context.new_page()
    page.set_default_timeout(15_000)
    yield page
    context.close()


def login(page, email: str, password: str) -> None:
    """Log in through the page; staff then pass the second factor with a fresh recovery code,
    as a person without their phone would."""
    code = _recovery_code_for(email)
    page.goto("/accounts/login/")
    page.get_by_label("E-mailadres").fill(email)
    page.get_by_label("Wachtwoord").fill(password)
    page.get_by_role("button", name="Inloggen").click()
    page.wait_for_load_state("networkidle")
    if code and "/accounts/tweestaps/" in page.url:
        page.get_by_label("Code").fill(code)
        page.get_by_role("button", name="Controleren").click()
        page.wait_for_load_state("networkidle")


def open_menu(page) -> None:
    """On a phone the main menu sits behind its "Menu" button: open it (elsewhere a no-op)."""
    button = page.get_by_role("button", name="Menu")
    if button.is_visible() and button.get_attribute("aria-expanded") == "false":
        button.click()


def menu_link(page, name: str, **kwargs):
    """A link in the main menu, on a phone after opening the menu."""
    open_menu(page)
    return page.get_by_role("navigation", name="Hoofdmenu").get_by_role("link", name=name, **kwargs)


def _recovery_code_for(email: str) -> str | None:
    """For staff: a linked app and one new recovery code (None for everyone else)."""
    from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
    from django_otp.plugins.otp_totp.models import TOTPDevice

    from marketplace.models import User
    from marketplace.permissions import second_factor_required

    user = User.objects.filter(email=email.lower()).first()
    if user is None or not second_factor_required(user):
        return None
    if not TOTPDevice.objects.filter(user=user, confirmed=True).exists():
        TOTPDevice.objects.create(user=user, name="app", confirmed=True)
    device, _created = StaticDevice.objects.get_or_create(user=user, name="e2e", confirmed=True)
    token = StaticToken.random_token()
    StaticToken.objects.create(device=device, token=token)
    return token


def axe_violations(page, name: str = "page") -> list[dict]:
    """Run axe-core in the page at WCAG 2.1 A and AA; return the violations (and save them)."""
    if not AXE_JS.exists():
        pytest.fail("axe-core is missing: `make test` installs the npm assets.")
    # Evaluated through the browser's DevTools, which the page's CSP does not govern (a script
    # tag would be refused on a context without bypass_csp).
    if not page.evaluate("typeof window.axe !== 'undefined'"):
        page.evaluate(AXE_JS.read_text() + "\n;undefined")
    result = page.evaluate(
        """async () => await axe.run(document, {
            runOnly: {type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']}
        })"""
    )
    violations = [
        {
            "id": v["id"],
            "impact": v["impact"],
            "help": v["help"],
            "nodes": [n["target"] for n in v["nodes"]][:5],
        }
        for v in result["violations"]
    ]
    ARTIFACTS.mkdir(exist_ok=True)
    with (ARTIFACTS / "axe-results.jsonl").open("a") as fh:
        fh.write(json.dumps({"page": name, "url": page.url, "violations": violations}) + "\n")
    return violations


def assert_accessible(page, name: str = "page") -> None:
    violations = axe_violations(page, name)
    assert violations == [], f"axe violations on {name} ({page.url}): {violations}"


@contextmanager
def phone_as(browser, live_server, user, password: str):
    """A 375 px phone with `user` logged in, closed afterwards."""
    context = browser.new_context(
        base_url=live_server.url,
        locale="nl-NL",
        viewport={"width": 375, "height": 740},
        bypass_csp=True,
    )
    page = context.new_page()
    page.set_default_timeout(15_000)
    login(page, user.email, password)
    try:
        yield page
    finally:
        context.close()
