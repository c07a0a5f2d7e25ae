"""Clients for the mediators' API: a real session log-in, as a browser or script would have."""

import pytest
from rest_framework.test import APIClient


@pytest.fixture
def as_user():
    """`as_user(user)`: an API client logged in as this user (anonymous for None)."""

    def make(user):
        client = APIClient()
        if user is not None:
            client.force_login(user)
        return client

    return make
