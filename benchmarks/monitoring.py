"""Benchmark of the monitoring dashboard (/beheer/monitoring/) with a large region loaded.

Builds a throw-away SQLite database with the demo region scaled to 100,000 openings and 10,000
students (the `demo` builders, as benchmarks/web.py does), adds a year of pipeline history over
those students (a search request each, matches, placements, escalations, advies and contacts;
the demo itself only fills the pipeline of its 300 base students), then times the page as the
region's coordinator through Django's test client. Writes benchmarks/results/monitoring.json.
"""

import argparse
import datetime
import json
import pathlib
import time
from contextlib import contextmanager

from large_region import demo_login, seed_large_region, time_page

ROOT = pathlib.Path(__file__).resolve().parents[1]
RESULTS = ROOT / "benchmarks" / "results" / "monitoring.json"
PAGE = "/beheer/monitoring/"
TARGET_P95_MS = 300


@contextmanager
def _keeping_created_at(*models):
    """Let bulk_create keep the history's own creation times (auto_now_add would set now)."""
    fields = [m._meta.get_field("created_at") for m in models]
    for fld in fields:
        fld.auto_now_add = False
    try:
        yield
    finally:
        for fld in fields:
            fld.auto_now_add = True


def _history(seed: int = 12) -> dict:
    """A school year of pipeline over every student: searching → ... → still in place."""
    import numpy as np
    from django.db import transaction
    from django.utils import timezone

    from employers.models import Opening
    from marketplace.models import (
        ActionItem,
        Escalation,
        Match,
        MatchStatus,
        Placement,
        SearchRequest,
        StudentProfile,
    )

    rng = np.random.default_rng(seed)
    now = timezone.now()
    today = timezone.localdate()
    students = list(StudentProfile.objects.values_list("pk", "school__region_id"))
    taken = set(Match.objects.values_list("student_id", "opening_id"))
    openings = list(Opening.objects.values_list("pk", "sector_id")[:20_000])
    S = MatchStatus
    steps = [S.VOORGESTELD, S.INTERESSE_WERKGEVER, S.KENNISMAKING, S.GEPLAATST, S.GESTART]
    searches, matches, placed, escalations, actions, advies = [], [], [], [], [], []
    for pk, region_id in students:
        searched = now - datetime.timedelta(days=int(rng.integers(5, 330)))
        searches.append(
            SearchRequest(
                student_id=pk,
                kind="bpv",
                deadline=today + datetime.timedelta(days=60),
                created_at=searched,
                last_progress_at=searched,
            )
        )
        if rng.random() < 0.7:
            opening_id, sector_id = openings[int(rng.integers(len(openings)))]
            if (pk, opening_id) not in taken:
                taken.add((pk, opening_id))
                status = steps[int(rng.integers(len(steps)))]
                yes = Match.Response.YES if status != S.VOORGESTELD else Match.Response.OPEN
                made = searched + datetime.timedelta(days=int(rng.integers(1, 20)))
                matches.append(
                    Match(
                        student_id=pk,
                        opening_id=opening_id,
                        status=status,
                        student_response=yes,
                        employer_response=yes,
                        created_at=made,
                    )
                )
                if status in (S.GEPLAATST, S.GESTART):
                    placed.append((len(matches) - 1, made, status))
        if rng.random() < 0.15:
            opened = searched + datetime.timedelta(days=int(rng.integers(0, 30)))
            answered = rng.random() < 0.8
            escalations.append(
                Escalation(
                    student_id=pk,
                    region_id=region_id,
                    reason="handmatig",
                    status="in_behandeling" if answered else "open",
                    opened_at=opened,
                    first_response_at=opened + datetime.timedelta(hours=float(rng.integers(1, 96)))
                    if answered
                    else None,
                )
            )
        if rng.random() < 0.2:
            advies.append(pk)
            actions.append(
                ActionItem(
                    student_id=pk,
                    kind=ActionItem.Kind.CONTACT_AFTER_DIPLOMA,
                    title="Contact na 18 weken",
                    due_date=today - datetime.timedelta(days=int(rng.integers(0, 300))),
                    done_at=now if rng.random() < 0.6 else None,
                )
            )
    with transaction.atomic(), _keeping_created_at(SearchRequest, Match):
        SearchRequest.objects.bulk_create(searches, batch_size=2000)
        made = Match.objects.bulk_create(matches, batch_size=2000)
        placements = []
        for index, when, status in placed:
            start = when.date() + datetime.timedelta(days=int(rng.integers(7, 40)))
            if status == S.GESTART:
                start = min(start, today)
            dropped = rng.random() < 0.2 and start < today
            placements.append(
                Placement(
                    match_id=made[index].pk,
                    start_date=start,
                    status="uitgevallen" if dropped else "lopend",
                    end_date=min(start + datetime.timedelta(days=int(rng.integers(5, 200))), today)
                    if dropped
                    else None,
                )
            )
        Placement.objects.bulk_create(placements, batch_size=2000)
        Escalation.objects.bulk_create(escalations, batch_size=2000)
        ActionItem.objects.bulk_create(actions, batch_size=2000, ignore_conflicts=True)
        StudentProfile.objects.filter(pk__in=advies[::2]).update(advies="arbeid", advies_date=today)
        StudentProfile.objects.filter(pk__in=advies[1::2]).update(
            advies="doorstroom", advies_date=today
        )
    return {
        "n_search_requests": len(searches),
        "n_matches": len(matches),
        "n_placements": len(placements),
        "n_escalations": len(escalations),
    }


def _funnel_counted() -> dict:
    """What the page counted (the coordinator sees every region), so an empty page shows."""
    from django.utils import timezone

    from backoffice.monitoring import Filters, funnel, school_year
    from marketplace.models import User
    from marketplace.permissions import monitoring_scope_for

    scope = monitoring_scope_for(User.objects.get(email="coordinator@demo.nl"))
    start, end = school_year()
    return funnel(scope, Filters(date_from=start, date_to=end), timezone.localdate())


def _time(client, params: dict, n: int) -> dict:
    """p50 and p95 after one warm request (the session, the user, the vocabulary)."""
    timed = time_page(client, PAGE, n, params)
    return {"p50_ms": timed["p50_ms"], "p95_ms": timed["p95_ms"]}


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--openings", type=int, default=100_000)
    parser.add_argument("--students", type=int, default=10_000)
    parser.add_argument("--requests", type=int, default=40)
    args = parser.parse_args()
    t = time.perf_counter()
    seed_large_region(openings=args.openings, students=args.students)
    from django.test import Client

    from employers.models import Opening
    from marketplace.models import StudentProfile

    history = _history()
    seed_seconds = time.perf_counter() - t
    client = Client()
    demo_login(client, "coordinator@demo.nl")
    page = _time(client, {}, args.requests)
    by = {per: _time(client, {"per": per}, max(args.requests // 4, 10)) for per in (
        "sector", "school", "regio"
    )}  # fmt: skip
    year_ago = (datetime.date.today() - datetime.timedelta(days=365)).isoformat()  # noqa: DTZ011
    by["last_12_months"] = _time(client, {"van": year_ago}, max(args.requests // 4, 10))
    out = {
        "funnel": _funnel_counted(),
        "n_openings": Opening.objects.count(),
        "n_students": StudentProfile.objects.count(),
        **history,
        "seed_seconds": round(seed_seconds, 1),
        "page": PAGE,
        **page,
        "per_breakdown": by,
        "target": f"p95_ms <= {TARGET_P95_MS}",
        "met": page["p95_ms"] <= TARGET_P95_MS,
        "database": "sqlite",
        "timestamp": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()),
    }
    RESULTS.parent.mkdir(parents=True, exist_ok=True)
    RESULTS.write_text(json.dumps(out, indent=2) + "\n")
    for key, value in out.items():
        print(f"{key:<18} {value}")


if __name__ == "__main__":
    main()
