"""Index files: a stored index ranks exactly as the one built in memory, in this process and in
another one; a new version is written in full before the pointer names it; old versions go."""

import dataclasses
import datetime
import json
import os
import pathlib
import subprocess
import sys
import time

import numpy as np
import pytest

from matching.engine import OpeningIndex, RankFilter, rank_openings, store, synthetic
from matching.engine import index as engine_index
from matching.engine.live import LiveOpeningIndex

ROOT = pathlib.Path(__file__).resolve().parents[3]
RECORDS = synthetic.openings(3000, seed=5)
NARROW = synthetic.students(25, seed=8)
WIDE = synthetic.wide_students(25, seed=9)


def _filtered(s):
    return RankFilter(kinds=frozenset({"vacature"}), max_distance_km=20.0, sector_ids=None)


@pytest.fixture(scope="module")
def stored(tmp_path_factory):
    directory = tmp_path_factory.mktemp("index")
    version = store.write(directory, iter(RECORDS), meta={"change_id": 7})
    store.publish(directory, version)
    return directory, store.load(store.current(directory))


@pytest.fixture(scope="module")
def in_memory():
    return OpeningIndex.build(RECORDS)


def _rankings(index, students, **kw):
    return [rank_openings(s, index, k=20, **kw) for s in students]


def test_a_stored_index_ranks_exactly_as_the_index_built_in_memory(stored, in_memory):
    _directory, index = stored
    assert not index.ids.flags.writeable and isinstance(index.ids.base, np.memmap)
    for students in (NARROW, WIDE):
        assert _rankings(index, students) == _rankings(in_memory, students)
    s = WIDE[0]
    assert rank_openings(s, index, k=50, filter=_filtered(s)) == rank_openings(
        s, in_memory, k=50, filter=_filtered(s)
    )


def test_a_stored_index_gives_back_the_records_it_was_written_from(stored):
    _directory, index = stored
    assert sorted(index.records, key=lambda o: o.id) == RECORDS
    assert index.records[index.row_of(RECORDS[41].id)] == RECORDS[41]


def test_the_rough_first_pass_never_changes_a_ranking(in_memory, monkeypatch):
    """Wide students have thousands of candidates: scored roughly first, then the shortlist
    exactly. Forcing that path on everyone, and switching it off, gives the same lists."""
    students = NARROW + WIDE + [dataclasses.replace(s, support_needs=frozenset()) for s in WIDE]
    monkeypatch.setattr(engine_index, "EXACT_MAX", 10**9)
    narrowed = {"filter": _filtered(None)}
    exact = _rankings(in_memory, students) + _rankings(in_memory, students[:10], **narrowed)
    monkeypatch.setattr(engine_index, "EXACT_MAX", 0)
    rough = _rankings(in_memory, students) + _rankings(in_memory, students[:10], **narrowed)
    assert rough == exact
    assert sum(len(r) for r in exact) > 500


def test_ties_and_k_larger_than_the_candidates_survive_the_rough_pass(monkeypatch):
    same = [dataclasses.replace(RECORDS[0], id=i + 1) for i in range(300)]  # all tie
    index = OpeningIndex.build(same)
    s = dataclasses.replace(WIDE[0], lat=same[0].lat, lon=same[0].lon)
    monkeypatch.setattr(engine_index, "EXACT_MAX", 10**9)
    exact = [rank_openings(s, index, k=k) for k in (1, 7, 299, 400)]
    monkeypatch.setattr(engine_index, "EXACT_MAX", 0)
    assert [rank_openings(s, index, k=k) for k in (1, 7, 299, 400)] == exact


READER = """
import json, sys
from matching.engine import rank_openings, store, synthetic
directory = sys.argv[1]
version = store.current(directory)
index = store.load(version)
students = synthetic.students(25, seed=8) + synthetic.wide_students(25, seed=9)
out = [[[r.id, repr(r.score), repr(r.distance_km)] for r in rank_openings(s, index, k=20)]
       for s in students]
print(json.dumps({"version": version.name, "rankings": out}))
"""


def _as_json(rankings):
    return [[[r.id, repr(r.score), repr(r.distance_km)] for r in ranked] for ranked in rankings]


def test_a_second_process_maps_the_same_files_and_ranks_identically(stored, in_memory):
    directory, _index = stored
    done = subprocess.run(  # noqa: S603 - our own interpreter and script
        [sys.executable, "-c", READER, str(directory)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=300,
        check=True,
    )
    got = json.loads(done.stdout)
    assert got["version"] == store.current(directory).name
    assert got["rankings"] == _as_json(_rankings(in_memory, NARROW + WIDE))


def test_a_version_is_written_in_full_before_the_pointer_names_it(tmp_path, monkeypatch):
    """While version B is being written, array by array, a reader finds A, whole."""
    a_records, b_records = RECORDS[:1500], synthetic.openings(1500, seed=77)
    store.publish(tmp_path, store.write(tmp_path, a_records))
    a = store.current(tmp_path)
    s = WIDE[3]
    expected_a = rank_openings(s, OpeningIndex.build(a_records), k=20)
    seen = []
    real_save = np.save

    def save_and_look(fh, array, **kw):
        real_save(fh, array, **kw)
        now = store.current(tmp_path)
        seen.append(now.name)
        assert rank_openings(s, store.load(now), k=20) == expected_a

    monkeypatch.setattr(np, "save", save_and_look)
    b = store.write(tmp_path, b_records)
    monkeypatch.setattr(np, "save", real_save)
    assert set(seen) == {a.name} and len(seen) > 30
    assert store.current(tmp_path).name == a.name  # written, not yet in service
    store.publish(tmp_path, b)
    now = store.current(tmp_path)
    assert now.name == b.name and now.token != a.token
    assert rank_openings(s, store.load(now), k=20) == rank_openings(
        s, OpeningIndex.build(b_records), k=20
    )


SWITCHER = """
import json, sys, time
from matching.engine import rank_openings, store, synthetic
directory = sys.argv[1]
s = synthetic.wide_students(4, seed=9)[3]
seen, token, index = [], None, None
deadline = time.monotonic() + 60
while time.monotonic() < deadline:
    now = store.pointer_token(directory)
    if now != token:
        version = store.current(directory)
        token, index = version.token, store.load(version)
    seen.append([r.id for r in rank_openings(s, index, k=10)])
    if len(seen) == 1:
        open(sys.argv[2], "w").close()  # ranking on the first version: switch now
    if len({json.dumps(x) for x in seen}) > 1 and len(seen) > 5 and seen[-1] == seen[-2]:
        break
print(json.dumps(seen))
"""


def test_a_process_switches_to_a_new_version_mid_way_and_never_ranks_a_mix(tmp_path):
    a_records, b_records = RECORDS[:2000], synthetic.openings(2000, seed=78)
    store.publish(tmp_path, store.write(tmp_path, a_records))
    reader = subprocess.Popen(  # noqa: S603 - our own interpreter and script
        [sys.executable, "-c", SWITCHER, str(tmp_path), str(tmp_path / "ready")],
        cwd=ROOT,
        stdout=subprocess.PIPE,
        text=True,
    )
    deadline = time.monotonic() + 60
    while not (tmp_path / "ready").exists() and time.monotonic() < deadline:
        time.sleep(0.01)
    store.publish(tmp_path, store.write(tmp_path, b_records))
    out, _ = reader.communicate(timeout=120)
    s = synthetic.wide_students(4, seed=9)[3]
    a = [r.id for r in rank_openings(s, OpeningIndex.build(a_records), k=10)]
    b = [r.id for r in rank_openings(s, OpeningIndex.build(b_records), k=10)]
    seen = json.loads(out)
    assert a != b
    assert all(x in (a, b) for x in seen)
    assert seen[-1] == b  # switched without a restart


def test_old_versions_go_after_the_grace_period_and_a_mapped_one_keeps_working(tmp_path):
    first = store.write(tmp_path, RECORDS[:500])
    store.publish(tmp_path, first)
    mapped = store.load(store.current(tmp_path))
    s = NARROW[0]
    before = rank_openings(s, mapped, k=20)
    second = store.write(tmp_path, RECORDS[:600])
    store.publish(tmp_path, second)
    assert store.cleanup(tmp_path, grace_seconds=3600) == []
    assert store.cleanup(tmp_path, grace_seconds=0) == [first.name]
    assert sorted(p.name for p in tmp_path.iterdir() if p.is_dir()) == [second.name]
    assert rank_openings(s, mapped, k=20) == before  # the mapping outlives the files
    assert [o.id for o in mapped.records[:3]]


def test_without_a_pointer_there_is_no_version(tmp_path):
    assert store.current(tmp_path) is None
    assert store.pointer_token(tmp_path / "missing") is None


def test_changes_over_a_stored_index_rank_as_a_rebuild(stored):
    _directory, index = stored
    live = LiveOpeningIndex(index)
    s = WIDE[5]
    best = rank_openings(s, index, k=5)
    moved = dataclasses.replace(
        index.records[index.row_of(best[0].id)], lat=s.lat + 1.0, start=datetime.date(2027, 3, 1)
    )
    new = dataclasses.replace(RECORDS[7], id=999_999, lat=s.lat, lon=s.lon)
    after = live.updated([moved, new], [moved.id])
    final = [o for o in RECORDS if o.id != moved.id] + [moved, new]
    rebuilt = OpeningIndex.build(final, text_model=index.text)
    got, expected = after.rank(s, k=20), rank_openings(s, rebuilt, k=20)
    # The same text model, its vectors kept two ways: scores agree to float noise.
    assert [r.id for r in got] == [r.id for r in expected]
    assert [r.score for r in got] == pytest.approx([r.score for r in expected], abs=1e-9)
    assert best[0].id not in [r.id for r in after.rank(s, k=20)]
    assert after.record(moved.id) == moved
    assert os.fspath(_directory)  # the files stay in place for the other tests
