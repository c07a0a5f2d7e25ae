"""Imports of a region's own data: students (coordinator for the region, school staff for their
own school), employers with locations and recognitions, and openings (the coordinator).

`import_check` is the dry run: it reads the file, refuses a bad file as a whole, and stores a
preview (what is created, updated and skipped) with every problem per row and column. Only a
file without problems can be started; `import_run` (a Celery task's body) reads and checks it
again and writes everything in ONE transaction, idempotent by the source's own keys.

Progress: `done_rows` is written every BATCH rows through a second database connection, outside
the import's transaction, so a page polling the run sees it while the import runs. That needs a
database with more than one writer: on PostgreSQL it does; on SQLite (development, the tests,
Celery in eager mode) there is one writer, so progress is written when the import is done.
"""

import datetime
import logging

from django.core.exceptions import ValidationError
from django.db import DEFAULT_DB_ALIAS, connection, connections, transaction
from django.db.models import QuerySet
from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext as _

from marketplace.models import User
from marketplace.permissions import can, ensure_can

from .imports_employers import employers_plan, employers_write
from .imports_formats import FORMATS
from .imports_lookups import Lookups
from .imports_openings import openings_plan, openings_write
from .imports_read import FileRefused, read_table
from .imports_rows import Plan, Progress, problem, read_rows
from .imports_students import students_plan, students_write
from .models import ImportRun

logger = logging.getLogger(__name__)
PREVIEW_ROWS = 500  # rows of the preview kept on the run (the counts cover every row)
KIND_RULE = {
    "students": "import_students",
    "employers": "import_employers",
    "openings": "import_employers",
}


# --- scope: which runs a user sees ---------------------------------------------------------


def import_runs_visible_to(user: User) -> QuerySet[ImportRun]:
    """The runs of the coordinator's region, or of the staff member's own school."""
    runs = ImportRun.objects.select_related("created_by", "school")
    if can(user, "import_employers"):  # the coordinator: the region's, schools' runs too
        return runs.filter(region_id=user.region_id)
    if can(user, "import_students"):
        return runs.filter(school_id=user.school_id)
    return runs.none()


def get_import_run_for_user(user: User, pk) -> ImportRun:
    try:
        run = import_runs_visible_to(user).get(pk=pk)
    except (ImportRun.DoesNotExist, ValueError, TypeError) as exc:
        raise Http404 from exc
    ensure_can(user, "view_import_run", run)
    return run


def import_kinds_for(user: User) -> list[tuple[str, str]]:
    return [(k, label) for k, label in ImportRun.Kind.choices if can(user, KIND_RULE[k])]


# --- the dry run -----------------------------------------------------------------------------


def import_check(*, user: User, kind: str, file_name: str, content: bytes) -> ImportRun:
    """Read and check a file; store the run with its preview and problems. Writes no data."""
    if kind not in KIND_RULE:
        raise ValidationError({"kind": _("Kies wat je wilt inlezen.")})
    ensure_can(user, KIND_RULE[kind])
    for_school = not can(user, "import_employers")
    run = ImportRun(
        kind=kind,
        file_name=file_name[:255],
        content=content,
        created_by=user,
        school_id=user.school_id if for_school else None,
        region_id=user.school.region_id if for_school else user.region_id,
    )
    try:
        plan, total = _plan(run)
    except FileRefused as exc:
        run.status, run.problems = ImportRun.Status.REFUSED, [problem(None, "", str(exc))]
        run.summary = {"refused": str(exc)}
    else:
        run.total_rows = total
        run.problems = plan.problems
        run.status = ImportRun.Status.REFUSED if plan.problems else ImportRun.Status.CHECKED
        run.summary = _summary(plan)
    if run.status == ImportRun.Status.REFUSED:
        run.content = b""  # personal data: a refused file is never read again
    run.save()
    return run


PURGE_AFTER = datetime.timedelta(hours=24)


def import_files_purge(*, now: datetime.datetime | None = None) -> int:
    """Remove the uploaded files of runs checked but not started for a day (they hold personal
    data); the preview and problems stay. Returns the number of runs cleared."""
    cutoff = (now or timezone.now()) - PURGE_AFTER
    stale = ImportRun.objects.filter(status=ImportRun.Status.CHECKED, created_at__lt=cutoff)
    return stale.exclude(content=b"").update(content=b"")


def _plan(run: ImportRun) -> tuple[Plan, int]:
    """Read, check and plan the run's file against what is stored now."""
    fmt = FORMATS[run.kind]
    for_school = run.school_id is not None
    table = read_table(bytes(run.content), run.file_name)
    lookups = Lookups(region_id=run.region_id, school_id=run.school_id)
    rows, problems = read_rows(fmt, table, lookups, for_school=for_school)
    if run.kind == "students":
        plan = students_plan(rows)
    elif run.kind == "employers":
        plan = employers_plan(rows, region_id=run.region_id)
    else:
        plan = openings_plan(rows, region_id=run.region_id, created_by_id=run.created_by_id)
    # A cell that could not be read is reported once, not again by a rule that missed it.
    unread = {(p["row"], p["column"]) for p in problems}
    found = problems + [p for p in plan.problems if (p["row"], p["column"]) not in unread]
    order = {h.strip().lower(): index for index, h in enumerate(table.headers)}  # file order
    plan.problems = sorted(found, key=lambda p: (p["row"] or 0, order.get(p["column"], 0)))
    return plan, len(table.rows)


def _summary(plan: Plan) -> dict:
    return plan.counts() | {
        "preview": [
            {"row": r.number, "key": r.key, "action": r.action, "changes": r.changes}
            for r in plan.rows[:PREVIEW_ROWS]
        ]
    }


# --- the real import ---------------------------------------------------------------------------


@transaction.atomic
def import_start(*, user: User, run: ImportRun) -> ImportRun:
    """Queue a checked run; the task starts after the commit (a double click queues it once)."""
    ensure_can(user, "start_import", run)
    if not ImportRun.objects.filter(pk=run.pk, status=ImportRun.Status.CHECKED).update(
        status=ImportRun.Status.QUEUED
    ):
        return run
    from .tasks import import_run as task

    transaction.on_commit(lambda: task.delay(run.pk))
    run.status = ImportRun.Status.QUEUED
    return run


def import_run(*, run_id: int) -> str:
    """Write a queued run in one transaction; safe to run twice (only a queued run starts)."""
    if not ImportRun.objects.filter(pk=run_id, status=ImportRun.Status.QUEUED).update(
        status=ImportRun.Status.RUNNING, done_rows=0
    ):
        return "skipped"
    run = ImportRun.objects.get(pk=run_id)
    progress = _ProgressWriter(run_id)
    try:
        with transaction.atomic():
            plan = _write(run, progress)
    except (FileRefused, _StillWrong) as exc:
        problems = exc.problems if isinstance(exc, _StillWrong) else [problem(None, "", str(exc))]
        return _finish(run, ImportRun.Status.FAILED, problems=problems)
    except Exception:  # a bug or a lost database: the transaction rolled back, nothing changed
        logger.exception("import %s failed", run_id)
        message = _(
            "Er ging iets mis tijdens het inlezen. Er is niets veranderd. "
            "Probeer het later opnieuw."
        )
        return _finish(run, ImportRun.Status.FAILED, problems=[problem(None, "", message)])
    finally:
        progress.close()
    return _finish(run, ImportRun.Status.DONE, plan=plan)


class _StillWrong(Exception):
    """The file no longer passes its checks (something changed since the dry run)."""

    def __init__(self, problems: list[dict]):
        super().__init__(problems[0]["text"])
        self.problems = problems


def _write(run: ImportRun, progress: Progress) -> Plan:
    plan, _total = _plan(run)
    if plan.problems:
        raise _StillWrong(plan.problems)
    writer = {"students": students_write, "employers": employers_write}.get(
        run.kind, openings_write
    )
    writer(plan, progress)
    return plan


def _finish(run: ImportRun, status: str, *, plan: Plan | None = None, problems=()) -> str:
    run.status, run.finished_at = status, timezone.now()
    fields = ["status", "finished_at", "summary", "problems", "done_rows", "content"]
    if plan is not None:
        run.summary = _summary(plan) | {"imported": True}
        run.done_rows = run.total_rows
        run.content = b""  # the uploaded file is kept only until it is in
    else:
        run.problems, run.done_rows = list(problems), 0
    run.save(update_fields=fields)
    return status


class _ProgressWriter:
    """Writes done_rows outside the import's transaction, through a connection of its own
    (PostgreSQL only: SQLite has one writer, which the import holds)."""

    def __init__(self, run_id: int):
        self.run_id = run_id
        self.db = None
        if connection.vendor == "postgresql":
            self.db = connections.create_connection(DEFAULT_DB_ALIAS)

    def __call__(self, done: int) -> None:
        if self.db is None:
            return
        with self.db.cursor() as cursor:  # autocommit: visible at once to the polling page
            cursor.execute(
                f"UPDATE {ImportRun._meta.db_table} SET done_rows = %s WHERE id = %s",  # noqa: S608
                [done, self.run_id],
            )

    def close(self) -> None:
        if self.db is not None:
            self.db.close()
