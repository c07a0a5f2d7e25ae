"""The student completes their profile through the API, part by part, through the same services
as the wizard; the ranking uses what they entered; bad input changes nothing."""

import pytest

from marketplace.models import ConsentRecord, StudentCompetency, StudentProfile
from matching.models import Certificate, Competency, Sector
from tests import factories as f

pytestmark = pytest.mark.django_db

HUGE = 10**30


@pytest.fixture
def heftruck(db):
    return Competency.objects.create(name="Heftruck rijden")


@pytest.fixture
def vca(db):
    return Certificate.objects.create(name="VCA Basis")


@pytest.fixture
def as_student(api_client, student):
    api_client.force_authenticate(student)
    return api_client


def _ranked(client, student_profile, opening) -> dict:
    response = client.get(f"/api/v1/students/{student_profile.pk}/matches/")
    assert response.status_code == 200
    return next(r for r in response.json()["results"] if r["opening"]["id"] == opening.pk)


def test_a_student_completes_their_profile_and_the_ranking_uses_it(
    as_student, student_profile, opening, heftruck, vca
):
    opening.required_competencies.add(heftruck)
    before = _ranked(as_student, student_profile, opening)
    assert "Heftruck rijden" in [m["name"] for m in before["missing"]]

    added = as_student.post("/api/v1/me/skills/", {"competency": heftruck.pk, "level": 2})
    assert added.status_code == 201 and added.json()["level_display"] == "Ik kan het"
    assert as_student.patch(f"/api/v1/me/skills/{heftruck.pk}/", {"level": 3}).status_code == 200
    assert as_student.post("/api/v1/me/certificates/", {"certificate": vca.pk}).status_code == 201
    sector = Sector.objects.get(code="logistiek")
    interests = {"sectors": [sector.pk], "interests": "Buiten werken met machines"}
    assert as_student.put("/api/v1/me/interests/", interests, format="json").status_code == 200
    support = {"support_needs": ["jobcoach"], "shared": True}
    assert as_student.put("/api/v1/me/support/", support, format="json").status_code == 200

    profile = as_student.get("/api/v1/me/profile/").json()
    assert profile["skills"] == [{"competency": heftruck.pk, "level": 3}]
    assert profile["certificate_ids"] == [vca.pk] and profile["sector_ids"] == [sector.pk]
    assert profile["support_needs_shared"] is True and profile["steps_done"]["vaardigheden"]
    after = _ranked(as_student, student_profile, opening)
    assert "Heftruck rijden" in [m["name"] for m in after["matched"]]
    assert after["score"] > before["score"]


def test_skills_are_listed_changed_and_removed(as_student, student_profile, heftruck):
    StudentCompetency.objects.create(student=student_profile, competency=heftruck, level=1)
    listed = as_student.get("/api/v1/me/skills/").json()
    assert listed["count"] == 1 and listed["results"][0]["competency"] == heftruck.pk
    again = as_student.post("/api/v1/me/skills/", {"competency": heftruck.pk, "level": 2})
    assert again.status_code == 400 and "competency" in again.json()["fields"]
    assert as_student.delete(f"/api/v1/me/skills/{heftruck.pk}/").status_code == 204
    assert not StudentCompetency.objects.filter(student=student_profile).exists()
    assert as_student.get(f"/api/v1/me/skills/{heftruck.pk}/").status_code == 404


@pytest.mark.parametrize(
    ("path", "payload", "field"),
    [
        ("/api/v1/me/skills/", {"competency": HUGE, "level": 2}, "competency"),
        ("/api/v1/me/skills/", {"competency": 1, "level": 9}, "level"),
        ("/api/v1/me/certificates/", {"certificate": HUGE}, "certificate"),
        ("/api/v1/me/certificates/", {"certificate": "1\x00"}, "certificate"),
        ("/api/v1/me/interests/", {"sectors": [HUGE], "interests": ""}, "sectors"),
        ("/api/v1/me/interests/", {"sectors": [], "interests": "a\x00b"}, "interests"),
        ("/api/v1/me/support/", {"support_needs": ["toverstaf"], "shared": True}, "support_needs"),
        ("/api/v1/me/profile/", {"home_place": HUGE}, "home_place"),
    ],
)
def test_bad_input_is_a_400_with_the_field_and_nothing_is_written(
    as_student, student_profile, heftruck, path, payload, field
):
    method = {"interests": "put", "support": "put", "profile": "patch"}.get(
        path.rstrip("/").rsplit("/", 1)[-1], "post"
    )
    response = getattr(as_student, method)(path, payload, format="json")
    assert response.status_code == 400, response.content
    assert field in response.json()["fields"]
    fresh = StudentProfile.objects.get(pk=student_profile.pk)
    assert not fresh.competencies.exists() and not fresh.certificates.exists()
    assert fresh.support_needs == ["jobcoach"] and fresh.interests == ""


def test_support_and_its_sharing_are_saved_together_or_not_at_all(as_student, student_profile):
    response = as_student.put(
        "/api/v1/me/support/", {"support_needs": ["jobcoach"], "shared": "misschien"}, format="json"
    )
    assert response.status_code == 400
    assert not StudentProfile.objects.get(pk=student_profile.pk).support_needs_shared


def test_consents_are_read_given_and_withdrawn_with_their_history(as_student, student_profile):
    consents = {c["kind"]: c for c in as_student.get("/api/v1/me/consents/").json()["results"]}
    assert consents["findable"]["given"] is False
    given = as_student.post("/api/v1/me/consents/findable/")
    assert given.status_code == 200 and given.json()["given"] is True
    withdrawn = as_student.delete("/api/v1/me/consents/findable/")
    assert withdrawn.json()["given"] is False
    assert not StudentProfile.objects.get(pk=student_profile.pk).consent_findable
    history = as_student.get("/api/v1/me/consents/history/").json()["results"]
    assert [(h["kind"], h["given"]) for h in history] == [("findable", False), ("findable", True)]
    assert ConsentRecord.objects.filter(student=student_profile).count() == 2
    assert as_student.post("/api/v1/me/consents/alles/").status_code == 404


def test_the_profile_parts_are_for_students_only(api_client, parent, employer_member):
    for user in (parent, employer_member):
        api_client.force_authenticate(user)
        assert api_client.get("/api/v1/me/skills/").status_code == 403
        assert api_client.post("/api/v1/me/consents/findable/").status_code == 403
    api_client.force_authenticate(None)
    assert api_client.get("/api/v1/me/skills/").status_code in (401, 403)


def test_another_students_skill_is_not_reachable(as_student, other_student_profile, heftruck):
    StudentCompetency.objects.create(student=other_student_profile, competency=heftruck, level=2)
    assert as_student.get(f"/api/v1/me/skills/{heftruck.pk}/").status_code == 404
    assert as_student.delete(f"/api/v1/me/skills/{heftruck.pk}/").status_code == 404
    assert StudentCompetency.objects.filter(student=other_student_profile).exists()


def test_a_new_home_place_is_saved_through_the_profile(as_student, student_profile):
    place = f.PlaceFactory(name="Assen", latitude=52.99, longitude=6.56)
    response = as_student.patch("/api/v1/me/profile/", {"home_place": place.pk}, format="json")
    assert response.status_code == 200 and response.json()["home_place"] == "Assen"
