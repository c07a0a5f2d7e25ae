"""The ranking engine: pure Python with NumPy, SciPy, scikit-learn and RapidFuzz; no Django.

It takes plain records, applies the hard rules (never broken) and scores the soft factors, and
returns ranked ids with a score from 0 to 100 and a per-factor breakdown that adds up to it.
"""

from .index import ENGINE_VERSION, OpeningIndex, input_hash, rank_openings
from .naive import rank_openings_naive, score_pair_naive
from .normalise import NormalisedTerm, Vocabulary
from .records import (
    DEFAULT_WEIGHTS,
    FACTOR_CODES,
    Factor,
    OpeningRecord,
    RankedResult,
    RankFilter,
    StudentRecord,
    Weights,
    allowed_kinds,
)
from .rules import (
    ADULT_AGE,
    CAPACITY_CODES,
    RULE_CODES,
    RuleFailure,
    hard_rules_failing,
    hard_rules_pass,
)
from .students import StudentIndex, rank_students

__all__ = [
    "ADULT_AGE",
    "CAPACITY_CODES",
    "DEFAULT_WEIGHTS",
    "ENGINE_VERSION",
    "FACTOR_CODES",
    "Factor",
    "NormalisedTerm",
    "OpeningIndex",
    "OpeningRecord",
    "RankFilter",
    "RULE_CODES",
    "RankedResult",
    "RuleFailure",
    "StudentIndex",
    "StudentRecord",
    "Vocabulary",
    "Weights",
    "allowed_kinds",
    "hard_rules_failing",
    "hard_rules_pass",
    "input_hash",
    "rank_openings",
    "rank_openings_naive",
    "rank_students",
    "score_pair_naive",
]
