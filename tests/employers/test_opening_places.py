"""The opening has one owner: employers.services fills a place, closes the opening when full and
opens it again when a place comes free; the match pipeline and the workspace only ask it."""

import datetime
import pathlib
import re

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from employers.models import Opening
from employers.services import opening_place_release, opening_place_take
from marketplace.models import Match, MatchStatus, Placement, Suggestion
from marketplace.services.matches import match_move
from matching.models import RankingChange
from mediation.services.placements import placement_outcome_set
from tests import factories as f

pytestmark = pytest.mark.django_db
S = MatchStatus
ROOT = pathlib.Path(__file__).resolve().parents[2]


def _opening(employer, **kw) -> Opening:
    return f.OpeningFactory(location=f.LocationFactory(employer=employer), **kw)


@pytest.fixture
def offered(student_profile, employer, jobhunter):
    """A match at "aanbod" on a BPV-plek with one place, at a recognised employer."""
    employer.recognitions.create(
        qualification=student_profile.qualification, valid_from=datetime.date(2020, 1, 1)
    )
    opening = _opening(employer, places=1)
    return Match.objects.create(
        student=student_profile, opening=opening, status=S.AANBOD, proposed_by=jobhunter
    )


def _place(match: Match, actor) -> Match:
    return match_move(
        actor=actor, match=match, to_status=S.GEPLAATST, expected_version=match.version
    )


def test_taking_a_place_leaves_the_opening_open_while_places_are_left(employer):
    opening = opening_place_take(opening=_opening(employer, places=2))
    assert (opening.places_filled, opening.status) == (1, Opening.Status.OPEN)


def test_taking_the_last_place_marks_the_opening_vervuld(employer):
    opening = _opening(employer, places=2, places_filled=1)
    opening_place_take(opening=opening)
    opening.refresh_from_db()
    assert (opening.places_filled, opening.status) == (2, Opening.Status.FILLED)


def test_a_full_opening_refuses_another_place_in_dutch_and_changes_nothing(employer):
    opening = _opening(employer, places=1, places_filled=1, status=Opening.Status.FILLED)
    with pytest.raises(ValidationError) as refused:
        opening_place_take(opening=opening)
    assert refused.value.messages == ["Alle plekken bij deze vacature zijn al bezet."]
    opening.refresh_from_db()
    assert opening.places_filled == 1


def test_a_closed_opening_stays_closed_when_its_last_place_is_taken(employer):
    opening = opening_place_take(opening=_opening(employer, status=Opening.Status.CLOSED))
    assert (opening.places_filled, opening.status) == (1, Opening.Status.CLOSED)


def test_releasing_a_place_of_a_vervulde_opening_opens_it_again(employer):
    opening = _opening(employer, places=1, places_filled=1, status=Opening.Status.FILLED)
    opening_place_release(opening=opening)
    opening.refresh_from_db()
    assert (opening.places_filled, opening.status) == (0, Opening.Status.OPEN)


def test_releasing_a_place_of_an_opening_that_has_ended_keeps_it_closed(employer):
    ended = datetime.date.today() - datetime.timedelta(days=1)
    opening = _opening(
        employer,
        places=1,
        places_filled=1,
        status=Opening.Status.FILLED,
        start_date=ended - datetime.timedelta(days=90),
        end_date=ended,
    )
    opening = opening_place_release(opening=opening)
    assert (opening.places_filled, opening.status) == (0, Opening.Status.FILLED)


def test_releasing_a_paused_opening_keeps_it_paused(employer):
    opening = _opening(employer, places=2, places_filled=1, status=Opening.Status.PAUSED)
    opening = opening_place_release(opening=opening)
    assert (opening.places_filled, opening.status) == (0, Opening.Status.PAUSED)


def test_taking_a_place_refreshes_candidates_and_search_index_after_the_commit(
    employer, student_profile, monkeypatch, django_capture_on_commit_callbacks
):
    opening = _opening(employer, places=1)
    Suggestion.objects.create(
        direction=Suggestion.Direction.FOR_OPENING,
        student=student_profile,
        opening=opening,
        rank=1,
        score=80.0,
        explanation={},
        engine_version="test",
        computed_at=timezone.now(),
    )
    indexed = []

    class RecordingBackend:
        def index_opening(self, opening_id):
            indexed.append(opening_id)

    monkeypatch.setattr("employers.search.get_backend", lambda: RecordingBackend())
    with django_capture_on_commit_callbacks(execute=True):
        opening_place_take(opening=opening)
    assert indexed == [opening.pk]
    assert not Suggestion.objects.filter(opening=opening).exists()  # vervuld: no candidates


@pytest.mark.parametrize("change", [opening_place_take, opening_place_release])
def test_a_change_of_places_is_written_to_the_ranking_change_log_after_the_commit(
    change, employer, django_capture_on_commit_callbacks
):
    opening = _opening(employer, places=2, places_filled=1)
    RankingChange.objects.all().delete()
    with django_capture_on_commit_callbacks(execute=True):
        change(opening=opening)
    logged = RankingChange.objects.values_list("kind", "object_id")
    assert ("opening", opening.pk) in set(logged)


def test_placing_a_match_takes_the_place_through_the_employers_service(offered, jobhunter):
    placed = _place(offered, jobhunter)
    placed.opening.refresh_from_db()
    assert (placed.opening.places_filled, placed.opening.status) == (1, Opening.Status.FILLED)


def test_withdrawing_a_placed_match_stops_the_placement_and_reopens_the_opening(offered, jobhunter):
    placed = _place(offered, jobhunter)
    match_move(
        actor=jobhunter,
        match=placed,
        to_status=S.INGETROKKEN,
        expected_version=placed.version,
        reason="Gaat toch verhuizen",
    )
    placement = Placement.objects.get(match=placed)
    assert (placement.status, placement.outcome_reason) == ("uitgevallen", "Gaat toch verhuizen")
    opening = Opening.objects.get(pk=placed.opening_id)
    assert (opening.places_filled, opening.status) == (0, Opening.Status.OPEN)


def test_a_placement_that_stops_early_gives_its_place_back(offered, jobhunter):
    placed = _place(offered, jobhunter)
    placement = Placement.objects.get(match=placed)
    placement_outcome_set(
        actor=jobhunter,
        placement=placement,
        status=Placement.Status.UITGEVALLEN,
        reason="Het werk paste niet",
        end_date=placement.start_date,
    )
    opening = Opening.objects.get(pk=placed.opening_id)
    assert (opening.places_filled, opening.status) == (0, Opening.Status.OPEN)


def test_a_completed_placement_keeps_its_place(offered, jobhunter):
    placed = _place(offered, jobhunter)
    placement = Placement.objects.get(match=placed)
    placement_outcome_set(
        actor=jobhunter,
        placement=placement,
        status=Placement.Status.AFGEROND,
        reason="",
        end_date=placement.start_date + datetime.timedelta(weeks=20),
    )
    opening = Opening.objects.get(pk=placed.opening_id)
    assert (opening.places_filled, opening.status) == (1, Opening.Status.FILLED)


DIRECT_WRITE = re.compile(r"Opening\.objects\.[^\n]*\.update\(|places_filled\s*=\s*F\(")


def test_no_code_outside_employers_writes_an_openings_places_or_status():
    sources = [
        p
        for folder in ("marketplace", "mediation", "demo", "events", "toolkit")
        for p in (ROOT / folder).rglob("*.py")
        if "migrations" not in p.parts
    ]
    assert len(sources) > 20  # the folders were found
    offenders = [str(p.relative_to(ROOT)) for p in sources if DIRECT_WRITE.search(p.read_text())]
    assert offenders == []


@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("attempt", range(3))
def test_two_placements_at_once_on_the_last_place_exactly_one_takes_it(attempt, employer):
    from tests.werk.test_concurrency import _race

    opening = _opening(employer, places=1)

    def take():
        return opening_place_take(opening=Opening.objects.get(pk=opening.pk))

    results = _race([take, take])
    assert sum(isinstance(r, Opening) for r in results) == 1, results
    assert sum(isinstance(r, ValidationError) for r in results) == 1, results
    opening.refresh_from_db()
    assert (opening.places_filled, opening.status) == (1, Opening.Status.FILLED)
