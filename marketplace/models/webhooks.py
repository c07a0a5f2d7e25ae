"""Webhooks: a connected system's address for events, and the log of what was sent to it."""

import uuid

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from .people import School


class WebhookEvent(models.TextChoices):
    MATCH_CHANGED = "match.changed", _("Een match verandert van stap")
    PLACEMENT_STARTED = "placement.started", _("Een plaatsing begint")
    ESCALATION_OPENED = "escalation.opened", _("Er is een escalatie geopend")


class WebhookSubscription(models.Model):
    """An employer's or a school's URL that hears of the events it chose, signed with its own
    secret. The secret signs every delivery, so it is stored; it is shown once, at creation."""

    employer = models.ForeignKey(
        "employers.Employer",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="webhook_subscriptions",
    )
    school = models.ForeignKey(
        School,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="webhook_subscriptions",
    )
    url = models.URLField(_("adres (URL)"), max_length=500)
    events = models.JSONField(_("gebeurtenissen"), default=list)
    secret = models.CharField(max_length=80)
    description = models.CharField(_("omschrijving"), max_length=120, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("webhook")
        verbose_name_plural = _("webhooks")
        constraints = [
            models.CheckConstraint(
                condition=Q(employer__isnull=False, school__isnull=True)
                | Q(employer__isnull=True, school__isnull=False),
                name="webhook_subscription_one_owner",
            )
        ]

    def __str__(self) -> str:
        return self.url


class WebhookDelivery(models.Model):
    """One event for one subscription; sent, retried and replayed under the same id."""

    class Status(models.TextChoices):
        PENDING = "pending", _("Wordt verstuurd")
        DELIVERED = "delivered", _("Afgeleverd")
        FAILED = "failed", _("Mislukt")

    subscription = models.ForeignKey(
        WebhookSubscription, on_delete=models.CASCADE, related_name="deliveries"
    )
    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    event = models.CharField(max_length=40, choices=WebhookEvent.choices)
    payload = models.JSONField()
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.PENDING)
    created_at = models.DateTimeField(auto_now_add=True)
    delivered_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-id"]
        verbose_name = _("webhookbericht")
        verbose_name_plural = _("webhookberichten")
        indexes = [models.Index(fields=["subscription", "-id"], name="webhook_delivery_recent")]

    def __str__(self) -> str:
        return f"{self.event} {self.uuid}"


class WebhookAttempt(models.Model):
    """One try to send a delivery: the answer's status code, how long it took, or the error."""

    delivery = models.ForeignKey(WebhookDelivery, on_delete=models.CASCADE, related_name="attempts")
    number = models.PositiveSmallIntegerField()
    started_at = models.DateTimeField()
    status_code = models.PositiveSmallIntegerField(null=True, blank=True)
    duration_ms = models.PositiveIntegerField()
    error = models.CharField(max_length=300, blank=True)

    class Meta:
        ordering = ["delivery", "number"]
        verbose_name = _("webhookpoging")
        verbose_name_plural = _("webhookpogingen")

    def __str__(self) -> str:
        return f"{self.delivery_id} #{self.number}"

    @property
    def succeeded(self) -> bool:
        return self.status_code is not None and 200 <= self.status_code < 300
