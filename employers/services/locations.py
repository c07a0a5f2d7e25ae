"""An employer's locations (vestigingen): which ones a member works with, and changing one.

Adding a location is `employers.services.employer_location_add`; a change here follows the same
rules (a beheerder of the organisation, a name that says which one it is) and refreshes the
openings at that location, whose distance to every student may have changed.
"""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import QuerySet
from django.http import Http404
from django.utils.translation import gettext as _

from marketplace.models import Role, User
from marketplace.permissions import ensure_can
from matching.models import Place

from ..models import EmployerLocation
from . import opening_after_change


def locations_of_team(user: User) -> QuerySet[EmployerLocation]:
    """The locations of the user's own organisation (none for anyone else)."""
    if user and user.is_authenticated and user.role == Role.WERKGEVER and user.employer_id:
        return EmployerLocation.objects.filter(employer_id=user.employer_id)
    return EmployerLocation.objects.none()


def get_location_for_user(user: User, pk: int) -> EmployerLocation:
    """A location of the user's organisation; another organisation's answers 404."""
    location = locations_of_team(user).select_related("employer", "place").filter(pk=pk).first()
    if location is None:
        raise Http404
    return location


@transaction.atomic
def employer_location_update(
    *, user: User, location: EmployerLocation, name: str, address: str, place: Place
) -> EmployerLocation:
    """Rename a location, or correct its address or town."""
    ensure_can(user, "manage_employer", location.employer)
    location = EmployerLocation.objects.select_for_update().get(pk=location.pk)
    name = (name or "").strip()
    if not name:
        raise ValidationError(
            {"name": _("Geef de vestiging een naam, bijvoorbeeld de plaats of de straat.")}
        )
    twin = EmployerLocation.objects.filter(employer_id=location.employer_id, name=name, place=place)
    if twin.exclude(pk=location.pk).exists():
        raise ValidationError({"name": _("Je hebt al een vestiging met deze naam in deze plaats.")})
    moved = location.place_id != place.pk
    location.name, location.address, location.place = name, (address or "").strip(), place
    location.full_clean(exclude=["employer"])
    location.save(update_fields=["name", "address", "place"])
    if moved:  # the distance to every student changed: candidates and rankings follow
        for opening in location.openings.all():
            opening_after_change(opening)
    return location
