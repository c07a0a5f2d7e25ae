"""The back office's people, schools and guardian links: invite by mail and log in with the
link, change a role, deactivate (and the open work shown), the accountmanager only for the
employers of their own region; bad input keeps what was typed; query budgets on the lists."""

import re

import pytest
from django.core import mail
from django.urls import reverse

from marketplace.models import ActionItem, GuardianLink, Role, School, User
from tests import factories as f

pytestmark = pytest.mark.django_db

INVITE = reverse("backoffice:person-invite")


def _invite(client, user, **data):
    client.force_login(user)
    return client.post(INVITE, {"first_name": "Jamal", "last_name": "Bakker", **data})


def _link_from(message) -> str:
    return re.search(r"https?://[^/\s]+(/accounts/wachtwoord/\S+)", message.body).group(1)


def test_an_invited_jobhunter_sets_a_password_with_the_link_and_logs_in(
    client, coordinator, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = _invite(client, coordinator, email="Jamal@Example.nl", role=Role.JOBHUNTER)
    assert response.status_code == 302
    jamal = User.objects.get(email="jamal@example.nl")
    assert jamal.role == Role.JOBHUNTER and jamal.region == coordinator.region
    assert not jamal.has_usable_password()
    assert len(mail.outbox) == 1 and mail.outbox[0].to == ["jamal@example.nl"]
    client.logout()
    form_url = client.get(_link_from(mail.outbox[0]), follow=True).redirect_chain[-1][0]
    new = {"new_password1": "Zonnebloem-42-veld", "new_password2": "Zonnebloem-42-veld"}
    assert client.post(form_url, new).status_code == 302
    assert client.login(username="jamal@example.nl", password="Zonnebloem-42-veld")


def test_inviting_an_address_with_an_account_says_the_same_and_changes_nothing(
    client, coordinator, jobhunter, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        known = _invite(client, coordinator, email=jobhunter.email, role=Role.WERKCOACH)
        new = _invite(client, coordinator, email="nieuw@example.nl", role=Role.WERKCOACH)
    messages = [list(r.wsgi_request._messages)[-1].message for r in (known, new)]
    assert messages[0].replace(jobhunter.email, "X") == messages[1].replace("nieuw@example.nl", "X")
    jobhunter.refresh_from_db()
    assert jobhunter.role == Role.JOBHUNTER and jobhunter.check_password(f.PASSWORD)
    assert "al een account" in mail.outbox[0].body


def test_school_staff_without_a_school_get_a_message_and_keep_what_they_typed(client, coordinator):
    response = _invite(client, coordinator, email="mentor@example.nl", role=Role.SCHOOL)
    html = response.content.decode()
    assert response.status_code == 400
    assert "Kies de school van deze medewerker." in html
    assert 'value="mentor@example.nl"' in html and 'value="Jamal"' in html
    assert not User.objects.filter(email="mentor@example.nl").exists()


def test_an_accountmanager_adds_a_member_to_an_employer_of_their_region_only(
    client, accountmanager, employer, other_region
):
    foreign = f.EmployerFactory(region=other_region)
    refused = _invite(
        client, accountmanager, email="a@example.nl", role=Role.WERKGEVER, employer=foreign.pk
    )
    assert refused.status_code == 400 and not User.objects.filter(email="a@example.nl").exists()
    coordinator_role = _invite(client, accountmanager, email="b@example.nl", role=Role.COORDINATOR)
    assert coordinator_role.status_code == 400
    done = _invite(
        client, accountmanager, email="c@example.nl", role=Role.WERKGEVER, employer=employer.pk
    )
    assert done.status_code == 302
    assert User.objects.get(email="c@example.nl").employer == employer


def test_an_accountmanager_of_another_region_gets_404_for_a_member(
    client, employer_member, other_accountmanager
):
    client.force_login(other_accountmanager)
    url = reverse("backoffice:person", args=[employer_member.pk])
    assert client.get(url).status_code == 404
    deactivate = reverse("backoffice:person-deactivate", args=[employer_member.pk])
    assert client.post(deactivate).status_code == 404
    employer_member.refresh_from_db()
    assert employer_member.is_active


def test_an_accountmanager_does_not_see_the_regions_staff(client, accountmanager, jobhunter):
    client.force_login(accountmanager)
    assert client.get(reverse("backoffice:person", args=[jobhunter.pk])).status_code == 404


def test_the_coordinator_changes_a_jobhunter_into_school_staff_of_a_school(
    client, coordinator, jobhunter, school
):
    client.force_login(coordinator)
    data = {"first_name": "Kim", "last_name": "Smit", "role": Role.SCHOOL, "school": school.pk}
    response = client.post(reverse("backoffice:person", args=[jobhunter.pk]), data)
    assert response.status_code == 302
    jobhunter.refresh_from_db()
    assert (jobhunter.role, jobhunter.school, jobhunter.last_name) == (Role.SCHOOL, school, "Smit")


def test_a_deactivated_person_cannot_log_in_and_their_session_ends(client, coordinator, jobhunter):
    other = type(client)()
    other.force_login(jobhunter)
    client.force_login(coordinator)
    response = client.post(reverse("backoffice:person-deactivate", args=[jobhunter.pk]))
    assert response.status_code == 302
    assert not client.login(username=jobhunter.email, password=f.PASSWORD)
    assert other.get("/werk/").status_code == 302  # back to the login page


def test_deactivating_shows_the_caseload_and_open_tasks_as_a_warning(
    client, coordinator, jobhunter, student_profile
):
    ActionItem.objects.create(
        student=student_profile,
        kind=ActionItem.Kind.ADVIES,
        title="Advies vastleggen",
        due_date="2027-01-01",
        assigned_to=jobhunter,
    )
    client.force_login(coordinator)
    html = client.get(reverse("backoffice:person-deactivate", args=[jobhunter.pk])).content
    html = html.decode()
    assert "Er staan nog 2 open zaken" in html
    assert student_profile.user.get_full_name() in html and "Advies vastleggen" in html


def test_a_deactivated_person_can_be_let_back_in(client, coordinator, jobhunter):
    jobhunter.is_active = False
    jobhunter.save(update_fields=["is_active"])
    client.force_login(coordinator)
    client.post(reverse("backoffice:person-reactivate", args=[jobhunter.pk]))
    assert client.login(username=jobhunter.email, password=f.PASSWORD)


def test_the_coordinator_cannot_lock_themselves_out(client, coordinator):
    client.force_login(coordinator)
    url = reverse("backoffice:person-deactivate", args=[coordinator.pk])
    assert client.post(url).status_code == 403
    coordinator.refresh_from_db()
    assert coordinator.is_active


def test_the_people_list_searches_by_name_and_filters_by_role(client, coordinator, jobhunter, jpo):
    client.force_login(coordinator)
    html = client.get(reverse("backoffice:people"), {"role": Role.JPO}).content.decode()
    assert jpo.email in html and jobhunter.email not in html
    html = client.get(reverse("backoffice:people"), {"q": jobhunter.last_name}).content.decode()
    assert jobhunter.email in html and jpo.email not in html


# --- schools and guardian links ----------------------------------------------------------------


def _school(client, coordinator, **data):
    client.force_login(coordinator)
    base = {"name": "De Brug", "brin": "12AB", "kind": "pro", "region": coordinator.region_id}
    return client.post(reverse("backoffice:school-new"), base | data)


def test_a_new_school_is_saved_in_the_coordinators_region(client, coordinator):
    assert _school(client, coordinator, brin="12ab").status_code == 302
    school = School.objects.get(brin="12AB")
    assert (school.name, school.kind, school.region) == ("De Brug", "pro", coordinator.region)


def test_a_duplicate_brin_gets_a_clear_message_and_keeps_the_name(client, coordinator):
    school = f.SchoolFactory(region=coordinator.region, brin="34CD")
    response = _school(client, coordinator, brin=school.brin, name="Tweede school")
    html = response.content.decode()
    assert response.status_code == 400
    assert f"Er is al een school met BRIN {school.brin}." in html
    assert 'value="Tweede school"' in html
    assert School.objects.count() == 1


def test_a_malformed_brin_is_explained(client, coordinator):
    response = _school(client, coordinator, brin="XYZ")
    assert response.status_code == 400 and "2 cijfers en 2 letters" in response.content.decode()


def _link(client, coordinator, guardian, student):
    client.force_login(coordinator)
    data = {
        "guardian_email": guardian.email,
        "student_email": student.user.email,
        "relation": "moeder",
    }
    return client.post(reverse("backoffice:guardians"), data)


def test_the_coordinator_links_a_parent_to_a_student_and_removes_it(
    client, coordinator, student_profile
):
    mother = f.UserFactory(role=Role.OUDER, region=coordinator.region)
    assert _link(client, coordinator, mother, student_profile).status_code == 302
    link = GuardianLink.objects.get(guardian=mother, student=student_profile)
    assert link.relation == "moeder"
    client.post(reverse("backoffice:guardian-remove", args=[link.pk]))
    assert not GuardianLink.objects.filter(pk=link.pk).exists()


def test_a_duplicate_guardian_link_gets_a_clear_message(
    client, coordinator, parent, student_profile
):
    response = _link(client, coordinator, parent, student_profile)
    assert response.status_code == 400
    assert "is al gekoppeld aan" in response.content.decode()
    assert GuardianLink.objects.filter(guardian=parent).count() == 1


def test_a_student_of_another_region_cannot_be_linked(client, coordinator, other_region):
    mother = f.UserFactory(role=Role.OUDER, region=coordinator.region)
    elsewhere = f.StudentProfileFactory(school=f.SchoolFactory(region=other_region))
    response = _link(client, coordinator, mother, elsewhere)
    assert response.status_code == 400
    assert "Geen leerling met dit e-mailadres in je regio." in response.content.decode()
    assert not GuardianLink.objects.exists()


# --- query budgets ------------------------------------------------------------------------------


def test_the_people_list_of_35_people_keeps_to_its_query_budget(
    client, coordinator, school, employer, django_assert_max_num_queries
):
    for _n in range(12):
        f.UserFactory(role=Role.JOBHUNTER, region=coordinator.region)
        f.UserFactory(role=Role.SCHOOL, school=school, region=school.region)
        f.UserFactory(role=Role.WERKGEVER, employer=employer)
    client.force_login(coordinator)
    with django_assert_max_num_queries(9):  # with the menu's unread count
        response = client.get(reverse("backoffice:people"))
    assert response.content.decode().count("/beheer/mensen/") >= 35


def test_the_schools_and_guardian_lists_of_30_rows_keep_to_their_query_budget(
    client, coordinator, school, django_assert_max_num_queries
):
    for _n in range(30):
        f.SchoolFactory(region=coordinator.region)
        student = f.StudentProfileFactory(school=school)
        GuardianLink.objects.create(guardian=f.UserFactory(role=Role.OUDER), student=student)
    client.force_login(coordinator)
    with django_assert_max_num_queries(7):  # with the menu's unread count
        schools = client.get(reverse("backoffice:schools"))
    with django_assert_max_num_queries(9):  # with the menu's unread count
        guardians = client.get(reverse("backoffice:guardians"))
    assert schools.content.decode().count("/beheer/scholen/") >= 31
    assert guardians.content.decode().count("/verwijderen/") == 30


# --- the coordinator's start page and the header -------------------------------------------------


def test_the_coordinators_start_page_links_the_region_pages_and_counts(
    client, coordinator, student_profile
):
    import datetime

    from django.utils import timezone

    from events.models import MatchingEvent
    from marketplace.models import SearchRequest

    f.EscalationFactory(student=student_profile, region=coordinator.region)
    SearchRequest.objects.create(
        student=student_profile,
        kind="bpv",
        deadline=datetime.date(2027, 1, 1),
        last_progress_at=timezone.now(),
    )
    start = timezone.now().replace(day=1, hour=12) + datetime.timedelta(days=1)
    MatchingEvent.objects.create(
        title="Banenmarkt",
        kind=MatchingEvent.Kind.values[0],
        region=coordinator.region,
        place=f.PlaceFactory(),
        starts_at=start,
        ends_at=start + datetime.timedelta(hours=2),
    )
    client.force_login(coordinator)
    html = client.get("/").content.decode()
    for url in ("/beheer/mensen/", "/beheer/scholen/", "/beheer/ouders/", "/beheer/gewichten/",
                "/toolkit/beheer/", "/evenementen/organiseren/", "/werk/escalaties/",
                "/beheer/import/", "/beheer/monitoring/", "/beheer/eerlijkheid/"):  # fmt: skip
        assert f'href="{url}"' in html, url
    glance = re.sub(r"\s+", " ", html[html.index('class="facts glance"') :][:900])
    assert re.search(r"Open escalaties</dt><dd><a [^>]+>1</a>", glance)
    assert "Jongeren die een plek zoeken</dt><dd>1</dd>" in glance
    assert "Evenementen deze maand</dt><dd>1</dd>" in glance
    assert student_profile.user.get_full_name() not in html  # no unlinked name list any more


def test_the_header_shows_beheer_to_the_coordinator_and_the_accountmanager_only(
    client, coordinator, accountmanager, jobhunter
):
    for user, shown in ((coordinator, True), (accountmanager, True), (jobhunter, False)):
        client.force_login(user)
        html = client.get("/evenementen/").content.decode()
        assert (f'href="{reverse("backoffice:index")}"' in html) is shown, user.role


def test_the_accountmanager_gets_only_the_people_pages(client, accountmanager):
    client.force_login(accountmanager)
    html = client.get(reverse("backoffice:index")).content.decode()
    assert 'href="/beheer/mensen/"' in html
    assert 'href="/beheer/gewichten/"' not in html and 'href="/beheer/scholen/"' not in html
