"""The REST API, version 1."""

from django.urls import include, path

from employers.apis import OpeningDetailApi, OpeningListApi
from marketplace.apis import MeApi, MyProfileApi, TokenCreateApi
from marketplace.apis_matching import OpeningCandidatesApi, StudentMatchesApi
from marketplace.apis_privacy import ErasureRequestCreateApi, MyAccessLogApi, MyDataExportApi
from matching.apis import (
    CertificateListApi,
    CompetencyListApi,
    PlaceListApi,
    QualificationListApi,
    SectorListApi,
)

urlpatterns = [
    path("", include("employers.api_urls")),
    path("", include("marketplace.api_urls_student")),
    path("", include("mediation.api_urls")),
    path("", include("marketplace.api_urls_common")),
    path("", include("marketplace.api_urls_webhooks")),
    path("auth/token/", TokenCreateApi.as_view(), name="api-token"),
    path("me/", MeApi.as_view(), name="api-me"),
    path("me/profile/", MyProfileApi.as_view(), name="api-my-profile"),
    path("me/data/", MyDataExportApi.as_view(), name="api-my-data"),
    path("me/access-log/", MyAccessLogApi.as_view(), name="api-my-access-log"),
    path("me/erasure-request/", ErasureRequestCreateApi.as_view(), name="api-my-erasure-request"),
    path("sectors/", SectorListApi.as_view(), name="api-sectors"),
    path("qualifications/", QualificationListApi.as_view(), name="api-qualifications"),
    path("competencies/", CompetencyListApi.as_view(), name="api-competencies"),
    path("certificates/", CertificateListApi.as_view(), name="api-certificates"),
    path("places/", PlaceListApi.as_view(), name="api-places"),
    path("openings/", OpeningListApi.as_view(), name="api-openings"),
    path("openings/<int:pk>/", OpeningDetailApi.as_view(), name="api-opening"),
    path(
        "students/<int:student_id>/matches/",
        StudentMatchesApi.as_view(),
        name="api-student-matches",
    ),
    path(
        "openings/<int:opening_id>/candidates/",
        OpeningCandidatesApi.as_view(),
        name="api-opening-candidates",
    ),
]
