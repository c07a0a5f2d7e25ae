"""The mediators' part of the API: caseload, records, search, proposals and match steps."""

from django.urls import include, path

from . import apis, apis_matches

urlpatterns: list = [
    path("mediation/caseload/", apis.CaseloadApi.as_view(), name="api-mediation-caseload"),
    path(
        "mediation/students/<int:student_id>/",
        apis.StudentRecordApi.as_view(),
        name="api-mediation-student",
    ),
    path(
        "mediation/students/<int:student_id>/search/",
        apis.StudentSearchApi.as_view(),
        name="api-mediation-student-search",
    ),
    path(
        "mediation/students/<int:student_id>/why-not/",
        apis.StudentWhyNotApi.as_view(),
        name="api-mediation-student-why-not",
    ),
    path(
        "mediation/students/<int:student_id>/propose/",
        apis.ProposeApi.as_view(),
        name="api-mediation-propose",
    ),
    path("mediation/tasks/", apis.TaskListApi.as_view(), name="api-mediation-tasks"),
    path(
        "mediation/tasks/<int:task_id>/done/",
        apis.TaskDoneApi.as_view(),
        name="api-mediation-task-done",
    ),
    path("mediation/matches/", apis_matches.MatchListApi.as_view(), name="api-mediation-matches"),
    path(
        "mediation/matches/<int:match_id>/",
        apis_matches.MatchDetailApi.as_view(),
        name="api-mediation-match",
    ),
    path(
        "mediation/matches/<int:match_id>/step/",
        apis_matches.MatchStepApi.as_view(),
        name="api-mediation-match-step",
    ),
    path(
        "mediation/matches/<int:match_id>/next-action/",
        apis_matches.MatchNextActionSetApi.as_view(),
        name="api-mediation-match-next-action",
    ),
    path(
        "mediation/matches/<int:match_id>/next-action/done/",
        apis_matches.MatchNextActionDoneApi.as_view(),
        name="api-mediation-match-next-action-done",
    ),
    path(
        "mediation/matches/<int:match_id>/notes/",
        apis_matches.MatchNoteListApi.as_view(),
        name="api-mediation-match-notes",
    ),
    path(
        "mediation/matches/<int:match_id>/notes/create/",
        apis_matches.MatchNoteCreateApi.as_view(),
        name="api-mediation-match-note-create",
    ),
    path("mediation/", include("mediation.api_urls_aftercare")),
]
