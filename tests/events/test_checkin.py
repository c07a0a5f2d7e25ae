"""The event day: a QR code per registration, check-in at the door by code or by name, no-shows
after the event, and "wil verder praten" after a speed date making one match through the pipeline.
"""

import datetime
import json
import re
import shutil
import subprocess  # noqa: S404 - node runs jsQR, the decoder the staff page uses
import threading
from pathlib import Path

import pytest
import segno
from django.conf import settings
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection
from django.utils import timezone

from events.checkin import (
    event_mark_no_shows,
    registration_check_in,
    registration_checkin_code,
    speed_date_answer,
)
from events.models import MatchingEvent, Registration, SpeedDate
from marketplace.models import Match, Notification, TimelineEntry
from tests import factories as f

pytestmark = pytest.mark.django_db
NOW = timezone.now


def _event(region, *, starts=None, hours=3, title="Speeddate techniek", **kw) -> MatchingEvent:
    starts = starts or NOW() - datetime.timedelta(hours=1)
    return MatchingEvent.objects.create(
        title=title,
        kind="speeddate",
        region=region,
        place=f.PlaceFactory(),
        starts_at=starts,
        ends_at=starts + datetime.timedelta(hours=hours),
        schedule_published_at=NOW() - datetime.timedelta(days=1),
        **kw,
    )


def _register(event, user, status=Registration.Status.REGISTERED, **kw) -> Registration:
    return Registration.objects.create(event=event, user=user, status=status, **kw)


def _date(event, student_reg, employer_reg, opening, *, started=True, rnd=1) -> SpeedDate:
    starts = NOW() + datetime.timedelta(minutes=-10 if started else 30)
    return SpeedDate.objects.create(
        event=event, round=rnd, table=1, student=student_reg, employer=employer_reg,
        opening=opening, score=80.0, starts_at=starts,
        ends_at=starts + datetime.timedelta(minutes=8),
    )  # fmt: skip


@pytest.fixture
def event(region):
    return _event(region)


@pytest.fixture
def ticket(event, student):
    return _register(event, student)


# --- the QR code --------------------------------------------------------------------------------


def _modules(svg: str) -> list[list[bool]]:
    """The dark modules of segno's SVG path (h-runs along rows at half a module's height)."""
    size = int(re.search(r'width="(\d+)"', svg).group(1))
    scale = int(re.search(r"scale\((\d+)\)", svg).group(1))
    n = size // scale
    grid = [[False] * n for _ in range(n)]
    x = y = 0.0
    path = re.search(r' d="([^"]+)"', svg).group(1)
    for op, a, b in re.findall(r"([Mmh])(-?[\d.]+)(?: (-?[\d.]+))?", path):
        if op == "M":
            x, y = float(a), float(b)
        elif op == "m":
            x, y = x + float(a), y + float(b)
        else:
            for col in range(int(x), int(x + float(a))):
                grid[int(y)][col] = True
            x += float(a)
    return grid


def _decode_with_jsqr(grid: list[list[bool]]) -> str | None:
    """Decode the modules with jsQR (the staff page's decoder) in node, at 4 pixels a module."""
    px = 4
    rgba = []
    for row in grid:
        line = []
        for dark in row:
            line += ([0, 0, 0, 255] if dark else [255, 255, 255, 255]) * px
        rgba += line * px
    side = len(grid) * px
    script = (
        "const jsQR=require(process.argv[1]);let s='';process.stdin.on('data',c=>s+=c);"
        "process.stdin.on('end',()=>{const i=JSON.parse(s);"
        "const r=jsQR(Uint8ClampedArray.from(i.d),i.w,i.w);"
        "console.log(JSON.stringify(r&&r.data));});"
    )
    jsqr = str(Path(settings.BASE_DIR) / "static/vendor/jsQR.js")
    out = subprocess.run(  # noqa: S603 - fixed program and arguments
        [shutil.which("node"), "-e", script, jsqr],
        input=json.dumps({"w": side, "d": rgba}),
        capture_output=True, text=True, check=True, timeout=30,
    )  # fmt: skip
    return json.loads(out.stdout)


def test_the_ticket_page_shows_an_svg_qr_code_that_decodes_to_the_registrations_code(
    client, student, event, ticket
):
    client.force_login(student)
    page = client.get(f"/evenementen/{event.pk}/toegangsbewijs/").content.decode()
    ticket.refresh_from_db()
    svg = re.search(r"<svg.*?</svg>", page, re.S).group(0)
    assert ticket.checkin_code and ticket.checkin_code in page
    drawn = segno.make(ticket.checkin_code, error="m").matrix_iter(border=4)
    assert _modules(svg) == [[bool(m) for m in row] for row in drawn]
    if shutil.which("node") is None:
        pytest.skip("node is needed to run jsQR; the module check above passed")
    assert _decode_with_jsqr(_modules(svg)) == ticket.checkin_code


def test_a_code_is_random_long_and_the_same_each_time_the_ticket_is_opened(
    event, student, other_student
):
    mine, theirs = _register(event, student), _register(event, other_student)
    code = registration_checkin_code(mine)
    assert len(code) >= 24 and code != registration_checkin_code(theirs)
    assert registration_checkin_code(Registration.objects.get(pk=mine.pk)) == code


def test_two_requests_that_both_find_no_code_agree_on_the_first_one_stored(ticket):
    first, second = Registration.objects.get(pk=ticket.pk), Registration.objects.get(pk=ticket.pk)
    code = registration_checkin_code(first)
    assert registration_checkin_code(second) == code  # `second` was loaded without a code


def test_someone_without_a_registration_gets_no_ticket_page(client, other_student, event, ticket):
    client.force_login(other_student)
    assert client.get(f"/evenementen/{event.pk}/toegangsbewijs/").status_code == 404


def test_the_waiting_list_gets_no_qr_code(client, student, event):
    waiting = _register(event, student, status=Registration.Status.WAITLIST)
    client.force_login(student)
    page = client.get(f"/evenementen/{event.pk}/toegangsbewijs/").content.decode()
    assert "<svg" not in page and "wachtlijst" in page
    waiting.refresh_from_db()
    assert waiting.checkin_code is None


def test_the_event_page_links_to_my_ticket_once_i_am_registered(client, student, region):
    upcoming = _event(region, starts=NOW() + datetime.timedelta(days=3))
    client.force_login(student)
    assert "Mijn toegangsbewijs" not in client.get(f"/evenementen/{upcoming.pk}/").content.decode()
    _register(upcoming, student)
    assert "Mijn toegangsbewijs" in client.get(f"/evenementen/{upcoming.pk}/").content.decode()


def test_the_confirmation_e_mail_links_to_the_ticket_page(
    client, student, region, django_capture_on_commit_callbacks
):
    upcoming = _event(region, starts=NOW() + datetime.timedelta(days=3))
    client.force_login(student)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(f"/evenementen/{upcoming.pk}/aanmelden/")
    [message] = [m for m in mail.outbox if "aangemeld" in m.subject]
    assert f"{settings.SITE_URL}/evenementen/{upcoming.pk}/toegangsbewijs/" in message.body


# --- check-in at the door -------------------------------------------------------------------


def _scan(client, event, code, **extra):
    return client.post(f"/evenementen/{event.pk}/inchecken/", {"code": code, **extra}, follow=True)


def test_staff_check_someone_in_by_scanning_their_code(client, coordinator, event, ticket):
    client.force_login(coordinator)
    page = _scan(client, event, registration_checkin_code(ticket)).content.decode()
    ticket.refresh_from_db()
    assert "is binnen" in page
    assert ticket.checked_in_at is not None and ticket.checked_in_by == coordinator


def test_the_scanner_gets_the_answer_as_json(client, accountmanager, event, ticket):
    client.force_login(accountmanager)
    response = client.post(
        f"/evenementen/{event.pk}/inchecken/",
        {"code": registration_checkin_code(ticket)},
        headers={"accept": "application/json"},
    )
    assert response.json() == {
        "ok": True, "message": response.json()["message"], "expected": 1, "inside": 1,
    }  # fmt: skip


def test_staff_find_someone_by_name_and_mark_them_present(client, coordinator, event, ticket):
    client.force_login(coordinator)
    name = ticket.user.last_name
    page = client.get(f"/evenementen/{event.pk}/inchecken/", {"q": name}).content.decode()
    assert name in page and "Aanwezig" in page
    client.post(f"/evenementen/{event.pk}/inchecken/", {"registration": ticket.pk, "q": name})
    ticket.refresh_from_db()
    assert ticket.checked_in_at is not None


def test_a_code_of_another_event_is_refused_and_changes_nothing(client, coordinator, region, event):
    other = _event(region, title="Banenmarkt zorg")
    elsewhere = _register(other, f.UserFactory())
    client.force_login(coordinator)
    page = _scan(client, event, registration_checkin_code(elsewhere)).content.decode()
    elsewhere.refresh_from_db()
    assert "Deze code hoort bij een ander evenement." in page and "Banenmarkt zorg" not in page
    assert elsewhere.checked_in_at is None


def test_an_unknown_code_is_refused_with_a_dutch_message(client, coordinator, event, ticket):
    client.force_login(coordinator)
    assert "Deze code kennen we niet" in _scan(client, event, "geen-echte-code").content.decode()
    assert not Registration.objects.filter(checked_in_at__isnull=False).exists()


def test_a_second_scan_says_when_they_came_in_and_keeps_the_first_time(
    client, coordinator, event, ticket
):
    client.force_login(coordinator)
    code = registration_checkin_code(ticket)
    _scan(client, event, code)
    ticket.refresh_from_db()
    first = ticket.checked_in_at
    page = _scan(client, event, code).content.decode()
    ticket.refresh_from_db()
    assert f"al binnen om {timezone.localtime(first):%H:%M}" in page
    assert ticket.checked_in_at == first


def test_a_cancelled_registration_cannot_check_in(client, coordinator, event, ticket):
    code = registration_checkin_code(ticket)
    ticket.status = Registration.Status.CANCELLED
    ticket.save(update_fields=["status"])
    client.force_login(coordinator)
    page = _scan(client, event, code).content.decode()
    ticket.refresh_from_db()
    assert "heeft zich afgemeld" in page and ticket.checked_in_at is None


def test_check_in_opens_two_hours_before_the_start(coordinator, region, student):
    later = _event(region, starts=NOW() + datetime.timedelta(hours=5))
    with pytest.raises(ValidationError, match="Inchecken kan vanaf"):
        registration_check_in(
            actor=coordinator,
            event=later,
            code=registration_checkin_code(_register(later, student)),
        )


def test_an_accountmanager_of_another_region_may_not_check_people_in(
    client, other_accountmanager, student, event, ticket
):
    client.force_login(other_accountmanager)
    assert client.get(f"/evenementen/{event.pk}/inchecken/").status_code == 404
    with pytest.raises(PermissionDenied):
        registration_check_in(
            actor=other_accountmanager, event=event, code=registration_checkin_code(ticket)
        )


# --- no-shows -----------------------------------------------------------------------------------


def test_after_the_event_the_no_shows_are_marked_in_one_step_and_only_once(
    coordinator, region, student, other_student
):
    past = _event(region, starts=NOW() - datetime.timedelta(hours=4), hours=2)
    came, missed = _register(past, student), _register(past, other_student)
    registration_check_in(actor=coordinator, event=past, code=registration_checkin_code(came))
    assert event_mark_no_shows(actor=coordinator, event=past) == (1, 1)
    came.refresh_from_db()
    missed.refresh_from_db()
    assert (came.status, missed.status) == ("attended", "no_show")
    with pytest.raises(ValidationError, match="al vastgelegd"):
        event_mark_no_shows(actor=coordinator, event=past)


def test_no_shows_cannot_be_marked_before_the_event_is_over(coordinator, event, ticket):
    with pytest.raises(ValidationError, match="pas als het evenement voorbij is"):
        event_mark_no_shows(actor=coordinator, event=event)
    ticket.refresh_from_db()
    assert ticket.status == "registered"


def test_the_staff_page_marks_the_no_shows_with_one_button(client, coordinator, region, student):
    past = _event(region, starts=NOW() - datetime.timedelta(hours=4), hours=2)
    missed = _register(past, student)
    client.force_login(coordinator)
    assert (
        "Aanwezigheid vastleggen"
        in client.get(f"/evenementen/{past.pk}/inchecken/").content.decode()
    )
    page = client.post(f"/evenementen/{past.pk}/no-shows/", follow=True).content.decode()
    missed.refresh_from_db()
    assert "1 kwamen niet" in page and missed.status == "no_show"


# --- "wil verder praten" ------------------------------------------------------------------------


@pytest.fixture
def speed_date(event, ticket, employer_member, opening):
    seat = _register(event, employer_member, employer=employer_member.employer)
    return _date(event, ticket, seat, opening)


def _say(client, user, speed_date, answer):
    client.force_login(user)
    return client.post(
        f"/evenementen/{speed_date.event_id}/mijn-speeddates/",
        {"speed_date": speed_date.pk, "answer": answer},
        follow=True,
    )


def test_both_saying_yes_makes_one_match_from_the_event_and_tells_the_jobhunter(
    client,
    student,
    employer_member,
    speed_date,
    student_profile,
    django_capture_on_commit_callbacks,
):
    _say(client, student, speed_date, "ja")
    assert not Match.objects.exists()
    with django_capture_on_commit_callbacks(execute=True):
        page = _say(client, employer_member, speed_date, "ja").content.decode()
    match = Match.objects.get()
    speed_date.refresh_from_db()
    assert "Er is een match gemaakt" in page and speed_date.match == match
    assert (match.source, match.status) == (Match.Source.EVENT, "interesse_werkgever")
    assert (match.student, match.opening) == (student_profile, speed_date.opening)
    note = TimelineEntry.objects.get(match=match).note
    assert note == "Beide wilden verder praten op Speeddate techniek"
    assert Notification.objects.filter(
        user=student_profile.jobhunter, url=match.get_absolute_url()
    ).exists()


def test_saying_yes_twice_makes_one_match(client, student, employer_member, speed_date):
    _say(client, student, speed_date, "ja")
    _say(client, employer_member, speed_date, "ja")
    _say(client, student, speed_date, "ja")
    _say(client, employer_member, speed_date, "ja")
    assert Match.objects.count() == 1


def test_one_no_makes_no_match(client, student, employer_member, speed_date):
    _say(client, student, speed_date, "ja")
    _say(client, employer_member, speed_date, "nee")
    speed_date.refresh_from_db()
    assert (speed_date.student_wants_more, speed_date.employer_wants_more) == (True, False)
    assert not Match.objects.exists()


def test_a_pair_that_now_breaks_a_hard_rule_gets_no_match_and_a_clear_message(
    client, student, employer_member, employer, speed_date
):
    employer.recognitions.all().delete()  # no longer an erkend leerbedrijf for her opleiding
    _say(client, student, speed_date, "ja")
    page = _say(client, employer_member, speed_date, "ja").content.decode()
    speed_date.refresh_from_db()
    assert "er komt geen match" in page and "erkend leerbedrijf" in page
    assert speed_date.employer_wants_more is True and not Match.objects.exists()


def test_a_stranger_cannot_answer_someone_elses_date(client, other_student, event, speed_date):
    _register(event, other_student)
    response = _say(client, other_student, speed_date, "ja")
    speed_date.refresh_from_db()
    assert response.status_code == 404 and speed_date.student_wants_more is None


def test_the_dates_page_lists_only_my_own_dates(
    client, student, other_student, event, speed_date, opening
):
    theirs = _register(event, other_student)
    other_seat = _register(event, f.UserFactory(role="werkgever", employer=opening.employer))
    _date(event, theirs, other_seat, opening, rnd=2)
    client.force_login(other_student)
    page = client.get(f"/evenementen/{event.pk}/mijn-speeddates/").content.decode()
    assert "Ronde 2" in page and "Ronde 1" not in page


def test_a_date_that_has_not_started_cannot_be_answered_yet(student, event, ticket, speed_date):
    speed_date.starts_at = NOW() + datetime.timedelta(minutes=20)
    speed_date.save(update_fields=["starts_at"])
    with pytest.raises(ValidationError, match="pas als jullie speeddate begonnen is"):
        speed_date_answer(user=student, speed_date=speed_date, wants_more=True)


@pytest.mark.django_db(transaction=True)
def test_two_yeses_at_the_same_moment_make_one_match(region, persona_qualification):
    if connection.vendor != "postgresql":
        pytest.skip("the race needs real row locks: run with DATABASE_URL on PostgreSQL")
    employer = f.EmployerFactory(region=region)
    employer.recognitions.create(qualification=persona_qualification, valid_from="2019-09-01")
    profile = f.StudentProfileFactory(qualification=persona_qualification)
    member = f.UserFactory(role="werkgever", employer=employer)
    event = _event(region)
    date = _date(
        event, _register(event, profile.user),
        _register(event, member, employer=employer),
        f.OpeningFactory(location=f.LocationFactory(employer=employer)),
    )  # fmt: skip
    start, errors = threading.Barrier(2), []

    def say_yes(user):
        try:
            start.wait()
            speed_date_answer(
                user=user, speed_date=SpeedDate.objects.get(pk=date.pk), wants_more=True
            )
        except Exception as exc:  # noqa: BLE001 - reported below
            errors.append(exc)
        finally:
            connection.close()

    threads = [threading.Thread(target=say_yes, args=(u,)) for u in (profile.user, member)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    assert Match.objects.filter(student=profile).count() == 1
    date.refresh_from_db()
    assert date.match is not None


def test_a_colleague_at_the_employers_seat_may_answer_for_the_organisation(
    client, student, employer_member, speed_date
):
    colleague = f.UserFactory(role="werkgever", employer=employer_member.employer)
    _say(client, colleague, speed_date, "ja")
    speed_date.refresh_from_db()
    assert speed_date.employer_wants_more is True


def test_a_running_proposal_for_the_same_place_moves_to_mutual_interest_instead_of_a_second_match(
    student, employer_member, speed_date, student_profile, jobhunter
):
    proposed = Match.objects.create(
        student=student_profile, opening=speed_date.opening, proposed_by=jobhunter
    )
    speed_date_answer(user=student, speed_date=speed_date, wants_more=True)
    speed_date_answer(user=employer_member, speed_date=speed_date, wants_more=True)
    proposed.refresh_from_db()
    assert Match.objects.count() == 1
    assert (proposed.status, proposed.employer_response) == ("interesse_werkgever", "ja")
