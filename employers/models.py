"""Employers (werkgevers), their locations, recognitions (erkenningen) and openings."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from matching.models import (
    Certificate,
    Competency,
    Place,
    Qualification,
    Sector,
    SupportKind,
    Werkproces,
)
from matching.validators import validate_date_order, validate_kvk, validate_level


class Employer(models.Model):
    name = models.CharField(_("naam"), max_length=200)
    kvk_number = models.CharField(
        _("KvK-nummer"), max_length=8, unique=True, validators=[validate_kvk]
    )
    sector = models.ForeignKey(
        Sector, on_delete=models.PROTECT, related_name="employers", verbose_name=_("sector")
    )
    region = models.ForeignKey(
        "marketplace.Region",
        on_delete=models.PROTECT,
        related_name="employers",
        verbose_name=_("regio"),
    )
    description = models.TextField(_("over ons"), blank=True)
    website = models.URLField(_("website"), blank=True)
    contact_email = models.EmailField(_("e-mail contactpersoon"), blank=True)
    contact_phone = models.CharField(_("telefoon contactpersoon"), max_length=20, blank=True)
    accountmanager = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="managed_employers",
        verbose_name=_("accountmanager"),
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("werkgever")
        verbose_name_plural = _("werkgevers")

    def __str__(self) -> str:
        return self.name


class EmployerLocation(models.Model):
    employer = models.ForeignKey(Employer, on_delete=models.CASCADE, related_name="locations")
    name = models.CharField(_("naam vestiging"), max_length=200)
    address = models.CharField(_("adres"), max_length=200, blank=True)
    place = models.ForeignKey(
        Place, on_delete=models.PROTECT, related_name="employer_locations", verbose_name=_("plaats")
    )

    class Meta:
        ordering = ["employer", "name"]
        verbose_name = _("vestiging")
        verbose_name_plural = _("vestigingen")

    def __str__(self) -> str:
        return f"{self.employer} – {self.name} ({self.place})"


class Recognition(models.Model):
    """SBB recognition (erkenning) of an employer as leerbedrijf for one qualification."""

    employer = models.ForeignKey(Employer, on_delete=models.CASCADE, related_name="recognitions")
    qualification = models.ForeignKey(
        Qualification, on_delete=models.PROTECT, related_name="recognitions"
    )
    valid_from = models.DateField(_("geldig vanaf"))
    valid_to = models.DateField(_("geldig tot"), null=True, blank=True)

    class Meta:
        ordering = ["employer", "qualification"]
        verbose_name = _("erkenning")
        verbose_name_plural = _("erkenningen")
        constraints = [
            models.UniqueConstraint(
                fields=["employer", "qualification", "valid_from"], name="recognition_unique"
            ),
            models.CheckConstraint(
                condition=models.Q(valid_to__isnull=True)
                | models.Q(valid_to__gte=models.F("valid_from")),
                name="recognition_dates_in_order",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.employer} erkend voor {self.qualification.crebo}"

    def clean(self) -> None:
        validate_date_order(self.valid_from, self.valid_to, end_field="valid_to")

    def is_valid_on(self, day) -> bool:
        return self.valid_from <= day and (self.valid_to is None or day <= self.valid_to)


class Opening(models.Model):
    """A place an employer offers: a BPV-plek, a leerbaan (BBL job) or a vacature."""

    class Kind(models.TextChoices):
        BPV = "bpv", _("BPV-plek (stage)")
        LEERBAAN = "leerbaan", _("Leerbaan (BBL)")
        VACATURE = "vacature", _("Vacature")

    class Leerweg(models.TextChoices):
        ANY = "", _("Maakt niet uit")
        BOL = "bol", _("BOL")
        BBL = "bbl", _("BBL")

    class Status(models.TextChoices):
        DRAFT = "draft", _("Concept")
        OPEN = "open", _("Open")
        PAUSED = "paused", _("Gepauzeerd")
        FILLED = "filled", _("Vervuld")
        CLOSED = "closed", _("Gesloten")

    employer = models.ForeignKey(Employer, on_delete=models.CASCADE, related_name="openings")
    location = models.ForeignKey(
        EmployerLocation,
        on_delete=models.PROTECT,
        related_name="openings",
        verbose_name=_("vestiging"),
    )
    kind = models.CharField(_("soort plek"), max_length=10, choices=Kind.choices)
    title = models.CharField(_("titel"), max_length=200)
    # The employer's own reference for the place (e.g. from their system): an import's key.
    external_id = models.CharField(_("eigen kenmerk"), max_length=60, blank=True)
    description = models.TextField(_("omschrijving"), blank=True)
    sector = models.ForeignKey(
        Sector, on_delete=models.PROTECT, related_name="openings", verbose_name=_("sector")
    )
    accepted_qualifications = models.ManyToManyField(
        Qualification, blank=True, related_name="openings", verbose_name=_("passende opleidingen")
    )
    werkprocessen = models.ManyToManyField(
        Werkproces, blank=True, related_name="openings", verbose_name=_("werkprocessen")
    )
    min_level = models.PositiveSmallIntegerField(
        _("minimaal niveau"), default=0, validators=[validate_level]
    )
    leerweg = models.CharField(
        _("leerweg"), max_length=3, choices=Leerweg.choices, default=Leerweg.ANY, blank=True
    )
    required_competencies = models.ManyToManyField(
        Competency,
        blank=True,
        related_name="required_by",
        verbose_name=_("vaardigheden die nodig zijn"),
    )
    nice_competencies = models.ManyToManyField(
        Competency,
        blank=True,
        related_name="nice_for",
        verbose_name=_("vaardigheden die mooi meegenomen zijn"),
    )
    required_certificates = models.ManyToManyField(
        Certificate, blank=True, related_name="required_by", verbose_name=_("certificaten")
    )
    hours_per_week = models.PositiveSmallIntegerField(_("uren per week"), default=24)
    evening_work = models.BooleanField(_("avondwerk"), default=False)
    night_work = models.BooleanField(_("nachtwerk"), default=False)
    weekend_work = models.BooleanField(_("weekendwerk"), default=False)
    start_date = models.DateField(_("startdatum"))
    end_date = models.DateField(_("einddatum"), null=True, blank=True)
    places = models.PositiveSmallIntegerField(_("aantal plekken"), default=1)
    places_filled = models.PositiveSmallIntegerField(_("plekken bezet"), default=0)
    support_offered = models.JSONField(_("begeleiding die we bieden"), default=list, blank=True)
    min_age = models.PositiveSmallIntegerField(_("minimumleeftijd"), default=0)
    compensation = models.CharField(_("vergoeding of loon"), max_length=200, blank=True)
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.DRAFT, db_index=True
    )
    paused_reason = models.CharField(_("waarom gepauzeerd"), max_length=40, blank=True, default="")
    contact_person = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="contact_for_openings",
        verbose_name=_("contactpersoon"),
    )
    on_behalf_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("geplaatst namens de werkgever door"),
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True, db_index=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("plek")
        verbose_name_plural = _("plekken")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(end_date__isnull=True)
                | models.Q(end_date__gte=models.F("start_date")),
                name="opening_dates_in_order",
            ),
            models.CheckConstraint(condition=models.Q(places__gte=1), name="opening_places_min_1"),
            models.CheckConstraint(
                condition=models.Q(places_filled__lte=models.F("places")),
                name="opening_places_filled_le_places",
            ),
            models.CheckConstraint(
                condition=models.Q(min_level__lte=4), name="opening_min_level_le_4"
            ),
            models.CheckConstraint(
                condition=models.Q(hours_per_week__gte=1, hours_per_week__lte=60),
                name="opening_hours_1_60",
            ),
            models.CheckConstraint(
                condition=models.Q(min_age__lte=27), name="opening_min_age_le_27"
            ),
            models.UniqueConstraint(
                fields=["employer", "external_id"],
                condition=~models.Q(external_id=""),
                name="opening_external_id_unique_per_employer",
            ),
        ]
        indexes = [
            models.Index(fields=["status", "kind"]),
            # The public list of open openings, newest first, with and without a kind: an
            # index scan that stops after one page instead of sorting every open opening.
            models.Index(fields=["status", "-created_at", "-id"], name="opening_open_created"),
            models.Index(
                fields=["status", "kind", "-created_at", "-id"], name="opening_open_kind_created"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.title} – {self.employer}"

    def get_absolute_url(self) -> str:
        return reverse("werkgever:candidates", args=[self.pk])

    def clean(self) -> None:
        validate_date_order(self.start_date, self.end_date, end_field="end_date")
        unknown = set(self.support_offered or []) - set(SupportKind.values)
        if unknown:
            raise ValidationError({"support_offered": _("Onbekende soort begeleiding.")})

    @property
    def places_left(self) -> int:
        return max(self.places - self.places_filled, 0)


class RecognitionRequest(models.Model):
    """An employer asks (through the accountmanager) for a new or corrected recognition."""

    class Kind(models.TextChoices):
        NEW = "new", _("Nieuwe erkenning")
        CORRECTION = "correction", _("Erkenning klopt niet")

    class Status(models.TextChoices):
        REQUESTED = "requested", _("Aangevraagd")
        IN_PROGRESS = "in_progress", _("In behandeling")
        APPROVED = "approved", _("Goedgekeurd")
        REJECTED = "rejected", _("Afgewezen")

    employer = models.ForeignKey(
        Employer, on_delete=models.CASCADE, related_name="recognition_requests"
    )
    kind = models.CharField(_("soort verzoek"), max_length=12, choices=Kind.choices)
    qualification = models.ForeignKey(
        Qualification, on_delete=models.PROTECT, related_name="+", verbose_name=_("opleiding")
    )
    recognition = models.ForeignKey(
        Recognition,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="requests",
        verbose_name=_("erkenning"),
    )
    message = models.TextField(_("toelichting"), max_length=1000, blank=True)
    status = models.CharField(max_length=12, choices=Status.choices, default=Status.REQUESTED)
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    requested_at = models.DateTimeField(auto_now_add=True)
    handled_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    handled_at = models.DateTimeField(null=True, blank=True)
    response = models.TextField(_("antwoord"), max_length=1000, blank=True)

    class Meta:
        ordering = ["-requested_at"]
        verbose_name = _("verzoek om erkenning")
        verbose_name_plural = _("verzoeken om erkenning")

    def __str__(self) -> str:
        return f"{self.employer}: {self.get_kind_display()} ({self.status})"


class ColleagueInvite(models.Model):
    """A member invites a colleague by e-mail; accepting creates or links their account."""

    employer = models.ForeignKey(Employer, on_delete=models.CASCADE, related_name="invites")
    email = models.EmailField(_("e-mailadres"))
    employer_role = models.CharField(_("rol"), max_length=20)
    token_hash = models.CharField(max_length=64, unique=True)
    invited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    expires_at = models.DateTimeField()
    accepted_at = models.DateTimeField(null=True, blank=True)
    revoked_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("uitnodiging collega")
        verbose_name_plural = _("uitnodigingen collega's")

    def __str__(self) -> str:
        return f"{self.email} → {self.employer}"
