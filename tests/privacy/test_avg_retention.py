"""Retention: one policy per kind of data, applied by a beat task, shown on the register."""

import datetime

import pytest
from django.conf import settings
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from marketplace.models import AccessLog, Notification, StudentProfile
from marketplace.services.personal_data import legally_kept, retention_apply, retention_rules
from tests import factories as f


def _aged(model, field: str, days: int, **kw):
    row = model.objects.create(**kw)
    model.objects.filter(pk=row.pk).update(**{field: timezone.now() - datetime.timedelta(days)})
    return row


def test_retention_removes_only_what_is_past_its_period_and_is_safe_twice(
    student_profile, jobhunter
):
    old_log = _aged(AccessLog, "at", 800, student=student_profile, user=jobhunter, action="view")
    new_log = _aged(AccessLog, "at", 700, student=student_profile, user=jobhunter, action="view")
    old_note = _aged(Notification, "created_at", 400, user=jobhunter, key="old", title="Oud")
    new_note = _aged(Notification, "created_at", 300, user=jobhunter, key="new", title="Nieuw")
    first = retention_apply()
    assert first["access_log"] == 1 and first["notifications"] == 1
    assert not AccessLog.objects.filter(pk=old_log.pk).exists()
    assert AccessLog.objects.filter(pk=new_log.pk).exists()
    assert not Notification.objects.filter(pk=old_note.pk).exists()
    assert Notification.objects.filter(pk=new_note.pk).exists()
    assert set(retention_apply().values()) == {0}


def test_a_school_leaver_long_gone_is_erased_and_a_current_student_is_not(student_profile, school):
    today = timezone.localdate()
    gone = f.StudentProfileFactory(
        school=school, expected_diploma_date=today.replace(year=today.year - 4)
    )
    student_profile.expected_diploma_date = today.replace(year=today.year - 1)
    student_profile.save(update_fields=["expected_diploma_date"])
    assert retention_apply()["student_profile"] == 1
    assert not StudentProfile.objects.filter(pk=gone.pk).exists()
    assert StudentProfile.objects.filter(pk=student_profile.pk).exists()
    assert retention_apply()["student_profile"] == 0


def test_the_beat_schedule_and_the_periodic_command_run_it(db):
    tasks = {entry["task"] for entry in settings.CELERY_BEAT_SCHEDULE.values()}
    assert "marketplace.tasks.privacy_retention_apply" in tasks
    call_command("periodic", "privacy_retention")


def test_every_app_with_personal_data_has_rules(db):
    keys = {rule.key for rule in retention_rules()}
    assert {"access_log", "notifications", "ranking_log", "closed_matches"} <= keys
    assert {"event_registrations", "import_files", "student_profile"} <= keys
    assert len(keys) == len(retention_rules())  # one rule per kind, named once


@pytest.fixture
def register_page(client, coordinator):
    client.force_login(coordinator)
    response = client.get(reverse("privacy-register"))
    assert response.status_code == 200
    return response.content.decode()


def test_the_register_page_lists_every_policy(register_page):
    for rule in retention_rules():
        assert f'id="rule-{rule.key}"' in register_page
        assert str(rule.period) in register_page
    for label in legally_kept():
        assert label in register_page


def test_the_register_is_for_the_coordinator(client, school_staff, student):
    for user in (school_staff, student):
        client.force_login(user)
        assert client.get(reverse("privacy-register")).status_code == 403
