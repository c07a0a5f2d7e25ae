"""Toolkit content: items per audience and the financial regulations employers can use, with
their figures per year (the conditions themselves are rules in code: toolkit/hire_check.py)."""

from django.conf import settings
from django.db import models
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from .hire_check import RULES


class Translated:
    """Texts stored in Dutch with an English twin (`<field>_en`); English mode shows the twin
    when it is filled in, else the Dutch text."""

    def tr(self, field: str) -> str:
        if (get_language() or "nl").startswith("en"):
            return getattr(self, f"{field}_en", "") or getattr(self, field)
        return getattr(self, field)


class Audience(models.TextChoices):
    WERKGEVER = "werkgever", _("Werkgevers")
    STUDENT = "student", _("Studenten")
    OUDER = "ouder", _("Ouders")
    PROFESSIONAL = "professional", _("Professionals")


class ToolkitItem(Translated, models.Model):
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
    title_en = models.CharField(_("titel (Engels)"), max_length=200, blank=True)
    category_en = models.CharField(_("onderwerp (Engels)"), max_length=80, blank=True)
    summary_en = models.CharField(_("samenvatting (Engels)"), max_length=300, blank=True)
    body_en = models.TextField(_("tekst (Engels)"), blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["audience", "title"]
        verbose_name = _("toolkit-item")
        verbose_name_plural = _("toolkit-items")

    def __str__(self) -> str:
        return self.title


class Regulation(Translated, models.Model):
    """A financial regulation (subsidie, loonkostenvoordeel) that helps employers create places.

    `code` ties it to its conditions in code (the hire checker); `url` is the official source
    and `checked_on` the peildatum: the day someone last checked what that source says."""

    name = models.CharField(_("naam"), max_length=200)
    slug = models.SlugField(unique=True, max_length=200)
    code = models.CharField(
        _("regels in de checker"),
        max_length=30,
        blank=True,
        choices=[(code, rule.name) for code, rule in RULES.items()],
    )
    provider = models.CharField(_("wie regelt het"), max_length=120)
    provider_en = models.CharField(_("wie regelt het (Engels)"), max_length=120, blank=True)
    summary = models.CharField(_("in het kort"), max_length=300)
    who_qualifies = models.TextField(_("voor wie"))
    amount = models.CharField(_("bedrag"), max_length=200, blank=True)
    calculation = models.TextField(_("zo wordt het bedrag berekend"), blank=True)
    duration = models.CharField(_("hoe lang"), max_length=300, blank=True)
    how_to_apply = models.TextField(_("zo vraag je het aan"))
    url = models.URLField(_("bron (officiële pagina)"), blank=True)
    checked_on = models.DateField(_("peildatum"), null=True, blank=True)
    valid_from = models.DateField(null=True, blank=True)
    valid_to = models.DateField(null=True, blank=True)
    name_en = models.CharField(_("naam (Engels)"), max_length=200, blank=True)
    summary_en = models.CharField(_("in het kort (Engels)"), max_length=300, blank=True)
    who_qualifies_en = models.TextField(_("voor wie (Engels)"), blank=True)
    amount_en = models.CharField(_("bedrag (Engels)"), max_length=200, blank=True)
    calculation_en = models.TextField(_("zo wordt het bedrag berekend (Engels)"), blank=True)
    duration_en = models.CharField(_("hoe lang (Engels)"), max_length=300, blank=True)
    how_to_apply_en = models.TextField(_("zo vraag je het aan (Engels)"), blank=True)

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
            ),
            models.UniqueConstraint(
                fields=["code"], condition=~models.Q(code=""), name="regulation_one_per_code"
            ),
        ]

    def __str__(self) -> str:
        return self.name


class RegulationYear(Translated, models.Model):
    """The figures of one regulation in one year (a calendar year, or for a study-year regulation
    the year its studiejaar starts). Empty amounts: not known for that year."""

    regulation = models.ForeignKey(Regulation, on_delete=models.CASCADE, related_name="years")
    year = models.PositiveSmallIntegerField(_("jaar"))
    max_per_year = models.DecimalField(
        _("maximum per jaar (€)"), max_digits=9, decimal_places=2, null=True, blank=True
    )
    paid_per_year = models.DecimalField(
        _("echt uitbetaald per jaar (€)"), max_digits=9, decimal_places=2, null=True, blank=True
    )
    hourly_rate = models.DecimalField(
        _("bedrag per verloond uur (€)"), max_digits=7, decimal_places=2, null=True, blank=True
    )
    percentage = models.DecimalField(
        _("percentage"), max_digits=5, decimal_places=2, null=True, blank=True
    )
    max_share = models.DecimalField(
        _("hoogstens dit deel van het loon (%)"),
        max_digits=5,
        decimal_places=2,
        null=True,
        blank=True,
    )
    max_years = models.PositiveSmallIntegerField(
        _("hoogstens zoveel jaar per werknemer"), null=True, blank=True
    )
    full_weeks = models.PositiveSmallIntegerField(
        _("weken begeleiding voor het volle bedrag"), null=True, blank=True
    )
    confirmed = models.BooleanField(
        _("bevestigd op de officiële bron"),
        default=False,
        help_text=_("Niet bevestigd: we tonen het bedrag als indicatief."),
    )
    min_hourly_wage = models.DecimalField(
        _("wettelijk minimumloon per uur, 21 jaar en ouder (€)"),
        max_digits=6,
        decimal_places=2,
        null=True,
        blank=True,
        help_text=_("Het bedrag van 1 januari van dat jaar."),
    )
    source_url = models.URLField(_("bron van deze bedragen"), blank=True)
    notes = models.TextField(_("toelichting"), blank=True)
    notes_en = models.TextField(_("toelichting (Engels)"), blank=True)

    class Meta:
        ordering = ["regulation", "year"]
        verbose_name = _("bedragen per jaar")
        verbose_name_plural = _("bedragen per jaar")
        constraints = [
            models.UniqueConstraint(fields=["regulation", "year"], name="regulation_year_unique")
        ]

    def __str__(self) -> str:
        return f"{self.regulation} {self.year}"


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
