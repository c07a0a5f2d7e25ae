"""URLs of the toolkits (mounted at /toolkit/)."""

from django.urls import path

from . import views
from .models import Audience

app_name = "toolkit"
urlpatterns = [
    path("", views.index, name="index"),
    path("ouders/", views.audience_page, {"audience": Audience.OUDER}, name="parents"),
    path("studenten/", views.audience_page, {"audience": Audience.STUDENT}, name="students"),
    path("regeling/<slug:slug>/", views.regulation, name="regulation"),
    path("<slug:slug>/", views.item, name="item"),
]
