"""URLs of the calendar of matching events (mounted at /evenementen/)."""

from django.urls import path

from . import views

app_name = "events"
urlpatterns = [
    path("", views.calendar, name="calendar"),
    path("<int:pk>/", views.detail, name="detail"),
    path("<int:pk>/aanmelden/", views.register, name="register"),
    path("<int:pk>/afmelden/", views.cancel, name="cancel"),
    path("<int:pk>/agenda.ics", views.ics, name="ics"),
]
