"""The engine at the scale of a region and of a country: 100,000, 300,000 and 1,000,000 openings.

Per size: the index files are written once (`build_seconds`: the arrays and the interests
model, the synthetic records' own drawing not counted) and mapped read-only, as every process
of the product maps them. Two kinds of students rank against them:

- narrow: `synthetic.students`, as the other benchmarks (a rare recognition or a short radius
  leaves a few hundred openings per 100,000);
- wide: `synthetic.wide_students`, job seekers with a 50 km radius and no recognition rule, so
  tens of thousands of openings per 100,000 pass the hard rules.

Each student's ranking (top 20) is timed ROUNDS times and the quickest counts (the machine is
shared; the quiet best is what the code costs), then p50 and p95 over the students. Also per
size: the size of the files (`index_mb`, shared by every process) and how much of them a
process ranking wide students keeps in memory (`resident_mb`), the first ranking of a new
process (`first_request_ms`: mapping the files and ranking once, after the imports) and what
each of EXTRA_PROCESSES processes ranking at once adds (`extra_process_mb`: its PSS after the
ranking less its PSS before it mapped anything, with every process alive, so shared pages are
split between them; `private_mb`: the memory it holds alone).

Run with `make bench-scale` (about 20 minutes; `--sizes 100000` for one size). Writes
benchmarks/results/scale.json; with `--merge` the rows of the sizes not measured this time are
kept from that file (and the notes say from when).
"""

import argparse
import datetime
import json
import os
import pathlib
import platform
import shutil
import subprocess
import sys
import tempfile
import time

ROOT = pathlib.Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

import numpy as np  # noqa: E402

from matching.engine import rank_openings, store, synthetic  # noqa: E402

RESULTS = ROOT / "benchmarks" / "results" / "scale.json"
SIZES = (100_000, 300_000, 1_000_000)
STUDENTS = 200
ROUNDS = 3
K = 20
EXTRA_PROCESSES = 3
TARGETS = {"wide_p50_ms": 30.0, "wide_p95_ms": 80.0, "index_mb": 1536.0}

PROCESS = """
import json, sys, time
started = time.perf_counter()
from matching.engine import rank_openings, store, synthetic
imported = time.perf_counter()

def memory():
    out = {}
    with open("/proc/self/smaps_rollup") as fh:
        for line in fh:
            parts = line.split()
            if len(parts) >= 3 and parts[2] == "kB":
                out[parts[0].rstrip(":")] = int(parts[1]) / 1024
    return out

students = synthetic.wide_students(20, seed=41) + synthetic.students(20, seed=42)
before = memory()
t, c = time.perf_counter(), time.thread_time()
index = store.load(store.current(sys.argv[1]))
first = rank_openings(students[0], index, k=20)
first_ms = (time.perf_counter() - t) * 1000
first_cpu_ms = (time.thread_time() - c) * 1000
for s in students:
    rank_openings(s, index, k=20)
print(json.dumps({"ready": True}), flush=True)
sys.stdin.readline()  # every process has ranked: measure with the pages shared by all
after = memory()
private = lambda m: m.get("Private_Clean", 0) + m.get("Private_Dirty", 0)
print(json.dumps({
    "import_ms": (imported - started) * 1000,
    "first_request_ms": first_ms,
    "first_request_cpu_ms": first_cpu_ms,
    "pss_mb": after["Pss"] - before["Pss"],
    "private_mb": private(after) - private(before),
    "rss_mb": after["Rss"] - before["Rss"],
}), flush=True)
"""


def _timed_records(n: int, clock: list[float]):
    """The synthetic region, with the time spent drawing it added to clock[0]."""
    records = synthetic.region(n, seed=11)
    while True:
        t = time.perf_counter()
        try:
            record = next(records)
        except StopIteration:
            return
        finally:
            clock[0] += time.perf_counter() - t
        yield record


def _resident_mb(path: pathlib.Path) -> float:
    """How much of the files under `path` this process has in memory (Rss of the mappings)."""
    total, inside = 0, False
    with open("/proc/self/smaps") as fh:
        for line in fh:
            head = line.split()
            if head and "-" in head[0] and len(head) >= 5:
                inside = len(head) >= 6 and head[5].startswith(str(path))
            elif inside and head and head[0] == "Rss:":
                total += int(head[1])
    return total / 1024


def _rank_times(index, students) -> tuple[list[float], list[float], list[int]]:
    wall, cpu = np.full(len(students), np.inf), np.full(len(students), np.inf)
    found = []
    for s in students[:5]:
        rank_openings(s, index, k=K)  # warm the pages and the caches
    for _round in range(ROUNDS):
        for i, s in enumerate(students):
            t, c = time.perf_counter(), time.thread_time()
            ranked = rank_openings(s, index, k=K)
            cpu[i] = min(cpu[i], (time.thread_time() - c) * 1000)
            wall[i] = min(wall[i], (time.perf_counter() - t) * 1000)
            if _round == 0:
                found.append(len(ranked))
    return wall.tolist(), cpu.tolist(), found


def _processes(directory: pathlib.Path) -> list[dict]:
    """EXTRA_PROCESSES new processes map the files and rank, all at once."""
    procs = [
        subprocess.Popen(  # noqa: S603 - our own interpreter and script
            [sys.executable, "-c", PROCESS, str(directory)],
            cwd=ROOT,
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            text=True,
        )
        for _ in range(EXTRA_PROCESSES)
    ]
    for p in procs:
        assert json.loads(p.stdout.readline())["ready"]
    out = []
    for p in procs:
        p.stdin.write("\n")
        p.stdin.flush()
        out.append(json.loads(p.stdout.readline()))
        p.stdin.close()
        p.wait(timeout=60)
    return out


def _percentile(values, q) -> float:
    return round(float(np.percentile(values, q)), 2)


def measure(n: int, base: pathlib.Path) -> list[dict]:
    directory = base / f"openings-{n}"
    drawing = [0.0]
    t = time.perf_counter()
    version = store.write(directory, _timed_records(n, drawing), meta={"change_id": 0})
    build_seconds = time.perf_counter() - t - drawing[0]
    store.publish(directory, version)
    version = store.current(directory)
    index = store.load(version)
    index_mb = store.mapped_bytes(version) / 2**20
    print(f"{n:>9} openings: files {index_mb:.0f} MB in {build_seconds:.1f} s", flush=True)
    rows = []
    groups = {
        "narrow": synthetic.students(STUDENTS, seed=3),
        "wide": synthetic.wide_students(STUDENTS, seed=4),
    }
    for kind, students in groups.items():
        wall, cpu, found = _rank_times(index, students)
        rows.append(
            {
                "openings": n,
                "kind": kind,
                "p50_ms": _percentile(wall, 50),
                "p95_ms": _percentile(wall, 95),
                "index_mb": round(index_mb, 1),
                "build_seconds": round(build_seconds, 1),
                "cpu_p50_ms": _percentile(cpu, 50),
                "cpu_p95_ms": _percentile(cpu, 95),
                "students": len(students),
                "ranked_median": int(np.median(found)),
            }
        )
        print(f"{'':>9} {kind:>6}: p50 {rows[-1]['p50_ms']} ms, p95 {rows[-1]['p95_ms']} ms")
    resident = _resident_mb(version.path)
    extra = _processes(directory)
    shared = {
        "resident_mb": round(resident, 1),
        "first_request_ms": round(max(p["first_request_ms"] for p in extra), 1),
        "first_request_cpu_ms": round(max(p["first_request_cpu_ms"] for p in extra), 1),
        "import_ms": round(max(p["import_ms"] for p in extra), 1),
        "extra_process_mb": round(max(p["pss_mb"] for p in extra), 1),
        "private_mb": round(max(p["private_mb"] for p in extra), 1),
        "processes": EXTRA_PROCESSES + 1,
    }
    print(f"{'':>9} {json.dumps(shared)}", flush=True)
    del index
    shutil.rmtree(directory, ignore_errors=True)
    return [{**row, **shared} for row in rows]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=list(SIZES))
    parser.add_argument("--out", type=pathlib.Path, default=RESULTS)
    parser.add_argument(
        "--merge", action="store_true", help="keep the other sizes' rows from the results file"
    )
    args = parser.parse_args()
    kept = _kept(args.out, set(args.sizes)) if args.merge else None
    base = pathlib.Path(tempfile.mkdtemp(prefix="engine-scale-"))
    rows = []
    try:
        for n in args.sizes:
            rows += measure(n, base)
            _write(args.out, rows, kept)  # after each size: a long run leaves what it measured
    finally:
        shutil.rmtree(base, ignore_errors=True)
    print(f"Written to {args.out}")


def _kept(out: pathlib.Path, measured: set[int]) -> dict | None:
    """The rows of the other sizes in the results file, and when they were measured."""
    if not out.exists():
        return None
    old = json.loads(out.read_text())
    rows = [r for r in old["rows"] if r["openings"] not in measured]
    return {"rows": rows, "measured_at": old.get("measured_at")}


def _write(out: pathlib.Path, rows: list[dict], kept: dict | None = None) -> None:
    notes = ""
    if kept and kept["rows"]:
        sizes = sorted({r["openings"] for r in kept["rows"]})
        notes = (
            f" The rows for {', '.join(f'{n:,}' for n in sizes)} openings are kept from the run"
            f" of {kept['measured_at']}."
        )
        rows = sorted([*rows, *kept["rows"]], key=lambda r: (r["openings"], r["kind"]))
    largest = max(r["openings"] for r in rows)
    wide = next(r for r in rows if r["openings"] == largest and r["kind"] == "wide")
    result = {
        "rows": rows,
        "targets": TARGETS,
        "met_at_largest": {
            "openings": largest,
            "wide_p50_ms": wide["p50_ms"] <= TARGETS["wide_p50_ms"],
            "wide_p95_ms": wide["p95_ms"] <= TARGETS["wide_p95_ms"],
            "index_mb": wide["index_mb"] <= TARGETS["index_mb"],
        },
        "measured_at": datetime.datetime.now(datetime.UTC).isoformat(timespec="seconds"),
        "machine": {
            "python": platform.python_version(),
            "cpus": os.cpu_count(),
            "load_average": [round(x, 2) for x in os.getloadavg()],
        },
        "notes": "Per student the quickest of "
        f"{ROUNDS} rounds (wall clock; cpu_* the thread's CPU time), top {K}. "
        "extra_process_mb: PSS added by one of several processes mapping the same files." + notes,
    }
    out.parent.mkdir(parents=True, exist_ok=True)
    tmp = out.with_suffix(".json.tmp")
    tmp.write_text(json.dumps(result, indent=2) + "\n")
    os.replace(tmp, out)


if __name__ == "__main__":
    main()
