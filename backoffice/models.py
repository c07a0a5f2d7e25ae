"""The region's back office: imports of a school's or the region's own data."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class ImportRun(models.Model):
    """One uploaded file: checked first (a dry run), then imported by a Celery task."""

    class Kind(models.TextChoices):
        STUDENTS = "students", _("Leerlingen")
        EMPLOYERS = "employers", _("Werkgevers met vestigingen en erkenningen")
        OPENINGS = "openings", _("Plekken")

    class Status(models.TextChoices):
        CHECKED = "checked", _("Gecontroleerd, nog niet ingelezen")
        REFUSED = "refused", _("Niet in te lezen")
        QUEUED = "queued", _("Wacht op inlezen")
        RUNNING = "running", _("Bezig met inlezen")
        DONE = "done", _("Ingelezen")
        FAILED = "failed", _("Mislukt, niets veranderd")

    kind = models.CharField(_("soort"), max_length=12, choices=Kind.choices)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.CHECKED)
    file_name = models.CharField(max_length=255)
    content = models.BinaryField()  # the uploaded bytes, kept until the import is done
    school = models.ForeignKey(
        "marketplace.School", on_delete=models.CASCADE, null=True, blank=True, related_name="+"
    )
    region = models.ForeignKey(
        "marketplace.Region", on_delete=models.CASCADE, null=True, blank=True, related_name="+"
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    finished_at = models.DateTimeField(null=True, blank=True)
    total_rows = models.PositiveIntegerField(default=0)
    done_rows = models.PositiveIntegerField(default=0)
    # What the dry run and the import found: counts (create, update, skip) and problems per row.
    summary = models.JSONField(default=dict, blank=True)
    problems = models.JSONField(default=list, blank=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("import")
        verbose_name_plural = _("imports")

    def __str__(self) -> str:
        return f"{self.kind} {self.file_name}"
