"""The shared vocabulary used by students and openings alike: sectors, qualifications, skills."""

from django.db import models
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from .validators import validate_crebo


def localized_name(name: str, name_en: str) -> str:
    """The vocabulary's name in the active language: the English one where there is one."""
    if name_en and (get_language() or "").startswith("en"):
        return name_en
    return name


class NamedInTwoLanguages(models.Model):
    """Vocabulary with a Dutch name (the domain's word, used for search and imports) and an
    English one for English readers; `display_name` is what a page, form or API shows."""

    name_en = models.CharField(_("naam (Engels)"), max_length=200, blank=True)

    class Meta:
        abstract = True

    @property
    def display_name(self) -> str:
        return localized_name(self.name, self.name_en)


class Sector(NamedInTwoLanguages):
    """A sector or leerlijn (Zorg, Horeca, Productie, ...)."""

    code = models.SlugField(_("code"), max_length=40, unique=True)
    name = models.CharField(_("naam"), max_length=100, unique=True)
    pictogram = models.CharField(_("pictogram"), max_length=8, blank=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("sector / leerlijn")
        verbose_name_plural = _("sectoren / leerlijnen")

    def __str__(self) -> str:
        return self.display_name


class Qualification(NamedInTwoLanguages):
    """An MBO qualification (kwalificatie), identified by its crebo number."""

    crebo = models.CharField(
        _("crebonummer"), max_length=5, unique=True, validators=[validate_crebo]
    )
    name = models.CharField(_("naam"), max_length=200)
    level = models.PositiveSmallIntegerField(
        _("niveau"), choices=[(i, f"MBO {i}") for i in range(1, 5)]
    )
    sector = models.ForeignKey(
        Sector, on_delete=models.PROTECT, related_name="qualifications", verbose_name=_("sector")
    )

    class Meta:
        ordering = ["name", "level"]
        verbose_name = _("kwalificatie")
        verbose_name_plural = _("kwalificaties")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(level__gte=1, level__lte=4), name="qualification_level_1_4"
            )
        ]

    def __str__(self) -> str:
        return _("%(name)s (niveau %(level)s, crebo %(crebo)s)") % {
            "name": self.display_name,
            "level": self.level,
            "crebo": self.crebo,
        }


class Werkproces(NamedInTwoLanguages):
    """A work process of a qualification; achieved ones make up a Praktijkverklaring."""

    qualification = models.ForeignKey(
        Qualification, on_delete=models.CASCADE, related_name="werkprocessen"
    )
    code = models.CharField(_("code"), max_length=20)
    name = models.CharField(_("naam"), max_length=200)

    class Meta:
        ordering = ["qualification", "code"]
        verbose_name = _("werkproces")
        verbose_name_plural = _("werkprocessen")
        constraints = [
            models.UniqueConstraint(fields=["qualification", "code"], name="werkproces_unique_code")
        ]

    def __str__(self) -> str:
        return f"{self.code} {self.display_name}"


class Competency(NamedInTwoLanguages):
    """A skill or werknemersvaardigheid, with Dutch synonyms people actually type."""

    class Category(models.TextChoices):
        VAKVAARDIGHEID = "vak", _("Vakvaardigheid")
        WERKNEMERSVAARDIGHEID = "werknemer", _("Werknemersvaardigheid")

    name = models.CharField(_("naam"), max_length=120, unique=True)
    category = models.CharField(
        _("soort"), max_length=20, choices=Category.choices, default=Category.VAKVAARDIGHEID
    )
    synonyms = models.JSONField(_("synoniemen"), default=list, blank=True)
    pictogram = models.CharField(_("pictogram"), max_length=8, blank=True)
    sector = models.ForeignKey(
        Sector, on_delete=models.SET_NULL, null=True, blank=True, related_name="competencies"
    )

    class Meta:
        ordering = ["name"]
        verbose_name = _("vaardigheid")
        verbose_name_plural = _("vaardigheden")

    def __str__(self) -> str:
        return self.display_name


class Certificate(NamedInTwoLanguages):
    """A branch certificate such as VCA, HACCP or heftruck."""

    name = models.CharField(_("naam"), max_length=120, unique=True)
    synonyms = models.JSONField(_("synoniemen"), default=list, blank=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("certificaat")
        verbose_name_plural = _("certificaten")

    def __str__(self) -> str:
        return self.display_name


class Place(models.Model):
    """A place (woonplaats) with coordinates, from GeoNames."""

    name = models.CharField(_("naam"), max_length=120)
    province = models.CharField(_("provincie"), max_length=60, blank=True)
    latitude = models.FloatField(_("breedtegraad"))
    longitude = models.FloatField(_("lengtegraad"))
    geonameid = models.PositiveIntegerField(_("GeoNames-id"), unique=True, null=True, blank=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("plaats")
        verbose_name_plural = _("plaatsen")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(latitude__gte=-90, latitude__lte=90)
                & models.Q(longitude__gte=-180, longitude__lte=180),
                name="place_coordinates_valid",
            )
        ]

    def __str__(self) -> str:
        return self.name


class SupportKind(models.TextChoices):
    """Support a workplace can offer and a student may need (shared by both sides)."""

    PRAKTIJKBEGELEIDER = "praktijkbegeleider", _("Vaste praktijkbegeleider")
    JOBCOACH = "jobcoach", _("Jobcoach welkom")
    RUSTIGE_WERKPLEK = "rustige_werkplek", _("Rustige werkplek")
    AANGEPASTE_UREN = "aangepaste_uren", _("Aangepaste werktijden")
    VISUELE_INSTRUCTIES = "visuele_instructies", _("Uitleg met plaatjes")
    EXTRA_UITLEG = "extra_uitleg", _("Extra tijd voor uitleg")


class RankingChange(models.Model):
    """One change that can alter a ranking, so every process refreshes its cached indexes.

    Written after the commit of the change; a process asks for rows newer than the last one it
    applied before each ranking. Old rows are pruned: the table stays small.
    """

    class Kind(models.TextChoices):
        OPENING = "opening", _("Plek")
        EMPLOYER = "employer", _("Werkgever")  # its locations and recognitions too
        PLACE = "place", _("Plaats")
        STUDENT = "student", _("Student")
        WEIGHTS = "weights", _("Gewichten")  # object_id: the region
        ALL = "all", _("Alles")  # vocabulary, or a bulk load: rebuild every index

    kind = models.CharField(max_length=10, choices=Kind.choices)
    object_id = models.BigIntegerField(null=True, blank=True)
    at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("wijziging voor de ranglijst")
        verbose_name_plural = _("wijzigingen voor de ranglijst")

    def __str__(self) -> str:
        return f"{self.pk} {self.kind} {self.object_id}"
