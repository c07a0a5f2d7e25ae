"""The one statement of the hard rules: which rules fail for a pair, with the facts; the
leerweg rule; skill levels and achieved werkprocessen in the score."""

import pytest

from matching.engine import (
    ADULT_AGE,
    RULE_CODES,
    OpeningIndex,
    OpeningRecord,
    StudentIndex,
    StudentRecord,
    hard_rules_failing,
    hard_rules_pass,
    rank_openings,
    rank_students,
    score_pair_naive,
)
from matching.engine.records import DEFAULT_WEIGHTS
from tests.matching.engine.builders import GRONINGEN, D, opening, student


def codes(s: StudentRecord, o: OpeningRecord) -> list[str]:
    return [f.code for f in hard_rules_failing(s, o)]


def only_failure(s: StudentRecord, o: OpeningRecord):
    failures = hard_rules_failing(s, o)
    assert len(failures) == 1, failures
    return failures[0]


def score(s: StudentRecord, o: OpeningRecord, code: str) -> float:
    result = rank_openings(s, OpeningIndex.build([o]))[0]
    return next(f.value for f in result.factors if f.code == code)


# --- which rules fail, with the facts --------------------------------------------------


def test_a_fitting_pair_breaks_no_rule():
    assert hard_rules_failing(student(), opening()) == ()
    assert hard_rules_pass(student(), opening())


BROKEN = {
    "closed": (student(), opening(is_open=False), {}),
    "full": (student(), opening(places_left=0), {"places_left": 0}),
    "kind": (student(), opening(kind="vacature"), {"kind": "vacature", "allowed": ("bpv",)}),
    "leerweg": (student(), opening(leerweg="bbl"), {"leerweg": "bol", "opening_leerweg": "bbl"}),
    "recognition": (
        student(qualification_id=6),
        opening(),
        {"qualification_id": 6, "start": D(2027, 2, 1)},
    ),
    "level": (student(level=1), opening(min_level=3), {"level": 1, "min_level": 3}),
    "min_age": (
        student(birth_date=D(2010, 3, 1)),
        opening(min_age=18),
        {"age": 16, "min_age": 18, "start": D(2027, 2, 1)},
    ),
    "night_work_minor": (
        student(birth_date=D(2011, 6, 1)),
        opening(night_work=True),
        {"age": 15, "adult_age": 18, "start": D(2027, 2, 1)},
    ),
    "hours": (
        student(hours_per_week=16),
        opening(hours_per_week=24),
        {"hours": 24, "max_hours": 16},
    ),
    "dates": (
        student(available_to=D(2027, 1, 31)),
        opening(),
        {
            "start": D(2027, 2, 1),
            "end": D(2027, 7, 1),
            "available_from": D(2027, 1, 1),
            "available_to": D(2027, 1, 31),
        },
    ),
}


@pytest.mark.parametrize("code", sorted(BROKEN))
def test_each_broken_rule_is_reported_with_its_code_and_facts(code):
    s, o, facts = BROKEN[code]
    failure = only_failure(s, o)
    assert (failure.code, dict(failure.facts)) == (code, facts)


def test_a_place_beyond_the_travel_radius_names_the_km_and_the_radius():
    north = opening(lat=GRONINGEN[0] + 34 / 111.195)  # about 34 km north
    failure = only_failure(student(travel_radius_km=20), north)
    assert failure.code == "distance"
    assert failure.facts["km"] == pytest.approx(34, abs=0.1)
    assert failure.facts["radius_km"] == 20


def test_every_rule_code_has_an_example_above():
    assert set(BROKEN) | {"distance"} == set(RULE_CODES)


def test_a_fifteen_year_old_on_an_adult_night_shift_breaks_both_age_rules_in_order():
    s = student(birth_date=D(2011, 6, 1), school_leaver=True)
    night = opening(kind="vacature", night_work=True, min_age=ADULT_AGE)
    assert codes(s, night) == ["min_age", "night_work_minor"]


def test_every_broken_rule_is_reported_not_only_the_first():
    s = student(level=0, hours_per_week=8, birth_date=D(2011, 6, 1))
    o = opening(is_open=False, min_level=2, night_work=True)
    assert codes(s, o) == ["closed", "level", "night_work_minor", "hours"]


def test_a_given_distance_is_used_instead_of_the_one_from_the_coordinates():
    assert [f.code for f in hard_rules_failing(student(), opening(), distance_km=25.0)] == [
        "distance"
    ]


def test_the_adult_age_is_18():
    assert ADULT_AGE == 18


# --- the leerweg: a BBL leerbaan is for BBL students, a BOL place for BOL students ------


def test_a_bol_student_is_not_matched_to_a_bbl_leerbaan():
    leerbaan = opening(kind="leerbaan", leerweg="bbl", recognitions=())
    assert {"kind", "leerweg"} <= set(codes(student(leerweg="bol"), leerbaan))
    assert rank_openings(student(leerweg="bol"), OpeningIndex.build([leerbaan])) == []


def test_a_bol_student_is_not_matched_to_a_place_for_bbl_students():
    assert codes(student(leerweg="bol"), opening(leerweg="bbl")) == ["leerweg"]


def test_a_bbl_student_is_not_matched_to_a_leerbaan_for_bol_students():
    bol_only = opening(kind="leerbaan", leerweg="bol")
    assert codes(student(leerweg="bbl"), bol_only) == ["leerweg"]
    assert codes(student(leerweg="bbl"), opening(kind="leerbaan", leerweg="bbl")) == []


def test_an_opening_for_any_leerweg_takes_bol_and_bbl_students():
    assert codes(student(leerweg="bol"), opening(leerweg="")) == []
    assert codes(student(leerweg="bbl"), opening(kind="leerbaan", leerweg="")) == []


@pytest.mark.parametrize(
    "who",
    [
        dict(education_type="pro", leerweg="", level=0, qualification_id=None),
        dict(education_type="vso", leerweg="", level=0, qualification_id=None),
        dict(school_leaver=True, leerweg="bol"),
    ],
    ids=["pro", "vso", "mbo school leaver"],
)
def test_the_leerweg_binds_neither_pro_vso_nor_school_leavers(who):
    s = student(**who)
    kind = "leerbaan" if s.school_leaver else "bpv"
    assert "leerweg" not in codes(s, opening(kind=kind, leerweg="bbl", recognitions=()))


def test_the_candidates_direction_keeps_a_bol_student_from_a_bbl_place():
    index = StudentIndex.build([student(), student(id=10, leerweg="bbl")])
    for_bbl = opening(kind="leerbaan", leerweg="bbl")
    assert [r.id for r in rank_students(for_bbl, index)] == [10]


def test_an_opening_of_an_unknown_kind_has_no_candidates():
    index = StudentIndex.build([student(), student(id=10, school_leaver=True)])
    assert rank_students(opening(kind="stage"), index) == []
    assert codes(student(), opening(kind="stage")) == ["kind"]


# --- skill levels and achieved werkprocessen ---------------------------------------------

SKILLS = frozenset({1, 2})


def with_levels(*levels: int) -> StudentRecord:
    return student(
        competencies=SKILLS, competency_levels=frozenset(zip(sorted(SKILLS), levels, strict=True))
    )


@pytest.mark.parametrize(
    ("levels", "share"),
    [((1, 1), 0.5), ((2, 2), 1.0), ((1, 2), 0.75), ((3, 1), 0.8125), ((3, 3), 1.0)],
)
def test_a_skill_counts_half_learning_fully_able_and_a_little_more_when_strong(levels, share):
    o = opening(required_competencies=SKILLS)
    assert score(with_levels(*levels), o, "required_competencies") == share


def test_a_skill_without_a_level_counts_as_i_can_do_it():
    o = opening(nice_competencies=SKILLS)
    assert score(student(competencies=SKILLS), o, "nice_competencies") == 1.0


def test_a_strong_skill_never_makes_up_for_more_than_the_whole():
    o = opening(required_competencies=frozenset({1}))
    assert score(with_levels(3, 3), o, "required_competencies") == 1.0


def test_an_achieved_werkproces_counts_fully_and_one_of_the_qualification_half():
    o = opening(werkprocessen=frozenset({1, 2}))
    in_qualification = student(qualification_werkprocessen=frozenset({1, 2}))
    achieved = student(
        qualification_werkprocessen=frozenset({1, 2}), werkprocessen_achieved=frozenset({1})
    )
    assert score(in_qualification, o, "qualification") == 0.5 + 0.5 * 0.5
    assert score(achieved, o, "qualification") == 0.5 + 0.5 * 0.75


def test_levels_and_werkprocessen_score_the_same_in_the_naive_scorer_and_both_directions():
    o = opening(required_competencies=SKILLS, werkprocessen=frozenset({7, 8}))
    s = student(
        competencies=SKILLS,
        competency_levels=frozenset({(1, 1), (2, 3)}),
        qualification_werkprocessen=frozenset({7}),
        werkprocessen_achieved=frozenset({8}),
    )
    forward = rank_openings(s, OpeningIndex.build([o]))[0].score
    backward = rank_students(o, StudentIndex.build([s]))[0].score
    naive = score_pair_naive(s, o, DEFAULT_WEIGHTS).score
    assert forward == naive == backward
