"""The match board in real headless Chromium: a card dragged to an allowed column moves the
match (htmx posts it with the card's version); a drop the service refuses puts the card back
in its column and says why; a column the match may not go to does not take the card."""

import pytest

from marketplace.models import Match, MatchStatus
from marketplace.services.matches import match_propose
from tests import factories as f
from tests.e2e.conftest import assert_accessible, login

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]
S = MatchStatus


@pytest.fixture
def match(student_profile, employer, jobhunter):
    employer.recognitions.create(
        qualification=student_profile.qualification, valid_from="2020-01-01"
    )
    opening = f.OpeningFactory(
        title="Medewerker bakkerij",
        location=f.LocationFactory(employer=employer, place=student_profile.home_place),
    )
    return match_propose(proposer=jobhunter, student=student_profile, opening=opening)


def _card(page, match):
    return page.locator(f"#card-{match.pk}")


def _column_of(page, match) -> str:
    return _card(page, match).evaluate("card => card.parentElement.dataset.status")


def _drag(page, match, status: str) -> None:
    _card(page, match).drag_to(page.locator(f'.board-cards[data-status="{status}"]'))


def test_a_card_dragged_to_an_allowed_column_moves_the_match(page, match, jobhunter):
    login(page, jobhunter.email, f.PASSWORD)
    page.goto("/werk/bord/")
    assert_accessible(page, "werk-bord-slepen")
    _drag(page, match, S.INTERESSE_STUDENT)
    page.get_by_text("staat nu op").wait_for()
    assert _column_of(page, match) == S.INTERESSE_STUDENT
    match.refresh_from_db()
    assert match.status == S.INTERESSE_STUDENT
    assert _card(page, match).get_attribute("data-version") == str(match.version)


def test_a_refused_drop_puts_the_card_back_and_says_why(page, match, jobhunter):
    Match.objects.filter(pk=match.pk).update(status=S.INTERESSE_WERKGEVER)
    login(page, jobhunter.email, f.PASSWORD)
    page.goto("/werk/bord/")
    _drag(page, match, S.KENNISMAKING)  # needs a date: only the form can take this step
    page.get_by_role("alert").get_by_text("is niet verplaatst").wait_for()
    assert "Kies een datum en tijd voor de kennismaking" in page.get_by_role("alert").inner_text()
    assert _column_of(page, match) == S.INTERESSE_WERKGEVER
    match.refresh_from_db()
    assert match.status == S.INTERESSE_WERKGEVER


def test_a_column_the_match_may_not_go_to_does_not_take_the_card(page, match, jobhunter):
    version = match.version
    login(page, jobhunter.email, f.PASSWORD)
    page.goto("/werk/bord/")
    _drag(page, match, S.AANBOD)
    page.wait_for_timeout(500)
    assert _column_of(page, match) == S.VOORGESTELD
    match.refresh_from_db()
    assert match.status == S.VOORGESTELD and match.version == version
