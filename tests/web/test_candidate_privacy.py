"""Private by construction: what an employer and a mediator learn about a candidate, on the
candidates page and in the candidates API, for a student who shared support needs and one who
did not; random aliases per opening; candidates only for the opening's own region."""

import re
import threading

import pytest
from django.db import IntegrityError, connection, transaction
from django.test.utils import CaptureQueriesContext
from rest_framework.test import APIClient

from marketplace.models import CandidateAlias, Match, Role, StudentProfile
from marketplace.selectors import _distance_band
from marketplace.services import aliases, engine_index
from marketplace.services.ranking import ranked_candidates_for_opening
from matching.models import Competency
from tests import factories as f

pytestmark = pytest.mark.django_db

ALIAS = re.compile(r"Kandidaat [A-Z]{1,4}")
SUPPORT_REASON = "Ze bieden de hulp die nodig is: Jobcoach welkom."
# Distinctive ids, so "the id is not in the payload" cannot pass or fail by accident.
KEEPER_PROFILE_ID, KEEPER_USER_ID = 73915, 48271


@pytest.fixture(autouse=True)
def fresh_index():
    engine_index.clear_index_cache()
    yield
    engine_index.clear_index_cache()


@pytest.fixture
def qualification():
    return f.QualificationFactory()


@pytest.fixture
def heftruck():
    return f.CompetencyFactory(name="Heftruck rijden")


@pytest.fixture
def support_opening(employer, qualification, heftruck):
    """A BPV-plek that welcomes a jobcoach, of an employer recognised for the qualification."""
    employer.recognitions.create(qualification=qualification, valid_from="2020-01-01")
    opening = f.OpeningFactory(
        title="Orderpicker",
        location=f.LocationFactory(employer=employer),
        support_offered=["jobcoach"],
    )
    opening.required_competencies.add(heftruck)
    return opening


def _needs_jobcoach(school, jobhunter, qualification, *, shared: bool, **kw):
    profile = f.StudentProfileFactory(
        school=school,
        jobhunter=jobhunter,
        qualification=qualification,
        support_needs=["jobcoach"],
        support_needs_shared=shared,
        **kw,
    )
    profile.competencies.add(*Competency.objects.filter(name="Heftruck rijden"))
    return profile


@pytest.fixture
def sharer(school, jobhunter, qualification):
    user = f.UserFactory(first_name="Fenna", last_name="Zwanenburg")
    return _needs_jobcoach(school, jobhunter, qualification, shared=True, user=user)


@pytest.fixture
def keeper(school, jobhunter, qualification):
    """Needs a jobcoach too, but chose not to share it."""
    user = f.UserFactory(pk=KEEPER_USER_ID, first_name="Joris", last_name="Wolthuis")
    return _needs_jobcoach(
        school, jobhunter, qualification, shared=False, user=user, pk=KEEPER_PROFILE_ID
    )


def _propose_all(opening) -> None:
    """The employer's side sees only students in a match with the place (the consent text):
    here every student of the test is proposed to it."""
    have = set(Match.objects.filter(opening=opening).values_list("student_id", flat=True))
    new = StudentProfile.objects.exclude(pk__in=have)
    Match.objects.bulk_create([Match(student=student, opening=opening) for student in new])


def _api(user, opening, query: str = ""):
    if user.role == Role.WERKGEVER:
        _propose_all(opening)
    client = APIClient()
    client.force_authenticate(user)
    return client.get(f"/api/v1/openings/{opening.pk}/candidates/{query}")


def _label(opening, student) -> str:
    return "Kandidaat " + CandidateAlias.objects.get(opening=opening, student=student).label


def _result_for(response, label: str) -> dict:
    found = [r for r in response.json()["results"] if r["candidate"]["label"] == label]
    assert len(found) == 1, response.json()
    return found[0]


def _page(client, member, opening, *students) -> str:
    for student in students:
        Match.objects.get_or_create(student=student, opening=opening)
    client.force_login(member)
    return client.get(f"/werkgever/plekken/{opening.pk}/kandidaten/").content.decode()


# --- support needs: only when shared ------------------------------------------------------


def test_the_api_shows_support_items_factor_and_reasons_of_a_student_who_shared(
    employer_member, support_opening, sharer, keeper
):
    response = _api(employer_member, support_opening)
    result = _result_for(response, _label(support_opening, sharer))
    assert {"kind": "support", "name": "Jobcoach welkom", "required": False} in result["matched"]
    assert "support" in {factor["code"] for factor in result["factors"]}
    assert SUPPORT_REASON in result["reasons"]
    assert result["support_shown"] is True


def test_the_api_hides_support_items_factor_and_reasons_of_a_student_who_did_not_share(
    employer_member, support_opening, sharer, keeper
):
    response = _api(employer_member, support_opening)
    result = _result_for(response, _label(support_opening, keeper))
    assert all(item["kind"] != "support" for item in result["matched"] + result["missing"])
    assert "support" not in {factor["code"] for factor in result["factors"]}
    assert {"kind": "competency", "name": "Heftruck rijden", "required": True} in result["matched"]
    assert SUPPORT_REASON not in result["reasons"]
    assert "Jobcoach" not in str(result) and result["support_shown"] is False


def test_the_api_gives_no_points_per_factor_of_a_student_who_did_not_share(
    employer_member, support_opening, sharer, keeper
):
    """With points, the score minus the shown points would be the hidden support factor."""
    result = _result_for(_api(employer_member, support_opening), _label(support_opening, keeper))
    assert result["factors"] and "support" not in {f["code"] for f in result["factors"]}
    assert all(f["contribution"] is None and f["weight"] is None for f in result["factors"])
    assert all(0 <= f["value"] <= 1 for f in result["factors"])


def test_the_api_points_per_factor_of_a_student_who_shared_add_up_to_the_score(
    employer_member, support_opening, sharer, keeper
):
    result = _result_for(_api(employer_member, support_opening), _label(support_opening, sharer))
    # Whole points for the employer (marketplace.selectors: no exact distance can be worked
    # back from them), so the sum is off by at most half a point per factor.
    total = sum(f["contribution"] for f in result["factors"])
    assert total == pytest.approx(result["score"], abs=0.5 * len(result["factors"]) + 0.5)


def test_the_page_shows_shares_not_points_for_a_student_who_did_not_share(
    client, employer_member, support_opening, keeper
):
    html = _page(client, employer_member, support_opening, keeper)
    assert "Vaardigheden die nodig zijn: 100%" in html
    assert "punten" not in html


def test_the_page_shows_points_for_a_student_who_shared(
    client, employer_member, support_opening, sharer
):
    html = _page(client, employer_member, support_opening, sharer)
    assert re.search(r"Vaardigheden die nodig zijn: \d+ punten", html)


def test_the_score_is_the_same_whether_or_not_support_needs_are_shared(
    employer_member, support_opening, sharer, keeper
):
    response = _api(employer_member, support_opening)
    shared = _result_for(response, _label(support_opening, sharer))
    kept = _result_for(response, _label(support_opening, keeper))
    ranked = ranked_candidates_for_opening(viewer=None, opening=support_opening)
    full = {c.student.pk: c.score for c in ranked}
    assert kept["score"] == shared["score"] == round(full[keeper.pk]) > 0


def test_the_page_shows_support_reasons_and_factor_of_a_student_who_shared(
    client, employer_member, support_opening, sharer
):
    html = _page(client, employer_member, support_opening, sharer)
    assert SUPPORT_REASON in html and "Begeleiding:" in html


def test_the_page_hides_support_reasons_and_factor_of_a_student_who_did_not_share(
    client, employer_member, support_opening, keeper
):
    html = _page(client, employer_member, support_opening, keeper)
    assert "Waarom past dit?" in html and "Vaardigheden die nodig zijn:" in html
    assert "Jobcoach" not in html and "Begeleiding:" not in html


def test_the_page_shows_the_same_score_for_both_students(
    client, employer_member, support_opening, sharer, keeper
):
    html = _page(client, employer_member, support_opening, sharer, keeper)
    scores = re.findall(r'aria-label="Score (\d+) van 100"', html)
    assert len(scores) == 2 and scores[0] == scores[1]


# --- who the candidate is: nothing until they share -------------------------------------


def test_an_anonymous_candidate_leaks_no_name_email_or_id_in_the_api(
    employer_member, support_opening, keeper
):
    payload = _api(employer_member, support_opening).content.decode()
    assert ALIAS.search(payload)
    for secret in ("Joris", "Wolthuis", keeper.user.email, str(KEEPER_PROFILE_ID)):
        assert secret not in payload
    assert str(KEEPER_USER_ID) not in payload


def test_an_anonymous_candidate_leaks_no_name_email_or_id_on_the_page(
    client, employer_member, support_opening, keeper
):
    html = _page(client, employer_member, support_opening, keeper)
    assert _label(support_opening, keeper) in html
    for secret in ("Joris", "Wolthuis", keeper.user.email, str(KEEPER_PROFILE_ID)):
        assert secret not in html
    assert str(KEEPER_USER_ID) not in html


def test_the_distance_is_shown_as_a_band_not_in_kilometres(
    employer_member, support_opening, keeper
):
    result = _api(employer_member, support_opening).json()["results"][0]
    assert (result["distance_km_from"], result["distance_km_to"]) == (0, 5)
    assert "distance_km" not in result
    assert "Het is minder dan 5 km van huis." in result["reasons"]


@pytest.mark.parametrize(
    ("km", "band"),
    [(0.4, (0, 5)), (5.0, (5, 10)), (14.9, (10, 15)), (29.9, (20, 30)), (80, (30, None))],
)
def test_distance_bands_are_five_km_wide_up_to_thirty(km, band):
    assert _distance_band(km) == band


# --- aliases: random, stored per opening and student ------------------------------------


def test_the_alias_is_kandidaat_and_letters_and_stays_the_same_for_the_opening(
    employer_member, support_opening, keeper
):
    first = _api(employer_member, support_opening).json()["results"][0]["candidate"]["label"]
    again = _api(employer_member, support_opening).json()["results"][0]["candidate"]["label"]
    assert ALIAS.fullmatch(first) and again == first
    assert CandidateAlias.objects.filter(student=keeper).count() == 1


def test_the_alias_differs_across_openings(employer, qualification, keeper):
    employer.recognitions.create(qualification=qualification, valid_from="2020-01-01")
    openings = [f.OpeningFactory(location=f.LocationFactory(employer=employer)) for _ in range(6)]
    labels = {ranked_candidates_for_opening(viewer=None, opening=o)[0].alias for o in openings}
    assert len(labels) > 1  # six equal draws of 26 letters: about one in 12 million


def test_the_alias_is_drawn_at_random_not_derived_from_the_id(support_opening, keeper):
    labels = set()
    for _attempt in range(8):
        CandidateAlias.objects.all().delete()
        labels.add(aliases.candidate_aliases_for_opening(
            opening_id=support_opening.pk, student_ids=[keeper.pk]
        )[keeper.pk])  # fmt: skip
    assert len(labels) > 1  # the same ids, different labels


def test_aliases_use_one_letter_first_then_two(support_opening, school, jobhunter):
    students = [f.StudentProfileFactory(school=school) for _ in range(28)]
    labels = aliases.candidate_aliases_for_opening(
        opening_id=support_opening.pk, student_ids=[s.pk for s in students]
    )
    lengths = sorted(len(label) for label in labels.values())
    assert lengths == [1] * 26 + [2] * 2 and len(set(labels.values())) == 28


def test_a_label_is_unique_per_opening(support_opening, sharer, keeper):
    CandidateAlias.objects.create(opening=support_opening, student=sharer, label="Q")
    with pytest.raises(IntegrityError), transaction.atomic():
        CandidateAlias.objects.create(opening=support_opening, student=keeper, label="Q")


def test_a_concurrent_draw_for_the_same_student_keeps_the_stored_alias(
    support_opening, keeper, monkeypatch
):
    """Another request stores this student's alias between our read and our write."""
    draw = aliases._draw

    def other_request_wins(used, count):
        if not CandidateAlias.objects.exists():
            CandidateAlias.objects.create(opening=support_opening, student=keeper, label="ZZ")
        return draw(used, count)

    monkeypatch.setattr(aliases, "_draw", other_request_wins)
    got = aliases.candidate_aliases_for_opening(
        opening_id=support_opening.pk, student_ids=[keeper.pk]
    )
    assert got == {keeper.pk: "ZZ"}
    assert CandidateAlias.objects.get().label == "ZZ"


def test_aliases_are_made_in_bulk_without_a_query_per_candidate(
    employer_member, support_opening, school, jobhunter, qualification
):
    def queries_for(n: int) -> int:
        for _ in range(n - StudentProfile.objects.count()):
            _needs_jobcoach(school, jobhunter, qualification, shared=False)
        engine_index.clear_index_cache()
        _api(employer_member, support_opening)  # builds the index once
        CandidateAlias.objects.all().delete()
        with CaptureQueriesContext(connection) as ctx:
            response = _api(employer_member, support_opening, "?page_size=50")
        assert len(response.json()["results"]) == n
        return len(ctx)

    few = queries_for(3)
    assert queries_for(30) == few  # 27 more candidates, not one query more


# --- who may see the candidates of an opening -----------------------------------------


@pytest.mark.parametrize(
    "persona",
    ["other_region_jobhunter", "other_region_jpo", "other_accountmanager", "other_employer"],
)
def test_candidates_of_another_region_or_employer_answer_404(
    persona, support_opening, keeper, other_region, other_employer_member
):
    user = {
        "other_region_jobhunter": lambda: f.UserFactory(role=Role.JOBHUNTER, region=other_region),
        "other_region_jpo": lambda: f.UserFactory(role=Role.JPO, region=other_region),
        "other_accountmanager": lambda: f.UserFactory(
            role=Role.ACCOUNTMANAGER, region=other_region
        ),
        "other_employer": lambda: other_employer_member,
    }[persona]()
    assert _api(user, support_opening).status_code == 404


def test_a_jobhunter_of_the_region_sees_other_caseloads_only_by_alias(
    other_jobhunter, support_opening, keeper
):
    response = _api(other_jobhunter, support_opening)
    assert response.status_code == 200
    candidate = response.json()["results"][0]["candidate"]
    assert candidate["anonymous"] is True and ALIAS.fullmatch(candidate["label"])
    assert "Wolthuis" not in response.content.decode()
    assert "Jobcoach" not in response.content.decode()


def test_the_students_own_jobhunter_sees_name_and_support_needs(jobhunter, support_opening, keeper):
    result = _api(jobhunter, support_opening).json()["results"][0]
    assert result["candidate"]["label"] == "Joris Wolthuis"
    assert result["candidate"]["student_id"] == KEEPER_PROFILE_ID
    assert SUPPORT_REASON in result["reasons"]


def test_school_staff_of_the_region_may_list_candidates(school_staff, support_opening, keeper):
    response = _api(school_staff, support_opening)
    assert response.status_code == 200
    assert response.json()["results"][0]["candidate"]["label"] == "Joris Wolthuis"


@pytest.mark.django_db(transaction=True)
def test_two_requests_drawing_at_once_agree_on_the_aliases(
    support_opening, sharer, keeper, monkeypatch
):
    """Real PostgreSQL: both read before either writes; the unique constraints decide."""
    if connection.vendor != "postgresql":
        pytest.skip("needs PostgreSQL (DATABASE_URL) for two connections at once")
    both_have_read = threading.Barrier(2, timeout=10)
    draw = aliases._draw

    def draw_after_the_other_read(used, count):
        both_have_read.wait()
        return draw(used, count)

    monkeypatch.setattr(aliases, "_draw", draw_after_the_other_read)
    got = []

    def request():
        try:
            got.append(aliases.candidate_aliases_for_opening(
                opening_id=support_opening.pk, student_ids=[sharer.pk, keeper.pk]
            ))  # fmt: skip
        finally:
            connection.close()

    threads = [threading.Thread(target=request) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    stored = dict(CandidateAlias.objects.values_list("student_id", "label"))
    assert len(got) == 2 and got[0] == got[1] == stored and len(stored) == 2
