"""Colleagues: invite by e-mail, accept with a password, roles, removal, and who hears what."""

import datetime
import hashlib
import re

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from employers.models import ColleagueInvite, Opening
from employers.services.colleagues import (
    colleague_invite,
    colleague_remove,
    colleague_role_change,
)
from marketplace.models import CheckIn, Match, MatchStatus, Notification, Placement, Role, User
from marketplace.permissions import can
from marketplace.services.matches import match_propose
from marketplace.services.notifications import employer_recipients
from tests import factories as f

pytestmark = pytest.mark.django_db
BEHEERDER, PO = User.EmployerRole.BEHEERDER, User.EmployerRole.PRAKTIJKOPLEIDER


@pytest.fixture
def boss(employer):
    return f.UserFactory(role=Role.WERKGEVER, employer=employer, employer_role=BEHEERDER)


@pytest.fixture
def po(employer):
    return f.UserFactory(
        role=Role.WERKGEVER, employer=employer, employer_role=PO, email="po@bedrijf.nl"
    )


@pytest.fixture
def place(employer):
    return f.OpeningFactory(location=f.LocationFactory(employer=employer))


def _invite(client, user, email="nieuw@bedrijf.nl", role="praktijkopleider"):
    client.force_login(user)
    return client.post("/werkgever/collegas/", {"email": email, "employer_role": role})


def _link_token() -> str:
    return re.search(r"/werkgever/uitnodiging/([^/\s]+)/", mail.outbox[-1].body).group(1)


def _accept_new(client, token, password=f.PASSWORD):
    return client.post(
        f"/werkgever/uitnodiging/{token}/",
        {"first_name": "Noor", "last_name": "Bakker", "password": password},
    )


# --- inviting -------------------------------------------------------------------------------


def test_a_beheerder_invites_a_colleague_and_only_the_tokens_hash_is_stored(
    client, boss, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = _invite(client, boss)
    assert response.status_code == 302
    invite = ColleagueInvite.objects.get()
    token = _link_token()
    assert mail.outbox[-1].to == ["nieuw@bedrijf.nl"]
    assert invite.token_hash == hashlib.sha256(token.encode()).hexdigest()
    assert token not in str(ColleagueInvite.objects.values().get())
    assert invite.expires_at - timezone.now() > datetime.timedelta(days=6, hours=23)


def test_a_praktijkopleider_may_not_invite(client, po):
    assert _invite(client, po).status_code == 403
    with pytest.raises(PermissionDenied):
        colleague_invite(actor=po, email="x@bedrijf.nl", employer_role=PO)
    assert not ColleagueInvite.objects.exists()


def test_a_bad_email_is_explained_and_what_was_typed_stays(client, boss):
    response = _invite(client, boss, email="geen-adres")
    html = response.content.decode()
    assert response.status_code == 400 and "Vul een geldig e-mailadres in" in html
    assert 'value="geen-adres"' in html and not ColleagueInvite.objects.exists()


def test_an_unknown_role_is_refused(boss):
    with pytest.raises(ValidationError):
        colleague_invite(actor=boss, email="x@bedrijf.nl", employer_role="directeur")


def test_a_second_open_invitation_to_the_same_address_is_refused(client, boss):
    _invite(client, boss)
    response = _invite(client, boss, email="NIEUW@bedrijf.nl")
    assert response.status_code == 400 and "al een uitnodiging open" in response.content.decode()
    assert ColleagueInvite.objects.count() == 1


def test_an_address_of_another_organisations_account_looks_invited_like_any_other(
    client, boss, other_employer_member, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        known = _invite(client, boss, email=other_employer_member.email)
        unknown = _invite(client, boss, email="niemand@elders.nl")
    assert known.status_code == unknown.status_code == 302
    page = client.get("/werkgever/collegas/").content.decode()
    assert other_employer_member.email in page and "niemand@elders.nl" in page
    assert len(mail.outbox) == 2 and "al je collega" not in page


# --- accepting ----------------------------------------------------------------------------


def test_the_colleague_opens_the_link_chooses_a_password_and_sees_the_openings(
    client, boss, place, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        _invite(client, boss)
    client.logout()
    token = _link_token()
    assert "Kies een wachtwoord" in client.get(f"/werkgever/uitnodiging/{token}/").content.decode()
    response = _accept_new(client, token)
    assert response.status_code == 302 and response["Location"] == "/werkgever/"
    colleague = User.objects.get(email="nieuw@bedrijf.nl")
    assert colleague.employer == boss.employer and colleague.employer_role == PO
    assert colleague.check_password(f.PASSWORD)
    assert place.title in client.get("/werkgever/").content.decode()
    assert ColleagueInvite.objects.get().accepted_at is not None


def test_a_weak_password_is_refused_with_djangos_validators_and_names_stay(
    client, boss, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        _invite(client, boss)
    client.logout()
    response = _accept_new(client, _link_token(), password="12345678")
    assert response.status_code == 400 and 'value="Noor"' in response.content.decode()
    assert not User.objects.filter(email="nieuw@bedrijf.nl").exists()


def test_a_link_works_only_once(client, boss, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        _invite(client, boss)
    client.logout()
    token = _link_token()
    _accept_new(client, token)
    client.logout()
    response = client.get(f"/werkgever/uitnodiging/{token}/")
    assert response.status_code == 404 and "Deze link werkt niet meer" in response.content.decode()
    assert _accept_new(client, token).status_code == 404


def test_an_expired_or_revoked_link_does_not_work(client, boss, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        _invite(client, boss, email="a@bedrijf.nl")
    first = _link_token()
    with django_capture_on_commit_callbacks(execute=True):
        _invite(client, boss, email="b@bedrijf.nl")
    second = _link_token()
    ColleagueInvite.objects.filter(email="a@bedrijf.nl").update(
        expires_at=timezone.now() - datetime.timedelta(minutes=1)
    )
    revoked = ColleagueInvite.objects.get(email="b@bedrijf.nl")
    assert (
        client.post(f"/werkgever/collegas/uitnodigingen/{revoked.pk}/intrekken/").status_code == 302
    )
    client.logout()
    assert client.get(f"/werkgever/uitnodiging/{first}/").status_code == 404
    assert client.get(f"/werkgever/uitnodiging/{second}/").status_code == 404
    assert client.get("/werkgever/uitnodiging/verzonnen/").status_code == 404


def test_resending_makes_a_new_link_and_the_old_one_stops_working(
    client, boss, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        _invite(client, boss)
    old = _link_token()
    invite = ColleagueInvite.objects.get()
    with django_capture_on_commit_callbacks(execute=True):
        client.post(f"/werkgever/collegas/uitnodigingen/{invite.pk}/opnieuw/")
    new = _link_token()
    client.logout()
    assert new != old
    assert client.get(f"/werkgever/uitnodiging/{old}/").status_code == 404
    assert client.get(f"/werkgever/uitnodiging/{new}/").status_code == 200


_WHAT_TO_DO = "Dit e-mailadres hoort al bij een ander account."


def test_a_non_employer_account_hears_what_to_do_in_plain_words(
    client, boss, student, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        _invite(client, boss, email=student.email)
    client.logout()
    page = client.get(f"/werkgever/uitnodiging/{_link_token()}/").content.decode()
    for text in (
        "Dit e-mailadres hoort al bij een ander account.",
        "Vraag je collega om je uit te nodigen op een ander e-mailadres",
        "Of log in met je bestaande account",
        'href="/accounts/login/"',
    ):
        assert text in page, text


def test_the_password_hint_comes_from_the_active_password_validators(
    client, boss, settings, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        _invite(client, boss)
    client.logout()
    url = f"/werkgever/uitnodiging/{_link_token()}/"
    assert "Minstens 8 tekens." in client.get(url).content.decode()  # Django's default
    settings.AUTH_PASSWORD_VALIDATORS = [
        {
            "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
            "OPTIONS": {"min_length": 12},
        }
    ]
    page = client.get(url).content.decode()
    assert "Minstens 12 tekens." in page and "Niet alleen cijfers" not in page
    response = _accept_new(client, url.split("/")[-2], password="kort-pw-10")
    assert response.status_code == 400 and "12" in response.content.decode()


def test_another_organisations_account_is_refused_with_a_neutral_message(
    client, boss, other_employer_member, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        _invite(client, boss, email=other_employer_member.email)
    client.logout()
    token = _link_token()
    page = client.get(f"/werkgever/uitnodiging/{token}/").content.decode()
    assert _WHAT_TO_DO in page and "wachtwoord" not in page
    # Nothing about that other account (its organisation or role) is told.
    assert other_employer_member.employer.name not in page
    _accept_new(client, token)  # no password is set this way
    assert not User.objects.get(pk=other_employer_member.pk).check_password("x" * 12)
    client.force_login(other_employer_member)
    page = client.get(f"/werkgever/uitnodiging/{token}/").content.decode()
    assert _WHAT_TO_DO in page
    client.post(f"/werkgever/uitnodiging/{token}/")
    other_employer_member.refresh_from_db()
    assert other_employer_member.employer != boss.employer
    assert ColleagueInvite.objects.get().accepted_at is None


def test_an_account_with_the_invited_address_logs_in_first_and_then_joins(
    client, boss, django_capture_on_commit_callbacks
):
    loose = f.UserFactory(role=Role.WERKGEVER, email="los@bedrijf.nl")
    with django_capture_on_commit_callbacks(execute=True):
        _invite(client, boss, email="los@bedrijf.nl", role="beheerder")
    client.logout()
    page = client.get(f"/werkgever/uitnodiging/{_link_token()}/").content.decode()
    assert "Log in en open daarna de link" in page
    assert _accept_new(client, _link_token()).status_code == 400  # no password set this way
    assert User.objects.get(pk=loose.pk).check_password(f.PASSWORD)
    client.force_login(loose)
    assert client.post(f"/werkgever/uitnodiging/{_link_token()}/").status_code == 302
    loose.refresh_from_db()
    assert loose.employer == boss.employer and loose.employer_role == BEHEERDER


def test_someone_logged_in_with_another_address_is_told_to_log_out(
    client, boss, jobhunter, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        _invite(client, boss)
    client.force_login(jobhunter)
    token = _link_token()
    assert "ander e-mailadres" in client.get(f"/werkgever/uitnodiging/{token}/").content.decode()
    client.post(f"/werkgever/uitnodiging/{token}/")
    jobhunter.refresh_from_db()
    assert jobhunter.employer_id is None


def test_a_removed_colleague_can_be_invited_again_and_chooses_a_new_password(
    client, boss, po, django_capture_on_commit_callbacks
):
    colleague_remove(actor=boss, colleague=po)
    with django_capture_on_commit_callbacks(execute=True):
        _invite(client, boss, email=po.email)
    client.logout()
    assert _accept_new(client, _link_token()).status_code == 302
    po.refresh_from_db()
    assert po.is_active and po.employer == boss.employer


# --- roles and removal ----------------------------------------------------------------------


def test_a_beheerder_makes_a_praktijkopleider_beheerder(client, boss, po):
    client.force_login(boss)
    client.post(f"/werkgever/collegas/{po.pk}/rol/", {"employer_role": "beheerder"})
    po.refresh_from_db()
    assert po.employer_role == BEHEERDER


def test_the_last_beheerder_cannot_be_demoted(client, boss, po):
    client.force_login(boss)
    response = client.post(
        f"/werkgever/collegas/{boss.pk}/rol/", {"employer_role": "praktijkopleider"}, follow=True
    )
    assert "altijd één beheerder" in response.content.decode()
    boss.refresh_from_db()
    assert boss.employer_role == BEHEERDER


def test_a_beheerder_may_step_down_when_another_beheerder_stays(boss, employer):
    second = f.UserFactory(role=Role.WERKGEVER, employer=employer, employer_role=BEHEERDER)
    colleague_role_change(actor=boss, colleague=boss, employer_role=PO)
    assert not can(second, "demote_colleague", second)
    with pytest.raises(ValidationError):
        colleague_role_change(actor=second, colleague=second, employer_role=PO)


def test_the_last_beheerder_cannot_be_removed(client, boss, po):
    client.force_login(boss)
    page = client.get(f"/werkgever/collegas/{boss.pk}/verwijderen/").content.decode()
    assert "altijd één beheerder" in page and "Ja, verwijderen" not in page
    client.post(f"/werkgever/collegas/{boss.pk}/verwijderen/")
    boss.refresh_from_db()
    assert boss.is_active and boss.employer_id is not None


def test_a_member_without_a_role_counts_as_beheerder(employer):
    old = f.UserFactory(role=Role.WERKGEVER, employer=employer)
    assert can(old, "manage_colleagues") and can(old, "post_opening", employer)
    assert not can(old, "remove_colleague", old)  # the only beheerder


def test_a_praktijkopleider_may_not_change_roles_or_remove(client, boss, po):
    client.force_login(po)
    assert (
        client.post(
            f"/werkgever/collegas/{boss.pk}/rol/", {"employer_role": "praktijkopleider"}
        ).status_code
        == 403
    )
    assert client.post(f"/werkgever/collegas/{boss.pk}/verwijderen/").status_code == 403
    page = client.get("/werkgever/collegas/").content.decode()
    assert boss.email in page and "Uitnodiging sturen" not in page


def test_another_organisations_colleague_or_invite_answers_404(client, boss, other_employer_member):
    invite = ColleagueInvite.objects.create(
        employer=other_employer_member.employer,
        email="x@elders.nl",
        employer_role=PO,
        token_hash="0" * 64,
        expires_at=timezone.now() + datetime.timedelta(days=7),
    )
    client.force_login(boss)
    pk = other_employer_member.pk
    assert (
        client.post(f"/werkgever/collegas/{pk}/rol/", {"employer_role": "beheerder"}).status_code
        == 404
    )
    assert client.get(f"/werkgever/collegas/{pk}/verwijderen/").status_code == 404
    assert (
        client.post(f"/werkgever/collegas/uitnodigingen/{invite.pk}/intrekken/").status_code == 404
    )


def test_removing_a_colleague_closes_their_access_and_hands_their_work_to_a_beheerder(
    client, boss, po, place, student_profile, jobhunter
):
    place.contact_person = po
    place.save()
    match = Match.objects.create(
        student=student_profile, opening=place, proposed_by=jobhunter, status=MatchStatus.GESTART
    )
    placement = Placement.objects.create(match=match, start_date=timezone.localdate())
    checkin = CheckIn.objects.create(
        placement=placement, week=1, planned_for=timezone.localdate(), assigned_to=po
    )
    client.force_login(boss)
    assert "1 plek" in client.get(f"/werkgever/collegas/{po.pk}/verwijderen/").content.decode()
    assert client.post(f"/werkgever/collegas/{po.pk}/verwijderen/").status_code == 302
    po.refresh_from_db()
    place.refresh_from_db()
    checkin.refresh_from_db()
    assert not po.is_active and po.employer_id is None and po.employer_role == ""
    assert place.contact_person == boss and checkin.assigned_to == boss
    assert not client.login(email=po.email, password=f.PASSWORD)


# --- what a praktijkopleider may do with openings -------------------------------------------


def test_a_praktijkopleider_sees_openings_and_candidates_but_edits_none(client, po, place):
    client.force_login(po)
    dashboard = client.get("/werkgever/").content.decode()
    assert place.title in dashboard and "/wijzigen/" not in dashboard
    assert "Nieuwe plek online zetten" not in dashboard
    assert client.get(f"/werkgever/plekken/{place.pk}/kandidaten/").status_code == 200
    assert client.get(f"/werkgever/plekken/{place.pk}/wijzigen/").status_code == 403
    assert client.get("/werkgever/plekken/nieuw/").status_code == 403
    assert client.get("/werkgever/vestigingen/nieuw/").status_code == 403
    closed = client.post(f"/werkgever/plekken/{place.pk}/status/", {"status": "closed"})
    assert closed.status_code == 403
    place.refresh_from_db()
    assert place.status == Opening.Status.OPEN


def test_a_praktijkopleider_answers_candidates(po, place, student_profile, jobhunter):
    match = Match.objects.create(
        student=student_profile,
        opening=place,
        proposed_by=jobhunter,
        status=MatchStatus.VOORGESTELD,
    )
    assert can(po, "respond_as_employer", match) and can(po, "view_candidates", place)
    assert not can(po, "edit_opening", place) and not can(po, "manage_colleagues")


# --- the contact person and who hears what --------------------------------------------------


def test_notifications_of_an_opening_go_to_its_contact_person_and_the_beheerders(
    boss, po, place, employer
):
    other_po = f.UserFactory(role=Role.WERKGEVER, employer=employer, employer_role=PO)
    gone = f.UserFactory(role=Role.WERKGEVER, employer=employer, is_active=False)
    place.contact_person = po
    assert employer_recipients(place) == [po, boss]
    place.contact_person = boss
    assert employer_recipients(place) == [boss]
    assert other_po not in employer_recipients(place) and gone not in employer_recipients(place)
    assert employer_recipients(employer=employer) == [boss]


def test_a_contact_person_who_left_the_organisation_is_not_told(
    boss, po, place, other_employer_member
):
    place.contact_person = other_employer_member
    assert employer_recipients(place) == [boss]


def test_a_proposal_reaches_the_contact_person_and_beheerders_only(
    boss, po, place, employer, student_profile, jobhunter, django_capture_on_commit_callbacks
):
    bystander = f.UserFactory(role=Role.WERKGEVER, employer=employer, employer_role=PO)
    place.contact_person = po
    place.save()
    employer.recognitions.get_or_create(
        qualification=student_profile.qualification, defaults={"valid_from": "2020-01-01"}
    )
    f.LocationFactory(employer=employer, place=student_profile.home_place)
    place.location.place = student_profile.home_place
    place.location.save()
    match_propose(proposer=jobhunter, student=student_profile, opening=place)
    told = set(Notification.objects.filter(key__startswith="match:").values_list("user", flat=True))
    assert {po.pk, boss.pk} <= told and bystander.pk not in told


def test_the_opening_form_offers_only_colleagues_as_contact_person_and_defaults_to_me(
    client, boss, po, place, other_employer_member
):
    client.force_login(boss)
    html = client.get("/werkgever/plekken/nieuw/").content.decode()
    assert po.email in html or po.get_full_name() in html
    assert other_employer_member.get_full_name() not in html
    assert re.search(rf'<option value="{boss.pk}" selected>', html)


def test_a_contact_person_from_outside_is_refused_by_the_form(
    client, boss, place, other_employer_member
):
    comp = f.CompetencyFactory()
    client.force_login(boss)
    response = client.post(
        f"/werkgever/plekken/{place.pk}/wijzigen/",
        {
            "kind": "bpv",
            "title": place.title,
            "sector": place.sector_id,
            "location": place.location_id,
            "start_date": "2027-02-01",
            "hours_per_week": "24",
            "places": "1",
            "min_level": "0",
            "min_age": "0",
            "required_competencies": [comp.pk],
            "contact_person": other_employer_member.pk,
        },
    )
    assert response.status_code == 400 and "Kies iets uit de lijst" in response.content.decode()
    place.refresh_from_db()
    assert place.contact_person_id is None


def test_the_registration_points_a_colleague_to_the_invitation(client, region, employer):
    data = {
        "name": "Nog een",
        "kvk_number": employer.kvk_number,
        "sector": employer.sector_id,
        "region": region.pk,
        "location_name": "Winkel",
        "place": f.PlaceFactory().pk,
        "first_name": "Petra",
        "last_name": "de Vries",
        "email": "petra@korrel.nl",
        "password": "een-lang-wachtwoord-42",
    }
    html = client.post("/werkgever/aanmelden/", data).content.decode()
    assert "uit te nodigen via ‘Collega’s’" in html


def test_the_first_member_of_a_new_employer_is_its_beheerder(client, region):
    data = {
        "name": "Bakkerij",
        "kvk_number": "87654321",
        "sector": f.SectorFactory().pk,
        "region": region.pk,
        "location_name": "Winkel",
        "place": f.PlaceFactory().pk,
        "first_name": "Petra",
        "last_name": "de Vries",
        "email": "petra@bakkerij.nl",
        "password": "een-lang-wachtwoord-42",
    }
    client.post("/werkgever/aanmelden/", data)
    assert User.objects.get(email="petra@bakkerij.nl").employer_role == BEHEERDER
