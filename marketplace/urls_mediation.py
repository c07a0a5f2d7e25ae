"""URLs of the mediation workspace (/werk/) for jobhunters, JPO's, school staff,
accountmanagers and werkcoaches."""

from django.urls import path

from .views import werk, werk_cases

app_name = "werk"

urlpatterns = [
    path("", werk.caseload, name="caseload"),
    path("jongeren/<int:pk>/", werk.student_detail, name="student"),
    path("jongeren/<int:pk>/voorstellen/", werk.propose, name="propose"),
    path("jongeren/<int:pk>/escaleren/", werk.escalate, name="escalate"),
    path("jongeren/<int:pk>/advies/", werk.advies, name="advies"),
    path("jongeren/<int:pk>/contact-na-diploma/", werk.contact_consent, name="contact-consent"),
    path("jongeren/<int:pk>/overgangsdokument/", werk_cases.handover_edit, name="handover-edit"),
    path(
        "jongeren/<int:pk>/overgangsdokument/versturen/",
        werk_cases.handover_send_view,
        name="handover-send",
    ),
    path("bord/", werk.board, name="board"),
    path("matches/<int:pk>/", werk.match_detail, name="match"),
    path("matches/<int:pk>/stap/", werk.match_move, name="match-move"),
    path("matches/<int:pk>/volgende-stap/", werk.match_next, name="match-next"),
    path("escalaties/", werk_cases.escalations, name="escalations"),
    path("escalaties/<int:pk>/", werk_cases.escalation_detail, name="escalation"),
    path("escalaties/<int:pk>/oppakken/", werk_cases.escalation_take_view, name="escalation-take"),
    path(
        "escalaties/<int:pk>/afsluiten/", werk_cases.escalation_close_view, name="escalation-close"
    ),
    path("check-ins/", werk_cases.checkins, name="checkins"),
    path("check-ins/<int:pk>/", werk_cases.checkin_detail, name="checkin"),
    path("plaatsingen/<int:pk>/uitkomst/", werk_cases.placement_outcome, name="placement-outcome"),
    path("overdrachten/", werk_cases.handovers, name="handover"),
    path("overdrachten/<int:pk>/", werk_cases.handover_detail, name="handover-detail"),
    path("overdrachten/<int:pk>/pdf/", werk_cases.handover_pdf_view, name="handover-pdf"),
    path("inbox/", werk_cases.inbox, name="inbox"),
    path("inbox/<int:pk>/gelezen/", werk_cases.inbox_read, name="inbox-read"),
    path("taken/<int:pk>/klaar/", werk_cases.action_done_view, name="action-done"),
]
