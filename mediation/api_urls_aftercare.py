"""The mediators' part of the API after the match: check-ins, escalations, advies, transition."""

from django.urls import path

from . import apis_aftercare as aftercare
from . import apis_escalations as escalations
from . import apis_transition as transition

urlpatterns: list = [
    # Keeping the place: check-ins and the outcome of a placement.
    path("checkins/", aftercare.CheckinListApi.as_view(), name="api-checkins"),
    path("checkins/<int:pk>/", aftercare.CheckinDetailApi.as_view(), name="api-checkin"),
    path(
        "checkins/<int:pk>/record/",
        aftercare.CheckinRecordApi.as_view(),
        name="api-checkin-record",
    ),
    path(
        "placements/<int:pk>/outcome/",
        aftercare.PlacementOutcomeApi.as_view(),
        name="api-placement-outcome",
    ),
    # Aftercare (nazorg) after a PrO/VSO school.
    path(
        "students/<int:student_id>/aftercare/",
        aftercare.StudentAftercareApi.as_view(),
        name="api-student-aftercare",
    ),
    path(
        "students/<int:student_id>/aftercare/record/",
        aftercare.StudentAftercareRecordApi.as_view(),
        name="api-student-aftercare-record",
    ),
    # Escalations.
    path("escalations/", escalations.EscalationListApi.as_view(), name="api-escalations"),
    path(
        "escalations/<int:pk>/",
        escalations.EscalationDetailApi.as_view(),
        name="api-escalation",
    ),
    path(
        "escalations/<int:pk>/take/",
        escalations.EscalationTakeApi.as_view(),
        name="api-escalation-take",
    ),
    path(
        "escalations/<int:pk>/resolve/",
        escalations.EscalationResolveApi.as_view(),
        name="api-escalation-resolve",
    ),
    path(
        "escalations/<int:pk>/hand-back/",
        escalations.EscalationHandBackApi.as_view(),
        name="api-escalation-hand-back",
    ),
    path(
        "students/<int:student_id>/escalate/",
        escalations.StudentEscalateApi.as_view(),
        name="api-student-escalate",
    ),
    # The advies, the contact after the diploma and the overgangsdokument.
    path(
        "students/<int:student_id>/advies/",
        transition.StudentAdviesApi.as_view(),
        name="api-student-advies",
    ),
    path(
        "students/<int:student_id>/advies/update/",
        transition.StudentAdviesUpdateApi.as_view(),
        name="api-student-advies-update",
    ),
    path(
        "students/<int:student_id>/contact-after-diploma/update/",
        transition.StudentContactAfterDiplomaApi.as_view(),
        name="api-student-contact-after-diploma",
    ),
    path(
        "students/<int:student_id>/overgangsdokument/",
        transition.StudentOvergangsdokumentApi.as_view(),
        name="api-student-overgangsdokument",
    ),
    path(
        "students/<int:student_id>/overgangsdokument/save/",
        transition.StudentOvergangsdokumentSaveApi.as_view(),
        name="api-student-overgangsdokument-save",
    ),
    path(
        "students/<int:student_id>/overgangsdokument/send/",
        transition.StudentOvergangsdokumentSendApi.as_view(),
        name="api-student-overgangsdokument-send",
    ),
    path(
        "overgangsdokumenten/",
        transition.OvergangsdokumentListApi.as_view(),
        name="api-overgangsdokumenten",
    ),
    path(
        "overgangsdokumenten/<int:pk>/",
        transition.OvergangsdokumentDetailApi.as_view(),
        name="api-overgangsdokument",
    ),
    path(
        "overgangsdokumenten/<int:pk>/confirm-receipt/",
        transition.OvergangsdokumentConfirmApi.as_view(),
        name="api-overgangsdokument-confirm",
    ),
    path(
        "overgangsdokumenten/<int:pk>/invite/",
        transition.OvergangsdokumentInviteApi.as_view(),
        name="api-overgangsdokument-invite",
    ),
    path(
        "overgangsdokumenten/<int:pk>/pdf/",
        transition.OvergangsdokumentPdfApi.as_view(),
        name="api-overgangsdokument-pdf",
    ),
]
