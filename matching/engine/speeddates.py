"""Speed-date schedules: per round the best set of (student, employer) dates, at most one per table.

Plain NumPy/SciPy, no Django. The input is a score matrix (students x employers) where NaN or
-inf marks a pair that may not meet (a hard rule fails, or nothing to talk about). Each round is
one maximum-weight assignment (SciPy's `linear_sum_assignment`) over the pairs not met before,
so no pair meets twice and nobody sits at two tables in one round.

The weight of a pair in a round is its engine score plus bonuses:

- `wish`: the student named this employer (up to three names; the strongest bonus, so a wish
  is met when a table allows it);
- `ask`: the student fits what the employer asked for (a level, sectors). A bonus and not a
  mask: a mask could leave an employer's table empty when few students fit, a bonus seats
  the fitting students first and fills the rest with other allowed pairs;
- `fairness`: per date a student or an employer is behind the one with the most dates so far,
  so dates are spread (students rotate; employers rotate when there are more than tables).

Bonuses only ever raise an allowed pair; they never open a forbidden one. The schedule's total
(`schedule_total`) is the sum of the engine scores of its dates, without bonuses.

Tables: with no more employers than tables an employer keeps one table all day (table = its
position + 1) and students walk; otherwise the employers seated in a round take tables 1..n in
their order.

Optimal per round, not over the whole day: an earlier round's best choice can cost a later
round. With the same weights every round (no bonuses) the schedule's total is still at least
half the greedy baseline's (each round's assignment is worth at least the greedy round's dates
it did not use before, and those used before are in the schedule already); in one round it is
never below greedy. `tests/matching/engine/test_speeddates.py` holds both.
"""

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import NamedTuple

import numpy as np
from scipy.optimize import linear_sum_assignment

from .index import OpeningIndex, rank_openings
from .records import DEFAULT_WEIGHTS, StudentRecord, Weights


class ScheduleError(ValueError):
    """Input no schedule can be made from; `code` names the reason for the caller's message."""

    def __init__(self, code: str, message: str):
        super().__init__(message)
        self.code = code


@dataclass(frozen=True)
class Bonuses:
    wish: float = 40.0
    ask: float = 10.0
    # The whole score scale per date behind: everyone gets a date before anyone gets a second
    # one (when the rules allow); scores decide among those equally far. A mild bonus (15)
    # left students without a date on random 200 x 60 matrices and scored below greedy.
    fairness: float = 100.0


DEFAULT_BONUSES = Bonuses()
NO_BONUSES = Bonuses(wish=0.0, ask=0.0, fairness=0.0)


class Date(NamedTuple):
    """One date: table (from 1), student and employer (indices in the matrix), engine score."""

    table: int
    student: int
    employer: int
    score: float


# A date, even one scoring 0, beats an empty table: every free pair weighs at least this.
SEAT = 1e-6
Plan = list[list[Date]]  # per round (index 0 is round 1); a break round is an empty list


@dataclass
class _Problem:
    scores: np.ndarray  # float, NaN where not allowed
    allowed: np.ndarray  # bool
    extra: np.ndarray  # wish and ask bonuses per pair
    rounds: int
    tables: int
    breaks: frozenset
    fairness: float


def _wish_matrix(shape: tuple[int, int], wishes: Sequence[Iterable[int]] | None) -> np.ndarray:
    wished = np.zeros(shape, dtype=bool)
    for s, employers in enumerate(wishes or ()):
        for e in employers:
            if not 0 <= int(e) < shape[1]:
                raise ScheduleError("bad_wishes", f"Student {s} wishes unknown employer {e}.")
            wished[s, int(e)] = True
    return wished


def _problem(scores, rounds, tables, break_rounds, wishes, asked, bonuses) -> _Problem:
    matrix = np.array(scores, dtype=np.float64, ndmin=2)
    if matrix.ndim != 2:
        raise ScheduleError("bad_scores", "The scores must be a students x employers matrix.")
    if tables < 1:
        raise ScheduleError("no_tables", "A schedule needs at least one table.")
    if rounds < 1:
        raise ScheduleError("no_rounds", "A schedule needs at least one round.")
    breaks = frozenset(int(r) for r in break_rounds)
    if any(not 1 <= r <= rounds for r in breaks):
        raise ScheduleError("bad_breaks", "Break rounds must be round numbers of this schedule.")
    if len(breaks) == rounds:
        raise ScheduleError("only_breaks", "Every round is a break.")
    allowed = np.isfinite(matrix)
    if np.any(matrix == np.inf) or np.any(matrix[allowed] < 0):
        raise ScheduleError("bad_scores", "Scores must be finite and not negative (or NaN).")
    if not allowed.any():
        raise ScheduleError("no_pairs", "No student may meet any employer.")
    extra = bonuses.wish * _wish_matrix(matrix.shape, wishes)
    if asked is not None:
        extra = extra + bonuses.ask * np.asarray(asked, dtype=bool).reshape(matrix.shape)
    return _Problem(
        np.where(allowed, matrix, np.nan), allowed, extra, rounds, tables, breaks, bonuses.fairness
    )


def _weights(p: _Problem, met: np.ndarray, s_count: np.ndarray, e_count: np.ndarray):
    """This round's weights (0 where not allowed) and which pairs may meet."""
    free = p.allowed & ~met
    behind = (s_count.max() - s_count)[:, None] + (e_count.max() - e_count)[None, :]
    weights = np.nan_to_num(p.scores) + p.extra + p.fairness * behind + SEAT
    weights = np.where(free, weights, 0.0)
    return weights, free


def _assign(weights: np.ndarray, k: int) -> tuple[np.ndarray, np.ndarray]:
    """A maximum-weight set of at most k pairs (weights >= 0).

    With k covering the smaller side the rectangular assignment is it. Otherwise the matrix is
    padded to exactly k real pairs: n_e - k dummy students take the unseated employers, n_s - k
    dummy employers the unseated students, and a dummy never meets a dummy. With weights >= 0
    a best set of exactly k pairs (zero-weight ones dropped by the caller) is a best of at most k.
    """
    n_s, n_e = weights.shape
    if k >= min(n_s, n_e):
        return linear_sum_assignment(weights, maximize=True)
    size = n_s + n_e - k
    padded = np.zeros((size, size))
    padded[:n_s, :n_e] = weights
    padded[n_s:, n_e:] = -1.0 - 2.0 * weights.sum()  # dummy with dummy: never worth it
    rows, cols = linear_sum_assignment(padded, maximize=True)
    real = (rows < n_s) & (cols < n_e)
    return rows[real], cols[real]


def _seat(p: _Problem, pairs: list[tuple[int, int]], n_employers: int) -> list[Date]:
    """Tables for the round's pairs: fixed per employer when every employer has one."""
    pairs = sorted(pairs, key=lambda pair: pair[1])
    fixed = n_employers <= p.tables
    return [
        Date(e + 1 if fixed else i + 1, s, e, float(p.scores[s, e]))
        for i, (s, e) in enumerate(pairs)
    ]


def _run(p: _Problem, pick) -> Plan:
    n_s, n_e = p.scores.shape
    met = np.zeros((n_s, n_e), dtype=bool)
    s_count, e_count = np.zeros(n_s), np.zeros(n_e)
    plan: Plan = []
    for number in range(1, p.rounds + 1):
        if number in p.breaks:
            plan.append([])
            continue
        weights, free = _weights(p, met, s_count, e_count)
        pairs = pick(weights, free, min(p.tables, n_s, n_e))
        for s, e in pairs:
            met[s, e] = True
            s_count[s] += 1
            e_count[e] += 1
        plan.append(_seat(p, pairs, n_e))
    return plan


def _pick_optimal(weights: np.ndarray, free: np.ndarray, k: int) -> list[tuple[int, int]]:
    rows, cols = _assign(weights, k)
    return [(int(s), int(e)) for s, e in zip(rows, cols, strict=True) if free[s, e]]


def _pick_greedy(weights: np.ndarray, free: np.ndarray, k: int) -> list[tuple[int, int]]:
    """Best remaining pair first; ties by student, then employer (deterministic)."""
    flat = np.flatnonzero(free)
    order = flat[np.lexsort((flat, -weights.ravel()[flat]))]
    used_s, used_e, pairs = set(), set(), []
    for s, e in zip(*np.unravel_index(order, weights.shape), strict=True):
        if len(pairs) == k:
            break
        if s not in used_s and e not in used_e:
            used_s.add(s)
            used_e.add(e)
            pairs.append((int(s), int(e)))
    return pairs


def score_matrix(
    students: Sequence[StudentRecord],
    index: OpeningIndex,
    employer_ids: Sequence[int],
    weights: Weights = DEFAULT_WEIGHTS,
) -> tuple[np.ndarray, np.ndarray]:
    """The engine's scores for a schedule: per student and employer the best score over the
    employer's places in `index` that pass the hard rules (NaN when none does), and that
    place's id (0 when none). One ranking per student over the small index of the event's
    places; openings of employers not in `employer_ids` are left out."""
    scores = np.full((len(students), len(employer_ids)), np.nan)
    best = np.zeros(scores.shape, dtype=np.int64)
    column = {employer_id: j for j, employer_id in enumerate(employer_ids)}
    employer_of = {r.id: r.employer_id for r in index.records}
    for i, student in enumerate(students):
        for result in rank_openings(student, index, weights, k=index.n):  # best first
            j = column.get(employer_of[result.id])
            if j is not None and np.isnan(scores[i, j]):
                scores[i, j], best[i, j] = result.score, result.id
    return scores, best


def schedule(
    scores,
    *,
    rounds: int,
    tables: int,
    break_rounds: Iterable[int] = (),
    wishes: Sequence[Iterable[int]] | None = None,
    asked=None,
    bonuses: Bonuses = DEFAULT_BONUSES,
) -> Plan:
    """The schedule: per round (1..rounds) its dates, best total weight per round.

    `wishes[s]`: the employer indices student s named; `asked[s, e]`: student s fits what
    employer e asked for. Raises ScheduleError for input no schedule can come from.
    """
    p = _problem(scores, rounds, tables, break_rounds, wishes, asked, bonuses)
    return _run(p, _pick_optimal)


def schedule_greedy(
    scores,
    *,
    rounds: int,
    tables: int,
    break_rounds: Iterable[int] = (),
    wishes: Sequence[Iterable[int]] | None = None,
    asked=None,
    bonuses: Bonuses = DEFAULT_BONUSES,
) -> Plan:
    """The baseline: the same weights and rules, each round filled best remaining pair first."""
    p = _problem(scores, rounds, tables, break_rounds, wishes, asked, bonuses)
    return _run(p, _pick_greedy)


def schedule_total(plan: Plan) -> float:
    """The sum of the engine scores of every date (bonuses not included)."""
    return float(sum(date.score for dates in plan for date in dates))
