"""Properties on small random regions with dense overlaps, so every rule and factor is hit."""

import dataclasses
import datetime
import math

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from matching.engine import (
    DEFAULT_WEIGHTS,
    OpeningIndex,
    OpeningRecord,
    StudentIndex,
    StudentRecord,
    rank_openings,
    rank_openings_naive,
    rank_students,
)

D = datetime.date
KINDS = ("bpv", "leerbaan", "vacature")
SUPPORT = ("praktijkbegeleider", "jobcoach", "rustige_werkplek", "extra_uitleg")
WORDS = "magazijn heftruck keuken koken zorg ouderen tuin dieren winkel kassa lassen de en".split()
PROPS = settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
seeds = st.integers(min_value=0, max_value=2**32 - 1)


def _set(rng, high: int, most: int) -> frozenset:
    return frozenset(int(x) for x in rng.integers(0, high, int(rng.integers(0, most + 1))))


def _day(rng, base: D, spread: int) -> D:
    return base + datetime.timedelta(days=int(rng.integers(0, spread)))


def random_openings(rng, n: int) -> list[OpeningRecord]:
    out = []
    for i in range(n):
        start = _day(rng, D(2027, 1, 1), 200)
        out.append(
            OpeningRecord(
                id=int(i * 7 % n + 1), kind=KINDS[int(rng.integers(0, 3))],
                is_open=bool(rng.random() < 0.9), places_left=int(rng.integers(0, 4)),
                employer_id=int(rng.integers(1, 5)),
                recognitions=tuple(
                    (int(q), _day(rng, D(2026, 6, 1), 300),
                     None if rng.random() < 0.5 else _day(rng, D(2027, 1, 1), 300))
                    for q in _set(rng, 4, 3)
                ),
                min_level=int(rng.choice([0, 0, 1, 2, 3])), min_age=int(rng.choice([0, 16, 18])),
                night_work=bool(rng.random() < 0.3), evening=False, weekend=False,
                lat=float(53.2 + rng.uniform(-0.15, 0.15)),
                lon=float(6.6 + rng.uniform(-0.25, 0.25)), start=start,
                end=None if rng.random() < 0.3 else _day(rng, start, 300),
                hours_per_week=float(rng.integers(8, 40)),
                sector_id=None if rng.random() < 0.1 else int(rng.integers(1, 4)),
                accepted_qualifications=_set(rng, 4, 2), werkprocessen=_set(rng, 10, 3),
                required_competencies=_set(rng, 8, 3), nice_competencies=_set(rng, 8, 2),
                required_certificates=_set(rng, 4, 2),
                support_offered=frozenset(s for s in SUPPORT if rng.random() < 0.4),
                text=" ".join(rng.choice(WORDS, int(rng.integers(0, 8)))),
            )
        )  # fmt: skip
    return out


def random_student(rng, sid: int = 1) -> StudentRecord:
    edu = str(rng.choice(["pro", "vso", "mbo", "mbo"]))
    qual = int(rng.integers(0, 4)) if edu == "mbo" and rng.random() < 0.9 else None
    return StudentRecord(
        id=sid, education_type=edu,
        leerweg=str(rng.choice(["bol", "bbl"])) if edu == "mbo" else "",
        school_leaver=bool(rng.random() < 0.3), level=int(rng.integers(0, 5)),
        qualification_id=qual, qualification_werkprocessen=_set(rng, 10, 5),
        werkprocessen_achieved=_set(rng, 10, 2), birth_date=_day(rng, D(2008, 6, 1), 1200),
        lat=float(53.2 + rng.uniform(-0.15, 0.15)), lon=float(6.6 + rng.uniform(-0.25, 0.25)),
        travel_radius_km=float(rng.integers(5, 41)),
        available_from=_day(rng, D(2026, 12, 1), 200),
        available_to=None if rng.random() < 0.4 else _day(rng, D(2027, 6, 1), 300),
        hours_per_week=float(rng.integers(16, 41)), competencies=_set(rng, 8, 5),
        certificates=_set(rng, 4, 2), sector_preferences=_set(rng, 4, 2),
        interests_text=" ".join(rng.choice(WORDS, int(rng.integers(0, 4)))),
        support_needs=frozenset(s for s in SUPPORT if rng.random() < 0.3),
        shown_to_employers=True,
    )  # fmt: skip


def region(seed: int, n: int = 80):
    rng = np.random.default_rng(seed)
    openings = random_openings(rng, n)
    return openings, OpeningIndex.build(openings), random_student(rng)


def _age(birth: D, day: D) -> int:
    years = day.year - birth.year
    return years - 1 if (day.month, day.day) < (birth.month, birth.day) else years


def _km(a: StudentRecord, b: OpeningRecord) -> float:
    # Spherical law of cosines: a different formula from the engine's haversine.
    p1, p2, dl = map(math.radians, (a.lat, b.lat, b.lon - a.lon))
    c = math.sin(p1) * math.sin(p2) + math.cos(p1) * math.cos(p2) * math.cos(dl)
    return 6371.0088 * math.acos(max(-1.0, min(1.0, c)))


def allowed(s: StudentRecord, o: OpeningRecord) -> bool:
    """An independent statement of the hard rules, written apart from the engine."""
    wanted = (
        {"vacature", "leerbaan"} if s.school_leaver
        else {"leerbaan"} if (s.education_type, s.leerweg) == ("mbo", "bbl")
        else {"bpv"}
    )  # fmt: skip
    recognised = any(
        q == s.qualification_id and vf <= o.start and (vt is None or o.start <= vt)
        for q, vf, vt in o.recognitions
    )
    age = _age(s.birth_date, o.start)
    far_end = D.max
    return (
        o.is_open and o.places_left > 0 and o.kind in wanted
        and (o.kind != "bpv" or s.education_type != "mbo" or recognised)
        and s.level >= o.min_level and age >= o.min_age and (not o.night_work or age >= 18)
        and _km(s, o) <= s.travel_radius_km + 1e-6
        and o.start <= (s.available_to or far_end) and s.available_from <= (o.end or far_end)
        and o.hours_per_week <= s.hours_per_week
    )  # fmt: skip


@PROPS
@given(seeds)
def test_no_returned_result_breaks_a_hard_rule(seed):
    openings, index, s = region(seed)
    by_id = {o.id: o for o in openings}
    results = rank_openings(s, index, k=len(openings))
    assert all(allowed(s, by_id[r.id]) for r in results)
    assert len(results) == sum(allowed(s, o) for o in openings)


@PROPS
@given(seeds)
def test_the_same_input_gives_the_same_output(seed):
    _, index, s = region(seed)
    assert rank_openings(s, index, k=50) == rank_openings(s, index, k=50)


@PROPS
@given(seeds)
def test_the_vectorised_ranking_equals_the_naive_scorer(seed):
    openings, index, s = region(seed)
    fast = rank_openings(s, index, k=30)
    slow = rank_openings_naive(s, openings, DEFAULT_WEIGHTS, k=30, text_model=index.text)
    assert [r.id for r in fast] == [r.id for r in slow]
    assert [r.score for r in fast] == pytest.approx([r.score for r in slow], abs=1e-6)


@PROPS
@given(seeds)
def test_a_pair_scores_the_same_in_both_directions(seed):
    openings, index, s = region(seed)
    students = StudentIndex.build([s], text_model=index.text)
    by_id = {o.id: o for o in openings}
    for r in rank_openings(s, index, k=len(openings)):
        back = rank_students(by_id[r.id], students)
        assert [b.id for b in back] == [s.id]
        assert back[0].score == pytest.approx(r.score, abs=1e-9)


@PROPS
@given(seeds, st.data())
def test_gaining_a_required_competency_never_lowers_the_score(seed, data):
    openings, index, s = region(seed)
    by_id = {o.id: o for o in openings}
    before = {r.id: r.score for r in rank_openings(s, index, k=len(openings))}
    gaps = sorted({c for oid in before for c in by_id[oid].required_competencies} - s.competencies)
    if not gaps:
        return
    better = dataclasses.replace(
        s, competencies=s.competencies | {data.draw(st.sampled_from(gaps))}
    )
    after = {r.id: r.score for r in rank_openings(better, index, k=len(openings))}
    assert after.keys() == before.keys()
    assert all(after[i] >= before[i] - 1e-9 for i in before)


@PROPS
@given(seeds, st.integers(min_value=-400, max_value=400))
def test_birth_date_on_the_same_side_of_every_age_threshold_never_changes_a_score(seed, shift):
    openings, index, s = region(seed)
    moved = dataclasses.replace(s, birth_date=s.birth_date + datetime.timedelta(days=shift))
    before = {r.id: r.score for r in rank_openings(s, index, k=len(openings))}
    after = {r.id: r.score for r in rank_openings(moved, index, k=len(openings))}
    for o in openings:
        a, b = _age(s.birth_date, o.start), _age(moved.birth_date, o.start)
        if all((a >= t) == (b >= t) for t in (o.min_age, 18)):
            assert before.get(o.id) == after.get(o.id)


@PROPS
@given(seeds, st.sets(st.sampled_from(SUPPORT), min_size=1))
def test_adding_support_needs_never_lowers_a_score(seed, needs):
    openings, index, s = region(seed)
    without = dataclasses.replace(s, support_needs=frozenset())
    plain = {r.id: r.score for r in rank_openings(without, index, k=len(openings))}
    needy = dataclasses.replace(s, support_needs=frozenset(needs))
    with_needs = {r.id: r.score for r in rank_openings(needy, index, k=len(openings))}
    assert with_needs.keys() == plain.keys()
    assert all(with_needs[i] >= plain[i] for i in plain)


@PROPS
@given(seeds)
def test_every_score_lies_between_0_and_100_and_is_the_sum_of_its_contributions(seed):
    _, index, s = region(seed)
    for r in rank_openings(s, index, k=200):
        assert 0.0 <= r.score <= 100.0 + 1e-9
        assert sum(f.contribution for f in r.factors) == r.score
