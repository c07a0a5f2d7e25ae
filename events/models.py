"""Matching events (speed dates, banenmarkt, company visits) and registrations."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class MatchingEvent(models.Model):
    class Kind(models.TextChoices):
        SPEEDDATE = "speeddate", _("Speeddate")
        BANENMARKT = "banenmarkt", _("Banenmarkt")
        BEDRIJFSBEZOEK = "bedrijfsbezoek", _("Bedrijfsbezoek")
        MEELOOPDAG = "meeloopdag", _("Meeloopdag")
        WORKSHOP = "workshop", _("Workshop solliciteren")

    class Status(models.TextChoices):
        DRAFT = "draft", _("Concept")
        PUBLISHED = "published", _("Gepubliceerd")
        CANCELLED = "cancelled", _("Afgelast")

    title = models.CharField(_("titel"), max_length=200)
    kind = models.CharField(_("soort"), max_length=20, choices=Kind.choices)
    description = models.TextField(_("omschrijving"), blank=True)
    region = models.ForeignKey(
        "marketplace.Region", on_delete=models.PROTECT, related_name="events"
    )
    place = models.ForeignKey("matching.Place", on_delete=models.PROTECT, related_name="+")
    address = models.CharField(_("adres"), max_length=200, blank=True)
    sectors = models.ManyToManyField("matching.Sector", blank=True, related_name="events")
    employers = models.ManyToManyField("employers.Employer", blank=True, related_name="events")
    starts_at = models.DateTimeField(_("begint"))
    ends_at = models.DateTimeField(_("eindigt"))
    registration_deadline = models.DateTimeField(_("aanmelden kan tot"), null=True, blank=True)
    capacity = models.PositiveIntegerField(_("aantal plekken"), default=30)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.PUBLISHED)
    organiser = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )

    class Meta:
        ordering = ["starts_at"]
        verbose_name = _("matchingevenement")
        verbose_name_plural = _("matchingevenementen")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(ends_at__gte=models.F("starts_at")),
                name="event_dates_in_order",
            ),
            models.CheckConstraint(
                condition=models.Q(capacity__gte=1), name="event_capacity_min_1"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.title} ({self.starts_at:%d-%m-%Y})"


class Registration(models.Model):
    class Status(models.TextChoices):
        REGISTERED = "registered", _("Aangemeld")
        WAITLIST = "waitlist", _("Wachtlijst")
        CANCELLED = "cancelled", _("Afgemeld")
        ATTENDED = "attended", _("Geweest")
        NO_SHOW = "no_show", _("Niet gekomen")

    event = models.ForeignKey(MatchingEvent, on_delete=models.CASCADE, related_name="registrations")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="registrations"
    )
    status = models.CharField(max_length=12, choices=Status.choices, default=Status.REGISTERED)
    created_at = models.DateTimeField(auto_now_add=True)
    reminded_at = models.DateTimeField(null=True, blank=True)
    outcome = models.TextField(_("wat leverde het op"), blank=True)

    class Meta:
        ordering = ["created_at"]
        verbose_name = _("aanmelding")
        verbose_name_plural = _("aanmeldingen")
        constraints = [
            models.UniqueConstraint(fields=["event", "user"], name="registration_unique")
        ]

    def __str__(self) -> str:
        return f"{self.user} → {self.event} ({self.get_status_display()})"
