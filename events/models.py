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
    capacity = models.PositiveIntegerField(_("plekken voor jongeren"), default=30)
    capacity_employers = models.PositiveIntegerField(_("plekken voor werkgevers"), default=10)
    # Who the event is for: education types ("pro", "vso", "mbo"); empty means everyone.
    audience = models.JSONField(_("voor wie"), default=list, blank=True)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.PUBLISHED)
    cancelled_reason = models.TextField(_("reden van afgelasten"), blank=True)
    organiser = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    # Speed dates: rounds of `round_minutes` at `tables` tables; `break_rounds` are rounds
    # without dates (numbers from 1). The schedule is visible once published.
    rounds = models.PositiveSmallIntegerField(_("rondes"), default=0)
    tables = models.PositiveSmallIntegerField(_("tafels"), default=0)
    round_minutes = models.PositiveSmallIntegerField(_("minuten per ronde"), default=8)
    break_rounds = models.JSONField(_("pauzerondes"), default=list, blank=True)
    schedule_published_at = models.DateTimeField(null=True, blank=True)
    version = models.PositiveIntegerField(default=1)

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
            models.CheckConstraint(
                condition=models.Q(round_minutes__gte=1), name="event_round_minutes_min_1"
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
    # An employer's seat: the organisation the registering member speaks for.
    employer = models.ForeignKey(
        "employers.Employer",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="event_registrations",
    )
    created_at = models.DateTimeField(auto_now_add=True)
    reminded_at = models.DateTimeField(null=True, blank=True)
    waitlist_reminded_at = models.DateTimeField(null=True, blank=True)
    outcome = models.TextField(_("wat leverde het op"), blank=True)
    # Check-in: the code in the QR code (random, unique), when and by whom.
    checkin_code = models.CharField(max_length=32, unique=True, null=True, blank=True)
    checked_in_at = models.DateTimeField(null=True, blank=True)
    checked_in_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    # Speed-date wishes: a student names up to three employers; an employer asks for a level or
    # sectors.
    wanted_employers = models.ManyToManyField(
        "employers.Employer", blank=True, related_name="wished_by"
    )
    wanted_level = models.PositiveSmallIntegerField(null=True, blank=True)
    wanted_sectors = models.ManyToManyField("matching.Sector", blank=True, related_name="+")

    class Meta:
        ordering = ["created_at"]
        verbose_name = _("aanmelding")
        verbose_name_plural = _("aanmeldingen")
        constraints = [
            models.UniqueConstraint(fields=["event", "user"], name="registration_unique")
        ]

    def __str__(self) -> str:
        return f"{self.user} → {self.event} ({self.get_status_display()})"


class SpeedDate(models.Model):
    """One date in a speed-date schedule: a round, a table, a student and an employer."""

    event = models.ForeignKey(MatchingEvent, on_delete=models.CASCADE, related_name="speed_dates")
    round = models.PositiveSmallIntegerField()
    table = models.PositiveSmallIntegerField()
    student = models.ForeignKey(
        Registration, on_delete=models.CASCADE, related_name="dates_as_student"
    )
    employer = models.ForeignKey(
        Registration, on_delete=models.CASCADE, related_name="dates_as_employer"
    )
    # The employer's place that fits the student best (the match made after the date is on it).
    opening = models.ForeignKey(
        "employers.Opening", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    score = models.FloatField(default=0.0)
    starts_at = models.DateTimeField()
    ends_at = models.DateTimeField()
    # "Wil verder praten": None until said; a match is made when both say yes.
    student_wants_more = models.BooleanField(null=True, blank=True)
    employer_wants_more = models.BooleanField(null=True, blank=True)
    match = models.ForeignKey(
        "marketplace.Match", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        ordering = ["event", "round", "table"]
        verbose_name = _("speeddate")
        verbose_name_plural = _("speeddates")
        constraints = [
            models.UniqueConstraint(fields=["event", "round", "table"], name="speeddate_table"),
            models.UniqueConstraint(
                fields=["event", "round", "student"], name="speeddate_student_once_per_round"
            ),
            models.UniqueConstraint(
                fields=["event", "round", "employer"], name="speeddate_employer_once_per_round"
            ),
            models.UniqueConstraint(
                fields=["event", "student", "employer"], name="speeddate_pair_once"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.event_id} r{self.round} t{self.table}"


class CalendarFeed(models.Model):
    """A person's secret calendar feed address; revoking gives a new token, the old one stops."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="calendar_feed"
    )
    token = models.CharField(max_length=64, unique=True)
    created_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("agendafeed")
        verbose_name_plural = _("agendafeeds")

    def __str__(self) -> str:
        return f"feed of {self.user_id}"
