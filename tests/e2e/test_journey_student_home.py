"""A student logs in on a phone and sees the places that fit, with reasons; pages pass axe."""

import pytest

from tests import factories as f
from tests.e2e.conftest import assert_accessible, login

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def fitting_place(student_profile):
    opening = f.OpeningFactory(
        title="Orderpicker magazijn",
        location=f.LocationFactory(
            employer=f.EmployerFactory(region=student_profile.school.region)
        ),
    )
    opening.employer.recognitions.create(
        qualification=student_profile.qualification, valid_from="2020-01-01"
    )
    return opening


def test_a_student_logs_in_and_sees_a_fitting_place_with_reasons(
    phone_page, student, fitting_place
):
    phone_page.goto("/")
    assert_accessible(phone_page, "login")
    login(phone_page, student.email, f.PASSWORD)
    phone_page.get_by_role("heading", name="Orderpicker magazijn").wait_for()
    phone_page.get_by_text("Waarom past dit?").click()
    assert phone_page.get_by_text("Het past bij de opleiding.").is_visible()
    assert_accessible(phone_page, "home-student")


def test_a_wrong_password_shows_a_dutch_message_and_keeps_the_email(page, student):
    page.goto("/accounts/login/")
    page.get_by_label("E-mailadres").fill(student.email)
    page.get_by_label("Wachtwoord").fill("niet-goed")
    page.get_by_role("button", name="Inloggen").click()
    assert page.get_by_role("alert").inner_text().startswith("Het e-mailadres of het wachtwoord")
    assert page.get_by_label("E-mailadres").input_value() == student.email
    assert_accessible(page, "login-error")
