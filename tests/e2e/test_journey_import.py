"""The coordinator's import journey in real headless Chromium on a phone: upload a CSV of
students with one bad row, read the problem, upload the fixed file, import it and see the
result. Axe (WCAG 2.1 A/AA) on the list, the refused preview, the checked preview and the result.
"""

import pathlib

import pytest

from marketplace.models import StudentProfile
from matching.models import Competency
from tests import factories as f
from tests.e2e.conftest import assert_accessible, menu_link, phone_as

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

HEADER = "leerlingnummer;voornaam;achternaam;e-mailadres;geboortedatum;onderwijs;niveau;woonplaats;beschikbaar vanaf;vaardigheden;school"  # noqa: E501


def _file(tmp_path: pathlib.Path, name: str, born: str) -> pathlib.Path:
    rows = [
        "100234;Sanne;de Boer;sanne@example.nl;31-01-2009;PrO;;Groningen;01-02-2027;"
        "Samenwerken;22XY",
        f"100235;Daan;Bakker;daan@example.nl;{born};MBO;2;Groningen;01-02-2027;;22XY",
    ]
    path = tmp_path / name
    path.write_text("\n".join([HEADER, *rows]) + "\n", encoding="utf-8")
    return path


def test_the_coordinator_fixes_a_bad_row_and_imports_the_students(
    browser, live_server, coordinator, tmp_path
):
    f.PlaceFactory(name="Groningen")
    f.SchoolFactory(region=coordinator.region, name="Noorderpoort", brin="22XY")
    Competency.objects.create(name="Samenwerken")
    with phone_as(browser, live_server, coordinator, f.PASSWORD) as page:
        page.goto("/")
        menu_link(page, "Inlezen").click()
        page.get_by_role("heading", name="Gegevens inlezen").wait_for()
        assert_accessible(page, "import-lijst")

        page.get_by_label("Leerlingen").check()
        page.get_by_label("Bestand (CSV of Excel .xlsx)").set_input_files(
            str(_file(tmp_path, "leerlingen.csv", "31-02-2009"))
        )
        page.get_by_role("button", name="Bestand controleren").click()
        page.get_by_text("Rij 3, geboortedatum: 31-02-2009 bestaat niet").wait_for()
        assert page.get_by_role("button", name="Inlezen").count() == 0
        assert_accessible(page, "import-probleem")

        page.get_by_role("link", name="← Gegevens inlezen").click()
        page.get_by_label("Leerlingen").check()
        page.get_by_label("Bestand (CSV of Excel .xlsx)").set_input_files(
            str(_file(tmp_path, "leerlingen-verbeterd.csv", "28-02-2009"))
        )
        page.get_by_role("button", name="Bestand controleren").click()
        page.get_by_text("2 nieuw", exact=True).wait_for()
        assert_accessible(page, "import-controle")

        page.get_by_role("button", name="Inlezen").click()
        page.get_by_text("Klaar. 2 nieuw, 0 bijgewerkt, 0 ongewijzigd.").wait_for()
        assert_accessible(page, "import-klaar")
    assert sorted(StudentProfile.objects.values_list("external_id", flat=True)) == [
        "100234",
        "100235",
    ]
