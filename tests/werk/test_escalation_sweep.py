"""The stuck-case sweep: its two rules at the region's thresholds, and running it twice."""

import datetime

import pytest
from django.utils import timezone

from marketplace.models import Escalation, Notification, SearchRequest
from mediation.services.escalations import escalation_sweep
from mediation.tasks import escalation_sweep as sweep_task

pytestmark = pytest.mark.django_db

NOW = timezone.make_aware(datetime.datetime(2027, 1, 4, 9, 0))
TODAY = NOW.date()


@pytest.fixture
def last_year_student(student_profile):
    student_profile.school_leaver = False
    student_profile.expected_diploma_date = TODAY + datetime.timedelta(days=200)
    student_profile.save()
    return student_profile


def _start_in_weeks(student, weeks: int, days: int = 0):
    student.bpv_start_date = TODAY + datetime.timedelta(weeks=weeks, days=days)
    student.save()


def test_no_place_escalates_exactly_at_n_weeks_before_the_start(last_year_student, accountmanager):
    weeks = last_year_student.school.region.escalation_weeks_before_start
    _start_in_weeks(last_year_student, weeks, days=1)
    assert escalation_sweep(now=NOW) == []
    _start_in_weeks(last_year_student, weeks)
    [case] = escalation_sweep(now=NOW)
    assert case.reason == Escalation.Reason.NO_PLACE_BEFORE_START
    assert case.region == last_year_student.school.region and case.status == "open"
    assert (
        Notification.objects.filter(user=accountmanager, key__startswith="escalation:").count() == 1
    )


def test_a_placed_or_not_last_year_student_is_not_escalated(last_year_student, opening):
    _start_in_weeks(last_year_student, 1)
    last_year_student.matches.create(opening=opening, status="geplaatst")
    assert escalation_sweep(now=NOW) == []
    last_year_student.matches.all().delete()
    last_year_student.expected_diploma_date = TODAY + datetime.timedelta(days=800)
    last_year_student.save()
    assert escalation_sweep(now=NOW) == []


def test_a_search_request_without_progress_escalates_after_n_days(student_profile):
    days = student_profile.school.region.escalation_stale_days
    search = SearchRequest.objects.create(
        student=student_profile,
        kind="bpv",
        deadline=TODAY + datetime.timedelta(days=60),
        last_progress_at=NOW - datetime.timedelta(days=days - 1),
    )
    assert escalation_sweep(now=NOW) == []
    SearchRequest.objects.filter(pk=search.pk).update(
        last_progress_at=NOW - datetime.timedelta(days=days)
    )
    [case] = escalation_sweep(now=NOW)
    assert case.reason == Escalation.Reason.STALE_SEARCH and case.search_request == search
    assert f"{days} dagen" in case.explanation


def test_the_sweep_run_twice_leaves_the_same_state(last_year_student, accountmanager):
    _start_in_weeks(last_year_student, 2)
    escalation_sweep(now=NOW)
    state = list(Escalation.objects.values_list("student_id", "reason", "status"))
    notes = Notification.objects.count()
    assert escalation_sweep(now=NOW) == []
    assert sweep_task.apply().get() == 0  # the beat task: the same rules, nothing new
    assert list(Escalation.objects.values_list("student_id", "reason", "status")) == state
    assert Notification.objects.count() == notes
