"""Fast writes for large demo regions: bulk inserts, many-to-many pairs without model objects."""

import datetime
import random
import unicodedata
from collections.abc import Iterable, Sequence
from zoneinfo import ZoneInfo

from django.db import connection

from . import SEED

BATCH_SIZE = 2000
AMSTERDAM = ZoneInfo("Europe/Amsterdam")


def rng_for(kind: str, key: object) -> random.Random:
    """One generator per generated thing, so its content never depends on what came before."""
    return random.Random(f"{SEED}:{kind}:{key}")


def at(day: datetime.date, hour: int = 10, minute: int = 0) -> datetime.datetime:
    """An aware datetime on a demo day, in the region's time zone."""
    return datetime.datetime(day.year, day.month, day.day, hour, minute, tzinfo=AMSTERDAM)


def ascii_slug(text: str) -> str:
    """'Zoë van der Veen' → 'zoevanderveen': for e-mail addresses."""
    plain = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return "".join(ch for ch in plain.lower() if ch.isalnum())


def insert_m2m(descriptor, pairs: Iterable[tuple[int, int]]) -> int:
    """Insert (source id, target id) rows into an auto-created many-to-many table.

    Instantiating a million through-model objects costs more than the insert itself, so this
    writes plain rows with executemany, in chunks.
    """
    field = descriptor.field
    table = descriptor.through._meta.db_table
    return insert_rows(table, (field.m2m_column_name(), field.m2m_reverse_name()), pairs)


def insert_rows(table: str, columns: Sequence[str], rows: Iterable[tuple]) -> int:
    qn = connection.ops.quote_name
    placeholders = ", ".join(["%s"] * len(columns))
    sql = (
        f"INSERT INTO {qn(table)} ({', '.join(qn(c) for c in columns)}) "  # noqa: S608
        f"VALUES ({placeholders})"
    )
    rows = list(rows)
    with connection.cursor() as cursor:
        for start in range(0, len(rows), 20_000):
            cursor.executemany(sql, rows[start : start + 20_000])
    return len(rows)


def existing(model, field: str, values: Iterable) -> set:
    """Which of these natural keys are already stored (queried in chunks)."""
    values = list(values)
    found: set = set()
    for start in range(0, len(values), 900):
        chunk = values[start : start + 900]
        found.update(model.objects.filter(**{f"{field}__in": chunk}).values_list(field, flat=True))
    return found


def chunks(seq: Sequence, size: int) -> Iterable[Sequence]:
    for start in range(0, len(seq), size):
        yield seq[start : start + size]


def monday_between(rng: random.Random, start: datetime.date, end: datetime.date) -> datetime.date:
    """A Monday between two dates (openings and placements start on a Monday)."""
    first = start + datetime.timedelta(days=(7 - start.weekday()) % 7)
    weeks = max((end - first).days // 7, 0)
    return first + datetime.timedelta(weeks=rng.randint(0, weeks))
