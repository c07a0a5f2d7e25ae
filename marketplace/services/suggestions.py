"""Stored suggestions: the engine's top-k per student and per opening, kept fresh.

Recomputed by Celery tasks when a profile or an opening changes (enqueued on commit), nightly by
beat, and by hand with `manage.py rank`. Replacing a subject's rows is one transaction, so a
reader never sees half a list; running it twice leaves the same rows.
"""

from collections.abc import Callable, Iterable

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from employers.models import Opening
from matching.engine import ENGINE_VERSION

from ..models import StudentProfile, Suggestion
from . import engine_index
from . import matching_records as records
from .ranking import _explain, _names
from .weights import weights_for_region

FOR_STUDENT = Suggestion.Direction.FOR_STUDENT
FOR_OPENING = Suggestion.Direction.FOR_OPENING


def _store(direction: str, subject: dict, rows: list[Suggestion]) -> int:
    with transaction.atomic():
        Suggestion.objects.filter(direction=direction, **subject).delete()
        Suggestion.objects.bulk_create(rows)
    return len(rows)


def _rows(direction, results, weights, make_pair) -> list[Suggestion]:
    comps, certs = _names(results)
    now = timezone.now()
    return [
        Suggestion(
            direction=direction,
            rank=position,
            score=round(r.score, 2),
            explanation=_explain(r, comps, certs, for_student=direction == FOR_STUDENT),
            engine_version=ENGINE_VERSION,
            weights_version=weights.version,
            computed_at=now,
            **make_pair(r.id),
        )
        for position, r in enumerate(results, start=1)
    ]


def suggestions_refresh_for_student(*, student_id: int, k: int | None = None) -> int:
    """Recompute and store the top-k places for one student. Returns how many were stored."""
    from .ranking import student_record

    student = StudentProfile.objects.select_related("school").filter(pk=student_id).first()
    if student is None:
        return 0
    index = engine_index.opening_index()  # first: its change check also refreshes the weights
    weights = weights_for_region(student.school.region_id)
    results = index.rank(student_record(student), weights, k=k or settings.MATCHING_TOP_K)
    rows = _rows(FOR_STUDENT, results, weights, lambda oid: {"student": student, "opening_id": oid})
    return _store(FOR_STUDENT, {"student": student}, rows)


def suggestions_refresh_for_opening(*, opening_id: int, k: int | None = None) -> int:
    """Recompute and store the top-k candidates for one opening (consenting students only)."""
    opening = Opening.objects.select_related("employer").filter(pk=opening_id).first()
    if opening is None:
        return 0
    if opening.status != Opening.Status.OPEN:
        return _store(FOR_OPENING, {"opening": opening}, [])
    index = engine_index.student_index()  # first: its change check also refreshes the weights
    weights = weights_for_region(opening.employer.region_id)
    record = records.opening_records(Opening.objects.filter(pk=opening.pk))[0]
    results = index.rank(record, weights, k=k or settings.MATCHING_TOP_K)
    rows = _rows(FOR_OPENING, results, weights, lambda sid: {"student_id": sid, "opening": opening})
    return _store(FOR_OPENING, {"opening": opening}, rows)


def suggestions_refresh_all(
    *, progress: Callable[[Iterable], Iterable] = lambda it: it, k: int | None = None
) -> dict:
    """Recompute every student's and every open opening's suggestions (nightly)."""
    student_ids = list(StudentProfile.objects.values_list("pk", flat=True).order_by("pk"))
    opening_ids = list(
        Opening.objects.filter(status=Opening.Status.OPEN).values_list("pk", flat=True)
    )
    stored = 0
    for kind, sid in progress([("s", i) for i in student_ids] + [("o", i) for i in opening_ids]):
        if kind == "s":
            stored += suggestions_refresh_for_student(student_id=sid, k=k)
        else:
            stored += suggestions_refresh_for_opening(opening_id=sid, k=k)
    return {"students": len(student_ids), "openings": len(opening_ids), "stored": stored}


def suggestions_enqueue_for_student(student_id: int) -> None:
    from ..tasks import suggestions_refresh_student

    transaction.on_commit(lambda: suggestions_refresh_student.delay(student_id))


def suggestions_enqueue_for_opening(opening_id: int) -> None:
    """After the commit: refresh the opening's candidates and its search-index entry."""
    from employers.tasks import search_index_opening

    from ..tasks import suggestions_refresh_opening

    transaction.on_commit(lambda: suggestions_refresh_opening.delay(opening_id))
    transaction.on_commit(lambda: search_index_opening.delay(opening_id))
