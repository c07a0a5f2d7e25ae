"""The privacy review's findings (issue 16, second round), each with a test that failed before:
read-only records in the admin, a closed match's internal reason, erased stand-ins in lists,
the check-in search logged, and a "Mijn gegevens" a young person can read."""

import datetime
import json

import pytest
from django.urls import reverse
from django.utils import timezone

from events.models import MatchingEvent, Registration
from marketplace.models import (
    AccessLog,
    ConsentRecord,
    GuardianLink,
    Match,
    MatchStatus,
    Role,
    StudentProfile,
    TimelineEntry,
)
from marketplace.permissions import ERASED_EMAIL_DOMAIN, matches_visible_to, students_visible_to
from marketplace.selectors import employer_candidates
from marketplace.services.audit import access_log_record
from marketplace.services.erasure import erasure_request_create, erasure_request_decide
from marketplace.services.matches import match_move
from tests import factories as f
from tests.privacy.avg_world import person_with_traces

pytestmark = pytest.mark.django_db

SECRET = "GEHEIMREDEN"


# --- 1. the admin: records read-only, case data view-only ---------------------------------


@pytest.fixture
def admin_client(client, superuser):
    client.force_login(superuser)
    return client


def _admin(name: str, *args) -> str:
    return reverse(f"admin:marketplace_{name}", args=args)


def test_the_access_log_cannot_be_added_changed_or_deleted_in_the_admin(
    admin_client, superuser, student_profile
):
    log = AccessLog.objects.create(user=superuser, student=student_profile, action="view")
    assert admin_client.get(_admin("accesslog_add")).status_code == 403
    assert admin_client.get(_admin("accesslog_change", log.pk)).status_code == 200  # to look at
    assert admin_client.post(_admin("accesslog_change", log.pk), {"action": "x"}).status_code == 403
    assert admin_client.post(_admin("accesslog_delete", log.pk), {"post": "yes"}).status_code == 403
    log.refresh_from_db()
    assert log.action == "view"


def test_the_consent_history_cannot_be_changed_or_deleted_in_the_admin(
    admin_client, student_profile
):
    record = ConsentRecord.objects.create(student=student_profile, kind="parent_access", given=True)
    assert admin_client.get(_admin("consentrecord_add")).status_code == 403
    assert admin_client.post(_admin("consentrecord_change", record.pk), {}).status_code == 403
    assert (
        admin_client.post(_admin("consentrecord_delete", record.pk), {"post": "yes"}).status_code
        == 403
    )
    assert ConsentRecord.objects.filter(pk=record.pk, given=True).exists()


@pytest.mark.parametrize(
    "model", ["studentprofile", "match", "placement", "checkin", "overgangsdokument",
              "searchrequest", "guardianlink", "escalation", "actionitem"],
)  # fmt: skip
def test_case_data_of_young_people_is_view_only_in_the_admin(admin_client, model):
    from django.contrib import admin

    from marketplace import models as m

    model_admin = admin.site._registry[m.__dict__[_class_of(model)]]
    request = admin_client.get(_admin(f"{model}_changelist")).wsgi_request
    assert not model_admin.has_add_permission(request)
    assert not model_admin.has_change_permission(request)
    assert not model_admin.has_delete_permission(request)


def _class_of(name: str) -> str:
    from django.apps import apps

    return apps.get_model("marketplace", name).__name__


def test_a_student_record_cannot_be_changed_in_the_admin(admin_client, student_profile):
    url = _admin("studentprofile_change", student_profile.pk)
    assert admin_client.get(url).status_code == 200
    assert admin_client.post(url, {"interests": "anders"}).status_code == 403
    assert (
        admin_client.post(
            _admin("studentprofile_delete", student_profile.pk), {"post": "yes"}
        ).status_code
        == 403
    )
    assert StudentProfile.objects.filter(pk=student_profile.pk).exists()


# --- 2. a closed match's reason has the visibility of its note -----------------------------


@pytest.fixture
def closed(student_profile, opening, jobhunter):
    match = Match.objects.create(
        student=student_profile, opening=opening, proposed_by=jobhunter,
        status=MatchStatus.VOORGESTELD,
    )  # fmt: skip
    return match_move(
        actor=jobhunter, match=match, to_status=MatchStatus.AFGEWEZEN,
        expected_version=match.version, reason=SECRET,
    )  # fmt: skip


def test_an_internal_closing_reason_is_not_in_the_students_export(client, closed):
    assert closed.closed_reason == SECRET
    closing = closed.timeline.get(to_status=MatchStatus.AFGEWEZEN)
    assert closing.note_visibility == TimelineEntry.Visibility.INTERNAL
    client.force_login(closed.student.user)
    body = client.get(reverse("privacy-mine-json")).content.decode()
    assert SECRET not in body
    assert SECRET not in client.get(reverse("privacy-mine")).content.decode()


def test_an_internal_closing_reason_is_not_in_the_parents_export(client, closed):
    child = closed.student
    child.date_of_birth = timezone.localdate() - datetime.timedelta(days=15 * 365)
    child.save(update_fields=["date_of_birth"])
    parent = f.UserFactory(role=Role.OUDER)
    GuardianLink.objects.create(guardian=parent, student=child)
    client.force_login(parent)
    body = client.get(reverse("privacy-child-json", args=[child.pk])).content.decode()
    assert SECRET not in body


def test_a_shared_closing_reason_is_in_the_export(client, student_profile, opening, jobhunter):
    match = Match.objects.create(student=student_profile, opening=opening, proposed_by=jobhunter)
    match_move(
        actor=jobhunter, match=match, to_status=MatchStatus.AFGEWEZEN,
        expected_version=match.version, reason="Plek is vol",
        note_visibility=TimelineEntry.Visibility.SHARED,
    )  # fmt: skip
    client.force_login(student_profile.user)
    assert "Plek is vol" in client.get(reverse("privacy-mine-json")).content.decode()


# --- 3. an erased person's stand-in is listed to nobody ------------------------------------


@pytest.fixture
def erased(school, jobhunter, jpo, employer_member, opening, school_staff,
           django_capture_on_commit_callbacks):  # fmt: skip
    person = person_with_traces(
        school=school, jobhunter=jobhunter, jpo=jpo, employer_member=employer_member,
        opening=opening,
    )  # fmt: skip
    request = erasure_request_create(requester=person.user, student=person)
    with django_capture_on_commit_callbacks(execute=True):
        erasure_request_decide(decider=school_staff, request=request, confirm=True)
    keeper = StudentProfile.objects.get(user__email__endswith=ERASED_EMAIL_DOMAIN)
    assert Match.objects.filter(student=keeper, opening=opening).exists()  # the figures stay
    return keeper


def test_the_employer_does_not_see_an_erased_stand_in(client, erased, employer_member, opening):
    assert erased.pk not in [c.student.pk for c in employer_candidates(
        viewer=employer_member, opening=opening)]  # fmt: skip
    assert not matches_visible_to(employer_member).filter(student=erased).exists()
    client.force_login(employer_member)
    page = client.get(reverse("werkgever:candidates", args=[opening.pk])).content.decode()
    assert "Ingetrokken" not in page and "gegevens verwijderd" not in page
    api = client.get(f"/api/v1/openings/{opening.pk}/candidates/")
    assert api.status_code == 200
    assert "verwijderd" not in api.content.decode()
    assert len(api.json().get("results", api.json())) == 0


def test_mediators_do_not_list_an_erased_stand_in(erased, school_staff, coordinator):
    for who in (school_staff, coordinator):
        assert not students_visible_to(who).filter(pk=erased.pk).exists()
        assert not matches_visible_to(who).filter(student=erased).exists()


# --- 4. the check-in search is a logged read ------------------------------------------------


def test_the_check_in_search_logs_the_names_it_shows(client, coordinator, region, student):
    starts = timezone.now() - datetime.timedelta(hours=1)
    event = MatchingEvent.objects.create(
        title="Banenmarkt", kind="speeddate", region=region, place=f.PlaceFactory(),
        starts_at=starts, ends_at=starts + datetime.timedelta(hours=3),
    )  # fmt: skip
    Registration.objects.create(event=event, user=student)
    client.force_login(coordinator)
    page = client.get(f"/evenementen/{event.pk}/inchecken/", {"q": student.last_name})
    assert student.last_name in page.content.decode()
    log = AccessLog.objects.get(student__user=student)
    assert (log.user, log.context) == (coordinator, f"inchecken:{event.pk}")


# --- 5. "Mijn gegevens" in words a young person reads ---------------------------------------


def test_the_access_history_says_what_and_where_in_words_and_dates_like_the_site(
    client, student_profile, jobhunter, opening
):
    match = Match.objects.create(student=student_profile, opening=opening)
    access_log_record(user=jobhunter, student=student_profile, action="view",
                      context=f"match:{match.pk}")  # fmt: skip
    access_log_record(user=jobhunter, student=student_profile, action="download",
                      context="api:avg:export")  # fmt: skip
    client.force_login(student_profile.user)
    page = client.get(reverse("privacy-mine")).content.decode()
    assert "pagina van een match" in page and "via een koppeling" in page
    assert f"match:{match.pk}" not in page and "api:avg:export" not in page
    assert "<dd>view</dd>" not in page and "bekeken" in page
    assert "T" not in _first_when(page)
    assert "Jobcoach welkom" in page and "<dd>jobcoach</dd>" not in page  # a support label


def _first_when(page: str) -> str:
    start = page.index("<dt>Wanneer</dt><dd>") + len("<dt>Wanneer</dt><dd>")
    return page[start : page.index("</dd>", start)]


def test_the_json_has_no_microseconds(client, student_profile, jobhunter):
    access_log_record(user=jobhunter, student=student_profile, action="view", context="werk")
    client.force_login(student_profile.user)
    data = json.loads(client.get(reverse("privacy-mine-json")).content)
    [row] = [r for r in data["sections"]["marketplace"]["Wie heeft je gegevens bekeken"]
             if r["Wie (rol)"] == "Jobhunter"]  # fmt: skip
    assert "." not in row["Wanneer"]


def test_a_parent_is_listed_as_parent_not_under_an_organisation(client, student_profile, parent):
    access_log_record(user=parent, student=student_profile, action="view", context="ouder")
    client.force_login(student_profile.user)
    data = json.loads(client.get(reverse("privacy-mine-json")).content)
    rows = data["sections"]["marketplace"]["Wie heeft je gegevens bekeken"]
    [row] = [r for r in rows if r["Wie (rol)"] == str(Role.OUDER.label)]
    assert row["Organisatie"] == "ouder/verzorger"
    assert row["Waar"] == "pagina voor ouders"
