"""Webhooks: tell an employer's or a school's system about events, signed and retried.

A subscription names a URL and the events it wants. `emit` writes one delivery per subscription
that wants the event and sends each after the commit, by a Celery task; the task tries again
with waits that double (WEBHOOK_RETRY_SECONDS, twice that, ...) up to WEBHOOK_ATTEMPTS tries,
and every try is logged with its status code, duration and error. A delivery can be replayed.

What is sent carries ids and statuses only, never a young person's personal data: the receiver
reads more through the API, with its own rights. Each request is signed with the
subscription's secret: `X-BPV-Signature: sha256=<hex>` is the HMAC-SHA256 of
"<X-BPV-Timestamp>.<body>", so a receiver can check the sender and refuse old replays.
"""

import hashlib
import hmac
import http.client
import ipaddress
import json
import secrets
import socket
import ssl
import time
from urllib.parse import urlsplit

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.serializers.json import DjangoJSONEncoder
from django.db import transaction
from django.db.models import Prefetch, Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from marketplace.models import (
    MatchStatus,
    User,
    WebhookAttempt,
    WebhookDelivery,
    WebhookEvent,
    WebhookSubscription,
)
from marketplace.permissions import subscriptions_visible_to, webhook_owner

SIGNATURE_HEADER = "X-BPV-Signature"
TIMESTAMP_HEADER = "X-BPV-Timestamp"
EVENT_HEADER = "X-BPV-Event"
DELIVERY_HEADER = "X-BPV-Delivery"
SECRET_PREFIX = "whsec_"  # noqa: S105 (a prefix, not a secret)
# An employer hears of its own matches and placements; an escalation concerns the school only.
EVENTS_FOR_EMPLOYER = (WebhookEvent.MATCH_CHANGED, WebhookEvent.PLACEMENT_STARTED)
EVENTS_FOR_SCHOOL = tuple(WebhookEvent)
MAX_SUBSCRIPTIONS = 10  # per organisation
LOCAL_HOSTS = {"localhost", "127.0.0.1", "::1"}
ANSWER_READ_BYTES = 64 * 1024
USER_AGENT = "BPV-matcher-webhooks/1"


class DeliveryRefused(Exception):
    """The URL may not be called (a private address in production): trying again won't help."""


# --- subscriptions ------------------------------------------------------------------------------


def events_for(user: User) -> tuple[str, ...]:
    return EVENTS_FOR_EMPLOYER if "employer_id" in webhook_owner(user) else EVENTS_FOR_SCHOOL


def subscriptions_of(*, user: User) -> QuerySet[WebhookSubscription]:
    return subscriptions_visible_to(user).order_by("-created_at", "-id")


def _allow_private() -> bool:
    return bool(getattr(settings, "WEBHOOK_ALLOW_PRIVATE", False))


def _is_public_address(address: str) -> bool:
    return ipaddress.ip_address(address.split("%")[0]).is_global


def url_problem(url: str) -> str | None:
    """Why this URL cannot receive webhooks, or None. https only; plain http and this machine
    only where WEBHOOK_ALLOW_PRIVATE is on (development and tests)."""
    try:
        parts = urlsplit(url)
        host = (parts.hostname or "").lower()
        parts.port  # noqa: B018 (raises ValueError for a port that is not a number)
    except ValueError:
        return _("Dit is geen geldig webadres.")
    if parts.scheme not in ("https", "http") or not host:
        return _("Gebruik een volledig adres dat begint met https://.")
    if parts.username or parts.password:
        return _("Zet geen gebruikersnaam of wachtwoord in het adres.")
    if _allow_private():
        if parts.scheme == "http" and host not in LOCAL_HOSTS:
            return _("Gebruik https://. Alleen op je eigen computer mag http://127.0.0.1.")
        return None
    if parts.scheme != "https":
        return _("Gebruik https://, zodat niemand kan meelezen.")
    if host in LOCAL_HOSTS or host.endswith((".localhost", ".local", ".internal")):
        return _("Dit adres is niet via internet bereikbaar. Gebruik een openbaar adres.")
    try:
        if not _is_public_address(host):
            return _("Dit adres is niet via internet bereikbaar. Gebruik een openbaar adres.")
    except ValueError:
        pass  # a name: its addresses are checked each time we send
    return None


@transaction.atomic
def subscription_create(
    *, user: User, url: str, events: list[str], description: str = ""
) -> tuple[WebhookSubscription, str]:
    """A new subscription and its secret; the secret is returned (and shown) only now."""
    owner = webhook_owner(user)  # 403 for a role that may not connect systems
    errors = {}
    problem = url_problem(url)
    if problem:
        errors["url"] = [problem]
    allowed = events_for(user)
    chosen = list(dict.fromkeys(events))
    if not chosen:
        errors["events"] = [_("Kies minstens één gebeurtenis.")]
    elif any(event not in allowed for event in chosen):
        errors["events"] = [_("Kies alleen uit: %(events)s.") % {"events": ", ".join(allowed)}]
    if errors:
        raise ValidationError(errors)
    if WebhookSubscription.objects.filter(**owner).count() >= MAX_SUBSCRIPTIONS:
        message = _("Je organisatie heeft al %(n)s webhooks. Verwijder er eerst een.")
        raise ValidationError({"non_field_errors": [message % {"n": MAX_SUBSCRIPTIONS}]})
    secret = SECRET_PREFIX + secrets.token_urlsafe(32)
    subscription = WebhookSubscription(
        url=url, events=chosen, secret=secret, description=description.strip(),
        created_by=user, **owner,
    )  # fmt: skip
    subscription.full_clean()
    subscription.save()
    return subscription, secret


def subscription_delete(*, user: User, subscription: WebhookSubscription) -> None:
    """Gone with its log; a delivery still queued finds nothing to send."""
    webhook_owner(user)
    subscription.delete()


def deliveries_of(*, subscription: WebhookSubscription) -> QuerySet[WebhookDelivery]:
    attempts = WebhookAttempt.objects.order_by("number")
    return subscription.deliveries.prefetch_related(Prefetch("attempts", queryset=attempts))


def delivery_replay(*, user: User, delivery: WebhookDelivery) -> WebhookDelivery:
    """Send a delivery again, with the same id (so the receiver can tell it is a repeat)."""
    webhook_owner(user)
    WebhookDelivery.objects.filter(pk=delivery.pk).update(
        status=WebhookDelivery.Status.PENDING, delivered_at=None
    )
    delivery.refresh_from_db()
    _enqueue(delivery.pk)
    return delivery


# --- events -------------------------------------------------------------------------------------


def emit(event: str, payload: dict, *, employer=None, school=None) -> list[WebhookDelivery]:
    """One delivery per subscription of this employer or school (an object or its id) that wants
    `event`, sent after the commit. `payload` holds ids and statuses only."""
    owners = Q()
    if employer is not None:
        owners |= Q(employer_id=getattr(employer, "pk", employer))
    if school is not None:
        owners |= Q(school_id=getattr(school, "pk", school))
    if not owners:
        return []
    # Few subscriptions per organisation: their event lists are read here, so SQLite works too.
    wanted = [s for s in WebhookSubscription.objects.filter(owners) if event in s.events]
    deliveries = WebhookDelivery.objects.bulk_create(
        [WebhookDelivery(subscription=s, event=event, payload=payload) for s in wanted]
    )
    for delivery in deliveries:
        _enqueue(delivery.pk)
    return deliveries


def match_changed(match) -> None:
    """A match moved to another step; on "gestart" its placement has begun as well."""
    owners = {"employer": match.opening.employer_id, "school": match.student.school_id}
    data = {
        "match": match.pk,
        "opening": match.opening_id,
        "status": match.status,
        "version": match.version,
    }
    emit(WebhookEvent.MATCH_CHANGED, data, **owners)
    placement = getattr(match, "placement", None) if match.status == MatchStatus.GESTART else None
    if placement is not None:
        started = {
            "placement": placement.pk,
            "match": match.pk,
            "opening": match.opening_id,
            "start_date": placement.start_date.isoformat(),
        }
        emit(WebhookEvent.PLACEMENT_STARTED, started, **owners)


def escalation_opened(escalation) -> None:
    data = {
        "escalation": escalation.pk,
        "reason": escalation.reason,
        "status": escalation.status,
    }
    emit(WebhookEvent.ESCALATION_OPENED, data, school=escalation.student.school_id)


def _enqueue(delivery_id: int) -> None:
    from marketplace.tasks import webhook_deliver

    transaction.on_commit(lambda: webhook_deliver.delay(delivery_id))


# --- sending ------------------------------------------------------------------------------------


def sign(secret: str, timestamp: int | str, body: bytes) -> str:
    signed = f"{timestamp}.".encode() + body
    return "sha256=" + hmac.new(secret.encode(), signed, hashlib.sha256).hexdigest()


def body_of(delivery: WebhookDelivery) -> bytes:
    message = {
        "id": str(delivery.uuid),
        "event": delivery.event,
        "created_at": delivery.created_at,
        "data": delivery.payload,
    }
    return json.dumps(message, cls=DjangoJSONEncoder, separators=(",", ":")).encode()


def retry_delay(attempt: int) -> int:
    """Seconds before try `attempt + 1`: the base, then twice as long each time."""
    return settings.WEBHOOK_RETRY_SECONDS * 2 ** (attempt - 1)


def delivery_attempt(*, delivery_id: int, attempt: int) -> str:
    """Try to send once. Returns "delivered", "retry" (try again later), "failed" (no more
    tries) or "gone" (the delivery or its subscription was deleted)."""
    delivery = WebhookDelivery.objects.filter(pk=delivery_id).select_related("subscription").first()
    if delivery is None:
        return "gone"
    if delivery.status == WebhookDelivery.Status.DELIVERED:
        return "delivered"  # a task that ran twice
    status_code, error, refused, started, seconds = _send(delivery)
    number = (delivery.attempts.order_by("-number").values_list("number", flat=True).first()) or 0
    WebhookAttempt.objects.create(
        delivery=delivery, number=number + 1, started_at=started, status_code=status_code,
        duration_ms=round(seconds * 1000), error=error[:300],
    )  # fmt: skip
    if status_code is not None and 200 <= status_code < 300:
        _set_status(delivery, WebhookDelivery.Status.DELIVERED, delivered_at=timezone.now())
        return "delivered"
    if refused or attempt >= settings.WEBHOOK_ATTEMPTS:
        _set_status(delivery, WebhookDelivery.Status.FAILED)
        return "failed"
    return "retry"


def _set_status(delivery: WebhookDelivery, status: str, delivered_at=None) -> None:
    WebhookDelivery.objects.filter(pk=delivery.pk).update(status=status, delivered_at=delivered_at)


def _send(delivery: WebhookDelivery):
    """POST the delivery: (status code, error, refused, started at, seconds taken)."""
    body = body_of(delivery)
    timestamp = int(time.time())
    headers = {
        "Content-Type": "application/json",
        "User-Agent": USER_AGENT,
        EVENT_HEADER: delivery.event,
        DELIVERY_HEADER: str(delivery.uuid),
        TIMESTAMP_HEADER: str(timestamp),
        SIGNATURE_HEADER: sign(delivery.subscription.secret, timestamp, body),
    }
    started, clock = timezone.now(), time.monotonic()
    try:
        status = _post(delivery.subscription.url, body, headers)
    except DeliveryRefused as exc:
        return None, str(exc), True, started, time.monotonic() - clock
    except (OSError, http.client.HTTPException, ssl.SSLError) as exc:
        error = f"{type(exc).__name__}: {exc}"
        return None, error, False, started, time.monotonic() - clock
    return status, "", False, started, time.monotonic() - clock


def _address_for(host: str, port: int) -> str:
    """The address to connect to, checked: in production a public one only. The connection
    goes to this very address, so a name cannot switch to a private one in between."""
    infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    addresses = [info[4][0] for info in infos]
    if not _allow_private() and not all(_is_public_address(a) for a in addresses):
        raise DeliveryRefused(
            _("Dit adres wijst naar een intern netwerk; we sturen er niets heen.")
        )
    return addresses[0]


class _PinnedHTTPConnection(http.client.HTTPConnection):
    def __init__(self, host, port, *, address, timeout):
        super().__init__(host, port, timeout=timeout)
        self.address = address

    def connect(self):
        self.sock = socket.create_connection((self.address, self.port), self.timeout)


class _PinnedHTTPSConnection(http.client.HTTPSConnection):
    def __init__(self, host, port, *, address, timeout):
        super().__init__(host, port, timeout=timeout, context=ssl.create_default_context())
        self.address = address

    def connect(self):
        sock = socket.create_connection((self.address, self.port), self.timeout)
        self.sock = self._context.wrap_socket(sock, server_hostname=self.host)


def _post(url: str, body: bytes, headers: dict) -> int:
    """One POST, no redirects followed (a 3xx is logged as the answer), no proxy."""
    problem = url_problem(url)
    if problem:
        raise DeliveryRefused(problem)
    parts = urlsplit(url)
    port = parts.port or (443 if parts.scheme == "https" else 80)
    address = _address_for(parts.hostname, port)
    connection_class = _PinnedHTTPSConnection if parts.scheme == "https" else _PinnedHTTPConnection
    timeout = settings.WEBHOOK_TIMEOUT_SECONDS
    connection = connection_class(parts.hostname, port, address=address, timeout=timeout)
    target = (parts.path or "/") + (f"?{parts.query}" if parts.query else "")
    try:
        connection.request("POST", target, body=body, headers=headers)
        response = connection.getresponse()
        response.read(ANSWER_READ_BYTES)
        return response.status
    finally:
        connection.close()


def verify(*, secret: str, timestamp: str, body: bytes, signature: str, tolerance: int = 300):
    """What a receiver does (see docs/API.md): the signature matches and is recent."""
    if abs(time.time() - int(timestamp)) > tolerance:
        return False
    return hmac.compare_digest(sign(secret, timestamp, body), signature)
