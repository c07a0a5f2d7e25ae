"""The employer's side of the API: a beheerder, a praktijkopleider and another organisation."""

import pytest

from marketplace.models import Role
from tests import factories as f


@pytest.fixture
def boss(employer):
    return f.UserFactory(role=Role.WERKGEVER, employer=employer, employer_role="beheerder")


@pytest.fixture
def po(employer):
    return f.UserFactory(role=Role.WERKGEVER, employer=employer, employer_role="praktijkopleider")


@pytest.fixture
def location(employer):
    return f.LocationFactory(employer=employer)


@pytest.fixture
def skill(db):
    return f.CompetencyFactory()


@pytest.fixture
def as_boss(api_client, boss):
    api_client.force_authenticate(boss)
    return api_client


@pytest.fixture
def as_po(api_client, po):
    api_client.force_authenticate(po)
    return api_client


@pytest.fixture
def as_other(api_client, other_employer_member):
    api_client.force_authenticate(other_employer_member)
    return api_client
