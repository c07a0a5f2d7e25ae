"""The region's matching weights in the back office: versions, a preview, saving a new one."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import QuerySet
from django.utils.translation import gettext as _

from marketplace.models import MatchingWeights, Region, User
from marketplace.permissions import ensure_can
from marketplace.services.weights import weights_for_region, weights_set

FIRST_VERSION = 1


def weights_versions(*, region: Region) -> QuerySet[MatchingWeights]:
    return MatchingWeights.objects.filter(region=region).select_related("created_by")


def weights_current_id(*, region: Region) -> int:
    """The active version's id, 0 while the region uses the engine's defaults: the form carries
    it so a save on top of someone else's newer version is refused."""
    row = weights_versions(region=region).filter(is_active=True).order_by("-created_at").first()
    return row.pk if row else 0


def _next_version(region: Region) -> str:
    taken = set(weights_versions(region=region).values_list("version", flat=True))
    number = len(taken) + FIRST_VERSION
    while f"v{number}" in taken:
        number += 1
    return f"v{number}"


@transaction.atomic
def weights_save(*, user: User, values: dict, based_on: int) -> MatchingWeights:
    """A new version with these values, made by `user`; refused when another version was saved
    since the preview (two coordinators at once)."""
    ensure_can(user, "set_weights")
    region = Region.objects.select_for_update().get(pk=user.region_id)  # one save at a time
    if weights_current_id(region=region) != based_on:
        raise ValidationError(
            _(
                "Iemand anders heeft de gewichten net veranderd. Bekijk de nieuwe versie en maak "
                "het voorbeeld opnieuw."
            ),
            code="conflict",
        )
    try:
        return weights_set(
            region=region, version=_next_version(region), values=values, created_by=user
        )
    except ValueError as exc:
        raise ValidationError(_("Deze gewichten kan de matcher niet gebruiken.")) from exc


def weights_values_now(*, region: Region) -> dict:
    return dict(weights_for_region(region.pk).values)
