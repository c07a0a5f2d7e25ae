"""Notes on a match have a visibility chosen when written: internal to the workspace (the
default) or shared with the student, their parent and the employer. One selector decides what
each audience reads of the timeline (marketplace.selectors.match_timeline)."""

import datetime
import re

import pytest
from django.urls import reverse
from django.utils import timezone

from marketplace.models import Match, MatchStatus, TimelineEntry

pytestmark = pytest.mark.django_db

SECRET = "moeder belt vaak, jongere heeft schulden"
OUTSIDERS = ["student", "parent", "employer_member"]


@pytest.fixture
def match(student_profile, opening, jobhunter):
    return Match.objects.create(
        student=student_profile,
        opening=opening,
        proposed_by=jobhunter,
        status=MatchStatus.VOORGESTELD,
    )


def _note(client, jobhunter, match, **extra):
    client.force_login(jobhunter)
    data = {
        "version": match.version,
        "next_action": "Bellen met de werkgever",
        "next_action_due": (timezone.localdate() + datetime.timedelta(days=3)).isoformat(),
        "note": SECRET,
        **extra,
    }
    return client.post(reverse("werk:match-next", args=[match.pk]), data)


def _match_page(client, user, match) -> str:
    client.force_login(user)
    response = client.get(reverse("match-detail", args=[match.pk]))
    assert response.status_code == 200
    return response.content.decode()


def test_a_note_is_internal_unless_its_writer_shares_it(client, jobhunter, match):
    assert _note(client, jobhunter, match).status_code == 302
    entry = TimelineEntry.objects.get(match=match, kind="note")
    assert entry.note_visibility == TimelineEntry.Visibility.INTERNAL


@pytest.mark.parametrize("who", OUTSIDERS)
def test_an_internal_note_and_next_step_are_not_shown_to_the_student_parent_or_employer(
    request, client, jobhunter, match, who
):
    _note(client, jobhunter, match)
    page = _match_page(client, request.getfixturevalue(who), match)
    assert "schulden" not in page and "Bellen met de werkgever" not in page


@pytest.mark.parametrize("who", OUTSIDERS)
def test_a_shared_note_is_shown_to_the_student_parent_and_employer(
    request, client, jobhunter, match, who
):
    _note(client, jobhunter, match, note_visibility="gedeeld")
    assert SECRET in _match_page(client, request.getfixturevalue(who), match)


def test_the_workspace_reads_an_internal_note_marked_as_internal(client, jobhunter, match):
    _note(client, jobhunter, match)
    page = client.get(reverse("werk:match", args=[match.pk])).content.decode()
    assert SECRET in page and "(Alleen voor begeleiders)" in page


def test_a_step_with_an_internal_reason_shows_the_step_without_the_reason(
    client, jobhunter, match, student
):
    client.force_login(jobhunter)
    response = client.post(
        reverse("werk:match-step", args=[match.pk]),
        {"version": match.version, "to_status": "ingetrokken", "reason": SECRET},
    )
    assert response.status_code == 302
    page = _match_page(client, student, match)
    assert "Ingetrokken" in page and "schulden" not in page


def test_the_note_forms_offer_the_choice_with_internal_checked(
    client, jobhunter, match, student_profile
):
    client.force_login(jobhunter)
    page = client.get(reverse("werk:match", args=[match.pk])).content.decode()
    # the step form and the next-step form
    assert len(re.findall(r'name="note_visibility" value="intern"[^>]*checked', page)) == 2
    assert 'name="note_visibility" value="gedeeld"' in page


def test_a_proposal_note_is_internal_by_default_and_shared_when_chosen(
    client, jobhunter, student_profile, opening, employer
):
    from tests import factories as f

    client.force_login(jobhunter)
    url = reverse("werk:propose", args=[student_profile.pk])
    client.post(url, {"opening": opening.pk, "note": SECRET})
    second = f.OpeningFactory(location=opening.location)
    client.post(url, {"opening": second.pk, "note": "Leuk!", "note_visibility": "gedeeld"})
    visibility = dict(
        TimelineEntry.objects.filter(kind="proposal").values_list("note", "note_visibility")
    )
    assert visibility == {SECRET: "intern", "Leuk!": "gedeeld"}


def test_an_unknown_visibility_is_refused_with_a_message_and_writes_nothing(
    client, jobhunter, match
):
    response = _note(client, jobhunter, match, note_visibility="iedereen")
    assert response.status_code == 400
    assert "Kies wie de notitie mag lezen." in response.content.decode()
    assert not TimelineEntry.objects.filter(match=match).exists()


def test_the_writer_of_a_note_reads_it_back(client, employer_member, match):
    """An employer's own reason for saying no stays on their timeline, not the student's."""
    TimelineEntry.objects.create(
        match=match, actor=employer_member, from_status="voorgesteld", to_status="afgewezen",
        note="Past niet bij ons rooster.",
    )  # fmt: skip
    assert "Past niet bij ons rooster." in _match_page(client, employer_member, match)
    assert "rooster" not in _match_page(client, match.student.user, match)
