"""URLs of the employer's pages (mounted at /werkgever/)."""

from django.urls import path

from . import views
from .views import colleagues as team
from .views import invitations, on_behalf
from .views import recognitions as erkenningen

app_name = "werkgever"
urlpatterns = [
    path("", views.dashboard, name="dashboard"),
    path("aanmelden/", views.register, name="register"),
    path("vestigingen/nieuw/", views.location_add, name="location-add"),
    path("plekken/nieuw/", views.opening_form, name="opening-new"),
    path("plekken/<int:pk>/wijzigen/", views.opening_form, name="opening-edit"),
    path("plekken/<int:pk>/status/", views.opening_status, name="opening-status"),
    path("plekken/<int:pk>/sluiten/", views.opening_close, name="opening-close"),
    path("plekken/<int:pk>/kandidaten/", views.candidates, name="candidates"),
    path("matches/<int:pk>/antwoord/", views.respond, name="respond"),
    path("plekken/<int:pk>/uitnodigen/<str:label>/", invitations.invite, name="candidate-invite"),
    path(
        "kandidaat-uitnodigingen/<int:pk>/intrekken/",
        invitations.invitation_withdraw_view,
        name="candidate-invitation-withdraw",
    ),
    path("vaardigheden/", views.picker, name="picker"),
    path("erkenningen/", erkenningen.employer_recognitions, name="recognitions"),
    path("erkenningen/verzoeken/", erkenningen.request_queue, name="recognition-requests"),
    path(
        "erkenningen/verzoeken/<int:pk>/",
        erkenningen.request_detail,
        name="recognition-request",
    ),
    path(
        "erkenningen/verzoeken/<int:pk>/oppakken/",
        erkenningen.request_take,
        name="recognition-request-take",
    ),
    path(
        "erkenningen/verzoeken/<int:pk>/goedkeuren/",
        erkenningen.request_approve,
        name="recognition-request-approve",
    ),
    path(
        "erkenningen/verzoeken/<int:pk>/afwijzen/",
        erkenningen.request_reject,
        name="recognition-request-reject",
    ),
    path("collegas/", team.colleagues, name="colleagues"),
    path("collegas/<int:pk>/rol/", team.colleague_role, name="colleague-role"),
    path("collegas/<int:pk>/verwijderen/", team.colleague_remove, name="colleague-remove"),
    path("collegas/uitnodigingen/<int:pk>/opnieuw/", team.invite_resend, name="invite-resend"),
    path("collegas/uitnodigingen/<int:pk>/intrekken/", team.invite_revoke, name="invite-revoke"),
    path("uitnodiging/<str:token>/", team.invite_accept, name="invite-accept"),
    path("namens/", on_behalf.on_behalf, name="on-behalf"),
    path(
        "namens/<int:employer_pk>/plekken/nieuw/",
        on_behalf.on_behalf_opening_new,
        name="on-behalf-opening-new",
    ),
    path(
        "namens/plekken/<int:pk>/wijzigen/",
        on_behalf.on_behalf_opening_edit,
        name="on-behalf-opening-edit",
    ),
]
