"""A full recomputation fans out in chunks that workers share, and survives a worker dying."""

import os
import signal
import subprocess
import sys
import time
from datetime import timedelta
from pathlib import Path

import pytest
from django.conf import settings
from django.db import connection
from django.utils import timezone

from marketplace.models import RecomputeChunk, RecomputeRun, Suggestion
from marketplace.services import engine_index
from marketplace.services.recompute import (
    recompute_chunk_run,
    recompute_progress,
    recompute_resume,
    recompute_start,
)
from marketplace.services.suggestions import suggestions_refresh_all
from tests import factories as f

ROOT = Path(__file__).resolve().parents[2]


def _region(students: int, openings: int):
    school = f.SchoolFactory()
    qualification = f.QualificationFactory()
    place = f.PlaceFactory()
    location = f.LocationFactory(employer=f.EmployerFactory(region=school.region), place=place)
    location.employer.recognitions.create(qualification=qualification, valid_from="2020-01-01")
    for _ in range(openings):
        f.OpeningFactory(location=location)
    for _ in range(students):
        f.StudentProfileFactory(school=school, qualification=qualification, home_place=place)
    engine_index.clear_index_cache()


def _rows():
    return sorted(
        Suggestion.objects.values_list("direction", "student_id", "opening_id", "rank", "score")
    )


def _duplicates() -> int:
    pairs = Suggestion.objects.values_list("direction", "student_id", "opening_id")
    return len(pairs) - len(set(pairs))


@pytest.mark.django_db(transaction=True)
def test_a_run_in_chunks_stores_what_one_pass_stores():
    _region(students=7, openings=3)
    suggestions_refresh_all()
    expected = _rows()
    Suggestion.objects.all().delete()

    run = recompute_start(chunk_size=2)

    run.refresh_from_db()
    progress = recompute_progress(run)
    assert progress == {
        "run": run.pk,
        "chunks": 6,  # 4 chunks of students, 2 of places
        "done": 6,
        "stored": len(expected),
        "finished": True,
    }
    assert _rows() == expected and _duplicates() == 0


@pytest.mark.django_db(transaction=True)
def test_a_chunk_delivered_twice_changes_nothing():
    _region(students=3, openings=2)
    run = recompute_start(chunk_size=5)
    before = _rows()
    chunk = run.chunks.first()

    assert recompute_chunk_run(chunk_id=chunk.pk) == 0
    assert _rows() == before
    assert RecomputeChunk.objects.get(pk=chunk.pk).attempts == 1


@pytest.mark.django_db(transaction=True)
def test_a_chunk_lost_with_its_worker_is_sent_again_and_the_run_completes():
    _region(students=4, openings=2)
    run = recompute_start(chunk_size=2)
    expected = _rows()
    # The worker died after claiming the first chunk: not done, its rows half gone.
    lost = run.chunks.order_by("number").first()
    long_ago = timezone.now() - timedelta(hours=1)
    RecomputeChunk.objects.filter(pk=lost.pk).update(
        done_at=None, stored=0, sent_at=long_ago, started_at=long_ago
    )
    RecomputeRun.objects.filter(pk=run.pk).update(finished_at=None)
    Suggestion.objects.filter(direction="student", student_id__in=lost.subject_ids).delete()
    # A chunk sent a minute ago is still on its way: resuming leaves it alone.
    assert recompute_resume(stale_after=timedelta(hours=2)) == 0

    assert recompute_resume(stale_after=timedelta(minutes=10)) == 1

    run.refresh_from_db()
    assert run.finished_at is not None
    assert _rows() == expected and _duplicates() == 0


def _start_worker(env: dict) -> subprocess.Popen:
    return subprocess.Popen(  # noqa: S603 - our own interpreter and arguments
        [
            sys.executable,
            "-m",
            "celery",
            "-A",
            "config",
            "worker",
            "-Q",
            "recompute",
            "--pool",
            "prefork",
            "--concurrency",
            "1",
            "--prefetch-multiplier",
            "1",
            "--loglevel",
            "warning",
        ],
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,  # its own process group: killed with all its children
    )


def _wait(condition, timeout: float) -> bool:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(0.02)
    return False


@pytest.mark.celery_worker
@pytest.mark.django_db(transaction=True)
def test_a_worker_killed_midway_leaves_nothing_lost_or_doubled():
    if not os.environ.get("CELERY_BROKER_URL"):
        pytest.skip("needs CELERY_BROKER_URL (Redis); CI sets it")
    if connection.vendor != "postgresql":
        pytest.skip("a worker in another process needs the shared PostgreSQL test database")
    from config.celery import app

    _region(students=40, openings=3)
    suggestions_refresh_all()
    expected = _rows()
    Suggestion.objects.all().delete()

    db = settings.DATABASES["default"]
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "config.settings.test",
        "DATABASE_URL": f"postgres://{db['USER']}@{db['HOST']}:{db['PORT']}/{db['NAME']}",
        "CELERY_TASK_ALWAYS_EAGER": "false",
    }
    with app.connection_for_write() as conn:  # what earlier runs may have left in the queue
        conn.default_channel.queue_purge("recompute")
    worker = _start_worker(env)
    app.conf.task_always_eager = False
    try:
        run = recompute_start(chunk_size=1)
        done = RecomputeChunk.objects.filter(run=run, done_at__isnull=False)
        assert _wait(lambda: done.count() >= 2, timeout=120), "the worker did not start"
        os.killpg(worker.pid, signal.SIGKILL)
        worker.wait(timeout=30)
        halfway = done.count()
        assert halfway < run.chunks_total, "the run ended before the worker could be killed"

        # Beat's resume sends the lost chunks again; a new worker finishes the run.
        recompute_resume(stale_after=timedelta(0))
        worker = _start_worker(env)
        assert _wait(
            lambda: RecomputeRun.objects.filter(pk=run.pk, finished_at__isnull=False).exists(),
            timeout=180,
        ), f"{done.count()} of {run.chunks_total} chunks done"
    finally:
        app.conf.task_always_eager = True
        if worker.poll() is None:
            os.killpg(worker.pid, signal.SIGTERM)
            worker.wait(timeout=30)

    assert _rows() == expected and _duplicates() == 0
    assert recompute_progress(run)["stored"] == len(expected)
