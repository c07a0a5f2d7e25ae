"""The ranking engine: hard rules, factors, explanations, both directions, normalisation."""

import dataclasses
import datetime

import numpy as np
import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from matching.engine import (
    DEFAULT_WEIGHTS,
    OpeningIndex,
    OpeningRecord,
    RankFilter,
    StudentIndex,
    StudentRecord,
    Vocabulary,
    Weights,
    input_hash,
    rank_openings,
    rank_openings_naive,
    rank_students,
    synthetic,
)
from matching.engine.naive import hard_rules_pass, haversine_km
from matching.engine.records import age_on

D = datetime.date


def opening(**kw) -> OpeningRecord:
    base = dict(
        id=1, kind="bpv", is_open=True, places_left=1, employer_id=1,
        recognitions=((5, D(2020, 1, 1), None),), min_level=0, min_age=0, night_work=False,
        evening=False, weekend=False, lat=53.2194, lon=6.5665, start=D(2027, 2, 1),
        end=D(2027, 7, 1), hours_per_week=24, sector_id=1,
        required_competencies=frozenset({1, 2}), text="magazijn logistiek heftruck",
    )  # fmt: skip
    base.update(kw)
    return OpeningRecord(**base)


def student(**kw) -> StudentRecord:
    base = dict(
        id=9, education_type="mbo", leerweg="bol", school_leaver=False, level=2,
        qualification_id=5, qualification_werkprocessen=frozenset(),
        werkprocessen_achieved=frozenset(), birth_date=D(2009, 5, 1), lat=53.2194,
        lon=6.5665, travel_radius_km=20, available_from=D(2027, 1, 1), available_to=None,
        hours_per_week=32, competencies=frozenset({1, 2}), interests_text="",
        shown_to_employers=True,
    )  # fmt: skip
    base.update(kw)
    return StudentRecord(**base)


def ids(s, *openings, **kw):
    return [r.id for r in rank_openings(s, OpeningIndex.build(list(openings)), **kw)]


def test_a_fitting_opening_is_ranked():
    assert ids(student(), opening()) == [1]


def test_a_closed_or_full_opening_is_never_ranked():
    assert ids(student(), opening(is_open=False)) == []
    assert ids(student(), opening(places_left=0)) == []


def test_a_bol_student_gets_bpv_plekken_not_leerbanen():
    assert ids(student(), opening(kind="leerbaan")) == []


def test_a_bbl_student_gets_leerbanen():
    assert ids(student(leerweg="bbl"), opening(kind="leerbaan"), opening(id=2)) == [1]


def test_a_school_leaver_gets_vacatures_and_leerbanen():
    found = ids(student(school_leaver=True), opening(kind="vacature"), opening(id=2))
    assert found == [1]


def test_bpv_needs_recognition_for_the_students_qualification():
    assert ids(student(qualification_id=6), opening()) == []


def test_an_expired_recognition_does_not_count_on_the_start_date():
    expired = opening(recognitions=((5, D(2020, 1, 1), D(2026, 12, 31)),))
    assert ids(student(), expired) == []


def test_pro_students_need_no_recognition():
    pro = student(education_type="pro", leerweg="", level=0, qualification_id=None)
    assert ids(pro, opening(recognitions=())) == [1]


def test_level_below_the_minimum_is_excluded():
    assert ids(student(level=1), opening(min_level=2)) == []


def test_minor_is_never_matched_to_night_work():
    assert ids(student(birth_date=D(2010, 1, 1)), opening(night_work=True)) == []
    assert ids(student(birth_date=D(2005, 1, 1)), opening(night_work=True)) == [1]


def test_minimum_age_counts_on_the_start_date_to_the_day():
    turns_18_on_start = student(birth_date=D(2009, 2, 1))
    turns_18_a_day_later = student(birth_date=D(2009, 2, 2))
    assert ids(turns_18_on_start, opening(min_age=18)) == [1]
    assert ids(turns_18_a_day_later, opening(min_age=18)) == []


def test_a_place_beyond_the_travel_radius_is_excluded():
    assen = opening(lat=52.9925, lon=6.5625)  # about 25 km from Groningen
    assert ids(student(travel_radius_km=20), assen) == []
    assert ids(student(travel_radius_km=30), assen) == [1]


def test_availability_must_overlap_and_hours_must_fit():
    assert ids(student(available_to=D(2027, 1, 31)), opening()) == []
    assert ids(student(hours_per_week=16), opening(hours_per_week=24)) == []


def test_contributions_add_up_to_the_score():
    result = rank_openings(student(interests_text="heftruck"), OpeningIndex.build([opening()]))[0]
    assert sum(f.contribution for f in result.factors) == pytest.approx(result.score, abs=1e-5)


def test_every_factor_fully_met_scores_100():
    full = opening(text="", required_competencies=frozenset(), end=None)
    s = student(interests_text="")
    weights = Weights("t", {**DEFAULT_WEIGHTS.values, "interests": 0})
    assert rank_openings(s, OpeningIndex.build([full]), weights)[0].score == pytest.approx(100)


def test_explanation_names_matched_and_missing_competencies():
    result = rank_openings(student(competencies=frozenset({1})), OpeningIndex.build([opening()]))
    assert result[0].matched_competencies == (1,)
    assert result[0].missing_competencies == (2,)
    assert result[0].required_competency_ids == (1, 2)


def test_filters_narrow_by_kind_sector_and_distance():
    far = opening(id=2, lat=53.33, lon=6.92)  # Delfzijl, ~27 km
    s = student(travel_radius_km=40)
    assert ids(s, opening(), far, filter=RankFilter(max_distance_km=10)) == [1]
    assert ids(s, opening(), opening(id=3, sector_id=2), filter=RankFilter(sector_ids={2})) == [3]


def test_empty_inputs_give_an_empty_list():
    assert rank_openings(student(), OpeningIndex.build([])) == []
    assert rank_students(opening(), StudentIndex.build([])) == []
    assert Vocabulary.build([]).normalise(["lassen"])[0].method == "unknown"


def test_invalid_weights_are_refused_with_a_clear_message():
    with pytest.raises(ValueError, match="Unknown factor"):
        rank_openings(student(), OpeningIndex.build([opening()]), Weights("x", {"age": 1}))


def test_candidates_direction_only_shows_consenting_students():
    index = StudentIndex.build([student(), student(id=10, shown_to_employers=False)])
    assert [r.id for r in rank_students(opening(), index)] == [9]


def test_a_pair_scores_the_same_in_both_directions():
    s, o = student(interests_text="logistiek"), opening()
    oi = OpeningIndex.build([o])
    forward = rank_openings(s, oi)[0]
    backward = rank_students(o, StudentIndex.build([s], text_model=oi.text))[0]
    assert forward.score == pytest.approx(backward.score, abs=1e-6)


def test_normalisation_maps_synonyms_typos_and_keeps_unknown_terms():
    vocab = Vocabulary.build(
        [(1, "Klantvriendelijk", ["klantgericht"]), (2, "Heftruckcertificaat",
          ["heftruck rijbewijs"]), (3, "Samenwerken", [])]
    )  # fmt: skip
    found = vocab.normalise(["heftruck rijbewijs", "klantvriendelik", "samenwerken", "astronaut"])
    assert [(t.id, t.method) for t in found] == [
        (2, "synonym"), (1, "fuzzy"), (3, "exact"), (None, "unknown")
    ]  # fmt: skip
    assert vocab.suggest("klant")[0] == (1, "Klantvriendelijk")


# --- properties on random regions ----------------------------------------------------------

OPENINGS = synthetic.openings(400, seed=7, competencies=40, qualifications=20)
INDEX = OpeningIndex.build(OPENINGS)
STUDENTS = synthetic.students(200, seed=8, competencies=40, qualifications=20)
BY_ID = {o.id: o for o in OPENINGS}
PROPS = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
some_student = st.sampled_from(STUDENTS)


def _interests(s):
    sims = INDEX.interests(s.interests_text, np.arange(INDEX.n))
    return dict(zip(INDEX.ids.tolist(), sims.tolist(), strict=True))


@PROPS
@given(some_student)
def test_no_result_ever_breaks_a_hard_rule(s):
    results = rank_openings(s, INDEX, k=50)
    assume(results)
    for r in results:
        o = BY_ID[r.id]
        assert hard_rules_pass(s, o, haversine_km(s.lat, s.lon, o.lat, o.lon))


@PROPS
@given(some_student)
def test_the_same_input_gives_the_same_output(s):
    assert rank_openings(s, INDEX, k=20) == rank_openings(s, INDEX, k=20)


@PROPS
@given(some_student)
def test_vectorised_ranking_equals_the_naive_scorer(s):
    fast = rank_openings(s, INDEX, k=15)
    slow = rank_openings_naive(s, OPENINGS, DEFAULT_WEIGHTS, k=15, interests=_interests(s))
    assert [r.id for r in fast] == [r.id for r in slow]
    assert [r.score for r in fast] == pytest.approx([r.score for r in slow], abs=1e-6)


@PROPS
@given(some_student, st.data())
def test_gaining_a_required_competency_never_lowers_the_score(s, data):
    results = rank_openings(s, INDEX, k=30)
    assume(results)
    r = data.draw(st.sampled_from(results))
    asked = sorted(BY_ID[r.id].required_competencies - s.competencies)
    assume(asked)
    better = dataclasses.replace(s, competencies=s.competencies | {asked[0]})
    single = OpeningIndex.build([BY_ID[r.id]])
    assert rank_openings(better, single)[0].score >= rank_openings(s, single)[0].score - 1e-9


@PROPS
@given(some_student, st.integers(min_value=-200, max_value=200))
def test_birth_date_within_the_same_age_band_never_changes_a_score(s, shift):
    moved = dataclasses.replace(s, birth_date=s.birth_date + datetime.timedelta(days=shift))
    before = {r.id: r.score for r in rank_openings(s, INDEX, k=400)}
    after = {r.id: r.score for r in rank_openings(moved, INDEX, k=400)}
    same_band = [
        oid
        for oid in sorted(before.keys() & after.keys())
        if all(
            (age_on(s.birth_date, BY_ID[oid].start) >= t)
            == (age_on(moved.birth_date, BY_ID[oid].start) >= t)
            for t in (BY_ID[oid].min_age, 18)
        )
    ]
    assume(same_band)
    assert [before[oid] for oid in same_band] == [after[oid] for oid in same_band]


@PROPS
@given(some_student, st.sets(st.sampled_from(synthetic.SUPPORT), min_size=1))
def test_needing_support_never_lowers_a_score(s, needs):
    without = dataclasses.replace(s, support_needs=frozenset())
    with_needs = dataclasses.replace(s, support_needs=frozenset(needs))
    plain = {r.id: r.score for r in rank_openings(without, INDEX, k=400)}
    needy = rank_openings(with_needs, INDEX, k=400)
    assume(needy)
    assert all(r.score >= plain[r.id] - 1e-9 for r in needy)


@PROPS
@given(some_student)
def test_input_hash_is_stable_and_changes_with_the_profile(s):
    assert input_hash(s, DEFAULT_WEIGHTS) == input_hash(s, DEFAULT_WEIGHTS)
    other = dataclasses.replace(s, travel_radius_km=s.travel_radius_km + 1)
    assert input_hash(s, DEFAULT_WEIGHTS) != input_hash(other, DEFAULT_WEIGHTS)
