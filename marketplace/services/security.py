"""Log-in security: the second factor, lockouts and their unlock, and personal API tokens.

API tokens: only a hash of the key is stored, and that hash is bound to the user's password
hash (like Django binds a session to it), so every token ends when the password changes, by
whatever path it changes. Expired and revoked tokens are refused.
"""

import datetime
import hashlib
import hmac
import math
import secrets
from dataclasses import dataclass

from axes.models import AccessAttempt
from axes.utils import reset as axes_reset
from django.conf import settings
from django.contrib.auth import password_validation
from django.contrib.auth.tokens import default_token_generator
from django.contrib.sessions.models import Session
from django.core.exceptions import ValidationError
from django.core.mail import send_mail
from django.db import transaction
from django.db.models import Exists, OuterRef, Q, QuerySet, Sum
from django.utils import timezone
from django.utils.crypto import salted_hmac
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_decode, urlsafe_base64_encode
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django_otp import devices_for_user, match_token
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from ..models import ApiToken, User
from ..permissions import SECOND_FACTOR_ROLES, ensure_can, people_managed_by

RECOVERY_CODES = 10
LOGIN_TOKEN_NAME = "Inloggen via de API"  # noqa: S105 (a label, not a secret)
TOKEN_PREFIX = "bpv"  # noqa: S105
LAST_USED_GRANULARITY = datetime.timedelta(minutes=5)


# --- the second factor (TOTP app and one-time recovery codes) ---------------------------------


def totp_device_for_setup(*, user: User) -> TOTPDevice:
    """The user's unconfirmed app device, made once and reused until it is confirmed."""
    device = TOTPDevice.objects.filter(user=user, confirmed=False).first()
    return device or TOTPDevice.objects.create(user=user, name="app", confirmed=False)


@transaction.atomic
def totp_device_confirm(*, user: User, device: TOTPDevice, code: str) -> list[str]:
    """Confirm the app with its first code; replaces older devices and returns fresh recovery
    codes (shown once)."""
    if device.user_id != user.pk or not device.verify_token(_clean(code)):
        message = _("Deze code klopt niet. Kijk in de app en probeer het opnieuw.")
        raise ValidationError({"code": [message]})
    TOTPDevice.objects.filter(user=user).exclude(pk=device.pk).delete()
    device.confirmed = True
    device.save(update_fields=["confirmed"])
    return recovery_codes_renew(user=user)


@transaction.atomic
def recovery_codes_renew(*, user: User) -> list[str]:
    """Ten new one-time recovery codes; the old ones stop working."""
    StaticDevice.objects.filter(user=user).delete()
    device = StaticDevice.objects.create(user=user, name="herstelcodes", confirmed=True)
    codes = [StaticToken.random_token() for _i in range(RECOVERY_CODES)]
    StaticToken.objects.bulk_create([StaticToken(device=device, token=c) for c in codes])
    return codes


def recovery_codes_left(*, user: User) -> int:
    return StaticToken.objects.filter(device__user=user, device__confirmed=True).count()


def has_second_factor(*, user: User) -> bool:
    return TOTPDevice.objects.filter(user=user, confirmed=True).exists()


def second_factor_check(*, user: User, code: str):
    """The device that accepts this app code or recovery code (a recovery code is used up),
    or None. Devices throttle repeated wrong codes themselves."""
    code = _clean(code)
    if not code or len(code) > 16:
        return None
    return match_token(user, code)


def second_factor_wait(*, user: User) -> int:
    """Seconds before django-otp lets this user try a code again (0: now). After each wrong
    code the devices make you wait, twice as long each time (OTP_*_THROTTLE_FACTOR); a code
    typed during the wait is refused even when it is right, so we say so instead of "wrong"."""
    now = timezone.now()
    wait = 0
    for device in devices_for_user(user):
        allowed, data = device.verify_is_allowed()
        until = (data or {}).get("locked_until")
        if not allowed and until is not None:
            wait = max(wait, math.ceil((until - now).total_seconds()))
    return wait


@transaction.atomic
def second_factor_reset(*, actor: User, person: User) -> None:
    """The coordinator lets a staff member set up a new app (lost phone)."""
    ensure_can(actor, "reset_login_security", person)
    TOTPDevice.objects.filter(user=person).delete()
    StaticDevice.objects.filter(user=person).delete()
    sessions_end_all(person=person)  # a session that passed the old app must not live on
    api_tokens_revoke_all(user=person, login_tokens_only=True)


def _clean(code: str) -> str:
    """Any case, spaces and dashes: "OM3D 3QPK", "om3d-3qpk" and "om3d3qpk" are one code."""
    return "".join((code or "").split()).replace("-", "").replace("\u2010", "").lower()


def second_factor_lockout(*, user: User, ip_address: str | None, user_agent: str = "") -> None:
    """Too many wrong codes: lock the account like too many wrong passwords do (the cool-down
    or the coordinator's unlock ends it). Counted in axes' own table, so the login page, the
    token endpoint and the coordinator's page all see it."""
    attempt, created = AccessAttempt.objects.get_or_create(
        username=user.email,
        ip_address=ip_address,
        user_agent=user_agent[:255],
        defaults={
            "get_data": "",
            "post_data": "",
            "http_accept": "",
            "path_info": "/accounts/tweestaps/",
            "failures_since_start": settings.AXES_FAILURE_LIMIT,
        },
    )
    if not created:
        attempt.failures_since_start = max(
            attempt.failures_since_start, settings.AXES_FAILURE_LIMIT
        )
        attempt.attempt_time = timezone.now()
        attempt.save(update_fields=["failures_since_start", "attempt_time"])


def sessions_end_all(*, person: User) -> int:
    """End every session of this person. Django has no index from user to session, so we scan
    the session table (only unexpired rows) and delete the ones whose `_auth_user_id` is theirs.
    We chose this over rotating the session auth hash because that hash is derived from the
    password: rotating it would need a new field on User (a migration) or a password change.
    A coordinator's reset is rare, so a scan is cheap enough."""
    mine = str(person.pk)
    ended = [
        s.pk
        for s in Session.objects.filter(expire_date__gt=timezone.now()).iterator()
        if s.get_decoded().get("_auth_user_id") == mine
    ]
    Session.objects.filter(pk__in=ended).delete()
    return len(ended)


# --- lockouts ----------------------------------------------------------------------------------


def _cooloff_threshold() -> datetime.datetime:
    return timezone.now() - datetime.timedelta(hours=settings.AXES_COOLOFF_TIME)


def locked_accounts_for(*, user: User) -> QuerySet[User]:
    """The people this user manages who are locked out right now."""
    people = people_managed_by(user)
    locked = (
        AccessAttempt.objects.filter(
            username__in=people.values("email"), attempt_time__gte=_cooloff_threshold()
        )
        .values("username")
        .annotate(failures=Sum("failures_since_start"))
        .filter(failures__gte=settings.AXES_FAILURE_LIMIT)
        .values("username")
    )
    return people.filter(email__in=locked).order_by("email")


def locked_addresses() -> list[dict]:
    """Network addresses locked right now (too many wrong passwords over any accounts): one
    pupil can lock a whole school's shared address, so the coordinator can unlock it."""
    return list(
        AccessAttempt.objects.filter(
            attempt_time__gte=_cooloff_threshold(), ip_address__isnull=False
        )
        .values("ip_address")
        .annotate(failures=Sum("failures_since_start"))
        .filter(failures__gte=settings.LOGIN_FAILURES_PER_ADDRESS)
        .order_by("ip_address")
    )


def address_unlock(*, actor: User, ip_address: str) -> int:
    ensure_can(actor, "unlock_logins")
    return axes_reset(ip=ip_address)


def staff_with_second_factor(*, user: User) -> QuerySet[User]:
    """The staff this user manages who have linked an app (so whose app can be reset)."""
    apps = TOTPDevice.objects.filter(user=OuterRef("pk"), confirmed=True)
    return (
        people_managed_by(user)
        .filter(role__in=SECOND_FACTOR_ROLES)
        .filter(Exists(apps))
        .order_by("last_name", "first_name", "email")
    )


def login_unlock(*, actor: User, person: User) -> None:
    ensure_can(actor, "reset_login_security", person)
    axes_reset(username=person.email)


def password_changed_notice_send(*, user: User) -> None:
    """Tell the owner their password changed, so a stranger's change does not go unnoticed."""
    send_mail(
        _("Je wachtwoord is gewijzigd"),
        _(
            "Je wachtwoord voor de BPV- en banenmatcher is net gewijzigd. Je API-sleutels werken "
            "niet meer.\n\nWas jij dit niet? Vraag dan meteen een nieuw wachtwoord aan op "
            "%(reset)s en vertel het je coördinator."
        )
        % {"reset": f"{settings.SITE_URL}/accounts/wachtwoord-vergeten/"},
        None,
        [user.email],
    )


def account_exists_notice_send(*, email: str) -> None:
    """Someone signed up with an address that has an account: tell its owner, not the form."""
    send_mail(
        _("Je hebt al een account bij de BPV- en banenmatcher"),
        _(
            "Iemand wilde met dit e-mailadres een bedrijf aanmelden. Je hebt al een account.\n\n"
            "Log in op %(login)s. Wachtwoord vergeten? Vraag een nieuw aan op %(reset)s.\n\n"
            "Was jij dit niet? Dan hoef je niets te doen."
        )
        % {
            "login": f"{settings.SITE_URL}/accounts/login/",
            "reset": f"{settings.SITE_URL}/accounts/wachtwoord-vergeten/",
        },
        None,
        [email],
    )


def account_confirmation_send(*, user: User) -> None:
    """A new self-registered account waits for its owner to click the link in this mail, so
    the sign-up form answers the same whether or not the address already had an account."""
    user.is_active = False
    user.save(update_fields=["is_active"])
    uid = urlsafe_base64_encode(force_bytes(user.pk))
    token = default_token_generator.make_token(user)
    link = f"{settings.SITE_URL}/accounts/bevestigen/{uid}/{token}/"
    send_mail(
        _("Bevestig je aanmelding bij de BPV- en banenmatcher"),
        _(
            "Welkom! Klik op deze link om je aanmelding af te ronden en in te loggen:\n\n"
            "%(link)s\n\nHeb jij je niet aangemeld? Dan hoef je niets te doen."
        )
        % {"link": link},
        None,
        [user.email],
    )


def account_confirm(*, uidb64: str, token: str) -> User | None:
    """The account of a valid confirmation link, now active; None for a wrong or used link."""
    try:
        pk = int(urlsafe_base64_decode(uidb64).decode())
        user = User.objects.get(pk=pk, is_active=False, last_login__isnull=True)
    except (ValueError, TypeError, OverflowError, UnicodeDecodeError, User.DoesNotExist):
        return None
    if not default_token_generator.check_token(user, token):
        return None
    user.is_active = True
    user.save(update_fields=["is_active"])
    return user


# --- API tokens ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class IssuedToken:
    token: ApiToken
    key: str  # shown once, never stored


def _key_hash(key: str, user: User) -> str:
    binding = salted_hmac("marketplace.ApiToken", user.password).hexdigest()
    return hashlib.sha256(f"{key}:{binding}".encode()).hexdigest()


def api_token_create(
    *, user: User, name: str, scope: str, lifetime: datetime.timedelta
) -> IssuedToken:
    if scope not in ApiToken.Scope.values:
        raise ValidationError({"scope": [_("Kies wat de sleutel mag.")]})
    max_days = settings.API_TOKEN_MAX_DAYS
    if not datetime.timedelta(0) < lifetime <= datetime.timedelta(days=max_days):
        raise ValidationError({"days": [_("Een sleutel werkt hoogstens een jaar.")]})
    prefix = secrets.token_hex(4)
    key = f"{TOKEN_PREFIX}_{prefix}_{secrets.token_urlsafe(32)}"
    token = ApiToken.objects.create(
        user=user,
        name=name.strip()[:80] or _("API-sleutel"),
        prefix=prefix,
        key_hash=_key_hash(key, user),
        scope=scope,
        expires_at=timezone.now() + lifetime,
    )
    return IssuedToken(token=token, key=key)


class TokenRefused(Exception):
    """The key is unknown, expired, revoked or ended with a password change."""


def api_token_check(*, key: str) -> ApiToken:
    parts = (key or "").split("_", 2)
    if len(parts) != 3 or parts[0] != TOKEN_PREFIX or len(key) > 100:
        raise TokenRefused(_("Deze API-sleutel is ongeldig."))
    candidates = ApiToken.objects.select_related("user").filter(prefix=parts[1])
    for token in candidates:
        if hmac.compare_digest(token.key_hash, _key_hash(key, token.user)):
            break
    else:
        raise TokenRefused(_("Deze API-sleutel is ongeldig of werkt niet meer."))
    now = timezone.now()
    if token.revoked_at is not None:
        raise TokenRefused(_("Deze API-sleutel is ingetrokken."))
    if token.expires_at <= now:
        raise TokenRefused(_("Deze API-sleutel is verlopen. Maak een nieuwe aan."))
    if not token.user.is_active:
        raise TokenRefused(_("Deze API-sleutel is ongeldig of werkt niet meer."))
    if token.last_used_at is None or now - token.last_used_at > LAST_USED_GRANULARITY:
        ApiToken.objects.filter(pk=token.pk).update(last_used_at=now)
    return token


def api_tokens_of(*, user: User) -> QuerySet[ApiToken]:
    return ApiToken.objects.filter(user=user).exclude(name=LOGIN_TOKEN_NAME)


def api_token_revoke(*, user: User, token: ApiToken) -> None:
    if token.user_id != user.pk:
        raise ValidationError(_("Deze sleutel is niet van jou."))
    if token.revoked_at is None:
        token.revoked_at = timezone.now()
        token.save(update_fields=["revoked_at"])


def api_tokens_revoke_all(*, user: User, login_tokens_only: bool = False) -> int:
    qs = ApiToken.objects.filter(user=user, revoked_at__isnull=True)
    if login_tokens_only:
        qs = qs.filter(name=LOGIN_TOKEN_NAME)
    return qs.update(revoked_at=timezone.now())


def api_login_token_create(*, user: User) -> IssuedToken:
    """The token endpoint's token: read and write, for one working day."""
    hours = datetime.timedelta(hours=settings.API_LOGIN_TOKEN_HOURS)
    return api_token_create(user=user, name=LOGIN_TOKEN_NAME, scope="write", lifetime=hours)


def active(qs: QuerySet[ApiToken]) -> QuerySet[ApiToken]:
    return qs.filter(Q(revoked_at__isnull=True) & Q(expires_at__gt=timezone.now()))


def password_hint() -> str:
    """The password rules in plain words, read from the active AUTH_PASSWORD_VALIDATORS: the
    hint under the field and the check can never say different things."""
    parts = []
    for validator in password_validation.get_default_password_validators():
        if isinstance(validator, password_validation.MinimumLengthValidator):
            n = validator.min_length
            parts.append(ngettext("Minstens %(n)s teken.", "Minstens %(n)s tekens.", n) % {"n": n})
        elif isinstance(validator, password_validation.NumericPasswordValidator):
            parts.append(_("Niet alleen cijfers."))
        elif isinstance(validator, password_validation.CommonPasswordValidator):
            parts.append(_("Geen wachtwoord dat veel mensen gebruiken."))
        elif isinstance(validator, password_validation.UserAttributeSimilarityValidator):
            parts.append(_("Niet te veel zoals je naam of e-mailadres."))
    return " ".join(parts)
