"""A recognition of the demo employer that ends within 60 days, so its dashboard shows the
warning and the Erkenningen page a renewal to ask for. Idempotent: found again, never doubled."""

import datetime

from django.utils import timezone

from employers.models import Employer, Recognition
from matching.models import Qualification

from . import DEMO_TODAY
from .employer_builder import kvk_number

CREBO = "25465"  # Manager logistiek: none of Noorderhaven's places depends on it
VALID_FROM = datetime.date(2022, 9, 1)
ENDS_IN_DAYS = 45


def seed_recognition_ending_soon() -> None:
    employer = Employer.objects.filter(kvk_number=kvk_number(0)).first()
    qualification = Qualification.objects.filter(crebo=CREBO).first()
    if employer is None or qualification is None:
        return
    ends = max(DEMO_TODAY, timezone.localdate()) + datetime.timedelta(days=ENDS_IN_DAYS)
    Recognition.objects.get_or_create(
        employer=employer,
        qualification=qualification,
        valid_from=VALID_FROM,
        defaults={"valid_to": ends},
    )
