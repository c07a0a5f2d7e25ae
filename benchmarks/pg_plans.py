"""PostgreSQL plans of the queries behind the hot pages, at 100,000 openings and 50,000 students.

Each hot page (a student's matches, the employer's dashboard and candidates, the jobhunter's
caseload, board, inbox and a student's record, the public opening search) is requested once
to warm up and once more while its queries are captured. Every SELECT of that second request
is run again under EXPLAIN (ANALYZE, BUFFERS): once with the indexes this product adds for these
pages dropped inside a transaction that is rolled back ("before"), once as they are ("after").
The slowest queries of each page, their sequential scans over large tables and the time of both
runs go to benchmarks/results/pg_plans.json.

    .venv/bin/python benchmarks/pg_plans.py [--database postgres://...] [--no-seed]
"""

import argparse
import json
import os
import pathlib
import sys
import time

ROOT = pathlib.Path(__file__).resolve().parents[1]
RESULTS = ROOT / "benchmarks" / "results" / "pg_plans.json"

# The indexes added for these pages (their migrations name them); "before" runs without them.
INDEXES = [
    "opening_open_created",
    "opening_open_kind_created",
    "notification_user_created",
    "notification_user_unread",
    "student_findable_school",
]
PAGES = [
    ("student", "/mijn-matches/"),
    ("student", "/api/v1/students/{student}/matches/"),
    ("employer", "/werkgever/"),
    ("employer", "/werkgever/plekken/{opening}/kandidaten/"),
    ("jobhunter", "/werk/"),
    ("jobhunter", "/werk/bord/"),
    ("jobhunter", "/werk/inbox/"),
    ("jobhunter", "/werk/jongeren/{caseload_student}/"),
    ("anonymous", "/api/v1/openings/?q=monteur"),
    ("anonymous", "/api/v1/openings/?kind=bpv"),
]
LARGE_TABLE_ROWS = 5000


def setup(args) -> None:
    import environ
    import psycopg

    config = environ.Env.db_url_config(args.database)
    with psycopg.connect(
        dbname="postgres", host=config["HOST"] or "127.0.0.1", port=config["PORT"] or 5432,
        user=config["USER"] or "postgres", password=config["PASSWORD"] or None, autocommit=True,
    ) as conn:  # fmt: skip
        name = config["NAME"]
        if not conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone():
            conn.execute(f'CREATE DATABASE "{name}"')
    os.environ["DATABASE_URL"] = args.database
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.base")
    os.environ["DEBUG"] = "false"
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()


def ensure_region(args) -> None:
    from django.core.management import call_command

    from employers.models import Opening
    from marketplace.models import StudentProfile

    call_command("migrate", verbosity=0)
    if args.no_seed:
        return
    if Opening.objects.count() < args.openings or StudentProfile.objects.count() < args.students:
        call_command("seed_demo", openings=args.openings, students=args.students, verbosity=0)


def add_notification_history(rows: int) -> int:
    """The seeded region is new and has hardly any messages; a region that has run for a year
    has many. Adds `rows` read and unread messages spread over every account (one in a hundred
    for the demo jobhunter, a busy inbox), once: their keys make a second run add nothing."""
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("SELECT max(id) FROM marketplace_user")
        users = cursor.fetchone()[0]
        cursor.execute("SELECT id FROM marketplace_user WHERE email = 'jobhunter@demo.nl'")
        busy = cursor.fetchone()[0]
        cursor.execute(
            """
            INSERT INTO marketplace_notification
                (key, title, body, url, created_at, read_at, user_id)
            SELECT 'history-' || g, 'Bericht ' || g, '', '/werk/',
                   now() - (g %% 720) * interval '12 hours',
                   CASE WHEN g %% 10 = 0 THEN NULL ELSE now() END,
                   CASE WHEN g %% 100 = 0 THEN %s ELSE 1 + (g::bigint * 7919) %% %s END
            FROM generate_series(1, %s) g
            JOIN marketplace_user u ON u.id = CASE WHEN g %% 100 = 0 THEN %s
                                                  ELSE 1 + (g::bigint * 7919) %% %s END
            ON CONFLICT DO NOTHING
            """,
            [busy, users, rows, busy, users],
        )
        cursor.execute("SELECT count(*) FROM marketplace_notification")
        return cursor.fetchone()[0]


def personas() -> dict:
    """A logged-in client per audience and the ids its pages need."""
    from django.db.models import Count
    from django.test import Client

    from employers.models import Opening
    from marketplace.authentication import mark_session_active, mark_session_verified_for_tests
    from marketplace.models import Role, StudentProfile, User

    def client_for(user):
        client = Client()
        if user is not None:
            client.force_login(user, backend="django.contrib.auth.backends.ModelBackend")
            session = client.session
            mark_session_verified_for_tests(session)
            mark_session_active(session)
            session.save()
        return client

    # A student of the large region with a full list of suggestions.
    student = (
        StudentProfile.objects.filter(user__role=Role.STUDENT, user__is_active=True)
        .annotate(n=Count("suggestions"))
        .order_by("-n", "pk")
        .first()
    )
    # The employer member whose openings have the most matches.
    employer = (
        User.objects.filter(role=Role.WERKGEVER, is_active=True, employer__isnull=False)
        .annotate(n=Count("employer__openings__matches"))
        .order_by("-n", "pk")
        .first()
    )
    opening = (
        Opening.objects.filter(employer_id=employer.employer_id)
        .annotate(n=Count("matches"))
        .order_by("-n", "pk")
        .first()
    )
    jobhunter = User.objects.get(email="jobhunter@demo.nl")
    caseload_student = StudentProfile.objects.filter(jobhunter=jobhunter).order_by("pk").first()
    return {
        "clients": {
            "student": client_for(student.user),
            "employer": client_for(employer),
            "jobhunter": client_for(jobhunter),
            "anonymous": client_for(None),
        },
        "ids": {
            "student": student.pk,
            "opening": opening.pk,
            "caseload_student": caseload_student.pk,
        },
    }


def row_counts() -> dict[str, int]:
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("SELECT relname, reltuples::bigint FROM pg_class WHERE relkind = 'r'")
        return dict(cursor.fetchall())


def explain(sql: str, *, drop: list[str]) -> dict:
    """EXPLAIN ANALYZE in a transaction that is rolled back (with `drop` indexes dropped)."""
    from django.db import connection, transaction

    class Rollback(Exception):
        pass

    result = {}
    try:
        with transaction.atomic(), connection.cursor() as cursor:
            for name in drop:
                cursor.execute(f'DROP INDEX IF EXISTS "{name}"')
            cursor.execute("EXPLAIN (ANALYZE, BUFFERS, FORMAT JSON) " + sql)
            plan = cursor.fetchone()[0]
            result = plan[0] if isinstance(plan, list) else json.loads(plan)[0]
            raise Rollback
    except Rollback:
        pass
    return result


def scans(node: dict, big: dict[str, int], found: list) -> list:
    kind = node.get("Node Type", "")
    if kind.endswith("Scan") and node.get("Relation Name"):
        rel = node["Relation Name"]
        entry = f"{kind} on {rel}"
        if node.get("Index Name"):
            entry += f" using {node['Index Name']}"
        if kind == "Seq Scan" and big.get(rel, 0) >= LARGE_TABLE_ROWS:
            entry += f" ({big[rel]} rows)"
        found.append(entry)
    for child in node.get("Plans", []):
        scans(child, big, found)
    return found


def measure(page: str, client, big: dict[str, int]) -> dict:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    response = client.get(page)
    assert response.status_code == 200, (page, response.status_code)
    with CaptureQueriesContext(connection) as captured:
        started = time.perf_counter()
        response = client.get(page)
        server_ms = (time.perf_counter() - started) * 1000
    assert response.status_code == 200, (page, response.status_code)
    queries = []
    for q in captured.captured_queries:
        sql = q["sql"]
        if not sql.lstrip().upper().startswith("SELECT"):
            continue
        after = explain(sql, drop=[])
        before = explain(sql, drop=INDEXES)
        queries.append(
            {
                "sql": sql if len(sql) < 600 else sql[:600] + " …",
                "before_ms": round(before.get("Execution Time", 0.0), 2),
                "after_ms": round(after.get("Execution Time", 0.0), 2),
                "before_scans": scans(before.get("Plan", {}), big, []),
                "after_scans": scans(after.get("Plan", {}), big, []),
            }
        )
    queries.sort(key=lambda q: -max(q["before_ms"], q["after_ms"]))
    return {
        "page": page,
        "server_ms": round(server_ms, 1),
        "queries": len(captured.captured_queries),
        "select_before_ms": round(sum(q["before_ms"] for q in queries), 1),
        "select_after_ms": round(sum(q["after_ms"] for q in queries), 1),
        "seq_scans_of_large_tables_before": sum(
            "rows)" in s for q in queries for s in q["before_scans"]
        ),
        "seq_scans_of_large_tables_after": sum(
            "rows)" in s for q in queries for s in q["after_scans"]
        ),
        "slowest": queries[:5],
    }


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--database", default="postgres://postgres@127.0.0.1:5432/bpvmatcher_plans")
    parser.add_argument("--openings", type=int, default=100_000)
    parser.add_argument("--students", type=int, default=50_000)
    parser.add_argument("--no-seed", action="store_true")
    parser.add_argument("--history", type=int, default=500_000, help="messages in the inboxes")
    parser.add_argument("--output", default=str(RESULTS))
    args = parser.parse_args()
    setup(args)
    ensure_region(args)
    from django.db import connection

    notifications = add_notification_history(args.history)
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
    big = row_counts()
    people = personas()
    pages = []
    for audience, template in PAGES:
        page = template.format(**people["ids"])
        result = measure(page, people["clients"][audience], big)
        pages.append({"audience": audience, **result})
        print(
            f"{page:<45} {result['queries']:>3} queries  select before "
            f"{result['select_before_ms']:>8.1f} ms  after {result['select_after_ms']:>8.1f} ms  "
            f"seq scans {result['seq_scans_of_large_tables_before']}"
            f"→{result['seq_scans_of_large_tables_after']}"
        )
    from employers.models import Opening
    from marketplace.models import StudentProfile

    out = {
        "database": "postgresql",
        "openings": Opening.objects.count(),
        "students": StudentProfile.objects.count(),
        "notifications": notifications,
        "notes": "the seed writes few messages; --history adds read and unread ones (10% unread) "
        "over every account, 1 in 100 to the demo jobhunter",
        "indexes_compared": INDEXES,
        "method": "EXPLAIN (ANALYZE, BUFFERS) of every SELECT of the page's second request; "
        "'before' drops the indexes above inside a rolled-back transaction",
        "pages": pages,
        "timestamp": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()),
    }
    path = pathlib.Path(args.output)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(out, indent=2) + "\n")
    print(f"pg_plans: results in {path}")


if __name__ == "__main__":
    main()
