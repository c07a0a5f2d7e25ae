"""Validators for the domain's identifiers, with messages in plain Dutch."""

import re

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _


def validate_crebo(value: str) -> None:
    """A crebo code (the number of an MBO qualification) is five digits."""
    if not re.fullmatch(r"\d{5}", value or ""):
        raise ValidationError(
            _("Een crebonummer bestaat uit 5 cijfers, bijvoorbeeld 25655."), code="crebo"
        )


def validate_kvk(value: str) -> None:
    """A KvK number (Chamber of Commerce) is eight digits."""
    if not re.fullmatch(r"\d{8}", value or ""):
        raise ValidationError(
            _("Een KvK-nummer bestaat uit 8 cijfers, bijvoorbeeld 12345678."), code="kvk"
        )


def validate_level(value: int) -> None:
    if value is None or not 0 <= int(value) <= 4:
        raise ValidationError(
            _("Kies een niveau van 0 (PrO/VSO) tot en met 4 (MBO niveau 4)."), code="level"
        )


def validate_radius(value) -> None:
    if value is None or not 0 < float(value) <= 200:
        raise ValidationError(_("Vul een reisafstand in tussen 1 en 200 kilometer."), code="radius")


def validate_date_order(start, end, *, end_field: str = "end") -> None:
    """Raise a field error on `end_field` when the end lies before the start."""
    if start and end and end < start:
        raise ValidationError(
            {end_field: _("De einddatum ligt voor de begindatum. Kies een latere einddatum.")}
        )
