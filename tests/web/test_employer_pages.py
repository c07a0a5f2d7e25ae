"""The employer's pages: sign up, openings with the picker, candidates anonymised, answers."""

import datetime

import pytest

from employers.models import Employer, Opening
from marketplace.models import Match, MatchStatus, User
from marketplace.services.matches import match_propose, match_student_interest
from tests import factories as f

pytestmark = pytest.mark.django_db


def _signup(region, place, sector, **overrides):
    data = {
        "name": "Bakkerij De Korrel",
        "kvk_number": "12345678",
        "sector": sector.pk,
        "region": region.pk,
        "location_name": "Winkel",
        "address": "Grote Markt 1",
        "place": place.pk,
        "first_name": "Petra",
        "last_name": "de Vries",
        "email": "petra@korrel.nl",
        "password": "een-lang-wachtwoord-42",
    }
    data.update(overrides)
    return data


def test_an_employer_signs_up_and_lands_on_a_new_opening(client, region, mailoutbox):
    place, sector = f.PlaceFactory(), f.SectorFactory()
    response = client.post("/werkgever/aanmelden/", _signup(region, place, sector))
    assert response.status_code == 200 and "Kijk in je mail" in response.content.decode()
    # The link in the mail finishes the sign-up (the form never tells if an address is known).
    path = "/accounts/" + mailoutbox[0].body.split("/accounts/", 1)[1].split()[0]
    response = client.get(path)
    assert response.status_code == 302 and response["Location"] == "/werkgever/plekken/nieuw/"
    user = User.objects.get(email="petra@korrel.nl")
    assert user.role == "werkgever" and user.employer.kvk_number == "12345678"
    assert user.employer.locations.get().place == place


def test_a_bad_kvk_number_is_explained_and_nothing_is_created(client, region):
    place, sector = f.PlaceFactory(), f.SectorFactory()
    response = client.post(
        "/werkgever/aanmelden/", _signup(region, place, sector, kvk_number="12ab")
    )
    assert response.status_code == 400
    html = response.content.decode()
    assert "Een KvK-nummer bestaat uit 8 cijfers" in html and 'value="Bakkerij De Korrel"' in html
    assert (
        not Employer.objects.exists() and not User.objects.filter(email="petra@korrel.nl").exists()
    )


def test_a_taken_kvk_number_or_email_is_refused(client, region, employer):
    place, sector = f.PlaceFactory(), f.SectorFactory()
    response = client.post(
        "/werkgever/aanmelden/", _signup(region, place, sector, kvk_number=employer.kvk_number)
    )
    assert "Dit KvK-nummer is al aangemeld" in response.content.decode()
    assert Employer.objects.count() == 1


def _opening_data(employer, comp, **overrides):
    data = {
        "kind": "bpv",
        "title": "Hulp in de bakkerij",
        "description": "Brood bakken en de winkel helpen.",
        "sector": employer.sector_id,
        "location": employer.locations.first().pk,
        "start_date": "2027-02-01",
        "hours_per_week": "24",
        "places": "2",
        "min_level": "0",
        "leerweg": "",
        "min_age": "0",
        "required_competencies": [comp.pk],
        "publish": "1",
    }
    data.update(overrides)
    return data


@pytest.fixture
def member(employer_member):
    f.LocationFactory(employer=employer_member.employer)
    return employer_member


def test_an_employer_posts_an_opening_that_goes_online(client, member):
    comp = f.CompetencyFactory(name="Klantvriendelijk")
    client.force_login(member)
    response = client.post("/werkgever/plekken/nieuw/", _opening_data(member.employer, comp))
    assert response.status_code == 302
    opening = Opening.objects.get(title="Hulp in de bakkerij")
    assert opening.status == "open" and list(opening.required_competencies.all()) == [comp]


def test_an_opening_without_skills_or_with_dates_reversed_is_refused_and_kept(client, member):
    comp = f.CompetencyFactory()
    client.force_login(member)
    data = _opening_data(member.employer, comp, required_competencies=[], end_date="2027-01-01")
    response = client.post("/werkgever/plekken/nieuw/", data)
    assert response.status_code == 400
    html = response.content.decode()
    assert "De einddatum ligt voor de startdatum" in html
    assert 'value="Hulp in de bakkerij"' in html
    assert not Opening.objects.filter(title="Hulp in de bakkerij").exists()


def test_a_location_of_another_employer_cannot_be_used(client, member, other_employer_member):
    comp = f.CompetencyFactory()
    foreign = f.LocationFactory(employer=other_employer_member.employer)
    client.force_login(member)
    response = client.post(
        "/werkgever/plekken/nieuw/", _opening_data(member.employer, comp, location=foreign.pk)
    )
    assert response.status_code == 400 and not Opening.objects.filter(location=foreign).exists()


def test_pause_reopen_and_close_an_opening(client, member):
    opening = f.OpeningFactory(location=member.employer.locations.first())
    client.force_login(member)
    url = f"/werkgever/plekken/{opening.pk}/status/"
    client.post(url, {"status": "paused"})
    opening.refresh_from_db()
    assert opening.status == "paused"
    client.post(url, {"status": "open"})
    client.post(url, {"status": "closed"})  # asks first (tests/employers/test_front_page.py)
    opening.refresh_from_db()
    assert opening.status == "open"
    client.post(url, {"status": "closed", "confirmed": "1"})
    opening.refresh_from_db()
    assert opening.status == "closed"
    response = client.post(url, {"status": "paused"}, follow=True)
    assert "kan niet naar" in response.content.decode()


def test_another_employer_cannot_touch_my_opening(client, opening, other_employer_member):
    client.force_login(other_employer_member)
    assert client.get(f"/werkgever/plekken/{opening.pk}/wijzigen/").status_code == 404
    assert client.get(f"/werkgever/plekken/{opening.pk}/kandidaten/").status_code == 404
    assert (
        client.post(f"/werkgever/plekken/{opening.pk}/status/", {"status": "closed"}).status_code
        == 404
    )
    opening.refresh_from_db()
    assert opening.status == "open"


def test_the_picker_finds_competencies_despite_a_typo(client, member):
    f.CompetencyFactory(name="Heftruck rijden", synonyms=["vorkheftruck"])
    client.force_login(member)
    html = client.get(
        "/werkgever/vaardigheden/?field=required_competencies&q-required_competencies=heftruk"
    ).content.decode()
    assert "Heftruck rijden" in html


@pytest.fixture
def proposed(student_profile, jobhunter, opening):
    student_profile.school.region = opening.employer.region
    return match_propose(proposer=jobhunter, student=student_profile, opening=opening)


def test_candidates_are_anonymous_until_the_student_shares(
    client, employer_member, proposed, student_profile
):
    client.force_login(employer_member)
    url = f"/werkgever/plekken/{proposed.opening_id}/kandidaten/"
    name = student_profile.user.get_full_name()
    html = client.get(url).content.decode()
    assert "Kandidaat " in html and name not in html
    match_student_interest(
        student_user=student_profile.user,
        student=student_profile,
        opening=proposed.opening,
        share_profile=True,
    )
    assert name in client.get(url).content.decode()


def test_the_employer_says_no_with_a_reason_or_yes(client, employer_member, proposed):
    client.force_login(employer_member)
    url = f"/werkgever/matches/{proposed.pk}/antwoord/"
    response = client.post(
        url, {"answer": "nee", "version": proposed.version, "reason": ""}, follow=True
    )
    assert "Kies een reden" in response.content.decode()
    proposed.refresh_from_db()
    assert proposed.status == MatchStatus.VOORGESTELD
    client.post(url, {"answer": "ja", "version": proposed.version})
    proposed.refresh_from_db()
    assert proposed.employer_response == "ja"


def test_a_stale_answer_shows_the_conflict(client, employer_member, proposed):
    client.force_login(employer_member)
    stale = proposed.version
    Match.objects.filter(pk=proposed.pk).update(version=stale + 1)
    response = client.post(
        f"/werkgever/matches/{proposed.pk}/antwoord/",
        {"answer": "nee", "version": stale, "reason": "vol"},
        follow=True,
    )
    assert "Iemand anders heeft deze match net aangepast" in response.content.decode()
    proposed.refresh_from_db()
    assert proposed.status == MatchStatus.VOORGESTELD


def test_another_employer_cannot_answer_for_my_match(client, other_employer_member, proposed):
    client.force_login(other_employer_member)
    response = client.post(
        f"/werkgever/matches/{proposed.pk}/antwoord/", {"answer": "ja", "version": proposed.version}
    )
    assert response.status_code == 404


def test_the_dashboard_lists_recognitions_with_their_validity(client, member):
    # One row per qualification: an ended recognition with no newer one reads "Verlopen" (one
    # that a newer recognition replaced shows as that newer one).
    lapsed = f.QualificationFactory()
    member.employer.recognitions.create(
        qualification=lapsed, valid_from="2020-01-01", valid_to="2021-01-01"
    )
    client.force_login(member)
    html = client.get("/werkgever/").content.decode()
    assert lapsed.crebo in html and "Verlopen (1-1-2020 – 1-1-2021)" in html


def test_an_edit_that_rules_out_a_running_match_warns_the_employer_without_facts(
    client, employer_member, jobhunter, student_profile, opening
):
    match_propose(proposer=jobhunter, student=student_profile, opening=opening)
    student_profile.date_of_birth = datetime.date(2011, 6, 1)  # 15 on the start date
    student_profile.save(update_fields=["date_of_birth"])
    comp = f.CompetencyFactory(name="Orderpicken")
    client.force_login(employer_member)
    data = _opening_data(
        opening.employer,
        comp,
        location=opening.location_id,
        start_date=f"{opening.start_date:%Y-%m-%d}",
        min_age="18",
    )
    response = client.post(f"/werkgever/plekken/{opening.pk}/wijzigen/", data, follow=True)
    html = response.content.decode()
    assert "1 lopende match past niet meer bij deze plek" in html
    # How many, never who (the full name: every factory user is called Alex, the contact too).
    assert student_profile.user.get_full_name() not in html
