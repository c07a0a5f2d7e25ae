"""The privacy tests use the permission matrix's two-region cast (tests/permissions/conftest.py)."""

from tests.permissions.conftest import world  # noqa: F401  (a fixture, used by name)
