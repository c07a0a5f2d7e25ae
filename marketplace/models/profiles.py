"""Student profiles (the competency profile), guardians, consents and the access log."""

import datetime

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from matching.models import Certificate, Competency, Place, Qualification, Sector, Werkproces
from matching.validators import validate_level, validate_radius

from .people import School


class EducationType(models.TextChoices):
    PRO = "pro", _("Praktijkonderwijs (PrO)")
    VSO = "vso", _("Voortgezet speciaal onderwijs (VSO)")
    MBO = "mbo", _("MBO")


class StudentProfile(models.Model):
    """What a student can and wants: the basis for matching. Support needs are sensitive."""

    class Leerweg(models.TextChoices):
        NONE = "", _("Geen (PrO/VSO)")
        BOL = "bol", _("BOL (school met stage)")
        BBL = "bbl", _("BBL (werken en leren)")

    class Advies(models.TextChoices):
        NONE = "", _("Nog geen advies")
        ARBEID = "arbeid", _("Arbeid")
        DOORSTROOM = "doorstroom", _("Doorstroom naar vervolgopleiding")

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="student_profile"
    )
    school = models.ForeignKey(School, on_delete=models.PROTECT, related_name="students")
    # The student's number in the school's own system: the key an import updates by.
    external_id = models.CharField(_("leerlingnummer van de school"), max_length=40, blank=True)
    education_type = models.CharField(_("onderwijs"), max_length=3, choices=EducationType.choices)
    level = models.PositiveSmallIntegerField(
        _("niveau"), default=0, validators=[validate_level], help_text=_("0 = PrO/VSO, 1-4 = MBO")
    )
    qualification = models.ForeignKey(
        Qualification,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="students",
        verbose_name=_("opleiding (kwalificatie)"),
    )
    leerweg = models.CharField(
        _("leerweg"), max_length=3, choices=Leerweg.choices, default=Leerweg.NONE, blank=True
    )
    school_leaver = models.BooleanField(
        _("zoekt werk na school"), default=False, help_text=_("Zoekt een baan of leerbaan.")
    )
    date_of_birth = models.DateField(_("geboortedatum"))
    home_place = models.ForeignKey(
        Place, on_delete=models.PROTECT, related_name="+", verbose_name=_("woonplaats")
    )
    travel_radius_km = models.PositiveSmallIntegerField(
        _("reisafstand in km"), default=15, validators=[validate_radius]
    )
    available_from = models.DateField(_("beschikbaar vanaf"))
    available_to = models.DateField(_("beschikbaar tot"), null=True, blank=True)
    hours_per_week = models.PositiveSmallIntegerField(_("uren per week"), default=24)
    sector_preferences = models.ManyToManyField(
        Sector, blank=True, related_name="+", verbose_name=_("sectoren die ik leuk vind")
    )
    competencies = models.ManyToManyField(
        Competency, through="StudentCompetency", blank=True, related_name="students"
    )
    werkprocessen_achieved = models.ManyToManyField(
        Werkproces, blank=True, related_name="+", verbose_name=_("werkprocessen behaald")
    )
    certificates = models.ManyToManyField(
        Certificate, blank=True, related_name="students", verbose_name=_("certificaten")
    )
    interests = models.TextField(_("wat ik leuk vind"), blank=True)
    support_needs = models.JSONField(_("hulp die ik nodig heb"), default=list, blank=True)
    support_needs_shared = models.BooleanField(
        _("hulpvraag delen met werkgever en JPO"), default=False
    )
    advies = models.CharField(
        _("advies"), max_length=12, choices=Advies.choices, default=Advies.NONE, blank=True
    )
    advies_date = models.DateField(_("datum advies"), null=True, blank=True)
    expected_diploma_date = models.DateField(_("verwachte diplomadatum"), null=True, blank=True)
    bpv_start_date = models.DateField(_("start BPV volgens school"), null=True, blank=True)
    consent_show_to_employers = models.BooleanField(_("zichtbaar voor werkgevers"), default=False)
    consent_show_to_employers_at = models.DateTimeField(null=True, blank=True)
    consent_findable = models.BooleanField(
        _("werkgevers mogen mij zonder naam vinden en uitnodigen"), default=False
    )
    consent_findable_at = models.DateTimeField(null=True, blank=True)
    consent_parent_access = models.BooleanField(_("ouder mag meekijken"), default=False)
    consent_parent_access_at = models.DateTimeField(null=True, blank=True)
    consent_contact_after_diploma = models.BooleanField(_("contact na diploma goed"), default=False)
    consent_contact_after_diploma_at = models.DateTimeField(null=True, blank=True)
    jobhunter = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="caseload",
        verbose_name=_("jobhunter"),
    )
    jpo = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="mentees",
        verbose_name=_("Junior Praktijkopleider"),
    )
    mentor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="mentor_students",
        verbose_name=_("mentor / SLB"),
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True, db_index=True)

    class Meta:
        ordering = ["user__last_name", "user__first_name"]
        verbose_name = _("studentprofiel")
        verbose_name_plural = _("studentprofielen")
        constraints = [
            models.UniqueConstraint(
                fields=["school", "external_id"],
                condition=~models.Q(external_id=""),
                name="student_external_id_unique_per_school",
            ),
            models.CheckConstraint(condition=models.Q(level__lte=4), name="student_level_le_4"),
            models.CheckConstraint(
                condition=models.Q(travel_radius_km__gte=1, travel_radius_km__lte=200),
                name="student_radius_1_200",
            ),
            models.CheckConstraint(
                condition=models.Q(available_to__isnull=True)
                | models.Q(available_to__gte=models.F("available_from")),
                name="student_availability_in_order",
            ),
            models.CheckConstraint(
                condition=models.Q(hours_per_week__gte=1, hours_per_week__lte=60),
                name="student_hours_1_60",
            ),
        ]
        indexes = [
            # The students an employer may be suggested (those who agreed to be found), by
            # school and so by region: a fraction of all students.
            models.Index(
                fields=["school"],
                condition=models.Q(consent_findable=True),
                name="student_findable_school",
            ),
        ]

    def __str__(self) -> str:
        return str(self.user)

    def age_on(self, day: datetime.date) -> int:
        born = self.date_of_birth
        return day.year - born.year - ((day.month, day.day) < (born.month, born.day))


class StudentCompetency(models.Model):
    class Level(models.IntegerChoices):
        STARTER = 1, _("Ik leer het nog")
        GOED = 2, _("Ik kan het")
        STERK = 3, _("Ik kan het goed en leg het anderen uit")

    student = models.ForeignKey(StudentProfile, on_delete=models.CASCADE)
    competency = models.ForeignKey(Competency, on_delete=models.CASCADE)
    level = models.PositiveSmallIntegerField(_("niveau"), choices=Level.choices, default=2)

    class Meta:
        verbose_name = _("vaardigheid van student")
        verbose_name_plural = _("vaardigheden van studenten")
        constraints = [
            models.UniqueConstraint(
                fields=["student", "competency"], name="student_competency_unique"
            )
        ]

    def __str__(self) -> str:
        return f"{self.competency} ({self.get_level_display()})"


class GuardianLink(models.Model):
    """A parent or guardian of a student; what they see also depends on consent and age."""

    guardian = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="guardian_links"
    )
    student = models.ForeignKey(
        StudentProfile, on_delete=models.CASCADE, related_name="guardian_links"
    )
    relation = models.CharField(_("relatie"), max_length=40, default="ouder")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("ouder/verzorger-koppeling")
        verbose_name_plural = _("ouder/verzorger-koppelingen")
        constraints = [
            models.UniqueConstraint(fields=["guardian", "student"], name="guardian_link_unique")
        ]

    def __str__(self) -> str:
        return f"{self.guardian} → {self.student}"


class ConsentRecord(models.Model):
    """Every consent given or withdrawn, with who recorded it and when (the history)."""

    class Kind(models.TextChoices):
        SHOW_TO_EMPLOYERS = "show_to_employers", _("Zichtbaar voor werkgevers")
        PARENT_ACCESS = "parent_access", _("Ouder mag meekijken")
        CONTACT_AFTER_DIPLOMA = "contact_after_diploma", _("Contact na diploma")
        SHARE_SUPPORT_NEEDS = "share_support_needs", _("Hulpvraag delen")
        FINDABLE = "findable", _("Vindbaar voor werkgevers (zonder naam)")

    student = models.ForeignKey(StudentProfile, on_delete=models.CASCADE, related_name="consents")
    kind = models.CharField(max_length=30, choices=Kind.choices)
    given = models.BooleanField()
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    recorded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-recorded_at"]
        verbose_name = _("toestemming")
        verbose_name_plural = _("toestemmingen")

    def __str__(self) -> str:
        return f"{self.student}: {self.get_kind_display()} = {self.given}"


class AccessLog(models.Model):
    """Who looked at or changed which student's record, and when."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    student = models.ForeignKey(
        StudentProfile, on_delete=models.CASCADE, related_name="access_logs"
    )
    action = models.CharField(_("actie"), max_length=40)
    context = models.CharField(_("waar"), max_length=200, blank=True)
    at = models.DateTimeField(auto_now_add=True, db_index=True)

    class Meta:
        ordering = ["-at"]
        verbose_name = _("inzage-log")
        verbose_name_plural = _("inzage-log")

    def __str__(self) -> str:
        return f"{self.at:%Y-%m-%d %H:%M} {self.user} {self.action} {self.student_id}"
