"""The coordinator's fairness report in real headless Chromium, on a phone and on a desktop: the
report with its warning, a period the wrong way round (a message, the dates kept), the right
period again, and the CSV download without a student's name. Axe (WCAG 2.1 A/AA) on each view."""

import datetime
import pathlib

import pytest

from tests import factories as f
from tests.backoffice.test_fairness import END, START, build_region
from tests.e2e.conftest import assert_accessible, login

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

VIEWPORTS = {"telefoon": {"width": 390, "height": 844}, "desktop": {"width": 1280, "height": 900}}


@pytest.fixture
def open_page(browser, live_server):
    contexts = []

    def _open(viewport: dict):
        context = browser.new_context(
            base_url=live_server.url, locale="nl-NL", viewport=viewport, accept_downloads=True
        )
        contexts.append(context)
        page = context.new_page()
        page.set_default_timeout(15_000)
        return page

    yield _open
    for context in contexts:
        context.close()


def _fits_the_screen(page) -> bool:
    return page.evaluate("document.documentElement.scrollWidth <= window.innerWidth + 1")


@pytest.mark.parametrize("name", list(VIEWPORTS))
def test_the_coordinator_reads_the_fairness_report_and_downloads_it(open_page, name):
    side = build_region("Groningen", 987_001)
    page = open_page(VIEWPORTS[name])
    login(page, side.coordinator.email, f.PASSWORD)
    page.goto(f"/beheer/eerlijkheid/?van={START.isoformat()}&tot={END.isoformat()}")
    page.get_by_role("heading", name="Eerlijkheid van de matching").wait_for()
    page.get_by_text("Let op:").wait_for()
    assert page.get_by_role("row", name="Praktijkonderwijs (PrO)").get_by_text("onder 0,8").count()
    assert _fits_the_screen(page)
    assert_accessible(page, f"eerlijkheid-{name}")

    later = END + datetime.timedelta(days=10)
    page.get_by_label("Van").fill(later.isoformat())
    page.get_by_role("button", name="Toon").click()
    page.get_by_text("De einddatum ligt voor de begindatum.").first.wait_for()
    assert page.get_by_label("Van").input_value() == later.isoformat()
    assert page.get_by_role("table").count() == 0
    assert_accessible(page, f"eerlijkheid-fout-{name}")

    page.get_by_label("Van").fill(START.isoformat())
    page.get_by_role("button", name="Toon").click()
    page.get_by_role("heading", name="Regio Groningen").wait_for()
    with page.expect_download() as info:
        page.get_by_role("link", name="Download als CSV").click()
    text = pathlib.Path(info.value.path()).read_text(encoding="utf-8-sig")
    assert "Praktijkonderwijs (PrO);5;2;40,0;0,66;ja" in text
    assert "Geheim" not in text and "LLN-" not in text
