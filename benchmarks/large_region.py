"""What the page benchmarks share: a throw-away SQLite database with the demo region at scale,
and the server time of a page through Django's test client."""

import os
import pathlib
import sys
import tempfile
import time

ROOT = pathlib.Path(__file__).resolve().parents[1]


def seed_large_region(*, openings: int, students: int) -> float:
    """Point Django at a new SQLite file, migrate and seed the demo region at this scale.
    Returns the seconds the seed took."""
    db = pathlib.Path(tempfile.mkdtemp()) / "bench.sqlite3"
    os.environ["DATABASE_URL"] = f"sqlite:///{db}"
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.base")
    os.environ["DEBUG"] = "false"
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    t = time.perf_counter()
    call_command("seed_demo", openings=openings, students=students, no_progress=True, verbosity=0)
    return time.perf_counter() - t


def time_page(client, page: str, n: int, params: dict | None = None) -> dict:
    """The first request (cold) and the p50 and p95 of `n` more, in milliseconds."""
    import numpy as np

    t = time.perf_counter()
    first = client.get(page, params or {})
    cold_ms = (time.perf_counter() - t) * 1000
    assert first.status_code == 200, (page, first.status_code)
    times = []
    for _ in range(n):
        t = time.perf_counter()
        assert client.get(page, params or {}).status_code == 200
        times.append((time.perf_counter() - t) * 1000)
    return {
        "cold_ms": round(cold_ms, 1),
        "p50_ms": round(float(np.percentile(times, 50)), 1),
        "p95_ms": round(float(np.percentile(times, 95)), 1),
    }


def demo_login(client, email: str) -> None:
    """Log a demo account in as a person would: the password, and for staff the second step
    with the code their demo app shows now (demo/second_factor.py)."""
    from demo import DEMO_PASSWORD
    from demo.second_factor import current_code

    if not client.login(username=email, password=DEMO_PASSWORD):
        raise SystemExit(f"{email} cannot log in")
    code = current_code(email)
    if code is not None:
        response = client.post("/accounts/tweestaps/", {"code": code})
        if response.status_code != 302:
            raise SystemExit(f"{email}: the second step was refused ({response.status_code})")
