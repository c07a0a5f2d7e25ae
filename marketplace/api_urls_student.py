"""The student's and the parent's part of the API: profile, matches, timeline, registrations."""

from django.urls import path

from . import apis_parent as parent
from . import apis_student as student
from . import apis_student_matches as matches

urlpatterns: list = [
    path("me/skills/", student.StudentSkillsApi.as_view(), name="api-my-skills"),
    path("me/skills/<int:competency_id>/", student.StudentSkillApi.as_view(), name="api-my-skill"),
    path("me/certificates/", student.StudentCertificatesApi.as_view(), name="api-my-certificates"),
    path(
        "me/certificates/<int:certificate_id>/",
        student.StudentCertificateApi.as_view(),
        name="api-my-certificate",
    ),
    path("me/interests/", student.StudentInterestsApi.as_view(), name="api-my-interests"),
    path("me/support/", student.StudentSupportApi.as_view(), name="api-my-support"),
    path("me/consents/", student.StudentConsentsApi.as_view(), name="api-my-consents"),
    path(
        "me/consents/history/",
        student.StudentConsentHistoryApi.as_view(),
        name="api-my-consent-history",
    ),
    path("me/consents/<slug:kind>/", student.StudentConsentApi.as_view(), name="api-my-consent"),
    path(
        "me/openings/<int:pk>/interest/",
        matches.StudentOpeningInterestApi.as_view(),
        name="api-my-opening-interest",
    ),
    path(
        "me/openings/<int:pk>/decline/",
        matches.StudentOpeningDeclineApi.as_view(),
        name="api-my-opening-decline",
    ),
    path("me/matches/", matches.StudentMatchListApi.as_view(), name="api-my-matches"),
    path("me/matches/<int:pk>/", matches.StudentMatchDetailApi.as_view(), name="api-my-match"),
    path(
        "me/matches/<int:pk>/interest/",
        matches.StudentMatchInterestApi.as_view(),
        name="api-my-match-interest",
    ),
    path(
        "me/matches/<int:pk>/decline/",
        matches.StudentMatchDeclineApi.as_view(),
        name="api-my-match-decline",
    ),
    path("parent/children/", parent.ParentChildrenApi.as_view(), name="api-parent-children"),
    path("parent/children/<int:pk>/", parent.ParentChildApi.as_view(), name="api-parent-child"),
    path("parent/matches/<int:pk>/", parent.ParentMatchApi.as_view(), name="api-parent-match"),
]
