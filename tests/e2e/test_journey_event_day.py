"""The event day on phones (375 px): a student opens their QR code, staff check her in by name,
after a speed date the student and the employer both say "wil verder praten", and the jobhunter
finds the new match in the inbox. Axe on every page (WCAG 2.1 A/AA)."""

import datetime

import pytest
from django.utils import timezone

from events.models import MatchingEvent, Registration, SpeedDate
from marketplace.models import Match
from tests import factories as f
from tests.e2e.conftest import assert_accessible, menu_link, phone_as

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

DECODE_QR = """async () => {
    const svg = document.querySelector('.qr-ticket svg');
    const xml = new XMLSerializer().serializeToString(svg);
    const image = new Image();
    image.src = 'data:image/svg+xml;charset=utf-8,' + encodeURIComponent(
        xml.replace('<svg', '<svg xmlns="http://www.w3.org/2000/svg"'));
    await image.decode();
    const canvas = document.createElement('canvas');
    canvas.width = image.width; canvas.height = image.height;
    const context = canvas.getContext('2d');
    context.fillStyle = '#fff'; context.fillRect(0, 0, canvas.width, canvas.height);
    context.drawImage(image, 0, 0);
    const pixels = context.getImageData(0, 0, canvas.width, canvas.height);
    const found = jsQR(pixels.data, pixels.width, pixels.height);
    return found && found.data;
}"""


def phone(browser, live_server, user):
    return phone_as(browser, live_server, user, f.PASSWORD)


def test_the_event_day_from_ticket_to_a_match_on_phones(
    browser, live_server, region, student, employer_member, opening, coordinator, jobhunter
):
    start = timezone.now() - datetime.timedelta(minutes=30)
    event = MatchingEvent.objects.create(
        title="Speeddate techniek", kind="speeddate", region=region, place=f.PlaceFactory(),
        starts_at=start, ends_at=start + datetime.timedelta(hours=3),
        schedule_published_at=start - datetime.timedelta(days=1),
    )  # fmt: skip
    mine = Registration.objects.create(event=event, user=student)
    seat = Registration.objects.create(
        event=event, user=employer_member, employer=employer_member.employer
    )

    with phone(browser, live_server, student) as page:
        menu_link(page, "Agenda").click()
        page.get_by_role("link", name="Speeddate techniek").click()
        page.get_by_role("link", name="Mijn toegangsbewijs").click()
        page.get_by_role("heading", name="Mijn toegangsbewijs").wait_for()
        assert_accessible(page, "toegangsbewijs")
        page.add_script_tag(url="/static/vendor/jsQR.js")
        mine.refresh_from_db()
        assert page.evaluate(DECODE_QR) == mine.checkin_code

    with phone(browser, live_server, coordinator) as page:
        page.goto(f"/evenementen/{event.pk}/inchecken/")
        assert_accessible(page, "inchecken")
        page.get_by_label("Naam of bedrijf").fill(student.last_name)
        page.get_by_role("button", name="Zoek", exact=True).click()
        page.get_by_role("button", name=f"Aanwezig: {student.get_full_name()}").click()
        page.get_by_text(f"{student.get_full_name()} is binnen").wait_for()
        assert_accessible(page, "ingecheckt")
        mine.refresh_from_db()
        assert mine.checked_in_at is not None
        # The scanner's way (checkin.js posts the code and shows the answer without a reload).
        page.get_by_label("Of typ de code").fill(mine.checkin_code)
        page.get_by_role("button", name="Inchecken met code").click()
        arrived = timezone.localtime(mine.checked_in_at).strftime("%H:%M")
        page.locator("[data-result]").get_by_text(f"al binnen om {arrived}").wait_for()

    date_start = timezone.now() - datetime.timedelta(minutes=10)
    SpeedDate.objects.create(
        event=event, round=1, table=3, student=mine, employer=seat, opening=opening, score=75,
        starts_at=date_start, ends_at=date_start + datetime.timedelta(minutes=8),
    )  # fmt: skip

    with phone(browser, live_server, student) as page:
        page.goto(f"/evenementen/{event.pk}/toegangsbewijs/")
        page.get_by_role("link", name="Mijn speeddates").click()
        assert_accessible(page, "mijn-speeddates")
        page.get_by_role("button", name="Wil verder praten").click()
        page.get_by_text("Opgeslagen: je wilt verder praten.").wait_for()
        assert_accessible(page, "mijn-speeddates-ja")

    with phone(browser, live_server, employer_member) as page:
        page.goto(f"/evenementen/{event.pk}/")
        page.get_by_role("link", name="Mijn speeddates").click()
        page.get_by_text(student.first_name).first.wait_for()
        page.get_by_role("button", name="Wil verder praten").click()
        page.get_by_text("Er is een match gemaakt").wait_for()
        assert_accessible(page, "werkgever-speeddates")

    match = Match.objects.get()
    assert match.source == Match.Source.EVENT
    with phone(browser, live_server, jobhunter) as page:
        page.goto("/werk/inbox/")
        page.get_by_text("Nieuwe match na Speeddate techniek").first.wait_for()
        assert_accessible(page, "inbox-jobhunter")
