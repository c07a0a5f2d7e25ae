"""Live indexes: updating the changed rows ranks exactly as a fresh build of the same data."""

import dataclasses
import datetime

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from matching.engine import (
    OpeningIndex,
    OpeningRecord,
    StudentIndex,
    StudentRecord,
    rank_openings,
    rank_students,
    synthetic,
)
from matching.engine.live import DELTA_MIN, LiveOpeningIndex, LiveStudentIndex

D = datetime.date
OPENINGS = synthetic.openings(300, seed=11, competencies=40, qualifications=20)
STUDENTS = synthetic.students(120, seed=12, competencies=40, qualifications=20)
BASE = OpeningIndex.build(OPENINGS)
PROPS = settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
EDITS = ("move", "recognition", "close", "reopen", "places", "skills", "text", "remove")
SAME_TEXT_EDITS = EDITS[:6]


def _edit(o: OpeningRecord, how: str, rng: np.random.Generator) -> OpeningRecord | None:
    if how == "move":  # up to ~30 km in any direction
        return dataclasses.replace(
            o, lat=o.lat + rng.normal(0, 0.15), lon=o.lon + rng.normal(0, 0.2)
        )
    if how == "recognition":  # every recognition ends before the start, or never
        end = o.start - datetime.timedelta(days=1) if rng.random() < 0.7 else None
        return dataclasses.replace(
            o, recognitions=tuple((q, D(2020, 1, 1), end) for q, _, _ in o.recognitions)
        )
    if how == "close":
        return dataclasses.replace(o, is_open=False)
    if how == "reopen":
        return dataclasses.replace(o, is_open=True, places_left=max(o.places_left, 1))
    if how == "places":
        return dataclasses.replace(o, places_left=int(rng.integers(0, 3)))
    if how == "skills":
        return dataclasses.replace(
            o, required_competencies=frozenset(int(c) for c in rng.integers(0, 40, 3))
        )
    if how == "text":
        return dataclasses.replace(o, text=" ".join(rng.choice(synthetic.WORDS, 8)))
    return None  # remove: closed for good, or deleted


def steps(highest_id: int):
    """Up to four updates of up to 25 edits each; ids above 300 are new openings."""
    edit = st.tuples(st.integers(1, highest_id), st.integers(0, len(EDITS) - 1))
    return st.lists(st.lists(edit, max_size=25), min_size=1, max_size=4)


def _apply_steps(edits, data_steps, seed: int):
    """Apply the steps to a live index and to a plain dict of records (ids > 300 are new)."""
    rng = np.random.default_rng(seed)
    current = {o.id: o for o in OPENINGS}
    live = LiveOpeningIndex(BASE)
    for step in data_steps:
        changed, fresh = set(), {}
        for opening_id, which in step:
            how = edits[which % len(edits)]
            old = current.get(opening_id) or dataclasses.replace(OPENINGS[0], id=opening_id)
            new = _edit(old, how, rng)
            changed.add(opening_id)
            if new is None:
                current.pop(opening_id, None)
                fresh.pop(opening_id, None)
            else:
                current[opening_id] = fresh[opening_id] = new
        live = live.updated(list(fresh.values()), changed)
    return live, [current[i] for i in sorted(current)]


def _same(got, expected) -> None:
    assert [r.id for r in got] == [r.id for r in expected]
    assert [r.score for r in got] == pytest.approx([r.score for r in expected], abs=1e-9)


@PROPS
@given(steps(300), st.integers(0, 2**16))
def test_an_updated_index_ranks_exactly_as_a_fresh_build(data_steps, seed):
    edits = tuple(e for e in SAME_TEXT_EDITS if e != "remove")  # the corpus stays the same
    live, final = _apply_steps(edits, data_steps, seed)
    fresh = OpeningIndex.build(final)  # its own text model: fitted on the same texts
    expected = [rank_openings(s, fresh, k=10) for s in STUDENTS[:30]]
    assert any(expected), "nothing was ranked: the comparison would prove nothing"
    for s, want in zip(STUDENTS[:30], expected, strict=True):
        _same(live.rank(s, k=10), want)


@PROPS
@given(steps(330), st.integers(0, 2**16))
def test_new_removed_and_retitled_openings_rank_as_a_build_with_the_same_text_model(
    data_steps, seed
):
    live, final = _apply_steps(EDITS, data_steps, seed)
    fresh = OpeningIndex.build(final, text_model=BASE.text)
    expected = [rank_openings(s, fresh, k=10) for s in STUDENTS[:30]]
    assert any(expected), "nothing was ranked: the comparison would prove nothing"
    for s, want in zip(STUDENTS[:30], expected, strict=True):
        _same(live.rank(s, k=10), want)


def _near_student() -> tuple[StudentRecord, OpeningRecord]:
    """A student and an opening the base index ranks for them."""
    for s in STUDENTS:
        results = rank_openings(s, BASE, k=5)
        if results:
            return s, next(o for o in OPENINGS if o.id == results[0].id)
    raise AssertionError("the synthetic region ranks nothing")


def test_an_opening_moved_beyond_the_radius_leaves_the_ranking_at_once():
    s, o = _near_student()
    far = dataclasses.replace(o, lat=s.lat + (s.travel_radius_km + 21) / 111.0, lon=s.lon)
    live = LiveOpeningIndex(BASE).updated([far], [o.id])
    assert o.id in [r.id for r in LiveOpeningIndex(BASE).rank(s, k=5)]
    assert o.id not in [r.id for r in live.rank(s, k=300)]
    assert live.record(o.id) == far


def test_a_recognition_ended_before_the_start_removes_a_bpv_place_for_mbo():
    s, o = next(
        (s, o)
        for s in STUDENTS
        if s.education_type == "mbo"
        for o in (
            next((x for x in OPENINGS if x.id == r.id), None) for r in rank_openings(s, BASE, k=20)
        )
        if o is not None and o.kind == "bpv"
    )
    ended = dataclasses.replace(
        o,
        recognitions=tuple(
            (q, D(2020, 1, 1), o.start - datetime.timedelta(days=1)) for q, _, _ in o.recognitions
        ),
    )
    live = LiveOpeningIndex(BASE).updated([ended], [o.id])
    assert o.id not in [r.id for r in live.rank(s, k=300)]


def test_a_removed_opening_is_neither_ranked_nor_found():
    s, o = _near_student()
    live = LiveOpeningIndex(BASE).updated([], [o.id])
    assert o.id not in [r.id for r in live.rank(s, k=300)]
    assert live.find(o.id) is None


def test_updating_never_changes_the_index_other_threads_rank_with():
    s, o = _near_student()
    before = LiveOpeningIndex(BASE)
    in_service = BASE.available.copy()
    before.updated([], [o.id])
    assert o.id in [r.id for r in before.rank(s, k=5)]
    assert (BASE.available == in_service).all()


def test_a_delta_past_its_limit_asks_for_a_rebuild():
    live = LiveOpeningIndex(BASE)
    small = live.updated(OPENINGS[:10], [])
    assert not small.needs_rebuild()
    many = [dataclasses.replace(OPENINGS[0], id=1000 + i) for i in range(DELTA_MIN + 1)]
    assert live.updated(many, []).needs_rebuild()


# --- the candidates direction --------------------------------------------------------------

SHOWN = [dataclasses.replace(s, shown_to_employers=True) for s in STUDENTS]
STUDENT_BASE = StudentIndex.build(SHOWN, text_model=BASE.text)
STUDENT_EDITS = ("move", "radius", "skills", "hide", "interests")


def _edit_student(s: StudentRecord, how: str, rng) -> StudentRecord:
    if how == "move":
        return dataclasses.replace(s, lat=s.lat + rng.normal(0, 0.15), lon=s.lon + 0.1)
    if how == "radius":
        return dataclasses.replace(s, travel_radius_km=float(rng.integers(1, 60)))
    if how == "skills":
        return dataclasses.replace(
            s, competencies=frozenset(int(c) for c in rng.integers(0, 40, 8))
        )
    if how == "hide":
        return dataclasses.replace(s, shown_to_employers=False)
    return dataclasses.replace(s, interests_text=" ".join(rng.choice(synthetic.WORDS, 3)))


@PROPS
@given(
    st.lists(
        st.lists(st.tuples(st.integers(1, 120), st.integers(0, 4)), max_size=20),
        min_size=1,
        max_size=3,
    ),
    st.integers(0, 2**16),
)
def test_an_updated_student_index_ranks_exactly_as_a_fresh_build(data_steps, seed):
    rng = np.random.default_rng(seed)
    current = {s.id: s for s in SHOWN}
    live = LiveStudentIndex(STUDENT_BASE)
    for step in data_steps:
        fresh = {}
        for student_id, which in step:
            current[student_id] = fresh[student_id] = _edit_student(
                current[student_id], STUDENT_EDITS[which], rng
            )
        live = live.updated(list(fresh.values()), fresh)
    rebuilt = StudentIndex.build(list(current.values()), text_model=BASE.text)
    openings = [o for o in OPENINGS if o.is_open and o.places_left > 0][:25]
    expected = [rank_students(o, rebuilt, k=10) for o in openings]
    assert any(expected), "nothing was ranked: the comparison would prove nothing"
    for o, want in zip(openings, expected, strict=True):
        _same(live.rank(o, k=10), want)


def test_a_student_who_stops_sharing_leaves_the_candidates_at_once():
    o, first = next(
        (o, r[0].id)
        for o in OPENINGS
        if (r := rank_students(o, STUDENT_BASE, k=3)) and o.is_open and o.places_left > 0
    )
    hidden = dataclasses.replace(next(s for s in SHOWN if s.id == first), shown_to_employers=False)
    live = LiveStudentIndex(STUDENT_BASE).updated([hidden], [first])
    assert first not in [r.id for r in live.rank(o, k=200)]
