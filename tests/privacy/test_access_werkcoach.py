"""The werkcoach sees only what a handover gives them: the overgangsdokument sent to them, not
the student's record, matches, check-ins or ranked places."""

import pytest
from django.urls import reverse

from marketplace.models import Match, MatchStatus, Overgangsdokument

pytestmark = pytest.mark.django_db


def test_the_werkcoach_reads_the_handover_sent_to_them(client, werkcoach, student_profile):
    client.force_login(werkcoach)
    page = client.get(reverse("werk:overgangsdokumenten")).content.decode()
    assert student_profile.user.get_full_name() in page
    doc = Overgangsdokument.objects.get(student=student_profile)
    assert client.get(reverse("werk:overgangsdokument", args=[doc.pk])).status_code == 200


def test_the_werkcoach_cannot_open_the_students_record(client, werkcoach, student_profile):
    client.force_login(werkcoach)
    assert client.get(reverse("werk:student", args=[student_profile.pk])).status_code == 404


def test_the_werkcoach_cannot_open_the_students_matches(
    client, werkcoach, student_profile, opening
):
    match = Match.objects.create(
        student=student_profile, opening=opening, status=MatchStatus.VOORGESTELD
    )
    client.force_login(werkcoach)
    assert client.get(reverse("werk:match", args=[match.pk])).status_code == 404
    assert client.get(reverse("match-detail", args=[match.pk])).status_code == 404
    url = reverse("api-student-matches", args=[student_profile.pk])
    assert client.get(url).status_code == 404


def test_the_werkcoach_has_no_caseload_of_names(client, werkcoach, student_profile):
    client.force_login(werkcoach)
    name = student_profile.user.get_full_name()
    assert name not in client.get(reverse("werk:caseload")).content.decode()
    assert name not in client.get(reverse("home")).content.decode()
