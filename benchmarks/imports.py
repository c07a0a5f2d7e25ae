"""Benchmark of the student import: 10,000 students from one CSV file of a school's export.

A throw-away SQLite database (or `--database-url`) gets the demo's vocabulary, places, regions
and schools; a CSV of 10,000 students (real place names, crebos, competencies, Dutch dates,
separated by ;) is checked (the dry run) and then imported by the task's body, as a worker runs
it. `import_seconds` is the real import (read, check again, write in one transaction);
`check_seconds` the dry run; `second_run_seconds` the same file again (everything unchanged).
`peak_mb` is the peak resident memory of the process that checks and imports (a fresh one:
seeding loads GeoNames), read as VmHWM from /proc/self/status (the kernel's peak RSS, what
ru_maxrss reports for a process that was not exec'd from a bigger one), so Python, Django, the
database driver and SQLite's cache all count: an upper bound for the import.
Targets: import_seconds at most 30, peak_mb at most 500. Writes benchmarks/results/import.json.
"""

import argparse
import csv
import io
import json
import os
import pathlib
import random
import resource
import subprocess
import sys
import tempfile
import time

ROOT = pathlib.Path(__file__).resolve().parents[1]
RESULTS = ROOT / "benchmarks" / "results" / "import.json"
TARGET_SECONDS, TARGET_MB = 30.0, 500.0
COORDINATOR = "coordinator@bench.example"
HEADERS = [
    "leerlingnummer", "voornaam", "achternaam", "e-mailadres", "geboortedatum", "onderwijs",
    "niveau", "crebo", "leerweg", "woonplaats", "reisafstand km", "beschikbaar vanaf",
    "uren per week", "vaardigheden", "certificaten", "zoekt werk na school",
]  # fmt: skip


def _peak_mb() -> float:
    """This process's peak resident memory: VmHWM (ru_maxrss would carry the parent's peak
    over the exec of a fresh process on Linux)."""
    for line in pathlib.Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # kilobytes


def _csv(n: int, seed: int = 12) -> bytes:
    from marketplace.models import School
    from matching.models import Certificate, Competency, Place, Qualification

    rng = random.Random(seed)
    provinces: dict[str, set] = {}
    for name, province in Place.objects.values_list("name", "province"):
        provinces.setdefault(name, set()).add(province)
    places = sorted(name for name, found in provinces.items() if len(found) == 1)
    quals = list(Qualification.objects.values_list("crebo", "level"))
    skills = list(Competency.objects.values_list("name", flat=True))
    certs = list(Certificate.objects.values_list("name", flat=True))
    out = io.StringIO()
    writer = csv.writer(out, delimiter=";")
    writer.writerow(["school", *HEADERS])
    school = School.objects.order_by("pk").first()
    for i in range(n):
        crebo, level = rng.choice(quals)
        writer.writerow([
            school.brin, f"{200000 + i}", rng.choice(["Sanne", "Daan", "Zoë", "Mohammed"]),
            f"Achternaam {i}", f"leerling{i}@bench.example", f"{rng.randint(1, 28):02d}-"
            f"{rng.randint(1, 12):02d}-{rng.randint(2005, 2010)}", "MBO", level, crebo,
            rng.choice(["BOL", "BBL"]), rng.choice(places), rng.randint(5, 40),
            "01-02-2027", rng.choice([16, 24, 32]), "; ".join(rng.sample(skills, 3)),
            rng.choice(certs), rng.choice(["ja", "nee"]),
        ])  # fmt: skip
    return out.getvalue().encode("utf-8")


def _setup(n: int) -> None:
    """The demo's vocabulary, places, regions and schools, a coordinator, and the CSV file."""
    from django.core.management import call_command

    from demo import foundation
    from marketplace.models import Region, Role, User

    call_command("migrate", verbosity=0)
    foundation.seed_vocabulary()
    foundation.seed_places()
    foundation.seed_schools(foundation.seed_regions())
    region = Region.objects.order_by("pk").first()
    User.objects.create_user(COORDINATOR, None, role=Role.COORDINATOR, region=region)
    return _csv(n)


def _measure(content: bytes) -> dict:
    """Check and import the file twice, in this (fresh) process: its peak is the import's."""
    from django.db import connection

    from backoffice.imports import import_check, import_run
    from backoffice.models import ImportRun
    from marketplace.models import StudentProfile, User

    coordinator = User.objects.get(email=COORDINATOR)
    before_mb = _peak_mb()

    def timed_run():
        t = time.perf_counter()
        run = import_check(user=coordinator, kind="students", file_name="l.csv", content=content)
        checked = time.perf_counter() - t
        assert run.status == "checked", run.problems[:3]
        ImportRun.objects.filter(pk=run.pk).update(status="queued")
        t = time.perf_counter()
        assert import_run(run_id=run.pk) == "done"
        return ImportRun.objects.get(pk=run.pk).summary, checked, time.perf_counter() - t

    first, check_seconds, import_seconds = timed_run()
    second, _check, second_seconds = timed_run()
    return {
        "created": first["create"],
        "in_database": StudentProfile.objects.count(),
        "check_seconds": round(check_seconds, 2),
        "import_seconds": round(import_seconds, 2),
        "second_run_seconds": round(second_seconds, 2),
        "second_run_unchanged": second["skip"],
        "peak_mb": round(_peak_mb(), 1),
        "mb_after_django_setup": round(before_mb, 1),
        "database": connection.vendor,
    }


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--students", type=int, default=10_000)
    parser.add_argument("--database-url", default="")
    parser.add_argument("--measure", default="", help="(internal) the CSV file to import")
    args = parser.parse_args()
    if not args.measure:
        db = pathlib.Path(tempfile.mkdtemp()) / "bench.sqlite3"
        os.environ["DATABASE_URL"] = args.database_url or f"sqlite:///{db}"
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.base")
    os.environ["DEBUG"] = "false"
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()
    if args.measure:
        print(json.dumps(_measure(pathlib.Path(args.measure).read_bytes())))
        return
    # Seeding loads GeoNames (hundreds of MB); the import is measured in a fresh process.
    csv_file = pathlib.Path(tempfile.mkdtemp()) / "leerlingen.csv"
    csv_file.write_bytes(_setup(args.students))
    child = subprocess.run(  # noqa: S603 - our own script, no shell
        [sys.executable, __file__, "--measure", str(csv_file)],
        env=os.environ.copy(), check=True, capture_output=True, text=True,
    )  # fmt: skip
    measured = json.loads(child.stdout.strip().splitlines()[-1])
    out = {
        "students": args.students,
        **measured,
        "peak_mb_measure": "peak RSS (VmHWM) of the whole importing process: Python, Django, "
        "the driver and the database cache all count",
        "target": f"import_seconds <= {TARGET_SECONDS:g}, peak_mb <= {TARGET_MB:g}",
        "met": measured["import_seconds"] <= TARGET_SECONDS and measured["peak_mb"] <= TARGET_MB,
        "timestamp": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()),
    }
    RESULTS.parent.mkdir(parents=True, exist_ok=True)
    RESULTS.write_text(json.dumps(out, indent=2) + "\n")
    for key, value in out.items():
        print(f"{key:<22} {value}")


if __name__ == "__main__":
    main()
