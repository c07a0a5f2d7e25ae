"""Journey of issue 14 on a phone (390×844), each page checked with axe (WCAG 2.1 A/AA): a
beheerder invites a colleague → the colleague opens the link from the e-mail, chooses a password →
sees the organisation's openings as praktijkopleider; the beheerder sees them in the team."""

import re

import pytest
from django.core import mail

from marketplace.models import Role, User
from tests import factories as f
from tests.e2e.conftest import assert_accessible, login

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]
PHONE = {"width": 390, "height": 844}


def _phone(browser, live_server):
    context = browser.new_context(base_url=live_server.url, locale="nl-NL", viewport=PHONE)
    page = context.new_page()
    page.set_default_timeout(15_000)
    return context, page


def test_a_beheerder_invites_a_colleague_who_joins_on_a_phone(browser, live_server, employer):
    boss = f.UserFactory(
        role=Role.WERKGEVER, employer=employer, employer_role=User.EmployerRole.BEHEERDER
    )
    place = f.OpeningFactory(
        title="Orderpicker magazijn", location=f.LocationFactory(employer=employer)
    )
    mail.outbox.clear()

    context, page = _phone(browser, live_server)
    login(page, boss.email, f.PASSWORD)
    page.get_by_role("link", name="Collega’s").first.click()
    page.get_by_role("heading", name="Collega’s", exact=True).wait_for()
    assert_accessible(page, "werkgever-collegas")
    page.get_by_label("E-mailadres van je collega").fill("noor@bedrijf.nl")
    page.get_by_label("Praktijkopleider: beantwoordt kandidaten").check()
    page.get_by_role("button", name="Uitnodiging sturen").click()
    page.get_by_text("De uitnodiging is verstuurd naar noor@bedrijf.nl").wait_for()
    assert page.get_by_text("noor@bedrijf.nl", exact=True).is_visible()
    assert_accessible(page, "werkgever-collegas-uitgenodigd")
    context.close()

    link = re.search(r"https?://\S+/werkgever/uitnodiging/\S+/", mail.outbox[-1].body).group(0)
    context, page = _phone(browser, live_server)
    page.goto(link[link.index("/werkgever/") :])
    page.get_by_role("heading", name=f"Samenwerken bij {employer.name}").wait_for()
    assert_accessible(page, "uitnodiging-aannemen")
    page.get_by_label("Je voornaam").fill("Noor")
    page.get_by_label("Je achternaam").fill("Bakker")
    page.get_by_label("Kies een wachtwoord").fill("kort")
    page.get_by_role("button", name="Account maken en meedoen").click()
    page.get_by_text("Er klopt nog iets niet").wait_for()
    assert page.get_by_label("Je voornaam").input_value() == "Noor"
    page.get_by_label("Kies een wachtwoord").fill("een-lang-wachtwoord-42")
    page.get_by_role("button", name="Account maken en meedoen").click()
    page.get_by_text(f"Welkom bij {employer.name}!").wait_for()
    assert page.get_by_role("heading", name=place.title).is_visible()
    assert page.get_by_role("link", name="Nieuwe plek online zetten").count() == 0
    assert_accessible(page, "collega-dashboard")
    context.close()

    colleague = User.objects.get(email="noor@bedrijf.nl")
    assert colleague.employer == employer
    assert colleague.employer_role == User.EmployerRole.PRAKTIJKOPLEIDER

    context, page = _phone(browser, live_server)
    login(page, boss.email, f.PASSWORD)
    page.goto("/werkgever/collegas/")
    assert page.get_by_role("heading", name="Noor Bakker").is_visible()
    assert page.get_by_text("Geen open uitnodigingen.").is_visible()
    context.close()
