"""Privacy and access: API tokens and requests to erase a young person's data."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from .profiles import StudentProfile


class ApiToken(models.Model):
    """A personal API token. Only its hash is stored; the key is shown once."""

    class Scope(models.TextChoices):
        READ = "read", _("Alleen lezen")
        WRITE = "write", _("Lezen en schrijven")

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="api_tokens"
    )
    name = models.CharField(_("naam"), max_length=80)
    prefix = models.CharField(max_length=12, db_index=True)
    key_hash = models.CharField(max_length=64, unique=True)
    scope = models.CharField(_("mag"), max_length=5, choices=Scope.choices, default=Scope.READ)
    created_at = models.DateTimeField(auto_now_add=True)
    expires_at = models.DateTimeField(_("verloopt op"))
    last_used_at = models.DateTimeField(null=True, blank=True)
    revoked_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("API-sleutel")
        verbose_name_plural = _("API-sleutels")

    def __str__(self) -> str:
        return f"{self.name} ({self.prefix}…)"


class ErasureRequest(models.Model):
    """A request to erase a young person's data; the school or coordinator confirms it."""

    class Status(models.TextChoices):
        REQUESTED = "requested", _("Aangevraagd")
        REFUSED = "refused", _("Afgewezen")
        DONE = "done", _("Uitgevoerd")

    student = models.ForeignKey(
        StudentProfile,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="erasure_requests",
    )
    subject_label = models.CharField(_("om wie"), max_length=80)
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    requested_at = models.DateTimeField(auto_now_add=True)
    reason = models.TextField(_("toelichting"), max_length=1000, blank=True)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.REQUESTED)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    decided_at = models.DateTimeField(null=True, blank=True)
    decision_note = models.TextField(_("uitleg bij het besluit"), max_length=1000, blank=True)
    summary = models.JSONField(_("wat is verwijderd"), default=dict, blank=True)

    class Meta:
        ordering = ["-requested_at"]
        verbose_name = _("verzoek om verwijdering")
        verbose_name_plural = _("verzoeken om verwijdering")

    def __str__(self) -> str:
        return f"{self.subject_label} ({self.status})"
