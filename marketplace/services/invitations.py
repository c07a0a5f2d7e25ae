"""Invitations: an employer invites a suggested, still anonymous student to an opening.

Only students who agreed to be found (consent_findable) are suggested and invited. The student
decides; until they say yes the employer knows them only by their alias on the opening. A yes
makes a match (source: the invitation) at mutual interest, with the student's name shared.
Against spam: at most INVITATIONS_OPEN_PER_OPENING open invitations per opening, one invitation
per student and opening (a declined or expired one is never sent again; only one the employer
withdrew may be sent anew), and an open invitation expires after INVITATION_DAYS days.
Expiry is lazy: every read and write of invitations first closes the stale ones (one UPDATE).
"""

import datetime

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from employers.models import Opening

from ..models import Invitation, Match, StudentProfile, User
from ..permissions import ensure_can
from .matches import match_student_interest
from .notifications import employer_recipients, notify
from .rules import pair_allowed

INVITATIONS_OPEN_PER_OPENING = 10
INVITATION_DAYS = 14
MESSAGE_MAX = 600
# A pair with one of these invitations is never invited again (nor suggested).
FINAL = (Invitation.Status.DECLINED, Invitation.Status.EXPIRED, Invitation.Status.ACCEPTED)
St = Invitation.Status


def _stale_before() -> datetime.datetime:
    return timezone.now() - datetime.timedelta(days=INVITATION_DAYS)


def invitations_expire(*, opening: Opening | None = None, student=None) -> int:
    """Close the open invitations older than INVITATION_DAYS (of one opening or student)."""
    stale = Invitation.objects.filter(status=St.OPEN, created_at__lt=_stale_before())
    if opening is not None:
        stale = stale.filter(opening=opening)
    if student is not None:
        stale = stale.filter(student=student)
    return stale.update(status=St.EXPIRED, answered_at=timezone.now())


def _closed_q() -> Q:
    """Answered, withdrawn or expired: also an open one past its days (the nightly task
    writes that down; reads never write)."""
    return Q(status__in=FINAL) | Q(status=St.OPEN, created_at__lt=_stale_before())


def invitations_as_read(invitations):
    """The invitations as they stand now: an open one past its days reads as expired."""
    stale_before = _stale_before()
    for invitation in invitations:
        if invitation.status == St.OPEN and invitation.created_at < stale_before:
            invitation.status = St.EXPIRED
    return invitations


def suggestable_students(opening: Opening) -> QuerySet[StudentProfile]:
    """Who may be suggested for (and invited to) this opening: students of the employer's
    region who agreed to be found, with no match on the opening and no closed invitation to
    it. The engine's hard rules are asked on top of this (the ranking leaves failing pairs out).
    """
    matched = Match.objects.filter(opening=opening).values("student_id")
    closed = Invitation.objects.filter(_closed_q(), opening=opening).values("student_id")
    return (
        StudentProfile.objects.filter(
            consent_findable=True,
            user__is_active=True,
            school__region_id=opening.employer.region_id,
        )
        .exclude(pk__in=matched)
        .exclude(pk__in=closed)
    )


def open_invitations_count(opening: Opening) -> int:
    return Invitation.objects.filter(
        opening=opening, status=St.OPEN, created_at__gte=_stale_before()
    ).count()


def _clean_message(message: str) -> str:
    message = (message or "").strip()
    if len(message) > MESSAGE_MAX:
        raise ValidationError(
            {
                "message": _("Je bericht is te lang: gebruik hoogstens %(n)d tekens.")
                % {"n": MESSAGE_MAX}
            }
        )
    return message


@transaction.atomic
def invitation_create(
    *, inviter: User, opening: Opening, student: StudentProfile, message: str = ""
) -> Invitation:
    """Invite a suggested student; the student and their jobhunter get a message."""
    ensure_can(inviter, "invite_candidate", opening)
    message = _clean_message(message)
    # The opening's row lock makes the limit hold when colleagues invite at the same moment.
    opening = Opening.objects.select_for_update().select_related("employer").get(pk=opening.pk)
    if opening.status != Opening.Status.OPEN or opening.places_left <= 0:
        raise ValidationError(_("Deze plek is niet open. Zet hem eerst online."))
    invitations_expire(opening=opening)
    if not suggestable_students(opening).filter(pk=student.pk).exists():
        raise ValidationError(_refusal(opening, student))
    pair_allowed(student, opening, reader="employer")
    if open_invitations_count(opening) >= INVITATIONS_OPEN_PER_OPENING:
        raise ValidationError(
            _(
                "Je hebt al %(n)d open uitnodigingen voor deze plek. Wacht op een antwoord of "
                "trek een uitnodiging in."
            )
            % {"n": INVITATIONS_OPEN_PER_OPENING}
        )
    invitation = Invitation.objects.filter(opening=opening, student=student).first()
    if invitation is not None and invitation.status == St.OPEN:
        raise ValidationError(_("Deze kandidaat heeft al een uitnodiging voor deze plek."))
    fields = {
        "invited_by": inviter,
        "message": message,
        "status": St.OPEN,
        "answered_at": None,
    }
    if invitation is None:  # the unique constraint (opening, student) guards a double submit
        invitation = Invitation(opening=opening, student=student, **fields)
        invitation.full_clean(exclude=["match"])
        invitation.save()
    else:  # the employer withdrew an earlier one: the same row, sent anew
        Invitation.objects.filter(pk=invitation.pk).update(created_at=timezone.now(), **fields)
        invitation.refresh_from_db()
    _tell_student_side(invitation)
    return invitation


def _refusal(opening: Opening, student: StudentProfile) -> str:
    earlier = Invitation.objects.filter(opening=opening, student=student, status__in=FINAL)
    if earlier.filter(status=St.DECLINED).exists():
        return _("Deze kandidaat heeft je uitnodiging voor deze plek al afgeslagen.")
    if earlier.exists():
        return _("Deze kandidaat had al een uitnodiging voor deze plek.")
    return _("Deze kandidaat kun je niet (meer) uitnodigen voor deze plek.")


def _tell_student_side(invitation: Invitation) -> None:
    """The student and their jobhunter (and JPO), each as a code with parameters: read in the
    reader's language, the e-mail copy in the site's."""
    from ..stored_texts import MEDIATOR, STUDENT

    student, opening = invitation.student, invitation.opening
    facts = {
        "invitation": invitation.pk,
        "student_id": student.pk,
        "employer": opening.employer.name,
        "opening": opening.title,
        "place": opening.location.place.name if opening.location_id else "",
        "student": student.user.get_full_name(),
    }
    key = f"invitation:{invitation.pk}:{int(invitation.created_at.timestamp())}"
    notify(user=student.user, key=key, code="invitation.received", params={"for": STUDENT, **facts})
    for mediator in (student.jobhunter, student.jpo):
        if mediator is None or not mediator.is_active:
            continue
        notify(
            user=mediator, key=key, code="invitation.received", params={"for": MEDIATOR, **facts}
        )


def _tell_employer(invitation: Invitation, *, event: str, code: str, params: dict) -> None:
    from ..stored_texts import EMPLOYER

    facts = {"for": EMPLOYER, "opening_id": invitation.opening_id, **params}
    for user in employer_recipients(invitation.opening):
        notify(user=user, key=f"invitation:{invitation.pk}:{event}", code=code, params=facts)


def _answerable(user: User, invitation: Invitation) -> Invitation:
    """The invitation locked and fresh, still open and this student's to answer."""
    invitations_expire(student=invitation.student)
    invitation = (
        Invitation.objects.select_for_update()
        .select_related("student__user", "opening__employer", "opening__location__place")
        .get(pk=invitation.pk)
    )
    if invitation.status != St.OPEN:
        if invitation.student.user_id != user.pk:
            raise PermissionDenied("answer_invitation")
        raise ValidationError(
            _("Deze uitnodiging is al %(status)s.")
            % {"status": invitation.get_status_display().lower()}
        )
    ensure_can(user, "answer_invitation", invitation)
    return invitation


@transaction.atomic
def invitation_accept(*, student_user: User, invitation: Invitation) -> Match:
    """The student says yes: a match at mutual interest, their name shared with the employer.
    The engine's hard rules are asked again (on what is true now)."""
    invitation = _answerable(student_user, invitation)
    match = match_student_interest(
        student_user=student_user,
        student=invitation.student,
        opening=invitation.opening,
        share_profile=True,
        invited=True,
    )
    Invitation.objects.filter(pk=invitation.pk).update(
        status=St.ACCEPTED, answered_at=timezone.now(), match=match
    )
    return match


DECLINE_REASONS = {
    "past_niet": gettext_lazy("Het werk past niet bij mij"),
    "te_ver": gettext_lazy("Het is te ver weg"),
    "tijden": gettext_lazy("De werktijden passen niet"),
    "al_plek": gettext_lazy("Ik heb al een plek"),
}


@transaction.atomic
def invitation_decline(
    *, student_user: User, invitation: Invitation, reason: str = ""
) -> Invitation:
    """The student says no (a reason from the list, or none); the employer hears it without
    anything that says who it was, and never invites this student to this opening again."""
    invitation = _answerable(student_user, invitation)
    if reason and reason not in DECLINE_REASONS:
        raise ValidationError({"reason": _("Kies een reden uit de lijst, of geen.")})
    Invitation.objects.filter(pk=invitation.pk).update(
        status=St.DECLINED, answered_at=timezone.now()
    )
    invitation.refresh_from_db()
    _tell_employer(
        invitation,
        event="declined",
        code="invitation.declined",
        params={"opening": invitation.opening.title, "reason": reason},
    )
    return invitation


@transaction.atomic
def invitation_withdraw(*, actor: User, invitation: Invitation) -> Invitation:
    """The employer takes an open invitation back; the student is told."""
    invitation = (
        Invitation.objects.select_for_update()
        .select_related("student__user", "opening__employer")
        .get(pk=invitation.pk)
    )
    if invitation.status != St.OPEN:
        ensure_can(actor, "invite_candidate", invitation.opening)
        raise ValidationError(
            _("Deze uitnodiging is al %(status)s.")
            % {"status": invitation.get_status_display().lower()}
        )
    ensure_can(actor, "withdraw_invitation", invitation)
    Invitation.objects.filter(pk=invitation.pk).update(
        status=St.WITHDRAWN, answered_at=timezone.now()
    )
    invitation.refresh_from_db()
    notify(
        user=invitation.student.user,
        key=f"invitation:{invitation.pk}:withdrawn:{int(invitation.answered_at.timestamp())}",
        code="invitation.withdrawn",
        params={
            "for": "student",
            "invitation": invitation.pk,
            "employer": invitation.opening.employer.name,
            "opening": invitation.opening.title,
        },
    )
    return invitation


def invitations_close_for_student(*, student: StudentProfile) -> int:
    """The student no longer wants to be found: their open invitations end (as expired, so
    they are not sent again). Accepted ones are matches by now and stay."""
    return Invitation.objects.filter(student=student, status=St.OPEN).update(
        status=St.EXPIRED, answered_at=timezone.now()
    )


__all__ = [
    "DECLINE_REASONS",
    "INVITATIONS_OPEN_PER_OPENING",
    "INVITATION_DAYS",
    "invitation_accept",
    "invitation_create",
    "invitation_decline",
    "invitation_withdraw",
    "invitations_close_for_student",
    "invitations_as_read",
    "invitations_expire",
    "open_invitations_count",
    "suggestable_students",
]
