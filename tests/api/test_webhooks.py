"""Webhooks: an employer or a school registers a URL; events reach it signed, after the commit,
retried with back-off and logged; the log can be read and replayed, on a page and in the API.
A real HTTP receiver runs in a thread on 127.0.0.1 and checks each signature as a client would."""

import datetime
import hashlib
import hmac
import json
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
from django.utils import timezone

from marketplace.models import User, WebhookDelivery, WebhookSubscription
from marketplace.services import webhooks
from marketplace.services.matches import match_move, match_propose
from mediation.services.escalations import escalation_open_manual
from tests import factories as f

pytestmark = pytest.mark.django_db


class Receiver:
    """An HTTP server that answers with the next status of `answers` (then 200) and keeps
    every request it got."""

    def __init__(self, answers=()):
        self.answers = list(answers)
        self.requests: list[dict] = []
        receiver = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self):  # noqa: N802 (http.server's name)
                body = self.rfile.read(int(self.headers["Content-Length"]))
                receiver.requests.append({"headers": dict(self.headers), "body": body})
                status = receiver.answers.pop(0) if receiver.answers else 200
                self.send_response(status)
                self.send_header("Content-Length", "2")
                self.end_headers()
                self.wfile.write(b"ok")

            def log_message(self, *args):
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.server.server_address[1]}/hooks/bpv"

    def bodies(self) -> list[dict]:
        return [json.loads(r["body"]) for r in self.requests]


@pytest.fixture
def receiver(settings):
    settings.WEBHOOK_ALLOW_PRIVATE = True
    settings.WEBHOOK_ATTEMPTS = 4
    server = Receiver()
    server.thread.start()
    yield server
    server.server.shutdown()
    server.server.server_close()


def verified(request: dict, secret: str) -> bool:
    """What a receiver does (docs/API.md): HMAC-SHA256 over "<timestamp>.<body>", recent."""
    timestamp = request["headers"]["X-BPV-Timestamp"]
    expected = hmac.new(
        secret.encode(), f"{timestamp}.".encode() + request["body"], hashlib.sha256
    ).hexdigest()
    recent = abs(time.time() - int(timestamp)) < 300
    return recent and hmac.compare_digest(
        f"sha256={expected}", request["headers"]["X-BPV-Signature"]
    )


def _subscribe(api_client, user, url, events) -> dict:
    api_client.force_authenticate(user)
    response = api_client.post("/api/v1/webhooks/", {"url": url, "events": events}, format="json")
    assert response.status_code == 201, response.json()
    return response.json()


@pytest.fixture
def proposal(jobhunter, student_profile, opening, employer_member):
    return match_propose(proposer=jobhunter, student=student_profile, opening=opening)


def _step(jobhunter, match, to, **extra):
    return match_move(
        actor=jobhunter, match=match, to_status=to, expected_version=match.version, **extra
    )


# --- delivery ----------------------------------------------------------------------------------


def test_a_match_step_reaches_the_employers_system_signed_after_the_commit(
    api_client, receiver, employer_member, jobhunter, proposal, django_capture_on_commit_callbacks
):
    created = _subscribe(api_client, employer_member, receiver.url, ["match.changed"])
    with django_capture_on_commit_callbacks(execute=True):
        match = _step(jobhunter, proposal, "interesse_student")
        assert receiver.requests == []  # nothing leaves before the commit
    [request] = receiver.requests
    assert verified(request, created["secret"])
    assert request["headers"]["X-BPV-Event"] == "match.changed"
    body = json.loads(request["body"])
    assert body["event"] == "match.changed" and body["id"] == request["headers"]["X-BPV-Delivery"]
    assert body["data"] == {
        "match": match.pk,
        "opening": match.opening_id,
        "status": "interesse_student",
        "version": match.version,
    }
    delivery = WebhookDelivery.objects.get()
    assert delivery.status == "delivered" and delivery.delivered_at is not None
    [attempt] = delivery.attempts.all()
    assert attempt.status_code == 200 and attempt.duration_ms >= 0 and attempt.error == ""


def test_a_forged_or_old_signature_does_not_verify(
    api_client, receiver, employer_member, jobhunter, proposal, django_capture_on_commit_callbacks
):
    created = _subscribe(api_client, employer_member, receiver.url, ["match.changed"])
    with django_capture_on_commit_callbacks(execute=True):
        _step(jobhunter, proposal, "interesse_student")
    [request] = receiver.requests
    assert not verified(request, "whsec_iemand-anders")
    tampered = {**request, "body": request["body"].replace(b"interesse_student", b"gestart")}
    assert not verified(tampered, created["secret"])
    old = {
        **request,
        "headers": {**request["headers"], "X-BPV-Timestamp": str(int(time.time()) - 900)},
    }
    assert not verified(old, created["secret"])


def test_a_step_that_is_rolled_back_sends_nothing(
    api_client, receiver, employer_member, jobhunter, proposal, django_capture_on_commit_callbacks
):
    _subscribe(api_client, employer_member, receiver.url, ["match.changed"])
    with django_capture_on_commit_callbacks(execute=False):
        _step(jobhunter, proposal, "interesse_student")
    assert receiver.requests == []  # queued for a commit that never came
    assert WebhookDelivery.objects.get().status == "pending"


def test_a_500_is_tried_again_with_doubling_waits_and_every_try_is_logged(
    api_client, receiver, employer_member, jobhunter, proposal, django_capture_on_commit_callbacks
):
    receiver.answers = [500, 503]
    created = _subscribe(api_client, employer_member, receiver.url, ["match.changed"])
    with django_capture_on_commit_callbacks(execute=True):
        _step(jobhunter, proposal, "interesse_student")
    assert len(receiver.requests) == 3
    assert len({r["headers"]["X-BPV-Delivery"] for r in receiver.requests}) == 1
    assert all(verified(r, created["secret"]) for r in receiver.requests)
    delivery = WebhookDelivery.objects.get()
    assert [a.status_code for a in delivery.attempts.all()] == [500, 503, 200]
    assert [a.number for a in delivery.attempts.all()] == [1, 2, 3]
    assert delivery.status == "delivered"
    assert [webhooks.retry_delay(n) for n in (1, 2, 3)] == [30, 60, 120]


def test_a_receiver_that_keeps_failing_gets_the_set_number_of_tries(
    api_client, receiver, employer_member, jobhunter, proposal, django_capture_on_commit_callbacks
):
    receiver.answers = [500] * 10
    _subscribe(api_client, employer_member, receiver.url, ["match.changed"])
    with django_capture_on_commit_callbacks(execute=True):
        _step(jobhunter, proposal, "interesse_student")
    delivery = WebhookDelivery.objects.get()
    assert delivery.status == "failed" and delivery.attempts.count() == 4 == len(receiver.requests)


def test_a_receiver_that_is_down_is_logged_with_the_error(
    api_client, receiver, employer_member, jobhunter, proposal, django_capture_on_commit_callbacks
):
    _subscribe(api_client, employer_member, "http://127.0.0.1:9/niemand", ["match.changed"])
    with django_capture_on_commit_callbacks(execute=True):
        _step(jobhunter, proposal, "interesse_student")
    attempts = list(WebhookDelivery.objects.get().attempts.all())
    assert len(attempts) == 4
    assert attempts[0].status_code is None and "ConnectionRefused" in attempts[0].error


def test_the_start_of_a_placement_is_its_own_event(
    api_client,
    receiver,
    employer_member,
    jobhunter,
    proposal,
    opening,
    django_capture_on_commit_callbacks,
):
    _subscribe(api_client, employer_member, receiver.url, ["placement.started"])
    match = proposal
    for to, extra in (
        ("interesse_student", {}),
        ("interesse_werkgever", {}),
        ("kennismaking", {"meeting_at": timezone.now() + datetime.timedelta(days=2)}),
        ("aanbod", {}),
        ("geplaatst", {"start_date": max(opening.start_date, timezone.localdate())}),
    ):
        match = _step(jobhunter, match, to, **extra)
    with django_capture_on_commit_callbacks(execute=True):
        match = _step(jobhunter, match, "gestart")
    [body] = receiver.bodies()  # only the event this subscription chose
    assert body["event"] == "placement.started"
    assert body["data"] == {
        "placement": match.placement.pk,
        "match": match.pk,
        "opening": match.opening_id,
        "start_date": match.placement.start_date.isoformat(),
    }


def test_an_escalation_reaches_the_schools_system_only(
    api_client,
    receiver,
    school_staff,
    employer_member,
    jobhunter,
    student_profile,
    django_capture_on_commit_callbacks,
):
    _subscribe(api_client, school_staff, receiver.url, ["escalation.opened"])
    _subscribe(api_client, employer_member, receiver.url, ["match.changed"])
    with django_capture_on_commit_callbacks(execute=True):
        case = escalation_open_manual(
            actor=jobhunter, student=student_profile, explanation="Ze zoekt al maanden een plek."
        )
    [body] = receiver.bodies()
    assert body["event"] == "escalation.opened"
    assert body["data"] == {"escalation": case.pk, "reason": case.reason, "status": case.status}


def test_another_schools_escalation_is_not_sent(
    api_client, receiver, jobhunter, student_profile, django_capture_on_commit_callbacks
):
    elsewhere = f.UserFactory(role="school", school=f.SchoolFactory())
    _subscribe(api_client, elsewhere, receiver.url, ["escalation.opened"])
    with django_capture_on_commit_callbacks(execute=True):
        escalation_open_manual(
            actor=jobhunter, student=student_profile, explanation="Ze zoekt al maanden een plek."
        )
    assert receiver.requests == [] and not WebhookDelivery.objects.exists()


# --- replay ------------------------------------------------------------------------------------


def test_a_delivery_is_replayed_under_the_same_id_through_the_api(
    api_client, receiver, employer_member, jobhunter, proposal, django_capture_on_commit_callbacks
):
    receiver.answers = [500] * 4
    created = _subscribe(api_client, employer_member, receiver.url, ["match.changed"])
    with django_capture_on_commit_callbacks(execute=True):
        _step(jobhunter, proposal, "interesse_student")
    delivery = WebhookDelivery.objects.get()
    assert delivery.status == "failed"
    with django_capture_on_commit_callbacks(execute=True):
        response = api_client.post(f"/api/v1/webhook-deliveries/{delivery.pk}/replay/")
    assert response.status_code == 202 and response.json()["uuid"] == str(delivery.uuid)
    delivery.refresh_from_db()
    assert delivery.status == "delivered" and delivery.attempts.count() == 5
    assert receiver.requests[-1]["headers"]["X-BPV-Delivery"] == str(delivery.uuid)
    assert verified(receiver.requests[-1], created["secret"])
    listed = api_client.get(f"/api/v1/webhooks/{created['id']}/deliveries/").json()
    assert listed["results"][0]["status"] == "delivered"
    assert [a["status_code"] for a in listed["results"][0]["attempts"]] == [500] * 4 + [200]


def test_the_page_shows_the_log_and_replays(
    client, receiver, employer_member, jobhunter, proposal, django_capture_on_commit_callbacks
):
    client.force_login(employer_member)
    receiver.answers = [500] * 4
    data = {"url": receiver.url, "events": ["match.changed"], "description": "HR"}
    page = client.post("/accounts/webhooks/", data).content.decode()
    subscription = WebhookSubscription.objects.get()
    assert subscription.secret in page
    assert subscription.secret not in client.get("/accounts/webhooks/").content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        _step(jobhunter, proposal, "interesse_student")
    delivery = WebhookDelivery.objects.get()
    log = client.get(f"/accounts/webhooks/{subscription.pk}/").content.decode()
    assert str(delivery.uuid) in log and "antwoord 500" in log
    with django_capture_on_commit_callbacks(execute=True):
        done = client.post(f"/accounts/webhooks/berichten/{delivery.pk}/opnieuw/")
    assert done.status_code == 302 and done.url == f"/accounts/webhooks/{subscription.pk}/"
    assert "antwoord 200" in client.get(done.url).content.decode()


# --- subscriptions: who, which URL, which events ------------------------------------------------


def test_the_secret_is_in_the_answer_to_the_creation_only(api_client, employer_member, receiver):
    created = _subscribe(api_client, employer_member, receiver.url, ["match.changed"])
    assert created["secret"].startswith("whsec_")
    detail = api_client.get(f"/api/v1/webhooks/{created['id']}/").json()
    listed = api_client.get("/api/v1/webhooks/").json()
    assert "secret" not in detail and "secret" not in listed["results"][0]
    assert created["secret"] not in json.dumps([detail, listed])


def test_each_subscription_has_its_own_secret(api_client, employer_member, receiver):
    one = _subscribe(api_client, employer_member, receiver.url, ["match.changed"])
    two = _subscribe(api_client, employer_member, receiver.url, ["match.changed"])
    assert one["secret"] != two["secret"]


def test_another_organisations_webhook_answers_404_and_stays(
    api_client, employer_member, other_employer_member, receiver
):
    created = _subscribe(api_client, employer_member, receiver.url, ["match.changed"])
    api_client.force_authenticate(other_employer_member)
    assert api_client.get(f"/api/v1/webhooks/{created['id']}/").status_code == 404
    assert api_client.delete(f"/api/v1/webhooks/{created['id']}/").status_code == 404
    assert api_client.get("/api/v1/webhooks/").json()["results"] == []
    assert WebhookSubscription.objects.count() == 1


def test_a_colleague_beheerder_sees_and_deletes_the_organisations_webhook(
    api_client, employer_member, receiver
):
    created = _subscribe(api_client, employer_member, receiver.url, ["match.changed"])
    colleague = f.UserFactory(role="werkgever", employer=employer_member.employer)
    api_client.force_authenticate(colleague)
    assert api_client.delete(f"/api/v1/webhooks/{created['id']}/").status_code == 204
    assert not WebhookSubscription.objects.exists()


@pytest.mark.parametrize("who", ["student", "jobhunter", "praktijkopleider"])
def test_roles_without_webhooks_get_403(api_client, client, who, request, employer):
    if who == "praktijkopleider":
        user = f.UserFactory(
            role="werkgever", employer=employer, employer_role=User.EmployerRole.PRAKTIJKOPLEIDER
        )
    else:
        user = request.getfixturevalue(who)
    api_client.force_authenticate(user)
    assert api_client.get("/api/v1/webhooks/").status_code == 403
    data = {"url": "https://hr.example.nl/hook", "events": ["match.changed"]}
    assert api_client.post("/api/v1/webhooks/", data, format="json").status_code == 403
    client.force_login(user)
    assert client.get("/accounts/webhooks/").status_code == 403


def test_an_employer_cannot_subscribe_to_escalations(api_client, employer_member, receiver):
    api_client.force_authenticate(employer_member)
    data = {"url": receiver.url, "events": ["escalation.opened"]}
    response = api_client.post("/api/v1/webhooks/", data, format="json")
    assert response.status_code == 400 and "events" in response.json()["fields"]


@pytest.mark.parametrize(
    "url",
    [
        "http://hr.example.nl/hook",
        "https://127.0.0.1/hook",
        "https://10.1.2.3/hook",
        "https://169.254.169.254/latest/meta-data",
        "https://[::1]/hook",
        "https://localhost/hook",
        "https://intranet.local/hook",
        "https://jan:geheim@hr.example.nl/hook",
    ],
)
def test_production_takes_public_https_addresses_only(api_client, employer_member, settings, url):
    settings.WEBHOOK_ALLOW_PRIVATE = False
    api_client.force_authenticate(employer_member)
    response = api_client.post(
        "/api/v1/webhooks/", {"url": url, "events": ["match.changed"]}, format="json"
    )
    assert response.status_code == 400 and "url" in response.json()["fields"]
    assert not WebhookSubscription.objects.exists()


def test_production_takes_a_public_https_address(api_client, employer_member, settings):
    settings.WEBHOOK_ALLOW_PRIVATE = False
    _subscribe(api_client, employer_member, "https://hr.example.nl/hook", ["match.changed"])


def test_development_takes_http_to_this_machine_only(api_client, employer_member, settings):
    settings.WEBHOOK_ALLOW_PRIVATE = True
    api_client.force_authenticate(employer_member)
    data = {"url": "http://hr.example.nl/hook", "events": ["match.changed"]}
    assert api_client.post("/api/v1/webhooks/", data, format="json").status_code == 400
    _subscribe(api_client, employer_member, "http://127.0.0.1:8000/hook", ["match.changed"])


def test_sending_refuses_a_name_that_points_inside_in_production(
    settings, employer, proposal, jobhunter, django_capture_on_commit_callbacks
):
    settings.WEBHOOK_ALLOW_PRIVATE = False
    WebhookSubscription.objects.create(
        employer=employer, url="https://localhost/hook", events=["match.changed"], secret="x"
    )
    with django_capture_on_commit_callbacks(execute=True):
        _step(jobhunter, proposal, "interesse_student")
    delivery = WebhookDelivery.objects.get()
    [attempt] = delivery.attempts.all()  # refused at once, not tried again
    assert delivery.status == "failed" and attempt.status_code is None and attempt.error


def test_a_deleted_webhook_is_not_sent_to(
    api_client, receiver, employer_member, jobhunter, proposal, django_capture_on_commit_callbacks
):
    created = _subscribe(api_client, employer_member, receiver.url, ["match.changed"])
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        _step(jobhunter, proposal, "interesse_student")
    assert api_client.delete(f"/api/v1/webhooks/{created['id']}/").status_code == 204
    for callback in callbacks:
        callback()
    assert receiver.requests == []


# --- a real Celery worker on Redis ------------------------------------------------------------


@pytest.mark.celery_worker
@pytest.mark.django_db(transaction=True)
def test_the_worker_retries_a_500_after_a_wait(settings, worker, receiver, employer_member):
    settings.WEBHOOK_RETRY_SECONDS = 1
    receiver.answers = [500]
    WebhookSubscription.objects.create(
        employer=employer_member.employer, url=receiver.url, events=["match.changed"], secret="s"
    )
    [delivery] = webhooks.emit("match.changed", {"match": 1}, employer=employer_member.employer)
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline and len(receiver.requests) < 2:
        time.sleep(0.2)
    delivery.refresh_from_db()
    assert [a.status_code for a in delivery.attempts.all()] == [500, 200]
    first, second = delivery.attempts.all()
    assert (second.started_at - first.started_at).total_seconds() >= 1
    assert delivery.status == "delivered"
