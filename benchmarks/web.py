"""Benchmark of the student's page "Mijn matches" (/mijn-matches/) and the mediation workspace
(caseload, board, a student's record, the escalation queue) with a large region loaded.

Builds a throw-away SQLite database with the demo region scaled to 100,000 openings and 10,000
students, then times each page's server time through Django's test client. Writes
benchmarks/results/web.json.
"""

import argparse
import json
import pathlib
import time

from large_region import demo_login, seed_large_region, time_page

ROOT = pathlib.Path(__file__).resolve().parents[1]
RESULTS = ROOT / "benchmarks" / "results" / "web.json"
PAGE = "/mijn-matches/"


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--openings", type=int, default=100_000)
    parser.add_argument("--students", type=int, default=10_000)
    parser.add_argument("--requests", type=int, default=60)
    args = parser.parse_args()
    seed_seconds = seed_large_region(openings=args.openings, students=args.students)
    from django.test import Client

    client = Client()
    demo_login(client, "student@demo.nl")
    page_times = time_page(client, PAGE, args.requests)
    from employers.models import Opening
    from marketplace.models import StudentProfile

    workspace = {}
    for email, pages in (
        ("jobhunter@demo.nl", ["/werk/", "/werk/bord/", "STUDENT"]),
        ("accountmanager@demo.nl", ["/werk/escalaties/"]),
    ):
        mediator = Client()
        demo_login(mediator, email)
        for page in pages:
            if page == "STUDENT":
                student = StudentProfile.objects.filter(jobhunter__email=email).first()
                page = f"/werk/jongeren/{student.pk}/"
            workspace[page] = time_page(mediator, page, max(args.requests // 3, 10))
        workspace["caseload_students"] = StudentProfile.objects.filter(
            jobhunter__email="jobhunter@demo.nl"
        ).count()

    out = {
        "n_openings": Opening.objects.count(),
        "seed_seconds": round(seed_seconds, 1),
        "page": PAGE,
        **page_times,
        "target": "p95_ms <= 150",
        "met": page_times["p95_ms"] <= 150,
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
