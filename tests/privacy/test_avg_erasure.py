"""The right to erasure: asked by the student (or a parent under 16), decided by the school or
the region's coordinator, carried out by a task; afterwards a scan of every table of every app
finds nothing of the person, except what the processing register says is legally kept."""

import pytest
from django.core import mail
from django.urls import reverse

from marketplace.models import ErasureRequest, Match, Notification, Placement, StudentProfile
from marketplace.services.erasure import erasure_request_create, erasure_request_decide
from marketplace.services.personal_data import legally_kept
from tests import factories as f
from tests.privacy.avg_world import identity_of, person_with_traces, traces_of


@pytest.fixture
def person(school, jobhunter, jpo, employer_member, opening):
    return person_with_traces(
        school=school, jobhunter=jobhunter, jpo=jpo, employer_member=employer_member,
        opening=opening,
    )  # fmt: skip


def _ask_and_confirm(client, person, decider, capture):
    client.force_login(person.user)
    response = client.post(reverse("privacy-mine-erase"), {"reason": "", "sure": "on"})
    assert response.status_code == 302
    client.force_login(decider)
    with capture(execute=True):
        response = client.post(
            reverse("privacy-decide", args=[person.pk]), {"decision": "confirm", "note": ""}
        )
    assert response.status_code == 302


def _allowed(found: list[str]) -> list[str]:
    kept = legally_kept()
    return [where for where in found if where.split(".")[0] + "." + where.split(".")[1] not in kept]


def test_the_scan_finds_the_person_before_the_erasure(person):
    found = traces_of(identity_of(person))
    for table in ("marketplace.Match", "events.Registration", "backoffice.ImportRun"):
        assert any(where.startswith(table) for where in found), table


def test_after_a_confirmed_erasure_no_table_holds_the_person(
    client, person, school_staff, other_student_profile, django_capture_on_commit_callbacks
):
    who = identity_of(person)
    other_before = identity_of(other_student_profile)
    _ask_and_confirm(client, person, school_staff, django_capture_on_commit_callbacks)

    assert _allowed(traces_of(who)) == []
    from django.contrib.sessions.models import Session

    logged_in = [s.get_decoded().get("_auth_user_id") for s in Session.objects.all()]
    assert str(who["user_id"]) not in logged_in  # the log-in session ended with the account
    request = ErasureRequest.objects.get()
    assert request.status == ErasureRequest.Status.DONE and request.student is None
    assert "Quirijnsma" not in request.subject_label and request.summary["marketplace"]
    # The other student of the same school is untouched.
    assert identity_of(StudentProfile.objects.get(pk=other_before["student_id"])) == other_before
    assert traces_of(other_before)  # the scan does find a person who is still there


def test_a_placement_stays_for_the_figures_without_identity(
    client, person, school_staff, django_capture_on_commit_callbacks
):
    placement_id = Placement.objects.get(match__student=person).pk
    _ask_and_confirm(client, person, school_staff, django_capture_on_commit_callbacks)
    placement = Placement.objects.select_related("match__student__user").get(pk=placement_id)
    stand_in = placement.match.student
    assert stand_in.school_id == person.school_id and stand_in.level == person.level
    assert stand_in.user.email.endswith("@verwijderd.invalid") and not stand_in.user.is_active
    assert stand_in.external_id == "" and stand_in.date_of_birth != person.date_of_birth
    # The open proposal was withdrawn: the employer no longer waits for an answer.
    assert not Match.objects.filter(student=stand_in, status="voorgesteld").exists()


def test_the_student_leaves_the_engine_index(
    client, person, school_staff, django_capture_on_commit_callbacks
):
    from marketplace.services.engine_index import clear_index_cache, student_index

    def live_ids() -> set[int]:
        index = student_index()
        ids = set(index.base.ids[~index.stale].tolist())
        return ids | (set(index.delta.ids.tolist()) if index.delta is not None else set())

    assert person.pk in live_ids()
    _ask_and_confirm(client, person, school_staff, django_capture_on_commit_callbacks)
    assert person.pk not in live_ids()
    clear_index_cache()
    assert person.pk not in live_ids()


def test_the_student_gets_an_e_mail_when_it_is_done(
    client, person, school_staff, django_capture_on_commit_callbacks
):
    _ask_and_confirm(client, person, school_staff, django_capture_on_commit_callbacks)
    done = [m for m in mail.outbox if "verwijderd" in m.subject]
    assert [m.to for m in done] == [["zefanja.quirijnsma@leerling.example"]]


def test_running_the_erasure_twice_changes_nothing(
    client, person, school_staff, django_capture_on_commit_callbacks
):
    from marketplace.tasks import erasure_execute

    _ask_and_confirm(client, person, school_staff, django_capture_on_commit_callbacks)
    request = ErasureRequest.objects.get()
    before = (request.summary, StudentProfile.objects.count(), Match.objects.count())
    assert erasure_execute(request.pk) == request.summary
    request.refresh_from_db()
    assert (request.summary, StudentProfile.objects.count(), Match.objects.count()) == before


def test_a_refusal_keeps_everything_and_tells_why(
    client, student_profile, school_staff, django_capture_on_commit_callbacks
):
    request = erasure_request_create(requester=student_profile.user, student=student_profile)
    client.force_login(school_staff)
    url = reverse("privacy-decide", args=[student_profile.pk])
    response = client.post(url, {"decision": "refuse", "note": ""})
    assert response.status_code == 400  # a refusal needs a reason; nothing decided yet
    request.refresh_from_db()
    assert request.status == ErasureRequest.Status.REQUESTED and request.decided_at is None
    with django_capture_on_commit_callbacks(execute=True):
        client.post(url, {"decision": "refuse", "note": "Je plaatsing loopt nog."})
    request.refresh_from_db()
    assert request.status == ErasureRequest.Status.REFUSED
    assert StudentProfile.objects.filter(pk=student_profile.pk).exists()
    told = Notification.objects.get(user=student_profile.user, key__startswith="erasure:")
    assert "Je plaatsing loopt nog." in told.body


def test_staff_of_another_school_get_404(client, student_profile, region):
    from marketplace.models import Role

    request = erasure_request_create(requester=student_profile.user, student=student_profile)
    other_school = f.SchoolFactory(region=region)
    outsider = f.UserFactory(role=Role.SCHOOL, school=other_school, region=region)
    client.force_login(outsider)
    url = reverse("privacy-decide", args=[student_profile.pk])
    assert client.get(url).status_code == 404
    assert client.post(url, {"decision": "confirm"}).status_code == 404
    request.refresh_from_db()
    assert request.decided_at is None


def test_the_coordinator_of_another_region_may_not_decide(student_profile, other_region):
    from django.core.exceptions import PermissionDenied

    from marketplace.models import Role

    request = erasure_request_create(requester=student_profile.user, student=student_profile)
    outsider = f.UserFactory(role=Role.COORDINATOR, region=other_region)
    with pytest.raises(PermissionDenied):
        erasure_request_decide(decider=outsider, request=request, confirm=True)


def test_a_parent_of_a_child_under_16_may_ask_and_hears_the_outcome(
    client, school, coordinator, django_capture_on_commit_callbacks, under_16_profile
):
    from marketplace.models import GuardianLink, Role

    parent = f.UserFactory(role=Role.OUDER)
    GuardianLink.objects.create(guardian=parent, student=under_16_profile)
    client.force_login(parent)
    url = reverse("privacy-child-erase", args=[under_16_profile.pk])
    assert client.post(url, {"sure": "on"}).status_code == 302
    client.force_login(coordinator)  # the region's coordinator may decide too
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("privacy-decide", args=[under_16_profile.pk]), {"decision": "confirm"})
    assert not StudentProfile.objects.filter(pk=under_16_profile.pk).exists()
    told = Notification.objects.get(user=parent, key__endswith=":done")
    assert under_16_profile.user.last_name not in told.title + told.body


def test_a_parent_of_a_17_year_old_may_not_ask(client, student_profile, parent):
    # `parent` has the 17-year-old's consent to follow the search, but the AVG rights are the
    # young person's own from 16.
    import datetime

    today = datetime.date.today()
    student_profile.date_of_birth = today.replace(year=today.year - 17, day=1)
    student_profile.save(update_fields=["date_of_birth"])
    client.force_login(parent)
    url = reverse("privacy-child-erase", args=[student_profile.pk])
    assert client.post(url, {"sure": "on"}).status_code == 404
    assert client.get(reverse("privacy-child", args=[student_profile.pk])).status_code == 404
    assert not ErasureRequest.objects.exists()


def test_a_double_click_makes_one_request(client, student_profile):
    client.force_login(student_profile.user)
    for _ in range(2):
        client.post(reverse("privacy-mine-erase"), {"sure": "on"})
    assert ErasureRequest.objects.count() == 1


def test_asking_without_ticking_the_box_sends_nothing(client, student_profile):
    client.force_login(student_profile.user)
    response = client.post(reverse("privacy-mine-erase"), {"reason": "weg ermee"})
    assert response.status_code == 400
    assert "Vink aan dat je het zeker weet." in response.content.decode()
    assert "weg ermee" in response.content.decode()
    assert not ErasureRequest.objects.exists()
