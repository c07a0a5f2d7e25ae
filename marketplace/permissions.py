"""The one permission layer: who may do what to which object, and which objects each role sees.

Views, APIs, services and the admin all ask here: services call `ensure_can`, pages turn the same
rules into `may_*` flags, so a template never compares a role or a state. Another party's object
is answered with 404 by the access helpers (`get_<thing>_for_user`), so its existence is never
revealed; a visible object that this user may not change answers 403.
"""

import datetime
from dataclasses import dataclass, replace

import rules
from django.core.exceptions import PermissionDenied
from django.db.models import Model, Q, QuerySet
from django.http import Http404
from django.utils import timezone

from employers.models import ColleagueInvite, Employer, Opening, RecognitionRequest

from .models import (
    ActionItem,
    CandidateAlias,
    CheckIn,
    ErasureRequest,
    Escalation,
    GuardianLink,
    Invitation,
    Match,
    Notification,
    Overgangsdokument,
    Placement,
    Region,
    Role,
    School,
    StudentProfile,
    User,
    WebhookDelivery,
    WebhookSubscription,
)

PARENT_ACCESS_BY_LAW_UNDER = 16
# The anonymous stand-in profile an erasure leaves for the figures (services/erasure.py): its
# account's e-mail ends with this. Counted by the monitoring, listed to nobody.
ERASED_EMAIL_DOMAIN = "@verwijderd.invalid"
WORKSPACE_ROLES = (
    Role.JOBHUNTER,
    Role.JPO,
    Role.SCHOOL,
    Role.ACCOUNTMANAGER,
    Role.COORDINATOR,
    Role.WERKCOACH,
)


def _is(user, *roles: str) -> bool:
    return bool(user and user.is_authenticated and user.role in roles)


def _pipeline():
    """The match pipeline's state machine (imported late: the pipeline itself asks here)."""
    from .services import matches

    return matches


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
    qs = qs.exclude(user__email__endswith=ERASED_EMAIL_DOMAIN)
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
        # Only while the case is theirs: an open escalation in their region.
        return qs.filter(
            escalations__region_id=user.region_id,
            escalations__status__in=Escalation.OPEN_STATES,
        ).distinct()
    if role == Role.SCHOOL:
        return qs.filter(school_id=user.school_id) if user.school_id else qs.none()
    # The werkcoach sees only what a handover gives them: the overgangsdokument sent to them
    # (overgangsdokumenten_visible_to), never the student's record, matches or check-ins.
    if role == Role.COORDINATOR:
        return qs.filter(school__region_id=user.region_id)
    return qs.none()


def openings_visible_to(user: User | None) -> QuerySet[Opening]:
    """Open openings for everyone; an employer also sees its own in any status, the region's
    professionals those of their region, a student the ones they have a match with."""
    qs = Opening.objects.all()
    open_ones = Q(status=Opening.Status.OPEN)
    if user is not None and user.is_authenticated:
        if user.is_superuser:
            return qs
        if user.role == Role.WERKGEVER and user.employer_id:
            return qs.filter(open_ones | Q(employer_id=user.employer_id))
        if user.role in (Role.ACCOUNTMANAGER, Role.COORDINATOR) and user.region_id:
            return qs.filter(open_ones | Q(employer__region_id=user.region_id))
        if user.role == Role.STUDENT:
            mine = Match.objects.filter(student__user=user).values("opening_id")
            return qs.filter(open_ones | Q(pk__in=mine))
    return qs.filter(open_ones)


def openings_editable_by(user: User) -> QuerySet[Opening]:
    qs = Opening.objects.all()
    if not user or not user.is_authenticated:
        return qs.none()
    if user.is_superuser:
        return qs
    if user.role == Role.WERKGEVER and user.employer_id:
        # A praktijkopleider answers candidates but edits no openings (see is_beheerder).
        return qs.filter(employer_id=user.employer_id) if _is_beheerder(user) else qs.none()
    if user.role == Role.ACCOUNTMANAGER and user.region_id:
        return qs.filter(employer__region_id=user.region_id)
    return qs.none()


def openings_of_team(user: User) -> QuerySet[Opening]:
    """The openings a user works on: those they may edit, and every opening of their own
    organisation (a praktijkopleider sees them all, to answer candidates)."""
    if user and user.is_authenticated and user.role == Role.WERKGEVER and user.employer_id:
        return Opening.objects.filter(employer_id=user.employer_id)
    return openings_editable_by(user)


def employers_represented_by(user: User | None) -> QuerySet[Employer]:
    """The employers an accountmanager may act for (post an opening on their behalf): those of
    their own region, as for editing openings (openings_editable_by)."""
    if _is(user, Role.ACCOUNTMANAGER) and user.region_id:
        return Employer.objects.filter(region_id=user.region_id)
    return Employer.objects.none()


def recognition_requests_visible_to(user: User | None) -> QuerySet[RecognitionRequest]:
    """An employer's members see their organisation's requests for a recognition, the
    accountmanagers (the SBB advisers among them) those of their region's employers."""
    qs = RecognitionRequest.objects.all()
    if user is None or not user.is_authenticated:
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
        if not user.employer_id:
            return qs.none()
        return qs.filter(opening__employer_id=user.employer_id).exclude(
            student__user__email__endswith=ERASED_EMAIL_DOMAIN
        )
    # An accountmanager sees the matches of the young people whose case was escalated to their
    # region, as they see those young people; other matches of the region's employers only as the
    # employer does (through the candidates pages), never by name.
    return qs.filter(student__in=students_visible_to(user))


def invitations_visible_to(user: User) -> QuerySet[Invitation]:
    """The student their own; the employer those for its openings; the student's mediators
    those of the students they see."""
    qs = Invitation.objects.all()
    if not user or not user.is_authenticated:
        return qs.none()
    if user.is_superuser:
        return qs
    if user.role == Role.STUDENT:
        return qs.filter(student__user=user)
    if user.role == Role.WERKGEVER:
        return qs.filter(opening__employer_id=user.employer_id) if user.employer_id else qs.none()
    if user.role in (Role.JOBHUNTER, Role.JPO, Role.SCHOOL):
        return qs.filter(student__in=students_visible_to(user))
    return qs.none()


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


def checkins_visible_to(user: User) -> QuerySet[CheckIn]:
    """Check-ins this user holds, or of placements of matches they may see."""
    if not user or not user.is_authenticated:
        return CheckIn.objects.none()
    visible = matches_visible_to(user).values("pk")
    return CheckIn.objects.filter(Q(assigned_to=user) | Q(placement__match__in=visible)).distinct()


def regions_organised_by(user: User | None) -> QuerySet[Region]:
    """Regions whose matching events this user organises: a coordinator every region, an
    accountmanager their own."""
    if user is not None and user.is_authenticated:
        if user.is_superuser or user.role == Role.COORDINATOR:
            return Region.objects.all()
        if user.role == Role.ACCOUNTMANAGER and user.region_id:
            return Region.objects.filter(pk=user.region_id)
    return Region.objects.none()


@dataclass(frozen=True)
class MonitoringScope:
    """Whose figures a user may see on the monitoring dashboard: None means no limit there."""

    region_ids: tuple[int, ...] | None
    school_ids: tuple[int, ...] | None

    def students_q(self, prefix: str = "") -> Q:
        """The students inside this scope, for a queryset reaching them through `prefix`."""
        q = Q()
        if self.region_ids is not None:
            q &= Q(**{f"{prefix}school__region_id__in": self.region_ids})
        if self.school_ids is not None:
            q &= Q(**{f"{prefix}school_id__in": self.school_ids})
        return q


def monitoring_scope_for(user: User | None) -> MonitoringScope | None:
    """Aggregates only: the coordinator and accountmanagers of a region see that region, school
    staff their own school, a superuser everything; anyone else nothing (None)."""
    if user is None or not user.is_authenticated:
        return None
    # A superuser with a region sees that region by default (the demo's technical admin has
    # no region; the coordinator is no superuser and sees their region by role).
    if user.is_superuser and not user.region_id:
        return MonitoringScope(region_ids=None, school_ids=None)
    if user.is_superuser or user.role in (Role.COORDINATOR, Role.ACCOUNTMANAGER) and user.region_id:
        return MonitoringScope(region_ids=(user.region_id,), school_ids=None)
    if user.role == Role.SCHOOL and user.school_id:
        return MonitoringScope(region_ids=None, school_ids=(user.school_id,))
    return None


def overgangsdokumenten_visible_to(user: User) -> QuerySet[Overgangsdokument]:
    """The werkcoach's (once sent) or, for the student's jobhunter and school, their own."""
    qs = Overgangsdokument.objects.all()
    if not user or not user.is_authenticated:
        return qs.none()
    if user.is_superuser:
        return qs
    if user.role == Role.WERKCOACH:
        return qs.filter(werkcoach=user).exclude(status=Overgangsdokument.Status.CONCEPT)
    if user.role in (Role.JOBHUNTER, Role.SCHOOL):
        return qs.filter(student__in=students_visible_to(user))
    return qs.none()


# --- the back office: the coordinator runs their region, the accountmanager its employers ----


def _backoffice_region_id(user) -> int | None:
    return user.region_id if _is(user, Role.COORDINATOR, Role.ACCOUNTMANAGER) else None


def people_managed_by(user: User | None) -> QuerySet[User]:
    """The coordinator: everyone of their region (its staff, its schools' staff and students,
    its employers' members, its students' parents); the accountmanager: the members of the
    region's employers. Never a superuser (they are managed in the admin)."""
    qs = User.objects.filter(is_superuser=False)
    region_id = _backoffice_region_id(user)
    if region_id is None:
        return qs.none()
    members = Q(role=Role.WERKGEVER, employer__region_id=region_id)
    if user.role == Role.ACCOUNTMANAGER:
        return qs.filter(members)
    parents = GuardianLink.objects.filter(student__school__region_id=region_id)
    return qs.filter(
        members
        | Q(region_id=region_id)
        | Q(school__region_id=region_id)
        | Q(student_profile__school__region_id=region_id)
        | Q(pk__in=parents.values("guardian_id"))
    )


def roles_assignable_by(user: User | None) -> list[str]:
    """Roles this user may give when inviting or changing someone. Students come with their
    profile through the import, so no one invites a student here."""
    if _backoffice_region_id(user) is None:
        return []
    if user.role == Role.ACCOUNTMANAGER:
        return [Role.WERKGEVER]
    return [role for role in Role.values if role != Role.STUDENT]


def schools_managed_by(user: User | None) -> QuerySet[School]:
    if _is(user, Role.COORDINATOR) and user.region_id:
        return School.objects.filter(region_id=user.region_id)
    return School.objects.none()


def guardian_links_managed_by(user: User | None) -> QuerySet[GuardianLink]:
    if _is(user, Role.COORDINATOR) and user.region_id:
        return GuardianLink.objects.filter(student__school__region_id=user.region_id)
    return GuardianLink.objects.none()


# --- the AVG rights: whose data a person may see, export and ask to erase; who decides --------


def data_subjects_of(user: User | None) -> QuerySet[StudentProfile]:
    """The student themself; a parent their linked children under 16 (the law, not consent)."""
    qs = StudentProfile.objects.all()
    if _is(user, Role.STUDENT):
        return qs.filter(user=user)
    if _is(user, Role.OUDER):
        under_16 = Q(date_of_birth__gt=_sixteenth_birthday_cutoff())
        return qs.filter(under_16, guardian_links__guardian=user).distinct()
    return qs.none()


def erasure_students_decided_by(user: User | None) -> QuerySet[StudentProfile]:
    """School staff decide for their own school's students, the coordinator for the region's."""
    qs = StudentProfile.objects.all()
    if _is(user, Role.SCHOOL) and user.school_id:
        return qs.filter(school_id=user.school_id)
    if _is(user, Role.COORDINATOR) and user.region_id:
        return qs.filter(school__region_id=user.region_id)
    return qs.none()


def erasure_requests_decided_by(user: User | None) -> QuerySet[ErasureRequest]:
    students = erasure_students_decided_by(user).values("pk")
    return ErasureRequest.objects.filter(student__in=students)


def erasure_deciders_for(student: StudentProfile) -> QuerySet[User]:
    """Who hears of a new request: the student's school staff and the region's coordinator."""
    school = Q(role=Role.SCHOOL, school_id=student.school_id)
    region = Q(role=Role.COORDINATOR, region_id=student.school.region_id)
    return User.objects.filter(school | region, is_active=True)


# --- predicates: who the user is ------------------------------------------------------------


def _role_is(name: str, *roles: str) -> rules.Predicate:
    return rules.predicate(lambda user: _is(user, *roles), name=name)


is_student_user = _role_is("is_student_user", Role.STUDENT)
is_parent_user = _role_is("is_parent_user", Role.OUDER)
is_employer_user = _role_is("is_employer_user", Role.WERKGEVER)
is_workspace_user = _role_is("is_workspace_user", *WORKSPACE_ROLES)
keeps_a_caseload = _role_is("keeps_a_caseload", Role.JOBHUNTER, Role.JPO, Role.SCHOOL)
moves_matches = _role_is("moves_matches", Role.JOBHUNTER, Role.JPO)
works_the_escalation_queue = _role_is("works_the_queue", Role.ACCOUNTMANAGER, Role.COORDINATOR)
is_werkcoach = _role_is("is_werkcoach", Role.WERKCOACH)
is_jpo = _role_is("is_jpo", Role.JPO)
# The advies, the contact consent and the overgangsdokument are for the student's jobhunter and
# school (not the JPO, a peer coach).
writes_transition_papers = _role_is("writes_transition_papers", Role.JOBHUNTER, Role.SCHOOL)


@rules.predicate
def runs_a_region(user) -> bool:
    return _is(user, Role.COORDINATOR) and bool(user.region_id)


@rules.predicate
def manages_employer_members(user) -> bool:
    return _is(user, Role.ACCOUNTMANAGER) and bool(user.region_id)


is_coordinator = _role_is("is_coordinator", Role.COORDINATOR)


@rules.predicate
def is_superuser(user) -> bool:
    return bool(user and user.is_superuser)


@rules.predicate
def is_employer_member(user) -> bool:
    return _is(user, Role.WERKGEVER) and bool(user.employer_id)


@rules.predicate
def is_staff_user(user) -> bool:
    return bool(user and user.is_authenticated and user.is_active and user.is_staff)


def _state_is(name: str, test) -> rules.Predicate:
    """A fact about the object's state, for the rules that also depend on it."""
    return rules.predicate(lambda user, obj: obj is not None and test(obj), name=name)


@rules.predicate
def watches_monitoring(user) -> bool:
    return monitoring_scope_for(user) is not None


# --- predicates: the user and a student --------------------------------------------------------


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


# --- predicates: employers and openings ---------------------------------------------------------


@rules.predicate
def is_member_of(user, employer) -> bool:
    return employer is not None and _is(user, Role.WERKGEVER) and user.employer_id == employer.pk


# --- predicates: colleagues within an employer ------------------------------------------------
# Two roles within an organisation. A beheerder manages colleagues, settings and locations, and
# posts, edits, publishes, pauses and closes every opening. A praktijkopleider sees all the
# organisation's openings and their candidates and answers candidates, but posts, edits or closes
# no opening and manages no colleagues. A member without a role (made by the back office or an
# import, or before roles existed) counts as beheerder. An organisation always keeps one active
# beheerder: the last one can be neither removed nor made praktijkopleider.


def _is_beheerder(user) -> bool:
    return (
        _is(user, Role.WERKGEVER)
        and bool(user.employer_id)
        and user.employer_role != User.EmployerRole.PRAKTIJKOPLEIDER
    )


def beheerders_of(employer_id: int | None) -> QuerySet[User]:
    """The active beheerders of an organisation (the members who are not praktijkopleider)."""
    return User.objects.filter(
        employer_id=employer_id, role=Role.WERKGEVER, is_active=True
    ).exclude(employer_role=User.EmployerRole.PRAKTIJKOPLEIDER)


@rules.predicate
def is_beheerder(user) -> bool:
    return _is_beheerder(user)


@rules.predicate
def is_colleague(user, person) -> bool:
    """An active member of the user's own organisation (the user included)."""
    return (
        person is not None
        and _is(user, Role.WERKGEVER)
        and bool(user.employer_id)
        and person.employer_id == user.employer_id
        and person.role == Role.WERKGEVER
        and person.is_active
    )


@rules.predicate
def leaves_a_beheerder(user, person) -> bool:
    """Without this person as beheerder, the organisation still has an active beheerder."""
    if person is None:
        return False
    if not _is_beheerder(person) or not person.is_active:
        return True
    # A list page hands each person the team's beheerder ids it read once (services always read
    # afresh, under a lock).
    known = getattr(person, "team_beheerder_ids", None)
    if known is not None:
        return bool(set(known) - {person.pk})
    return beheerders_of(person.employer_id).exclude(pk=person.pk).exists()


@rules.predicate
def invite_of_own_employer(user, invite) -> bool:
    return invite is not None and _is_beheerder(user) and invite.employer_id == user.employer_id


invite_is_pending = _state_is(
    "invite_is_pending", lambda invite: invite.accepted_at is None and invite.revoked_at is None
)


@rules.predicate
def acts_for_employers(user) -> bool:
    """An accountmanager of a region acts for its employers (posts openings on their behalf)."""
    return _is(user, Role.ACCOUNTMANAGER) and bool(user.region_id)


@rules.predicate
def acts_for_employer(user, employer) -> bool:
    return employer is not None and employers_represented_by(user).filter(pk=employer.pk).exists()


@rules.predicate
def is_member_of_opening_employer(user, opening) -> bool:
    return opening is not None and is_member_of(user, opening.employer)


@rules.predicate
def edits_opening(user, opening) -> bool:
    return opening is not None and openings_editable_by(user).filter(pk=opening.pk).exists()


opening_is_draft = _state_is(
    "opening_is_draft", lambda opening: opening.status == Opening.Status.DRAFT
)


@rules.predicate
def works_in_region_of_opening(user, opening) -> bool:
    """A jobhunter, JPO, school staff member or coordinator of the opening's region (their own
    region, else their school's)."""
    if opening is None or not _is(user, Role.JOBHUNTER, Role.JPO, Role.SCHOOL, Role.COORDINATOR):
        return False
    region_id = user.region_id or (user.school.region_id if user.school_id else None)
    return region_id is not None and opening.employer.region_id == region_id


@rules.predicate
def may_see_candidates(user, opening) -> bool:
    """Candidates (anonymous until they share) are for the employer and its accountmanager, and
    for the mediators of the opening's own region."""
    if opening is None:
        return False
    return (
        edits_opening(user, opening)
        or is_member_of_opening_employer(user, opening)
        or works_in_region_of_opening(user, opening)
    )


def _own_match(user, opening) -> Match | None:
    return Match.objects.filter(student__user=user, opening=opening).first()


@rules.predicate
def student_may_say_yes(user, opening) -> bool:
    """ "Ik heb interesse": on an open place the student has not answered yet."""
    if opening is None or not _is(user, Role.STUDENT) or opening.status != Opening.Status.OPEN:
        return False
    match = _own_match(user, opening)
    return match is None or match.student_response == Match.Response.OPEN


@rules.predicate
def student_may_decline(user, opening) -> bool:
    """ "Niet voor mij": a suggestion, or a match the pipeline can still close."""
    if opening is None or not _is(user, Role.STUDENT):
        return False
    match = _own_match(user, opening)
    pipeline = _pipeline()
    return match is None or bool(pipeline.allowed_next(match) & set(pipeline.CLOSED))


@rules.predicate
def handles_recognition_request(user, recognition_request) -> bool:
    """An accountmanager of the region of the employer that asked."""
    return (
        recognition_request is not None
        and _is(user, Role.ACCOUNTMANAGER)
        and bool(user.region_id)
        and recognition_request.employer.region_id == user.region_id
    )


recognition_request_is_new = _state_is(
    "recognition_request_is_new", lambda ask: ask.status == RecognitionRequest.Status.REQUESTED
)
recognition_request_is_open = _state_is(
    "recognition_request_is_open",
    lambda ask: (
        ask.status in (RecognitionRequest.Status.REQUESTED, RecognitionRequest.Status.IN_PROGRESS)
    ),
)


# --- predicates: matches --------------------------------------------------------------------------


@rules.predicate
def works_on_match(user, match) -> bool:
    """The workspace side of a match: a professional who may open the student's record."""
    return match is not None and _is(user, *WORKSPACE_ROLES) and sees_student(user, match.student)


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


# --- predicates: invitations from an employer to a suggested (anonymous) student --------------


@rules.predicate
def invites_for_opening(user, opening) -> bool:
    """A member of the opening's own employer (not its accountmanager: an invitation is the
    employer's own word to the student)."""
    if opening is None or not is_employer_member(user):
        return False
    return user.employer_id == opening.employer_id


@rules.predicate
def is_student_of_invitation(user, invitation) -> bool:
    return invitation is not None and invitation.student.user_id == getattr(user, "pk", None)


@rules.predicate
def is_employer_of_invitation(user, invitation) -> bool:
    return invitation is not None and invites_for_opening(user, invitation.opening)


invitation_is_open = _state_is("invitation_is_open", lambda inv: inv.status == "open")


# --- predicates: escalations, placements, check-ins, tasks ----------------------------------


@rules.predicate
def handles_escalation(user, escalation) -> bool:
    return (
        escalation is not None
        and _is(user, Role.ACCOUNTMANAGER)
        and escalation.region_id == user.region_id
    )


@rules.predicate
def holds_second_rung(user, escalation) -> bool:
    """The region's coordinator, once a case went up the second rung (no response in time)."""
    return (
        escalation is not None
        and escalation.second_rung_at is not None
        and _is(user, Role.COORDINATOR)
        and escalation.region_id == user.region_id
    )


escalation_is_new = _state_is(
    "escalation_is_new", lambda case: case.status == Escalation.Status.OPEN
)


escalation_is_open = _state_is(
    "escalation_is_open", lambda case: case.status in Escalation.OPEN_STATES
)


def _mediates_student_of(name: str, student_of) -> rules.Predicate:
    """Mediates the student that this placement, check-in or document is about."""
    return rules.predicate(
        lambda user, obj: obj is not None and mediates_student(user, student_of(obj)), name=name
    )


mediates_student_of_placement = _mediates_student_of(
    "mediates_student_of_placement", lambda placement: placement.match.student
)
mediates_student_of_checkin = _mediates_student_of(
    "mediates_student_of_checkin", lambda checkin: checkin.placement.match.student
)


placement_is_running = _state_is(
    "placement_is_running", lambda placement: placement.status == Placement.Status.LOPEND
)


@rules.predicate
def holds_checkin(user, checkin) -> bool:
    return (
        checkin is not None
        and checkin.assigned_to_id == getattr(user, "pk", None)
        and not _is(user, Role.STUDENT)
    )


checkin_is_open = _state_is("checkin_is_open", lambda checkin: checkin.done_at is None)


@rules.predicate
def holds_action(user, action) -> bool:
    return action is not None and action.assigned_to_id == getattr(user, "pk", None)


@rules.predicate
def edits_student_of_action(user, action) -> bool:
    return action is not None and can(user, "edit_student", action.student)


# --- predicates: the overgangsdokument ----------------------------------------------------------


@rules.predicate
def receives_overgangsdokument(user, doc) -> bool:
    return (
        doc is not None
        and _is(user, Role.WERKCOACH)
        and doc.werkcoach_id == user.pk
        and doc.status != Overgangsdokument.Status.CONCEPT
    )


document_is_sent = _state_is(
    "document_is_sent", lambda doc: doc.status == Overgangsdokument.Status.VERSTUURD
)


student_not_invited_yet = _state_is(
    "student_not_invited_yet", lambda doc: doc.status != Overgangsdokument.Status.UITGENODIGD
)


# --- predicates: people in the back office -------------------------------------------------


@rules.predicate
def manages_person(user, person) -> bool:
    return person is not None and people_managed_by(user).filter(pk=person.pk).exists()


@rules.predicate
def is_oneself(user, person) -> bool:
    """Nobody changes their own role or locks themselves out."""
    return person is not None and person.pk == getattr(user, "pk", None)


person_is_active = _state_is("person_is_active", lambda person: person.is_active)


# --- predicates: matching events (duck-typed: the core imports no feature) ------------------


@rules.predicate
def sits_at_speed_date(user, speed_date) -> bool:
    """The student of this date, or a member of the employer whose seat it is; nobody else."""
    if speed_date is None or not getattr(user, "is_authenticated", False):
        return False
    if speed_date.student.user_id == user.pk:
        return True
    seat = speed_date.employer
    return seat.user_id == user.pk or (
        is_employer_member(user) and seat.employer_id == user.employer_id
    )


@rules.predicate
def organises_events(user) -> bool:
    return regions_organised_by(user).exists()


@rules.predicate
def organises_event(user, event) -> bool:
    """An event of a region this user organises (`event` duck-typed: it has a region_id)."""
    return event is not None and regions_organised_by(user).filter(pk=event.region_id).exists()


@rules.predicate
def holds_event_seat(user, event) -> bool:
    """Registered (not waiting) for the event: a student for themselves, an employer member
    through their organisation's seat (statuses spelled out: the core imports no feature)."""
    if event is None or not _is(user, Role.STUDENT, Role.WERKGEVER):
        return False
    seats = event.registrations.filter(status__in=("registered", "attended"))
    if user.role == Role.WERKGEVER:
        return bool(user.employer_id) and seats.filter(employer_id=user.employer_id).exists()
    return seats.filter(user=user, employer__isnull=True).exists()


event_has_speeddates = _state_is("event_has_speeddates", lambda event: event.kind == "speeddate")
speeddates_not_published = _state_is(
    "speeddates_not_published", lambda event: event.schedule_published_at is None
)


# The status values of events.MatchingEvent.Status, spelled out: the core imports no feature.
event_is_draft = _state_is("event_is_draft", lambda event: event.status == "draft")
event_is_not_cancelled = _state_is(
    "event_is_not_cancelled", lambda event: event.status != "cancelled"
)


# --- predicates: imports into the back office (duck-typed: the core imports no feature) ------


@rules.predicate
def imports_for_region(user) -> bool:
    """The coordinator brings in the students, employers and openings of their own region."""
    return _is(user, Role.COORDINATOR) and bool(user.region_id)


@rules.predicate
def imports_for_school(user) -> bool:
    """School staff bring in the students of their own school."""
    return _is(user, Role.SCHOOL) and bool(user.school_id)


@rules.predicate
def sees_import_run(user, run) -> bool:
    """A run of the coordinator's region, or of the staff member's own school."""
    if run is None:
        return False
    if imports_for_region(user):
        return run.region_id == user.region_id
    return imports_for_school(user) and run.school_id == user.school_id


@rules.predicate
def is_data_subject(user, student) -> bool:
    return student is not None and data_subjects_of(user).filter(pk=student.pk).exists()


@rules.predicate
def decides_erasure_of(user, student) -> bool:
    if student is None:
        return False
    return erasure_students_decided_by(user).filter(pk=student.pk).exists()


@rules.predicate
def works_erasure_queue(user) -> bool:
    return _is(user, Role.SCHOOL, Role.COORDINATOR) and bool(user.school_id or user.region_id)


import_run_is_checked = _state_is("import_run_is_checked", lambda run: run.status == "checked")


# --- the rules: one name per question -------------------------------------------------------------


@rules.predicate
def is_school_staff(user) -> bool:
    return bool(
        user
        and user.is_authenticated
        and user.is_active
        and user.role == Role.SCHOOL
        and user.school_id
    )


PERMISSIONS = rules.RuleSet()
_rule = PERMISSIONS.add_rule

# Whose pages: the home page, the navigation and every page of an audience ask these.
_rule("use_student_pages", is_student_user)
_rule("use_parent_pages", is_parent_user)
_rule("use_employer_pages", is_employer_member)
_rule("use_workspace", is_workspace_user | is_superuser)
_rule("keep_caseload", keeps_a_caseload)
_rule("use_board", moves_matches)
_rule("work_escalation_queue", works_the_escalation_queue)
_rule("receive_overgangsdokumenten", is_werkcoach)
_rule("use_admin", is_staff_user)
# The monitoring dashboard: figures of a region or school, never names.
_rule("view_monitoring", watches_monitoring)
# The fairness report (human oversight of the ranking): the coordinator, for their own region.
_rule("view_fairness_report", runs_a_region)
# A personal calendar feed: for those who have dates in it (own events and meetings, their
# organisation's, or their caseload's).
_rule("use_calendar_feed", is_student_user | is_employer_member | keeps_a_caseload)
_rule("register_for_events", is_student_user | is_employer_user)
_rule("checkin_event", organises_event)  # check-in, no-shows: the organisers
_rule("answer_speed_date", sits_at_speed_date)
# Organising events: the pages, and one event (create, edit, publish, cancel).
_rule("organise_events", organises_events)
_rule("organise_event", organises_event)
_rule("edit_event", organises_event & event_is_not_cancelled)
_rule("publish_event", organises_event & event_is_draft)
_rule("cancel_event", organises_event & event_is_not_cancelled)
# Speed dates: the organiser builds, swaps and publishes; each seat sees its own dates and,
# until the schedule is out, says whom or what it hopes to meet.
_rule("schedule_speeddates", organises_event & event_has_speeddates)
_rule("view_own_speeddates", holds_event_seat & event_has_speeddates)
_rule("give_speeddate_wishes", holds_event_seat & event_has_speeddates & speeddates_not_published)

# The back office: people (the accountmanager: the region's employers' members), schools,
# guardian links and the region's matching weights; the toolkit texts are the coordinators'.
_rule("use_backoffice", runs_a_region | manages_employer_members)
_rule("run_region", runs_a_region)  # the start page with the region's figures
_rule("edit_person", manages_person & ~is_oneself)
_rule("deactivate_person", manages_person & ~is_oneself & person_is_active)
_rule("reactivate_person", manages_person & ~person_is_active)
_rule("manage_schools", runs_a_region)
_rule("manage_guardians", runs_a_region)
_rule("set_weights", runs_a_region)
_rule("edit_toolkit", is_coordinator)
# Log-in security: the coordinator unlocks their region's accounts and resets a lost second
# factor; employers and school staff keep API keys for their own systems.
_rule("unlock_logins", runs_a_region)
_rule("reset_login_security", runs_a_region & manages_person & ~is_oneself)
_rule("manage_api_tokens", is_employer_member | _role_is("is_school_user", Role.SCHOOL))

# Students.
_rule("view_student", sees_student | is_superuser)
_rule("edit_student", is_the_student | mediates_student | is_superuser)
_rule("view_support_needs", may_see_support_needs)
_rule("propose_match", mediates_student | is_superuser)
# A JPO is a peer coach: they ask the jobhunter, who escalates.
_rule("escalate_student", (mediates_student & ~is_jpo) | is_superuser)
_rule("handle_transition", (writes_transition_papers & mediates_student) | is_superuser)
# Aftercare (nazorg) after a PrO/VSO school: the school's task, with the student's jobhunter.
_rule("record_aftercare", (writes_transition_papers & mediates_student) | is_superuser)

# Employers, openings and candidates.
_rule("manage_employer", (is_member_of & is_beheerder) | is_superuser)
# Posting a new opening: a beheerder for their organisation, or an accountmanager on its behalf
# (an employer of their region); both through the same service (opening_save).
_rule("post_opening", (is_member_of & is_beheerder) | acts_for_employer | is_superuser)
# Whether a place is posted by the employer itself or on its behalf (and the employer is told).
_rule("post_as_member", is_member_of)
_rule("act_for_employers", acts_for_employers)  # the accountmanager's list of employers
# Colleagues: every member sees who their colleagues are; a beheerder invites, changes roles and
# removes (themselves too, as long as another beheerder stays).
_rule("view_colleagues", is_employer_member)
_rule("manage_colleagues", is_employer_member & is_beheerder)
_rule("change_colleague_role", is_beheerder & is_colleague)
_rule("demote_colleague", is_beheerder & is_colleague & leaves_a_beheerder)
_rule("remove_colleague", is_beheerder & is_colleague & leaves_a_beheerder)
_rule("manage_colleague_invite", invite_of_own_employer & invite_is_pending)
_rule("edit_opening", edits_opening)
_rule("publish_opening", edits_opening & opening_is_draft)
_rule("view_candidates", may_see_candidates | is_superuser)
# Recognitions (erkenningen): a beheerder asks; the region's accountmanagers (SBB advisers among
# them) take a request, approve it (the recognition follows) or reject it.
_rule("request_recognition", is_member_of & is_beheerder)
# Webhooks: a beheerder connects their employer's systems, school staff their school's.
_rule("manage_webhooks", is_beheerder | is_school_staff)
_rule("handle_recognition_requests", manages_employer_members | is_superuser)
_rule(
    "take_recognition_request",
    (handles_recognition_request | is_superuser) & recognition_request_is_new,
)
_rule(
    "decide_recognition_request",
    (handles_recognition_request | is_superuser) & recognition_request_is_open,
)
# Every fitting student (by alias outside one's own records): the mediators of the region. The
# employer's side sees only the students in a match with the place.
_rule("view_all_candidates", works_in_region_of_opening | is_superuser)
# A candidate as the employer sees them (the name once the student shares it): its members.
_rule("view_candidates_as_employer", is_member_of_opening_employer)
_rule("show_interest", student_may_say_yes)
_rule("decline_opening", student_may_decline)
# The hire checker (what a hire is worth): the employer's team on its own openings (looked up
# with get_team_opening_for_user), the student's mediators on a match.
_rule("check_hire_on_match", mediates_match | is_superuser)

# Invitations: the employer invites a suggested candidate; only the student answers (a yes
# shows their name to the employer).
_rule("invite_candidate", invites_for_opening)
_rule("answer_invitation", is_student_of_invitation & invitation_is_open)
_rule("withdraw_invitation", is_employer_of_invitation & invitation_is_open)

# Matches.
_rule("respond_as_student", is_student_of_match)
_rule("respond_as_employer", is_employer_of_match)
_rule("move_match", mediates_match | is_superuser)
# Notes are internal to the workspace unless their writer shared them.
_rule("read_internal_notes", works_on_match | is_superuser)

# Escalations.
_rule("handle_escalation", handles_escalation | holds_second_rung | is_superuser)
_rule(
    "take_escalation", (handles_escalation | holds_second_rung | is_superuser) & escalation_is_new
)
_rule(
    "close_escalation",
    (handles_escalation | holds_second_rung | is_superuser) & escalation_is_open,
)

# Keeping the place: check-ins and the outcome.
_rule("record_checkin", holds_checkin | mediates_student_of_checkin)
_rule("fill_in_checkin", (holds_checkin | mediates_student_of_checkin) & checkin_is_open)
_rule("set_placement_outcome", mediates_student_of_placement | is_superuser)
_rule("close_placement", (mediates_student_of_placement | is_superuser) & placement_is_running)
_rule("finish_action", holds_action | edits_student_of_action)

# The AVG rights: the student (or a parent under 16) sees, exports and asks to erase their
# data; the school or the region's coordinator decides; the coordinator (the region's privacy
# contact) reads the processing register.
_rule("use_privacy_pages", is_student_user | is_parent_user)
_rule("view_personal_data", is_data_subject)
_rule("request_erasure", is_data_subject)
_rule("decide_erasure", decides_erasure_of)
_rule("work_erasure_queue", works_erasure_queue)
_rule("view_processing_register", runs_a_region)

# Imports (backoffice): the coordinator for the region, school staff for their own school.
_rule("import_data", imports_for_region | imports_for_school)
_rule("import_students", imports_for_region | imports_for_school)
_rule("import_employers", imports_for_region)  # employers and their openings
_rule("view_import_run", sees_import_run)
_rule("start_import", sees_import_run & import_run_is_checked)

# The overgangsdokument as the werkcoach receives it.
_rule("receive_overgangsdokument", receives_overgangsdokument)
_rule("confirm_overgangsdokument", receives_overgangsdokument & document_is_sent)
_rule("invite_from_overgangsdokument", receives_overgangsdokument & student_not_invited_yet)


# Staff see much of young people's data: they log in with a second factor (and so does the admin).
SECOND_FACTOR_ROLES = (*WORKSPACE_ROLES,)


def second_factor_required(user) -> bool:
    if not (user and user.is_authenticated):
        return False
    return user.role in SECOND_FACTOR_ROLES or user.is_staff or user.is_superuser


def can(user: User, perm: str, obj=None) -> bool:
    return PERMISSIONS.test_rule(perm, user, obj)


def ensure_can(user: User, perm: str, obj=None) -> None:
    if not can(user, perm, obj):
        raise PermissionDenied(perm)


# --- access helpers: lookup and permission in one step -----------------------------------
# `may=` names a rule that the visible object must also pass: 404 when the object is not
# yours, 403 when you may see it but not do this to it.


def _get(qs: QuerySet, pk, user: User, may: str | None) -> Model:
    try:
        obj = qs.get(pk=pk)
    except (qs.model.DoesNotExist, ValueError, TypeError) as exc:
        raise Http404 from exc
    if may:
        ensure_can(user, may, obj)
    return obj


def get_student_for_user(user: User, pk, *, may: str | None = None) -> StudentProfile:
    return _get(students_visible_to(user).select_related("user", "school"), pk, user, may)


def get_own_student_profile(user: User) -> StudentProfile:
    """The logged-in student's own profile; 404 for an account without one."""
    qs = StudentProfile.objects.select_related("user", "school", "home_place", "qualification")
    profile = qs.filter(user=user).first() if user and user.is_authenticated else None
    if profile is None:
        raise Http404
    return profile


def get_data_subject_for_user(user: User, pk) -> StudentProfile:
    """A student whose own data this user may see: themself, or their child under 16."""
    return _get(data_subjects_of(user).select_related("user", "school"), pk, user, None)


def get_erasure_student_for_user(user: User, pk) -> StudentProfile:
    """A student whose erasure this school staff member or coordinator decides; else 404."""
    qs = erasure_students_decided_by(user).select_related("user", "school")
    return _get(qs, pk, user, None)


def get_opening_for_user(
    user: User, pk, write: bool = False, *, team: bool = False, may: str | None = None
) -> Opening:
    """`write`: only openings this user may edit; `team`: every opening of their organisation
    (and those they may edit), so a colleague without the right answers 403, not 404."""
    if team:
        qs = openings_of_team(user)
    else:
        qs = openings_editable_by(user) if write else openings_visible_to(user)
    return _get(qs.select_related("employer", "location__place", "sector"), pk, user, may)


def get_colleague_for_user(user: User, pk, *, may: str | None = None) -> User:
    """An active member of the user's own organisation; anyone else answers 404."""
    qs = User.objects.none()
    if _is(user, Role.WERKGEVER) and user.employer_id:
        qs = User.objects.filter(employer_id=user.employer_id, role=Role.WERKGEVER, is_active=True)
    return _get(qs, pk, user, may)


def get_colleague_invite_for_user(user: User, pk, *, may: str | None = None) -> ColleagueInvite:
    qs = ColleagueInvite.objects.none()
    if _is(user, Role.WERKGEVER) and user.employer_id:
        qs = ColleagueInvite.objects.filter(employer_id=user.employer_id)
    return _get(qs, pk, user, may)


def get_employer_for_user(user: User, pk, *, may: str | None = None) -> Employer:
    """An employer this accountmanager acts for; another region's answers 404."""
    return _get(employers_represented_by(user).select_related("region"), pk, user, may)


def get_recognition_request_for_user(
    user: User, pk, *, may: str | None = None
) -> RecognitionRequest:
    qs = recognition_requests_visible_to(user).select_related(
        "employer", "qualification", "recognition", "requested_by", "handled_by"
    )
    return _get(qs, pk, user, may)


def get_team_opening_for_user(user: User, pk) -> Opening:
    """An opening of the user's own organisation (or one they may edit); 404 for others."""
    return _get(openings_of_team(user).select_related("employer"), pk, user, None)


def get_match_for_user(user: User, pk, *, may: str | None = None) -> Match:
    qs = matches_visible_to(user).select_related(
        "student__user", "opening__employer", "opening__location__place"
    )
    return _get(qs, pk, user, may)


def get_invitation_for_user(user: User, pk, *, may: str | None = None) -> Invitation:
    qs = invitations_visible_to(user).select_related(
        "student__user", "opening__employer", "opening__location__place", "invited_by"
    )
    return _get(qs, pk, user, may)


def get_suggested_student(user: User, opening: Opening, label) -> StudentProfile:
    """The student behind an alias (\"K\" of \"Kandidaat K\") on an opening this employer may
    invite for: the invite form never carries a student's id. 404 for an unknown alias."""
    ensure_can(user, "invite_candidate", opening)
    label = str(label or "").strip().upper()[:4]
    found = CandidateAlias.objects.filter(opening=opening, label=label).select_related(
        "student__user"
    )
    alias = found.first() if label else None
    if alias is None:
        raise Http404
    return alias.student


def get_escalation_for_user(user: User, pk, *, may: str | None = None) -> Escalation:
    return _get(escalations_visible_to(user).select_related("student__user"), pk, user, may)


def get_placement_for_user(user: User, pk, *, may: str | None = None) -> Placement:
    qs = Placement.objects.filter(match__in=matches_visible_to(user).values("pk"))
    qs = qs.select_related("match__student__user", "match__opening__employer")
    return _get(qs, pk, user, may)


def get_checkin_for_user(user: User, pk, *, may: str | None = None) -> CheckIn:
    qs = checkins_visible_to(user).select_related(
        "placement__match__student__user", "placement__match__opening__employer", "done_by"
    )
    return _get(qs, pk, user, may)


def get_overgangsdokument_for_user(user: User, pk) -> Overgangsdokument:
    qs = overgangsdokumenten_visible_to(user).select_related(
        "student__user", "student__school", "werkcoach"
    )
    return _get(qs, pk, user, None)


def get_person_for_user(user: User, pk, *, may: str | None = None) -> User:
    qs = people_managed_by(user).select_related("region", "school", "employer")
    return _get(qs, pk, user, may)


def get_school_for_user(user: User, pk) -> School:
    return _get(schools_managed_by(user).select_related("region"), pk, user, None)


def get_guardian_link_for_user(user: User, pk) -> GuardianLink:
    qs = guardian_links_managed_by(user).select_related("guardian", "student__user")
    return _get(qs, pk, user, None)


def get_notification_for_user(user: User, pk) -> Notification:
    qs = Notification.objects.filter(user=user) if user and user.is_authenticated else None
    return _get(qs if qs is not None else Notification.objects.none(), pk, user, None)


def get_monitoring_scope_for_user(user: User, *, region=None, school=None) -> MonitoringScope:
    """The user's monitoring scope, narrowed to one region or school when asked; a region or
    school outside it answers 404, so its existence is not revealed."""
    ensure_can(user, "view_monitoring")
    scope = monitoring_scope_for(user)
    try:
        region_id = int(region) if region not in (None, "") else None
        school_id = int(school) if school not in (None, "") else None
    except (TypeError, ValueError) as exc:
        raise Http404 from exc
    if any(i is not None and not 1 <= i < 2**63 for i in (region_id, school_id)):
        raise Http404  # an id no table can hold
    schools = School.objects.all()
    if scope.region_ids is not None:
        schools = schools.filter(region_id__in=scope.region_ids)
    if scope.school_ids is not None:
        schools = schools.filter(pk__in=scope.school_ids)
    if region_id is not None:
        outside = scope.region_ids is not None and region_id not in scope.region_ids
        if outside or (scope.school_ids and not schools.filter(region_id=region_id).exists()):
            raise Http404
        scope = replace(scope, region_ids=(region_id,))
    if school_id is not None:
        if not schools.filter(pk=school_id).exists():
            raise Http404
        scope = replace(scope, school_ids=(school_id,))
    return scope


def get_action_for_user(user: User, pk) -> ActionItem:
    """A task I hold or of a student I work with; anyone else's answers 404."""
    try:
        action = ActionItem.objects.select_related("student").get(pk=pk)
    except (ActionItem.DoesNotExist, ValueError, TypeError) as exc:
        raise Http404 from exc
    if not can(user, "finish_action", action):
        raise Http404
    return action


def webhook_owner(user) -> dict:
    """The organisation a user's webhook subscriptions belong to, as model arguments."""
    ensure_can(user, "manage_webhooks")
    if is_beheerder(user):
        return {"employer_id": user.employer_id}
    return {"school_id": user.school_id}


def subscriptions_visible_to(user) -> QuerySet[WebhookSubscription]:
    return WebhookSubscription.objects.filter(**webhook_owner(user))


def get_subscription_for_user(user, pk) -> WebhookSubscription:
    subscription = subscriptions_visible_to(user).filter(pk=pk).first()
    if subscription is None:
        raise Http404
    return subscription


def get_delivery_for_user(user, pk) -> WebhookDelivery:
    """Another organisation's delivery answers 404."""
    owner = {f"subscription__{key}": value for key, value in webhook_owner(user).items()}
    delivery = WebhookDelivery.objects.filter(pk=pk, **owner).select_related("subscription").first()
    if delivery is None:
        raise Http404
    return delivery
