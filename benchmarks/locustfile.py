"""Mixed journeys for the load test (benchmarks/load.py runs this; it is not part of `make test`).

The runner logs the accounts in beforehand and hands this file their session cookies and API
tokens in a JSON file (LOAD_CREDENTIALS), so the measured minutes hold the work people do after
logging in, not password hashing:

- students look at their matches page, their matches through the API and an opening;
- employers look at their dashboard and candidates and answer proposed matches (each once);
- jobhunters work their caseload, the board, a student's record and their inbox;
- anonymous visitors search open openings through the public API.

`MatchesApiUser` (run on its own) asks only the matches API, without pauses: the throughput of the
ranking behind it.
"""

import itertools
import json
import os
import random
import threading

from locust import HttpUser, between, constant, task

with open(os.environ["LOAD_CREDENTIALS"], encoding="utf-8") as fh:
    CREDENTIALS = json.load(fh)

_lock = threading.Lock()
_counters: dict[str, itertools.count] = {}


def next_account(kind: str) -> dict:
    """Accounts are handed out in turn, so concurrent users are different people where there
    are enough of them."""
    with _lock:
        counter = _counters.setdefault(kind, itertools.count())
        accounts = CREDENTIALS[kind]
        return accounts[next(counter) % len(accounts)]


class SessionUser(HttpUser):
    abstract = True
    kind = ""

    def on_start(self):
        self.account = next_account(self.kind)
        self.client.cookies.set("sessionid", self.account["session"])

    def page(self, path: str, name: str):
        with self.client.get(path, name=name, allow_redirects=False, catch_response=True) as r:
            if r.status_code != 200:
                r.failure(f"status {r.status_code}")


class Student(SessionUser):
    weight = 5
    kind = "students"
    wait_time = between(1, 3)

    @task(3)
    def matches_page(self):
        self.page("/mijn-matches/", "student: /mijn-matches/")

    @task(3)
    def matches_api(self):
        path = f"/api/v1/students/{self.account['student_id']}/matches/"
        headers = {"Authorization": f"Token {self.account['token']}"}
        name = "student: /api/v1/students/[id]/matches/"
        with self.client.get(path, headers=headers, name=name, catch_response=True) as r:
            if r.status_code != 200:
                r.failure(f"status {r.status_code}")
                return
            ids = [row["opening"]["id"] for row in r.json().get("results", [])]
        if ids:
            self.account.setdefault("seen", ids)

    @task(1)
    def opening(self):
        seen = self.account.get("seen")
        if seen:
            self.page(
                f"/mijn-matches/plek/{random.choice(seen)}/", "student: /mijn-matches/plek/[id]/"
            )


class Employer(SessionUser):
    weight = 2
    kind = "employers"
    wait_time = between(1, 3)

    @task(2)
    def dashboard(self):
        self.page("/werkgever/", "employer: /werkgever/")

    @task(3)
    def candidates(self):
        opening = random.choice(self.account["openings"])
        self.page(f"/werkgever/plekken/{opening}/kandidaten/", "employer: candidates page")

    @task(1)
    def answer(self):
        """Say yes to a proposed match, once per match; the page it redirects to follows."""
        with _lock:
            pending = self.account["pending"]
            item = pending.pop() if pending else None
        if item is None:
            return self.candidates()
        csrf = self.client.cookies.get("csrftoken")
        if not csrf:
            self.page(
                f"/werkgever/plekken/{item['opening']}/kandidaten/", "employer: candidates page"
            )
            csrf = self.client.cookies.get("csrftoken")
        data = {"answer": "ja", "version": item["version"], "csrfmiddlewaretoken": csrf}
        with self.client.post(
            f"/werkgever/matches/{item['match']}/antwoord/",
            data=data,
            headers={"Referer": f"{self.host}/werkgever/"},
            name="employer: POST answer",
            allow_redirects=False,
            catch_response=True,
        ) as r:
            if r.status_code != 302:
                r.failure(f"status {r.status_code}")


class Jobhunter(SessionUser):
    weight = 2
    kind = "jobhunters"
    wait_time = between(1, 3)

    @task(3)
    def caseload(self):
        self.page("/werk/", "jobhunter: /werk/ (caseload)")

    @task(2)
    def board(self):
        self.page("/werk/bord/", "jobhunter: /werk/bord/")

    @task(2)
    def student(self):
        pk = random.choice(self.account["students"])
        self.page(f"/werk/jongeren/{pk}/", "jobhunter: /werk/jongeren/[id]/")

    @task(1)
    def inbox(self):
        self.page("/werk/inbox/", "jobhunter: /werk/inbox/")


class Anonymous(HttpUser):
    weight = 1
    wait_time = between(1, 3)

    @task(3)
    def search(self):
        word = random.choice(CREDENTIALS["search_words"])
        with self.client.get(
            "/api/v1/openings/",
            params={"q": word},
            name="anonymous: /api/v1/openings/?q=",
            catch_response=True,
        ) as r:
            if r.status_code != 200:
                r.failure(f"status {r.status_code}")

    @task(1)
    def browse(self):
        with self.client.get(
            "/api/v1/openings/",
            params={"kind": random.choice(["bpv", "leerbaan", "vacature"])},
            name="anonymous: /api/v1/openings/?kind=",
            catch_response=True,
        ) as r:
            if r.status_code != 200:
                r.failure(f"status {r.status_code}")


class MatchesApiUser(HttpUser):
    """Only the matches API, back to back: the authenticated throughput of the ranking."""

    wait_time = constant(0)

    def on_start(self):
        self.account = next_account("students")

    @task
    def matches_api(self):
        path = f"/api/v1/students/{self.account['student_id']}/matches/"
        headers = {"Authorization": f"Token {self.account['token']}"}
        with self.client.get(
            path,
            headers=headers,
            name="throughput: /api/v1/students/[id]/matches/",
            catch_response=True,
        ) as r:
            if r.status_code != 200:
                r.failure(f"status {r.status_code}")
