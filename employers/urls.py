"""URLs of the employer's pages (mounted at /werkgever/)."""

from django.urls import path

from . import views

app_name = "werkgever"
urlpatterns = [
    path("", views.dashboard, name="dashboard"),
    path("aanmelden/", views.register, name="register"),
    path("vestigingen/nieuw/", views.location_add, name="location-add"),
    path("plekken/nieuw/", views.opening_form, name="opening-new"),
    path("plekken/<int:pk>/wijzigen/", views.opening_form, name="opening-edit"),
    path("plekken/<int:pk>/status/", views.opening_status, name="opening-status"),
    path("plekken/<int:pk>/kandidaten/", views.candidates, name="candidates"),
    path("matches/<int:pk>/antwoord/", views.respond, name="respond"),
    path("vaardigheden/", views.picker, name="picker"),
]
