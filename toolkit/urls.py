"""URLs of the toolkits (mounted at /toolkit/)."""

from django.urls import path

from . import views, views_edit, views_hire
from .models import Audience

app_name = "toolkit"
urlpatterns = [
    path("", views.index, name="index"),
    path("ouders/", views.audience_page, {"audience": Audience.OUDER}, name="parents"),
    path("studenten/", views.audience_page, {"audience": Audience.STUDENT}, name="students"),
    path("regeling/<slug:slug>/", views.regulation, name="regulation"),
    # The hire checker: public, the employer on an opening, the mediator on a match.
    path("wat-levert-het-op/", views_hire.calculator, name="hire-check"),
    path("wat-levert-het-op/plek/<int:pk>/", views_hire.for_opening, name="hire-check-opening"),
    path("wat-levert-het-op/match/<int:pk>/", views_hire.for_match, name="hire-check-match"),
    # Editing (coordinators), before the item pattern: "beheer" would match it as a slug.
    path("beheer/", views_edit.edit_index, name="edit"),
    path("beheer/tekst/nieuw/", views_edit.edit, {"kind": "item"}, name="edit-item-new"),
    path("beheer/tekst/<int:pk>/", views_edit.edit, {"kind": "item"}, name="edit-item"),
    path(
        "beheer/tekst/<int:pk>/versies/",
        views_edit.history,
        {"kind": "item"},
        name="edit-item-history",
    ),
    path(
        "beheer/tekst/<int:pk>/terugzetten/",
        views_edit.restore,
        {"kind": "item"},
        name="edit-item-restore",
    ),
    path(
        "beheer/regeling/nieuw/",
        views_edit.edit,
        {"kind": "regulation"},
        name="edit-regulation-new",
    ),
    path(
        "beheer/regeling/<int:pk>/",
        views_edit.edit,
        {"kind": "regulation"},
        name="edit-regulation",
    ),
    path(
        "beheer/regeling/<int:pk>/versies/",
        views_edit.history,
        {"kind": "regulation"},
        name="edit-regulation-history",
    ),
    path(
        "beheer/regeling/<int:pk>/terugzetten/",
        views_edit.restore,
        {"kind": "regulation"},
        name="edit-regulation-restore",
    ),
    path("<slug:slug>/", views.item, name="item"),
]
