"""URLs of the mediation workspace (/werk/) for jobhunters, JPO's, school staff,
accountmanagers and werkcoaches."""

from django.urls import path

from .views import aftercare, cases, students

app_name = "werk"

urlpatterns = [
    path("", students.caseload, name="caseload"),
    path("jongeren/<int:pk>/", students.student_detail, name="student"),
    path("jongeren/<int:pk>/voorstellen/", students.propose, name="propose"),
    path("jongeren/<int:pk>/escaleren/", students.escalate, name="escalate"),
    path("jongeren/<int:pk>/advies/", students.advies, name="advies"),
    path("jongeren/<int:pk>/contact-na-diploma/", students.contact_consent, name="contact-consent"),
    path("jongeren/<int:pk>/nazorg/", aftercare.aftercare_record, name="aftercare-record"),
    path(
        "jongeren/<int:pk>/overgangsdokument/",
        cases.overgangsdokument_edit,
        name="overgangsdokument-edit",
    ),
    path(
        "jongeren/<int:pk>/overgangsdokument/versturen/",
        cases.overgangsdokument_send_view,
        name="overgangsdokument-send",
    ),
    path("bord/", students.board, name="board"),
    path("matches/<int:pk>/", students.match_detail, name="match"),
    path("matches/<int:pk>/stap/", students.match_step, name="match-step"),
    path("matches/<int:pk>/volgende-stap/", students.match_next, name="match-next"),
    path("escalaties/", cases.escalations, name="escalations"),
    path("escalaties/<int:pk>/", cases.escalation_detail, name="escalation"),
    path("escalaties/<int:pk>/oppakken/", cases.escalation_take_view, name="escalation-take"),
    path("escalaties/<int:pk>/afsluiten/", cases.escalation_close_view, name="escalation-close"),
    path("check-ins/", cases.checkins, name="checkins"),
    path("check-ins/<int:pk>/", cases.checkin_detail, name="checkin"),
    path("plaatsingen/<int:pk>/uitkomst/", cases.placement_outcome, name="placement-outcome"),
    path("overdrachten/", cases.overgangsdokumenten, name="overgangsdokumenten"),
    path("overdrachten/<int:pk>/", cases.overgangsdokument_detail, name="overgangsdokument"),
    path(
        "overdrachten/<int:pk>/pdf/", cases.overgangsdokument_pdf_view, name="overgangsdokument-pdf"
    ),
    path("inbox/", cases.inbox, name="inbox"),
    path("inbox/<int:pk>/gelezen/", cases.inbox_read, name="inbox-read"),
    path("taken/<int:pk>/klaar/", cases.action_done_view, name="action-done"),
]
