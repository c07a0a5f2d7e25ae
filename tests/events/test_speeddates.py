"""Speed dates scheduled by the engine, as the organiser, a student and an employer use them."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from events import speeddates as sd
from events.models import MatchingEvent, Registration, SpeedDate
from marketplace.models import Notification, Role
from tests import factories as f

pytestmark = pytest.mark.django_db
ADULT, MINOR = datetime.date(2000, 1, 1), datetime.date(2011, 1, 1)


def _event(region, **kw) -> MatchingEvent:
    start = timezone.now() + datetime.timedelta(days=10)
    values = {"rounds": 2, "tables": 2, "round_minutes": 10, "capacity_employers": 10}
    values.update(kw)
    return MatchingEvent.objects.create(
        title="Speeddate logistiek",
        kind=MatchingEvent.Kind.SPEEDDATE,
        region=region,
        place=f.PlaceFactory(),
        address="Zaal 1",
        starts_at=start,
        ends_at=start + datetime.timedelta(hours=3),
        **values,
    )


def _student(event, school, qualification, *, first="Sam", born=ADULT, **kw) -> Registration:
    profile = f.StudentProfileFactory(
        school=school,
        qualification=qualification,
        date_of_birth=born,
        user__first_name=first,
        user__last_name=f"Achternaam{first}",
        **kw,
    )
    return Registration.objects.create(event=event, user=profile.user, status="registered")


def _employer(event, region, qualification, *, name="Magazijn BV", **opening) -> Registration:
    employer = f.EmployerFactory(region=region, name=name)
    employer.recognitions.create(qualification=qualification, valid_from="2020-01-01")
    f.OpeningFactory(location=f.LocationFactory(employer=employer), **opening)
    member = f.UserFactory(role=Role.WERKGEVER, employer=employer)
    return Registration.objects.create(
        event=event, user=member, employer=employer, status="registered"
    )


@pytest.fixture
def q(persona_qualification):
    return persona_qualification


def _pairs(event) -> set[tuple[int, int]]:
    return set(event.speed_dates.values_list("student_id", "employer_id"))


def test_a_minor_never_meets_an_employer_that_only_offers_night_work(
    region, school, q, coordinator
):
    event = _event(region, rounds=3)
    minor = _student(event, school, q, first="Mo", born=MINOR)
    adult = _student(event, school, q, first="Ada")
    night = _employer(event, region, q, name="Nachtbakkerij", night_work=True)
    day = _employer(event, region, q, name="Dagwinkel")
    sd.schedule_build(event=event, actor=coordinator)
    assert (minor.pk, night.pk) not in _pairs(event)
    assert {(adult.pk, night.pk), (minor.pk, day.pk), (adult.pk, day.pk)} <= _pairs(event)


def test_each_date_remembers_the_employers_place_that_fits_the_student(
    region, school, q, coordinator
):
    event = _event(region, rounds=1, tables=1)
    _student(event, school, q)
    seat = _employer(event, region, q)
    sd.schedule_build(event=event, actor=coordinator)
    date = event.speed_dates.get()
    assert date.opening.employer_id == seat.employer_id
    assert date.score > 0


def test_a_students_wish_is_honoured_when_the_rules_allow_it(region, school, q, coordinator):
    event = _event(region, rounds=1, tables=1)
    _student(event, school, q, first="Eerste")
    wisher = _student(event, school, q, first="Wens")
    _employer(event, region, q, name="Eerste BV")
    wished = _employer(event, region, q, name="Gewenst BV")
    wisher.wanted_employers.set([wished.employer])
    sd.schedule_build(event=event, actor=coordinator)
    assert _pairs(event) == {(wisher.pk, wished.pk)}


def test_an_employer_asking_a_level_meets_a_student_of_that_level_first(
    region, school, q, coordinator
):
    event = _event(region, rounds=1, tables=1)
    _student(event, school, q, first="Twee", level=2)
    three = _student(event, school, q, first="Drie", level=3)
    seat = _employer(event, region, q)
    seat.wanted_level = 3
    seat.save(update_fields=["wanted_level"])
    sd.schedule_build(event=event, actor=coordinator)
    assert _pairs(event) == {(three.pk, seat.pk)}


def test_dates_follow_the_rounds_length_and_skip_the_break(region, school, q, coordinator):
    event = _event(region, rounds=3, break_rounds=[2])
    _student(event, school, q, first="Een")
    _student(event, school, q, first="Twee")
    _employer(event, region, q, name="A")
    _employer(event, region, q, name="B")
    sd.schedule_build(event=event, actor=coordinator)
    assert set(event.speed_dates.values_list("round", flat=True)) == {1, 3}
    third = event.speed_dates.filter(round=3).first()
    assert third.starts_at == event.starts_at + datetime.timedelta(minutes=20)
    assert third.ends_at == event.starts_at + datetime.timedelta(minutes=30)


@pytest.mark.parametrize(
    ("settings", "message"),
    [({"tables": 0}, "Er zijn geen tafels"), ({"rounds": 0}, "Er zijn geen rondes")],
)
def test_no_tables_or_rounds_gives_a_clear_message_and_writes_nothing(
    client, region, school, q, coordinator, settings, message
):
    event = _event(region, **settings)
    _student(event, school, q)
    _employer(event, region, q)
    client.force_login(coordinator)
    response = client.post(f"/evenementen/{event.pk}/speeddates/maken/", follow=True)
    assert message in response.content.decode()
    assert not SpeedDate.objects.exists()


def test_no_employers_gives_a_clear_message_and_writes_nothing(
    client, region, school, q, coordinator
):
    event = _event(region)
    _student(event, school, q)
    client.force_login(coordinator)
    response = client.post(f"/evenementen/{event.pk}/speeddates/maken/", follow=True)
    assert "Er zijn nog geen werkgevers aangemeld" in response.content.decode()
    assert not SpeedDate.objects.exists()


def test_when_no_pair_passes_the_hard_rules_nothing_is_written(region, school, q, coordinator):
    event = _event(region)
    _student(event, school, q, born=MINOR)
    _employer(event, region, q, night_work=True)
    with pytest.raises(ValidationError, match="harde regel"):
        sd.schedule_build(event=event, actor=coordinator)
    assert not SpeedDate.objects.exists()


def _two_by_two(region, school, q, coordinator, **kw):
    event = _event(region, **kw)
    people = [_student(event, school, q, first=n) for n in ("Ada", "Bo")]
    seats = [_employer(event, region, q, name=n) for n in ("A BV", "B BV")]
    sd.schedule_build(event=event, actor=coordinator)
    return event, people, seats


def test_a_swap_exchanges_the_students_of_two_dates_in_a_round(region, school, q, coordinator):
    event, _people, _seats = _two_by_two(region, school, q, coordinator, rounds=1)
    a, b = event.speed_dates.all()
    sd.schedule_swap(event=event, actor=coordinator, date_a=a.pk, date_b=b.pk)
    assert _pairs(event) == {(b.student_id, a.employer_id), (a.student_id, b.employer_id)}


def test_a_swap_that_makes_a_pair_meet_twice_is_refused_and_changes_nothing(
    region, school, q, coordinator
):
    event, _people, _seats = _two_by_two(region, school, q, coordinator, rounds=2)
    before = _pairs(event)
    a, b = event.speed_dates.filter(round=2)
    with pytest.raises(ValidationError, match="al in ronde 1"):
        sd.schedule_swap(event=event, actor=coordinator, date_a=a.pk, date_b=b.pk)
    assert _pairs(event) == before


def test_a_swap_that_breaks_a_hard_rule_is_refused_with_the_rule_named(
    client, region, school, q, coordinator
):
    event = _event(region, rounds=1)
    minor = _student(event, school, q, first="Mo", born=MINOR)
    _student(event, school, q, first="Ada")
    night = _employer(event, region, q, name="Nachtbakkerij", night_work=True)
    _employer(event, region, q, name="Dagwinkel")
    sd.schedule_build(event=event, actor=coordinator)
    before = _pairs(event)
    a, b = event.speed_dates.all()
    client.force_login(coordinator)
    response = client.post(
        f"/evenementen/{event.pk}/speeddates/ruilen/", {"date_a": a.pk, "date_b": b.pk}, follow=True
    )
    page = response.content.decode()
    assert "kunnen niet met elkaar praten" in page and "nacht" in page.lower()
    assert _pairs(event) == before and (minor.pk, night.pk) not in before


def test_a_swap_across_rounds_is_refused(region, school, q, coordinator):
    event, _people, _seats = _two_by_two(region, school, q, coordinator, rounds=2)
    a = event.speed_dates.filter(round=1).first()
    b = event.speed_dates.filter(round=2).first()
    with pytest.raises(ValidationError, match="dezelfde ronde"):
        sd.schedule_swap(event=event, actor=coordinator, date_a=a.pk, date_b=b.pk)


def test_publishing_tells_every_student_and_employer_once(region, school, q, coordinator):
    event, people, seats = _two_by_two(region, school, q, coordinator)
    assert sd.schedule_publish(event=event, actor=coordinator) == 4
    assert sd.schedule_publish(event=event, actor=coordinator) == 0
    told = Notification.objects.filter(key__startswith=f"event:{event.pk}:speeddates")
    assert sorted(told.values_list("user_id", flat=True)) == sorted(
        r.user_id for r in people + seats
    )


def test_a_published_schedule_is_replaced_only_when_rebuilt_explicitly(
    region, school, q, coordinator
):
    event, _people, _seats = _two_by_two(region, school, q, coordinator)
    sd.schedule_publish(event=event, actor=coordinator)
    with pytest.raises(ValidationError, match="al gepubliceerd"):
        sd.schedule_build(event=event, actor=coordinator)
    sd.schedule_build(event=event, actor=coordinator, rebuild=True)
    event.refresh_from_db()
    assert event.schedule_published_at is None and event.speed_dates.count() == 4


def test_a_student_sees_only_their_own_schedule_once_published(
    client, region, school, q, coordinator
):
    event = _event(region, rounds=1)
    ada = _student(event, school, q, first="Ada")
    _student(event, school, q, first="Bo")
    _employer(event, region, q, name="A BV")
    _employer(event, region, q, name="B BV")
    sd.schedule_build(event=event, actor=coordinator)
    client.force_login(ada.user)
    url = f"/evenementen/{event.pk}/speeddates/mijn-schema/"
    assert "nog niet klaar" in client.get(url).content.decode()
    sd.schedule_publish(event=event, actor=coordinator)
    page = client.get(url).content.decode()
    mine = event.speed_dates.get(student=ada)
    assert mine.employer.employer.name in page
    assert "AchternaamBo" not in page and "Bo" not in page.split("<main", 1)[1]


def test_an_employer_sees_the_students_first_name_but_not_the_surname(
    client, region, school, q, coordinator
):
    event = _event(region, rounds=1, tables=1)
    _student(event, school, q, first="Ada")
    seat = _employer(event, region, q)
    sd.schedule_build(event=event, actor=coordinator)
    sd.schedule_publish(event=event, actor=coordinator)
    client.force_login(seat.user)
    page = client.get(f"/evenementen/{event.pk}/speeddates/mijn-schema/").content.decode()
    assert "Ada" in page and "AchternaamAda" not in page


def test_the_pdf_of_my_schedule_downloads(client, region, school, q, coordinator):
    event, people, _seats = _two_by_two(region, school, q, coordinator)
    sd.schedule_publish(event=event, actor=coordinator)
    client.force_login(people[0].user)
    response = client.get(f"/evenementen/{event.pk}/speeddates/mijn-schema.pdf")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF")


def test_the_organiser_sees_the_grid_with_scores_and_the_printable_tables(
    client, region, school, q, coordinator
):
    event, people, seats = _two_by_two(region, school, q, coordinator)
    client.force_login(coordinator)
    page = client.get(f"/evenementen/{event.pk}/speeddates/").content.decode()
    date = event.speed_dates.first()
    assert people[0].user.get_full_name() in page and f"{date.score:.0f}" in page
    tables = client.get(f"/evenementen/{event.pk}/speeddates/tafels/").content.decode()
    assert "Ronde 2" in tables and seats[1].employer.name in tables


def test_a_student_names_up_to_three_registered_employers(client, region, school, q):
    event = _event(region)
    ada = _student(event, school, q)
    seats = [_employer(event, region, q, name=f"Bedrijf {n}") for n in range(4)]
    client.force_login(ada.user)
    url = f"/evenementen/{event.pk}/speeddates/wensen/"
    too_many = client.post(url, {"employers": [s.employer_id for s in seats]})
    assert too_many.status_code == 400
    assert "hoogstens drie" in too_many.content.decode()
    assert "checked" in too_many.content.decode()  # what was ticked stays ticked
    assert not ada.wanted_employers.exists()
    client.post(url, {"employers": [seats[0].employer_id, seats[2].employer_id]})
    assert set(ada.wanted_employers.all()) == {seats[0].employer, seats[2].employer}


def test_an_employer_asks_a_level_and_sectors(client, region, school, q):
    event = _event(region)
    seat = _employer(event, region, q)
    sector = f.SectorFactory()
    client.force_login(seat.user)
    client.post(
        f"/evenementen/{event.pk}/speeddates/wensen/", {"level": "2", "sectors": [sector.pk]}
    )
    seat.refresh_from_db()
    assert seat.wanted_level == 2 and list(seat.wanted_sectors.all()) == [sector]


def test_the_event_page_shows_the_wishes_form_to_a_registered_student(client, region, school, q):
    event = _event(region)
    ada = _student(event, school, q)
    _employer(event, region, q, name="Wensbedrijf")
    client.force_login(ada.user)
    page = client.get(f"/evenementen/{event.pk}/").content.decode()
    assert "Wensbedrijf" in page and "speeddates/wensen/" in page


def _edit(event, actor, **changes):
    from events.services import FIELDS, event_update

    data = {name: getattr(event, name) for name in FIELDS}
    data.update(sectors=list(event.sectors.all()), **changes)
    return event_update(user=actor, event=event, data=data, version=event.version)


def test_changing_the_rounds_drops_a_draft_schedule_to_be_built_again(
    region, school, q, coordinator
):
    event, _people, _seats = _two_by_two(region, school, q, coordinator, rounds=2)
    assert event.speed_dates.count() == 4
    _edit(event, coordinator, title="Speeddate logistiek en zorg")
    assert event.speed_dates.count() == 4  # a change the schedule does not depend on
    event.refresh_from_db()
    _edit(event, coordinator, rounds=1)
    assert not event.speed_dates.exists()


def test_a_published_schedule_keeps_its_times_and_tables(region, school, q, coordinator):
    event, _people, _seats = _two_by_two(region, school, q, coordinator, rounds=2)
    sd.schedule_publish(event=event, actor=coordinator)
    event.refresh_from_db()
    later = event.starts_at + datetime.timedelta(hours=1)
    with pytest.raises(ValidationError, match="al verstuurd"):
        _edit(
            event, coordinator, starts_at=later, ends_at=event.ends_at + datetime.timedelta(hours=1)
        )
    event.refresh_from_db()
    assert event.starts_at != later and event.speed_dates.count() == 4
