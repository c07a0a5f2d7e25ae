"""The caseload, a student's record and the search for a student, through the API: the same
young people as the pages, scoped per mediator, paged by cursor and logged."""

import datetime

import pytest
from django.utils import timezone

from marketplace.models import AccessLog, Match, MatchStatus, Role
from marketplace.views.common import support_labels
from tests import factories as f

pytestmark = pytest.mark.django_db
CASELOAD = "/api/v1/mediation/caseload/"


def _record(student_id: int) -> str:
    return f"/api/v1/mediation/students/{student_id}/"


def _student(school, jobhunter, first: str, last: str, deadline=None):
    profile = f.StudentProfileFactory(
        school=school,
        jobhunter=jobhunter,
        user=f.UserFactory(role=Role.STUDENT, first_name=first, last_name=last),
    )
    if deadline is not None:
        profile.search_requests.create(
            kind="bpv", deadline=deadline, last_progress_at=timezone.now()
        )
    return profile


@pytest.fixture
def caseload(school, jobhunter):
    """Four young people of one jobhunter: three searching (deadlines in March, April, May),
    one without a search request."""
    return [
        _student(school, jobhunter, "Noor", "Kwakkel", datetime.date(2027, 4, 1)),
        _student(school, jobhunter, "Daan", "Berends", datetime.date(2027, 3, 1)),
        _student(school, jobhunter, "Lotte", "Zijlstra", datetime.date(2027, 5, 1)),
        _student(school, jobhunter, "Milan", "Aalders"),
    ]


def _names(response) -> list[str]:
    return [row["name"] for row in response.json()["results"]]


def test_the_caseload_pages_by_cursor_with_the_nearest_deadline_first(
    as_user, jobhunter, caseload, other_student_profile
):
    client = as_user(jobhunter)
    first = client.get(CASELOAD, {"page_size": 2})
    assert first.status_code == 200
    assert _names(first) == ["Daan Berends", "Noor Kwakkel"]
    assert first.json()["previous"] is None and "cursor=" in first.json()["next"]
    second = client.get(first.json()["next"])
    assert _names(second) == ["Lotte Zijlstra", "Milan Aalders"]  # no deadline: last
    assert second.json()["next"] is None
    assert other_student_profile.user.get_full_name() not in str(first.json() | second.json())
    back = client.get(second.json()["previous"])
    assert _names(back) == ["Daan Berends", "Noor Kwakkel"]


def test_the_caseload_pages_by_name_when_asked(as_user, jobhunter, caseload):
    client = as_user(jobhunter)
    first = client.get(CASELOAD, {"page_size": 3, "ordering": "-name"})
    assert _names(first) == ["Lotte Zijlstra", "Noor Kwakkel", "Daan Berends"]
    assert _names(client.get(first.json()["next"])) == ["Milan Aalders"]


def test_the_caseload_filters_like_the_page(as_user, jobhunter, caseload, opening):
    client = as_user(jobhunter)
    searching = _names(client.get(CASELOAD, {"only": "zoekend"}))
    assert searching == ["Daan Berends", "Noor Kwakkel", "Lotte Zijlstra"]
    assert _names(client.get(CASELOAD, {"q": "kwak"})) == ["Noor Kwakkel"]
    before = {"deadline_before": "2027-04-01"}
    assert _names(client.get(CASELOAD, before)) == ["Daan Berends", "Noor Kwakkel"]
    Match.objects.create(
        student=caseload[3], opening=opening, proposed_by=jobhunter, status=MatchStatus.AANBOD
    )
    assert _names(client.get(CASELOAD, {"stage": "aanbod"})) == ["Milan Aalders"]
    row = client.get(CASELOAD, {"q": "Milan"}).json()["results"][0]
    assert row["running_matches"] == 1 and row["open_searches"] == []


@pytest.mark.parametrize(
    "query",
    [
        {"only": "iedereen"},
        {"ordering": "school"},
        {"deadline_before": "morgen"},
        {"stage": "klaar"},
        {"q": "x" * 81},
    ],
)
def test_bad_caseload_filters_answer_400_in_the_one_error_shape(as_user, jobhunter, query):
    response = as_user(jobhunter).get(CASELOAD, query)
    assert response.status_code == 400
    assert set(response.json()) == {"status", "code", "message", "fields"}


def test_a_broken_cursor_answers_404_in_the_one_error_shape(as_user, jobhunter):
    response = as_user(jobhunter).get(CASELOAD, {"cursor": "kapot"})
    assert response.status_code == 404 and response.json()["code"] == "not_found"


def test_the_caseload_logs_who_was_shown_in_one_write(
    as_user, jobhunter, caseload, django_assert_max_num_queries
):
    client = as_user(jobhunter)
    with django_assert_max_num_queries(8):
        client.get(CASELOAD, {"page_size": 3})
    logged = AccessLog.objects.filter(user=jobhunter, context="api:caseload")
    assert sorted(logged.values_list("student_id", flat=True)) == sorted(s.pk for s in caseload[:3])


def test_the_caseload_query_count_does_not_grow_with_the_page(
    as_user, school, jobhunter, django_assert_max_num_queries
):
    for n in range(15):
        _student(school, jobhunter, f"Kim{n}", f"Veen{n}", datetime.date(2027, 3, 1 + n))
    client = as_user(jobhunter)
    with django_assert_max_num_queries(8):
        response = client.get(CASELOAD, {"page_size": 15})
    assert len(response.json()["results"]) == 15


def test_the_caseload_is_not_for_students_or_employers(as_user, student, employer_member):
    for user in (student, employer_member):
        response = as_user(user).get(CASELOAD)
        assert response.status_code == 403 and response.json()["code"] == "permission_denied"


# --- a student's record ------------------------------------------------------------------


def test_the_record_shows_what_the_page_shows_and_is_logged(as_user, jobhunter, student_profile):
    response = as_user(jobhunter).get(_record(student_profile.pk))
    assert response.status_code == 200
    data = response.json()
    assert data["name"] == student_profile.user.get_full_name()
    assert data["support_shown"] is True and data["support_needs"] == support_labels(["jobcoach"])
    assert data["may_propose"] is True
    log = AccessLog.objects.get(user=jobhunter, student=student_profile)
    assert (log.action, log.context) == ("view", "api:werk")


def test_a_jpo_sees_support_needs_only_when_the_student_shared_them(as_user, jpo, student_profile):
    data = as_user(jpo).get(_record(student_profile.pk)).json()
    assert data["support_shown"] is False and data["support_needs"] is None
    assert "Jobcoach" not in str(data)
    assert data["transition"] is None  # the advies is for the jobhunter and the school


def test_a_jobhunter_of_another_region_gets_404_on_a_foreign_student(
    as_user, other_region, student_profile
):
    outsider = f.UserFactory(role=Role.JOBHUNTER, region=other_region)
    client = as_user(outsider)
    for url in (
        _record(student_profile.pk),
        _record(student_profile.pk) + "search/",
        _record(student_profile.pk) + "why-not/?plek=1",
    ):
        response = client.get(url)
        assert response.status_code == 404, url
        assert response.json() == {
            "status": 404,
            "code": "not_found",
            "message": "Niet gevonden.",
            "fields": {},
        }
    proposed = client.post(_record(student_profile.pk) + "propose/", {"opening": 1})
    assert proposed.status_code == 404
    assert not AccessLog.objects.filter(user=outsider).exists()


def test_a_record_id_out_of_range_is_a_404_not_a_500(as_user, jobhunter):
    assert as_user(jobhunter).get(_record(2**70)).status_code == 404


# --- the search for a student ------------------------------------------------------------


def test_the_search_ranks_open_places_and_leaves_out_those_already_matched(
    as_user, jobhunter, student_profile, employer
):
    matched, free = (
        f.OpeningFactory(location=f.LocationFactory(employer=employer), title=title)
        for title in ("Magazijn al voorgesteld", "Magazijn nog vrij")
    )
    Match.objects.create(student=student_profile, opening=matched, proposed_by=jobhunter)
    client = as_user(jobhunter)
    url = _record(student_profile.pk) + "search/"
    titles = [r["opening"]["title"] for r in client.get(url).json()["results"]]
    assert "Magazijn nog vrij" in titles and "Magazijn al voorgesteld" not in titles
    everything = client.get(url, {"include_matched": "true"}).json()["results"]
    assert "Magazijn al voorgesteld" in [r["opening"]["title"] for r in everything]
    assert AccessLog.objects.filter(user=jobhunter, context="api:zoeken").count() == 2


def test_the_search_filters_by_kind(as_user, jobhunter, student_profile, employer):
    f.OpeningFactory(location=f.LocationFactory(employer=employer), kind="bpv")
    url = _record(student_profile.pk) + "search/"
    results = as_user(jobhunter).get(url, {"kind": "vacature"}).json()["results"]
    assert all(r["opening"]["kind"] == "vacature" for r in results)
    assert as_user(jobhunter).get(url, {"kind": "stage"}).status_code == 400
    assert as_user(jobhunter).get(url, {"page": 10, "page_size": 100}).status_code == 400


def test_the_search_is_for_those_who_may_propose(as_user, accountmanager, student_profile):
    f.EscalationFactory(student=student_profile, region=accountmanager.region)
    client = as_user(accountmanager)
    assert client.get(_record(student_profile.pk)).status_code == 200
    assert client.get(_record(student_profile.pk) + "search/").status_code == 403


def test_why_not_names_the_hard_rule_that_keeps_a_place_out(
    as_user, jobhunter, student_profile, employer
):
    adults = f.OpeningFactory(
        location=f.LocationFactory(employer=employer), title="Bediening café", min_age=18
    )
    student_profile.date_of_birth = datetime.date(2011, 6, 1)
    student_profile.save(update_fields=["date_of_birth"])
    url = _record(student_profile.pk) + "why-not/"
    rows = as_user(jobhunter).get(url, {"plek": str(adults.pk)}).json()["results"]
    assert rows[0]["opening"]["id"] == adults.pk
    assert rows[0]["fits"] is False and rows[0]["reasons"]
