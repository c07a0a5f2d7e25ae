"""An employer on a phone (390×844) in real headless Chromium: from a proposed candidate on the
candidates page to "Wat levert het op?" for that hire: the opening's facts are filled in, the
BBL leerbaan earns praktijkleren, the register is a question; a mistake first (a message, the
input kept), then the employer says the candidate is in the register and the LKV applies.
Nothing scrolls sideways; axe (WCAG 2.1 A/AA) on every page."""

import datetime
import importlib

import pytest
from django.apps import apps

from employers.models import Opening
from marketplace.models import Match, Role
from tests import factories as f
from tests.e2e.conftest import assert_accessible, login

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]
WIDTH = 390


@pytest.fixture
def phone(browser, live_server):
    context = browser.new_context(
        base_url=live_server.url, locale="nl-NL", viewport={"width": WIDTH, "height": 844}
    )
    page = context.new_page()
    page.set_default_timeout(15_000)
    yield page
    context.close()


@pytest.fixture
def hire(region, jobhunter):
    # A transactional test starts from an emptied database: put the real regulations back.
    importlib.import_module("toolkit.migrations.0004_seed_regulations").seed(apps, None)
    importlib.import_module("toolkit.migrations.0005_wml_provider_en_more_years").forward(
        apps, None
    )
    employer = f.EmployerFactory(region=region, name="Noorderhaven Logistiek")
    qualification = f.QualificationFactory(name="Logistiek medewerker", crebo="25462", level=2)
    employer.recognitions.create(qualification=qualification, valid_from="2020-01-01")
    opening = f.OpeningFactory(
        location=f.LocationFactory(employer=employer), kind=Opening.Kind.LEERBAAN,
        leerweg="bbl", title="Leerbaan orderpicker", start_date=datetime.date(2027, 9, 1),
        end_date=datetime.date(2028, 8, 31), hours_per_week=32,
    )  # fmt: skip
    opening.accepted_qualifications.set([qualification])
    student = f.StudentProfileFactory(
        school=f.SchoolFactory(region=region), jobhunter=jobhunter, qualification=qualification,
        leerweg="bbl", education_type="mbo", level=2,
    )  # fmt: skip
    Match.objects.create(student=student, opening=opening, proposed_by=jobhunter)
    boss = f.UserFactory(role=Role.WERKGEVER, employer=employer, employer_role="beheerder")
    return {"boss": boss, "opening": opening}


def _fits_the_phone(page) -> None:
    assert page.evaluate("document.documentElement.scrollWidth") <= WIDTH


def test_employer_checks_what_a_hire_brings_on_a_phone(phone, hire):
    login(phone, hire["boss"].email, f.PASSWORD)
    phone.goto(f"/werkgever/plekken/{hire['opening'].pk}/kandidaten/")
    phone.get_by_role("link", name="Wat levert aannemen op?").first.click()

    phone.get_by_role("heading", name="Wat levert het op?").wait_for()
    assert phone.get_by_label("Startdatum", exact=True).input_value() == "2027-09-01"
    assert phone.get_by_label("Onderwijs van de jongere").input_value() == "mbo"
    applies = phone.locator(".hire-applies")
    applies.filter(has_text="Subsidieregeling praktijkleren").wait_for()
    maybe = phone.locator(".hire-maybe").filter(has_text="Loonkostenvoordeel (LKV)")
    assert "Hangt af van of de jongere in het doelgroepregister staat" in maybe.inner_text()
    _fits_the_phone(phone)
    assert_accessible(phone, "hire-check-employer")

    # A mistake: the end before the start. A message, and what was typed stays.
    phone.get_by_label("Einddatum (mag leeg blijven)").fill("2027-01-01")
    phone.get_by_label("Staat de jongere in het doelgroepregister banenafspraak?").select_option(
        "ja"
    )
    phone.get_by_role("button", name="Bereken").click()
    phone.get_by_text("De einddatum ligt voor de startdatum.").first.wait_for()
    assert (
        phone.get_by_label("Staat de jongere in het doelgroepregister banenafspraak?").input_value()
        == "ja"
    )
    assert phone.locator(".hire-applies").count() == 0
    assert_accessible(phone, "hire-check-error")

    phone.get_by_label("Einddatum (mag leeg blijven)").fill("2028-08-31")
    phone.get_by_role("button", name="Bereken").click()
    lkv = phone.locator(".hire-applies").filter(has_text="Loonkostenvoordeel (LKV)")
    lkv.wait_for()
    assert "doelgroepverklaring" in lkv.inner_text()
    # 2027 and 2028 carry the rule from 2026 forward, marked indicatief (issue 14 review).
    assert "Nog geen bedragen bekend voor 2027" not in lkv.inner_text()
    assert "(indicatief)" in lkv.inner_text()
    _fits_the_phone(phone)
    assert_accessible(phone, "hire-check-result")
