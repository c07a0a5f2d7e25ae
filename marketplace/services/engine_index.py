"""The per-process indexes of openings and students, kept fresh through the change log.

Before each ranking, `opening_index()` / `student_index()` run one cheap query for the change
rows newer than the last this process applied (ranking_changes.py writes them after each
commit) and update only the changed rows (matching.engine.live); "all" (the vocabulary, a bulk
load) and a delta grown past its limit rebuild. The thread that made a change sees it at once,
before its commit, in an overlay that is never shared with other threads: a rolled-back change
must not stay in the cache.
"""

import dataclasses
import threading
import time
from collections import defaultdict
from collections.abc import Callable, Iterable

from django.db.models import Max, Q

from employers.models import Opening
from matching.engine import OpeningIndex, StudentIndex
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


@dataclasses.dataclass
class _State:
    openings: LiveOpeningIndex | None = None
    students: LiveStudentIndex | None = None
    last_seen: int | None = None  # the newest change row applied
    synced_at: float = 0.0
    gaps: dict[int, float] = dataclasses.field(default_factory=dict)  # id -> first missed


_lock = threading.RLock()
_state = _State()
_own = threading.local()  # this thread's overlay of its own uncommitted changes


def clear_index_cache() -> None:
    global _state
    with _lock:
        _state = _State()
    _own.__dict__.clear()


def rankings_sync() -> None:
    """Apply every change committed since the last call: the one query before a ranking."""
    now = time.monotonic()
    with _lock:
        s = _state
        if s.last_seen is None or now - s.synced_at > SYNC_IDLE_SECONDS:
            # Indexes are built from current data, so every older change is in them.
            s.openings = s.students = None
            s.gaps.clear()
            s.last_seen = RankingChange.objects.aggregate(newest=Max("id"))["newest"] or 0
        else:
            rows = _rows_since(s)
            _watch_gaps(s, [row[0] for row in rows], now)
            _apply(s, _grouped((kind, object_id) for _, kind, object_id in rows))
        s.synced_at = now


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
        return _state.openings


def _build_openings() -> LiveOpeningIndex:
    from matching.models import Certificate, Competency

    names = {
        "competency": dict(Competency.objects.values_list("id", "name")),
        "certificate": dict(Certificate.objects.values_list("id", "name")),
    }
    return LiveOpeningIndex(OpeningIndex.build(opening_records()), names=names)


def _build_students(text_model) -> LiveStudentIndex:
    consenting = StudentProfile.objects.filter(consent_show_to_employers=True)
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
    consenting = StudentProfile.objects.filter(affected, consent_show_to_employers=True)
    return live.updated(student_records(consenting), student_ids)


def _apply(s: _State, changes: Changes) -> None:
    if not changes:
        return
    if Kind.ALL in changes:
        s.openings = s.students = None
        weights_forget(None)
        return
    if changes.get(Kind.WEIGHTS):
        weights_forget(changes[Kind.WEIGHTS])
    if s.openings is not None:
        s.openings = _openings_updated(s.openings, changes)
        if s.openings.needs_rebuild():
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
