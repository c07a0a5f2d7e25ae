"""The default set-up (`make run`: SQLite, runserver) stays up under light concurrent use.

A real server in a subprocess, on its own port and its own temporary SQLite file (whatever
DATABASE_URL the suite itself uses), is hit by real threads released by a barrier: 20 moves of
one match, 10 log-ins and 20 reads of a student's record at the same moment. No request may
answer 500 ("database is locked"): SQLite runs in WAL mode with immediate transactions and a
busy timeout (config/settings/base.py)."""

import http.client
import json
import os
import secrets
import socket
import subprocess
import sys
import threading
import time
import urllib.parse
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]

# Runs inside `manage.py shell` on the server's database: the cast, printed as JSON.
SETUP = """
import json
from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
from django.contrib.sessions.backends.db import SessionStore
from marketplace.authentication import VERIFIED_SESSION_KEY
from marketplace.models import Match, MatchStatus, Role
from tests import factories as f

region = f.RegionFactory()
school = f.SchoolFactory(region=region)
employer = f.EmployerFactory(region=region)
jobhunter = f.UserFactory(role=Role.JOBHUNTER, region=region)
student = f.StudentProfileFactory(school=school, jobhunter=jobhunter)
employer.recognitions.create(qualification=student.qualification, valid_from="2020-01-01")
opening = f.OpeningFactory(location=f.LocationFactory(employer=employer))
match = Match.objects.create(
    student=student, opening=opening, proposed_by=jobhunter, status=MatchStatus.VOORGESTELD
)
sessions = []
for _ in range(20):
    store = SessionStore()
    store[SESSION_KEY] = str(jobhunter.pk)
    store[BACKEND_SESSION_KEY] = "django.contrib.auth.backends.ModelBackend"
    store[HASH_SESSION_KEY] = jobhunter.get_session_auth_hash()
    store[VERIFIED_SESSION_KEY] = "test"  # this log-in passed the second factor
    store.create()
    sessions.append(store.session_key)
logins = [f.UserFactory(role=Role.STUDENT).email for _ in range(10)]
member = f.UserFactory(role=Role.WERKGEVER, employer=employer)
store = SessionStore()
store[SESSION_KEY] = str(member.pk)
store[BACKEND_SESSION_KEY] = "django.contrib.auth.backends.ModelBackend"
store[HASH_SESSION_KEY] = member.get_session_auth_hash()
store[VERIFIED_SESSION_KEY] = "test"
store.create()
opening_form = {
    "kind": "bpv", "title": "Dubbel geklikt", "sector": str(opening.sector_id),
    "location": str(opening.location_id), "start_date": "2027-09-01", "hours_per_week": "24",
    "places": "1", "min_level": "0", "min_age": "0",
    "required_competencies": str(f.CompetencyFactory().pk),
}
print("CAST=" + json.dumps({
    "match": match.pk, "version": match.version, "student": student.pk,
    "sessions": sessions, "logins": logins, "password": f.PASSWORD,
    "employer_session": store.session_key, "opening_form": opening_form,
}))
"""


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _manage(env: dict, *args: str, **kwargs) -> subprocess.CompletedProcess:
    return subprocess.run(  # noqa: S603 - our own manage.py with fixed arguments
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        check=True,
        timeout=300,
        **kwargs,
    )


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    """`make run`'s server (runserver, threaded, base settings) on a fresh SQLite file."""
    db_file = tmp_path_factory.mktemp("sqlite") / "concurrency.sqlite3"
    env = {
        **os.environ,
        "DATABASE_URL": f"sqlite:///{db_file}",
        "DJANGO_SETTINGS_MODULE": "config.settings.base",
        "CELERY_BROKER_URL": "",
        "CELERY_TASK_ALWAYS_EAGER": "true",
        "DEBUG": "false",
        "PYTHONUNBUFFERED": "1",
    }
    _manage(env, "migrate", "--noinput", "-v0")
    out = _manage(env, "shell", "-c", SETUP).stdout
    cast = json.loads(next(line for line in out.splitlines() if line.startswith("CAST="))[5:])
    port = _free_port()
    log_path = db_file.parent / "server.log"
    log = log_path.open("w")
    proc = subprocess.Popen(  # noqa: S603 - our own manage.py with fixed arguments
        [sys.executable, "manage.py", "runserver", f"127.0.0.1:{port}", "--noreload"],
        cwd=ROOT,
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                _request(port, "GET", "/accounts/login/")
                break
            except OSError:
                if time.monotonic() > deadline or proc.poll() is not None:
                    log.flush()
                    pytest.fail("the server did not start:\n" + log_path.read_text()[-3000:])
                time.sleep(0.3)
        yield port, cast, db_file
    finally:
        proc.terminate()
        proc.wait(timeout=20)
        log.close()


def _request(port: int, method: str, path: str, *, cookies=None, form=None, csrf=None):
    """One request on its own connection: (status, body), or (status, Location) on a
    redirect. `csrf`: the token of one rendered form (a fresh one by default)."""
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=120)
    headers = {"Host": "127.0.0.1"}
    csrf = csrf or secrets.token_hex(16)  # 32 characters, as the cookie and as the field
    cookie = {"csrftoken": csrf, **(cookies or {})}
    headers["Cookie"] = "; ".join(f"{k}={v}" for k, v in cookie.items())
    body = None
    if form is not None:
        body = urllib.parse.urlencode({**form, "csrfmiddlewaretoken": csrf})
        headers["Content-Type"] = "application/x-www-form-urlencoded"
    try:
        conn.request(method, path, body=body, headers=headers)
        response = conn.getresponse()
        body = response.read().decode("utf-8", "replace")
        return response.status, response.getheader("Location") or body
    finally:
        conn.close()


def _at_once(calls):
    """Run the calls at the same moment from real threads; return their results in order."""
    barrier = threading.Barrier(len(calls))
    results: list = [None] * len(calls)

    def run(i, call):
        barrier.wait(timeout=30)
        try:
            results[i] = call()
        except Exception as exc:  # noqa: BLE001 - the outcome is what the test inspects
            results[i] = (None, repr(exc))

    threads = [threading.Thread(target=run, args=(i, c)) for i, c in enumerate(calls)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=180)
    return results


def _count(db_file, sql: str) -> int:
    import sqlite3

    with sqlite3.connect(db_file) as conn:
        return conn.execute(sql).fetchone()[0]


def test_twenty_parallel_moves_of_one_match_give_one_success_and_nineteen_conflicts(server):
    port, cast, db_file = server
    path = f"/werk/matches/{cast['match']}/stap/"
    form = {"version": cast["version"], "to_status": "ingetrokken", "reason": "Verhuisd"}
    results = _at_once(
        [
            lambda key=key: _request(port, "POST", path, cookies={"sessionid": key}, form=form)
            for key in cast["sessions"]
        ]
    )
    statuses = sorted(status for status, _body in results)
    assert statuses == [302] + [409] * 19, statuses
    for status, body in results:
        if status == 409:
            assert "Iemand anders heeft deze match net aangepast" in body
    moves = _count(
        db_file,
        f"SELECT COUNT(*) FROM marketplace_timelineentry WHERE match_id = {cast['match']} "  # noqa: S608 - an int
        "AND to_status = 'ingetrokken'",
    )
    assert moves == 1


def test_ten_parallel_logins_all_succeed(server):
    port, cast, _db = server
    results = _at_once(
        [
            lambda email=email: _request(
                port,
                "POST",
                "/accounts/login/",
                form={"username": email, "password": cast["password"]},
            )
            for email in cast["logins"]
        ]
    )
    assert [status for status, _body in results] == [302] * 10, results


def test_twenty_parallel_reads_of_a_students_record_all_succeed(server):
    port, cast, _db = server
    path = f"/werk/jongeren/{cast['student']}/"
    results = _at_once(
        [
            lambda key=key: _request(port, "GET", path, cookies={"sessionid": key})
            for key in cast["sessions"]
        ]
    )
    assert [status for status, _body in results] == [200] * 20, [s for s, _b in results]


def test_a_double_clicked_create_form_creates_once_even_at_the_same_moment(server):
    port, cast, db_file = server
    token = secrets.token_hex(16)  # both clicks send the same rendered form
    results = _at_once(
        [
            lambda: _request(
                port,
                "POST",
                "/werkgever/plekken/nieuw/",
                cookies={"sessionid": cast["employer_session"]},
                form=cast["opening_form"],
                csrf=token,
            )
            for _ in range(2)
        ]
    )
    assert [status for status, _where in results] == [302, 302], results
    assert results[0][1] == results[1][1]
    made = _count(db_file, "SELECT COUNT(*) FROM employers_opening WHERE title = 'Dubbel geklikt'")
    assert made == 1
