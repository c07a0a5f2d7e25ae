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
    context = browser.new_context(base_url=live_server.url, locale="nl-NL")
    page = context.new_page()
    page.set_default_timeout(15_000)
    yield page
    context.close()


@pytest.fixture
def phone_page(browser, live_server):
    context = browser.new_context(
        base_url=live_server.url, locale="nl-NL", viewport={"width": 375, "height": 740}
    )
    page = context.new_page()
    page.set_default_timeout(15_000)
    yield page
    context.close()


def login(page, email: str, password: str) -> None:
    page.goto("/accounts/login/")
    page.get_by_label("E-mailadres").fill(email)
    page.get_by_label("Wachtwoord").fill(password)
    page.get_by_role("button", name="Inloggen").click()
    page.wait_for_load_state("networkidle")


def axe_violations(page, name: str = "page") -> list[dict]:
    """Run axe-core in the page at WCAG 2.1 A and AA; return the violations (and save them)."""
    if not AXE_JS.exists():
        pytest.fail("axe-core is missing: `make test` installs the npm assets.")
    page.add_script_tag(path=str(AXE_JS))
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
        base_url=live_server.url, locale="nl-NL", viewport={"width": 375, "height": 740}
    )
    page = context.new_page()
    page.set_default_timeout(15_000)
    login(page, user.email, password)
    try:
        yield page
    finally:
        context.close()
