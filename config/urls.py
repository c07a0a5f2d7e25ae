"""URL configuration of the whole site."""

from csp.decorators import csp_update
from django.contrib import admin
from django.urls import include, path
from django.views import defaults
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerSplitView

from config import api

# Swagger UI from our own static files (works offline); the split view serves its start script
# as a file, so the docs run under our CSP. Swagger UI adds one fixed <style>, allowed by hash.
API_DOCS = csp_update({"style-src": "'sha256-MMpT0iDxyjALd9PdfepImGX3DBfJPXZ4IlDWdPAgtn0='"})(
    SpectacularSwaggerSplitView.as_view(url_name="schema")
)

urlpatterns = [
    path("", include("marketplace.urls")),
    path("werk/", include("mediation.urls")),
    path("werkgever/", include("employers.urls")),
    path("evenementen/", include("events.urls")),
    path("toolkit/", include("toolkit.urls")),
    path("beheer/", include("backoffice.urls")),
    path("api/v1/", include("config.api_urls")),
    path("api/schema/", SpectacularAPIView.as_view(), name="schema"),
    path("api/docs/", API_DOCS, name="api-docs"),
    path("i18n/", include("django.conf.urls.i18n")),
    path("admin/", admin.site.urls),
]


def handler404(request, exception):
    """Pages get our 404 page; the API answers in its one error shape."""
    if request.path.startswith("/api/"):
        return api.not_found(request, exception)
    return defaults.page_not_found(request, exception)


def handler500(request):
    if request.path.startswith("/api/"):
        return api.server_error(request)
    return defaults.server_error(request)
