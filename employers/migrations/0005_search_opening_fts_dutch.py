"""GIN indexes for the embedded search's Dutch full-text search (PostgreSQL only).

The openings' own text (title and description, weighted), the title alone (title hits come
first) and the employers' names. Each expression is exactly what employers.search.embedded's
opening_vector(), title_vector() and employer_vector() compile to, so the planner can use them;
built concurrently, so a large openings table stays writable meanwhile. SQLite keeps the literal
matching and gets none.
"""

from django.db import migrations


def _tsvector(column: str) -> str:
    return f"to_tsvector('dutch'::regconfig, COALESCE({column}, ''))"


INDEXES = {
    "employers_opening_fts_dutch": (
        "employers_opening",
        f"setweight({_tsvector('title')}, 'A') || setweight({_tsvector('description')}, 'C')",
    ),
    "employers_opening_title_fts_dutch": ("employers_opening", _tsvector("title")),
    "employers_employer_name_fts_dutch": ("employers_employer", _tsvector("name")),
}


def create(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for name, (table, expression) in INDEXES.items():
        schema_editor.execute(
            f"CREATE INDEX CONCURRENTLY IF NOT EXISTS {name} ON {table} USING gin (({expression}))"
        )


def drop(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for name in INDEXES:
        schema_editor.execute(f"DROP INDEX CONCURRENTLY IF EXISTS {name}")


class Migration(migrations.Migration):
    atomic = False

    dependencies = [("employers", "0004_privacy_invitations_colleagues")]

    operations = [migrations.RunPython(create, drop, elidable=False)]
