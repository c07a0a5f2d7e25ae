"""Rankings through the API, the rank command and the stored suggestions, on real models."""

import datetime

import pytest
from django.core.management import call_command
from django.utils import timezone
from rest_framework.test import APIClient

from employers.models import Employer, EmployerLocation, Opening, Recognition
from marketplace.models import (
    Match,
    RankingLog,
    Region,
    Role,
    School,
    StudentProfile,
    Suggestion,
    User,
)
from marketplace.services import engine_index
from matching.models import Competency, Place, Qualification, Sector

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def fresh_index():
    engine_index.clear_index_cache()
    yield
    engine_index.clear_index_cache()


@pytest.fixture
def world():
    region = Region.objects.create(name="Groningen", code="groningen")
    logistiek = Sector.objects.create(code="logistiek", name="Logistiek")
    groningen = Place.objects.create(name="Groningen", latitude=53.2194, longitude=6.5665)
    assen = Place.objects.create(name="Assen", latitude=52.9925, longitude=6.5625)
    qual = Qualification.objects.create(
        crebo="25398", name="Medewerker logistiek", level=2, sector=logistiek
    )
    heftruck = Competency.objects.create(name="Heftruck rijden")
    orderpicken = Competency.objects.create(name="Orderpicken")
    school = School.objects.create(name="Noorderpoort", brin="01AB", kind="mbo", region=region)
    employer = Employer.objects.create(
        name="Noorderhaven", kvk_number="12345678", sector=logistiek, region=region
    )
    Recognition.objects.create(
        employer=employer, qualification=qual, valid_from=datetime.date(2020, 1, 1)
    )
    location = EmployerLocation.objects.create(employer=employer, name="DC", place=groningen)
    far_location = EmployerLocation.objects.create(employer=employer, name="Assen", place=assen)

    def opening(title, **kw):
        o = Opening.objects.create(
            employer=employer,
            location=kw.pop("location", location),
            sector=logistiek,
            kind=kw.pop("kind", "bpv"),
            title=title,
            start_date=datetime.date(2027, 2, 1),
            status=kw.pop("status", "open"),
            **kw,
        )
        o.required_competencies.add(heftruck, orderpicken)
        return o

    def student(email, **kw):
        user = User.objects.create_user(email, "pw-test-123", role=Role.STUDENT, first_name="Sam")
        profile = StudentProfile.objects.create(
            user=user,
            school=school,
            education_type="mbo",
            level=2,
            qualification=qual,
            leerweg="bol",
            date_of_birth=datetime.date(2008, 3, 1),
            home_place=groningen,
            travel_radius_km=kw.pop("radius", 15),
            available_from=datetime.date(2027, 1, 1),
            hours_per_week=32,
            consent_show_to_employers=kw.pop("consent", True),
            **kw,
        )
        profile.competencies.add(heftruck)
        return profile

    return {
        "region": region,
        "opening": opening,
        "student": student,
        "employer": employer,
        "far_location": far_location,
        "orderpicken": orderpicken,
    }


def client_for(user):
    client = APIClient()
    client.force_authenticate(user)
    return client


def test_a_student_sees_fitting_places_ranked_with_explanations(world):
    near = world["opening"]("Orderpicker magazijn")
    world["opening"]("Chauffeur Assen", location=world["far_location"])  # beyond 15 km
    student = world["student"]("sam@example.nl")
    response = client_for(student.user).get(f"/api/v1/students/{student.pk}/matches/")
    assert response.status_code == 200
    results = response.json()["results"]
    assert [r["opening"]["id"] for r in results] == [near.pk]
    item = results[0]
    assert {f["code"] for f in item["factors"]} >= {"required_competencies", "distance"}
    assert sum(f["contribution"] for f in item["factors"]) == pytest.approx(item["score"], abs=0.01)
    assert {m["name"] for m in item["missing"] if m["kind"] == "competency"} == {"Orderpicken"}
    assert "Je hebt 1 van de 2 vaardigheden die dit bedrijf vraagt." in item["reasons"]


def test_the_sector_sentence_needs_a_sector_the_student_named(world):
    opening = world["opening"]("Orderpicker magazijn")
    student = world["student"]("sam@example.nl")
    url = f"/api/v1/students/{student.pk}/matches/"
    sentence = "Het is werk in een sector die je leuk vindt."
    assert sentence not in client_for(student.user).get(url).json()["results"][0]["reasons"]
    student.sector_preferences.add(opening.sector)
    assert sentence in client_for(student.user).get(url).json()["results"][0]["reasons"]


def test_every_ranking_served_is_logged_for_human_oversight(world):
    opening = world["opening"]("Orderpicker")
    student = world["student"]("sam@example.nl")
    client_for(student.user).get(f"/api/v1/students/{student.pk}/matches/")
    log = RankingLog.objects.get()
    assert log.viewer == student.user
    assert log.top_ids == [opening.pk]
    assert log.channel == "api" and len(log.input_hash) == 64 and log.engine_version


def test_another_students_matches_answer_404(world):
    world["opening"]("Orderpicker")
    sam = world["student"]("sam@example.nl")
    other = world["student"]("noor@example.nl")
    assert client_for(other.user).get(f"/api/v1/students/{sam.pk}/matches/").status_code == 404


def test_unknown_student_is_404_and_malformed_parameters_are_400(world):
    sam = world["student"]("sam@example.nl")
    client = client_for(sam.user)
    assert client.get("/api/v1/students/999999/matches/").status_code == 404
    bad = client.get(f"/api/v1/students/{sam.pk}/matches/?kind=ruimtevaart&page_size=0")
    assert bad.status_code == 400
    assert set(bad.json()["fields"]) == {"kind", "page_size"}
    assert bad.json()["message"]


def test_a_student_with_no_open_places_gets_an_empty_list(world):
    world["opening"]("Gesloten plek", status="closed")
    sam = world["student"]("sam@example.nl")
    response = client_for(sam.user).get(f"/api/v1/students/{sam.pk}/matches/")
    assert response.status_code == 200 and response.json()["results"] == []


def test_candidates_are_anonymous_and_only_students_who_consented(world):
    opening = world["opening"]("Orderpicker")
    shown = world["student"]("sam@example.nl")
    world["student"]("hidden@example.nl", consent=False)
    # The employer sees only students in a match with the place (the consent text).
    Match.objects.create(student=shown, opening=opening)
    member = User.objects.create_user(
        "baas@example.nl", "pw-test-123", role=Role.WERKGEVER, employer=world["employer"]
    )
    response = client_for(member).get(f"/api/v1/openings/{opening.pk}/candidates/")
    assert response.status_code == 200
    results = response.json()["results"]
    assert len(results) == 1
    candidate = results[0]["candidate"]
    assert candidate["anonymous"] is True
    assert "email" not in candidate and "student_id" not in candidate
    assert "Sam" not in str(results) and candidate["label"].startswith("Kandidaat")
    assert shown.user.email not in str(results)


def test_a_candidate_who_said_yes_and_shares_is_shown_by_name(world):
    opening = world["opening"]("Orderpicker")
    sam = world["student"]("sam@example.nl")
    Match.objects.create(
        student=sam,
        opening=opening,
        status="interesse_student",
        student_response="ja",
        student_shares_profile=True,
    )
    member = User.objects.create_user(
        "baas@example.nl", "pw-test-123", role=Role.WERKGEVER, employer=world["employer"]
    )
    response = client_for(member).get(f"/api/v1/openings/{opening.pk}/candidates/")
    candidate = response.json()["results"][0]["candidate"]
    assert candidate["anonymous"] is False and candidate["email"] == "sam@example.nl"


def test_another_employer_cannot_see_candidates(world):
    opening = world["opening"]("Orderpicker", status="draft")
    other = Employer.objects.create(
        name="Ander", kvk_number="87654321", sector=opening.sector, region=world["region"]
    )
    outsider = User.objects.create_user(
        "ander@example.nl", "pw-test-123", role=Role.WERKGEVER, employer=other
    )
    url = f"/api/v1/openings/{opening.pk}/candidates/"
    assert client_for(outsider).get(url).status_code == 404


def test_a_student_cannot_list_candidates(world):
    opening = world["opening"]("Orderpicker")
    sam = world["student"]("sam@example.nl")
    url = f"/api/v1/openings/{opening.pk}/candidates/"
    assert client_for(sam.user).get(url).status_code == 404  # not theirs: as if there were none


def test_rank_command_stores_suggestions_for_students_and_openings(world):
    opening = world["opening"]("Orderpicker")
    sam = world["student"]("sam@example.nl")
    call_command("rank", "--all")
    stored = Suggestion.objects.get(direction="student", student=sam)
    assert stored.opening == opening and stored.rank == 1 and stored.explanation["reasons"]
    assert Suggestion.objects.filter(direction="opening", opening=opening, student=sam).exists()
    call_command("rank", "--all")  # running twice leaves the same rows
    assert Suggestion.objects.count() == 2


def test_rank_command_rejects_an_unknown_id_clearly(world):
    from django.core.management.base import CommandError

    with pytest.raises(CommandError, match="Geen student"):
        call_command("rank", "--student", "424242")


def test_suggestions_follow_a_closed_opening(world):
    from marketplace.services.suggestions import suggestions_refresh_for_opening

    opening = world["opening"]("Orderpicker")
    world["student"]("sam@example.nl")
    suggestions_refresh_for_opening(opening_id=opening.pk)
    assert Suggestion.objects.filter(opening=opening).count() == 1
    Opening.objects.filter(pk=opening.pk).update(status="closed", updated_at=timezone.now())
    suggestions_refresh_for_opening(opening_id=opening.pk)
    assert not Suggestion.objects.filter(opening=opening).exists()


def test_the_index_is_rebuilt_when_an_opening_changes(world):
    from marketplace.services.ranking import ranked_openings_for_student

    sam = world["student"]("sam@example.nl")
    assert ranked_openings_for_student(viewer=None, student=sam) == []
    opening = world["opening"]("Nieuwe plek")
    found = ranked_openings_for_student(viewer=None, student=sam)
    assert [r.opening.pk for r in found] == [opening.pk]


def test_gaining_a_competency_raises_the_score(world):
    from marketplace.services.ranking import ranked_openings_for_student

    world["opening"]("Orderpicker")
    sam = world["student"]("sam@example.nl")
    before = ranked_openings_for_student(viewer=None, student=sam)[0].score
    sam.competencies.add(world["orderpicken"])
    after = ranked_openings_for_student(viewer=None, student=sam)[0].score
    assert after > before


def test_mijn_matches_shows_a_student_their_places_within_the_query_budget(
    world, client, django_assert_max_num_queries
):
    world["opening"]("Orderpicker magazijn")
    sam = world["student"]("sam@example.nl")
    client.force_login(sam.user)
    client.get("/mijn-matches/")  # builds the index once
    # 10 for the places, 2 for the invitations (closing the ones past their days, then the list)
    with django_assert_max_num_queries(12):
        response = client.get("/mijn-matches/")
    assert "Orderpicker magazijn" in response.content.decode()
    assert "Waarom past dit?" in response.content.decode()


def test_editing_an_opening_in_the_admin_refreshes_its_candidates(
    world, client, django_capture_on_commit_callbacks
):
    opening = world["opening"]("Orderpicker", status="draft")
    sam = world["student"]("sam@example.nl")
    admin_user = User.objects.create_superuser("beheer@example.nl", "pw-test-123")
    client.force_login(admin_user)
    url = f"/admin/employers/opening/{opening.pk}/change/"
    form = client.get(url).context["adminform"].form
    data = {
        k: v
        for k, v in form.initial.items()
        if v is not None and not isinstance(v, list | tuple) and not hasattr(v, "all")
    }
    data.update(
        status="open",
        start_date="2027-02-01",
        required_competencies=[c.pk for c in opening.required_competencies.all()],
        support_offered="[]",
    )
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url, data)
    assert response.status_code == 302, response.content.decode()[:2000]
    assert Suggestion.objects.filter(direction="opening", opening=opening, student=sam).exists()


@pytest.mark.django_db(transaction=True)
def test_a_kept_matches_answer_is_logged_again_and_follows_every_change(world):
    """The matches API keeps its answer while nothing it is made of changed: asked again it
    is served without ranking (and logged again); an edited place, a match that moved on and
    a changed profile each show at the next request."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from marketplace.services.matches import match_propose

    opening = world["opening"]("Orderpicker magazijn")
    sam = world["student"]("sam@example.nl")
    client = client_for(sam.user)
    url = f"/api/v1/students/{sam.pk}/matches/"
    first = client.get(url).json()
    with CaptureQueriesContext(connection) as again:
        assert client.get(url).json() == first
    assert RankingLog.objects.filter(subject_id=sam.pk).count() == 2
    assert not any("employers_opening" in q["sql"] for q in again.captured_queries)

    opening.title = "Orderpicker vriesvak"
    opening.save()
    assert client.get(url).json()["results"][0]["opening"]["title"] == "Orderpicker vriesvak"

    jobhunter = User.objects.create_user("jh@example.nl", "pw-test-123", role=Role.JOBHUNTER)
    sam.jobhunter = jobhunter
    sam.save()
    match_propose(proposer=jobhunter, student=sam, opening=opening)
    assert client.get(url).json()["results"][0]["match_status"] == Match.objects.get().status

    sam.travel_radius_km = 1
    sam.save()
    opening.location = world["far_location"]
    opening.save()
    assert client.get(url).json()["results"] == []
    assert RankingLog.objects.filter(subject_id=sam.pk).count() == 5


@pytest.mark.django_db(transaction=True)
def test_a_kept_student_record_follows_each_change_of_the_profile(world):
    """The record a ranking reads is kept between requests: a new skill, a wider radius and a
    new place name each reach the next ranking."""
    from marketplace.services.ranking import ranked_openings_for_student

    world["opening"]("Orderpicker", location=world["far_location"])  # Assen, 25 km away
    sam = world["student"]("sam@example.nl")
    assert ranked_openings_for_student(viewer=None, student=sam) == []
    sam.travel_radius_km = 40
    sam.save()
    [before] = ranked_openings_for_student(viewer=None, student=sam)
    sam.competencies.add(world["orderpicken"])
    [after] = ranked_openings_for_student(viewer=None, student=sam)
    assert after.score > before.score
    home = sam.home_place
    home.latitude, home.longitude = 52.99, 6.56  # the student's place moved next to Assen
    home.save()
    [near] = ranked_openings_for_student(viewer=None, student=sam)
    assert near.distance_km < 1
