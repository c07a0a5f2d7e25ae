"""Errors and feedback: the error summary lists each error with a link to its field and the page
title starts with "Fout:"; fields that apply to one choice say so for the script that hides them;
the opening form asks for qualifications with checkboxes, not a Ctrl-click list."""

import re

import pytest
from django.urls import reverse

from mediation.forms import CheckInForm, MatchMoveForm, OutcomeForm
from tests import factories as f

pytestmark = pytest.mark.django_db


@pytest.fixture
def employer_member(employer_member):
    """An employer with a location, so the opening form opens."""
    f.LocationFactory(employer=employer_member.employer)
    return employer_member


def test_the_error_summary_links_each_error_to_its_field(client, employer_member):
    client.force_login(employer_member)
    page = client.post(reverse("werkgever:opening-new"), {"title": ""})
    html = page.content.decode()
    assert page.status_code == 400  # a form with errors answers 400
    assert re.search(r"<title>Fout: ", html)
    summary = re.search(r'<div class="error-summary".*?</div>', html, re.S).group(0)
    assert "data-error-summary" in summary and 'tabindex="-1"' in summary
    links = re.findall(r'<a href="#([^"]+)">([^<]+)</a>', summary)
    assert any(target == "id_title" and text.startswith("Titel: ") for target, text in links)
    for target, _text in links:
        assert f'id="{target}"' in html, f"the summary links to #{target}, which is not there"


def test_a_page_without_errors_has_no_summary_and_a_plain_title(client, employer_member):
    client.force_login(employer_member)
    html = client.get(reverse("werkgever:opening-new")).content.decode()
    assert "data-error-summary" not in html
    assert not re.search(r"<title>Fout: ", html)


def test_the_opening_form_asks_for_qualifications_with_checkboxes(client, employer_member):
    client.force_login(employer_member)
    html = client.get(reverse("werkgever:opening-new")).content.decode()
    assert re.search(r'type="checkbox" name="accepted_qualifications"', html)
    assert not [tag for tag in re.findall(r"<select[^>]*>", html) if "multiple" in tag]
    assert "Ctrl" not in html


@pytest.mark.parametrize(
    ("form", "field", "rule"),
    [
        (MatchMoveForm(), "reason", "to_status=afgewezen,ingetrokken"),
        (MatchMoveForm(), "meeting_at", "to_status=kennismaking"),
        (MatchMoveForm(), "start_date", "to_status=geplaatst"),
        (CheckInForm(), "risk_notes", "risk_signal=on"),
        (OutcomeForm(), "reason", "status=uitgevallen"),
    ],
)
def test_fields_that_apply_to_one_choice_carry_their_condition(form, field, rule):
    assert f'data-show-if="{rule}"' in str(form[field])


def test_a_form_sent_without_its_csrf_token_shows_our_page_with_a_way_back(db):
    from django.test import Client

    page = Client(enforce_csrf_checks=True).post(reverse("login"), {"username": "a@b.nl"})
    html = page.content.decode()
    assert page.status_code == 403
    assert "Deze pagina is verlopen" in html and 'href="/"' in html
    assert "CSRF verification failed" not in html
