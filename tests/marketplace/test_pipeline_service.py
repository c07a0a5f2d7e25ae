"""The match pipeline service: allowed and forbidden steps, reasons, conflicts, placement."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from marketplace.models import CheckIn, MatchStatus, Placement, TimelineEntry
from marketplace.services.matches import (
    MatchConflict,
    match_employer_interest,
    match_move,
    match_propose,
    match_student_interest,
)

S = MatchStatus
pytestmark = pytest.mark.django_db


@pytest.fixture
def proposed(jobhunter, student_profile, opening):
    return match_propose(proposer=jobhunter, student=student_profile, opening=opening)


def test_a_jobhunter_proposes_and_the_timeline_records_it(proposed, jobhunter):
    entry = TimelineEntry.objects.get(match=proposed)
    assert (entry.actor, entry.to_status) == (jobhunter, S.VOORGESTELD)


def test_another_jobhunter_cannot_propose(other_jobhunter, student_profile, opening):
    with pytest.raises(PermissionDenied):
        match_propose(proposer=other_jobhunter, student=student_profile, opening=opening)


def test_proposing_the_same_pair_twice_gives_a_clear_message(proposed, jobhunter):
    with pytest.raises(ValidationError, match="al aan elkaar gekoppeld"):
        match_propose(proposer=jobhunter, student=proposed.student, opening=proposed.opening)


def test_interest_from_both_sides_makes_it_mutual(proposed, student, employer_member):
    m = match_employer_interest(
        employer_user=employer_member, match=proposed, expected_version=proposed.version
    )
    assert m.status == S.VOORGESTELD and m.employer_response == "ja"
    m = match_student_interest(
        student_user=student, student=proposed.student, opening=proposed.opening
    )
    assert m.status == S.INTERESSE_WERKGEVER


def test_a_double_interest_click_changes_nothing(student, student_profile, opening):
    first = match_student_interest(student_user=student, student=student_profile, opening=opening)
    again = match_student_interest(student_user=student, student=student_profile, opening=opening)
    assert first.pk == again.pk and again.version == first.version


def test_a_forbidden_step_is_refused_with_a_clear_message(proposed, jobhunter):
    with pytest.raises(ValidationError, match="kan een match niet naar"):
        match_move(actor=jobhunter, match=proposed, to_status=S.GEPLAATST, expected_version=1)


def test_declining_needs_a_reason(proposed, student):
    with pytest.raises(ValidationError) as error:
        match_move(actor=student, match=proposed, to_status=S.AFGEWEZEN, expected_version=1)
    assert "reason" in error.value.message_dict
    m = match_move(
        actor=student, match=proposed, to_status=S.AFGEWEZEN, expected_version=1, reason="Te ver"
    )
    assert m.status == S.AFGEWEZEN and m.student_response == "nee"


def test_an_outsider_cannot_move_a_match(proposed, other_employer_member):
    with pytest.raises(PermissionDenied):
        match_move(
            actor=other_employer_member,
            match=proposed,
            to_status=S.INGETROKKEN,
            expected_version=1,
            reason="x",
        )


def test_a_stale_version_is_a_conflict_and_changes_nothing(proposed, student, jobhunter):
    match_move(actor=student, match=proposed, to_status=S.INTERESSE_STUDENT, expected_version=1)
    with pytest.raises(MatchConflict):
        match_move(
            actor=jobhunter,
            match=proposed,
            to_status=S.INGETROKKEN,
            expected_version=1,
            reason="dubbel",
        )
    proposed.refresh_from_db()
    assert proposed.status == S.INTERESSE_STUDENT and proposed.version == 2


def test_placement_takes_a_place_and_plans_three_check_ins(proposed, student, jobhunter):
    import datetime

    m = proposed
    steps = [
        (S.INTERESSE_STUDENT, {}),
        (S.INTERESSE_WERKGEVER, {}),
        (S.KENNISMAKING, {"meeting_at": datetime.datetime(2027, 1, 10, 10, tzinfo=datetime.UTC)}),
        (S.AANBOD, {}),
        (S.GEPLAATST, {}),
    ]
    for status, extra in steps:
        m = match_move(
            actor=jobhunter, match=m, to_status=status, expected_version=m.version, **extra
        )
    placement = Placement.objects.get(match=m)
    assert sorted(CheckIn.objects.filter(placement=placement).values_list("week", flat=True)) == [
        2,
        6,
        12,
    ]
    m.opening.refresh_from_db()
    assert m.opening.places_filled == 1 and m.opening.status == "filled"


def test_the_match_page_shows_the_timeline_to_parties_and_404_to_others(
    client, proposed, student, other_employer_member
):
    client.force_login(student)
    response = client.get(proposed.get_absolute_url())
    page = response.content.decode()
    assert response.status_code == 200 and "Je begeleider denkt dat deze plek bij je past." in page
    client.force_login(other_employer_member)
    assert client.get(proposed.get_absolute_url()).status_code == 404
