"""Colleagues through the API: every member sees the team, only a beheerder changes it, and the
organisation always keeps a beheerder, as on the colleagues page."""

import pytest
from django.core import mail

from employers.models import ColleagueInvite
from marketplace.models import User

pytestmark = pytest.mark.django_db

BASE = "/api/v1/employer/colleagues/"


def test_every_member_sees_the_team_with_what_they_may_do(as_po, boss, po):
    response = as_po.get(BASE)
    assert response.status_code == 200
    rows = {row["id"]: row for row in response.json()["results"]}
    assert set(rows) == {boss.pk, po.pk}
    assert rows[boss.pk]["employer_role"] == "beheerder" and rows[po.pk]["is_me"]
    assert not any(row["may_change_role"] or row["may_remove"] for row in rows.values())


def test_a_beheerder_invites_a_colleague_and_the_link_goes_by_mail(
    as_boss, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = as_boss.post(
            f"{BASE}invite/",
            {"email": "Nieuw@Bedrijf.nl", "employer_role": "praktijkopleider"},
            format="json",
        )
    assert response.status_code == 201, response.json()
    invite = ColleagueInvite.objects.get()
    assert invite.email == "nieuw@bedrijf.nl" and response.json()["id"] == invite.pk
    assert "token" not in response.json() and len(mail.outbox) == 1
    assert as_boss.get(f"{BASE}invites/").json()["count"] == 1


def test_a_praktijkopleider_may_not_change_the_team(as_po, boss, po):
    invite = as_po.post(
        f"{BASE}invite/", {"email": "x@bedrijf.nl", "employer_role": "beheerder"}, format="json"
    )
    assert invite.status_code == 403 and invite.json()["code"] == "permission_denied"
    role = as_po.post(f"{BASE}{boss.pk}/role/", {"employer_role": "praktijkopleider"})
    assert role.status_code == 403
    assert as_po.post(f"{BASE}{boss.pk}/remove/").status_code == 403
    assert as_po.get(f"{BASE}invites/").status_code == 403
    boss.refresh_from_db()
    assert boss.is_active and boss.employer_role == "beheerder"
    assert not ColleagueInvite.objects.exists()


def test_the_last_beheerder_stays_one(as_boss, boss):
    response = as_boss.post(f"{BASE}{boss.pk}/role/", {"employer_role": "praktijkopleider"})
    assert response.status_code == 400
    assert "altijd één beheerder" in response.json()["fields"]["non_field_errors"][0]
    assert as_boss.post(f"{BASE}{boss.pk}/remove/").status_code == 400
    boss.refresh_from_db()
    assert boss.is_active and boss.employer_role == "beheerder"


def test_a_beheerder_promotes_and_removes_a_colleague(as_boss, po):
    promoted = as_boss.post(f"{BASE}{po.pk}/role/", {"employer_role": "beheerder"}, format="json")
    assert promoted.status_code == 200 and promoted.json()["employer_role"] == "beheerder"
    removed = as_boss.post(f"{BASE}{po.pk}/remove/")
    assert removed.status_code == 200 and removed.json() == {"id": po.pk, "removed": True}
    po.refresh_from_db()
    assert not po.is_active and po.employer_id is None


def test_a_bad_role_is_a_400_and_another_organisations_colleague_a_404(
    as_boss, po, other_employer_member
):
    bad = as_boss.post(f"{BASE}{po.pk}/role/", {"employer_role": "baas"}, format="json")
    assert bad.status_code == 400 and "employer_role" in bad.json()["fields"]
    foreign = as_boss.post(f"{BASE}{other_employer_member.pk}/remove/")
    assert foreign.status_code == 404
    assert User.objects.get(pk=other_employer_member.pk).is_active


def test_an_open_invitation_is_resent_or_revoked(as_boss, boss):
    created = as_boss.post(
        f"{BASE}invite/", {"email": "y@bedrijf.nl", "employer_role": "beheerder"}, format="json"
    )
    pk = created.json()["id"]
    old_hash = ColleagueInvite.objects.get(pk=pk).token_hash
    assert as_boss.post(f"{BASE}invites/{pk}/resend/").status_code == 200
    assert ColleagueInvite.objects.get(pk=pk).token_hash != old_hash
    assert as_boss.post(f"{BASE}invites/{pk}/revoke/").status_code == 200
    assert ColleagueInvite.objects.get(pk=pk).revoked_at is not None
    assert as_boss.post(f"{BASE}invites/{pk}/revoke/").status_code == 403  # no longer open
