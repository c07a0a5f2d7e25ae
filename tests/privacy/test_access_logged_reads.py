"""Reads that were not logged before: the student's ranked places through the API, a parent or
an employer opening a match. The student's own reads are not access by others."""

import pytest
from django.urls import reverse
from rest_framework.test import APIClient

from marketplace.models import AccessLog, Match, MatchStatus

pytestmark = pytest.mark.django_db


def _logged(user, student) -> list[str]:
    return list(
        AccessLog.objects.filter(user=user, student=student).values_list("context", flat=True)
    )


@pytest.mark.parametrize("who", ["parent", "jobhunter"])
def test_the_students_places_through_the_api_are_logged(request, who, student_profile):
    user = request.getfixturevalue(who)
    client = APIClient()
    client.force_authenticate(user)
    response = client.get(reverse("api-student-matches", args=[student_profile.pk]))
    assert response.status_code == 200
    assert _logged(user, student_profile) == ["api:plekken"]


def test_the_student_reading_their_own_places_is_not_logged(student, student_profile):
    client = APIClient()
    client.force_authenticate(student)
    client.get(reverse("api-student-matches", args=[student_profile.pk]))
    assert not AccessLog.objects.exists()


@pytest.mark.parametrize("who", ["parent", "employer_member"])
def test_opening_a_match_is_logged(request, client, who, student_profile, opening):
    match = Match.objects.create(
        student=student_profile, opening=opening, status=MatchStatus.VOORGESTELD
    )
    user = request.getfixturevalue(who)
    client.force_login(user)
    assert client.get(reverse("match-detail", args=[match.pk])).status_code == 200
    assert _logged(user, student_profile) == [f"match:{match.pk}"]
