"""Log in and out, the second factor, forgotten passwords, API keys and unlocking accounts."""

import datetime

import segno
from django import forms
from django.conf import settings
from django.contrib import messages
from django.contrib.auth import get_user_model, login, logout, update_session_auth_hash
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.contrib.auth.forms import PasswordChangeForm, PasswordResetForm
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse, reverse_lazy
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from ..authentication import (
    lockout_message,
    mark_session_active,
    mark_session_verified,
    session_is_verified,
)
from ..forms import LoginForm
from ..models import ApiToken
from ..permissions import can, ensure_can, get_person_for_user, second_factor_required
from ..services import security
from .common import form_errors_from


class CaseInsensitiveLoginForm(LoginForm):
    """Addresses are stored in lower case; "Sanne@School.nl" logs in as well. After too many
    wrong passwords (for this address or from this network) it says so, for every address,
    existing or not."""

    shared_device = forms.BooleanField(
        label=gettext_lazy("Gedeelde computer: log mij uit als ik de browser sluit"),
        required=False,
    )

    def clean(self):
        if self.cleaned_data.get("username"):
            self.cleaned_data["username"] = self.cleaned_data["username"].lower()
        try:
            return super().clean()
        except ValidationError:
            if getattr(self.request, "axes_locked_out", False):
                raise ValidationError(lockout_message(), code="locked_out") from None
            raise


class LoginView(auth_views.LoginView):
    form_class = CaseInsensitiveLoginForm
    template_name = "accounts/login.html"
    redirect_authenticated_user = True

    def form_valid(self, form):
        response = super().form_valid(form)
        if form.cleaned_data.get("shared_device"):
            self.request.session.set_expiry(0)  # ends when the browser closes
        mark_session_active(self.request.session)
        return response

    def form_invalid(self, form):
        status = 429 if getattr(self.request, "axes_locked_out", False) else 400
        return self.render_to_response(self.get_context_data(form=form), status=status)


class LogoutView(auth_views.LogoutView):
    """Logging out also ends the tokens the token endpoint gave this person."""

    def post(self, request, *args, **kwargs):
        if request.user.is_authenticated:
            security.api_tokens_revoke_all(user=request.user, login_tokens_only=True)
        return super().post(request, *args, **kwargs)


class InvitedPasswordResetForm(PasswordResetForm):
    """Also mails active accounts without a usable password: imported students and invited
    people choose their first password this way. The page answers the same whether or not the
    address exists, so it tells nobody who has an account."""

    def get_users(self, email):
        users = get_user_model()._default_manager.filter(
            email__iexact=email.strip(), is_active=True
        )
        return (u for u in users if u.email)


class PasswordResetView(auth_views.PasswordResetView):
    form_class = InvitedPasswordResetForm
    template_name = "registration/password_reset_form.html"
    email_template_name = "registration/password_reset_email.txt"
    subject_template_name = "registration/password_reset_subject.txt"
    success_url = reverse_lazy("password_reset_done")


class PasswordResetConfirmView(auth_views.PasswordResetConfirmView):
    """A new password ends every API key (they are bound to the old one) and the lockout."""

    template_name = "registration/password_reset_confirm.html"

    def form_valid(self, form):
        response = super().form_valid(form)
        security.api_tokens_revoke_all(user=form.user)
        return response


@login_required
def password_change(request):
    """Change your password while logged in: the old one first. This session goes on; other
    sessions and every API key end (both are bound to the password hash), and a mail tells the
    owner."""
    form = PasswordChangeForm(request.user, request.POST or None)
    if request.method == "POST" and form.is_valid():
        user = form.save()
        update_session_auth_hash(request, user)
        security.api_tokens_revoke_all(user=user)
        security.password_changed_notice_send(user=user)
        messages.success(request, _("Je wachtwoord is gewijzigd."))
        return redirect("home")
    status = 400 if request.method == "POST" else 200
    return render(request, "accounts/password_change.html", {"form": form}, status=status)


def account_confirm(request, uidb64, token):
    """The link in a new employer's mail: activates the account and logs them in."""
    user = security.account_confirm(uidb64=uidb64, token=token)
    if user is None:
        messages.error(
            request, _("Deze link werkt niet (meer). Log in, of vraag een nieuw wachtwoord aan.")
        )
        return redirect("login")
    login(request, user, backend="django.contrib.auth.backends.ModelBackend")
    mark_session_active(request.session)
    messages.success(request, _("Welkom! Je bedrijf is aangemeld. Zet nu je eerste plek online."))
    return redirect("werkgever:opening-new")


# --- the second factor -------------------------------------------------------------------------


class CodeForm(forms.Form):
    code = forms.CharField(
        label=gettext_lazy("Code"),
        max_length=32,
        help_text=gettext_lazy("De 6 cijfers uit je app, of een van je herstelcodes."),
        error_messages={"required": gettext_lazy("Vul de code in.")},
        widget=forms.TextInput(
            attrs={"autocomplete": "one-time-code", "inputmode": "text", "autofocus": True}
        ),
    )


class ReauthForm(CodeForm):
    """Replacing a linked app: first prove it is you, with your password and a current code."""

    password = forms.CharField(
        label=gettext_lazy("Je wachtwoord"),
        max_length=128,
        strip=False,
        error_messages={"required": gettext_lazy("Vul je wachtwoord in.")},
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
    )
    current_code = forms.CharField(
        label=gettext_lazy("Code uit je huidige app, of een herstelcode"),
        max_length=32,
        error_messages={"required": gettext_lazy("Vul de code uit je huidige app in.")},
        widget=forms.TextInput(attrs={"autocomplete": "one-time-code"}),
    )
    field_order = ["password", "current_code", "code"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["code"].label = gettext_lazy("Code uit je nieuwe app")
        self.fields["code"].help_text = gettext_lazy("De 6 cijfers die je nieuwe app nu laat zien.")
        self.fields["code"].widget.attrs.pop("autofocus", None)


SETUP_CODE_HELP = gettext_lazy("De 6 cijfers die de app nu laat zien.")
FAILURES_SESSION_KEY = "second_factor_failures"


def _wrong_code_message(request) -> str:
    wait = security.second_factor_wait(user=request.user)
    if wait > 0:
        return _(
            "Je hebt net een verkeerde code ingevuld. Wacht %(seconds)s seconden en probeer het "
            "dan opnieuw."
        ) % {"seconds": wait}
    return _("Deze code klopt niet. Probeer het opnieuw.")


def _code_failed(request) -> bool:
    """Counts a wrong code in this session; at the limit the session ends and the account is
    locked like after too many wrong passwords. True when that happened."""
    failures = request.session.get(FAILURES_SESSION_KEY, 0) + 1
    request.session[FAILURES_SESSION_KEY] = failures
    if failures < settings.SECOND_FACTOR_MAX_FAILURES:
        return False
    security.second_factor_lockout(
        user=request.user,
        ip_address=getattr(request, "axes_ip_address", None) or request.META.get("REMOTE_ADDR"),
        user_agent=request.META.get("HTTP_USER_AGENT", ""),
    )
    logout(request)
    messages.error(
        request,
        _(
            "Je hebt te vaak een verkeerde code ingevuld. Je bent uitgelogd en je account is "
            "%(minutes)s minuten geblokkeerd. Lukt het daarna niet? Vraag de coördinator om hulp."
        )
        % {"minutes": round(settings.AXES_COOLOFF_TIME * 60)},
    )
    return True


def _next_url(request) -> str:
    target = request.POST.get("next") or request.GET.get("next") or ""
    if url_has_allowed_host_and_scheme(target, {request.get_host()}, request.is_secure()):
        return target
    return reverse("home")


@login_required
def second_factor(request):
    """After the password: the code from the app, or a recovery code."""
    if not second_factor_required(request.user):
        return redirect(_next_url(request))
    if not security.has_second_factor(user=request.user):
        return redirect(f"{reverse('second-factor-setup')}?next={_next_url(request)}")
    form = CodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        message = _wrong_code_message(request)  # before the check, which starts a new wait
        device = security.second_factor_check(user=request.user, code=form.cleaned_data["code"])
        if device is not None:
            mark_session_verified(request, device)
            if device.__class__.__name__ == "StaticDevice":
                left = security.recovery_codes_left(user=request.user)
                messages.warning(
                    request,
                    _("Je hebt een herstelcode gebruikt. Je hebt er nog %(n)s.") % {"n": left},
                )
            request.session.pop(FAILURES_SESSION_KEY, None)
            return redirect(_next_url(request))
        if _code_failed(request):
            return redirect("login")
        form.add_error("code", message)
    status = 400 if request.method == "POST" else 200
    context = {"form": form, "next": _next_url(request)}
    return render(request, "accounts/second_factor.html", context, status=status)


@login_required
def second_factor_setup(request):
    """Link an authenticator app: scan the QR code, type its first code, get recovery codes."""
    if not second_factor_required(request.user):
        return redirect("home")
    already = security.has_second_factor(user=request.user)
    if already and not session_is_verified(request):
        return redirect(f"{reverse('second-factor')}?next={_next_url(request)}")
    device = security.totp_device_for_setup(user=request.user)
    if already:
        form = ReauthForm(request.POST or None)
    else:
        form = CodeForm(request.POST or None)
        form.fields["code"].help_text = SETUP_CODE_HELP  # no recovery codes yet
    if request.method == "POST" and form.is_valid() and already:
        # Replacing a linked app needs the password and a current code, so a session left
        # open on someone's computer cannot move the second factor to another phone. Wrong
        # answers count towards the same hard stop as wrong codes.
        wait_message = _wrong_code_message(request)
        password_ok = request.user.check_password(form.cleaned_data["password"])
        code = form.cleaned_data["current_code"]
        device_ok = password_ok and security.second_factor_check(user=request.user, code=code)
        if not device_ok:
            if _code_failed(request):
                return redirect("login")
            if not password_ok:
                form.add_error("password", _("Dit wachtwoord klopt niet."))
            else:
                form.add_error("current_code", wait_message)
    if request.method == "POST" and form.is_valid():
        try:
            codes = security.totp_device_confirm(
                user=request.user, device=device, code=form.cleaned_data["code"]
            )
        except ValidationError as exc:
            form_errors_from(form, exc)
        else:
            mark_session_verified(request, device)
            context = {"codes": codes, "next": _next_url(request)}
            return render(request, "accounts/recovery_codes.html", context)
    url = device.config_url
    context = {
        "form": form,
        "next": _next_url(request),
        "qr_svg": segno.make(url, error="m").svg_inline(scale=4, title=_("QR-code voor je app")),
        "secret": device.config_url.split("secret=")[1].split("&")[0],
        "already": already,
    }
    status = 400 if request.method == "POST" else 200
    return render(request, "accounts/second_factor_setup.html", context, status=status)


@require_POST
@login_required
def recovery_codes_renew(request):
    if not second_factor_required(request.user) or not session_is_verified(request):
        raise Http404
    codes = security.recovery_codes_renew(user=request.user)
    return render(request, "accounts/recovery_codes.html", {"codes": codes, "next": "/"})


# --- the coordinator: unlock accounts, reset a lost second factor --------------------------------


@login_required
def login_security(request):
    ensure_can(request.user, "unlock_logins")
    context = {
        "locked": security.locked_accounts_for(user=request.user),
        "locked_addresses": security.locked_addresses(),
        "people": security.staff_with_second_factor(user=request.user),
    }
    return render(request, "accounts/login_security.html", context)


@require_POST
@login_required
def login_unlock(request, pk):
    person = get_person_for_user(request.user, pk, may="reset_login_security")
    security.login_unlock(actor=request.user, person=person)
    messages.success(request, _("%(who)s kan weer inloggen.") % {"who": person.email})
    return redirect("login-security")


@require_POST
@login_required
def address_unlock(request):
    ensure_can(request.user, "unlock_logins")
    address = request.POST.get("ip_address", "")[:45]
    if address not in {a["ip_address"] for a in security.locked_addresses()}:
        raise Http404
    security.address_unlock(actor=request.user, ip_address=address)
    messages.success(
        request, _("Vanaf netwerkadres %(ip)s kan weer worden ingelogd.") % {"ip": address}
    )
    return redirect("login-security")


@require_POST
@login_required
def second_factor_reset(request, pk):
    person = get_person_for_user(request.user, pk, may="reset_login_security")
    security.second_factor_reset(actor=request.user, person=person)
    messages.success(
        request,
        _("%(who)s stelt bij de volgende keer inloggen een nieuwe app in.") % {"who": person.email},
    )
    return redirect("login-security")


# --- API keys ---------------------------------------------------------------------------------

LIFETIMES = [
    (30, gettext_lazy("30 dagen")),
    (90, gettext_lazy("90 dagen")),
    (180, gettext_lazy("een half jaar")),
    (365, gettext_lazy("een jaar")),
]


class ApiTokenForm(forms.Form):
    name = forms.CharField(
        label=gettext_lazy("Naam"),
        max_length=80,
        help_text=gettext_lazy("Waar gebruik je de sleutel voor? Bijvoorbeeld ‘Ons HR-systeem’."),
        error_messages={"required": gettext_lazy("Geef de sleutel een naam.")},
    )
    scope = forms.ChoiceField(
        label=gettext_lazy("Wat mag de sleutel?"),
        choices=ApiToken.Scope.choices,
        initial=ApiToken.Scope.READ,
        widget=forms.RadioSelect,
        error_messages={"required": gettext_lazy("Kies wat de sleutel mag.")},
    )
    days = forms.TypedChoiceField(
        label=gettext_lazy("Hoe lang werkt de sleutel?"),
        choices=LIFETIMES,
        coerce=int,
        initial=90,
        error_messages={
            "required": gettext_lazy("Kies hoe lang de sleutel werkt."),
            "invalid_choice": gettext_lazy("Kies hoe lang de sleutel werkt."),
        },
    )


@login_required
def api_tokens(request):
    ensure_can(request.user, "manage_api_tokens")
    form = ApiTokenForm(request.POST or None)
    issued = None
    if request.method == "POST" and form.is_valid():
        try:
            issued = security.api_token_create(
                user=request.user,
                name=form.cleaned_data["name"],
                scope=form.cleaned_data["scope"],
                lifetime=datetime.timedelta(days=form.cleaned_data["days"]),
            )
        except ValidationError as exc:
            form_errors_from(form, exc)
        else:
            form = ApiTokenForm()
    context = {
        "form": form,
        "issued": issued,
        "tokens": security.api_tokens_of(user=request.user),
        "may_manage_webhooks": can(request.user, "manage_webhooks"),
    }
    status = 400 if request.method == "POST" and issued is None else 200
    return render(request, "accounts/api_tokens.html", context, status=status)


@require_POST
@login_required
def api_token_revoke(request, pk):
    ensure_can(request.user, "manage_api_tokens")
    token = security.api_tokens_of(user=request.user).filter(pk=pk).first()
    if token is None:
        raise Http404
    security.api_token_revoke(user=request.user, token=token)
    messages.success(request, _("De sleutel ‘%(name)s’ werkt niet meer.") % {"name": token.name})
    return redirect("api-tokens")
