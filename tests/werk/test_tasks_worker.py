"""The workspace's periodic tasks on a real Celery worker and the real Redis broker: each run
twice leaves the same state, and the e-mail copy of a notification goes out once."""

import datetime
import time

import pytest
from django.utils import timezone

from marketplace.models import Escalation, Notification, SearchRequest

pytestmark = [pytest.mark.celery_worker, pytest.mark.django_db(transaction=True)]


def _wait_for(check, timeout=30.0):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if check():
            return True
        time.sleep(0.2)
    return False


def test_the_sweep_on_the_worker_opens_a_stuck_case_once_and_mails_the_region(
    worker, student_profile, accountmanager, mailoutbox
):
    from mediation.tasks import escalation_sweep

    days = student_profile.school.region.escalation_stale_days
    SearchRequest.objects.create(
        student=student_profile,
        kind="bpv",
        deadline=timezone.localdate() + datetime.timedelta(days=30),
        last_progress_at=timezone.now() - datetime.timedelta(days=days + 2),
    )
    assert escalation_sweep.delay().get(timeout=60) == 1
    assert escalation_sweep.delay().get(timeout=60) == 0
    case = Escalation.objects.get()
    assert case.reason == "stilstand" and case.status == "open"
    note = Notification.objects.get(user=accountmanager)
    assert _wait_for(lambda: Notification.objects.get(pk=note.pk).emailed_at is not None)
    assert [m.to for m in mailoutbox] == [[accountmanager.email]]


def test_checkin_reminders_on_the_worker_twice_leave_one_reminder(
    worker, jobhunter, jpo, student_profile, opening
):
    from mediation.tasks import checkin_reminders
    from tests.werk.test_workspace_services import _placed

    placement = _placed(jobhunter, student_profile, opening)
    placement.checkins.filter(week=2).update(planned_for=timezone.localdate())
    checkin_reminders.delay().get(timeout=60)
    checkin_reminders.delay().get(timeout=60)
    assert Notification.objects.filter(user=jpo, key__contains=":reminder:").count() == 1
