"""A parent sees their own child only, read-only, with consent or while the child is under 16."""

import pytest

from marketplace.models import AccessLog, GuardianLink, Role
from marketplace.services.profiles import student_consent_set
from tests import factories as f

pytestmark = pytest.mark.django_db


def test_without_consent_a_16_plus_child_is_listed_but_not_shown(client, parent, student_profile):
    student_consent_set(
        user=student_profile.user, profile=student_profile, kind="parent_access", given=False
    )
    client.force_login(parent)
    html = client.get("/mijn-kind/").content.decode()
    assert "geen toestemming" in html
    assert client.get(f"/mijn-kind/{student_profile.pk}/").status_code == 404


def test_with_consent_the_parent_sees_matches_and_the_view_is_logged(
    client, parent, student_profile, opening
):
    student_consent_set(
        user=student_profile.user, profile=student_profile, kind="parent_access", given=True
    )
    f.OpeningFactory()
    student_profile.matches.create(opening=opening, status="voorgesteld")
    client.force_login(parent)
    response = client.get(f"/mijn-kind/{student_profile.pk}/")
    assert response.status_code == 200
    assert opening.title in response.content.decode()
    assert "jobcoach" not in response.content.decode().lower()  # support needs stay private
    assert AccessLog.objects.filter(user=parent, student=student_profile, action="view").exists()


def test_an_under_16_child_is_visible_by_law(client, under_16_profile):
    guardian = f.UserFactory(role=Role.OUDER)
    GuardianLink.objects.create(guardian=guardian, student=under_16_profile)
    client.force_login(guardian)
    assert client.get(f"/mijn-kind/{under_16_profile.pk}/").status_code == 200


def test_a_parent_cannot_see_another_child(client, parent, other_student_profile):
    other_student_profile.consent_parent_access = True
    other_student_profile.save()
    client.force_login(parent)
    assert client.get(f"/mijn-kind/{other_student_profile.pk}/").status_code == 404


def test_the_parent_pages_are_for_parents_only(client, student):
    client.force_login(student)
    assert client.get("/mijn-kind/").status_code == 403
