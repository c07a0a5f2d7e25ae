"""The per-pair scorer: plain Python, one student and one opening at a time.

It is the readable statement of the scoring (the hard rules it applies are stated once, in
`rules`) and the reference the vectorised ranking is tested
against; the candidates direction also scores its (prefiltered) pairs with it, so both
directions share one scoring.
"""

import math

from .records import (
    FACTOR_CODES,
    KIND_CODE,
    Factor,
    OpeningRecord,
    RankedResult,
    StudentRecord,
    Weights,
    competency_weights,
    werkproces_credits,
)
from .rules import hard_rules_pass, haversine_km
from .text import TextModel

OPEN_ENDED_DAYS = 365


def _share(asked: frozenset, have: frozenset) -> float:
    return 1.0 if not asked else len(asked & have) / len(asked)


def _credited_share(asked: frozenset, credit: dict) -> float:
    """The asked items' credits added up, as a share of the asked (capped at 1)."""
    if not asked:
        return 1.0
    return min(sum(credit.get(i, 0.0) for i in asked) / len(asked), 1.0)


def availability_value(student: StudentRecord, opening: OpeningRecord) -> float:
    start = opening.start.toordinal()
    end = opening.end.toordinal() if opening.end else start + OPEN_ENDED_DAYS
    s_from = student.available_from.toordinal()
    s_to = student.available_to.toordinal() if student.available_to else 10**7
    period = max(end - start, 1)
    overlap = min(end, s_to) - max(start, s_from)
    return min(max(overlap / period, 0.0), 1.0)


def qualification_value(student: StudentRecord, opening: OpeningRecord) -> float:
    """Half: the opening accepts the student's qualification (or any); half: the opening's
    werkprocessen, each counting fully when the student achieved it and half when it belongs
    to the student's qualification (1 when none listed)."""
    accepted = (
        1.0
        if not opening.accepted_qualifications
        else float(student.qualification_id in opening.accepted_qualifications)
    )
    wp = _credited_share(opening.werkprocessen, werkproces_credits(student))
    return 0.5 * accepted + 0.5 * wp


def factor_values(
    student: StudentRecord, opening: OpeningRecord, distance: float, interests: float
) -> dict[str, float]:
    radius = student.travel_radius_km
    skills = competency_weights(student)
    return {
        "required_competencies": _credited_share(opening.required_competencies, skills),
        "nice_competencies": _credited_share(opening.nice_competencies, skills),
        "qualification": qualification_value(student, opening),
        "certificates": _share(opening.required_certificates, student.certificates),
        "distance": 1.0 if radius <= 0 else min(max(1.0 - distance / radius, 0.0), 1.0),
        "sector": 1.0
        if not student.sector_preferences
        else float(opening.sector_id in student.sector_preferences),
        "interests": min(max(interests, 0.0), 1.0) if student.interests_text.strip() else 0.0,
        "availability": availability_value(student, opening),
        "support": _share(student.support_needs, opening.support_offered),
    }


def coefficients(weights: Weights, with_support: bool) -> dict[str, float]:
    """Per factor 100 * weight / (sum of the applied weights); 0 for a factor not applied.

    The vectorised ranking multiplies by the same coefficients in the same order, so a pair's
    score is the same float in both directions and equals the sum of its contributions.
    """
    applied = {c: weights.get(c) for c in FACTOR_CODES if with_support or c != "support"}
    total = sum(applied.values())
    if total <= 0:
        return dict.fromkeys(FACTOR_CODES, 0.0)
    return {c: 100.0 * applied.get(c, 0.0) / total for c in FACTOR_CODES}


def rank_key(score: float) -> int:
    """Scores equal to 1e-9 count as ties (then id decides), so float noise never reorders."""
    return math.floor(score * 1e9 + 0.5)


def combine(values: dict[str, float], weights: Weights, needs_support: bool) -> list[Factor]:
    """Contributions that add up to the score (0-100).

    Needing support must never lower a score: the support factor applies only to a student with
    needs, and only where it raises the score (the max of the score with and without it). The
    factors without support are the same for the same student with or without needs
    (support_needs feeds nothing else), so a needs-student scores at least as much as that
    student without needs. A factor not applied shows weight 0 and contribution 0.
    """
    applied = False
    if needs_support:
        plain = sum(c * values[code] for code, c in coefficients(weights, False).items())
        full = sum(c * values[code] for code, c in coefficients(weights, True).items())
        applied = full > plain
    chosen = coefficients(weights, applied)
    return [
        Factor(
            c,
            values[c],
            weights.get(c) if (c != "support" or applied) else 0.0,
            chosen[c] * values[c],
        )
        for c in FACTOR_CODES
    ]


def explain(student: StudentRecord, opening: OpeningRecord, score, factors, distance):
    asked = opening.required_competencies | opening.nice_competencies
    return RankedResult(
        id=opening.id,
        score=score,
        factors=tuple(factors),
        distance_km=distance,
        required_competency_ids=tuple(sorted(opening.required_competencies)),
        matched_competencies=tuple(sorted(asked & student.competencies)),
        missing_competencies=tuple(sorted(asked - student.competencies)),
        matched_certificates=tuple(sorted(opening.required_certificates & student.certificates)),
        missing_certificates=tuple(sorted(opening.required_certificates - student.certificates)),
        matched_support=tuple(sorted(student.support_needs & opening.support_offered)),
        missing_support=tuple(sorted(student.support_needs - opening.support_offered)),
        sector_wanted=opening.sector_id in student.sector_preferences,
    )


def score_pair_naive(
    student: StudentRecord,
    opening: OpeningRecord,
    weights: Weights,
    interests: float | None = None,
    text_model: TextModel | None = None,
) -> RankedResult | None:
    """The pair's result, or None when a hard rule excludes it.

    Interests similarity: `interests` when given, else the cosine in `text_model` (pass the
    opening index's `.text` to agree with the vectorised ranking), else 0.
    """
    distance = haversine_km(student.lat, student.lon, opening.lat, opening.lon)
    if not hard_rules_pass(student, opening, distance):
        return None
    if interests is None:
        interests = text_model.cosine(student.interests_text, opening.text) if text_model else 0.0
    factors = combine(
        factor_values(student, opening, distance, interests), weights, bool(student.support_needs)
    )
    score = sum(f.contribution for f in factors)
    return explain(student, opening, score, factors, distance)


def rank_openings_naive(
    student: StudentRecord,
    records: list[OpeningRecord],
    weights: Weights,
    k: int = 10,
    interests: dict[int, float] | None = None,
    text_model: TextModel | None = None,
) -> list[RankedResult]:
    """Reference ranking: every pair in Python. Interests come from `interests` (opening id →
    similarity) when given, else from `text_model`."""
    weights.validate()
    results = []
    for opening in records:
        if opening.kind not in KIND_CODE:
            continue
        sim = interests.get(opening.id, 0.0) if interests is not None else None
        r = score_pair_naive(student, opening, weights, sim, text_model)
        if r is not None:
            results.append(r)
    results.sort(key=lambda r: (-rank_key(r.score), r.id))
    return results[: max(k, 0)]
