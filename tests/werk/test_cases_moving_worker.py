"""The tasks that keep cases moving, on a real Celery worker and the real Redis broker: each run
twice does its work once."""

import datetime

import pytest
from django.utils import timezone

from marketplace.models import ActionItem, Match, Notification, TimelineEntry
from marketplace.services.matches import match_propose
from tests import factories as f
from tests.werk.test_cases_moving import _placed

pytestmark = [pytest.mark.celery_worker, pytest.mark.django_db(transaction=True)]


def _twice(task) -> tuple[int, int]:
    return task.delay().get(timeout=60), task.delay().get(timeout=60)


def test_answer_reminders_on_the_worker_remind_and_tell_the_jobhunter_once(
    worker, jobhunter, student_profile, opening, employer_member
):
    from mediation.tasks import answer_reminders

    match = match_propose(proposer=jobhunter, student=student_profile, opening=opening)
    long_ago = timezone.now() - datetime.timedelta(days=40)
    TimelineEntry.objects.filter(match=match).update(at=long_ago)
    Match.objects.filter(pk=match.pk).update(created_at=long_ago)
    # the employer and the student reminded, the jobhunter told about both
    assert _twice(answer_reminders) == (4, 0)
    assert Notification.objects.filter(user=employer_member, key__contains="reminder").count() == 1
    assert Notification.objects.filter(user=jobhunter, key__contains="answer-late").count() == 2


def test_the_second_rung_on_the_worker_tells_the_coordinator_once(
    worker, student_profile, coordinator
):
    from mediation.tasks import escalation_second_rung

    case = f.EscalationFactory(
        student=student_profile, opened_at=timezone.now() - datetime.timedelta(days=3)
    )
    assert _twice(escalation_second_rung) == (1, 0)
    case.refresh_from_db()
    assert case.second_rung_to == coordinator
    assert Notification.objects.filter(user=coordinator).count() == 1


def test_placements_started_on_the_worker_start_a_match_once(
    worker, jobhunter, student_profile, opening
):
    from mediation.tasks import placements_started

    today = timezone.localdate()
    opening.start_date = today - datetime.timedelta(days=20)  # a place that began already
    opening.save(update_fields=["start_date"])
    match = match_propose(proposer=jobhunter, student=student_profile, opening=opening)
    match = _placed(jobhunter, match, today - datetime.timedelta(days=10))
    assert _twice(placements_started) == (1, 0)
    match.refresh_from_db()
    assert match.status == "gestart"
    assert match.timeline.filter(to_status="gestart", kind="auto").count() == 1


def test_aftercare_plan_on_the_worker_plans_a_pro_leaver_once(worker, school, jobhunter):
    from mediation.tasks import aftercare_plan

    leaver = f.StudentProfileFactory(
        school=school, education_type="pro", level=0, leerweg="", qualification=None,
        jobhunter=jobhunter,
        expected_diploma_date=timezone.localdate() - datetime.timedelta(days=20),
    )  # fmt: skip
    assert _twice(aftercare_plan) == (1, 0)
    assert ActionItem.objects.filter(student=leaver, kind="nazorg").count() == 1
