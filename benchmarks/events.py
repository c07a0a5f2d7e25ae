"""Benchmark of speed-date scheduling: 200 students x 60 employers x 8 rounds.

The score matrix comes from the engine (synthetic region: 60 employers with three open places
each, the students of `synthetic.students`), then the per-round optimiser and the greedy
baseline run on it with the product's bonuses (wishes, fairness). `schedule_seconds` is the
whole scheduling, matrix included (target at most 2 s). Run by `make bench`; writes
benchmarks/results/events.json and prints it.
"""

import dataclasses
import json
import pathlib
import platform
import sys
import time

import numpy as np

sys.path.insert(0, str(pathlib.Path(__file__).resolve().parents[1]))

from matching.engine import DEFAULT_WEIGHTS, OpeningIndex, synthetic  # noqa: E402
from matching.engine import speeddates as sd  # noqa: E402

RESULTS = pathlib.Path(__file__).resolve().parent / "results" / "events.json"
STUDENTS, EMPLOYERS, PLACES_EACH, ROUNDS, TABLES, BREAKS = 200, 60, 3, 8, 60, (5,)
TARGET_SECONDS = 2.0


def _region():
    """A regional event: synthetic students, and 60 employers near the venue with three open
    places each, recognised leerbedrijven for the students' qualifications (the organiser
    invites employers that fit the audience; the hard rules still decide per pair)."""
    students = synthetic.students(STUDENTS, seed=14)
    quals = {s.qualification_id for s in students if s.qualification_id is not None}
    recognised = tuple((q, synthetic.BASE_DAY.replace(year=2020), None) for q in sorted(quals))
    rng = np.random.default_rng(13)
    places = [
        dataclasses.replace(
            o,
            is_open=True,
            places_left=max(o.places_left, 1),
            employer_id=e + 1,
            recognitions=o.recognitions + recognised,
            lat=float(53.2 + rng.normal(0, 0.05)),
            lon=float(6.6 + rng.normal(0, 0.08)),
        )
        for e, o in zip(
            np.repeat(np.arange(EMPLOYERS), PLACES_EACH),
            synthetic.openings(EMPLOYERS * PLACES_EACH, seed=13),
            strict=True,
        )
    ]
    return students, places


def _wishes(scores: np.ndarray, rng) -> list[list[int]]:
    """Each student names up to three employers they may meet (as students would)."""
    out = []
    for row in scores:
        allowed = np.flatnonzero(np.isfinite(row))
        out.append(list(rng.choice(allowed, size=min(3, allowed.size), replace=False)))
    return out


def _timed(call, runs: int = 3):
    """The call's result and its median time over `runs` (other work on the machine varies)."""
    times, result = [], None
    for _ in range(runs):
        started = time.perf_counter()
        result = call()
        times.append(time.perf_counter() - started)
    return result, float(np.median(times))


def main() -> dict:
    students, places = _region()
    employer_ids = range(1, EMPLOYERS + 1)
    (scores, _best), matrix_seconds = _timed(
        lambda: sd.score_matrix(students, OpeningIndex.build(places), employer_ids, DEFAULT_WEIGHTS)
    )
    setup = {
        "rounds": ROUNDS,
        "tables": TABLES,
        "break_rounds": BREAKS,
        "wishes": _wishes(scores, np.random.default_rng(15)),
    }
    plan, optimise_seconds = _timed(lambda: sd.schedule(scores, **setup))
    greedy, greedy_seconds = _timed(lambda: sd.schedule_greedy(scores, **setup))
    per_student = np.bincount([d.student for r in plan for d in r], minlength=STUDENTS)
    out = {
        "n_students": STUDENTS,
        "n_employers": EMPLOYERS,
        "n_rounds": ROUNDS,
        "n_tables": TABLES,
        "allowed_pairs_share": round(float(np.isfinite(scores).mean()), 3),
        "matrix_seconds": round(matrix_seconds, 3),
        "optimise_seconds": round(optimise_seconds, 3),
        "schedule_seconds": round(matrix_seconds + optimise_seconds, 3),
        "greedy_seconds": round(greedy_seconds, 3),
        "dates": sum(len(r) for r in plan),
        "greedy_dates": sum(len(r) for r in greedy),
        "students_without_a_date": int((per_student == 0).sum()),
        # The hard rules allow these students no employer of this event at all.
        "students_without_an_allowed_pair": int((~np.isfinite(scores)).all(axis=1).sum()),
        "total_score": round(sd.schedule_total(plan), 1),
        "greedy_total_score": round(sd.schedule_total(greedy), 1),
        "target_schedule_seconds": TARGET_SECONDS,
        "meets_target": matrix_seconds + optimise_seconds <= TARGET_SECONDS,
        "python": platform.python_version(),
    }
    RESULTS.parent.mkdir(exist_ok=True)
    RESULTS.write_text(json.dumps(out, indent=2) + "\n")
    return out


if __name__ == "__main__":
    print(json.dumps(main(), indent=2))
