"""URL configuration of the whole site."""

from django.contrib import admin
from django.urls import include, path
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerView

urlpatterns = [
    path("", include("marketplace.urls")),
    path("werk/", include("mediation.urls")),
    path("werkgever/", include("employers.urls")),
    path("evenementen/", include("events.urls")),
    path("toolkit/", include("toolkit.urls")),
    path("beheer/", include("backoffice.urls")),
    path("api/v1/", include("config.api_urls")),
    path("api/schema/", SpectacularAPIView.as_view(), name="schema"),
    path("api/docs/", SpectacularSwaggerView.as_view(url_name="schema"), name="api-docs"),
    path("i18n/", include("django.conf.urls.i18n")),
    path("admin/", admin.site.urls),
]
