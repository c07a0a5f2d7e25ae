"""A logged-in person changes their password: the old one first, this session goes on, API keys
and other sessions end, and a mail tells the owner (ASVS 2.1.5)."""

import pytest
from django.core import mail
from django.test import Client

from marketplace.services import security
from tests import factories as f

pytestmark = pytest.mark.django_db

URL = "/accounts/wachtwoord-wijzigen/"
NEW = "een-nieuw-lang-wachtwoord-77"


def _change(client, old=f.PASSWORD, new=NEW, again=NEW):
    data = {"old_password": old, "new_password1": new, "new_password2": again}
    return client.post(URL, data)


def test_the_page_is_in_the_menu_and_in_dutch(client, student):
    client.force_login(student)
    assert URL in client.get("/", follow=True).content.decode()
    page = client.get(URL)
    assert page.status_code == 200 and "Wachtwoord wijzigen" in page.content.decode()


def test_anonymous_people_are_sent_to_log_in(client):
    response = client.get(URL)
    assert response.status_code == 302 and response["Location"].startswith("/accounts/login/")


def test_a_wrong_old_password_is_refused_and_nothing_changes(client, student):
    client.force_login(student)
    response = _change(client, old="fout")
    assert response.status_code == 400
    student.refresh_from_db()
    assert student.check_password(f.PASSWORD)
    assert not mail.outbox


def test_changing_keeps_this_session_ends_others_and_api_keys_and_mails(client, student):
    other = Client()
    other.force_login(student)
    issued = security.api_login_token_create(user=student)
    client.force_login(student)
    response = _change(client)
    assert response.status_code == 302
    student.refresh_from_db()
    assert student.check_password(NEW)
    assert client.get(URL).status_code == 200  # still logged in here
    assert other.get(URL).status_code == 302  # the other session ended
    with pytest.raises(security.TokenRefused):
        security.api_token_check(key=issued.key)
    assert len(mail.outbox) == 1 and student.email in mail.outbox[0].to
    assert "wachtwoord" in mail.outbox[0].subject.lower()


def test_staff_change_their_password_only_after_the_second_factor(client, jobhunter):
    client.post("/accounts/login/", {"username": jobhunter.email, "password": f.PASSWORD})
    response = client.get(URL)
    assert response.status_code == 302 and "/accounts/tweestaps/" in response["Location"]
