"""URLs of the marketplace's pages for everyone: accounts and the home page."""

from django.contrib.auth import views as auth_views
from django.urls import path

from .views import accounts, home, matches, parent, student

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
    path("mijn-profiel/", student.profile, name="student-profile"),
    path("mijn-profiel/<slug:step>/", student.profile_step, name="student-profile-step"),
    path("mijn-kind/", parent.children, name="parent-children"),
    path("mijn-kind/<int:pk>/", parent.child_detail, name="parent-child"),
    path("accounts/login/", accounts.LoginView.as_view(), name="login"),
    path("accounts/logout/", auth_views.LogoutView.as_view(), name="logout"),
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
        auth_views.PasswordResetConfirmView.as_view(
            template_name="registration/password_reset_confirm.html"
        ),
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
