"""The coordinator's monitoring journey in real headless Chromium, on a phone and on a desktop:
open the dashboard from the menu, filter on MBO 2 over the last year, read the funnel in its
table, download the same numbers as CSV. Axe (WCAG 2.1 A/AA) on each state of the page."""

import pytest

from tests import factories as f
from tests.backoffice.test_monitoring import PERIOD, Region, build, build_noise
from tests.e2e.conftest import assert_accessible, login, menu_link

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

VIEWPORTS = {"telefoon": {"width": 390, "height": 844}, "desktop": {"width": 1280, "height": 900}}


@pytest.fixture
def region_with_history(region, other_region):
    employer = f.EmployerFactory(region=region)
    world = Region(
        region=region,
        school_a=f.SchoolFactory(region=region, name="Noorderpoort"),
        school_b=f.SchoolFactory(region=region, name="Alfa-college"),
        other_school=f.SchoolFactory(region=other_region, name="Drenthe College"),
        location=f.LocationFactory(employer=employer),
    )
    build(world)
    build_noise(world)
    return world


def _cell(page, table: str, row: str) -> str:
    """The first number in a table row (the table named by its caption)."""
    rows = page.locator("table", has=page.locator("caption", has_text=table)).locator("tr")
    return rows.filter(has=page.locator("th", has_text=row)).first.locator("td").first.inner_text()


@pytest.mark.parametrize("name", list(VIEWPORTS))
def test_the_coordinator_filters_the_dashboard_by_education_type_and_downloads_the_csv(
    browser, live_server, name, coordinator, region_with_history
):
    context = browser.new_context(
        base_url=live_server.url, locale="nl-NL", viewport=VIEWPORTS[name], accept_downloads=True
    )
    page = context.new_page()
    page.set_default_timeout(15_000)
    try:
        login(page, coordinator.email, f.PASSWORD)
        page.goto("/evenementen/")
        menu_link(page, "Monitoring").click()
        page.get_by_role("heading", name="Monitoring", level=1).wait_for()
        assert_accessible(page, f"monitoring-{name}")

        page.get_by_label("Van", exact=True).fill(PERIOD["van"])
        page.get_by_label("Tot en met").fill(PERIOD["tot"])
        page.get_by_label("Soort onderwijs", exact=True).select_option(label="MBO 2")
        page.get_by_role("button", name="Toon cijfers").click()
        page.wait_for_load_state("networkidle")
        assert "onderwijs=mbo2" in page.url
        assert _cell(page, "Van zoeken naar een plek", "Zoekend") == "10"
        assert _cell(page, "Van zoeken naar een plek", "Gestart") == "4"
        assert page.get_by_label("Soort onderwijs", exact=True).input_value() == "mbo2"
        assert page.evaluate("document.documentElement.scrollWidth") <= VIEWPORTS[name]["width"]
        assert_accessible(page, f"monitoring-mbo2-{name}")

        with page.expect_download() as download:
            page.get_by_role("link", name="Download als CSV").click()
        text = open(download.value.path(), encoding="utf-8-sig").read()  # noqa: PTH123
        assert "Zoekend;10;10;100.0" in text and "Gestart;4;10;40.0" in text
        assert download.value.suggested_filename.endswith(".csv")
    finally:
        context.close()
