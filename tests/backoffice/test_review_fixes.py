"""The reviewer's findings on the back office: each test fails without its fix."""

import datetime
import re

import pytest
from django.contrib.auth.hashers import make_password
from django.core import mail
from django.urls import reverse
from django.utils import timezone
from django.utils.functional import Promise

from backoffice.imports import import_files_purge
from backoffice.imports_formats import EMPLOYERS, OPENINGS, STUDENTS
from backoffice.models import ImportRun
from demo.employer_builder import kvk_number
from marketplace.models import ActionItem, AftercareContact, GuardianLink, Role, StudentProfile
from marketplace.permissions import monitoring_scope_for
from mediation.services.aftercare import aftercare_plan
from tests import factories as f
from tests.backoffice.test_imports import (  # noqa: F401 - fixtures
    _check,
    _csv,
    _import,
    _student,
    _texts,
    noorderpoort,
    vocabulary,
)
from tests.factories import PASSWORD

pytestmark = pytest.mark.django_db


# --- 1. imported and invited people can set a password -------------------------------------


def _reset_link(client, email: str) -> str:
    response = client.post(reverse("password_reset"), {"email": email})
    assert response.status_code == 302
    assert len(mail.outbox) == 1
    return re.search(r"https?://[^/\s]+(/\S+)", mail.outbox[0].body).group(1)


def test_a_student_without_a_usable_password_sets_one_through_forgot_password(client, school):
    profile = f.StudentProfileFactory(school=school)
    user = profile.user
    user.password = make_password(None)  # as the import leaves it
    user.save()
    response = client.get(_reset_link(client, user.email), follow=True)
    form_url = response.redirect_chain[-1][0]
    response = client.post(
        form_url,
        {"new_password1": "Een-nieuw-wachtwoord-9", "new_password2": "Een-nieuw-wachtwoord-9"},
    )
    assert response.status_code == 302
    assert client.login(username=user.email, password="Een-nieuw-wachtwoord-9")


def test_forgot_password_answers_the_same_for_an_unknown_address(client):
    response = client.post(reverse("password_reset"), {"email": "niemand@example.nl"})
    assert response.status_code == 302 and response.url == reverse("password_reset_done")
    assert mail.outbox == []


def test_the_coordinator_sees_the_invite_again_button_for_a_student(client, coordinator, student):
    client.force_login(coordinator)
    page = client.get(reverse("backoffice:person", args=[student.pk])).content.decode()
    assert "Uitnodiging opnieuw sturen" in page


# --- 2. jobhunter and mentor in the students import; aftercare always has an owner ----------


def test_the_students_import_sets_jobhunter_and_mentor(coordinator, noorderpoort, jobhunter):  # noqa: F811
    mentor = f.UserFactory(role=Role.SCHOOL, school=noorderpoort, region=noorderpoort.region)
    row = _student("1", jobhunter=jobhunter.email.upper(), mentor=mentor.email)
    _import(coordinator, _csv([row]))
    profile = StudentProfile.objects.get(external_id="1")
    assert (profile.jobhunter, profile.mentor) == (jobhunter, mentor)


def test_an_unknown_jobhunter_is_a_row_problem(coordinator, noorderpoort):  # noqa: F811
    run = _check(coordinator, _csv([_student("1", jobhunter="onbekend@example.nl")]))
    assert any(
        t.startswith("Rij 2, jobhunter: onbekend@example.nl kennen we niet") for t in _texts(run)
    )


def test_aftercare_without_mentor_or_jobhunter_goes_to_the_school_staff(school, school_staff):
    left = datetime.date(2025, 1, 15)
    leaver = f.StudentProfileFactory(
        school=school, education_type="pro", level=0, leerweg="", qualification=None,
        expected_diploma_date=left,
    )  # fmt: skip
    assert aftercare_plan(today=left) == 1
    assert ActionItem.objects.get(student=leaver, kind="nazorg").assigned_to == school_staff


def test_aftercare_for_nobody_is_not_planned(school):
    left = datetime.date(2025, 1, 15)
    f.StudentProfileFactory(
        school=school, education_type="pro", level=0, leerweg="", qualification=None,
        expected_diploma_date=left,
    )  # fmt: skip
    assert aftercare_plan(today=left) == 0
    assert not ActionItem.objects.filter(kind="nazorg", assigned_to__isnull=True).exists()


# --- 3. the employers template and the preview --------------------------------------------


def test_the_example_kvk_numbers_are_no_demo_employer():
    demo = {kvk_number(i) for i in range(5000)}
    examples = {*EMPLOYERS.column("kvk_number").examples, *OPENINGS.column("kvk_number").examples}
    assert examples and not examples & demo
    assert all(re.fullmatch(r"\d{8}", k) for k in examples)


def test_a_new_location_of_a_changed_employer_shows_as_updated(coordinator, vocabulary):  # noqa: F811
    employer = f.EmployerFactory(region=coordinator.region, kvk_number="99000001", name="Oud")
    row = {"kvk-nummer": employer.kvk_number, "naam": "Nieuwe naam", "sector": "Horeca",
           "vestiging": "Nieuw", "plaats": "Groningen"}  # fmt: skip
    run = _check(coordinator, _csv([row]), kind="employers", name="werkgevers.csv")
    (preview,) = run.summary["preview"]
    assert preview["action"] == "update" and "naam" in preview["changes"]


# --- 4. uploaded files are not kept -----------------------------------------------------------


def test_a_refused_file_is_not_kept(coordinator, noorderpoort):  # noqa: F811
    run = _check(coordinator, _csv([_student("1", born="31-02-2009")]))
    run.refresh_from_db()
    assert run.status == "refused" and bytes(run.content) == b""


def test_a_checked_file_not_started_is_removed_after_a_day(coordinator, noorderpoort):  # noqa: F811
    old = _check(coordinator, _csv([_student("1")]))
    new = _check(coordinator, _csv([_student("2")]))
    ImportRun.objects.filter(pk=old.pk).update(
        created_at=timezone.now() - datetime.timedelta(hours=25)
    )
    assert import_files_purge() == 1
    old.refresh_from_db(), new.refresh_from_db()
    assert bytes(old.content) == b"" and bytes(new.content) != b""


# --- 5. import checks and messages ------------------------------------------------------------


def test_a_birth_date_that_makes_the_student_8_is_a_row_problem(coordinator, noorderpoort):  # noqa: F811
    born = timezone.localdate().replace(year=timezone.localdate().year - 8, day=1)
    run = _check(coordinator, _csv([_student("1", born=f"{born:%d-%m-%Y}")]))
    assert any("jonger dan 12 jaar" in t for t in _texts(run))


def test_a_birth_date_in_1900_is_a_row_problem(coordinator, noorderpoort):  # noqa: F811
    run = _check(coordinator, _csv([_student("1", born="01-01-1900")]))
    assert any("ouder dan 30 jaar" in t for t in _texts(run))


def test_a_nul_byte_in_a_cell_is_a_row_problem(coordinator, noorderpoort):  # noqa: F811
    run = _check(coordinator, _csv([_student("1", achternaam="de\x00Boer")]))
    assert "Rij 2, achternaam: bevat een onleesbaar teken" in " ".join(_texts(run))


def test_the_students_example_uses_demo_schools(client, coordinator, vocabulary):  # noqa: F811
    for name, brin in (("Noorderwerk College", "33NW"), ("Praktijkschool Groningen Noord", "31PN")):
        f.SchoolFactory(region=coordinator.region, name=name, brin=brin)
    assert STUDENTS.column("school").examples == ("33NW", "31PN")
    client.force_login(coordinator)
    response = client.get(reverse("backoffice:import-template"), {"soort": "students"})
    run = _check(coordinator, response.content, name="voorbeeld.csv")
    assert run.problems == []


def test_an_unknown_school_lists_the_schools_of_the_region(coordinator, noorderpoort):  # noqa: F811
    run = _check(coordinator, _csv([_student("1", school="Onbekend")]))
    assert "school Onbekend kennen we niet; kies uit Noorderpoort" in " ".join(_texts(run))


def test_one_formula_is_not_called_1_cellen(coordinator, noorderpoort):  # noqa: F811
    run = _check(coordinator, _csv([_student("1", voornaam="=1+1")]))
    assert "1 cellen" not in run.summary["refused"] and "formule" in run.summary["refused"]


def test_one_double_key_is_not_called_1_sleutels(coordinator, noorderpoort):  # noqa: F811
    run = _check(coordinator, _csv([_student("1"), _student("1")]))
    assert "staat meer dan eens" in run.summary["refused"]
    assert "1 sleutels" not in run.summary["refused"]


def test_a_refused_file_does_not_show_0_rows(client, coordinator, noorderpoort):  # noqa: F811
    run = _check(coordinator, b"wat;anders\n1;2\n")
    client.force_login(coordinator)
    page = client.get(reverse("backoffice:import", args=[run.pk])).content.decode()
    assert "Deze kolommen ontbreken" in page and "Rijen</dt>" not in page


# --- 6. monitoring scope -------------------------------------------------------------------


def test_a_superuser_with_a_region_sees_that_region(region):
    boss = f.UserFactory(role=Role.COORDINATOR, region=region, is_superuser=True, is_staff=True)
    assert monitoring_scope_for(boss).region_ids == (region.pk,)


def test_a_superuser_without_a_region_sees_every_region(superuser):
    assert monitoring_scope_for(superuser).region_ids is None


# --- 7. aftercare contacts --------------------------------------------------------------------


@pytest.fixture
def recent_leaver(school, jobhunter):
    left = timezone.localdate() - datetime.timedelta(days=30)
    leaver = f.StudentProfileFactory(
        school=school, education_type="pro", level=0, leerweg="", qualification=None,
        jobhunter=jobhunter, expected_diploma_date=left,
    )  # fmt: skip
    aftercare_plan(today=timezone.localdate())
    return leaver


def _record(client, jobhunter, leaver, contacted_on):
    task = ActionItem.objects.filter(student=leaver, kind="nazorg").first()
    client.force_login(jobhunter)
    return client.post(
        reverse("werk:aftercare-record", args=[leaver.pk]),
        {"moment": task.pk, "contacted_on": f"{contacted_on:%d-%m-%Y}", "situation": "werk"},
        follow=True,
    )


def test_a_contact_before_the_student_left_school_is_refused(client, recent_leaver, jobhunter):
    response = _record(
        client, jobhunter, recent_leaver, timezone.localdate() - datetime.timedelta(days=60)
    )
    assert response.status_code == 400 and "van school ging" in response.content.decode()
    assert not AftercareContact.objects.exists()


def test_sending_the_contact_form_twice_shows_a_clear_message(client, recent_leaver, jobhunter):
    assert _record(client, jobhunter, recent_leaver, timezone.localdate()).status_code == 200
    response = _record(client, jobhunter, recent_leaver, timezone.localdate())
    assert response.status_code == 400 and "al vastgelegd" in response.content.decode()
    assert AftercareContact.objects.count() == 1


# --- 8. small ones ------------------------------------------------------------------------------


def test_the_invitation_message_is_translated_at_request_time():
    from backoffice.views_people import INVITED

    assert isinstance(INVITED, Promise)


def test_logging_in_ignores_capitals_in_the_email(client, jobhunter):
    response = client.post(
        reverse("login"), {"username": jobhunter.email.upper(), "password": PASSWORD}
    )
    assert response.status_code == 302


def test_a_guardian_link_without_a_relation_is_made_as_ouder(client, coordinator, student):
    mother = f.UserFactory(role=Role.OUDER, region=coordinator.region)
    client.force_login(coordinator)
    response = client.post(
        reverse("backoffice:guardians"),
        {"guardian_email": mother.email, "student_email": student.email, "relation": ""},
    )
    assert response.status_code == 302
    assert GuardianLink.objects.get(guardian=mother).relation == "ouder"


def test_a_stale_restore_does_not_mention_a_form(client, coordinator):
    from toolkit.models import Audience, ToolkitItem
    from toolkit.services import content_save

    item = ToolkitItem.objects.create(
        audience=Audience.WERKGEVER, title="T", slug="t", category="C", summary="S", body="B"
    )
    content_save(user=coordinator, obj=item, data={"body": "B2"}, based_on=0)
    client.force_login(coordinator)
    url = reverse("toolkit:edit-item-restore", args=[item.pk])
    response = client.post(url, {"number": "1", "based_on": "1"}, follow=True)
    page = response.content.decode()
    assert "Iemand anders heeft deze tekst net opgeslagen" in page
    assert "formulier" not in page.split("Iemand anders")[1].split("</")[0]
