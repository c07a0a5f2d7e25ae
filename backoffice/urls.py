"""URLs of the region's back office (mounted at /beheer/)."""

from django.urls import path

from . import views_fairness, views_import, views_monitoring, views_people, views_weights

app_name = "backoffice"
urlpatterns: list = [
    path("", views_people.index, name="index"),
    path("mensen/", views_people.people_list, name="people"),
    path("mensen/uitnodigen/", views_people.person_invite, name="person-invite"),
    path("mensen/<int:pk>/", views_people.person_detail, name="person"),
    path("mensen/<int:pk>/deactiveren/", views_people.person_deactivate, name="person-deactivate"),
    path("mensen/<int:pk>/activeren/", views_people.person_reactivate, name="person-reactivate"),
    path("mensen/<int:pk>/opnieuw-uitnodigen/", views_people.person_resend, name="person-resend"),
    path("scholen/", views_people.schools, name="schools"),
    path("scholen/nieuw/", views_people.school_edit, name="school-new"),
    path("scholen/<int:pk>/", views_people.school_edit, name="school"),
    path("ouders/", views_people.guardians, name="guardians"),
    path("ouders/<int:pk>/verwijderen/", views_people.guardian_remove, name="guardian-remove"),
    path("gewichten/", views_weights.weights_page, name="weights"),
    path("gewichten/voorbeeld/", views_weights.weights_preview, name="weights-preview"),
    path("gewichten/opslaan/", views_weights.weights_save, name="weights-save"),
    path("import/", views_import.imports, name="imports"),
    path("import/voorbeeld/", views_import.import_template, name="import-template"),
    path("import/<int:pk>/", views_import.import_detail, name="import"),
    path("import/<int:pk>/inlezen/", views_import.import_start_view, name="import-start"),
    path("monitoring/", views_monitoring.monitoring, name="monitoring"),
    path("monitoring/cijfers.csv", views_monitoring.monitoring_csv, name="monitoring-csv"),
    path("monitoring/cijfers.xlsx", views_monitoring.monitoring_xlsx, name="monitoring-xlsx"),
    path("eerlijkheid/", views_fairness.fairness_page, name="fairness"),
    path(
        "eerlijkheid/eerlijkheid.csv",
        views_fairness.fairness_export,
        {"fmt": "csv"},
        name="fairness-csv",
    ),
    path(
        "eerlijkheid/eerlijkheid.xlsx",
        views_fairness.fairness_export,
        {"fmt": "xlsx"},
        name="fairness-xlsx",
    ),
]
