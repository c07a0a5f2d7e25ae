"""Demo students who agreed to be found by employers (anonymous), so the employer's candidates
pages show suggestions. Idempotent: a student with any findable consent on record is left as it
is (also one who withdrew it since)."""

from django.db.models import Exists, OuterRef

from marketplace.models import ConsentRecord, StudentProfile

from . import DEMO_TODAY, MAIN_REGION
from .bulk import at

EVERY = 3  # about one in three of the region's students who are visible to employers (by id)
PERSONAS = ("student@demo.nl",)  # Sanne: the invitation journey of the demo


def seed_findable() -> int:
    """Give the findable consent to some students of the main region; returns how many."""
    recorded = ConsentRecord.objects.filter(
        student=OuterRef("pk"), kind=ConsentRecord.Kind.FINDABLE
    )
    candidates = (
        StudentProfile.objects.filter(
            school__region__code=MAIN_REGION["code"], consent_show_to_employers=True
        )
        .exclude(Exists(recorded))
        .order_by("pk")
        .values_list("pk", "user__email")
    )
    chosen = [pk for pk, email in candidates if pk % EVERY == 0 or email in PERSONAS]
    given_at = at(DEMO_TODAY, 10)
    StudentProfile.objects.filter(pk__in=chosen).update(
        consent_findable=True, consent_findable_at=given_at
    )
    kind = ConsentRecord.Kind.FINDABLE
    ConsentRecord.objects.bulk_create(
        [ConsentRecord(student_id=pk, kind=kind, given=True) for pk in chosen]
    )
    return len(chosen)
