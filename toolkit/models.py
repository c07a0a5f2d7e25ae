"""Toolkit content: items per audience and the financial regulations employers can use."""

from django.conf import settings
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


class Revision(models.Model):
    """One saved version of a toolkit text or a regulation: what it said, who changed it, when."""

    item = models.ForeignKey(
        ToolkitItem, on_delete=models.CASCADE, null=True, blank=True, related_name="revisions"
    )
    regulation = models.ForeignKey(
        Regulation, on_delete=models.CASCADE, null=True, blank=True, related_name="revisions"
    )
    number = models.PositiveIntegerField()
    content = models.JSONField()
    changed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    changed_at = models.DateTimeField(auto_now_add=True)
    note = models.CharField(_("wat is er veranderd"), max_length=300, blank=True)

    class Meta:
        ordering = ["-changed_at", "-number"]
        verbose_name = _("versie")
        verbose_name_plural = _("versies")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(item__isnull=False, regulation__isnull=True)
                | models.Q(item__isnull=True, regulation__isnull=False),
                name="revision_of_one_thing",
            ),
            models.UniqueConstraint(fields=["item", "number"], name="revision_item_number"),
            models.UniqueConstraint(
                fields=["regulation", "number"], name="revision_regulation_number"
            ),
        ]

    def __str__(self) -> str:
        return f"v{self.number}"
