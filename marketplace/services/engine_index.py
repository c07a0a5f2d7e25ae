"""The indexes of openings and students, kept fresh through the change log.

The openings index is one per machine: `engine_index_build()` (the management command
`engine_index --build` at deploy, `seed_demo`, and the periodic `engine_index_refresh` task a
few seconds after changes) writes its arrays as a new version of files under
settings.ENGINE_INDEX_DIR (matching.engine.store), and every process maps the version in
service read-only: its first ranking answers at once and the arrays are in memory once. Before
each ranking a process looks at the version pointer (one stat) and switches to a new version
without a restart; the change rows written since that version was read from the database are
applied on top of it, as below, so the freshness rule holds between builds too. Without files
(no ENGINE_INDEX_DIR, as in the tests; no build yet; a version too old to patch from the change
log) a process builds the index in its own memory, as it always could.

Before each ranking, `opening_index()` / `student_index()` run one cheap query for the change
rows newer than the last this process applied (ranking_changes.py writes them after each
commit) and update only the changed rows (matching.engine.live); "all" (the vocabulary, a bulk
load) and a delta grown past its limit rebuild. The thread that made a change sees it at once,
before its commit, in an overlay that is never shared with other threads: a rolled-back change
must not stay in the cache.
"""

import dataclasses
import datetime
import hashlib
import logging
import threading
import time
from collections import defaultdict
from collections.abc import Callable, Iterable
from pathlib import Path

from django.conf import settings
from django.db import connection
from django.db.models import Max, Min, Q
from django.utils import timezone

from employers.models import Opening
from matching.engine import OpeningIndex, StudentIndex, StudentRecord, store
from matching.engine.live import LiveOpeningIndex, LiveStudentIndex
from matching.models import RankingChange

from ..models import StudentProfile
from . import ranking_changes
from .matching_records import opening_records, student_records
from .weights import weights_forget

Kind = RankingChange.Kind
Changes = dict[str, set]

SYNC_IDLE_SECONDS = 30 * 60  # idle longer and pruned rows may have been missed: start again
GAP_SECONDS = 10.0  # an id the sequence skipped may still be inserting: watch it this long
MAX_GAPS = 1_000
# The files follow changes: a build once the changes have been quiet this long, or at the
# latest this long after the first change the version in service does not hold.
BUILD_QUIET_SECONDS = 5.0
BUILD_MAX_WAIT_SECONDS = 60.0
# Kinds of change that alter the openings index (students and weights are not in its files).
OPENING_KINDS = (Kind.OPENING, Kind.EMPLOYER, Kind.PLACE, Kind.ALL)

logger = logging.getLogger(__name__)


@dataclasses.dataclass
class _State:
    openings: LiveOpeningIndex | None = None
    students: LiveStudentIndex | None = None
    last_seen: int | None = None  # the newest change row applied
    synced_at: float = 0.0
    gaps: dict[int, float] = dataclasses.field(default_factory=dict)  # id -> first missed
    pointer: tuple | None = None  # the files' version pointer as last seen
    version: str | None = None  # the version of files the openings index maps
    # Students' records for their rankings, until a change row names them (student_record).
    records: dict = dataclasses.field(default_factory=dict)


_lock = threading.RLock()
_state = _State()
_own = threading.local()  # this thread's overlay of its own uncommitted changes


def clear_index_cache() -> None:
    global _state
    with _lock:
        _state = _State()
    _own.__dict__.clear()


def rankings_sync() -> None:
    """Apply every change committed since the last call: the one query before a ranking (and
    one stat of the files' version pointer)."""
    now = time.monotonic()
    with _lock:
        s = _state
        directory = index_dir()
        pointer = store.pointer_token(directory) if directory else None
        if s.last_seen is None or now - s.synced_at > SYNC_IDLE_SECONDS or pointer != s.pointer:
            _start(s, directory, pointer, now)
        else:
            _catch_up(s, now)
        s.synced_at = now


RECORDS_KEPT = 20_000


def student_record(student: StudentProfile) -> StudentRecord:
    """The student's record for a ranking, kept in this process until a change row names the
    student, a place or the vocabulary (read afresh while this thread has uncommitted changes
    of its own). Call after rankings_sync()."""
    if _own_changes():
        return student_records([student])[0]
    with _lock:
        kept = _state.records.get(student.pk)
        seen = _state.last_seen
    if kept is not None:
        return kept
    record = student_records([student])[0]
    with _lock:
        # Kept only if no change was applied meanwhile: one might be about this student.
        if _state.last_seen == seen and seen is not None and not _state.gaps:
            if len(_state.records) >= RECORDS_KEPT:
                _state.records.clear()
            _state.records[student.pk] = record
    return record


def generation() -> str | None:
    """What this process's rankings are made of, as a key for answers built on them: every
    change row up to `last_seen` applied. None (cache nothing) while a skipped id may still be
    inserting or this thread has uncommitted changes of its own. Call after rankings_sync()."""
    with _lock:
        s = _state
        if s.last_seen is None or s.gaps:
            return None
    if _own_changes():
        return None
    return f"{_database_key()}:{s.last_seen}"


def _start(s: _State, directory: Path | None, pointer: tuple | None, now: float) -> None:
    """Start again: from the files in service when they can be brought up to date, else
    from nothing (the indexes are then built from current data when first asked for)."""
    s.openings = s.students = None
    s.gaps.clear()
    s.records.clear()
    s.pointer, s.version = pointer, None
    loaded = _load_files(directory) if pointer is not None else None
    if loaded is None:
        # Built from current data, so every older change is in them.
        s.last_seen = RankingChange.objects.aggregate(newest=Max("id"))["newest"] or 0
        return
    version, index = loaded
    s.pointer, s.version = version.token, version.name
    s.openings = LiveOpeningIndex(index, names=_names())
    s.last_seen = version.manifest["change_id"]  # the files hold every change up to here
    _catch_up(s, now)


def _catch_up(s: _State, now: float) -> None:
    rows = _rows_since(s)
    _watch_gaps(s, [row[0] for row in rows], now)
    _apply(s, _grouped((kind, object_id) for _, kind, object_id in rows))


def _load_files(directory: Path) -> tuple[store.Version, OpeningIndex] | None:
    """The version in service, mapped, if it belongs to this database and every change since
    it was read is still in the change log (old rows are pruned)."""
    version = store.current(directory)
    if version is None or version.manifest.get("database") != _database_key():
        return None
    written = datetime.datetime.fromisoformat(version.manifest["written_at"])
    if timezone.now() - written > ranking_changes.KEEP_AGE / 2:
        # Old enough that change rows since may have been pruned: only when the oldest row
        # left is not newer than the version are they all there.
        oldest = RankingChange.objects.aggregate(oldest=Min("id"))["oldest"]
        if oldest is not None and oldest > version.manifest["change_id"] + 1:
            return None
    try:
        return version, store.load(version)
    except (OSError, ValueError, KeyError):
        logger.exception("Engine index files %s could not be read", version.path)
        return None


# --- the files ---------------------------------------------------------------------------


def index_dir() -> Path | None:
    """This database's directory of index files, or None when files are switched off."""
    base = getattr(settings, "ENGINE_INDEX_DIR", "")
    return Path(base) / _database_key() if base else None


def _database_key() -> str:
    s = connection.settings_dict
    name = f"{connection.vendor}|{s.get('HOST') or ''}|{s.get('PORT') or ''}|{s['NAME']}"
    return hashlib.sha256(name.encode()).hexdigest()[:16]


def engine_index_build(*, force: bool = True) -> dict | None:
    """Write a new version of the openings index files from the database and put it in
    service (every process switches at its next ranking); old versions go after a grace
    period. Without `force` only when a change since the version in service asks for it
    (see `engine_index_refresh`). None when files are switched off or another build runs."""
    directory = index_dir()
    if directory is None:
        return None
    with store.build_lock(directory, wait=force) as locked:
        if not locked:
            return None
        # Read before the records: a change after this id is applied on top by every process.
        change_id = RankingChange.objects.aggregate(newest=Max("id"))["newest"] or 0
        serving = store.current(directory)
        if not force and not _build_due(serving, directory):
            return None
        started = time.perf_counter()
        version = store.write(
            directory,
            opening_records(),
            meta={"change_id": change_id, "database": _database_key()},
        )
        store.publish(directory, version)
        removed = store.cleanup(directory)
    return {
        "version": version.name,
        "openings": version.manifest["n"],
        "seconds": round(time.perf_counter() - started, 2),
        "megabytes": round(store.mapped_bytes(version) / 2**20, 1),
        "removed": removed,
    }


def engine_index_refresh() -> dict | None:
    """The periodic task: build when changes to openings wait that the files in service do
    not hold, once they have been quiet a moment (a burst of edits makes one build)."""
    return engine_index_build(force=False)


def _build_due(serving: store.Version | None, directory: Path) -> bool:
    if serving is None or serving.manifest.get("database") != _database_key():
        return True
    pending = RankingChange.objects.filter(
        id__gt=serving.manifest["change_id"], kind__in=OPENING_KINDS
    ).aggregate(first=Min("at"), last=Max("at"))
    if pending["first"] is None:
        return False
    now = timezone.now()
    return (now - pending["last"]).total_seconds() >= BUILD_QUIET_SECONDS or (
        now - pending["first"]
    ).total_seconds() >= BUILD_MAX_WAIT_SECONDS


def index_status() -> dict:
    """What this process serves from: the version of files, or its own build."""
    directory = index_dir()
    serving = store.current(directory) if directory else None
    return {
        "directory": str(directory) if directory else None,
        "version": serving.name if serving else None,
        "openings": serving.manifest["n"] if serving else None,
        "change_id": serving.manifest.get("change_id") if serving else None,
        "megabytes": round(store.mapped_bytes(serving) / 2**20, 1) if serving else None,
        "mapped_here": _state.version,
    }


def opening_index(*, sync: bool = True) -> LiveOpeningIndex:
    """All open openings, as of the last change this process knows (and its own ones)."""
    if sync:
        rankings_sync()
    live = _base_openings()
    own = _own_changes()
    if not own:
        return live
    return _overlay("openings", (live,), lambda: _openings_overlay(live, own))


def student_index(*, sync: bool = True) -> LiveStudentIndex:
    """Students who consented to be shown to employers, in the openings' text model."""
    openings = opening_index(sync=sync)
    with _lock:
        base_openings = _base_openings()
        s = _state
        # The openings' text model, so a pair's interests score is the same in both directions.
        if s.students is None or s.students.text is not base_openings.text:
            s.students = _build_students(base_openings.text)
        live = s.students
    own = _own_changes()
    if not own:
        return live
    return _overlay("students", (live, openings), lambda: _students_overlay(live, openings, own))


def build_student_index_for(student_ids: list[int]) -> LiveStudentIndex:
    """A small index of just these students (e.g. the candidates with a match on an opening)."""
    # A student with a match on the opening chose to be seen by this employer.
    profiles = StudentProfile.objects.filter(pk__in=student_ids)
    shown = [dataclasses.replace(r, shown_to_employers=True) for r in student_records(profiles)]
    text = opening_index(sync=False).text
    return LiveStudentIndex(StudentIndex.build(shown, text_model=text))


# --- building and updating -----------------------------------------------------------------


def _base_openings() -> LiveOpeningIndex:
    with _lock:
        if _state.openings is None:
            _state.openings = _build_openings()
            _state.version = None
        return _state.openings


def _build_openings() -> LiveOpeningIndex:
    """The fallback without files: this process builds the index in its own memory."""
    return LiveOpeningIndex(OpeningIndex.build(opening_records()), names=_names())


def _names() -> dict:
    from matching.models import Certificate, Competency

    # Both languages: a page picks the reader's (ranking._names).
    competencies = list(Competency.objects.values_list("id", "name", "name_en"))
    certificates = list(Certificate.objects.values_list("id", "name", "name_en"))
    return {
        "competency": {i: nl for i, nl, _en in competencies},
        "certificate": {i: nl for i, nl, _en in certificates},
        "competency_en": {i: en or nl for i, nl, en in competencies},
        "certificate_en": {i: en or nl for i, nl, en in certificates},
    }


def _findable() -> Q:
    """The students an employer's side may find: shown to employers, or agreed to be found."""
    return Q(consent_show_to_employers=True) | Q(consent_findable=True)


def _build_students(text_model) -> LiveStudentIndex:
    consenting = StudentProfile.objects.filter(_findable())
    return LiveStudentIndex(StudentIndex.build(student_records(consenting), text_model=text_model))


def _ids(changes: Changes, kind: str) -> list:
    return list(changes.get(kind, ()))


def _openings_updated(live: LiveOpeningIndex, changes: Changes) -> LiveOpeningIndex:
    opening_ids = _ids(changes, Kind.OPENING)
    affected = (
        Q(pk__in=opening_ids)
        | Q(employer_id__in=_ids(changes, Kind.EMPLOYER))
        | Q(location__place_id__in=_ids(changes, Kind.PLACE))
    )
    if not (opening_ids or changes.get(Kind.EMPLOYER) or changes.get(Kind.PLACE)):
        return live
    fresh = opening_records(Opening.objects.filter(affected, status=Opening.Status.OPEN))
    return live.updated(fresh, opening_ids)


def _students_updated(live: LiveStudentIndex, changes: Changes) -> LiveStudentIndex:
    student_ids = _ids(changes, Kind.STUDENT)
    if not (student_ids or changes.get(Kind.PLACE)):
        return live
    affected = Q(pk__in=student_ids) | Q(home_place_id__in=_ids(changes, Kind.PLACE))
    consenting = StudentProfile.objects.filter(affected, _findable())
    return live.updated(student_records(consenting), student_ids)


def _apply(s: _State, changes: Changes) -> None:
    if not changes:
        return
    if Kind.ALL in changes or changes.get(Kind.PLACE):
        s.records.clear()
    for student_id in changes.get(Kind.STUDENT, ()):
        s.records.pop(student_id, None)
    if Kind.ALL in changes:
        s.openings = s.students = None
        weights_forget(None)
        return
    if changes.get(Kind.WEIGHTS):
        weights_forget(changes[Kind.WEIGHTS])
    if s.openings is not None:
        s.openings = _openings_updated(s.openings, changes)
        if s.openings.needs_rebuild():
            # Rebuilt in this process; with files, a new version follows soon (the refresh
            # task) and every process switches to it.
            s.openings = None  # the students follow: they need the new text model
    if s.students is not None:
        s.students = _students_updated(s.students, changes)
        if s.students.needs_rebuild():
            s.students = None


# --- the change log ------------------------------------------------------------------------


def _grouped(changes: Iterable[tuple[str, int | None]]) -> Changes:
    out: Changes = defaultdict(set)
    for kind, object_id in changes:
        out[kind].add(object_id)
    return out


def _rows_since(s: _State) -> list[tuple[int, str, int | None]]:
    newer = Q(id__gt=s.last_seen)
    if s.gaps:
        newer |= Q(id__in=list(s.gaps))
    rows = RankingChange.objects.filter(newer).order_by("id")
    return list(rows.values_list("id", "kind", "object_id"))


def _watch_gaps(s: _State, ids: list[int], now: float) -> None:
    """Ids are taken at INSERT and seen at COMMIT: a row may appear after a newer one did."""
    for found in ids:
        s.gaps.pop(found, None)
    newest = max(ids, default=0)
    if newest > s.last_seen:
        seen = set(ids)
        for missing in range(max(s.last_seen + 1, newest - MAX_GAPS), newest):
            if missing not in seen:
                s.gaps[missing] = now
        s.last_seen = newest
    for missing, since in list(s.gaps.items()):
        if now - since > GAP_SECONDS:
            del s.gaps[missing]


# --- this thread's own changes, before their commit ----------------------------------------


def _own_changes() -> Changes:
    return _grouped(ranking_changes.uncommitted())


def _overlay(name: str, bases: tuple, build: Callable):
    """The overlay for this thread, rebuilt when its changes or the shared index changed."""
    version = ranking_changes.pending_version()
    cached = getattr(_own, name, None)
    if (
        cached is not None
        and cached[0] == version
        and all(a is b for a, b in zip(cached[1], bases, strict=True))
    ):
        return cached[2]
    index = build()
    setattr(_own, name, (version, bases, index))
    return index


def _openings_overlay(live: LiveOpeningIndex, own: Changes) -> LiveOpeningIndex:
    if own.get(Kind.WEIGHTS):
        weights_forget(own[Kind.WEIGHTS])
    if Kind.ALL in own:
        weights_forget(None)
        return _build_openings()
    return _openings_updated(live, own)


def _students_overlay(
    live: LiveStudentIndex, openings: LiveOpeningIndex, own: Changes
) -> LiveStudentIndex:
    if Kind.ALL in own or live.text is not openings.text:
        return _build_students(openings.text)
    return _students_updated(live, own)
