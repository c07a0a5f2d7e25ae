"""Colleagues of an employer: invite by e-mail, accept, change role, remove; and who hears what.

An invitation carries a single-use random token; only its sha256 is stored, and it is valid for
seven days. The inviter never learns whether the e-mail address already has an account: the
invitation is always "sent", and only the person who opens the link (the owner of the address)
hears that they must log in first, or that this account cannot join. The organisation always
keeps an active beheerder (the rules in marketplace/permissions.py).
"""

import datetime
import hashlib
import secrets
from enum import StrEnum

from django.conf import settings
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.core.mail import send_mail
from django.core.validators import validate_email
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from marketplace.models import ActionItem, CheckIn, Role, User
from marketplace.permissions import beheerders_of, can, ensure_can
from marketplace.services.notifications import employer_recipients, notify

from ..models import ColleagueInvite, Employer, Opening

INVITE_VALID_DAYS = 7
MAX_PENDING_INVITES = 30
ROLES = (User.EmployerRole.BEHEERDER, User.EmployerRole.PRAKTIJKOPLEIDER)


class AcceptMode(StrEnum):
    """What the accept page offers the person who opened the link."""

    NEW = "new"  # no (usable) account yet: choose a password
    LINK = "link"  # logged in with the invited address: join with one click
    LOGIN = "login"  # an account with this address exists: log in first
    OTHER_ACCOUNT = "other_account"  # logged in as someone else
    REFUSED = "refused"  # this account cannot join (another organisation or another role)


def _hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def _pending() -> dict:
    return {"accepted_at__isnull": True, "revoked_at__isnull": True}


def invites_pending(employer: Employer):
    """The open invitations of an organisation, expired ones included (they can be resent)."""
    return ColleagueInvite.objects.filter(employer=employer, **_pending()).select_related(
        "invited_by"
    )


def _send_invite_mail(invite: ColleagueInvite, token: str) -> None:
    """The link with the token goes only by e-mail, after the commit (never through the queue,
    where the token would be stored)."""
    link = settings.SITE_URL + reverse("werkgever:invite-accept", args=[token])
    inviter = invite.invited_by.get_full_name() if invite.invited_by else ""
    with translation.override(settings.LANGUAGE_CODE):
        subject = _("Je bent uitgenodigd voor %(employer)s") % {"employer": invite.employer.name}
        body = _(
            "%(inviter)s nodigt je uit om samen te werken in de BPV- en banenmatcher voor "
            "%(employer)s, als %(role)s.\n\nOpen deze link om mee te doen. De link werkt "
            "7 dagen en maar één keer:\n%(link)s\n\nKen je deze uitnodiging niet? Dan hoef je "
            "niets te doen."
        ) % {
            "inviter": inviter or invite.employer.name,
            "employer": invite.employer.name,
            "role": User.EmployerRole(invite.employer_role).label.lower(),
            "link": link,
        }
    email = invite.email
    transaction.on_commit(
        lambda: send_mail(subject, body, settings.DEFAULT_FROM_EMAIL, [email], fail_silently=True)
    )


def _new_token(invite: ColleagueInvite) -> str:
    token = secrets.token_urlsafe(32)
    invite.token_hash = _hash(token)
    invite.expires_at = timezone.now() + datetime.timedelta(days=INVITE_VALID_DAYS)
    return token


@transaction.atomic
def colleague_invite(*, actor: User, email: str, employer_role: str) -> ColleagueInvite:
    """Invite a colleague by e-mail with a role; the mail carries the link."""
    ensure_can(actor, "manage_colleagues")
    employer = Employer.objects.select_for_update().get(pk=actor.employer_id)
    email = User.objects.normalize_email((email or "").strip()).lower()
    errors: dict[str, list] = {}
    try:
        validate_email(email)
    except ValidationError:
        errors["email"] = [_("Vul een geldig e-mailadres in, zoals naam@bedrijf.nl.")]
    if employer_role not in ROLES:
        errors["employer_role"] = [_("Kies beheerder of praktijkopleider.")]
    if not errors:
        # Only facts about the inviter's own organisation, which they see on the page anyway.
        if User.objects.filter(
            email__iexact=email, employer=employer, role=Role.WERKGEVER, is_active=True
        ).exists():
            errors["email"] = [_("Deze persoon is al je collega.")]
        elif invites_pending(employer).filter(email__iexact=email).exists():
            errors["email"] = [
                _("Er staat al een uitnodiging open voor dit e-mailadres. Stuur die opnieuw.")
            ]
        elif invites_pending(employer).count() >= MAX_PENDING_INVITES:
            errors["email"] = [
                _("Er staan al %(n)s uitnodigingen open. Trek er eerst een paar in.")
                % {"n": MAX_PENDING_INVITES}
            ]
    if errors:
        raise ValidationError(errors)
    invite = ColleagueInvite(
        employer=employer, email=email, employer_role=employer_role, invited_by=actor
    )
    token = _new_token(invite)
    invite.save()
    _send_invite_mail(invite, token)
    return invite


@transaction.atomic
def invite_resend(*, actor: User, invite: ColleagueInvite) -> ColleagueInvite:
    """A new link (the old one stops working), valid seven days from now."""
    invite = (
        ColleagueInvite.objects.select_for_update().select_related("employer").get(pk=invite.pk)
    )
    ensure_can(actor, "manage_colleague_invite", invite)
    token = _new_token(invite)
    invite.save(update_fields=["token_hash", "expires_at"])
    _send_invite_mail(invite, token)
    return invite


@transaction.atomic
def invite_revoke(*, actor: User, invite: ColleagueInvite) -> ColleagueInvite:
    invite = ColleagueInvite.objects.select_for_update().get(pk=invite.pk)
    if invite.revoked_at is not None:
        return invite  # a double submit changes nothing
    ensure_can(actor, "manage_colleague_invite", invite)
    invite.revoked_at = timezone.now()
    invite.save(update_fields=["revoked_at"])
    return invite


def invite_for_token(token: str) -> ColleagueInvite | None:
    """The open, unexpired invitation of this link, or None (a wrong, used, revoked or old
    link all look the same)."""
    if not token or len(token) > 100:
        return None
    return (
        ColleagueInvite.objects.filter(
            token_hash=_hash(token), expires_at__gt=timezone.now(), **_pending()
        )
        .select_related("employer")
        .first()
    )


def invite_accept_mode(invite: ColleagueInvite, user: User | None) -> AcceptMode:
    """What the person who opened the link may do, from who they are."""
    logged_in = user is not None and user.is_authenticated
    if logged_in and user.email.lower() != invite.email.lower():
        return AcceptMode.OTHER_ACCOUNT
    account = User.objects.filter(email__iexact=invite.email).first()
    if account is None:
        return AcceptMode.NEW
    joinable = account.role == Role.WERKGEVER and account.employer_id in (None, invite.employer_id)
    if not joinable or account.is_superuser:
        return AcceptMode.REFUSED
    if not account.is_active:
        # Removed from an organisation earlier: the link proves the address, a new password
        # opens the account again. Any other inactive account was closed on purpose.
        return AcceptMode.NEW if account.employer_id is None else AcceptMode.REFUSED
    return AcceptMode.LINK if logged_in else AcceptMode.LOGIN


@transaction.atomic
def colleague_accept(
    *,
    token: str,
    user: User | None = None,
    first_name: str = "",
    last_name: str = "",
    password: str = "",
) -> User:
    """Accept an invitation: a new account with the chosen password, or the logged-in account
    with the invited address joins. Single use: the invitation is closed in the same step."""
    invite = invite_for_token(token)
    if invite is not None:
        invite = ColleagueInvite.objects.select_for_update().get(pk=invite.pk)
    if invite is None or invite.accepted_at or invite.revoked_at:
        raise ValidationError(_("Deze link werkt niet meer."), code="invalid")
    mode = invite_accept_mode(invite, user)
    if mode == AcceptMode.LINK:
        account = User.objects.select_for_update().get(pk=user.pk)
    elif mode == AcceptMode.NEW:
        account = _account_for_new_colleague(invite, first_name, last_name, password)
    else:
        raise ValidationError(
            _("Met dit account kun je deze uitnodiging niet aannemen."), code=mode
        )
    account.employer = invite.employer
    account.employer_role = invite.employer_role
    account.region = account.region or invite.employer.region
    account.is_active = True
    try:
        with transaction.atomic():
            account.save()
    except IntegrityError as exc:  # a double submit raced us to the same address
        raise ValidationError(
            _("Dit account is net al aangemaakt. Log in."), code="invalid"
        ) from exc
    invite.accepted_at = timezone.now()
    invite.save(update_fields=["accepted_at"])
    return account


def _account_for_new_colleague(
    invite: ColleagueInvite, first_name: str, last_name: str, password: str
) -> User:
    account = User.objects.filter(email__iexact=invite.email).first() or User(
        email=invite.email, role=Role.WERKGEVER
    )
    account.first_name = (first_name or "").strip()[:80]
    account.last_name = (last_name or "").strip()[:120]
    errors: dict[str, list] = {}
    if not account.first_name:
        errors["first_name"] = [_("Vul je voornaam in.")]
    if not account.last_name:
        errors["last_name"] = [_("Vul je achternaam in.")]
    try:
        validate_password(password, account)
    except ValidationError as exc:
        errors["password"] = exc.messages
    if errors:
        raise ValidationError(errors)
    account.set_password(password)
    return account


def _lock_team(employer_id: int) -> None:
    """One change to an organisation's team at a time, so two beheerders cannot demote or
    remove each other at once and leave none."""
    Employer.objects.select_for_update().filter(pk=employer_id).first()


@transaction.atomic
def colleague_role_change(*, actor: User, colleague: User, employer_role: str) -> User:
    if employer_role not in ROLES:
        raise ValidationError({"employer_role": _("Kies beheerder of praktijkopleider.")})
    _lock_team(colleague.employer_id)
    colleague = User.objects.select_for_update().get(pk=colleague.pk)
    ensure_can(actor, "change_colleague_role", colleague)
    if colleague.employer_role == employer_role:
        return colleague
    if employer_role == User.EmployerRole.PRAKTIJKOPLEIDER and not can(
        actor, "demote_colleague", colleague
    ):
        raise ValidationError(
            _("Er moet altijd één beheerder zijn. Maak eerst iemand anders beheerder.")
        )
    colleague.employer_role = employer_role
    colleague.save(update_fields=["employer_role"])
    return colleague


@transaction.atomic
def colleague_remove(*, actor: User, colleague: User) -> User:
    """The colleague loses access to the organisation (the account is closed, its history
    stays). Their openings and open tasks go to a beheerder: the actor when they are one."""
    _lock_team(colleague.employer_id)
    colleague = User.objects.select_for_update().get(pk=colleague.pk)
    ensure_can(actor, "change_colleague_role", colleague)
    if not can(actor, "remove_colleague", colleague):
        raise ValidationError(
            _("Er moet altijd één beheerder zijn. Maak eerst iemand anders beheerder.")
        )
    successor = _successor(actor, colleague)
    Opening.objects.filter(contact_person=colleague).update(contact_person=successor)
    ActionItem.objects.filter(assigned_to=colleague, done_at__isnull=True).update(
        assigned_to=successor
    )
    CheckIn.objects.filter(assigned_to=colleague, done_at__isnull=True).update(
        assigned_to=successor
    )
    colleague.employer = None
    colleague.employer_role = User.EmployerRole.NONE
    colleague.is_active = False
    colleague.save(update_fields=["employer", "employer_role", "is_active"])
    return colleague


def _successor(actor: User, colleague: User) -> User | None:
    others = beheerders_of(colleague.employer_id).exclude(pk=colleague.pk)
    if actor.pk != colleague.pk and others.filter(pk=actor.pk).exists():
        return actor
    return others.order_by("pk").first()


def colleagues_of(employer: Employer):
    """The organisation's active members, beheerders first."""
    return User.objects.filter(employer=employer, role=Role.WERKGEVER, is_active=True).order_by(
        "-employer_role", "first_name", "last_name", "email"
    )


# --- the opening's people: its contact person, and postings on the employer's behalf ----------


def contact_person_check(*, employer: Employer, person: User | None) -> None:
    """A contact person must be an active member of the opening's own organisation."""
    if person is None:
        return
    if not (
        person.is_active and person.role == Role.WERKGEVER and person.employer_id == employer.pk
    ):
        raise ValidationError({"contact_person": _("Kies een collega van deze organisatie.")})


def contact_person_default(*, employer: Employer, user: User) -> User | None:
    """The one who posts it, when they belong to the organisation; else its first beheerder."""
    if user.role == Role.WERKGEVER and user.employer_id == employer.pk and user.is_active:
        return user
    return beheerders_of(employer.pk).order_by("pk").first()


def opening_on_behalf_told(*, opening: Opening, actor: User, created: bool) -> int:
    """The employer's beheerders hear that their accountmanager posted or changed an opening
    for them (once per change). Returns how many were told."""
    if created:
        code = "opening.on_behalf_created"
        key = f"opening:{opening.pk}:on-behalf:created"
    else:
        code = "opening.on_behalf_changed"
        key = f"opening:{opening.pk}:on-behalf:{opening.updated_at.timestamp():.0f}"
    people = employer_recipients(employer=opening.employer)
    params = {
        "for": "employer",
        "who": actor.get_full_name() or actor.email,
        "title": opening.title,
    }
    for person in people:
        notify(user=person, key=key, code=code, params=params)
    return len(people)
