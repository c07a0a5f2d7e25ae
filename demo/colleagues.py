"""A second member of the demo employer, as praktijkopleider and contact person of one of its
places, so the colleagues' page and the notification routing have something to show.
Idempotent: found again, never doubled."""

from employers.models import Employer
from marketplace.models import Role, User

from .employer_builder import kvk_number

EMAIL = "praktijkopleider@demo.nl"


def seed_colleagues(password_hash: str) -> None:
    employer = Employer.objects.filter(kvk_number=kvk_number(0)).first()
    if employer is None:
        return
    employer.members.filter(employer_role="").update(employer_role=User.EmployerRole.BEHEERDER)
    member, _created = User.objects.get_or_create(
        email=EMAIL,
        defaults={
            "first_name": "Fatima",
            "last_name": "El Amrani",
            "role": Role.WERKGEVER,
            "employer": employer,
            "employer_role": User.EmployerRole.PRAKTIJKOPLEIDER,
            "region_id": employer.region_id,
            "password": password_hash,
        },
    )
    opening = employer.openings.filter(status="open").order_by("pk").first()
    if opening is not None and opening.contact_person_id is None:
        opening.contact_person = member
        opening.save(update_fields=["contact_person"])
