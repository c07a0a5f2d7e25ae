"""Changing a student's profile: validated before anything is written, suggestions refreshed."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from matching.models import SupportKind
from matching.validators import validate_date_order

from ..models import ConsentRecord, StudentCompetency, StudentProfile, User
from ..permissions import ensure_can
from .audit import access_log_record
from .invitations import invitations_close_for_student
from .suggestions import suggestions_enqueue_for_student

EDITABLE = (
    "travel_radius_km",
    "hours_per_week",
    "available_from",
    "available_to",
    "interests",
    "level",
    "school_leaver",
    "home_place",
    "support_needs",
)
EDITABLE_M2M = ("sector_preferences", "certificates")
# competencies: {Competency: level} through StudentCompetency

CONSENT_FIELDS = {
    ConsentRecord.Kind.SHOW_TO_EMPLOYERS: "consent_show_to_employers",
    ConsentRecord.Kind.PARENT_ACCESS: "consent_parent_access",
    ConsentRecord.Kind.CONTACT_AFTER_DIPLOMA: "consent_contact_after_diploma",
    ConsentRecord.Kind.SHARE_SUPPORT_NEEDS: "support_needs_shared",
    ConsentRecord.Kind.FINDABLE: "consent_findable",
}


@transaction.atomic
def student_profile_update(*, user: User, profile: StudentProfile, data: dict) -> StudentProfile:
    """Change what the student can and wants. Nothing is written unless all of it is valid."""
    ensure_can(user, "edit_student", profile)
    unknown = set(data) - set(EDITABLE) - set(EDITABLE_M2M) - {"competencies"}
    if unknown:
        raise ValidationError(
            {field: _("Dit veld kun je hier niet wijzigen.") for field in unknown}
        )
    profile = StudentProfile.objects.select_for_update().get(pk=profile.pk)
    for field in EDITABLE:
        if field in data:
            setattr(profile, field, data[field])
    if "support_needs" in data:
        bad = set(profile.support_needs or []) - set(SupportKind.values)
        if bad:
            raise ValidationError({"support_needs": _("Kies hulp uit de lijst.")})
        profile.support_needs = sorted(set(profile.support_needs or []))
    validate_date_order(profile.available_from, profile.available_to, end_field="available_to")
    profile.full_clean()
    profile.save()
    for field in EDITABLE_M2M:
        if field in data:
            getattr(profile, field).set(data[field])
    if "competencies" in data:
        _set_competencies(profile, data["competencies"])
    if profile.user_id != user.pk:
        access_log_record(user=user, student=profile, action="edit", context="profile")
    suggestions_enqueue_for_student(profile.pk)
    return profile


def _set_competencies(profile: StudentProfile, levels: dict) -> None:
    valid = {level for level, _label in StudentCompetency.Level.choices}
    if any(int(level) not in valid for level in levels.values()):
        raise ValidationError(
            {"competencies": _("Kies bij elke vaardigheid hoe goed je het kunt.")}
        )
    StudentCompetency.objects.filter(student=profile).exclude(competency__in=list(levels)).delete()
    for competency, level in levels.items():
        StudentCompetency.objects.update_or_create(
            student=profile, competency=competency, defaults={"level": int(level)}
        )


@transaction.atomic
def student_consent_set(
    *, user: User, profile: StudentProfile, kind: str, given: bool
) -> StudentProfile:
    """Give or withdraw one consent; the history is kept as ConsentRecords."""
    ensure_can(user, "edit_student", profile)
    field = CONSENT_FIELDS.get(kind)
    if field is None:
        raise ValidationError(_("Deze toestemming bestaat niet."))
    profile = StudentProfile.objects.select_for_update().get(pk=profile.pk)
    if getattr(profile, field) == given:
        return profile  # nothing changes, nothing recorded twice
    setattr(profile, field, given)
    update = [field, "updated_at"]
    stamp = f"{field}_at"
    if hasattr(profile, stamp):
        setattr(profile, stamp, timezone.now())
        update.append(stamp)
    profile.save(update_fields=update)
    ConsentRecord.objects.create(student=profile, kind=kind, given=given, recorded_by=user)
    if profile.user_id != user.pk:
        access_log_record(user=user, student=profile, action="consent", context=kind)
    if kind == ConsentRecord.Kind.SHOW_TO_EMPLOYERS:
        suggestions_enqueue_for_student(profile.pk)
    if kind == ConsentRecord.Kind.FINDABLE and not given:
        # No longer findable: out of the suggestions at once, and open invitations end.
        invitations_close_for_student(student=profile)
    return profile


def profile_steps_done(profile: StudentProfile) -> dict[str, bool]:
    """Which onboarding steps hold an answer (for the progress shown to the student)."""
    return {
        "woonplaats": bool(profile.home_place_id and profile.travel_radius_km),
        "wanneer": bool(profile.available_from and profile.hours_per_week),
        "vaardigheden": profile.competencies.exists(),
        "certificaten": True,
        "interesses": bool(profile.interests) or profile.sector_preferences.exists(),
        "hulp": True,
        "toestemming": bool(
            profile.consent_show_to_employers_at or profile.consent_show_to_employers
        ),
    }
