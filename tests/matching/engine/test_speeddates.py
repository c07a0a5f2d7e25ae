"""The speed-date optimiser: its promises on random instances (hypothesis) and its clear errors."""

import collections

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from matching.engine.speeddates import (
    NO_BONUSES,
    Bonuses,
    ScheduleError,
    schedule,
    schedule_greedy,
    schedule_total,
)

PROPS = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@st.composite
def instances(draw):
    """A random score matrix with forbidden pairs, rounds, tables, breaks and wishes."""
    n_s = draw(st.integers(1, 12))
    n_e = draw(st.integers(1, 8))
    rng = np.random.default_rng(draw(st.integers(0, 2**32 - 1)))
    scores = rng.uniform(0, 100, (n_s, n_e)).round(draw(st.sampled_from([0, 3])))
    scores[rng.random((n_s, n_e)) < draw(st.sampled_from([0.0, 0.3, 0.7]))] = np.nan
    scores[0, 0] = 50.0  # at least one allowed pair
    rounds = draw(st.integers(1, 6))
    breaks = draw(st.sets(st.integers(1, rounds), max_size=rounds - 1))
    wishes = [list(rng.choice(n_e, size=min(3, n_e), replace=False)) for _ in range(n_s)]
    return {
        "scores": scores,
        "rounds": rounds,
        "tables": draw(st.integers(1, 10)),
        "break_rounds": breaks,
        "wishes": wishes if draw(st.booleans()) else None,
        "asked": rng.random((n_s, n_e)) < 0.3,
    }


def _both(case):
    return schedule(**case), schedule_greedy(**case)


@PROPS
@given(instances())
def test_no_pair_ever_meets_twice(case):
    for plan in _both(case):
        pairs = [(d.student, d.employer) for dates in plan for d in dates]
        assert len(pairs) == len(set(pairs))


@PROPS
@given(instances())
def test_nobody_sits_at_two_tables_in_one_round(case):
    for plan in _both(case):
        for dates in plan:
            assert len({d.student for d in dates}) == len(dates)
            assert len({d.employer for d in dates}) == len(dates)
            assert len({d.table for d in dates}) == len(dates)


@PROPS
@given(instances())
def test_a_round_never_has_more_dates_than_tables_and_tables_are_numbered_from_one(case):
    for plan in _both(case):
        assert len(plan) == case["rounds"]
        tables = [d.table for dates in plan for d in dates]
        assert all(1 <= t <= max(case["tables"], case["scores"].shape[1]) for t in tables)
        assert all(len(dates) <= case["tables"] for dates in plan)


@PROPS
@given(instances())
def test_a_forbidden_pair_never_meets(case):
    allowed = np.isfinite(case["scores"])
    for plan in _both(case):
        assert all(allowed[d.student, d.employer] for dates in plan for d in dates)


@PROPS
@given(instances())
def test_break_rounds_have_no_dates(case):
    for plan in _both(case):
        assert all(plan[r - 1] == [] for r in case["break_rounds"])


@PROPS
@given(instances())
def test_each_date_carries_the_engine_score_and_the_total_adds_them_up(case):
    plan = schedule(**case)
    scores = [d.score for dates in plan for d in dates]
    assert scores == [case["scores"][d.student, d.employer] for dates in plan for d in dates]
    assert schedule_total(plan) == pytest.approx(sum(scores))


@PROPS
@given(instances())
def test_one_round_is_never_worse_than_greedy(case):
    case = {**case, "rounds": 1, "break_rounds": set(), "wishes": None, "bonuses": NO_BONUSES}
    best, greedy = _both(case)
    assert schedule_total(best) >= schedule_total(greedy) - 1e-3


@PROPS
@given(instances())
def test_over_all_rounds_the_total_is_at_least_half_the_greedy_total(case):
    """Per-round optimal is not optimal over the day (the module says why); this bound holds."""
    case = {**case, "wishes": None, "bonuses": NO_BONUSES}
    best, greedy = _both(case)
    assert schedule_total(best) >= schedule_total(greedy) / 2 - 1e-3


@PROPS
@given(instances())
def test_a_round_fills_every_table_it_can(case):
    """A round leaves a table empty only when no free pair of unseated people is left."""
    plan = schedule(**case)
    allowed = np.isfinite(case["scores"])
    met = np.zeros_like(allowed)
    for dates in plan:
        for d in dates:
            met[d.student, d.employer] = True
        if dates and len(dates) < case["tables"]:
            free = allowed & ~met
            free[[d.student for d in dates], :] = False
            free[:, [d.employer for d in dates]] = False
            # Every free pair weighs more than nothing, so a free pair of two unseated people
            # would have been added: none is left.
            assert not free.any()


def test_with_more_employers_than_tables_every_employer_gets_its_turn():
    scores = np.tile(np.linspace(90, 10, 6), (12, 1))  # the first employers score best
    plan = schedule(scores, rounds=4, tables=3)
    counts = collections.Counter(d.employer for dates in plan for d in dates)
    assert sorted(counts) == list(range(6))
    assert max(counts.values()) - min(counts.values()) <= 1


def test_students_take_turns_when_there_are_more_students_than_tables():
    scores = np.tile(np.linspace(90, 10, 10)[:, None], (1, 2))  # the first students score best
    plan = schedule(scores, rounds=5, tables=2)
    counts = collections.Counter(d.student for dates in plan for d in dates)
    assert sorted(counts.values()) == [1] * 10


def test_an_employer_keeps_its_table_when_there_is_a_table_for_every_employer():
    plan = schedule(np.full((5, 3), 40.0), rounds=3, tables=4)
    assert {(d.employer, d.table) for dates in plan for d in dates} == {(0, 1), (1, 2), (2, 3)}


def test_a_students_wish_wins_over_a_somewhat_better_score():
    scores = np.array([[80.0, 60.0, 50.0]])
    plan = schedule(scores, rounds=1, tables=3, wishes=[[2]])
    assert [(d.student, d.employer) for d in plan[0]] == [(0, 2)]


def test_a_student_who_fits_the_employers_ask_goes_first():
    scores = np.array([[50.0], [55.0]])
    asked = np.array([[True], [False]])
    plan = schedule(scores, rounds=1, tables=1, asked=asked)
    assert [d.student for d in plan[0]] == [0]


def test_a_wish_never_opens_a_forbidden_pair():
    scores = np.array([[np.nan, 10.0]])
    plan = schedule(scores, rounds=2, tables=2, wishes=[[0]], bonuses=Bonuses(wish=1000))
    assert [(d.student, d.employer) for dates in plan for d in dates] == [(0, 1)]


@pytest.mark.parametrize(
    ("kwargs", "code"),
    [
        ({"rounds": 3, "tables": 0}, "no_tables"),
        ({"rounds": 0, "tables": 2}, "no_rounds"),
        ({"rounds": 2, "tables": 2, "break_rounds": [1, 2]}, "only_breaks"),
        ({"rounds": 2, "tables": 2, "break_rounds": [3]}, "bad_breaks"),
        ({"rounds": 2, "tables": 2, "wishes": [[5], []]}, "bad_wishes"),
    ],
)
def test_impossible_settings_raise_a_schedule_error_with_a_code(kwargs, code):
    with pytest.raises(ScheduleError) as caught:
        schedule(np.full((2, 2), 10.0), **kwargs)
    assert caught.value.code == code
    assert isinstance(caught.value, ValueError)


@pytest.mark.parametrize(
    ("scores", "code"),
    [
        (np.full((3, 2), np.nan), "no_pairs"),
        (np.full((3, 2), -np.inf), "no_pairs"),
        (np.zeros((0, 2)), "no_pairs"),
        (np.array([[10.0, -1.0]]), "bad_scores"),
        (np.array([[np.inf, 1.0]]), "bad_scores"),
    ],
)
def test_a_matrix_without_an_allowed_pair_or_with_bad_scores_is_refused(scores, code):
    for run in (schedule, schedule_greedy):
        with pytest.raises(ScheduleError) as caught:
            run(scores, rounds=2, tables=2)
        assert caught.value.code == code
