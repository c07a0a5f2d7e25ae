"""The match pipeline: search requests, matches and their timeline, placements, escalations."""

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from ..stored_texts import render
from .people import Region
from .profiles import StudentProfile


class SearchRequest(models.Model):
    """A zoekvraag: a student's search for a place, owned by a mediator, with a deadline."""

    class Kind(models.TextChoices):
        BPV = "bpv", _("BPV-plek (stage)")
        LEERBAAN = "leerbaan", _("Leerbaan (BBL)")
        VACATURE = "vacature", _("Baan")

    class Status(models.TextChoices):
        OPEN = "open", _("Open")
        ACTIEF = "actief", _("Loopt")
        GEVONDEN = "gevonden", _("Plek gevonden")
        GESTOPT = "gestopt", _("Gestopt")

    SEARCHING = (Status.OPEN, Status.ACTIEF)  # still looking for a place

    student = models.ForeignKey(
        StudentProfile, on_delete=models.CASCADE, related_name="search_requests"
    )
    kind = models.CharField(_("zoekt"), max_length=10, choices=Kind.choices)
    sector = models.ForeignKey(
        "matching.Sector", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    deadline = models.DateField(_("uiterlijk geplaatst op"))
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.OPEN)
    note = models.TextField(_("notitie"), blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    last_progress_at = models.DateTimeField(_("laatste voortgang"))

    class Meta:
        ordering = ["deadline"]
        verbose_name = _("zoekvraag")
        verbose_name_plural = _("zoekvragen")

    def __str__(self) -> str:
        return f"{self.student} zoekt {self.get_kind_display()} (voor {self.deadline})"


class MatchStatus(models.TextChoices):
    VOORGESTELD = "voorgesteld", _("Voorgesteld")
    INTERESSE_STUDENT = "interesse_student", _("Interesse student")
    INTERESSE_WERKGEVER = "interesse_werkgever", _("Interesse werkgever")
    KENNISMAKING = "kennismaking", _("Kennismaking gepland")
    AANBOD = "aanbod", _("Aanbod gedaan")
    GEPLAATST = "geplaatst", _("Geplaatst")
    GESTART = "gestart", _("Gestart")
    AFGEWEZEN = "afgewezen", _("Afgewezen")
    INGETROKKEN = "ingetrokken", _("Ingetrokken")


class Match(models.Model):
    """A student × opening in the pipeline. `version` guards against lost updates."""

    class Source(models.TextChoices):
        MEDIATOR = "mediator", _("Voorstel van een begeleider")
        STUDENT = "student", _("Interesse van de jongere")
        EVENT = "event", _("Een matchingevent")
        INVITATION = "invitation", _("Uitnodiging van de werkgever")

    class Response(models.TextChoices):
        OPEN = "", _("Nog geen antwoord")
        YES = "ja", _("Ja, interesse")
        NO = "nee", _("Geen interesse")

    student = models.ForeignKey(StudentProfile, on_delete=models.CASCADE, related_name="matches")
    opening = models.ForeignKey(
        "employers.Opening", on_delete=models.CASCADE, related_name="matches"
    )
    search_request = models.ForeignKey(
        SearchRequest, on_delete=models.SET_NULL, null=True, blank=True, related_name="matches"
    )
    status = models.CharField(
        max_length=20, choices=MatchStatus.choices, default=MatchStatus.VOORGESTELD, db_index=True
    )
    student_response = models.CharField(
        max_length=3, choices=Response.choices, default=Response.OPEN, blank=True
    )
    employer_response = models.CharField(
        max_length=3, choices=Response.choices, default=Response.OPEN, blank=True
    )
    student_shares_profile = models.BooleanField(
        _("student deelt naam en contact met werkgever"), default=False
    )
    proposed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    source = models.CharField(
        _("ontstaan via"), max_length=12, choices=Source.choices, default=Source.MEDIATOR
    )
    score = models.FloatField(_("score"), null=True, blank=True)
    score_snapshot = models.JSONField(_("uitleg score"), default=dict, blank=True)
    engine_version = models.CharField(max_length=40, blank=True)
    closed_reason = models.TextField(_("reden"), blank=True)
    next_action = models.CharField(_("volgende stap"), max_length=200, blank=True)
    next_action_due = models.DateField(_("volgende stap uiterlijk"), null=True, blank=True)
    meeting_at = models.DateTimeField(_("kennismaking op"), null=True, blank=True)
    version = models.PositiveIntegerField(default=1)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-updated_at"]
        verbose_name = _("match")
        verbose_name_plural = _("matches")
        constraints = [
            models.UniqueConstraint(fields=["student", "opening"], name="match_unique_pair")
        ]

    def __str__(self) -> str:
        return f"{self.student} × {self.opening} ({self.get_status_display()})"

    def get_absolute_url(self) -> str:
        return reverse("match-detail", args=[self.pk])


class TimelineEntry(models.Model):
    """One step on a match's timeline: who did what, when and why."""

    match = models.ForeignKey(Match, on_delete=models.CASCADE, related_name="timeline")
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    from_status = models.CharField(max_length=20, choices=MatchStatus.choices, blank=True)
    to_status = models.CharField(max_length=20, choices=MatchStatus.choices, blank=True)

    class Visibility(models.TextChoices):
        INTERNAL = "intern", _("Alleen voor begeleiders")
        SHARED = "gedeeld", _("Ook voor de jongere en de werkgever")

    kind = models.CharField(max_length=20, default="step")
    note = models.TextField(blank=True)
    note_visibility = models.CharField(
        _("wie mag de notitie lezen"),
        max_length=8,
        choices=Visibility.choices,
        default=Visibility.INTERNAL,
    )
    at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["at", "pk"]
        verbose_name = _("tijdlijnregel")
        verbose_name_plural = _("tijdlijn")

    def __str__(self) -> str:
        return f"{self.at:%Y-%m-%d} {self.from_status} → {self.to_status}"


class Placement(models.Model):
    """A student placed at an opening; check-ins help them keep the place."""

    class Status(models.TextChoices):
        LOPEND = "lopend", _("Loopt")
        AFGEROND = "afgerond", _("Afgerond")
        UITGEVALLEN = "uitgevallen", _("Uitgevallen")

    match = models.OneToOneField(Match, on_delete=models.PROTECT, related_name="placement")
    start_date = models.DateField(_("startdatum"))
    end_date = models.DateField(_("einddatum"), null=True, blank=True)
    status = models.CharField(max_length=12, choices=Status.choices, default=Status.LOPEND)
    outcome_reason = models.TextField(_("reden"), blank=True)
    outcome_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-start_date"]
        verbose_name = _("plaatsing")
        verbose_name_plural = _("plaatsingen")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(end_date__isnull=True)
                | models.Q(end_date__gte=models.F("start_date")),
                name="placement_dates_in_order",
            )
        ]

    def __str__(self) -> str:
        return f"{self.match.student} bij {self.match.opening.employer}"


class CheckIn(models.Model):
    """A planned conversation during a placement (e.g. weeks 2, 6 and 12)."""

    class HowItGoes(models.TextChoices):
        GOED = "goed", _("Gaat goed")
        MATIG = "matig", _("Gaat redelijk")
        SLECHT = "slecht", _("Gaat niet goed")

    placement = models.ForeignKey(Placement, on_delete=models.CASCADE, related_name="checkins")
    week = models.PositiveSmallIntegerField(_("week"))
    planned_for = models.DateField(_("gepland op"))
    assigned_to = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="checkins"
    )
    done_at = models.DateTimeField(null=True, blank=True)
    done_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    how_it_goes = models.CharField(max_length=10, choices=HowItGoes.choices, blank=True)
    notes = models.TextField(_("hoe gaat het"), blank=True)
    risk_signal = models.BooleanField(_("risico op uitval"), default=False)
    risk_notes = models.TextField(_("wat is het risico"), blank=True)

    class Meta:
        ordering = ["planned_for"]
        verbose_name = _("check-in")
        verbose_name_plural = _("check-ins")
        constraints = [
            models.UniqueConstraint(fields=["placement", "week"], name="checkin_unique_week")
        ]

    def __str__(self) -> str:
        return f"Check-in week {self.week} ({self.placement})"


class Escalation(models.Model):
    """A stuck case handed to the region's WSP/SBB accountmanagers."""

    class Reason(models.TextChoices):
        NO_PLACE_BEFORE_START = "geen_plek", _("Nog geen plek kort voor de start")
        STALE_SEARCH = "stilstand", _("Zoekvraag staat stil")
        MANUAL = "handmatig", _("Door jobhunter aangemeld")
        RISK = "risico", _("Risico op uitval")
        # A question about an employer's SBB recognition: its second rung is SBB's adviser.
        RECOGNITION = "erkenning", _("Vraag over erkenning (SBB)")

    class Status(models.TextChoices):
        OPEN = "open", _("Open")
        IN_BEHANDELING = "in_behandeling", _("In behandeling")
        OPGELOST = "opgelost", _("Opgelost")
        TERUGGEGEVEN = "teruggegeven", _("Teruggegeven")

    OPEN_STATES = (Status.OPEN, Status.IN_BEHANDELING)  # still waiting for an outcome

    student = models.ForeignKey(
        StudentProfile, on_delete=models.CASCADE, related_name="escalations"
    )
    search_request = models.ForeignKey(
        SearchRequest, on_delete=models.SET_NULL, null=True, blank=True, related_name="escalations"
    )
    region = models.ForeignKey(Region, on_delete=models.PROTECT, related_name="escalations")
    reason = models.CharField(max_length=12, choices=Reason.choices)
    explanation = models.TextField(_("toelichting"), blank=True)
    # A generated explanation (the sweep's) as a code with parameters, read in the reader's
    # language (stored_texts); `explanation` keeps its Dutch text, or a person's own words.
    explanation_code = models.CharField(max_length=60, blank=True)
    explanation_params = models.JSONField(default=dict, blank=True)
    status = models.CharField(
        max_length=15, choices=Status.choices, default=Status.OPEN, db_index=True
    )
    opened_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    assigned_to = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="escalations",
    )
    opened_at = models.DateTimeField()
    first_response_at = models.DateTimeField(null=True, blank=True)
    # The second rung: no response in time, so the region's coordinator (or SBB) was told.
    second_rung_at = models.DateTimeField(null=True, blank=True)
    second_rung_to = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="second_rung_escalations",
    )
    closed_at = models.DateTimeField(null=True, blank=True)
    resolution = models.TextField(_("afhandeling"), blank=True)
    version = models.PositiveIntegerField(default=1)

    class Meta:
        ordering = ["opened_at"]
        verbose_name = _("escalatie")
        verbose_name_plural = _("escalaties")
        constraints = [
            # One open case per student and reason: the sweep may run any number of times.
            models.UniqueConstraint(
                fields=["student", "reason"],
                condition=models.Q(status__in=["open", "in_behandeling"]),
                name="escalation_one_open_per_reason",
            )
        ]

    def __str__(self) -> str:
        return f"{self.student}: {self.get_reason_display()} ({self.get_status_display()})"

    @property
    def display_explanation(self) -> str:
        """The explanation in the active language (as written when a person wrote it)."""
        fallback = ("", self.explanation, "")
        return render(self.explanation_code, self.explanation_params, fallback=fallback).body


class Invitation(models.Model):
    """An employer invites a suggested (still anonymous) student to react to an opening."""

    class Status(models.TextChoices):
        OPEN = "open", _("Wacht op antwoord")
        ACCEPTED = "accepted", _("Geaccepteerd")
        DECLINED = "declined", _("Afgeslagen")
        WITHDRAWN = "withdrawn", _("Ingetrokken")
        EXPIRED = "expired", _("Verlopen")

    opening = models.ForeignKey(
        "employers.Opening", on_delete=models.CASCADE, related_name="invitations"
    )
    student = models.ForeignKey(
        StudentProfile, on_delete=models.CASCADE, related_name="invitations"
    )
    invited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    message = models.TextField(_("bericht"), max_length=600, blank=True)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.OPEN)
    created_at = models.DateTimeField(auto_now_add=True)
    answered_at = models.DateTimeField(null=True, blank=True)
    match = models.OneToOneField(
        Match, on_delete=models.SET_NULL, null=True, blank=True, related_name="invitation"
    )

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("uitnodiging")
        verbose_name_plural = _("uitnodigingen")
        constraints = [
            models.UniqueConstraint(fields=["opening", "student"], name="invitation_unique_pair")
        ]
        indexes = [models.Index(fields=["opening", "status"])]

    def __str__(self) -> str:
        return f"{self.opening_id} → {self.student_id} ({self.status})"
