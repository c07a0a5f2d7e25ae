"""The student's pages: ranked places with reasons, interest and not-for-me, the profile wizard."""

import pytest

from marketplace.models import AccessLog, ConsentRecord, Match, MatchStatus, StudentCompetency
from tests import factories as f

pytestmark = pytest.mark.django_db


def test_mijn_matches_shows_fitting_places_with_score_words_and_reasons(
    client, student, fitting_opening
):
    client.force_login(student)
    html = client.get("/mijn-matches/").content.decode()
    assert "Orderpicker magazijn" in html
    assert "Waarom past dit?" in html and "Past " in html and "score-bar" in html


def test_filters_keep_out_places_of_another_kind(client, student, fitting_opening):
    client.force_login(student)
    assert "Orderpicker magazijn" in client.get("/mijn-matches/?kind=bpv").content.decode()
    assert "Orderpicker magazijn" not in client.get("/mijn-matches/?kind=vacature").content.decode()


def test_a_nonsense_filter_is_ignored_not_a_500(client, student, fitting_opening):
    client.force_login(student)
    response = client.get("/mijn-matches/?distance=abc&sector=%27%3B")
    assert response.status_code == 200


def test_interest_creates_one_match_even_when_sent_twice(client, student_profile, fitting_opening):
    client.force_login(student_profile.user)
    url = f"/mijn-matches/plek/{fitting_opening.pk}/interesse/"
    client.post(url, {"share_profile": "on"})
    client.post(url, {"share_profile": "on"})
    match = Match.objects.get(student=student_profile, opening=fitting_opening)
    assert match.status == MatchStatus.INTERESSE_STUDENT and match.student_shares_profile
    assert match.timeline.count() == 1
    html = client.get(f"/mijn-matches/plek/{fitting_opening.pk}/").content.decode()
    assert "Je hebt interesse laten zien." in html and "Interesse student" not in html


def test_not_for_me_needs_a_reason_and_then_hides_the_place(
    client, student_profile, fitting_opening
):
    client.force_login(student_profile.user)
    url = f"/mijn-matches/plek/{fitting_opening.pk}/niet-voor-mij/"
    response = client.post(url, {"reason": "", "note": "te vroeg"})
    assert response.status_code == 400
    html = response.content.decode()
    assert "Kies waarom deze plek niet bij je past." in html and 'value="te vroeg"' in html
    assert not Match.objects.exists()
    client.post(url, {"reason": "te_ver"})
    match = Match.objects.get()
    assert match.status == MatchStatus.AFGEWEZEN and match.student_response == "nee"
    html = client.get("/mijn-matches/").content.decode()
    ranked = html[html.index('id="ranked-results"') : html.index("Gestopte matches")]
    assert "Orderpicker magazijn" not in ranked


def test_a_student_cannot_open_a_closed_place_or_another_students_pages(
    client, student, other_student, fitting_opening
):
    fitting_opening.status = "closed"
    fitting_opening.save()
    client.force_login(student)
    assert client.get(f"/mijn-matches/plek/{fitting_opening.pk}/").status_code == 404
    assert client.get("/mijn-matches/plek/999999/").status_code == 404


@pytest.mark.parametrize("role", ["werkgever", "ouder", "jobhunter"])
def test_other_roles_have_no_student_pages(client, role):
    client.force_login(f.UserFactory(role=role))
    assert client.get("/mijn-matches/").status_code == 403
    assert client.get("/mijn-profiel/woonplaats/").status_code == 403


def test_the_wizard_keeps_bad_input_shows_dutch_errors_and_saves_nothing(client, student_profile):
    client.force_login(student_profile.user)
    before = student_profile.travel_radius_km
    response = client.post(
        "/mijn-profiel/woonplaats/",
        {"home_place": student_profile.home_place_id, "travel_radius_km": "900"},
    )
    assert response.status_code == 400
    html = response.content.decode()
    assert "Dit getal is te groot" in html and 'value="900"' in html
    assert "Stap 1 van 7" in html
    student_profile.refresh_from_db()
    assert student_profile.travel_radius_km == before


def test_the_wizard_rejects_dates_in_the_wrong_order(client, student_profile):
    client.force_login(student_profile.user)
    response = client.post(
        "/mijn-profiel/wanneer/",
        {"available_from": "2027-03-01", "available_to": "2027-01-01", "hours_per_week": "20"},
    )
    assert response.status_code == 400
    assert "Deze datum ligt voor de begindatum" in response.content.decode()


def test_the_wizard_saves_each_step_and_goes_to_the_next(client, student_profile):
    client.force_login(student_profile.user)
    place = f.PlaceFactory(name="Veendam", latitude=53.1, longitude=6.87)
    response = client.post(
        "/mijn-profiel/woonplaats/", {"home_place": place.pk, "travel_radius_km": "12"}
    )
    assert response.status_code == 302 and response["Location"] == "/mijn-profiel/wanneer/"
    comp = f.CompetencyFactory(name="Heftruck rijden")
    response = client.post("/mijn-profiel/vaardigheden/", {f"c{comp.pk}": "on", f"l{comp.pk}": "3"})
    assert response["Location"] == "/mijn-profiel/certificaten/"
    student_profile.refresh_from_db()
    assert student_profile.home_place == place and student_profile.travel_radius_km == 12
    assert StudentCompetency.objects.get(student=student_profile).level == 3


def test_consents_are_recorded_with_their_history(client, student_profile):
    client.force_login(student_profile.user)
    client.post("/mijn-profiel/toestemming/", {"consent_parent_access": "on"})
    student_profile.refresh_from_db()
    assert student_profile.consent_parent_access and student_profile.consent_parent_access_at
    assert not student_profile.consent_show_to_employers  # unticked = withdrawn
    kinds = set(ConsentRecord.objects.values_list("kind", "given"))
    assert ("parent_access", True) in kinds and ("show_to_employers", False) in kinds


def test_support_needs_sharing_is_a_recorded_choice(client, student_profile):
    client.force_login(student_profile.user)
    client.post("/mijn-profiel/hulp/", {"support_needs": ["jobcoach", "rustige_werkplek"]})
    student_profile.refresh_from_db()
    assert student_profile.support_needs == ["jobcoach", "rustige_werkplek"]
    assert not student_profile.support_needs_shared
    assert not AccessLog.objects.exists()  # the student's own edits are not access by others
