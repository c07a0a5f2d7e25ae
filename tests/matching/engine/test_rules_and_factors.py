"""Each hard rule on both sides, each soft factor, explanations, extremes and edge cases."""

import dataclasses
import math

import pytest

from matching.engine import (
    DEFAULT_WEIGHTS,
    OpeningIndex,
    RankFilter,
    StudentIndex,
    Vocabulary,
    Weights,
    input_hash,
    rank_openings,
    rank_openings_naive,
    rank_students,
    score_pair_naive,
)
from matching.engine.records import age_on
from tests.matching.engine.builders import GRONINGEN, D, opening, student


def ranked(s, *openings, **kw):
    return rank_openings(s, OpeningIndex.build(list(openings)), **kw)


def ids(s, *openings, **kw):
    return [r.id for r in ranked(s, *openings, **kw)]


def factor(result, code):
    return next(f for f in result.factors if f.code == code)


def value(s, o, code, **kw):
    return factor(ranked(s, o, **kw)[0], code).value


# --- hard rules --------------------------------------------------------------------------


def test_a_pro_student_at_school_gets_a_bpv_plek_but_no_vacature():
    pro = student(education_type="pro", leerweg="", level=0, qualification_id=None)
    assert ids(pro, opening(recognitions=()), opening(id=2, kind="vacature")) == [1]


def test_a_vso_school_leaver_gets_a_vacature_but_no_bpv_plek():
    vso = student(education_type="vso", leerweg="", level=0, qualification_id=None)
    leaver = dataclasses.replace(vso, school_leaver=True)
    assert ids(leaver, opening(kind="vacature"), opening(id=2, recognitions=())) == [1]


def test_a_mbo_student_without_a_qualification_never_gets_a_bpv_plek():
    assert ids(student(qualification_id=None), opening()) == []


def test_a_recognition_starting_after_the_start_date_does_not_count():
    later = opening(recognitions=((5, D(2027, 2, 2), None),))
    assert ids(student(), later) == []


def test_a_recognition_ending_on_the_start_date_still_counts():
    ends = opening(recognitions=((5, D(2020, 1, 1), D(2027, 2, 1)),))
    assert ids(student(), ends) == [1]


def test_a_recognition_is_not_needed_for_a_leerbaan():
    bbl = student(leerweg="bbl")
    assert ids(bbl, opening(kind="leerbaan", recognitions=())) == [1]


def test_a_level_equal_to_the_minimum_is_enough():
    assert ids(student(level=2), opening(min_level=2)) == [1]


def test_a_student_turning_18_on_the_start_date_may_do_night_work():
    assert ids(student(birth_date=D(2009, 2, 1)), opening(night_work=True)) == [1]


def test_a_student_turning_18_the_day_after_the_start_may_not_do_night_work():
    assert ids(student(birth_date=D(2009, 2, 2)), opening(night_work=True)) == []


def test_a_leap_day_birthday_counts_from_the_first_of_march_in_other_years():
    assert age_on(D(2008, 2, 29), D(2026, 2, 28)) == 17
    assert age_on(D(2008, 2, 29), D(2026, 3, 1)) == 18


def test_a_place_just_inside_the_radius_is_kept_and_just_outside_is_dropped():
    north = opening(lat=GRONINGEN[0] + 10 / 111.195)  # about 10.0 km north
    assert ids(student(travel_radius_km=10.01), north) == [1]
    assert ids(student(travel_radius_km=9.99), north) == []


def test_a_place_east_at_the_edge_of_the_radius_is_kept():
    east = opening(lon=GRONINGEN[1] + 0.29)
    d = ranked(student(travel_radius_km=40), east)[0].distance_km
    assert ids(student(travel_radius_km=d + 1e-6), east) == [1]


def test_an_opening_ending_before_the_student_is_available_is_dropped():
    assert ids(student(available_from=D(2027, 7, 2)), opening()) == []


def test_an_open_ended_opening_overlaps_any_later_availability():
    assert ids(student(available_from=D(2030, 1, 1)), opening(end=None)) == [1]


def test_hours_equal_to_the_students_maximum_fit():
    assert ids(student(hours_per_week=24), opening(hours_per_week=24)) == [1]


def test_a_minor_is_never_offered_night_work_in_the_candidates_direction():
    index = StudentIndex.build([student(birth_date=D(2010, 1, 1)), student(id=10)])
    assert [r.id for r in rank_students(opening(night_work=True), index)] == [10]


# --- soft factors ------------------------------------------------------------------------


def test_required_competencies_count_as_a_share():
    o = opening(required_competencies=frozenset({1, 2, 3, 4}))
    assert value(student(competencies=frozenset({1, 2})), o, "required_competencies") == 0.5


def test_nothing_required_counts_as_fully_met():
    assert value(student(), opening(), "required_competencies") == 1.0


def test_nice_competencies_count_as_a_share():
    o = opening(nice_competencies=frozenset({7, 8}))
    assert value(student(competencies=frozenset({8})), o, "nice_competencies") == 0.5


def test_qualification_is_half_acceptance_and_half_werkprocessen():
    o = opening(accepted_qualifications=frozenset({6}), werkprocessen=frozenset({1, 2}))
    achieved = frozenset({1, 2})
    s = student(qualification_werkprocessen=frozenset({1, 2, 3}), werkprocessen_achieved=achieved)
    assert value(s, o, "qualification") == 0.5
    accepted = dataclasses.replace(o, accepted_qualifications=frozenset({5, 6}))
    assert value(s, accepted, "qualification") == 1.0


def test_certificates_count_as_a_share():
    o = opening(required_certificates=frozenset({1, 2}))
    assert value(student(certificates=frozenset({2})), o, "certificates") == 0.5


def test_distance_is_one_at_home_and_falls_with_the_radius():
    assert value(student(), opening(), "distance") == 1.0
    north = opening(lat=GRONINGEN[0] + 10 / 111.195)
    assert value(student(travel_radius_km=20), north, "distance") == pytest.approx(0.5, abs=1e-3)


def test_sector_counts_only_when_the_student_has_preferences():
    assert value(student(), opening(sector_id=3), "sector") == 1.0
    assert value(student(sector_preferences=frozenset({3})), opening(sector_id=3), "sector") == 1
    assert value(student(sector_preferences=frozenset({2})), opening(sector_id=3), "sector") == 0


def test_interests_reward_shared_words_and_are_zero_without_text():
    o = opening(text="werken in het magazijn met de heftruck")
    other = opening(id=2, text="koken in de keuken van een restaurant")
    index = OpeningIndex.build([o, other])
    s = student(interests_text="heftruck rijden")
    by_id = {r.id: factor(r, "interests").value for r in rank_openings(s, index)}
    assert by_id[1] > 0 and by_id[2] == 0
    assert factor(rank_openings(student(), index)[0], "interests").value == 0


def test_availability_is_the_covered_share_of_the_period():
    o = opening(start=D(2027, 1, 1), end=D(2027, 1, 11))
    assert value(student(available_to=D(2027, 1, 6)), o, "availability") == 0.5


def test_support_counts_as_the_share_of_needs_offered():
    o = opening(support_offered=frozenset({"jobcoach"}))
    s = student(support_needs=frozenset({"jobcoach", "rustige_werkplek"}))
    result = ranked(s, o)[0]
    assert factor(result, "support").value == 0.5
    assert result.matched_support == ("jobcoach",)
    assert result.missing_support == ("rustige_werkplek",)


def test_support_that_would_lower_the_score_is_not_applied_and_shows_weight_zero():
    s = student(support_needs=frozenset({"jobcoach"}))
    support = factor(ranked(s, opening())[0], "support")
    assert (support.weight, support.contribution) == (0.0, 0.0)


def test_a_student_without_needs_never_outscores_the_same_student_with_needs():
    o = opening(required_competencies=frozenset({1, 2}), support_offered=frozenset({"jobcoach"}))
    plain = ranked(student(), o)[0].score
    needy = ranked(student(support_needs=frozenset({"jobcoach"})), o)[0].score
    assert needy > plain


# --- scores, explanations, edge cases ----------------------------------------------------


def test_contributions_add_up_exactly_to_the_score():
    o = opening(required_competencies=frozenset({1, 2, 3}), support_offered=frozenset({"jobcoach"}))
    s = student(competencies=frozenset({1}), interests_text="heftruck", travel_radius_km=7)
    s = dataclasses.replace(s, support_needs=frozenset({"jobcoach"}), lat=53.25)
    result = ranked(s, o)[0]
    assert sum(f.contribution for f in result.factors) == result.score


def test_nothing_fitting_scores_zero():
    o = opening(
        required_competencies=frozenset({1}), nice_competencies=frozenset({2}),
        required_certificates=frozenset({3}), accepted_qualifications=frozenset({6}),
        werkprocessen=frozenset({4}), sector_id=2, start=D(2027, 1, 1),
    )  # fmt: skip
    s = student(sector_preferences=frozenset({1}), available_to=D(2027, 1, 1))
    weights = Weights("t", {**DEFAULT_WEIGHTS.values, "distance": 0})
    assert ranked(s, o, weights=weights)[0].score == 0.0


def test_the_explanation_lists_certificates_and_distance():
    o = opening(required_certificates=frozenset({1, 2}), lat=GRONINGEN[0] + 0.05)
    result = ranked(student(certificates=frozenset({2, 9})), o)[0]
    assert (result.matched_certificates, result.missing_certificates) == ((2,), (1,))
    assert result.distance_km == pytest.approx(5.56, abs=0.01)


def test_the_explanation_says_which_competencies_are_required():
    o = opening(required_competencies=frozenset({1, 2}), nice_competencies=frozenset({3}))
    result = ranked(student(competencies=frozenset({1, 3})), o)[0]
    assert result.matched_competencies == (1, 3)
    assert result.missing_competencies == (2,)
    assert result.required_competency_ids == (1, 2)


def test_a_student_with_an_empty_profile_is_still_ranked():
    bare = student(competencies=frozenset(), certificates=frozenset(), interests_text="")
    assert ids(bare, opening(required_competencies=frozenset({1}))) == [1]


def test_texts_of_only_stop_words_give_interests_zero_not_an_error():
    o = opening(text="de het een")
    result = ranked(student(interests_text="de een"), o)[0]
    assert factor(result, "interests").value == 0.0


def test_equal_scores_are_ordered_by_id():
    assert ids(student(), opening(id=3), opening(id=1), opening(id=2)) == [1, 2, 3]


def test_k_limits_the_results_and_k_zero_gives_none():
    openings = [opening(id=i) for i in range(1, 6)]
    assert ids(student(), *openings, k=2) == [1, 2]
    assert ids(student(), *openings, k=0) == []


def test_a_kind_filter_narrows_a_school_leavers_results():
    leaver = student(school_leaver=True)
    both = (opening(kind="vacature"), opening(id=2, kind="leerbaan"))
    assert ids(leaver, *both, filter=RankFilter(kinds=frozenset({"leerbaan"}))) == [2]


def test_a_filter_never_widens_what_the_student_may_get():
    assert ids(student(), opening(kind="vacature"), filter=RankFilter(kinds={"vacature"})) == []


@pytest.mark.parametrize(
    "values", [{"distance": -1}, {"distance": math.nan}, {"distance": 0}, {"distance": "x"}]
)
def test_weights_that_are_negative_not_numbers_or_zero_are_refused(values):
    with pytest.raises(ValueError, match="Weights|weights"):
        ranked(student(), opening(), weights=Weights("bad", values))


def test_custom_weights_change_the_score():
    o = opening(required_competencies=frozenset({1}))
    only_required = Weights("r", {"required_competencies": 1})
    assert ranked(student(), o, weights=only_required)[0].score == 0.0


def test_the_input_hash_changes_with_the_weights_version():
    other = Weights("2099.1", DEFAULT_WEIGHTS.values)
    assert input_hash(student(), DEFAULT_WEIGHTS) != input_hash(student(), other)


def test_the_naive_scorer_with_the_text_model_agrees_on_interests():
    o = opening(text="werken in het magazijn met de heftruck")
    index = OpeningIndex.build([o, opening(id=2, text="koken in de keuken")])
    s = student(interests_text="magazijn en heftruck")
    slow = score_pair_naive(s, o, DEFAULT_WEIGHTS, text_model=index.text)
    assert slow.score == pytest.approx(rank_openings(s, index)[0].score, abs=1e-9)


def test_the_naive_scorer_returns_none_when_a_hard_rule_fails():
    assert score_pair_naive(student(level=0), opening(min_level=3), DEFAULT_WEIGHTS) is None


def test_the_naive_ranking_of_nothing_is_empty():
    assert rank_openings_naive(student(), [], DEFAULT_WEIGHTS) == []


# --- normalisation -----------------------------------------------------------------------

VOCAB = Vocabulary.build(
    [
        (1, "Klantvriendelijk", ["klantgericht"]),
        (2, "Heftruckcertificaat", ["heftruck rijbewijs"]),
        (3, "Samenwerken", []),
        (4, "Communiceren", []),
    ]
)


def test_accents_case_and_spaces_do_not_matter_for_an_exact_match():
    assert VOCAB.normalise(["  SAMENWÉRKEN "])[0].method == "exact"


def test_an_empty_term_is_reported_unknown():
    assert VOCAB.normalise([""])[0].method == "unknown"


def test_suggestions_tolerate_a_typo():
    assert VOCAB.suggest("heftruk")[0] == (2, "Heftruckcertificaat")


def test_suggestions_from_an_empty_vocabulary_are_empty():
    assert Vocabulary.build([]).suggest("las") == []
