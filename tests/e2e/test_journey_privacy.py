"""The privacy pages on a 390 × 844 phone: nothing scrolls sideways (the yes/no of "Toestemmingen
nu" stays on screen) and every page passes axe."""

import pytest

from marketplace.models import ConsentRecord, GuardianLink, Role
from marketplace.services.audit import access_log_record
from tests import factories as f
from tests.e2e.conftest import assert_accessible, login

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

PHONE = {"width": 390, "height": 844}


@pytest.fixture
def phone(browser, live_server):
    context = browser.new_context(
        base_url=live_server.url, locale="nl-NL", viewport=PHONE, bypass_csp=True
    )
    page = context.new_page()
    page.set_default_timeout(15_000)
    yield page
    context.close()


def _fits(page, path: str, name: str) -> None:
    page.goto(path)
    page.wait_for_load_state("networkidle")
    for summary in page.locator("details summary").all():
        summary.click()  # open every section: the wide rows are inside
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= PHONE["width"], f"{path} is {width}px wide at 390px"
    assert_accessible(page, name)


def _traces(student_profile, reader):
    for kind in ("show_to_employers", "parent_access", "contact_after_diploma"):
        ConsentRecord.objects.create(student=student_profile, kind=kind, given=True)
    access_log_record(user=reader, student=student_profile, action="view", context="api:avg:export")


def test_my_data_and_my_api_keys_fit_a_phone(phone, student_profile, jobhunter):
    _traces(student_profile, jobhunter)
    login(phone, student_profile.user.email, f.PASSWORD)
    _fits(phone, "/mijn-gegevens/", "privacy-mine")
    _fits(phone, "/accounts/api-sleutels/", "api-tokens")


def test_a_parent_sees_the_childs_data_on_a_phone(phone, under_16_profile, jobhunter):
    parent = f.UserFactory(role=Role.OUDER)
    GuardianLink.objects.create(guardian=parent, student=under_16_profile)
    _traces(under_16_profile, jobhunter)
    login(phone, parent.email, f.PASSWORD)
    _fits(phone, f"/mijn-kind/{under_16_profile.pk}/gegevens/", "privacy-child")


def test_the_processing_register_fits_a_phone(phone, coordinator):
    login(phone, coordinator.email, f.PASSWORD)
    _fits(phone, "/privacy/verwerkingsregister/", "privacy-register")
