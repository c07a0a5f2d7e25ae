"""Load test of the production-like stack (`make load`, not part of `make test`).

1. A large region on PostgreSQL (default 100,000 openings and 10,000 students, database
   bpvmatcher_load): created, migrated and seeded with bulk inserts when it holds fewer openings.
2. `make serve`'s stack (scripts/serve.sh: gunicorn, Celery worker and beat, Redis) on
   127.0.0.1:--port against that database, unless --no-serve says it already runs.
3. Accounts logged in beforehand (sessions, and API tokens through the token service), handed to
   benchmarks/locustfile.py; every web worker warmed up (the openings index is mapped from
   shared files, but each worker builds its own students index at its first candidates page).
4. locust, headless, against 127.0.0.1 only: the mixed journeys at --users users for --duration
   seconds, then the matches API alone, back to back, for --api-duration seconds.
5. Per endpoint p50, p95, requests per second and errors into benchmarks/results/load.json.

All simulated people come from 127.0.0.1, so the run raises the API's per-address limit for
anonymous requests (API_THROTTLE_ANON) that would otherwise answer them with 429.
"""

import argparse
import concurrent.futures
import csv
import json
import os
import pathlib
import random
import re
import signal
import subprocess
import sys
import time
import urllib.error
import urllib.request

ROOT = pathlib.Path(__file__).resolve().parents[1]
RESULTS = ROOT / "benchmarks" / "results" / "load.json"
STATE = ROOT / ".serve"
LOCUST = ROOT / ".venv-load" / "bin" / "locust"
MIXED = ["Student", "Employer", "Jobhunter", "Anonymous"]
TARGET_P95_MS = 300
TARGET_API_RPS_PER_CORE = 150


def parse_args() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--port", type=int, default=8010)
    parser.add_argument("--database", default="postgres://postgres@127.0.0.1:5432/bpvmatcher_load")
    parser.add_argument("--redis", default="redis://127.0.0.1:6379/6")
    parser.add_argument("--openings", type=int, default=100_000)
    parser.add_argument("--students", type=int, default=10_000)
    parser.add_argument("--users", type=int, default=50)
    parser.add_argument("--duration", type=int, default=120, help="seconds of mixed journeys")
    parser.add_argument("--api-duration", type=int, default=60, help="seconds of matches API")
    parser.add_argument("--workers", type=int, default=0, help="gunicorn workers (0: 2 per core)")
    parser.add_argument("--no-serve", action="store_true", help="the stack runs already")
    parser.add_argument("--output", default=str(RESULTS))
    return parser.parse_args()


def secret_key() -> str:
    """The same key as scripts/serve.sh, so the sessions made here are valid there."""
    path = STATE / "secret.env"
    if not path.exists():
        import secrets

        STATE.mkdir(exist_ok=True)
        path.write_text(f"SECRET_KEY={secrets.token_urlsafe(50)}\n")
        path.chmod(0o600)
    return path.read_text().strip().split("=", 1)[1]


def django_setup(args) -> None:
    os.environ.update(
        {
            "DJANGO_SETTINGS_MODULE": "config.settings.production",
            "SERVE_LOCAL_HTTP": "1",
            "SECRET_KEY": secret_key(),
            "ALLOWED_HOSTS": "127.0.0.1,localhost,testserver",
            "DATABASE_URL": args.database,
            "CACHE_URL": args.redis,
            "CELERY_BROKER_URL": args.redis,
            "DEBUG": "false",
        }
    )
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()


def ensure_database(args) -> float:
    """Create, migrate and seed the large region when it is smaller than asked; the seconds."""
    import environ
    import psycopg

    config = environ.Env.db_url_config(args.database)
    with psycopg.connect(
        dbname="postgres", host=config["HOST"] or "127.0.0.1", port=config["PORT"] or 5432,
        user=config["USER"] or "postgres", password=config["PASSWORD"] or None, autocommit=True,
    ) as conn:  # fmt: skip
        if not conn.execute(
            "SELECT 1 FROM pg_database WHERE datname = %s", [config["NAME"]]
        ).fetchone():
            conn.execute(f'CREATE DATABASE "{config["NAME"]}"')
    django_setup(args)
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    from employers.models import Opening
    from marketplace.models import StudentProfile

    if Opening.objects.count() >= args.openings and StudentProfile.objects.count() >= args.students:
        from demo.run import analyze

        analyze()  # planner statistics as the autovacuum daemon keeps them on a running site
        return 0.0
    started = time.perf_counter()
    print(f"load: seeding {args.openings} openings and {args.students} students (bulk inserts)")
    call_command("seed_demo", openings=args.openings, students=args.students, verbosity=0)
    return time.perf_counter() - started


def start_stack(args) -> subprocess.Popen:
    env = dict(os.environ)
    for key in ("DJANGO_SETTINGS_MODULE", "CACHE_URL", "CELERY_BROKER_URL", "SECRET_KEY"):
        env.pop(key, None)
    env.update(
        {
            "PORT": str(args.port),
            "DATABASE_URL": args.database,
            "REDIS_URL": args.redis,
            "SERVE_SEED": "0",
            "API_THROTTLE_ANON": "100000/min",
            "GUNICORN_ACCESS_LOG": str(STATE / "load-access.log"),
            "GUNICORN_LOG_LEVEL": "warning",
            # Each worker builds its own engine index at its first ranking: on a busy machine
            # that can take minutes, longer than the usual worker timeout.
            "GUNICORN_TIMEOUT": "900",
        }
    )
    if args.workers:
        env["WEB_CONCURRENCY"] = str(args.workers)
    (STATE / "load-access.log").unlink(missing_ok=True)
    log = open(STATE / "load-serve.log", "w")  # noqa: SIM115 - open while the stack runs
    proc = subprocess.Popen(  # noqa: S603
        ["bash", str(ROOT / "scripts" / "serve.sh")],  # noqa: S607
        cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT, start_new_session=True,
    )  # fmt: skip
    deadline = time.time() + 300
    while time.time() < deadline:
        if proc.poll() is not None:
            raise SystemExit(f"load: the stack stopped; see {STATE / 'load-serve.log'}")
        try:
            urllib.request.urlopen(f"http://127.0.0.1:{args.port}/accounts/login/", timeout=5)
            return proc
        except (urllib.error.URLError, ConnectionError, TimeoutError):
            time.sleep(1)
    stop_stack(proc)
    raise SystemExit("load: the stack did not answer within 5 minutes")


def stop_stack(proc: subprocess.Popen) -> None:
    if proc.poll() is None:
        os.killpg(proc.pid, signal.SIGINT)
        try:
            proc.wait(timeout=60)
        except subprocess.TimeoutExpired:
            os.killpg(proc.pid, signal.SIGKILL)


def session_for(user, *, staff: bool) -> str:
    """A logged-in session, as after the password (and for staff the code from their app)."""
    from django.conf import settings
    from django.test import Client
    from django_otp.plugins.otp_totp.models import TOTPDevice

    from marketplace.authentication import mark_session_active

    client = Client()
    client.force_login(user, backend="django.contrib.auth.backends.ModelBackend")
    session = client.session
    if staff:
        device = TOTPDevice.objects.filter(user=user, confirmed=True).first()
        session["second_factor_device"] = device.persistent_id if device else "load"
    mark_session_active(session)
    session.save()
    return client.cookies[settings.SESSION_COOKIE_NAME].value


def prepare_accounts(n_students: int = 150, n_employers: int = 40) -> dict:
    """Sessions and tokens for students, employers and jobhunters; words to search for."""
    from django.db.models import Count, Q

    from employers.models import Opening
    from marketplace.models import Match, MatchStatus, Role, StudentProfile, User
    from marketplace.permissions import second_factor_required
    from marketplace.services.security import api_login_token_create

    rng = random.Random(17)
    student_ids = list(
        StudentProfile.objects.filter(user__is_active=True, user__role=Role.STUDENT)
        .order_by("pk")
        .values_list("pk", flat=True)
    )
    students = []
    chosen = StudentProfile.objects.filter(
        pk__in=rng.sample(student_ids, min(n_students, len(student_ids)))
    )
    for profile in chosen.select_related("user"):
        students.append(
            {
                "student_id": profile.pk,
                "session": session_for(profile.user, staff=False),
                "token": api_login_token_create(user=profile.user).key,
            }
        )

    employers = []
    members = (
        User.objects.filter(role=Role.WERKGEVER, is_active=True, employer__isnull=False)
        .annotate(
            n=Count("employer__openings", filter=Q(employer__openings__matches__isnull=False))
        )
        .filter(n__gt=0)
        .order_by("-n", "pk")[:n_employers]
    )
    for user in members:
        openings = list(
            Opening.objects.filter(employer_id=user.employer_id, matches__isnull=False)
            .distinct()
            .values_list("pk", flat=True)[:20]
        )
        pending = [
            {"match": m.pk, "version": m.version, "opening": m.opening_id}
            for m in Match.objects.filter(
                opening__employer_id=user.employer_id, status=MatchStatus.VOORGESTELD
            ).exclude(employer_response=Match.Response.YES)[:20]
        ]
        employers.append(
            {"session": session_for(user, staff=False), "openings": openings, "pending": pending}
        )

    jobhunters = []
    for user in User.objects.filter(role=Role.JOBHUNTER, is_active=True).order_by("pk"):
        caseload = list(
            StudentProfile.objects.filter(jobhunter=user).values_list("pk", flat=True)[:50]
        )
        if caseload:
            jobhunters.append(
                {
                    "session": session_for(user, staff=second_factor_required(user)),
                    "students": caseload,
                }
            )

    words: set[str] = set()
    for title in Opening.objects.order_by("?").values_list("title", flat=True)[:300]:
        words.update(w.lower() for w in title.split() if len(w) > 4 and w.isalpha())
    return {
        "students": students,
        "employers": employers,
        "jobhunters": jobhunters,
        "search_words": sorted(words)[:100] or ["monteur"],
    }


def warm_up(args, accounts: dict, workers: int) -> dict:
    """Rank through every worker until none is slow (each builds its engine index once)."""
    base = f"http://127.0.0.1:{args.port}"

    def one(account) -> float:
        request = urllib.request.Request(  # noqa: S310
            f"{base}/api/v1/students/{account['student_id']}/matches/",
            headers={"Authorization": f"Token {account['token']}"},
        )
        started = time.perf_counter()
        with urllib.request.urlopen(request, timeout=900) as response:  # noqa: S310
            response.read()
        return time.perf_counter() - started

    started = time.perf_counter()
    calm_rounds, rounds = 0, 0
    with concurrent.futures.ThreadPoolExecutor(max_workers=workers * 2) as pool:
        while calm_rounds < 3 and rounds < 40:
            rounds += 1
            batch = [
                accounts["students"][i % len(accounts["students"])] for i in range(workers * 4)
            ]
            slowest = max(pool.map(one, batch))
            calm_rounds = calm_rounds + 1 if slowest < 1.0 else 0

    # The students' index (the candidates direction) is each worker's own: built at its first
    # candidates page, so every worker gets a few before measuring.
    def page(account) -> None:
        request = urllib.request.Request(  # noqa: S310
            f"{base}/werkgever/plekken/{account['openings'][0]}/kandidaten/",
            headers={"Cookie": f"sessionid={account['session']}"},
        )
        with urllib.request.urlopen(request, timeout=900) as response:  # noqa: S310
            response.read()

    employers = [a for a in accounts["employers"] if a["openings"]]
    with concurrent.futures.ThreadPoolExecutor(max_workers=workers * 2) as pool:
        list(pool.map(page, [employers[i % len(employers)] for i in range(workers * 6)]))
    return {"seconds": round(time.perf_counter() - started, 1), "rounds": rounds}


ACCESS_LINE = re.compile(r'"(\w+) (\S+) HTTP/[\d.]+" (\d{3}) \S+ (\d+)ms')


def access_log_size() -> int:
    path = STATE / "load-access.log"
    return path.stat().st_size if path.exists() else 0


def server_side(start: int, end: int) -> dict:
    """Per endpoint, the time gunicorn's workers spent on each request (from its access log,
    between two byte offsets): without the wait in the queue in front of the workers."""
    import numpy as np

    with open(STATE / "load-access.log", "rb") as fh:
        fh.seek(start)
        text = fh.read(end - start).decode("utf-8", "replace")
    times: dict[str, list[int]] = {}
    for method, path, _status, ms in ACCESS_LINE.findall(text):
        base, _, query = path.partition("?")
        name = re.sub(r"/\d+/", "/[id]/", base)
        if query:
            name += "?" + query.split("=", 1)[0] + "="
        times.setdefault(f"{method} {name}", []).append(int(ms))
    return {
        name: {
            "requests": len(ms),
            "p50_ms": round(float(np.percentile(ms, 50)), 1),
            "p95_ms": round(float(np.percentile(ms, 95)), 1),
        }
        for name, ms in sorted(times.items())
    }


def run_locust(args, credentials: pathlib.Path, classes: list[str], seconds: int, tag: str) -> list:
    prefix = STATE / f"locust-{tag}"
    env = dict(os.environ, LOAD_CREDENTIALS=str(credentials))
    command = [
        str(LOCUST), "-f", str(ROOT / "benchmarks" / "locustfile.py"), "--headless",
        "--host", f"http://127.0.0.1:{args.port}", "--users", str(args.users),
        "--spawn-rate", str(args.users), "--run-time", f"{seconds}s", "--csv", str(prefix),
        "--only-summary", "--stop-timeout", "10", "--exit-code-on-error", "0", *classes,
    ]  # fmt: skip
    subprocess.run(command, cwd=ROOT, env=env, check=True)  # noqa: S603
    rows = []
    with open(f"{prefix}_stats.csv", encoding="utf-8") as fh:
        for row in csv.DictReader(fh):
            rows.append(
                {
                    "endpoint": row["Name"],
                    "method": row["Type"] or None,
                    "requests": int(row["Request Count"]),
                    "errors": int(row["Failure Count"]),
                    "p50_ms": float(row["50%"] or 0),
                    "p95_ms": float(row["95%"] or 0),
                    "p99_ms": float(row["99%"] or 0),
                    "rps": round(float(row["Requests/s"]), 1),
                }
            )
    with open(f"{prefix}_failures.csv", encoding="utf-8") as fh:
        failures = [
            {"endpoint": r["Name"], "error": r["Error"], "count": int(r["Occurrences"])}
            for r in csv.DictReader(fh)
        ]
    return rows, failures


def main() -> None:
    args = parse_args()
    if not LOCUST.exists():
        raise SystemExit(
            "load: locust is missing; run `make load` (it installs requirements-load.txt)"
        )
    STATE.mkdir(exist_ok=True)
    seed_seconds = ensure_database(args)
    cores = os.cpu_count() or 1
    workers = args.workers or 2 * cores
    proc = None if args.no_serve else start_stack(args)
    try:
        accounts = prepare_accounts()
        credentials = STATE / "load-credentials.json"
        credentials.write_text(json.dumps(accounts))
        credentials.chmod(0o600)
        warm = warm_up(args, accounts, workers)
        load_before = os.getloadavg()
        offsets = [access_log_size()]
        mixed, mixed_failures = run_locust(args, credentials, MIXED, args.duration, "mixed")
        offsets.append(access_log_size())
        api, api_failures = run_locust(
            args, credentials, ["MatchesApiUser"], args.api_duration, "api"
        )
        offsets.append(access_log_size())
        load_after = os.getloadavg()
    finally:
        if proc is not None:
            stop_stack(proc)

    from employers.models import Opening
    from marketplace.models import StudentProfile

    pages = [r for r in mixed if r["endpoint"] != "Aggregated"]
    api_row = next(r for r in api if r["endpoint"] != "Aggregated")
    worst = max(pages, key=lambda r: r["p95_ms"])
    out = {
        "database": "postgresql",
        "openings": Opening.objects.count(),
        "students": StudentProfile.objects.count(),
        "seed_seconds": round(seed_seconds, 1),
        "cores": cores,
        "gunicorn_workers": workers,
        "users": args.users,
        "mixed": {
            "duration_s": args.duration,
            "endpoints": mixed,
            "failures": mixed_failures,
            "server_side": server_side(offsets[0], offsets[1]),
        },
        "matches_api_throughput": {
            "duration_s": args.api_duration,
            "endpoints": api,
            "failures": api_failures,
            "rps_per_core": round(api_row["rps"] / cores, 1),
            "server_side": server_side(offsets[1], offsets[2]),
        },
        "warm_up": {
            **warm,
            "note": "the openings index is mapped from files; each gunicorn worker builds its "
            "own students index at its first candidates page: the run warms every worker "
            "before measuring",
        },
        "load_average_before": [round(x, 2) for x in load_before],
        "load_average_after": [round(x, 2) for x in load_after],
        "targets": {
            "p95_ms_per_page": TARGET_P95_MS,
            "errors": 0,
            "matches_api_rps_per_core": TARGET_API_RPS_PER_CORE,
        },
        "met": {
            "p95": worst["p95_ms"] <= TARGET_P95_MS,
            "worst_p95_endpoint": worst["endpoint"],
            "errors": sum(r["errors"] for r in mixed + api if r["endpoint"] != "Aggregated") == 0,
            "matches_api_rps_per_core": api_row["rps"] / cores >= TARGET_API_RPS_PER_CORE,
        },
        "note": "locust runs on the same machine as the stack and takes part of its cores",
        "timestamp": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()),
    }
    path = pathlib.Path(args.output)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(out, indent=2) + "\n")
    for row in pages + [api_row]:
        print(
            f"{row['endpoint']:<48} p50 {row['p50_ms']:>7.0f} ms  p95 {row['p95_ms']:>7.0f} ms  "
            f"{row['rps']:>6.1f}/s  errors {row['errors']}"
        )
    print(f"load: results in {path}")


if __name__ == "__main__":
    main()
