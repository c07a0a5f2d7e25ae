"""The parent reads through the API exactly what the parent's pages show, with the same consent
rules: without consent (16+) nothing but the name, another child 404, and every read logged."""

import pytest

from marketplace.models import AccessLog, GuardianLink, Match, Role, TimelineEntry
from tests import factories as f

pytestmark = pytest.mark.django_db


@pytest.fixture
def proposed(student_profile, opening, jobhunter):
    match = Match.objects.create(student=student_profile, opening=opening, proposed_by=jobhunter)
    TimelineEntry.objects.create(
        match=match, actor=jobhunter, from_status="", to_status="voorgesteld",
        note="Intern: moeder belt vaak", kind="proposal",
    )  # fmt: skip
    return match


def test_a_parent_with_consent_reads_the_child_as_the_page_shows_it_and_it_is_logged(
    api_client, parent, student_profile, proposed
):
    api_client.force_authenticate(parent)
    children = api_client.get("/api/v1/parent/children/").json()["results"]
    assert children == [
        {
            "id": student_profile.pk,
            "first_name": student_profile.user.first_name,
            "name": student_profile.user.get_full_name(),
            "may_follow": True,
        }
    ]
    child = api_client.get(f"/api/v1/parent/children/{student_profile.pk}/")
    assert child.status_code == 200
    body = child.json()
    assert [m["id"] for m in body["matches"]] == [proposed.pk]
    assert "support_needs" not in body and "travel_radius_km" not in body  # not on the page
    match = api_client.get(f"/api/v1/parent/matches/{proposed.pk}/").json()
    assert match["status"] == "voorgesteld"
    assert all("moeder" not in entry["note"] for entry in match["timeline"])
    contexts = set(AccessLog.objects.filter(user=parent).values_list("context", flat=True))
    assert {"ouder:kinderen", "ouder", f"match:{proposed.pk}"} <= contexts


def test_a_parent_without_consent_sees_the_name_only(api_client, student_profile, proposed):
    guardian = f.UserFactory(role=Role.OUDER)
    GuardianLink.objects.create(guardian=guardian, student=student_profile)  # 16+, no consent
    api_client.force_authenticate(guardian)
    children = api_client.get("/api/v1/parent/children/").json()["results"]
    assert [(c["id"], c["may_follow"]) for c in children] == [(student_profile.pk, False)]
    assert api_client.get(f"/api/v1/parent/children/{student_profile.pk}/").status_code == 404
    assert api_client.get(f"/api/v1/parent/matches/{proposed.pk}/").status_code == 404


def test_a_parent_of_another_child_gets_404(api_client, other_parent, student_profile, proposed):
    api_client.force_authenticate(other_parent)
    assert api_client.get(f"/api/v1/parent/children/{student_profile.pk}/").status_code == 404
    assert api_client.get(f"/api/v1/parent/matches/{proposed.pk}/").status_code == 404
    assert not AccessLog.objects.filter(user=other_parent, student=student_profile).exists()


def test_the_parent_endpoints_are_for_parents_only(api_client, student, student_profile):
    api_client.force_authenticate(student)
    assert api_client.get("/api/v1/parent/children/").status_code == 403
    assert api_client.get(f"/api/v1/parent/children/{student_profile.pk}/").status_code == 403
