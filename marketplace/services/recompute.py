"""Recomputing every stored suggestion, fanned out over Celery in chunks that workers share.

`recompute_start` cuts the students and the open places into chunks and sends one task per
chunk after the commit. Any number of workers take chunks from the queue. A chunk is done when
all its subjects' rows are stored; storing a subject replaces its rows in one transaction, so a
chunk that runs twice (a redelivered message, a resumed run) leaves the same rows. When a worker
dies mid-chunk, its chunk stays pending: `recompute_resume` (beat, every few minutes) sends the
chunks again that were sent or started longer ago than a chunk may take, and the run completes.
"""

from datetime import timedelta

from django.db import transaction
from django.db.models import F
from django.utils import timezone

from employers.models import Opening

from ..models import RecomputeChunk, RecomputeRun, StudentProfile
from .suggestions import suggestions_refresh_for_opening, suggestions_refresh_for_student

CHUNK_SIZE = 200
# A chunk of 200 takes seconds; one that has not finished after this was lost with its worker.
STALE_AFTER = timedelta(minutes=10)


def _chunks(ids: list[int], size: int):
    for start in range(0, len(ids), size):
        yield ids[start : start + size]


def _send(chunk_ids: list[int]) -> None:
    from ..tasks import recompute_chunk

    RecomputeChunk.objects.filter(pk__in=chunk_ids).update(sent_at=timezone.now())
    for chunk_id in chunk_ids:
        recompute_chunk.delay(chunk_id)


def recompute_start(*, chunk_size: int = CHUNK_SIZE) -> RecomputeRun:
    """Plan a full recomputation and send its chunks to the workers after the commit."""
    student_ids = list(StudentProfile.objects.order_by("pk").values_list("pk", flat=True))
    opening_ids = list(
        Opening.objects.filter(status=Opening.Status.OPEN)
        .order_by("pk")
        .values_list("pk", flat=True)
    )
    with transaction.atomic():
        run = RecomputeRun.objects.create(chunk_size=chunk_size)
        chunks = [
            RecomputeChunk(run=run, number=number, kind=kind, subject_ids=ids)
            for number, (kind, ids) in enumerate(
                [(RecomputeChunk.Kind.STUDENTS, c) for c in _chunks(student_ids, chunk_size)]
                + [(RecomputeChunk.Kind.OPENINGS, c) for c in _chunks(opening_ids, chunk_size)]
            )
        ]
        RecomputeChunk.objects.bulk_create(chunks)
        run.chunks_total = len(chunks)
        run.save(update_fields=["chunks_total"])
        chunk_ids = list(run.chunks.values_list("pk", flat=True))
        if not chunk_ids:
            run.finished_at = timezone.now()
            run.save(update_fields=["finished_at"])
        transaction.on_commit(lambda: _send(chunk_ids))
    return run


def recompute_chunk_run(*, chunk_id: int) -> int:
    """Store the suggestions of every subject in one chunk; safe to run again. Returns rows."""
    claimed = RecomputeChunk.objects.filter(pk=chunk_id, done_at__isnull=True).update(
        started_at=timezone.now(), attempts=F("attempts") + 1
    )
    if not claimed:
        return 0  # done already (a second delivery of the same chunk)
    chunk = RecomputeChunk.objects.get(pk=chunk_id)
    refresh = (
        (lambda pk: suggestions_refresh_for_student(student_id=pk))
        if chunk.kind == RecomputeChunk.Kind.STUDENTS
        else (lambda pk: suggestions_refresh_for_opening(opening_id=pk))
    )
    stored = sum(refresh(pk) for pk in chunk.subject_ids)
    now = timezone.now()
    with transaction.atomic():
        # One chunk at a time settles the run, so the last two never both miss each other.
        RecomputeRun.objects.select_for_update().filter(pk=chunk.run_id).first()
        RecomputeChunk.objects.filter(pk=chunk_id, done_at__isnull=True).update(
            done_at=now, stored=stored
        )
        RecomputeRun.objects.filter(pk=chunk.run_id, finished_at__isnull=True).exclude(
            chunks__done_at__isnull=True
        ).update(finished_at=now)
    return stored


def recompute_resume(*, stale_after: timedelta = STALE_AFTER) -> int:
    """Send again the chunks of unfinished runs that a dead worker left behind. Returns count."""
    cutoff = timezone.now() - stale_after
    lost = list(
        RecomputeChunk.objects.filter(
            run__finished_at__isnull=True, done_at__isnull=True, sent_at__lte=cutoff
        )
        .exclude(started_at__gt=cutoff)
        .values_list("pk", flat=True)
    )
    if lost:
        _send(lost)
    return len(lost)


def recompute_progress(run: RecomputeRun) -> dict:
    done = run.chunks.filter(done_at__isnull=False)
    return {
        "run": run.pk,
        "chunks": run.chunks_total,
        "done": done.count(),
        "stored": sum(done.values_list("stored", flat=True)),
        "finished": run.finished_at is not None,
    }
