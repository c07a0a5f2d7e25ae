"""Work around the pipeline: tasks, notifications, the overgangsdokument."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from ..stored_texts import Rendered, render
from .pipeline import Match, Placement
from .profiles import StudentProfile


class ActionItem(models.Model):
    """A task with a due date: the advies deadline, a follow-up after a risk, a contact."""

    class Kind(models.TextChoices):
        ADVIES = "advies", _("Advies arbeid/doorstroom vastleggen")
        FOLLOW_UP = "follow_up", _("Actie na risicosignaal")
        CONTACT_AFTER_DIPLOMA = "contact_na_diploma", _("Contact na diploma")
        NEXT_STEP = "volgende_stap", _("Volgende stap")
        AFTERCARE = "nazorg", _("Nazorg")

    student = models.ForeignKey(StudentProfile, on_delete=models.CASCADE, related_name="actions")
    match = models.ForeignKey(
        Match, on_delete=models.CASCADE, null=True, blank=True, related_name="actions"
    )
    placement = models.ForeignKey(
        Placement, on_delete=models.CASCADE, null=True, blank=True, related_name="actions"
    )
    kind = models.CharField(max_length=20, choices=Kind.choices)
    title = models.CharField(_("wat"), max_length=200)
    # The title as a code with parameters, rendered in the reader's language (stored_texts);
    # `title` keeps the Dutch text for rows without a code and for search.
    code = models.CharField(max_length=60, blank=True)
    params = models.JSONField(default=dict, blank=True)
    due_date = models.DateField(_("uiterlijk"))
    assigned_to = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="actions",
    )
    done_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["due_date"]
        verbose_name = _("taak")
        verbose_name_plural = _("taken")
        constraints = [
            # Periodic planners may run twice: one task per student, kind and due date.
            models.UniqueConstraint(
                fields=["student", "kind", "due_date"], name="action_unique_per_due_date"
            )
        ]

    def __str__(self) -> str:
        return f"{self.display_title} ({self.due_date})"

    @property
    def display_title(self) -> str:
        """The title in the active language."""
        return render(self.code, self.params, fallback=(self.title, "", "")).title


class AftercareContact(models.Model):
    """A recorded contact moment of the two years of aftercare (nazorg) for a PrO/VSO
    school-leaver: how it goes now, one record per planned moment."""

    class Situation(models.TextChoices):
        WERK = "werk", _("Heeft werk")
        OPLEIDING = "opleiding", _("Volgt een opleiding")
        NIETS = "niets", _("Geen werk en geen opleiding")

    action = models.OneToOneField(
        ActionItem, on_delete=models.CASCADE, related_name="aftercare_contact"
    )
    student = models.ForeignKey(
        StudentProfile, on_delete=models.CASCADE, related_name="aftercare_contacts"
    )
    contacted_on = models.DateField(_("datum contact"))
    situation = models.CharField(_("hoe gaat het"), max_length=10, choices=Situation.choices)
    note = models.TextField(_("notitie"), blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    recorded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-contacted_on"]
        verbose_name = _("contactmoment nazorg")
        verbose_name_plural = _("contactmomenten nazorg")

    def __str__(self) -> str:
        return f"Nazorg {self.student} ({self.contacted_on})"


class Notification(models.Model):
    """An in-app message; `key` makes sending idempotent, `emailed_at` records the e-mail."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notifications"
    )
    key = models.CharField(max_length=200)
    # The message as a code with parameters, rendered in the reader's language (stored_texts);
    # title, body and url keep the Dutch text of the e-mail copy and serve rows without a code.
    code = models.CharField(max_length=60, blank=True)
    params = models.JSONField(default=dict, blank=True)
    title = models.CharField(_("onderwerp"), max_length=200)
    body = models.TextField(_("bericht"), blank=True)
    url = models.CharField(max_length=300, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    read_at = models.DateTimeField(null=True, blank=True)
    emailed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("bericht")
        verbose_name_plural = _("berichten")
        constraints = [
            models.UniqueConstraint(fields=["user", "key"], name="notification_unique_key")
        ]
        indexes = [
            # The inbox (newest first, one page) and the unread count every page shows.
            models.Index(fields=["user", "-created_at"], name="notification_user_created"),
            models.Index(
                fields=["user"],
                condition=models.Q(read_at__isnull=True),
                name="notification_user_unread",
            ),
        ]

    def __str__(self) -> str:
        return self.display_title

    @property
    def rendered(self) -> Rendered:
        """Title, body and link in the active language (the stored text without a code)."""
        return render(self.code, self.params, fallback=(self.title, self.body, self.url))

    @property
    def display_title(self) -> str:
        return self.rendered.title

    @property
    def display_body(self) -> str:
        return self.rendered.body

    @property
    def link(self) -> str:
        """Where the message leads this reader: a path of this site, or nothing."""
        url = self.rendered.url
        return url if url.startswith("/") else ""


class Overgangsdokument(models.Model):
    """The overgangsdokument: school's warm transfer to the arbeidsmarktregio's werkcoach."""

    class Status(models.TextChoices):
        CONCEPT = "concept", _("Concept")
        VERSTUURD = "verstuurd", _("Verstuurd")
        ONTVANGEN = "ontvangen", _("Ontvangen")
        UITGENODIGD = "uitgenodigd", _("Student uitgenodigd")

    student = models.OneToOneField(
        StudentProfile, on_delete=models.CASCADE, related_name="overgangsdokument"
    )
    advies = models.CharField(
        _("advies"), max_length=12, blank=True, choices=StudentProfile.Advies.choices
    )
    strengths = models.TextField(_("sterke punten"), blank=True)
    attention_points = models.TextField(_("aandachtspunten"), blank=True)
    support = models.TextField(_("welke begeleiding helpt"), blank=True)
    work_experience = models.TextField(_("werkervaring en stages"), blank=True)
    diplomas_and_certificates = models.TextField(_("diploma's en certificaten"), blank=True)
    wishes = models.TextField(_("wensen voor werk"), blank=True)
    werkcoach = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="received_overgangsdokumenten",
    )
    status = models.CharField(max_length=12, choices=Status.choices, default=Status.CONCEPT)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    sent_at = models.DateTimeField(null=True, blank=True)
    received_at = models.DateTimeField(null=True, blank=True)
    invited_at = models.DateTimeField(null=True, blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("overgangsdokument")
        verbose_name_plural = _("overgangsdocumenten")

    def __str__(self) -> str:
        return f"Overgangsdokument {self.student}"
