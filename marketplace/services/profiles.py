"""Changing a student's profile: validated before anything is written, suggestions refreshed."""

from django.core.exceptions import ValidationError
from django.db import transaction

from matching.validators import validate_date_order

from ..models import StudentProfile, User
from ..permissions import ensure_can
from .audit import access_log_record
from .suggestions import suggestions_enqueue_for_student

EDITABLE = (
    "travel_radius_km",
    "hours_per_week",
    "available_from",
    "available_to",
    "interests",
    "level",
    "school_leaver",
)


@transaction.atomic
def student_profile_update(*, user: User, profile: StudentProfile, data: dict) -> StudentProfile:
    ensure_can(user, "edit_student", profile)
    unknown = set(data) - set(EDITABLE)
    if unknown:
        raise ValidationError({field: "Dit veld kun je hier niet wijzigen." for field in unknown})
    for field, value in data.items():
        setattr(profile, field, value)
    validate_date_order(profile.available_from, profile.available_to, end_field="available_to")
    profile.full_clean()
    profile.save()
    if profile.user_id != user.pk:
        access_log_record(user=user, student=profile, action="edit", context="profile")
    suggestions_enqueue_for_student(profile.pk)
    return profile
