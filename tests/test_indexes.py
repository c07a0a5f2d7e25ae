"""The indexes behind the hot pages exist in the database, on the columns their queries use
(benchmarks/pg_plans.py shows the plans and timings at 100,000 openings and 50,000 students)."""

import pytest
from django.db import connection

pytestmark = pytest.mark.django_db

# index name → (table, columns in order)
EXPECTED = {
    # The public list of open openings, newest first (GET /api/v1/openings/).
    "opening_open_created": ("employers_opening", ["status", "created_at", "id"]),
    "opening_open_kind_created": ("employers_opening", ["status", "kind", "created_at", "id"]),
    # The inbox, newest first, and the unread count in every page's navigation.
    "notification_user_created": ("marketplace_notification", ["user_id", "created_at"]),
    "notification_user_unread": ("marketplace_notification", ["user_id"]),
    # The students an employer may be suggested: those who agreed to be found.
    "student_findable_school": ("marketplace_studentprofile", ["school_id"]),
}


def indexes_of(table: str) -> dict:
    with connection.cursor() as cursor:
        return {
            name: info
            for name, info in connection.introspection.get_constraints(cursor, table).items()
            if info["index"]
        }


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_index_exists_on_the_columns_its_queries_use(name):
    table, columns = EXPECTED[name]
    found = indexes_of(table)
    assert name in found, f"{name} is missing on {table}"
    assert found[name]["columns"] == columns


def test_list_indexes_run_newest_first():
    if connection.vendor != "postgresql":
        pytest.skip("the sort order of index columns is introspected on PostgreSQL")
    found = indexes_of("employers_opening")
    assert found["opening_open_created"]["orders"] == ["ASC", "DESC", "DESC"]
    assert found["opening_open_kind_created"]["orders"] == ["ASC", "ASC", "DESC", "DESC"]
    inbox = indexes_of("marketplace_notification")
    assert inbox["notification_user_created"]["orders"] == ["ASC", "DESC"]


def test_partial_indexes_hold_only_the_rows_their_queries_ask_for():
    if connection.vendor != "postgresql":
        pytest.skip("index definitions are read from PostgreSQL's catalogue")
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT indexname, indexdef FROM pg_indexes WHERE indexname IN (%s, %s)",
            ["notification_user_unread", "student_findable_school"],
        )
        definitions = dict(cursor.fetchall())
    assert "WHERE (read_at IS NULL)" in definitions["notification_user_unread"]
    assert "WHERE consent_findable" in definitions["student_findable_school"]
