"""Log in and out, and reset a forgotten password by e-mail."""

from django.contrib.auth import get_user_model
from django.contrib.auth import views as auth_views
from django.contrib.auth.forms import PasswordResetForm
from django.urls import reverse_lazy

from ..forms import LoginForm


class CaseInsensitiveLoginForm(LoginForm):
    """Addresses are stored in lower case; "Sanne@School.nl" logs in as well."""

    def clean(self):
        if self.cleaned_data.get("username"):
            self.cleaned_data["username"] = self.cleaned_data["username"].lower()
        return super().clean()


class LoginView(auth_views.LoginView):
    form_class = CaseInsensitiveLoginForm
    template_name = "accounts/login.html"
    redirect_authenticated_user = True


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
