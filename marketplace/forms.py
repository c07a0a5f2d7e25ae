"""Forms of the marketplace: they check the shape of input; rules live in services."""

from django import forms
from django.contrib.auth.forms import AuthenticationForm
from django.utils.translation import gettext_lazy as _


class LoginForm(AuthenticationForm):
    username = forms.EmailField(
        label=_("E-mailadres"),
        widget=forms.EmailInput(attrs={"autocomplete": "email", "autofocus": True}),
    )
    password = forms.CharField(
        label=_("Wachtwoord"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
    )
    error_messages = {
        "invalid_login": _(
            "Het e-mailadres of het wachtwoord klopt niet. Let op hoofdletters en probeer het "
            "opnieuw."
        ),
        "inactive": _("Dit account is niet actief. Neem contact op met je begeleider."),
    }
