"""The mediators' part of the API: caseload, records, search, proposals and match steps."""

from django.urls import include, path

urlpatterns: list = [
    path("", include("mediation.api_urls_aftercare")),
]
