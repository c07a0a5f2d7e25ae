"""Seeing and downloading one's own data: the student, or a parent of a child under 16."""

import json

from django.urls import reverse

from marketplace.models import AccessLog, ConsentRecord, GuardianLink, Match, Role
from marketplace.services.audit import access_log_record
from tests import factories as f


def _export(client, url) -> dict:
    response = client.get(url)
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith("attachment")
    return json.loads(response.content)


def test_the_export_holds_my_data_and_not_another_students(
    client, student_profile, other_student_profile, opening
):
    Match.objects.create(student=student_profile, opening=opening)
    Match.objects.create(student=other_student_profile, opening=opening)
    client.force_login(student_profile.user)
    data = _export(client, reverse("privacy-mine-json"))
    text = json.dumps(data, ensure_ascii=False)
    assert student_profile.user.email in text and opening.title in text
    assert student_profile.school.name in text
    assert other_student_profile.user.email not in text
    assert other_student_profile.user.last_name not in text
    assert len(data["sections"]["marketplace"]["Matches"]) == 1


def test_a_download_is_logged_as_a_read(client, student_profile):
    client.force_login(student_profile.user)
    client.get(reverse("privacy-mine-pdf"))
    assert AccessLog.objects.filter(student=student_profile, context="avg:pdf").exists()


def test_the_pdf_is_a_pdf(client, student_profile):
    client.force_login(student_profile.user)
    response = client.get(reverse("privacy-mine-pdf"))
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF") and len(response.content) > 2000


def test_the_page_shows_who_looked_by_role_and_organisation_not_by_name(
    client, student_profile, jobhunter
):
    jobhunter.last_name = "Vlasbloem"
    jobhunter.save(update_fields=["last_name"])
    access_log_record(user=jobhunter, student=student_profile, action="view", context="werk")
    client.force_login(student_profile.user)
    page = client.get(reverse("privacy-mine")).content.decode()
    assert "Jobhunter" in page and jobhunter.region.name in page
    assert "Vlasbloem" not in page


def test_the_page_shows_consents_now_and_their_history(client, student_profile):
    ConsentRecord.objects.create(student=student_profile, kind="show_to_employers", given=True)
    ConsentRecord.objects.create(student=student_profile, kind="show_to_employers", given=False)
    client.force_login(student_profile.user)
    page = client.get(reverse("privacy-mine")).content.decode()
    assert "Toestemmingen nu" in page and "Toestemmingen (geschiedenis) (2)" in page


def test_a_parent_of_a_child_under_16_sees_and_downloads_the_childs_data(client, under_16_profile):
    parent = f.UserFactory(role=Role.OUDER)
    GuardianLink.objects.create(guardian=parent, student=under_16_profile)
    client.force_login(parent)
    chooser = client.get(reverse("privacy-mine")).content.decode()
    assert reverse("privacy-child", args=[under_16_profile.pk]) in chooser
    data = _export(client, reverse("privacy-child-json", args=[under_16_profile.pk]))
    assert under_16_profile.user.email in json.dumps(data)
    log = AccessLog.objects.get(student=under_16_profile, context="avg:json")
    assert log.user == parent


def test_a_parent_of_a_17_year_old_cannot_see_or_download(client, student_profile, parent):
    client.force_login(parent)
    for name in ("privacy-child", "privacy-child-json", "privacy-child-pdf"):
        assert client.get(reverse(name, args=[student_profile.pk])).status_code == 404


def test_another_parent_gets_404(client, under_16_profile, other_parent):
    client.force_login(other_parent)
    url = reverse("privacy-child-json", args=[under_16_profile.pk])
    assert client.get(url).status_code == 404


def test_staff_have_no_my_data_page(client, jobhunter):
    client.force_login(jobhunter)
    assert client.get(reverse("privacy-mine")).status_code == 403


def test_the_menu_links_my_data_for_the_student(client, student_profile):
    client.force_login(student_profile.user)
    page = client.get(reverse("student-profile")).content.decode()
    assert reverse("privacy-mine") in page


# --- the API ----------------------------------------------------------------------------------


def test_the_api_exports_my_data(api_client, student_profile, other_student_profile):
    api_client.force_authenticate(student_profile.user)
    response = api_client.get(reverse("api-my-data"))
    assert response.status_code == 200
    text = json.dumps(response.json(), ensure_ascii=False)
    assert student_profile.user.email in text and other_student_profile.user.email not in text


def test_the_api_lists_who_looked(api_client, student_profile, jobhunter):
    access_log_record(user=jobhunter, student=student_profile, action="view", context="werk")
    api_client.force_authenticate(student_profile.user)
    rows = api_client.get(reverse("api-my-access-log")).json()
    # What and where in words, like the page (the log's codes are not for a young person).
    looked = [r for r in rows if r["context"] == "werkplek van de begeleider"]
    assert looked and looked[0]["role"] == "Jobhunter" and looked[0]["action"] == "bekeken"
    assert jobhunter.last_name not in json.dumps(rows)


def test_the_api_asks_for_erasure_once(api_client, student_profile):
    api_client.force_authenticate(student_profile.user)
    first = api_client.post(reverse("api-my-erasure-request"), {"reason": "Ik stop"})
    second = api_client.post(reverse("api-my-erasure-request"), {})
    assert first.status_code == second.status_code == 201
    assert first.json()["id"] == second.json()["id"] and first.json()["status"] == "requested"


def test_the_api_refuses_a_reason_that_is_too_long(api_client, student_profile):
    api_client.force_authenticate(student_profile.user)
    response = api_client.post(reverse("api-my-erasure-request"), {"reason": "x" * 1001})
    assert response.status_code == 400


def test_the_api_is_for_students_only(api_client, jobhunter):
    api_client.force_authenticate(jobhunter)
    assert api_client.get(reverse("api-my-data")).status_code == 404
    assert api_client.post(reverse("api-my-erasure-request"), {}).status_code == 404
