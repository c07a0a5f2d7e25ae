"""The second language: a student on a phone and a jobhunter switch to English in the header;
the pages, the ranking's reasons and the error messages follow, and pass axe (WCAG 2.1 A/AA)."""

import re

import pytest

from tests import factories as f
from tests.e2e.conftest import assert_accessible, login

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def fitting(student_profile, employer):
    employer.recognitions.create(
        qualification=student_profile.qualification, valid_from="2020-01-01"
    )
    return f.OpeningFactory(
        title="Orderpicker",
        location=f.LocationFactory(employer=employer, place=student_profile.home_place),
    )


def test_a_student_uses_the_site_in_english_on_a_phone(phone_page, student_profile, fitting):
    page = phone_page
    login(page, student_profile.user.email, f.PASSWORD)
    page.get_by_role("button", name="English").click()
    page.get_by_role("heading", name="My matches").wait_for()
    assert page.locator("html").get_attribute("lang") == "en"
    assert_accessible(page, "en-student-my-matches")
    page.get_by_role("link", name="Orderpicker").first.click()
    page.get_by_role("heading", name="Why does this fit?").wait_for()
    assert_accessible(page, "en-student-place")
    page.goto("/mijn-profiel/wanneer/")
    page.get_by_label(re.compile("hours", re.I)).fill("99")
    page.get_by_role("button", name=re.compile("^(Save|Next)")).first.click()
    page.get_by_text(re.compile("too large|too big|at most", re.I)).first.wait_for()
    assert_accessible(page, "en-student-wizard-error")
    page.get_by_role("button", name="Nederlands").click()
    page.get_by_role("heading", name=re.compile("Wanneer")).wait_for()


def test_a_jobhunter_uses_the_workspace_in_english(page, jobhunter, student_profile, fitting):
    login(page, jobhunter.email, f.PASSWORD)
    page.get_by_role("button", name="English").click()
    page.get_by_role("link", name="My young people").first.click()
    page.get_by_role("heading", name="My young people").wait_for()
    assert_accessible(page, "en-werk-caseload")
    page.get_by_role("link", name=student_profile.user.get_full_name()).click()
    page.get_by_role("button", name=re.compile("^Propose")).first.wait_for()
    assert_accessible(page, "en-werk-student")
