"""Toolkit content: items per audience and the financial regulations employers can use."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Audience(models.TextChoices):
    WERKGEVER = "werkgever", _("Werkgevers")
    STUDENT = "student", _("Studenten")
    OUDER = "ouder", _("Ouders")
    PROFESSIONAL = "professional", _("Professionals")


class ToolkitItem(models.Model):
    audience = models.CharField(_("voor wie"), max_length=15, choices=Audience.choices)
    title = models.CharField(_("titel"), max_length=200)
    slug = models.SlugField(unique=True, max_length=200)
    category = models.CharField(_("onderwerp"), max_length=80)
    summary = models.CharField(_("samenvatting"), max_length=300)
    body = models.TextField(_("tekst"))
    url = models.URLField(_("meer informatie"), blank=True)
    sector = models.ForeignKey(
        "matching.Sector", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    published = models.BooleanField(_("gepubliceerd"), default=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["audience", "title"]
        verbose_name = _("toolkit-item")
        verbose_name_plural = _("toolkit-items")

    def __str__(self) -> str:
        return self.title


class Regulation(models.Model):
    """A financial regulation (subsidie, loonkostenvoordeel) that helps employers create places."""

    name = models.CharField(_("naam"), max_length=200)
    slug = models.SlugField(unique=True, max_length=200)
    provider = models.CharField(_("wie regelt het"), max_length=120)
    summary = models.CharField(_("in het kort"), max_length=300)
    who_qualifies = models.TextField(_("voor wie"))
    amount = models.CharField(_("bedrag"), max_length=200, blank=True)
    how_to_apply = models.TextField(_("zo vraag je het aan"))
    url = models.URLField(_("meer informatie"), blank=True)
    valid_from = models.DateField(null=True, blank=True)
    valid_to = models.DateField(null=True, blank=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("regeling")
        verbose_name_plural = _("regelingen")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(valid_to__isnull=True)
                | models.Q(valid_from__isnull=True)
                | models.Q(valid_to__gte=models.F("valid_from")),
                name="regulation_dates_in_order",
            )
        ]

    def __str__(self) -> str:
        return self.name
