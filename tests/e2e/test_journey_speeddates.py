"""Speed dates on phones (375 px): the organiser lets the engine make the schedule and publishes
it; a student and an employer each find their own dates, the employer without the student's
surname. Axe on every page (WCAG 2.1 A/AA)."""

import datetime

import pytest
from django.utils import timezone

from events.models import MatchingEvent, Registration, SpeedDate
from marketplace.models import Role
from tests import factories as f
from tests.e2e.conftest import assert_accessible, phone_as

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def phone(browser, live_server, user):
    return phone_as(browser, live_server, user, f.PASSWORD)


def _seat(event, region, qualification, name):
    employer = f.EmployerFactory(region=region, name=name)
    employer.recognitions.create(qualification=qualification, valid_from="2020-01-01")
    f.OpeningFactory(location=f.LocationFactory(employer=employer))
    member = f.UserFactory(role=Role.WERKGEVER, employer=employer)
    Registration.objects.create(event=event, user=member, employer=employer)
    return member


def test_the_organiser_schedules_and_each_side_finds_their_own_dates(
    browser, live_server, region, school, coordinator, persona_qualification
):
    start = timezone.now() + datetime.timedelta(days=7)
    event = MatchingEvent.objects.create(
        title="Speeddate logistiek", kind="speeddate", region=region, place=f.PlaceFactory(),
        starts_at=start, ends_at=start + datetime.timedelta(hours=2), rounds=2, tables=2,
        round_minutes=10,
    )  # fmt: skip
    students = []
    for first in ("Ada", "Bo"):
        profile = f.StudentProfileFactory(
            school=school,
            qualification=persona_qualification,
            date_of_birth=datetime.date(2004, 1, 1),
            user__first_name=first,
            user__last_name=f"Visser{first}",
        )
        Registration.objects.create(event=event, user=profile.user)
        students.append(profile.user)
    member = _seat(event, region, persona_qualification, "Magazijn Noord")
    _seat(event, region, persona_qualification, "Koelhuis Zuid")

    with phone(browser, live_server, coordinator) as page:
        page.goto(f"/evenementen/{event.pk}/speeddates/")
        assert_accessible(page, "speeddates-leeg")
        page.get_by_role("button", name="Schema maken").click()
        page.get_by_role("heading", name="Ronde 2", exact=False).first.wait_for()
        assert_accessible(page, "speeddates-concept")
        page.get_by_role("button", name="Publiceren en iedereen een bericht sturen").click()
        page.get_by_text("Gepubliceerd", exact=True).wait_for()
    assert SpeedDate.objects.filter(event=event).count() == 4

    with phone(browser, live_server, students[0]) as page:
        page.goto(f"/evenementen/{event.pk}/speeddates/mijn-schema/")
        assert_accessible(page, "speeddates-mijn-schema")
        body = page.locator("main").inner_text()
        assert "Magazijn Noord" in body and "Koelhuis Zuid" in body
        assert "Bo" not in body.split()  # only her own dates
        pdf = page.request.get(f"/evenementen/{event.pk}/speeddates/mijn-schema.pdf")
        assert pdf.ok and pdf.body().startswith(b"%PDF")

    with phone(browser, live_server, member) as page:
        page.goto(f"/evenementen/{event.pk}/speeddates/mijn-schema/")
        body = page.locator("main").inner_text()
        assert "Ada" in body and "Bo" in body
        assert "VisserAda" not in body and "VisserBo" not in body
        assert_accessible(page, "speeddates-werkgever")
