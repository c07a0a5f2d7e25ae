"""Who is logged in, and how safely: lockout, second factor, idle sessions, API keys, headers."""

import time
from urllib.parse import urlencode

from axes.backends import AxesStandaloneBackend
from axes.handlers.database import AxesDatabaseHandler
from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.db.models import Sum
from django.http import HttpResponse, JsonResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from drf_spectacular.extensions import OpenApiAuthenticationExtension
from rest_framework import authentication, exceptions
from rest_framework.permissions import SAFE_METHODS

from .permissions import second_factor_required
from .services import security

# The session remembers that this log-in passed the second factor (a device's id), and when the
# user was last active (seconds since the epoch).
VERIFIED_SESSION_KEY = "second_factor_device"
LAST_SEEN_SESSION_KEY = "last_seen"
LAST_SEEN_GRANULARITY = 60  # seconds: fewer session writes

LOCKOUT_MESSAGE = gettext_lazy(
    "Je kunt nu even niet inloggen, omdat er te vaak een verkeerd wachtwoord is gebruikt, "
    "voor dit account of vanaf dit netwerk (bijvoorbeeld de wifi van school). Probeer het over "
    "%(minutes)s minuten opnieuw, of vraag de coördinator om je account of het netwerkadres te "
    "ontgrendelen."
)


def lockout_message() -> str:
    return LOCKOUT_MESSAGE % {"minutes": round(settings.AXES_COOLOFF_TIME * 60)}


# --- lockout (django-axes) -----------------------------------------------------------------------


class LockoutBackend(AxesStandaloneBackend):
    """Refuses a locked-out account or address before the password is checked. Without a
    request (the test client's `login()`) there is no address to count, so it stands aside."""

    def authenticate(self, request, username=None, password=None, **kwargs):
        if request is None:
            return None
        return super().authenticate(request, username, password, **kwargs)


class LockoutHandler(AxesDatabaseHandler):
    """Counts failures per account and per address; the address gets a higher limit, so a
    school's shared network is not locked by a few pupils' typing errors."""

    def get_failures(self, request, credentials=None) -> int:
        counts = [
            qs.aggregate(n=Sum("failures_since_start"))["n"] or 0
            for qs in self.get_user_attempts(request, credentials)
        ]
        per_account, per_address = settings.AXES_FAILURE_LIMIT, settings.LOGIN_FAILURES_PER_ADDRESS
        account = counts[0] if counts else 0
        address = counts[-1] if len(counts) > 1 else 0
        return max(account, address * per_account // max(per_address, 1))

    def reset_user_attempts(self, request, credentials=None) -> int:
        """A successful log-in clears that account's failures only: logging in to one's own
        account must not wipe the failures against someone else's from the same address."""
        username = lockout_username(request, credentials)
        return self.reset_attempts(username=username) if username else 0


def lockout_username(request, credentials=None) -> str | None:
    username = (credentials or {}).get("username") or request.POST.get("username")
    return str(username).strip().lower()[:254] if username else None


def lockout_response(request, original_response=None, credentials=None):
    """Our login page and token endpoint answer a lockout themselves, in Dutch."""
    if original_response is not None:
        return original_response
    return HttpResponse(lockout_message(), status=429, content_type="text/plain; charset=utf-8")


# --- sessions: second factor and inactivity ----------------------------------------------------

OPEN_PREFIXES = (
    "/accounts/login/",
    "/accounts/logout/",
    "/accounts/tweestaps/",
    "/accounts/wachtwoord/",  # the links in a reset mail (not wachtwoord-wijzigen: staff
    "/accounts/wachtwoord-vergeten/",  # change their password only after the second factor)
    "/i18n/",
)


def mark_session_verified(request, device) -> None:
    request.session.cycle_key()
    request.session[VERIFIED_SESSION_KEY] = device.persistent_id


def mark_session_active(session) -> None:
    session[LAST_SEEN_SESSION_KEY] = int(time.time())


def mark_session_verified_for_tests(session) -> None:
    """For the test suite's `force_login`: a session that passed both steps, active now."""
    session[VERIFIED_SESSION_KEY] = "test"
    mark_session_active(session)


def _idle_limit_seconds(user) -> float:
    hours = settings.STAFF_IDLE_HOURS if second_factor_required(user) else settings.IDLE_HOURS
    return hours * 3600


def _is_api(request) -> bool:
    return request.path.startswith("/api/")


class SessionIdleMiddleware:
    """Ends a session that was idle too long (staff sooner than others)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.user.is_authenticated:
            now = int(time.time())
            seen = request.session.get(LAST_SEEN_SESSION_KEY)
            if seen is not None and now - seen > _idle_limit_seconds(request.user):
                logout(request)
                if not _is_api(request):
                    messages.info(request, _("Je was een tijd niet actief. Log opnieuw in."))
            elif seen is None or now - seen > LAST_SEEN_GRANULARITY:
                mark_session_active(request.session)
        return self.get_response(request)


class SecondFactorMiddleware:
    """Staff and the admin pass a second factor after their password before any other page."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if self._must_verify(request):
            if _is_api(request):
                message = _("Bevestig eerst je inlog met de code uit je app.")
                body = {"status": 403, "code": "second_factor", "message": message, "fields": {}}
                return JsonResponse(body, status=403)
            has_app = security.has_second_factor(user=request.user)
            target = reverse("second-factor" if has_app else "second-factor-setup")
            return redirect(f"{target}?{urlencode({'next': request.get_full_path()})}")
        return self.get_response(request)

    @staticmethod
    def _must_verify(request) -> bool:
        return (
            settings.SECOND_FACTOR_REQUIRED
            and request.user.is_authenticated
            and not request.path.startswith(OPEN_PREFIXES + (settings.STATIC_URL,))
            and not request.session.get(VERIFIED_SESSION_KEY)
            and second_factor_required(request.user)
        )


def session_is_verified(request) -> bool:
    return bool(request.session.get(VERIFIED_SESSION_KEY))


# --- headers -----------------------------------------------------------------------------------


class SecurityHeadersMiddleware:
    """The headers Django does not set itself (CSP comes from django-csp)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        response.headers.setdefault("Permissions-Policy", settings.PERMISSIONS_POLICY)
        return response


# --- API tokens --------------------------------------------------------------------------------


class ApiTokenAuthentication(authentication.BaseAuthentication):
    """`Authorization: Token <key>` (or `Bearer <key>`) with a personal key; a read-only key
    may not change anything."""

    keywords = ("token", "bearer")

    def authenticate(self, request):
        header = authentication.get_authorization_header(request).split()
        if not header or header[0].decode(errors="replace").lower() not in self.keywords:
            return None
        if len(header) != 2:
            raise exceptions.AuthenticationFailed(_("Geef één API-sleutel na het woord Token."))
        try:
            token = security.api_token_check(key=header[1].decode(errors="replace"))
        except security.TokenRefused as exc:
            raise exceptions.AuthenticationFailed(str(exc)) from exc
        if request.method not in SAFE_METHODS and token.scope != token.Scope.WRITE:
            raise exceptions.PermissionDenied(_("Deze API-sleutel mag alleen lezen."))
        return token.user, token

    def authenticate_header(self, request):
        return "Token"


class ApiTokenScheme(OpenApiAuthenticationExtension):
    """How the API documentation describes the personal keys."""

    target_class = "marketplace.authentication.ApiTokenAuthentication"
    name = "apiToken"

    def get_security_definition(self, auto_schema):
        return {
            "type": "apiKey",
            "in": "header",
            "name": "Authorization",
            "description": _("Persoonlijke sleutel: `Token bpv_…`"),
        }
