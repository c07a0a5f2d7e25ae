"""An employer on a phone (390×844) in real headless Chromium: the dashboard warns that a
recognition ends within 60 days and shows a place paused because another one ended; the
Erkenningen page shows both; a request for renewal with a mistake first (a message, the input
kept), then sent. The region's accountmanager approves it. Axe (WCAG 2.1 A/AA) on every page."""

import datetime

import pytest
from django.utils import timezone

from employers.models import Recognition, RecognitionRequest
from employers.services.recognitions import recognition_expired_pause
from marketplace.models import Role
from tests import factories as f
from tests.e2e.conftest import assert_accessible, login, menu_link, open_menu

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]
DAY = datetime.timedelta(days=1)


@pytest.fixture
def phone(browser, live_server):
    context = browser.new_context(
        base_url=live_server.url, locale="nl-NL", viewport={"width": 390, "height": 844}
    )
    page = context.new_page()
    page.set_default_timeout(15_000)
    yield page
    context.close()


@pytest.fixture
def firm(region):
    today = timezone.localdate()
    employer = f.EmployerFactory(region=region, name="Noorderhaven Logistiek")
    ending = f.QualificationFactory(name="Logistiek medewerker", crebo="25462", level=2)
    lost = f.QualificationFactory(name="Assistent logistiek", crebo="25253", level=1)
    Recognition.objects.create(
        employer=employer, qualification=ending, valid_from="2020-01-01", valid_to=today + 30 * DAY
    )
    Recognition.objects.create(
        employer=employer, qualification=lost, valid_from="2018-01-01", valid_to=today - 3 * DAY
    )
    opening = f.OpeningFactory(
        location=f.LocationFactory(employer=employer), title="Orderpicker", start_date=today
    )
    opening.accepted_qualifications.set([lost])
    recognition_expired_pause()
    boss = f.UserFactory(role=Role.WERKGEVER, employer=employer, employer_role="beheerder")
    return {"boss": boss, "ending": ending, "employer": employer}


def test_employer_sees_the_warning_and_asks_for_renewal_on_a_phone(phone, firm, region):
    accountmanager = f.UserFactory(role=Role.ACCOUNTMANAGER, region=region)
    login(phone, firm["boss"].email, f.PASSWORD)
    phone.get_by_role("heading", name="Noorderhaven Logistiek").wait_for()
    phone.get_by_text("Vraag op tijd verlenging aan.").wait_for()
    phone.get_by_text("Gepauzeerd: je erkenning voor Assistent logistiek is verlopen op").wait_for()
    assert_accessible(phone, "werkgever-dashboard-erkenning")

    phone.get_by_role("link", name="Verlenging aanvragen").click()
    phone.get_by_role("heading", name="Erkenningen", exact=True).wait_for()
    assert phone.get_by_text("verloopt over 30 dagen").is_visible()
    assert phone.get_by_text("Orderpicker (gepauzeerd)").is_visible()
    assert phone.get_by_label("Een nieuwe erkenning of een verlenging").is_checked()
    chosen = phone.get_by_label("Voor welke opleiding (kwalificatie)?")
    assert chosen.input_value() == str(firm["ending"].pk)
    assert_accessible(phone, "werkgever-erkenningen")
    # The width fits: nothing scrolls sideways on a phone.
    assert phone.evaluate("document.documentElement.scrollWidth") <= 390

    # A mistake first: "klopt niet" without saying which recognition or what is wrong.
    phone.get_by_label("Een erkenning klopt niet").check()
    phone.get_by_role("button", name="Verzoek versturen").click()
    phone.get_by_text("Kies de erkenning die niet klopt.").first.wait_for()
    assert phone.get_by_label("Een erkenning klopt niet").is_checked()
    assert not RecognitionRequest.objects.exists()
    assert_accessible(phone, "werkgever-erkenningen-fout")

    phone.get_by_label("Een nieuwe erkenning of een verlenging").check()
    phone.get_by_label("Toelichting").fill("Graag verlengen, we hebben studenten in februari.")
    phone.get_by_role("button", name="Verzoek versturen").click()
    phone.get_by_text("Je verzoek is verstuurd.").wait_for()
    ask = RecognitionRequest.objects.get()
    assert (ask.qualification, ask.status) == (firm["ending"], RecognitionRequest.Status.REQUESTED)
    assert phone.get_by_text("Aangevraagd", exact=True).is_visible()
    open_menu(phone)
    phone.get_by_role("button", name="Uitloggen").click()

    # The region's accountmanager approves it from the queue, after the old one ends.
    login(phone, accountmanager.email, f.PASSWORD)
    menu_link(phone, "Erkenningen").click()
    assert_accessible(phone, "accountmanager-erkenningen")
    phone.get_by_role("link", name="Noorderhaven Logistiek: Logistiek medewerker").click()
    assert_accessible(phone, "accountmanager-verzoek")
    phone.get_by_role("button", name="Goedkeuren").click()
    phone.get_by_text("Goedgekeurd. De erkenning is opgeslagen.").wait_for()
    renewed = Recognition.objects.filter(employer=firm["employer"], qualification=firm["ending"])
    assert renewed.count() == 2


def test_a_long_list_of_qualifications_narrows_as_you_type(phone, firm):
    for i in range(14):
        f.QualificationFactory(name=f"Opleiding {i}", crebo=f"{30000 + i}")
    login(phone, firm["boss"].email, f.PASSWORD)
    phone.goto("/werkgever/erkenningen/")
    picker = phone.get_by_label("Voor welke opleiding (kwalificatie)?")
    before = picker.locator("option").count()
    phone.get_by_label("Zoek een opleiding (naam of crebo)").fill("30007")
    assert picker.locator("option").count() == 2  # "Kies een opleiding" and the one found
    chosen = picker.select_option(label="Opleiding 7 – niveau 2 (crebo 30007)")
    phone.get_by_label("Zoek een opleiding (naam of crebo)").fill("")
    assert picker.locator("option").count() == before
    assert [picker.input_value()] == chosen  # the choice stays when the list comes back
    assert_accessible(phone, "werkgever-erkenningen-zoeken")


def test_a_long_url_or_word_in_free_text_does_not_widen_the_page_on_a_phone(phone, firm, region):
    """A 150-character URL or an endless word in a note wraps (static/css/site.css)."""
    accountmanager = f.UserFactory(role=Role.ACCOUNTMANAGER, region=region)
    long_url = "https://example.org/" + "erkenning-" * 13
    ask = RecognitionRequest.objects.create(
        employer=firm["employer"],
        kind="new",
        qualification=firm["ending"],
        message=f"Zie {long_url} en " + "x" * 400,
        requested_by=firm["boss"],
    )
    width = "document.documentElement.scrollWidth"
    login(phone, firm["boss"].email, f.PASSWORD)
    phone.goto("/werkgever/erkenningen/")
    phone.get_by_text(long_url[:40], exact=False).first.wait_for()
    assert phone.evaluate(width) <= 390
    phone.goto("/werkgever/")
    assert phone.evaluate(width) <= 390  # the recognitions table still fits
    phone.context.clear_cookies()
    login(phone, accountmanager.email, f.PASSWORD)
    phone.goto(f"/werkgever/erkenningen/verzoeken/{ask.pk}/")
    phone.get_by_text(long_url[:40], exact=False).first.wait_for()
    assert phone.evaluate(width) <= 390
