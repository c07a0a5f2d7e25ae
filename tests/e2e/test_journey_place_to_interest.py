"""Journeys of issue 4 in real headless Chromium, each page checked with axe (WCAG 2.1 A/AA):
an employer posts a place → it is ranked for a fitting student → the student shows interest →
the employer sees the candidate and answers; a parent sees the child's matches only with consent;
the profile wizard on a phone."""

import re

import pytest

from marketplace.models import GuardianLink, Match, MatchStatus, Role, StudentCompetency
from tests import factories as f
from tests.e2e.conftest import assert_accessible, login

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def world(student_profile, employer_member):
    employer = employer_member.employer
    employer.recognitions.create(
        qualification=student_profile.qualification, valid_from="2020-01-01"
    )
    f.LocationFactory(employer=employer, name="Magazijn Zuid", place=student_profile.home_place)
    heftruck = f.CompetencyFactory(name="Heftruck rijden", synonyms=["vorkheftruck"])
    f.CompetencyFactory(name="Klantvriendelijk")
    StudentCompetency.objects.create(student=student_profile, competency=heftruck, level=3)
    return {"student": student_profile, "employer": employer_member, "heftruck": heftruck}


def test_employer_posts_student_shows_interest_employer_answers(page, world):
    employer, student = world["employer"], world["student"]
    # The employer posts a place with the competency picker (typo tolerant).
    login(page, employer.email, f.PASSWORD)
    page.get_by_role("heading", name=employer.employer.name).wait_for()
    assert_accessible(page, "werkgever-dashboard")
    page.get_by_role("link", name="Nieuwe plek online zetten").click()
    assert_accessible(page, "werkgever-nieuwe-plek")
    page.get_by_label("BPV-plek (stage)").check()
    page.get_by_label("Titel").fill("Heftruckchauffeur in opleiding")
    page.get_by_label("Wat ga je doen?").fill("Je rijdt pallets naar de vrachtwagens.")
    page.get_by_label("Vestiging").select_option(label=f"Magazijn Zuid, {student.home_place.name}")
    page.get_by_label("Startdatum").fill("2027-02-01")
    page.locator("#q-required_competencies").fill("heftruk")
    page.get_by_role("button", name="+ 🚜 Heftruck rijden").or_(
        page.get_by_role("button", name="Heftruck rijden")
    ).first.click()
    assert page.locator("#chosen-required_competencies input[type=checkbox]").count() == 1
    assert_accessible(page, "werkgever-picker")
    page.get_by_role("button", name="Opslaan en online zetten").click()
    page.get_by_text("De plek staat online").wait_for()
    page.get_by_role("button", name="Uitloggen").click()

    # The student finds it ranked, reads why, and shows interest (sharing their name).
    login(page, student.user.email, f.PASSWORD)
    page.get_by_role("heading", name="Mijn matches").wait_for()
    assert_accessible(page, "student-mijn-matches")
    page.get_by_role("link", name="Heftruckchauffeur in opleiding").click()
    page.get_by_role("heading", name="Waarom past dit?").wait_for()
    assert page.get_by_text("Heftruck rijden").first.is_visible()
    assert_accessible(page, "student-plek")
    page.get_by_label("De werkgever mag mijn naam en profiel zien.").check()
    page.get_by_role("button", name="Ik heb interesse").click()
    page.get_by_text("Goed zo!").wait_for()
    assert_accessible(page, "student-plek-interesse")
    page.get_by_role("button", name="Uitloggen").click()

    # The employer sees the candidate by name and says yes.
    login(page, employer.email, f.PASSWORD)
    page.get_by_role("link", name="1 kandidaat").click()
    page.get_by_role("heading", name=student.user.get_full_name()).wait_for()
    assert_accessible(page, "werkgever-kandidaten")
    page.get_by_role("button", name=re.compile(r"^Interesse")).click()
    page.get_by_text("Je hebt interesse laten weten").wait_for()
    match = Match.objects.get(student=student)
    assert match.status == MatchStatus.INTERESSE_WERKGEVER
    assert list(match.timeline.values_list("to_status", flat=True)) == [
        MatchStatus.INTERESSE_STUDENT,
        MatchStatus.INTERESSE_WERKGEVER,
    ]


def test_a_parent_sees_the_childs_matches_only_once_consent_is_given(page, world, opening):
    student = world["student"]
    student.consent_parent_access = False
    student.save()
    Match.objects.create(student=student, opening=opening, status=MatchStatus.VOORGESTELD)
    parent = f.UserFactory(role=Role.OUDER)
    GuardianLink.objects.create(guardian=parent, student=student)

    login(page, parent.email, f.PASSWORD)
    page.get_by_role("heading", name="Mijn kind").wait_for()
    assert page.get_by_text("geen toestemming gegeven").is_visible()
    assert page.get_by_text(opening.title).count() == 0
    assert_accessible(page, "ouder-zonder-toestemming")
    page.get_by_role("button", name="Uitloggen").click()

    login(page, student.user.email, f.PASSWORD)
    page.goto("/mijn-profiel/toestemming/")
    assert_accessible(page, "student-toestemming")
    page.get_by_label("Mijn ouder of verzorger mag meekijken.").check()
    page.get_by_role("button", name="Klaar").click()
    page.get_by_text("Je profiel is opgeslagen.").wait_for()
    assert_accessible(page, "student-profiel")
    page.get_by_role("button", name="Uitloggen").click()

    login(page, parent.email, f.PASSWORD)
    page.get_by_role(
        "link", name=f"Bekijk de matches en evenementen van {student.user.first_name}"
    ).click()
    page.get_by_role("heading", name="Matches").wait_for()
    assert page.get_by_text(
        f"De begeleider van {student.user.first_name} denkt dat deze plek past."
    ).is_visible()
    assert_accessible(page, "ouder-kind")


def test_the_profile_wizard_on_a_phone(phone_page, world):
    page, student = phone_page, world["student"]
    login(page, student.user.email, f.PASSWORD)
    page.goto("/mijn-profiel/")
    assert_accessible(page, "wizard-overzicht")
    page.get_by_role("link", name="Profiel stap voor stap invullen").click()
    page.get_by_text("Stap 1 van 7").wait_for()
    page.get_by_label("Hoe ver wil je reizen? (in km)").fill("300")
    page.get_by_role("button", name="Volgende").click()
    page.get_by_text("Dit getal is te groot").first.wait_for()  # the summary and the field
    assert page.get_by_label("Hoe ver wil je reizen? (in km)").input_value() == "300"
    assert_accessible(page, "wizard-fout")
    page.get_by_label("Hoe ver wil je reizen? (in km)").fill("25")
    page.get_by_role("button", name="Volgende").click()
    for number in range(2, 8):
        page.get_by_text(f"Stap {number} van 7").wait_for()
        assert_accessible(page, f"wizard-stap-{number}")
        if number == 3:  # a skill of no sector of theirs: found by search, then its level
            page.get_by_label("Zoek een vaardigheid").fill("klantvriend")
            page.get_by_role("button", name="Klantvriendelijk").click()
            level = page.get_by_role("group", name="Hoe goed kun je Klantvriendelijk?")
            level.get_by_label("Ik kan het goed en leg het anderen uit").check()
        button = "Klaar" if number == 7 else "Volgende"
        page.get_by_role("button", name=button).click()
    page.get_by_text("Je profiel is opgeslagen.").wait_for()
    student.refresh_from_db()
    assert student.travel_radius_km == 25
    assert set(student.competencies.values_list("name", flat=True)) == {
        "Heftruck rijden",
        "Klantvriendelijk",
    }
    chosen = StudentCompetency.objects.get(student=student, competency__name="Klantvriendelijk")
    assert chosen.level == 3
