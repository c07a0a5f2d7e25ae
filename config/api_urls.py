"""The REST API, version 1."""

from django.urls import path

from marketplace.apis_matching import OpeningCandidatesApi, StudentMatchesApi

urlpatterns = [
    path("students/<int:student_id>/matches/", StudentMatchesApi.as_view(), name="student-matches"),
    path(
        "openings/<int:opening_id>/candidates/",
        OpeningCandidatesApi.as_view(),
        name="opening-candidates",
    ),
]
