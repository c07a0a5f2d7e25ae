"""Rows stored before message codes keep reading: the data migration turns the known Dutch texts
into codes with parameters (then read in the reader's language), the rest show their text."""

import datetime
import importlib

import pytest
from django.apps import apps
from django.utils import timezone, translation

from marketplace.models import ActionItem, Match, Notification

pytestmark = pytest.mark.django_db

migration = importlib.import_module("marketplace.migrations.0012_stored_text_codes")


def _task(student_profile, title: str, days: int) -> ActionItem:
    return ActionItem.objects.create(
        student=student_profile,
        kind=ActionItem.Kind.AFTERCARE if "Nazorg" in title else ActionItem.Kind.ADVIES,
        title=title,
        due_date=timezone.localdate() + datetime.timedelta(days=days),
    )


def test_old_task_titles_become_codes_read_in_english(student_profile):
    advies = _task(student_profile, "Advies arbeid of doorstroom vastleggen", 1)
    nazorg = _task(student_profile, "Nazorg: contact 6 maanden na school", 2)
    typed = _task(student_profile, "Bel de werkgever", 3)
    migration.codes_for_old_rows(apps, None)
    advies.refresh_from_db()
    nazorg.refresh_from_db()
    assert (advies.code, nazorg.code, nazorg.params) == (
        "task.advies",
        "task.aftercare",
        {"months": 6},
    )
    with translation.override("en"):
        assert advies.display_title == "Record the advice: work or further education"
        assert "6" in nazorg.display_title and "Nazorg" not in nazorg.display_title
        assert ActionItem.objects.get(pk=typed.pk).display_title == "Bel de werkgever"


def test_an_old_match_message_gets_the_student_and_the_place(
    student_profile, opening, jobhunter, employer_member
):
    match = Match.objects.create(student=student_profile, opening=opening)
    url = match.get_absolute_url()
    old = {"key": "match:old", "title": "Match: Geplaatst", "url": url}
    told = Notification.objects.create(user=jobhunter, **old)
    anonymous = Notification.objects.create(user=employer_member, **old)
    migration.codes_for_old_rows(apps, None)
    told.refresh_from_db()
    anonymous.refresh_from_db()
    assert told.code == "match.status" and told.params["status"] == "geplaatst"
    name = student_profile.user.get_full_name()
    assert told.display_title == f"Match {name} voor {opening.title}: Geplaatst"
    assert told.link == url
    # No alias was ever drawn for this employer: the row keeps its own text, and no name.
    assert (anonymous.code, anonymous.display_title) == ("", "Match: Geplaatst")
