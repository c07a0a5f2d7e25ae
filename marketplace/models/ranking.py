"""Stored suggestions, the weights per region, and the log of every ranking served."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from .people import Region
from .profiles import StudentProfile


class MatchingWeights(models.Model):
    """A versioned set of factor weights for a region; the newest active one is used."""

    region = models.ForeignKey(Region, on_delete=models.CASCADE, related_name="weights")
    version = models.CharField(max_length=40)
    values = models.JSONField()
    is_active = models.BooleanField(default=True)
    created_at = models.DateTimeField(auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("gewichten matching")
        verbose_name_plural = _("gewichten matching")
        constraints = [
            models.UniqueConstraint(fields=["region", "version"], name="weights_unique_version")
        ]

    def __str__(self) -> str:
        return f"{self.region} {self.version}"


class Suggestion(models.Model):
    """A stored top-k result of the engine, for a student or for an opening."""

    class Direction(models.TextChoices):
        FOR_STUDENT = "student", _("Plek voor student")
        FOR_OPENING = "opening", _("Kandidaat voor plek")

    direction = models.CharField(max_length=8, choices=Direction.choices)
    student = models.ForeignKey(
        StudentProfile, on_delete=models.CASCADE, related_name="suggestions"
    )
    opening = models.ForeignKey(
        "employers.Opening", on_delete=models.CASCADE, related_name="suggestions"
    )
    rank = models.PositiveSmallIntegerField()
    score = models.FloatField()
    explanation = models.JSONField()
    engine_version = models.CharField(max_length=40)
    weights_version = models.CharField(max_length=40)
    computed_at = models.DateTimeField()

    class Meta:
        ordering = ["rank"]
        verbose_name = _("suggestie")
        verbose_name_plural = _("suggesties")
        constraints = [
            models.UniqueConstraint(
                fields=["direction", "student", "opening"], name="suggestion_unique"
            )
        ]
        indexes = [
            models.Index(fields=["direction", "student", "rank"]),
            models.Index(fields=["direction", "opening", "rank"]),
        ]

    def __str__(self) -> str:
        return f"{self.student} × {self.opening}: {self.score:.0f}"


class RankingLog(models.Model):
    """Human oversight: every ranking served, with versions, input hash and who saw it."""

    viewer = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    subject_type = models.CharField(max_length=10)
    subject_id = models.PositiveBigIntegerField()
    engine_version = models.CharField(max_length=40)
    weights_version = models.CharField(max_length=40)
    input_hash = models.CharField(max_length=64)
    top_ids = models.JSONField()
    channel = models.CharField(max_length=20, default="web")
    at = models.DateTimeField(auto_now_add=True, db_index=True)

    class Meta:
        ordering = ["-at"]
        verbose_name = _("rankinglog")
        verbose_name_plural = _("rankinglog")

    def __str__(self) -> str:
        return f"{self.at:%Y-%m-%d %H:%M} {self.subject_type} {self.subject_id}"


class CandidateAlias(models.Model):
    """The name an employer sees for a student on one opening until the student shares theirs.

    Drawn at random among the labels still free on that opening ("A", "B", … "AA"), so it says
    nothing about the student, their id or their rank, and differs from opening to opening.
    """

    opening = models.ForeignKey(
        "employers.Opening", on_delete=models.CASCADE, related_name="candidate_aliases"
    )
    student = models.ForeignKey(
        StudentProfile, on_delete=models.CASCADE, related_name="candidate_aliases"
    )
    # Letters only; "Kandidaat" is added when shown, in the reader's language.
    label = models.CharField(_("letters"), max_length=4)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("schuilnaam kandidaat")
        verbose_name_plural = _("schuilnamen kandidaten")
        constraints = [
            models.UniqueConstraint(
                fields=["opening", "student"], name="candidate_alias_one_per_student"
            ),
            models.UniqueConstraint(
                fields=["opening", "label"], name="candidate_alias_unique_label"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.opening_id}: {self.label}"


class RecomputeRun(models.Model):
    """One recomputation of every stored suggestion, split into chunks that workers share.

    Chunks are the unit of work and of resumption: a chunk is done once its subjects' rows are
    stored; a chunk left pending by a worker that died is sent again (`recompute_resume`), and
    storing a subject twice leaves the same rows, so nothing is lost or doubled.
    """

    created_at = models.DateTimeField(auto_now_add=True)
    finished_at = models.DateTimeField(null=True, blank=True)
    chunk_size = models.PositiveIntegerField()
    chunks_total = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("herberekening")
        verbose_name_plural = _("herberekeningen")

    def __str__(self) -> str:
        return f"{self._meta.verbose_name} {self.pk}"


class RecomputeChunk(models.Model):
    class Kind(models.TextChoices):
        STUDENTS = "students", _("studenten")
        OPENINGS = "openings", _("plekken")

    run = models.ForeignKey(RecomputeRun, on_delete=models.CASCADE, related_name="chunks")
    number = models.PositiveIntegerField()
    kind = models.CharField(max_length=10, choices=Kind.choices)
    subject_ids = models.JSONField()
    sent_at = models.DateTimeField(null=True, blank=True)
    started_at = models.DateTimeField(null=True, blank=True)
    attempts = models.PositiveIntegerField(default=0)
    done_at = models.DateTimeField(null=True, blank=True)
    stored = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["run", "number"]
        constraints = [
            models.UniqueConstraint(fields=["run", "number"], name="recompute_chunk_unique_number")
        ]
        indexes = [models.Index(fields=["run", "done_at"], name="recompute_chunk_open")]

    def __str__(self) -> str:
        return f"{self.run} #{self.number}"
