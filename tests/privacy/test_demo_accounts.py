"""The demo's coordinator is no superuser; technical administration is a separate account, and
seeding again takes the rights away from a coordinator of an older demo database."""

import pytest
from django.contrib.auth.hashers import make_password
from django.urls import reverse

from demo.foundation import seed_staff
from demo.personas import DEMO_LOGINS
from marketplace.models import Role, User
from tests import factories as f

pytestmark = pytest.mark.django_db


@pytest.fixture
def regions():
    return {"groningen": f.RegionFactory(), "drenthe": f.RegionFactory()}


def test_only_the_technical_admin_is_staff_and_superuser(regions):
    seed_staff(regions, make_password("demo"))
    assert list(User.objects.filter(is_superuser=True).values_list("email", flat=True)) == [
        "beheer@demo.nl"
    ]
    assert list(User.objects.filter(is_staff=True).values_list("email", flat=True)) == [
        "beheer@demo.nl"
    ]
    assert User.objects.get(email="beheer@demo.nl").region_id is None


def test_seeding_again_takes_the_rights_from_an_old_superuser_coordinator(regions):
    f.UserFactory(
        email="coordinator@demo.nl",
        role=Role.COORDINATOR,
        region=regions["groningen"],
        is_staff=True,
        is_superuser=True,
    )
    seed_staff(regions, make_password("demo"))
    coordinator = User.objects.get(email="coordinator@demo.nl")
    assert not coordinator.is_superuser and not coordinator.is_staff


def test_the_printed_logins_name_the_technical_admin_apart_from_the_coordinator():
    printed = {email: (role, what) for email, role, what in DEMO_LOGINS}
    assert "/admin/" in printed["beheer@demo.nl"][1]
    assert "/admin/" not in printed["coordinator@demo.nl"][1]
    assert "beheerder" not in printed["coordinator@demo.nl"][0]


@pytest.mark.parametrize(
    "url_name",
    [
        "home",
        "backoffice:index",
        "backoffice:people",
        "backoffice:monitoring",
        "backoffice:weights",
        "toolkit:edit",
        "events:organise",
        "werk:escalations",
    ],
)
def test_the_coordinators_pages_work_without_superuser_rights(client, regions, url_name):
    f.SchoolFactory(region=regions["groningen"])
    seed_staff(regions, make_password("demo"))
    coordinator = User.objects.get(email="coordinator@demo.nl")
    client.force_login(coordinator)
    assert client.get(reverse(url_name)).status_code == 200


def test_the_coordinator_has_no_django_admin(client, regions):
    seed_staff(regions, make_password("demo"))
    client.force_login(User.objects.get(email="coordinator@demo.nl"))
    response = client.get("/admin/")
    assert response.status_code == 302 and "/admin/login/" in response["Location"]
