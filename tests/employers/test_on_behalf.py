"""An accountmanager posts and changes openings on behalf of the employers of their region."""

import pytest
from django.core.exceptions import PermissionDenied

from employers.models import Opening
from employers.services import opening_save
from marketplace.models import Notification, Role, User
from marketplace.permissions import can
from tests import factories as f

pytestmark = pytest.mark.django_db
BEHEERDER, PO = User.EmployerRole.BEHEERDER, User.EmployerRole.PRAKTIJKOPLEIDER


@pytest.fixture
def boss(employer):
    f.LocationFactory(employer=employer, name="Winkel")
    return f.UserFactory(role=Role.WERKGEVER, employer=employer, employer_role=BEHEERDER)


@pytest.fixture
def po(employer):
    return f.UserFactory(role=Role.WERKGEVER, employer=employer, employer_role=PO)


def _data(employer, **overrides):
    data = {
        "kind": "bpv",
        "title": "Hulp in de winkel",
        "sector": employer.sector_id,
        "location": employer.locations.first().pk,
        "start_date": "2027-02-01",
        "hours_per_week": "24",
        "places": "1",
        "min_level": "0",
        "leerweg": "",
        "min_age": "0",
        "required_competencies": [f.CompetencyFactory().pk],
        "publish": "1",
    }
    data.update(overrides)
    return data


def test_the_accountmanager_lists_only_the_employers_of_their_region(
    client, accountmanager, employer, boss
):
    elsewhere = f.EmployerFactory(name="Bedrijf Elders")
    client.force_login(accountmanager)
    html = client.get("/werkgever/namens/").content.decode()
    assert f"Plek plaatsen namens {employer.name}" in html and "Bedrijf Elders" not in html
    assert client.get(f"/werkgever/namens/{elsewhere.pk}/plekken/nieuw/").status_code == 404


def test_an_opening_posted_on_behalf_is_recorded_and_the_beheerders_are_told(
    client, accountmanager, employer, boss, po
):
    client.force_login(accountmanager)
    url = f"/werkgever/namens/{employer.pk}/plekken/nieuw/"
    assert f"namens {employer.name}" in client.get(url).content.decode()
    response = client.post(url, _data(employer))
    assert response.status_code == 302 and response["Location"] == "/werkgever/namens/"
    opening = Opening.objects.get()
    assert opening.employer == employer and opening.on_behalf_by == accountmanager
    assert opening.contact_person == boss and opening.status == Opening.Status.OPEN
    told = Notification.objects.filter(key=f"opening:{opening.pk}:on-behalf:created")
    assert list(told.values_list("user", flat=True)) == [boss.pk]
    client.force_login(po)
    name = accountmanager.get_full_name()
    assert f"Geplaatst door {name} namens jullie" in client.get("/werkgever/").content.decode()


def test_an_opening_posted_on_behalf_gets_the_same_checks_as_the_employers_own(
    client, accountmanager, employer, boss
):
    client.force_login(accountmanager)
    response = client.post(
        f"/werkgever/namens/{employer.pk}/plekken/nieuw/",
        _data(employer, required_competencies=[], title="Mijn titel"),
    )
    html = response.content.decode()
    assert response.status_code == 400 and "Kies minstens één vaardigheid" in html
    assert 'value="Mijn titel"' in html and not Opening.objects.exists()


def test_the_accountmanager_changes_an_opening_and_the_beheerders_are_told(
    client, accountmanager, employer, boss
):
    opening = f.OpeningFactory(location=employer.locations.first(), contact_person=boss)
    client.force_login(accountmanager)
    assert client.get(f"/werkgever/namens/plekken/{opening.pk}/wijzigen/").status_code == 200
    client.post(
        f"/werkgever/namens/plekken/{opening.pk}/wijzigen/",
        _data(employer, title="Nieuwe titel", contact_person=boss.pk),
    )
    opening.refresh_from_db()
    assert opening.title == "Nieuwe titel" and opening.on_behalf_by is None
    assert Notification.objects.filter(user=boss, key__contains="on-behalf").exists()


def test_another_regions_accountmanager_cannot_act_for_the_employer(
    client, other_accountmanager, employer, boss
):
    opening = f.OpeningFactory(location=employer.locations.first())
    assert not can(other_accountmanager, "post_opening", employer)
    with pytest.raises(PermissionDenied):
        opening_save(user=other_accountmanager, employer=employer, data={})
    client.force_login(other_accountmanager)
    assert client.get(f"/werkgever/namens/{employer.pk}/plekken/nieuw/").status_code == 404
    assert client.get(f"/werkgever/namens/plekken/{opening.pk}/wijzigen/").status_code == 404


def test_only_an_accountmanager_acts_on_behalf(client, boss, jobhunter, coordinator):
    for user in (boss, jobhunter, coordinator):
        client.force_login(user)
        assert client.get("/werkgever/namens/").status_code == 403


def test_the_employers_own_opening_is_not_marked_as_on_behalf(client, boss, employer):
    client.force_login(boss)
    client.post("/werkgever/plekken/nieuw/", _data(employer))
    opening = Opening.objects.get()
    assert opening.on_behalf_by is None and opening.contact_person == boss
    assert not Notification.objects.filter(key__contains="on-behalf").exists()


def test_the_accountmanager_uses_the_competency_picker(client, accountmanager):
    f.CompetencyFactory(name="Kassa")
    client.force_login(accountmanager)
    response = client.get(
        "/werkgever/vaardigheden/", {"field": "required_competencies", "q": "kas"}
    )
    assert response.status_code == 200 and "Kassa" in response.content.decode()
