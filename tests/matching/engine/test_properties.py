"""Properties on small random regions with dense overlaps, so every rule and factor is hit."""

import dataclasses
import datetime
import math

import numpy as np
import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from matching.engine import (
    DEFAULT_WEIGHTS,
    RULE_CODES,
    OpeningIndex,
    OpeningRecord,
    StudentIndex,
    StudentRecord,
    hard_rules_failing,
    hard_rules_pass,
    rank_openings,
    rank_openings_naive,
    rank_students,
)
from matching.engine.index import OPENING_MASKS, opening_rule_masks
from matching.engine.naive import rank_key, score_pair_naive
from matching.engine.students import STUDENT_MASKS, _Ask, estimates, student_rule_masks

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
                leerweg=str(rng.choice(["", "", "bol", "bbl"])),
            )
        )  # fmt: skip
    return out


def _levels(rng, competencies: frozenset) -> frozenset:
    """A level 1-3 for most competencies; a few left without (they count as level 2)."""
    return frozenset((c, int(rng.integers(1, 4))) for c in competencies if rng.random() < 0.8)


def random_student(rng, sid: int = 1) -> StudentRecord:
    edu = str(rng.choice(["pro", "vso", "mbo", "mbo"]))
    qual = int(rng.integers(0, 4)) if edu == "mbo" and rng.random() < 0.9 else None
    competencies = _set(rng, 8, 5)
    return StudentRecord(
        id=sid, education_type=edu,
        leerweg=str(rng.choice(["bol", "bbl"])) if edu == "mbo" else "",
        school_leaver=bool(rng.random() < 0.3), level=int(rng.integers(0, 5)),
        qualification_id=qual, qualification_werkprocessen=_set(rng, 10, 5),
        werkprocessen_achieved=_set(rng, 10, 3), birth_date=_day(rng, D(2008, 6, 1), 1200),
        lat=float(53.2 + rng.uniform(-0.15, 0.15)), lon=float(6.6 + rng.uniform(-0.25, 0.25)),
        travel_radius_km=float(rng.integers(5, 41)),
        available_from=_day(rng, D(2026, 12, 1), 200),
        available_to=None if rng.random() < 0.4 else _day(rng, D(2027, 6, 1), 300),
        hours_per_week=float(rng.integers(16, 41)), competencies=competencies,
        certificates=_set(rng, 4, 2), sector_preferences=_set(rng, 4, 2),
        interests_text=" ".join(rng.choice(WORDS, int(rng.integers(0, 4)))),
        support_needs=frozenset(s for s in SUPPORT if rng.random() < 0.3),
        shown_to_employers=True, competency_levels=_levels(rng, competencies),
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
    route_bound = s.education_type == "mbo" and s.leerweg in ("bol", "bbl") and not s.school_leaver
    return (
        o.is_open and o.places_left > 0 and o.kind in wanted
        and (not route_bound or o.leerweg not in ("bol", "bbl") or o.leerweg == s.leerweg)
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
    results = rank_openings(s, index, k=len(openings))
    assume(results)
    for r in results:
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
    assume(gaps)
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
    same_side = [
        o.id
        for o in openings
        if all(
            (_age(s.birth_date, o.start) >= t) == (_age(moved.birth_date, o.start) >= t)
            for t in (o.min_age, 18)
        )
    ]
    assume(same_side)
    assert [before.get(i) for i in same_side] == [after.get(i) for i in same_side]


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
    results = rank_openings(s, index, k=200)
    assume(results)
    assert all(0.0 <= r.score <= 100.0 + 1e-9 for r in results)
    assert all(sum(f.contribution for f in r.factors) == r.score for r in results)


# --- one statement of the hard rules: the vectorised masks agree with it, rule by rule ------


def test_each_mask_table_lists_every_hard_rule_once():
    assert sorted(OPENING_MASKS) == sorted(RULE_CODES)
    assert sorted(STUDENT_MASKS) == sorted(RULE_CODES)
    assert len(set(RULE_CODES)) == len(RULE_CODES)


def _failing_codes(s: StudentRecord, o: OpeningRecord) -> set[str]:
    return {f.code for f in hard_rules_failing(s, o)}


@PROPS
@given(seeds)
def test_each_opening_mask_agrees_with_the_statement_of_the_hard_rules(seed):
    openings, index, s = region(seed)
    masks = opening_rule_masks(s, index)
    assert len(openings) == index.n > 0
    for row, o in enumerate(index.records):
        assert {code for code, holds in masks.items() if not holds[row]} == _failing_codes(s, o)


@PROPS
@given(seeds)
def test_each_student_mask_agrees_with_the_statement_of_the_hard_rules(seed):
    rng = np.random.default_rng(seed)
    openings = random_openings(rng, 12)
    students = StudentIndex.build([random_student(rng, sid) for sid in range(1, 41)])
    assert students.n == 40 and openings
    for o in openings:
        masks = student_rule_masks(o, students)
        for row, s in enumerate(students.records):
            failing = {code for code, holds in masks.items() if not holds[row]}
            assert failing == _failing_codes(s, o)


@PROPS
@given(seeds)
def test_the_ranking_holds_exactly_the_pairs_that_break_no_rule(seed):
    openings, index, s = region(seed)
    ranked = {r.id for r in rank_openings(s, index, k=len(openings))}
    assert ranked == {o.id for o in openings if not hard_rules_failing(s, o)}
    assert ranked == {o.id for o in openings if hard_rules_pass(s, o)}
    assert ranked == {o.id for o in openings if allowed(s, o)}


@PROPS
@given(seeds)
def test_every_pair_the_candidates_direction_returns_breaks_no_rule(seed):
    rng = np.random.default_rng(seed)
    openings = random_openings(rng, 12)
    pool = [random_student(rng, sid) for sid in range(1, 41)]
    students = StudentIndex.build(pool)
    assert len(openings) == 12 and students.n == len(pool)
    for o in openings:
        found = {r.id for r in rank_students(o, students, k=len(pool))}
        assert found == {s.id for s in pool if not hard_rules_failing(s, o)}


@PROPS
@given(seeds, st.sampled_from([1, 2, 3, 5, 40]))
def test_the_candidates_direction_is_the_exact_ranking_of_scoring_every_pair(seed, k):
    """Only the best estimates are scored exactly: the top k is still that of every pair."""
    rng = np.random.default_rng(seed)
    openings = [
        dataclasses.replace(o, is_open=True, places_left=1) for o in random_openings(rng, 6)
    ]
    pool = [random_student(rng, sid) for sid in range(1, 61)]
    students = StudentIndex.build(pool)
    assert students.records == pool
    for o in openings:
        # The interests similarity as the index has it (the sparse product), for every pair.
        sim = np.asarray((students.interests @ students.text.transform([o.text]).T).todense())
        sim = sim.ravel()
        every = [
            dataclasses.replace(r, id=s.id)
            for s, x in zip(pool, sim, strict=True)
            if (
                r := score_pair_naive(
                    s, o, DEFAULT_WEIGHTS, float(x) if s.interests_text.strip() else 0.0
                )
            )
        ]
        every.sort(key=lambda r: (-rank_key(r.score), r.id))
        got = rank_students(o, students, k=k)
        assert [(r.id, r.score) for r in got] == [(r.id, r.score) for r in every[:k]]
        rows = np.arange(students.n)
        guess = dict(
            zip(students.ids, estimates(_Ask(o, students), rows, sim, DEFAULT_WEIGHTS), strict=True)
        )
        for r in every:
            assert guess[r.id] == pytest.approx(r.score, abs=1e-9)


def test_among_ranks_only_those_students_whatever_consent_put_them_in_the_index():
    rng = np.random.default_rng(7)
    o = dataclasses.replace(random_openings(rng, 1)[0], is_open=True, places_left=1)
    pool = [random_student(rng, sid) for sid in range(1, 41)]
    pool = [
        dataclasses.replace(s, shown_to_employers=s.id % 2 == 0, findable=s.id % 3 == 0)
        for s in pool
    ]
    students = StudentIndex.build(pool)
    assert set(students.ids) == {s.id for s in pool if s.id % 2 == 0 or s.id % 3 == 0}
    fitting = {s.id for s in pool if not hard_rules_failing(s, o)}
    shown = {r.id for r in rank_students(o, students, k=40)}
    assert shown == {i for i in fitting if i % 2 == 0}
    findable = [s.id for s in pool if s.findable]
    assert {r.id for r in rank_students(o, students, k=40, among=findable)} == fitting & set(
        findable
    )


# --- the opening's own fields and the student's levels take part in the score -------------


def _scores(s: StudentRecord, index: OpeningIndex) -> dict[int, float]:
    return {r.id: r.score for r in rank_openings(s, index, k=index.n)}


@PROPS
@given(seeds, st.data())
def test_raising_a_skill_level_never_lowers_a_score(seed, data):
    _, index, s = region(seed)
    levels = dict(s.competency_levels)
    below_top = sorted(c for c in s.competencies if levels.get(c, 2) < 3)
    assume(below_top)
    skill = data.draw(st.sampled_from(below_top))
    raised = dataclasses.replace(
        s, competency_levels=frozenset({**levels, skill: levels.get(skill, 2) + 1}.items())
    )
    before, after = _scores(s, index), _scores(raised, index)
    assume(before)
    assert after.keys() == before.keys()
    assert all(after[i] >= before[i] - 1e-9 for i in before)


@PROPS
@given(seeds, st.data())
def test_achieving_a_werkproces_never_lowers_a_score_and_raises_its_fit(seed, data):
    openings, index, s = region(seed)
    before = _scores(s, index)
    asked = sorted(
        {w for o in openings if o.id in before for w in o.werkprocessen} - s.werkprocessen_achieved
    )
    assume(asked)
    werkproces = data.draw(st.sampled_from(asked))
    better = dataclasses.replace(s, werkprocessen_achieved=s.werkprocessen_achieved | {werkproces})
    after = _scores(better, index)
    assert after.keys() == before.keys()
    assert all(after[i] >= before[i] - 1e-9 for i in before)
    fit = {r.id: r for r in rank_openings(better, index, k=index.n)}
    old = {r.id: r for r in rank_openings(s, index, k=index.n)}
    asking = [o.id for o in openings if o.id in before and werkproces in o.werkprocessen]
    assert asking
    assert all(_value(fit[i], "qualification") > _value(old[i], "qualification") for i in asking)


def _value(result, code: str) -> float:
    return next(f.value for f in result.factors if f.code == code)


@PROPS
@given(seeds)
def test_levels_and_achieved_werkprocessen_score_the_same_naive_and_vectorised(seed):
    openings, index, s = region(seed)
    assume(s.competency_levels or s.werkprocessen_achieved)
    fast = rank_openings(s, index, k=len(openings))
    slow = rank_openings_naive(s, openings, DEFAULT_WEIGHTS, k=len(openings), text_model=index.text)
    assume(fast)
    assert [r.id for r in fast] == [r.id for r in slow]
    assert [r.score for r in fast] == pytest.approx([r.score for r in slow], abs=1e-9)
