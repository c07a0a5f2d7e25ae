"""Log-in, the home page per role, and the language switch."""

import pytest
from django.core import mail

from tests import factories as f

pytestmark = pytest.mark.django_db


def test_the_home_page_asks_anonymous_visitors_to_log_in(client):
    response = client.get("/")
    assert response.status_code == 302 and response["Location"].startswith("/accounts/login/")


def test_a_wrong_password_keeps_the_email_and_explains_in_dutch(client, student):
    response = client.post(
        "/accounts/login/", {"username": student.email, "password": "fout"}, follow=True
    )
    html = response.content.decode()
    assert "Het e-mailadres of het wachtwoord klopt niet" in html
    assert f'value="{student.email}"' in html


def test_a_jobhunter_sees_their_caseload_on_the_home_page(client, jobhunter, student_profile):
    other = f.StudentProfileFactory()
    client.force_login(jobhunter)
    html = client.get("/").content.decode()
    assert student_profile.user.get_full_name() in html
    assert other.user.get_full_name() not in html


def test_an_employer_sees_no_student_names_on_the_home_page(
    client, employer_member, student_profile
):
    client.force_login(employer_member)
    assert student_profile.user.get_full_name() not in client.get("/").content.decode()


def test_password_reset_sends_an_email_with_a_working_link(client, student):
    response = client.post("/accounts/wachtwoord-vergeten/", {"email": student.email})
    assert response.status_code == 302
    assert len(mail.outbox) == 1 and "/accounts/wachtwoord/" in mail.outbox[0].body


def test_the_language_switch_shows_the_site_in_english(client):
    client.post("/i18n/setlang/", {"language": "en", "next": "/accounts/login/"})
    html = client.get("/accounts/login/").content.decode()
    assert 'lang="en"' in html and "E-mail address" in html and "Log in" in html
