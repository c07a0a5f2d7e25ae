"""Benchmark of the student's page "Mijn matches" (/mijn-matches/) and the mediation workspace
(caseload, board, a student's record, the escalation queue) with a large region loaded.

Builds a throw-away SQLite database with the demo region scaled to 100,000 openings and 10,000
students, then times each page's server time through Django's test client. Writes
benchmarks/results/web.json.
"""

import argparse
import json
import os
import pathlib
import sys
import tempfile
import time

ROOT = pathlib.Path(__file__).resolve().parents[1]
RESULTS = ROOT / "benchmarks" / "results" / "web.json"
PAGE = "/mijn-matches/"


def _time_page(client, page: str, n: int) -> dict:
    import numpy as np

    t = time.perf_counter()
    first = client.get(page)
    cold_ms = (time.perf_counter() - t) * 1000
    assert first.status_code == 200, (page, first.status_code)
    times = []
    for _ in range(n):
        t = time.perf_counter()
        assert client.get(page).status_code == 200
        times.append((time.perf_counter() - t) * 1000)
    return {
        "cold_ms": round(cold_ms, 1),
        "p50_ms": round(float(np.percentile(times, 50)), 1),
        "p95_ms": round(float(np.percentile(times, 95)), 1),
    }


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--openings", type=int, default=100_000)
    parser.add_argument("--students", type=int, default=10_000)
    parser.add_argument("--requests", type=int, default=60)
    args = parser.parse_args()
    db = pathlib.Path(tempfile.mkdtemp()) / "bench.sqlite3"
    os.environ["DATABASE_URL"] = f"sqlite:///{db}"
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.base")
    os.environ["DEBUG"] = "false"
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()
    import numpy as np
    from django.core.management import call_command
    from django.test import Client

    call_command("migrate", verbosity=0)
    t = time.perf_counter()
    call_command(
        "seed_demo",
        openings=args.openings,
        students=args.students,
        no_progress=True,
        verbosity=0,
    )
    seed_seconds = time.perf_counter() - t
    client = Client()
    client.login(username="student@demo.nl", password="demo-wachtwoord-2026")  # noqa: S106
    t = time.perf_counter()
    first = client.get(PAGE)
    cold_ms = (time.perf_counter() - t) * 1000
    assert first.status_code == 200, first.status_code
    times = []
    for _ in range(args.requests):
        t = time.perf_counter()
        response = client.get(PAGE)
        times.append((time.perf_counter() - t) * 1000)
        assert response.status_code == 200
    from employers.models import Opening
    from marketplace.models import StudentProfile

    workspace = {}
    for email, pages in (
        ("jobhunter@demo.nl", ["/werk/", "/werk/bord/", "STUDENT"]),
        ("accountmanager@demo.nl", ["/werk/escalaties/"]),
    ):
        mediator = Client()
        mediator.login(username=email, password="demo-wachtwoord-2026")  # noqa: S106
        for page in pages:
            if page == "STUDENT":
                student = StudentProfile.objects.filter(jobhunter__email=email).first()
                page = f"/werk/jongeren/{student.pk}/"
            workspace[page] = _time_page(mediator, page, max(args.requests // 3, 10))
        workspace["caseload_students"] = StudentProfile.objects.filter(
            jobhunter__email="jobhunter@demo.nl"
        ).count()

    out = {
        "n_openings": Opening.objects.count(),
        "seed_seconds": round(seed_seconds, 1),
        "page": PAGE,
        "cold_ms": round(cold_ms, 1),
        "p50_ms": round(float(np.percentile(times, 50)), 1),
        "p95_ms": round(float(np.percentile(times, 95)), 1),
        "target": "p95_ms <= 150",
        "met": float(np.percentile(times, 95)) <= 150,
        "workspace": workspace,
        "workspace_target": "p95_ms <= 300 per page",
        "database": "sqlite",
        "timestamp": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()),
    }
    RESULTS.parent.mkdir(parents=True, exist_ok=True)
    RESULTS.write_text(json.dumps(out, indent=2) + "\n")
    for key, value in out.items():
        print(f"{key:<16} {value}")


if __name__ == "__main__":
    main()
