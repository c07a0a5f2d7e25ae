"""The demo seed from start to end: what `manage.py seed_demo` calls, in one transaction."""

import time
from collections.abc import Callable
from dataclasses import dataclass, field

from django.contrib.auth.hashers import make_password
from django.db import connection, transaction

from marketplace.services.ranking_changes import ranking_inputs_changed

from . import DEMO_PASSWORD, MAIN_REGION
from .bulk import chunks
from .colleagues import seed_colleagues
from .context import load_context
from .employer_builder import BASE_EMPLOYER_COUNT, employers_for_openings, write_employers
from .event_builder import seed_events
from .findable import seed_findable
from .foundation import (
    seed_places,
    seed_regions,
    seed_schools,
    seed_staff,
    seed_toolkit,
    seed_vocabulary,
    seed_weights,
)
from .pipeline import seed_pipeline
from .recognitions import seed_recognition_ending_soon
from .second_factor import seed_second_factor
from .student_builder import write_students
from .students import BASE_STUDENT_COUNT

EMPLOYER_CHUNK = 400
STUDENT_CHUNK = 1000


@dataclass
class SeedResult:
    employers_written: int = 0
    openings_written: int = 0
    students_written: int = 0
    seconds: dict[str, float] = field(default_factory=dict)


def _noop_progress(total: int, desc: str):
    class _Bar:
        def update(self, n: int) -> None: ...
        def close(self) -> None: ...

    return _Bar()


@transaction.atomic
def seed(*, openings: int = 0, students: int = 0, progress: Callable | None = None) -> SeedResult:
    """Load (or complete) the demo region; `openings`/`students` ask for at least that many.

    `progress(total, desc)` returns a bar with update(n) and close() (tqdm fits)."""
    progress = progress or _noop_progress
    result = SeedResult()
    clock = time.perf_counter()

    def lap(name: str) -> None:
        nonlocal clock
        now = time.perf_counter()
        result.seconds[name] = round(now - clock, 2)
        clock = now

    seed_vocabulary()
    seed_places()
    regions = seed_regions()
    seed_schools(regions)
    password_hash = make_password(DEMO_PASSWORD)  # hashed once, shared by every demo account
    seed_staff(regions, password_hash)
    seed_toolkit()
    seed_weights(regions[MAIN_REGION["code"]])
    ctx = load_context({code: r.pk for code, r in regions.items()}, password_hash)
    lap("vocabulary, places, schools, staff, toolkit")

    n_employers = max(employers_for_openings(openings), BASE_EMPLOYER_COUNT)
    bar = progress(n_employers, "werkgevers en plekken")
    for indices in chunks(range(n_employers), EMPLOYER_CHUNK):
        employers, written = write_employers(list(indices), ctx)
        result.employers_written += employers
        result.openings_written += written
        bar.update(len(indices))
    bar.close()
    lap("employers and openings")

    n_students = max(students, BASE_STUDENT_COUNT)
    bar = progress(n_students, "studenten")
    for indices in chunks(range(n_students), STUDENT_CHUNK):
        result.students_written += write_students(list(indices), ctx)
        bar.update(len(indices))
    bar.close()
    lap("students")

    seed_colleagues(password_hash)  # before the pipeline: the welcome messages include them
    seed_pipeline(ctx)
    seed_findable()  # some students may be found by employers: suggestions on the demo
    seed_events(ctx)
    seed_recognition_ending_soon()
    seed_second_factor()
    lap("pipeline and events")
    # Written with bulk_create and raw inserts (no signals): every process rebuilds its indexes.
    ranking_inputs_changed(kind="all")
    return result


def analyze() -> None:
    """Fresh planner statistics after the seed's bulk load (outside its transaction): without
    them PostgreSQL guesses a few hundred open places where there are a hundred thousand and
    picks scans that take seconds, until the autovacuum daemon gets there minutes later."""
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
