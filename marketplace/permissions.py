"""The one permission layer: who may do what to which object, and which objects each role sees.

Admin, API and views all ask here. Another party's object is answered with 404 by the access
helpers, so its existence is never revealed.
"""

import datetime

import rules
from django.core.exceptions import PermissionDenied
from django.db.models import Q, QuerySet
from django.http import Http404
from django.utils import timezone

from employers.models import Opening

from .models import Escalation, Match, Role, StudentProfile, User

PARENT_ACCESS_BY_LAW_UNDER = 16
MEDIATOR_ROLES = {Role.JOBHUNTER, Role.JPO}


def _is(user, *roles: str) -> bool:
    return bool(user and user.is_authenticated and user.role in roles)


def _sixteenth_birthday_cutoff(today: datetime.date | None = None) -> datetime.date:
    """Students born after this date are under 16 today."""
    today = today or timezone.localdate()
    try:
        return today.replace(year=today.year - PARENT_ACCESS_BY_LAW_UNDER)
    except ValueError:  # 29 February
        return today.replace(year=today.year - PARENT_ACCESS_BY_LAW_UNDER, day=28)


# --- scoping: which objects of a kind a user may see -------------------------------------


def students_visible_to(user: User) -> QuerySet[StudentProfile]:
    qs = StudentProfile.objects.all()
    if not user or not user.is_authenticated:
        return qs.none()
    if user.is_superuser:
        return qs
    role = user.role
    if role == Role.STUDENT:
        return qs.filter(user=user)
    if role == Role.OUDER:
        parent_may_see = Q(consent_parent_access=True) | Q(
            date_of_birth__gt=_sixteenth_birthday_cutoff()
        )
        return qs.filter(parent_may_see, guardian_links__guardian=user).distinct()
    if role == Role.JOBHUNTER:
        return qs.filter(jobhunter=user)
    if role == Role.JPO:
        return qs.filter(jpo=user)
    if role == Role.ACCOUNTMANAGER:
        return qs.filter(escalations__region_id=user.region_id).distinct()
    if role == Role.SCHOOL:
        return qs.filter(school_id=user.school_id) if user.school_id else qs.none()
    if role == Role.WERKCOACH:
        return qs.filter(overgangsdokument__werkcoach=user).exclude(
            overgangsdokument__status="concept"
        )
    if role == Role.COORDINATOR:
        return qs.filter(school__region_id=user.region_id)
    return qs.none()


def openings_visible_to(user: User | None) -> QuerySet[Opening]:
    """Open openings for everyone; an employer also sees its own in any status."""
    qs = Opening.objects.all()
    if user is not None and user.is_authenticated:
        if user.is_superuser:
            return qs
        if user.role == Role.WERKGEVER and user.employer_id:
            return qs.filter(Q(status=Opening.Status.OPEN) | Q(employer_id=user.employer_id))
        if user.role in (Role.ACCOUNTMANAGER, Role.COORDINATOR) and user.region_id:
            return qs.filter(Q(status=Opening.Status.OPEN) | Q(employer__region_id=user.region_id))
    return qs.filter(status=Opening.Status.OPEN)


def openings_editable_by(user: User) -> QuerySet[Opening]:
    qs = Opening.objects.all()
    if not user or not user.is_authenticated:
        return qs.none()
    if user.is_superuser:
        return qs
    if user.role == Role.WERKGEVER and user.employer_id:
        return qs.filter(employer_id=user.employer_id)
    if user.role == Role.ACCOUNTMANAGER and user.region_id:
        return qs.filter(employer__region_id=user.region_id)
    return qs.none()


def matches_visible_to(user: User) -> QuerySet[Match]:
    qs = Match.objects.all()
    if not user or not user.is_authenticated:
        return qs.none()
    if user.is_superuser:
        return qs
    if user.role == Role.WERKGEVER:
        return qs.filter(opening__employer_id=user.employer_id) if user.employer_id else qs.none()
    if user.role == Role.ACCOUNTMANAGER:
        return qs.filter(
            Q(opening__employer__region_id=user.region_id)
            | Q(student__escalations__region_id=user.region_id)
        ).distinct()
    return qs.filter(student__in=students_visible_to(user))


def escalations_visible_to(user: User) -> QuerySet[Escalation]:
    qs = Escalation.objects.all()
    if not user or not user.is_authenticated:
        return qs.none()
    if user.is_superuser:
        return qs
    if user.role in (Role.ACCOUNTMANAGER, Role.COORDINATOR):
        return qs.filter(region_id=user.region_id)
    if user.role in (Role.JOBHUNTER, Role.JPO, Role.SCHOOL):
        return qs.filter(student__in=students_visible_to(user))
    return qs.none()


# --- predicates: may this user do this to this object -------------------------------------


@rules.predicate
def sees_student(user, student) -> bool:
    return student is not None and students_visible_to(user).filter(pk=student.pk).exists()


@rules.predicate
def is_the_student(user, student) -> bool:
    return student is not None and student.user_id == getattr(user, "pk", None)


@rules.predicate
def mediates_student(user, student) -> bool:
    if student is None or not _is(user, Role.JOBHUNTER, Role.JPO, Role.SCHOOL):
        return False
    return (
        student.jobhunter_id == user.pk
        or student.jpo_id == user.pk
        or (user.role == Role.SCHOOL and student.school_id == user.school_id)
    )


@rules.predicate
def is_jobhunter_of(user, student) -> bool:
    return student is not None and _is(user, Role.JOBHUNTER) and student.jobhunter_id == user.pk


@rules.predicate
def is_jpo(user) -> bool:
    return _is(user, Role.JPO)


@rules.predicate
def may_see_support_needs(user, student) -> bool:
    """Support needs are sensitive: the student, their jobhunter and school; a JPO or employer
    only when the student chose to share them."""
    if student is None:
        return False
    if is_the_student(user, student) or getattr(user, "is_superuser", False):
        return True
    if _is(user, Role.JOBHUNTER) and student.jobhunter_id == user.pk:
        return True
    if _is(user, Role.SCHOOL) and student.school_id == user.school_id:
        return True
    if _is(user, Role.JPO) and student.jpo_id == user.pk:
        return student.support_needs_shared
    return False


@rules.predicate
def edits_opening(user, opening) -> bool:
    return opening is not None and openings_editable_by(user).filter(pk=opening.pk).exists()


@rules.predicate
def is_student_of_match(user, match) -> bool:
    return match is not None and match.student.user_id == getattr(user, "pk", None)


@rules.predicate
def is_employer_of_match(user, match) -> bool:
    return (
        match is not None
        and _is(user, Role.WERKGEVER)
        and user.employer_id == match.opening.employer_id
    )


@rules.predicate
def mediates_match(user, match) -> bool:
    if match is None:
        return False
    if _is(user, Role.ACCOUNTMANAGER):
        return matches_visible_to(user).filter(pk=match.pk).exists()
    return mediates_student(user, match.student)


@rules.predicate
def sees_match(user, match) -> bool:
    return match is not None and matches_visible_to(user).filter(pk=match.pk).exists()


@rules.predicate
def handles_escalation(user, escalation) -> bool:
    return (
        escalation is not None
        and _is(user, Role.ACCOUNTMANAGER)
        and escalation.region_id == user.region_id
    )


@rules.predicate
def may_see_candidates(user, opening) -> bool:
    """Candidates (anonymous until they share) are for the employer and the mediators."""
    if opening is None:
        return False
    if edits_opening(user, opening):
        return True
    return _is(user, Role.JOBHUNTER, Role.JPO) or (
        _is(user, Role.COORDINATOR) and opening.employer.region_id == user.region_id
    )


@rules.predicate
def is_superuser(user) -> bool:
    return bool(user and user.is_superuser)


PERMISSIONS = rules.RuleSet()
PERMISSIONS.add_rule("view_student", sees_student | is_superuser)
PERMISSIONS.add_rule("edit_student", is_the_student | mediates_student | is_superuser)
PERMISSIONS.add_rule("view_support_needs", may_see_support_needs)
PERMISSIONS.add_rule("propose_match", mediates_student | is_superuser)
# A JPO is a peer coach: they ask the jobhunter, who escalates.
PERMISSIONS.add_rule("escalate_student", (mediates_student & ~is_jpo) | is_superuser)
PERMISSIONS.add_rule("edit_opening", edits_opening)
PERMISSIONS.add_rule("view_match", sees_match)
PERMISSIONS.add_rule("view_candidates", may_see_candidates | is_superuser)
PERMISSIONS.add_rule("respond_as_student", is_student_of_match)
PERMISSIONS.add_rule("respond_as_employer", is_employer_of_match)
PERMISSIONS.add_rule("move_match", mediates_match | is_superuser)
PERMISSIONS.add_rule("handle_escalation", handles_escalation | is_superuser)

# The same rules, as Django object permissions, so the admin and has_perm() agree.
for _name in ("view_student", "edit_student", "view_support_needs"):
    rules.add_perm(f"marketplace.{_name}", PERMISSIONS[_name])
rules.add_perm("employers.edit_opening", PERMISSIONS["edit_opening"])
rules.add_perm("marketplace.view_match", PERMISSIONS["view_match"])


def can(user: User, perm: str, obj=None) -> bool:
    return PERMISSIONS.test_rule(perm, user, obj)


def ensure_can(user: User, perm: str, obj=None) -> None:
    if not can(user, perm, obj):
        raise PermissionDenied(perm)


# --- access helpers: lookup and permission in one step -----------------------------------


def get_student_for_user(user: User, pk) -> StudentProfile:
    try:
        return students_visible_to(user).select_related("user", "school").get(pk=pk)
    except (StudentProfile.DoesNotExist, ValueError, TypeError) as exc:
        raise Http404 from exc


def get_opening_for_user(user: User, pk, write: bool = False) -> Opening:
    qs = openings_editable_by(user) if write else openings_visible_to(user)
    try:
        return qs.select_related("employer", "location__place", "sector").get(pk=pk)
    except (Opening.DoesNotExist, ValueError, TypeError) as exc:
        raise Http404 from exc


def get_match_for_user(user: User, pk) -> Match:
    try:
        return (
            matches_visible_to(user)
            .select_related("student__user", "opening__employer", "opening__location__place")
            .get(pk=pk)
        )
    except (Match.DoesNotExist, ValueError, TypeError) as exc:
        raise Http404 from exc


def get_escalation_for_user(user: User, pk) -> Escalation:
    try:
        return escalations_visible_to(user).select_related("student__user").get(pk=pk)
    except (Escalation.DoesNotExist, ValueError, TypeError) as exc:
        raise Http404 from exc
