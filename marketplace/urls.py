"""URLs of the marketplace's pages for everyone: accounts and the home page."""

from django.contrib.auth import views as auth_views
from django.urls import path

from .views import accounts, home, matches, parent, privacy, student, webhooks

urlpatterns = [
    path("", home.home, name="home"),
    path("matches/<int:pk>/", matches.match_detail, name="match-detail"),
    path("mijn-matches/", student.my_matches, name="student-matches"),
    path("mijn-matches/plek/<int:pk>/", student.opening_detail, name="student-opening"),
    path(
        "mijn-matches/plek/<int:pk>/interesse/",
        student.opening_interest,
        name="student-opening-interest",
    ),
    path(
        "mijn-matches/plek/<int:pk>/niet-voor-mij/",
        student.opening_decline,
        name="student-opening-decline",
    ),
    path("mijn-uitnodigingen/<int:pk>/", student.invitation_detail, name="student-invitation"),
    path("mijn-uitnodigingen/<int:pk>/ja/", student.invitation_yes, name="student-invitation-yes"),
    path("mijn-uitnodigingen/<int:pk>/nee/", student.invitation_no, name="student-invitation-no"),
    path("mijn-profiel/", student.profile, name="student-profile"),
    path("mijn-profiel/<slug:step>/", student.profile_step, name="student-profile-step"),
    path("mijn-kind/", parent.children, name="parent-children"),
    path("mijn-kind/<int:pk>/", parent.child_detail, name="parent-child"),
    # The AVG rights: see, download and ask to erase one's data; the school's decision queue.
    path("mijn-gegevens/", privacy.mine, name="privacy-mine"),
    path("mijn-gegevens/download.json", privacy.mine_json, name="privacy-mine-json"),
    path("mijn-gegevens/download.pdf", privacy.mine_pdf, name="privacy-mine-pdf"),
    path("mijn-gegevens/verwijderen/", privacy.mine_erase, name="privacy-mine-erase"),
    path("mijn-kind/<int:pk>/gegevens/", privacy.child, name="privacy-child"),
    path("mijn-kind/<int:pk>/gegevens.json", privacy.child_json, name="privacy-child-json"),
    path("mijn-kind/<int:pk>/gegevens.pdf", privacy.child_pdf, name="privacy-child-pdf"),
    path(
        "mijn-kind/<int:pk>/gegevens/verwijderen/",
        privacy.child_erase,
        name="privacy-child-erase",
    ),
    path("privacy/verzoeken/", privacy.queue, name="privacy-queue"),
    path("privacy/verzoeken/<int:pk>/", privacy.decide, name="privacy-decide"),
    path("privacy/verwerkingsregister/", privacy.register, name="privacy-register"),
    path("accounts/login/", accounts.LoginView.as_view(), name="login"),
    path("accounts/logout/", accounts.LogoutView.as_view(), name="logout"),
    path("accounts/bevestigen/<uidb64>/<token>/", accounts.account_confirm, name="account-confirm"),
    path("accounts/tweestaps/", accounts.second_factor, name="second-factor"),
    path("accounts/tweestaps/instellen/", accounts.second_factor_setup, name="second-factor-setup"),
    path(
        "accounts/beveiliging/herstelcodes/",
        accounts.recovery_codes_renew,
        name="recovery-codes-renew",
    ),
    path("accounts/beveiliging/inloggen/", accounts.login_security, name="login-security"),
    path(
        "accounts/beveiliging/inloggen/adres-ontgrendelen/",
        accounts.address_unlock,
        name="address-unlock",
    ),
    path("accounts/wachtwoord-wijzigen/", accounts.password_change, name="password-change"),
    path(
        "accounts/beveiliging/inloggen/<int:pk>/ontgrendelen/",
        accounts.login_unlock,
        name="login-unlock",
    ),
    path(
        "accounts/beveiliging/inloggen/<int:pk>/tweestaps-opnieuw/",
        accounts.second_factor_reset,
        name="second-factor-reset",
    ),
    path("accounts/api-sleutels/", accounts.api_tokens, name="api-tokens"),
    path(
        "accounts/api-sleutels/<int:pk>/intrekken/",
        accounts.api_token_revoke,
        name="api-token-revoke",
    ),
    path("accounts/webhooks/", webhooks.webhook_list, name="webhooks"),
    path("accounts/webhooks/<int:pk>/", webhooks.webhook_detail, name="webhook"),
    path("accounts/webhooks/<int:pk>/verwijderen/", webhooks.webhook_delete, name="webhook-delete"),
    path(
        "accounts/webhooks/berichten/<int:pk>/opnieuw/",
        webhooks.webhook_replay,
        name="webhook-replay",
    ),
    path(
        "accounts/wachtwoord-vergeten/", accounts.PasswordResetView.as_view(), name="password_reset"
    ),
    path(
        "accounts/wachtwoord-vergeten/verstuurd/",
        auth_views.PasswordResetDoneView.as_view(
            template_name="registration/password_reset_done.html"
        ),
        name="password_reset_done",
    ),
    path(
        "accounts/wachtwoord/<uidb64>/<token>/",
        accounts.PasswordResetConfirmView.as_view(),
        name="password_reset_confirm",
    ),
    path(
        "accounts/wachtwoord/klaar/",
        auth_views.PasswordResetCompleteView.as_view(
            template_name="registration/password_reset_complete.html"
        ),
        name="password_reset_complete",
    ),
]
