"""The openings index as files every process maps: built once, ranked from in any process,
switched to without a restart, and still fresh after an edit (the change log on top)."""

import json
import os
import pathlib
import subprocess
import sys

import numpy as np
import pytest
from django.core.management import call_command
from django.db import connection

from employers.models import Opening
from marketplace.models import StudentProfile
from marketplace.services import engine_index
from marketplace.services.ranking import ranked_openings_for_student
from marketplace.services.ranking_changes import ranking_inputs_changed
from matching.engine import store
from matching.models import Competency, Place
from tests.marketplace.test_freshness import _database_url

ROOT = pathlib.Path(__file__).resolve().parents[2]
KM = 1 / 111.2


def openings_for(student: StudentProfile) -> list[tuple[int, float, float]]:
    student = StudentProfile.objects.select_related("school").get(pk=student.pk)
    ranked = ranked_openings_for_student(viewer=None, student=student, limit=50)
    return [(r.opening.pk, r.score, r.distance_km) for r in ranked]


@pytest.fixture
def world(student_profile, opening):
    skill = Competency.objects.create(name="Orderpicken")
    opening.required_competencies.add(skill)
    student_profile.competencies.add(skill)
    far = Place.objects.create(name="Ver weg", latitude=53.2194 + 30 * KM, longitude=6.5665)
    return {"student": student_profile, "opening": opening, "far": far}


@pytest.fixture
def files(settings, tmp_path):
    settings.ENGINE_INDEX_DIR = str(tmp_path)
    engine_index.clear_index_cache()
    return tmp_path


@pytest.fixture
def committed(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        ranking_inputs_changed(kind="all")

    def run():
        return django_capture_on_commit_callbacks(execute=True)

    return run


def _move_far(world) -> None:
    location = world["opening"].location
    location.place = world["far"]
    location.save()


def test_a_built_version_is_mapped_and_ranks_as_a_build_in_the_process(
    world, committed, settings, tmp_path
):
    settings.ENGINE_INDEX_DIR = ""
    own = openings_for(world["student"])
    assert engine_index._state.version is None and own
    settings.ENGINE_INDEX_DIR = str(tmp_path)
    built = engine_index.engine_index_build()
    engine_index.clear_index_cache()
    assert openings_for(world["student"]) == own
    assert engine_index._state.version == built["version"]
    ids = engine_index.opening_index().base.ids
    assert not ids.flags.writeable and isinstance(ids.base, np.memmap)  # mapped, read-only
    assert built["openings"] == Opening.objects.filter(status=Opening.Status.OPEN).count()


def test_an_edit_shows_in_the_next_ranking_over_the_files(world, committed, files):
    engine_index.engine_index_build()
    assert world["opening"].pk in [pk for pk, _s, _km in openings_for(world["student"])]
    version = engine_index._state.version
    with committed():
        _move_far(world)
    assert world["opening"].pk not in [pk for pk, _s, _km in openings_for(world["student"])]
    index = engine_index.opening_index()
    assert engine_index._state.version == version  # still the files, with the change on top
    assert index.delta_n == 1


def test_the_thread_that_made_an_edit_sees_it_over_the_files_before_the_commit(
    world, committed, files
):
    engine_index.engine_index_build()
    assert world["opening"].pk in [pk for pk, _s, _km in openings_for(world["student"])]
    _move_far(world)  # not committed
    assert world["opening"].pk not in [pk for pk, _s, _km in openings_for(world["student"])]


def test_without_files_a_process_builds_its_own_index(world, committed, settings, tmp_path):
    settings.ENGINE_INDEX_DIR = ""
    assert openings_for(world["student"])
    assert engine_index.engine_index_build() is None
    settings.ENGINE_INDEX_DIR = str(tmp_path)  # switched on, nothing built yet
    engine_index.clear_index_cache()
    assert openings_for(world["student"])
    assert engine_index._state.version is None


def test_files_of_another_database_are_never_mapped(world, committed, files):
    built = engine_index.engine_index_build()
    manifest = engine_index.index_dir() / built["version"] / store.MANIFEST
    data = json.loads(manifest.read_text())
    manifest.write_text(json.dumps({**data, "database": "elsewhere"}))
    engine_index.clear_index_cache()
    assert openings_for(world["student"])
    assert engine_index._state.version is None


def test_a_new_version_is_picked_up_without_a_restart(world, committed, files):
    first = engine_index.engine_index_build()
    openings_for(world["student"])
    assert engine_index._state.version == first["version"]
    second = engine_index.engine_index_build()
    openings_for(world["student"])
    assert engine_index._state.version == second["version"] != first["version"]


def test_the_refresh_builds_once_changes_to_openings_have_settled(
    world, committed, files, monkeypatch
):
    assert engine_index.engine_index_refresh() is not None  # no files yet
    assert engine_index.engine_index_refresh() is None  # nothing changed since
    with committed():
        ranking_inputs_changed(kind="student", ids=[world["student"].pk])
    assert engine_index.engine_index_refresh() is None  # students are not in the files
    with committed():
        _move_far(world)
    assert engine_index.engine_index_refresh() is None  # a burst may still be going on
    monkeypatch.setattr(engine_index, "BUILD_QUIET_SECONDS", 0.0)
    assert engine_index.engine_index_refresh() is not None
    assert engine_index.engine_index_refresh() is None


def test_the_management_command_builds_and_shows_the_version(world, committed, files, capsys):
    call_command("engine_index", "--build")
    assert "in dienst" in capsys.readouterr().out
    call_command("engine_index")
    status = json.loads(capsys.readouterr().out)
    assert status["version"] == store.current(engine_index.index_dir()).name
    assert status["openings"] >= 1


WORKER = """
import json, sys
import django
django.setup()
from marketplace.models import StudentProfile
from marketplace.services import engine_index
from marketplace.services.ranking import ranked_openings_for_student
print("ready", flush=True)
for line in sys.stdin:
    student = StudentProfile.objects.select_related("school").get(pk=int(line))
    ranked = ranked_openings_for_student(viewer=None, student=student, limit=50)
    got = [[r.opening.pk, r.score, r.distance_km] for r in ranked]
    print(json.dumps({"version": engine_index._state.version, "ranked": got}), flush=True)
"""


@pytest.mark.django_db(transaction=True)
def test_a_second_process_maps_the_same_files_ranks_identically_and_switches(world, files):
    if connection.vendor != "postgresql":
        pytest.skip("a second process shares the test database only on PostgreSQL (CI)")
    first = engine_index.engine_index_build()
    env = {
        **os.environ,
        "DATABASE_URL": _database_url(),
        "DJANGO_SETTINGS_MODULE": "config.settings.test",
        "ENGINE_INDEX_DIR": str(files),
    }
    process = subprocess.Popen(  # noqa: S603 - our own interpreter and script
        [sys.executable, "-c", WORKER],
        cwd=ROOT,
        env=env,
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )

    def ask() -> dict:
        process.stdin.write(f"{world['student'].pk}\n")
        process.stdin.flush()
        line = process.stdout.readline()
        assert line, "the second process stopped (its error is in the captured stderr)"
        return json.loads(line)

    try:
        assert process.stdout.readline().strip() == "ready"
        there = ask()
        assert there["version"] == first["version"]
        assert [tuple(x) for x in there["ranked"]] == openings_for(world["student"])
        assert world["opening"].pk in [pk for pk, _s, _km in there["ranked"]]
        _move_far(world)  # committed: seen through the change log on top of the files
        assert world["opening"].pk not in [pk for pk, _s, _km in ask()["ranked"]]
        second = engine_index.engine_index_build()
        there = ask()
        assert there["version"] == second["version"]  # switched without a restart
        assert world["opening"].pk not in [pk for pk, _s, _km in there["ranked"]]
    finally:
        process.stdin.close()
        try:
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            process.kill()
