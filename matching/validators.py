"""Validators for the domain's identifiers, with messages in plain Dutch."""

import datetime
import re

from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.formats import date_format
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


# --- plausible dates ------------------------------------------------------------------------
# A date a person types lies in a range that makes sense for the product: nothing before 1990
# (no placement, advice or contact of this product is older) and at most five years ahead
# (no one plans a placement further out). Year 1 or 9999 is a typing error, not a plan.
PLAUSIBLE_FIRST_DATE = datetime.date(1990, 1, 1)
PLAUSIBLE_YEARS_AHEAD = 5
# A young person of this product is at least 12 and at most 30 years old.
BIRTH_AGE_MIN, BIRTH_AGE_MAX = 12, 30


def _years_from(day: datetime.date, years: int) -> datetime.date:
    try:
        return day.replace(year=day.year + years)
    except ValueError:  # 29 February in a year without one
        return day.replace(year=day.year + years, day=28)


def plausible_date_range(
    today: datetime.date | None = None, *, years_ahead: int = PLAUSIBLE_YEARS_AHEAD
) -> tuple[datetime.date, datetime.date]:
    today = today or timezone.localdate()
    return PLAUSIBLE_FIRST_DATE, _years_from(today, years_ahead)


def validate_plausible_date(value, *, years_ahead: int = PLAUSIBLE_YEARS_AHEAD) -> None:
    """A typed date (or date and time) from 1990 up to five (or `years_ahead`) years from
    today. The dates in the message are written as on the rest of the site (1-12-2026)."""
    if value is None:
        return
    day = value.date() if isinstance(value, datetime.datetime) else value
    first, last = plausible_date_range(years_ahead=years_ahead)
    if not first <= day <= last:
        raise ValidationError(
            _("Deze datum klopt niet. Kies een datum tussen %(first)s en %(last)s."),
            code="implausible_date",
            params={"first": date_format(first, "j-n-Y"), "last": date_format(last, "j-n-Y")},
        )


def validate_birth_date(value) -> None:
    """A young person's date of birth: between 12 and 30 years ago."""
    if value is None:
        return
    today = timezone.localdate()
    youngest, oldest = _years_from(today, -BIRTH_AGE_MIN), _years_from(today, -BIRTH_AGE_MAX - 1)
    if not oldest < value <= youngest:
        raise ValidationError(
            _("Deze geboortedatum klopt niet. Iemand is hier %(min)s tot en met %(max)s jaar."),
            code="implausible_birth_date",
            params={"min": BIRTH_AGE_MIN, "max": BIRTH_AGE_MAX},
        )
