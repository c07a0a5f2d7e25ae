"""Candidate aliases: random, stored per opening and student, the same each time they are shown."""

import itertools
import secrets
import string
from collections.abc import Iterable

from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from ..models import CandidateAlias

ATTEMPTS = 5
LONGEST = 4  # CandidateAlias.label's max_length: 475,254 labels per opening
_random = secrets.SystemRandom()  # not seeded from anything about the student


def alias_text(label: str) -> str:
    return _("Kandidaat %(letters)s") % {"letters": label}


def candidate_aliases_for_opening(*, opening_id: int, student_ids: Iterable[int]) -> dict[int, str]:
    """The letters of each student's alias on this opening; new ones drawn and stored in one go.

    Two requests may draw at the same moment: the unique constraints refuse the slower one's rows
    as a whole, and it reads again and draws among the labels that are still free.
    """
    wanted = set(student_ids)
    for _attempt in range(ATTEMPTS):
        taken = dict(
            CandidateAlias.objects.filter(opening_id=opening_id).values_list("student_id", "label")
        )
        missing = sorted(wanted - taken.keys())
        if missing:
            labels = _draw(set(taken.values()), len(missing))
            rows = [
                CandidateAlias(opening_id=opening_id, student_id=student_id, label=label)
                for student_id, label in zip(missing, labels, strict=True)
            ]
            try:
                with transaction.atomic():
                    CandidateAlias.objects.bulk_create(rows)
            except IntegrityError:
                continue
            taken.update(zip(missing, labels, strict=True))
        return {student_id: taken[student_id] for student_id in wanted}
    raise IntegrityError(f"No free candidate aliases for opening {opening_id} after {ATTEMPTS}.")


def _draw(used: set[str], count: int) -> list[str]:
    """`count` free labels, the shortest first (A-Z, then AA-ZZ, ...), in random order."""
    drawn: list[str] = []
    for length in range(1, LONGEST + 1):
        need = count - len(drawn)
        if need == 0:
            break
        free = [label for label in _labels(length) if label not in used]
        drawn += free if len(free) <= need else _random.sample(free, need)
    if len(drawn) < count:
        raise IntegrityError("No free candidate aliases left on this opening.")
    _random.shuffle(drawn)  # which student gets a short label says nothing either
    return drawn


def _labels(length: int) -> Iterable[str]:
    return ("".join(p) for p in itertools.product(string.ascii_uppercase, repeat=length))
