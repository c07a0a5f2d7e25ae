"""People and organisations: users with roles, regions and schools."""

from django.contrib.auth.base_user import AbstractBaseUser, BaseUserManager
from django.contrib.auth.models import PermissionsMixin
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class Role(models.TextChoices):
    STUDENT = "student", _("Student / leerling")
    OUDER = "ouder", _("Ouder / verzorger")
    WERKGEVER = "werkgever", _("Werkgever")
    JOBHUNTER = "jobhunter", _("Jobhunter")
    JPO = "jpo", _("Junior Praktijkopleider")
    ACCOUNTMANAGER = "accountmanager", _("Accountmanager WSP / adviseur SBB")
    SCHOOL = "school", _("Schoolmedewerker (mentor, LOB, BPV-docent)")
    WERKCOACH = "werkcoach", _("Werkcoach arbeidsmarktregio")
    COORDINATOR = "coordinator", _("Coördinator")


class UserManager(BaseUserManager):
    use_in_migrations = True

    def create_user(self, email: str, password: str | None = None, **extra):
        if not email:
            raise ValueError("An e-mail address is required.")
        user = self.model(email=self.normalize_email(email).lower(), **extra)
        user.set_password(password)
        user.save(using=self._db)
        return user

    def create_superuser(self, email: str, password: str | None = None, **extra):
        extra.update(is_staff=True, is_superuser=True)
        extra.setdefault("role", Role.COORDINATOR)
        return self.create_user(email, password, **extra)


class Region(models.Model):
    """An arbeidsmarktregio; escalation thresholds are set per region."""

    name = models.CharField(_("naam"), max_length=100, unique=True)
    code = models.SlugField(_("code"), max_length=40, unique=True)
    escalation_weeks_before_start = models.PositiveSmallIntegerField(
        _("escaleren als er zoveel weken voor de BPV-start nog geen plek is"), default=8
    )
    escalation_stale_days = models.PositiveSmallIntegerField(
        _("escaleren als een zoekvraag zoveel dagen stilstaat"), default=21
    )
    answer_reminder_days = models.PositiveSmallIntegerField(
        _("herinneren als iemand zoveel werkdagen niet antwoordt"), default=5
    )

    class Meta:
        ordering = ["name"]
        verbose_name = _("arbeidsmarktregio")
        verbose_name_plural = _("arbeidsmarktregio's")

    def __str__(self) -> str:
        return self.name


class School(models.Model):
    class Kind(models.TextChoices):
        PRO = "pro", _("Praktijkonderwijs (PrO)")
        VSO = "vso", _("Voortgezet speciaal onderwijs (VSO)")
        MBO = "mbo", _("MBO")

    name = models.CharField(_("naam"), max_length=200)
    brin = models.CharField(_("BRIN"), max_length=6, unique=True)
    kind = models.CharField(_("soort school"), max_length=3, choices=Kind.choices)
    region = models.ForeignKey(Region, on_delete=models.PROTECT, related_name="schools")

    class Meta:
        ordering = ["name"]
        verbose_name = _("school")
        verbose_name_plural = _("scholen")

    def __str__(self) -> str:
        return self.name


class SchoolLocation(models.Model):
    school = models.ForeignKey(School, on_delete=models.CASCADE, related_name="locations")
    name = models.CharField(_("naam"), max_length=200)
    place = models.ForeignKey("matching.Place", on_delete=models.PROTECT, related_name="+")

    class Meta:
        ordering = ["school", "name"]
        verbose_name = _("schoollocatie")
        verbose_name_plural = _("schoollocaties")

    def __str__(self) -> str:
        return f"{self.school} – {self.name}"


class User(AbstractBaseUser, PermissionsMixin):
    """Everyone who logs in; the role decides what they may see and do."""

    email = models.EmailField(_("e-mailadres"), unique=True)
    first_name = models.CharField(_("voornaam"), max_length=80, blank=True)
    last_name = models.CharField(_("achternaam"), max_length=120, blank=True)
    role = models.CharField(_("rol"), max_length=20, choices=Role.choices, db_index=True)
    region = models.ForeignKey(
        Region, on_delete=models.PROTECT, null=True, blank=True, related_name="users"
    )
    school = models.ForeignKey(
        School, on_delete=models.PROTECT, null=True, blank=True, related_name="staff"
    )
    employer = models.ForeignKey(
        "employers.Employer",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="members",
        verbose_name=_("werkgever"),
    )

    class EmployerRole(models.TextChoices):
        NONE = "", _("Geen")
        BEHEERDER = "beheerder", _("Beheerder")
        PRAKTIJKOPLEIDER = "praktijkopleider", _("Praktijkopleider")

    employer_role = models.CharField(
        _("rol bij de werkgever"),
        max_length=20,
        choices=EmployerRole.choices,
        default=EmployerRole.NONE,
        blank=True,
    )
    phone = models.CharField(_("telefoon"), max_length=20, blank=True)
    is_staff = models.BooleanField(_("beheerder"), default=False)
    is_active = models.BooleanField(_("actief"), default=True)
    date_joined = models.DateTimeField(_("aangemaakt op"), default=timezone.now)

    objects = UserManager()

    USERNAME_FIELD = "email"
    EMAIL_FIELD = "email"
    REQUIRED_FIELDS: list[str] = []

    class Meta:
        ordering = ["last_name", "first_name", "email"]
        verbose_name = _("gebruiker")
        verbose_name_plural = _("gebruikers")

    def __str__(self) -> str:
        return self.get_full_name() or self.email

    def get_full_name(self) -> str:
        return f"{self.first_name} {self.last_name}".strip()

    def get_short_name(self) -> str:
        return self.first_name or self.email
