"""CI must run on the real services, never silently on the embedded defaults."""

import os

import pytest
from django.conf import settings
from django.db import connection


def test_ci_runs_on_postgresql(db):
    if not os.environ.get("CI"):
        pytest.skip("only CI must run on PostgreSQL; local runs may use SQLite")
    assert connection.vendor == "postgresql"


def test_ci_uses_redis_as_the_celery_broker():
    if not os.environ.get("CI"):
        pytest.skip("only CI must have a Redis broker")
    assert settings.CELERY_BROKER_URL.startswith("redis://")
