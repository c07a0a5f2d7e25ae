"""Recognitions (erkenningen): the 60-day warning, the pause of a place that lost its
recognition (and no reopening until it is back), and requests that the region's accountmanager
takes, approves or rejects, with the employer told of each step."""

import datetime

import pytest
from django.contrib.auth.models import Group
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from employers.models import Opening, Recognition, RecognitionRequest
from employers.services import opening_save, opening_set_status
from employers.services import recognition_requests as req
from employers.services import recognitions as rec
from marketplace.models import Notification, Role
from matching.engine import hard_rules_failing
from tests import factories as f

pytestmark = pytest.mark.django_db
TODAY = datetime.date(2026, 12, 1)
DAY = datetime.timedelta(days=1)
S = RecognitionRequest.Status


@pytest.fixture
def qual(db):
    return f.QualificationFactory(name="Logistiek medewerker", crebo="25462", level=2)


@pytest.fixture
def other_qual(db):
    return f.QualificationFactory(name="Assistent logistiek", crebo="25253", level=1)


@pytest.fixture
def firm(region):
    return f.EmployerFactory(region=region, name="Noorderhaven")


@pytest.fixture
def boss(firm):
    return f.UserFactory(role=Role.WERKGEVER, employer=firm, employer_role="beheerder")


@pytest.fixture
def trainer(firm):
    return f.UserFactory(role=Role.WERKGEVER, employer=firm, employer_role="praktijkopleider")


def _recognise(employer, qual, *, until=None, since=datetime.date(2020, 1, 1)):
    return Recognition.objects.create(
        employer=employer, qualification=qual, valid_from=since, valid_to=until
    )


def _place(employer, *quals, kind="bpv", start=TODAY + 60 * DAY, **kw) -> Opening:
    opening = f.OpeningFactory(
        location=f.LocationFactory(employer=employer), kind=kind, start_date=start, **kw
    )
    opening.accepted_qualifications.set(quals)
    return opening


@pytest.fixture
def today(monkeypatch):
    """The services' "today" (and the pages') is TODAY."""
    monkeypatch.setattr(timezone, "localdate", lambda *a, **k: TODAY)
    return TODAY


# --- the state words and the 60-day warning -------------------------------------------------


@pytest.mark.parametrize(
    ("valid_to", "words"),
    [
        (TODAY + 61 * DAY, "geldig"),
        (TODAY + 60 * DAY, "verloopt over 60 dagen"),
        (TODAY + DAY, "verloopt over 1 dag"),
        (TODAY, "verloopt vandaag"),
        (TODAY - DAY, "verlopen"),
        (None, "geldig"),
    ],
)
def test_a_recognition_says_how_it_stands_in_plain_words(firm, qual, valid_to, words):
    state = rec.recognition_state(_recognise(firm, qual, until=valid_to), today=TODAY)
    assert state.label == words


def test_the_employer_is_warned_once_60_days_before_a_recognition_ends(
    firm, boss, trainer, qual, django_capture_on_commit_callbacks
):
    _recognise(firm, qual, until=TODAY + 60 * DAY)
    with django_capture_on_commit_callbacks(execute=True):
        assert rec.recognition_expiry_warn(today=TODAY) == 1
    note = Notification.objects.get()
    assert note.user == boss  # the beheerder, not the praktijkopleider
    assert note.title == "Je erkenning voor Logistiek medewerker verloopt op 30 januari 2027"
    assert note.url == reverse("werkgever:recognitions")
    assert [m.to for m in mail.outbox] == [[boss.email]]
    assert rec.recognition_expiry_warn(today=TODAY) == 0  # safe to run twice
    assert rec.recognition_expiry_warn(today=TODAY + DAY) == 0  # once per threshold


def test_no_warning_61_days_before_the_end(firm, boss, qual):
    _recognise(firm, qual, until=TODAY + 61 * DAY)
    assert rec.recognition_expiry_warn(today=TODAY) == 0
    assert not Notification.objects.exists()


def test_no_warning_for_a_recognition_that_was_already_renewed(firm, boss, qual):
    old = _recognise(firm, qual, until=TODAY + 30 * DAY)
    _recognise(firm, qual, since=old.valid_to + DAY)
    assert rec.recognition_expiry_warn(today=TODAY) == 0


def test_the_dashboard_warns_at_60_days_with_a_link_to_ask_for_renewal(
    client, firm, boss, qual, today
):
    _recognise(firm, qual, until=TODAY + 60 * DAY)
    client.force_login(boss)
    page = client.get(reverse("werkgever:dashboard")).content.decode()
    assert (
        "Je erkenning voor Logistiek medewerker verloopt op 30 januari 2027. "
        "Vraag op tijd verlenging aan." in page
    )
    assert f"?soort=new&amp;kwalificatie={qual.pk}#aanvragen" in page


def test_the_dashboard_does_not_warn_at_61_days(client, firm, boss, qual, today):
    _recognise(firm, qual, until=TODAY + 61 * DAY)
    client.force_login(boss)
    assert (
        "Vraag op tijd verlenging aan"
        not in client.get(reverse("werkgever:dashboard")).content.decode()
    )


# --- the pause: the rule, stated from the engine's ------------------------------------------


def test_the_kinds_that_need_a_recognition_are_the_kinds_the_engine_binds(qual):
    """rules._recognition binds a BPV-plek only: the pause follows it, not a guess."""
    from matching.engine import OpeningRecord, StudentRecord

    student = StudentRecord(
        id=1, education_type="mbo", leerweg="bol", school_leaver=False, level=2,
        qualification_id=qual.pk, qualification_werkprocessen=frozenset(),
        werkprocessen_achieved=frozenset(), birth_date=datetime.date(2000, 1, 1), lat=53.2,
        lon=6.5, travel_radius_km=50, available_from=TODAY, available_to=None, hours_per_week=40,
    )  # fmt: skip
    for kind in Opening.Kind.values:
        opening = OpeningRecord(
            id=1, kind=kind, is_open=True, places_left=1, employer_id=1, recognitions=(),
            min_level=0, min_age=0, night_work=False, evening=False, weekend=False, lat=53.2,
            lon=6.5, start=TODAY, end=None, hours_per_week=20, sector_id=None,
        )  # fmt: skip
        codes = {failure.code for failure in hard_rules_failing(student, opening)}
        assert ("recognition" in codes) == (kind in rec.RECOGNITION_KINDS), kind


def test_a_bpv_plek_that_lost_its_recognition_is_paused_and_the_employer_told(
    firm, boss, qual, django_capture_on_commit_callbacks
):
    _recognise(firm, qual, until=TODAY - DAY)
    place = _place(firm, qual, title="Magazijn")
    with django_capture_on_commit_callbacks(execute=True):
        assert rec.recognition_expired_pause(today=TODAY) == 1
    place.refresh_from_db()
    assert (place.status, place.paused_reason) == (Opening.Status.PAUSED, "recognition_expired")
    note = Notification.objects.get(user=boss)
    assert note.title == "Je plek ‘Magazijn’ is gepauzeerd"
    assert note.body == (
        "Gepauzeerd: je erkenning voor Logistiek medewerker is verlopen op 30 november 2026. "
        "Zodra SBB je erkenning verlengt, kun je de plek weer openen."
    )
    assert mail.outbox and mail.outbox[0].to == [boss.email]
    assert rec.recognition_expired_pause(today=TODAY) == 0  # safe to run twice


def test_the_contact_person_of_the_place_is_told_too(firm, boss, trainer, qual):
    _recognise(firm, qual, until=TODAY - DAY)
    _place(firm, qual, contact_person=trainer)
    rec.recognition_expired_pause(today=TODAY)
    assert set(Notification.objects.values_list("user", flat=True)) == {boss.pk, trainer.pk}


@pytest.mark.parametrize("kind", ["vacature", "leerbaan"])
def test_a_vacature_or_leerbaan_is_not_paused_the_engine_needs_no_recognition_there(
    firm, qual, kind
):
    _recognise(firm, qual, until=TODAY - DAY)
    place = _place(firm, qual, kind=kind)
    assert rec.recognition_expired_pause(today=TODAY) == 0
    place.refresh_from_db()
    assert place.status == Opening.Status.OPEN


def test_a_place_with_another_accepted_qualification_still_recognised_stays_open(
    firm, qual, other_qual
):
    _recognise(firm, qual, until=TODAY - DAY)
    _recognise(firm, other_qual)
    place = _place(firm, qual, other_qual)
    assert rec.recognition_expired_pause(today=TODAY) == 0
    place.refresh_from_db()
    assert place.status == Opening.Status.OPEN


def test_a_place_open_to_every_qualification_depends_on_no_single_recognition(firm, qual):
    _recognise(firm, qual, until=TODAY - DAY)
    place = _place(firm)  # no accepted qualifications: PrO and VSO students need none
    assert rec.recognition_expired_pause(today=TODAY) == 0
    place.refresh_from_db()
    assert place.status == Opening.Status.OPEN


def test_a_recognition_ending_today_is_not_yet_expired(firm, qual):
    _recognise(firm, qual, until=TODAY)
    _place(firm, qual, start=TODAY - 30 * DAY)
    assert rec.recognition_expired_pause(today=TODAY) == 0


def test_a_closed_or_draft_place_is_left_alone(firm, qual):
    _recognise(firm, qual, until=TODAY - DAY)
    _place(firm, qual, status=Opening.Status.CLOSED)
    _place(firm, qual, status=Opening.Status.DRAFT)
    assert rec.recognition_expired_pause(today=TODAY) == 0


def test_reopening_is_refused_while_the_recognition_is_missing(firm, boss, qual, today):
    _recognise(firm, qual, until=TODAY - DAY)
    place = _place(firm, qual)
    rec.recognition_expired_pause(today=TODAY)
    with pytest.raises(ValidationError) as refused:
        opening_set_status(user=boss, opening=place, status=Opening.Status.OPEN)
    assert "je erkenning voor Logistiek medewerker is verlopen op 30 november 2026" in str(
        refused.value
    )
    place.refresh_from_db()
    assert place.status == Opening.Status.PAUSED


def test_publishing_a_draft_is_refused_while_its_recognition_is_missing(firm, boss, qual, today):
    _recognise(firm, qual, until=TODAY - DAY)
    draft = _place(firm, qual, status=Opening.Status.DRAFT)
    data = {
        "publish": True,
        "accepted_qualifications": [qual],
        "required_competencies": [f.CompetencyFactory()],
    }
    with pytest.raises(ValidationError) as refused:
        opening_save(user=boss, employer=firm, opening=draft, data=data)
    assert "accepted_qualifications" in refused.value.message_dict
    draft.refresh_from_db()
    assert draft.status == Opening.Status.DRAFT
    _recognise(firm, qual, since=TODAY - DAY, until=TODAY + 300 * DAY)
    assert opening_save(user=boss, employer=firm, opening=draft, data=data).status == "open"


def test_the_reopen_button_says_why_it_is_refused(client, firm, boss, qual, today):
    _recognise(firm, qual, until=TODAY - DAY)
    place = _place(firm, qual)
    rec.recognition_expired_pause(today=TODAY)
    client.force_login(boss)
    response = client.post(
        reverse("werkgever:opening-status", args=[place.pk]), {"status": "open"}, follow=True
    )
    assert (
        "Zodra SBB je erkenning verlengt, kun je de plek weer openen." in response.content.decode()
    )
    place.refresh_from_db()
    assert place.status == Opening.Status.PAUSED


def test_after_an_approved_renewal_the_place_may_be_reopened_but_is_not_reopened_by_itself(
    firm, boss, accountmanager, qual, today
):
    _recognise(firm, qual, until=TODAY - DAY)
    place = _place(firm, qual)
    rec.recognition_expired_pause(today=TODAY)
    ask = req.recognition_request_create(
        user=boss, employer=firm, kind=RecognitionRequest.Kind.NEW, qualification=qual
    )
    req.recognition_request_approve(
        user=accountmanager, recognition_request=ask, valid_from=TODAY, valid_to=None
    )
    place.refresh_from_db()
    assert place.status == Opening.Status.PAUSED
    told = Notification.objects.get(user=boss, key=f"recognition-request:{ask.pk}:approved")
    assert "Gepauzeerde plekken kun je nu weer openen" in told.body
    opening_set_status(user=boss, opening=place, status=Opening.Status.OPEN)
    place.refresh_from_db()
    assert (place.status, place.paused_reason) == (Opening.Status.OPEN, "")


def test_the_erkenningen_page_shows_each_recognition_its_state_and_the_places_that_need_it(
    client, firm, boss, qual, other_qual, today
):
    _recognise(firm, qual, until=TODAY - DAY)
    _recognise(firm, other_qual, until=TODAY + 10 * DAY)
    _place(firm, qual, title="Magazijn")
    rec.recognition_expired_pause(today=TODAY)
    client.force_login(boss)
    page = client.get(reverse("werkgever:recognitions")).content.decode()
    for text in (
        "Logistiek medewerker",
        "crebo 25462, niveau 2",
        "verlopen",
        "verloopt over 10 dagen",
        "Magazijn (gepauzeerd)",
        "Gepauzeerd: je erkenning voor Logistiek medewerker is verlopen op 30 november 2026.",
    ):
        assert text in page, text


# --- requests: the employer asks ------------------------------------------------------------


def test_a_beheerder_asks_for_a_recognition_and_the_sbb_adviser_hears_of_it(
    client, firm, boss, qual, accountmanager, region
):
    adviser = f.UserFactory(role=Role.ACCOUNTMANAGER, region=region)
    adviser.groups.add(Group.objects.create(name=req.SBB_GROUP))
    client.force_login(boss)
    response = client.post(
        reverse("werkgever:recognitions"),
        {"kind": "new", "qualification": qual.pk, "message": "We starten in februari."},
    )
    assert response.status_code == 302
    ask = RecognitionRequest.objects.get()
    assert (ask.status, ask.requested_by, ask.qualification) == (S.REQUESTED, boss, qual)
    assert list(Notification.objects.values_list("user", flat=True)) == [adviser.pk]


def test_the_sbb_group_name_is_the_one_mediation_uses():
    from mediation.services.escalations import SBB_GROUP

    assert req.SBB_GROUP == SBB_GROUP


def test_without_sbb_adviser_the_region_accountmanagers_hear_of_a_request(
    firm, boss, qual, accountmanager, other_accountmanager
):
    req.recognition_request_create(user=boss, employer=firm, kind="new", qualification=qual)
    assert list(Notification.objects.values_list("user", flat=True)) == [accountmanager.pk]


def test_a_bad_request_gets_a_message_and_keeps_what_was_typed(client, firm, boss):
    client.force_login(boss)
    response = client.post(
        reverse("werkgever:recognitions"),
        {"kind": "new", "qualification": "99999999999999999999", "message": "Graag snel"},
    )
    assert response.status_code == 400
    page = response.content.decode()
    assert "Kies iets uit de lijst." in page and "Graag snel" in page
    assert not RecognitionRequest.objects.exists()


def test_a_correction_names_the_recognition_and_what_is_wrong(firm, boss, qual):
    with pytest.raises(ValidationError) as refused:
        req.recognition_request_create(user=boss, employer=firm, kind="correction")
    assert set(refused.value.message_dict) == {"recognition", "message"}


def test_a_second_open_request_for_the_same_qualification_is_refused(firm, boss, qual):
    req.recognition_request_create(user=boss, employer=firm, kind="new", qualification=qual)
    with pytest.raises(ValidationError, match="al een verzoek lopen"):
        req.recognition_request_create(user=boss, employer=firm, kind="new", qualification=qual)


def test_a_new_request_for_a_lasting_recognition_is_refused(firm, boss, qual, today):
    _recognise(firm, qual)
    with pytest.raises(ValidationError, match="al een geldige erkenning"):
        req.recognition_request_create(user=boss, employer=firm, kind="new", qualification=qual)


def test_a_praktijkopleider_may_not_ask(client, firm, trainer, qual):
    client.force_login(trainer)
    assert client.get(reverse("werkgever:recognitions")).status_code == 200
    response = client.post(
        reverse("werkgever:recognitions"), {"kind": "new", "qualification": qual.pk}
    )
    assert response.status_code == 403
    assert not RecognitionRequest.objects.exists()


# --- requests: the accountmanager handles -----------------------------------------------------


@pytest.fixture
def ask(firm, boss, qual):
    return req.recognition_request_create(user=boss, employer=firm, kind="new", qualification=qual)


def _keys(user) -> list[str]:
    return list(Notification.objects.filter(user=user).order_by("pk").values_list("key", flat=True))


def test_the_accountmanager_takes_approves_and_the_employer_is_told_each_step(
    client, ask, boss, accountmanager, qual, firm
):
    client.force_login(accountmanager)
    take = reverse("werkgever:recognition-request-take", args=[ask.pk])
    assert client.post(take).status_code == 302
    approve = reverse("werkgever:recognition-request-approve", args=[ask.pk])
    data = {
        "approve-valid_from": "2026-12-01",
        "approve-valid_to": "2030-11-30",
        "approve-response": "Gefeliciteerd",
    }
    response = client.post(approve, data)
    assert response.status_code == 302
    ask.refresh_from_db()
    recognition = Recognition.objects.get(employer=firm, qualification=qual)
    assert (ask.status, ask.handled_by, ask.recognition) == (
        S.APPROVED,
        accountmanager,
        recognition,
    )
    assert (recognition.valid_from, recognition.valid_to) == (
        datetime.date(2026, 12, 1),
        datetime.date(2030, 11, 30),
    )
    assert _keys(boss) == [
        f"recognition-request:{ask.pk}:in_progress",
        f"recognition-request:{ask.pk}:approved",
    ]
    assert client.post(take).status_code == 403  # done: nothing to take any more


def test_a_rejection_needs_a_reason_and_the_employer_reads_it(client, ask, boss, accountmanager):
    client.force_login(accountmanager)
    reject = reverse("werkgever:recognition-request-reject", args=[ask.pk])
    assert client.post(reject, {"reject-response": " "}).status_code == 400
    ask.refresh_from_db()
    assert ask.status == S.REQUESTED
    assert client.post(reject, {"reject-response": "SBB kent dit adres niet."}).status_code == 302
    ask.refresh_from_db()
    assert (ask.status, ask.response) == (S.REJECTED, "SBB kent dit adres niet.")
    note = Notification.objects.get(user=boss, key=f"recognition-request:{ask.pk}:rejected")
    assert note.body == "SBB kent dit adres niet."


def test_approving_with_dates_out_of_order_keeps_the_input_and_saves_nothing(
    client, ask, accountmanager
):
    client.force_login(accountmanager)
    response = client.post(
        reverse("werkgever:recognition-request-approve", args=[ask.pk]),
        {"approve-valid_from": "2027-01-01", "approve-valid_to": "2026-01-01"},
    )
    assert response.status_code == 400
    assert "De einddatum ligt voor de begindatum" in response.content.decode()
    assert 'value="2027-01-01"' in response.content.decode()
    assert not Recognition.objects.exists()
    ask.refresh_from_db()
    assert ask.status == S.REQUESTED


def test_approving_a_period_that_overlaps_a_recognition_is_refused(ask, accountmanager, firm, qual):
    _recognise(firm, qual, until=TODAY + 20 * DAY)
    with pytest.raises(ValidationError, match="overlapt"):
        req.recognition_request_approve(
            user=accountmanager, recognition_request=ask, valid_from=TODAY, valid_to=None
        )
    ask.refresh_from_db()
    assert ask.status == S.REQUESTED and Recognition.objects.count() == 1


def test_an_approved_correction_changes_the_recognition_it_is_about(
    firm, boss, accountmanager, qual
):
    wrong = _recognise(firm, qual, until=TODAY - DAY)
    ask = req.recognition_request_create(
        user=boss, employer=firm, kind="correction", recognition=wrong, message="Loopt tot 2028."
    )
    req.recognition_request_approve(
        user=accountmanager,
        recognition_request=ask,
        valid_from=wrong.valid_from,
        valid_to=datetime.date(2028, 7, 31),
    )
    wrong.refresh_from_db()
    assert wrong.valid_to == datetime.date(2028, 7, 31) and Recognition.objects.count() == 1


def test_only_the_region_accountmanager_moves_a_request(
    ask, boss, other_accountmanager, coordinator, accountmanager
):
    for outsider in (boss, other_accountmanager, coordinator):
        with pytest.raises(PermissionDenied):
            req.recognition_request_take(user=outsider, recognition_request=ask)
    req.recognition_request_take(user=accountmanager, recognition_request=ask)
    with pytest.raises(PermissionDenied):  # taken already: approve or reject now
        req.recognition_request_take(user=accountmanager, recognition_request=ask)


def test_another_regions_accountmanager_gets_404_on_the_request(client, ask, other_accountmanager):
    client.force_login(other_accountmanager)
    url = reverse("werkgever:recognition-request", args=[ask.pk])
    assert client.get(url).status_code == 404
    assert ask not in client.get(reverse("werkgever:recognition-requests")).context["open"]


def test_the_accountmanager_finds_the_queue_from_the_home_page(client, accountmanager):
    client.force_login(accountmanager)
    page = client.get("/").content.decode()
    assert reverse("werkgever:recognition-requests") in page


# --- the beat tasks and the queries --------------------------------------------------------


def test_both_sweeps_are_scheduled_and_run_from_the_periodic_command(capsys):
    from django.conf import settings

    scheduled = {entry["task"] for entry in settings.CELERY_BEAT_SCHEDULE.values()}
    assert {
        "employers.tasks.recognition_pause",
        "employers.tasks.recognition_warnings",
    } <= scheduled
    call_command("periodic", "recognition_pause")
    call_command("periodic", "recognition_warnings")
    assert capsys.readouterr().out.splitlines() == [
        "recognition_pause: 0",
        "recognition_warnings: 0",
    ]


def test_the_erkenningen_page_takes_a_fixed_number_of_queries(
    client, firm, boss, qual, django_assert_max_num_queries, today
):
    for i in range(6):
        q = f.QualificationFactory()
        _recognise(firm, q, until=TODAY + i * 20 * DAY)
        _place(firm, q, qual)
        RecognitionRequest.objects.create(employer=firm, kind="new", qualification=q)
    client.force_login(boss)
    with django_assert_max_num_queries(16):
        assert client.get(reverse("werkgever:recognitions")).status_code == 200


def test_the_queue_takes_a_fixed_number_of_queries(
    client, accountmanager, region, django_assert_max_num_queries
):
    for _i in range(8):
        employer = f.EmployerFactory(region=region)
        RecognitionRequest.objects.create(
            employer=employer, kind="new", qualification=f.QualificationFactory()
        )
    client.force_login(accountmanager)
    with django_assert_max_num_queries(10):
        assert client.get(reverse("werkgever:recognition-requests")).status_code == 200


# --- review fixes: renewals, places without a recognition, long recognitions --------------


@pytest.fixture
def manager_qual(db):
    return f.QualificationFactory(name="Manager logistiek", crebo="25460", level=4)


def _approve(client, ask, accountmanager, **dates):
    client.force_login(accountmanager)
    data = {f"approve-{k}": v for k, v in dates.items()}
    return client.post(reverse("werkgever:recognition-request-approve", args=[ask.pk]), data)


def test_an_approved_renewal_that_starts_later_is_not_shown_as_expired(
    client, firm, boss, manager_qual, accountmanager, today
):
    _recognise(firm, manager_qual, until=datetime.date(2026, 12, 31))
    ask = req.recognition_request_create(
        user=boss, employer=firm, kind="new", qualification=manager_qual
    )
    response = _approve(client, ask, accountmanager, valid_from="2027-01-16")
    assert response.status_code == 302
    client.force_login(boss)
    page = client.get(reverse("werkgever:dashboard")).content.decode()
    table = page.split("Erkenningen (SBB)", 1)[1]
    assert "Verlopen (16-1-2027" not in table
    assert table.count("Manager logistiek (25460)") == 1  # one row per qualification
    assert "Verlenging: geldig vanaf 16 januari 2027 (16-1-2027 – …)" in table
    assert "Verloopt over 30 dagen (1-1-2020 – 31-12-2026)" in table
    page = client.get(reverse("werkgever:recognitions")).content.decode()
    assert page.count('<h3 class="utrecht-heading-3">Manager logistiek</h3>') == 1
    assert "Verlenging: 16-1-2027 – zonder einddatum · <strong>geldig vanaf 16 januari 2027" in page


def test_only_a_future_recognition_reads_geldig_vanaf_not_verlopen(
    client, firm, boss, manager_qual, today
):
    _recognise(firm, manager_qual, since=datetime.date(2027, 1, 16))
    client.force_login(boss)
    table = client.get(reverse("werkgever:dashboard")).content.decode().split("(SBB)", 1)[1]
    assert "Geldig vanaf 16 januari 2027 (16-1-2027 – …)" in table and "Verlopen" not in table


def test_a_request_for_a_qualification_already_recognised_reads_as_verlenging(
    client, firm, boss, qual, other_qual, accountmanager, today
):
    _recognise(firm, qual, until=TODAY + 20 * DAY)
    renewal = req.recognition_request_create(
        user=boss, employer=firm, kind="new", qualification=qual
    )
    fresh = req.recognition_request_create(
        user=boss, employer=firm, kind="new", qualification=other_qual
    )
    _approve(client, fresh, accountmanager, valid_from="2026-12-01")
    page = client.get(reverse("werkgever:recognition-requests")).content.decode()
    assert "Verlenging · " in page  # the open renewal
    assert "Nieuwe erkenning" not in page.split("Afgehandeld", 1)[0]
    detail = client.get(reverse("werkgever:recognition-request", args=[renewal.pk]))
    assert "<dd>Verlenging</dd>" in detail.content.decode()
    fresh_page = client.get(reverse("werkgever:recognition-request", args=[fresh.pk]))
    assert "<dd>Nieuwe erkenning</dd>" in fresh_page.content.decode()  # its own one counts not
    client.force_login(boss)
    mine = client.get(reverse("werkgever:recognitions")).content.decode()
    assert "<strong>Verlenging</strong>: Logistiek medewerker" in mine
    assert "<strong>Nieuwe erkenning</strong>: Assistent logistiek" in mine


def test_the_dashboard_warns_for_each_open_bpv_plek_without_a_valid_recognition(
    client, firm, boss, qual, other_qual, today
):
    _recognise(firm, qual, until=datetime.date(2025, 12, 31))
    _place(firm, qual, title="BPV-plek logistiek teamleider")  # open, the sweep has not run
    _place(firm, other_qual, title="Nooit erkend")
    _place(firm, qual, title="Vacature", kind="vacature")
    recognised = f.QualificationFactory(name="Erkend")
    _recognise(firm, recognised)
    _place(firm, recognised, title="Alles goed")
    client.force_login(boss)
    page = client.get(reverse("werkgever:dashboard")).content.decode()
    warnings = page.split("Let op: je erkenningen", 1)[1].split("</section>", 1)[0]
    # Above the places a count and a link to the first; each warning stands once, on its card.
    assert "Bij 2 plekken staat een waarschuwing over je erkenning." in warnings
    assert warnings.count('href="#plek-') == 1
    cards = page.split("Mijn plekken", 1)[1]
    assert (
        page.count("Je erkenning voor Logistiek medewerker (op 31 december 2025) is verlopen.") == 1
    )
    assert page.count("Je hebt geen erkenning voor Assistent logistiek die geldt op") == 1
    assert "Je erkenning voor Logistiek medewerker (op 31 december 2025) is verlopen." in cards
    assert cards.count("Erkenning verlopen:") == 2
    assert "Alles goed" not in warnings and "Vacature" not in warnings


def test_the_open_place_warning_asks_the_pause_rule(firm, qual, today):
    place = _place(firm, qual)
    _recognise(firm, qual, until=TODAY - DAY)
    assert rec.lost_recognitions_of(place, TODAY)
    assert "is verlopen" in rec.opening_recognition_warning(opening=place)
    Recognition.objects.all().delete()
    assert not rec.lost_recognitions_of(place, TODAY)  # never had one: not paused ...
    assert "geen erkenning" in rec.opening_recognition_warning(opening=place)  # ... but warned
    _recognise(firm, qual)
    assert rec.opening_recognition_warning(opening=place) == ""


def test_saving_a_draft_without_a_recognition_warns_after_saving(
    client, firm, boss, other_qual, today
):
    location = f.LocationFactory(employer=firm)
    data = {
        "kind": "bpv",
        "title": "Magazijn concept",
        "sector": firm.sector_id,
        "location": location.pk,
        "start_date": "2027-02-01",
        "hours_per_week": "24",
        "places": "1",
        "min_level": "0",
        "leerweg": "",
        "min_age": "0",
        "required_competencies": [f.CompetencyFactory().pk],
        "accepted_qualifications": [other_qual.pk],
    }
    client.force_login(boss)
    response = client.post("/werkgever/plekken/nieuw/", data, follow=True)
    assert Opening.objects.get(title="Magazijn concept").status == Opening.Status.DRAFT
    page = response.content.decode()
    assert "Je hebt geen erkenning voor Assistent logistiek die geldt op 1 februari 2027." in page
    assert "opgeslagen als concept" in page


def test_a_recognition_may_end_up_to_15_years_ahead_other_dates_5(
    client, ask, accountmanager, firm, qual, today
):
    response = _approve(client, ask, accountmanager, valid_from="2026-12-01", valid_to="2041-11-30")
    assert response.status_code == 302
    assert Recognition.objects.get(employer=firm, qualification=qual).valid_to.year == 2041
    Recognition.objects.all().delete()
    ask.status = S.REQUESTED
    ask.save()
    page = _approve(client, ask, accountmanager, valid_from="2026-12-01", valid_to="2042-01-01")
    assert page.status_code == 400
    assert "Kies een datum tussen 1-1-1990 en 1-12-2041." in page.content.decode()
    page = _approve(client, ask, accountmanager, valid_from="2032-01-01")
    assert "Kies een datum tussen 1-1-1990 en 1-12-2031." in page.content.decode()


def test_a_praktijkopleider_is_warned_but_gets_no_link_to_request_a_renewal(
    client, firm, trainer, qual, today
):
    _recognise(firm, qual, until=TODAY + 30 * DAY)
    client.force_login(trainer)
    page = client.get(reverse("werkgever:dashboard")).content.decode()
    assert "Vraag op tijd verlenging aan." in page
    assert "Verlenging aanvragen" not in page and "soort=new" not in page
