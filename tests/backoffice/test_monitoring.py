"""The monitoring dashboard counts each step right on a small hand-made region, hides small
groups, exports the same numbers, and shows each user only their own region or school."""

import csv
import datetime
import io
from dataclasses import dataclass, field

import openpyxl
import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from marketplace.models import (
    ActionItem,
    Escalation,
    Match,
    MatchStatus,
    Placement,
    Role,
    SearchRequest,
)
from tests import factories as f

pytestmark = pytest.mark.django_db
S = MatchStatus
URL = reverse("backoffice:monitoring")
NOW = timezone.now()
TODAY = timezone.localdate()


def ago(days: int, hours: float = 0) -> datetime.datetime:
    return NOW - datetime.timedelta(days=days, hours=hours)


def day(offset: int) -> datetime.date:
    return TODAY + datetime.timedelta(days=offset)


PERIOD = {"van": day(-400).isoformat(), "tot": TODAY.isoformat()}


@dataclass
class Region:
    """The hand-made region: who is who, and the places they reached."""

    region: object
    school_a: object
    school_b: object
    other_school: object
    location: object
    students: dict = field(default_factory=dict)


def _search(student, days_ago: int, sector=None) -> SearchRequest:
    search = SearchRequest.objects.create(
        student=student,
        kind="bpv",
        deadline=day(60),
        sector=sector or f.SectorFactory(),
        last_progress_at=NOW,
    )
    SearchRequest.objects.filter(pk=search.pk).update(created_at=ago(days_ago))
    return search


def _match(world, student, status, days_ago: int, both_yes=False, opening=None) -> Match:
    yes = Match.Response.YES if both_yes else Match.Response.OPEN
    match = Match.objects.create(
        student=student,
        opening=opening or f.OpeningFactory(location=world.location),
        status=status,
        student_response=yes,
        employer_response=yes,
    )
    Match.objects.filter(pk=match.pk).update(created_at=ago(days_ago))
    return match


def _placement(match, *, start: int, placed_days_ago: int, dropped_after=None, no_end=False):
    status = Placement.Status.LOPEND
    end = None
    if dropped_after is not None or no_end:
        status = Placement.Status.UITGEVALLEN
        end = None if no_end else day(start + dropped_after)
    placement = Placement.objects.create(
        match=match, start_date=day(start), end_date=end, status=status
    )
    Placement.objects.filter(pk=placement.pk).update(created_at=ago(placed_days_ago))
    return placement


def _student(school, **kw):
    return f.StudentProfileFactory(school=school, **kw)


def build(world: Region, prefix: str = "s") -> None:
    """Twelve searching students in the region (see each line), and noise that must not count."""
    a, b = world.school_a, world.school_b
    st = world.students
    for n in range(1, 10):
        st[f"{prefix}{n}"] = _student(a)  # MBO 2, BOL
    for n in (10, 11):
        st[f"{prefix}{n}"] = _student(a, education_type="vso", level=0, leerweg="")
    st[f"{prefix}12"] = _student(b)
    for key, student in st.items():
        if key.startswith(prefix):
            _search(student, 395 if key == f"{prefix}5" else 300)
    s = {n: st[f"{prefix}{n}"] for n in range(1, 13)}
    _match(world, s[1], S.VOORGESTELD, 420)  # before the period: s1 was not proposed
    _match(world, s[2], S.VOORGESTELD, 290)
    _match(world, s[3], S.INTERESSE_WERKGEVER, 290, both_yes=True)
    m4 = _match(world, s[4], S.GEPLAATST, 295, both_yes=True)
    _placement(m4, start=10, placed_days_ago=290)  # placed, starts in 10 days: wait 10
    m5 = _match(world, s[5], S.GESTART, 394, both_yes=True)
    _placement(m5, start=-380, placed_days_ago=390)  # still there after a year: wait 5
    m6 = _match(world, s[6], S.GESTART, 290, both_yes=True)
    _placement(m6, start=-200, placed_days_ago=280, dropped_after=100)  # kept 3, not 6: wait 20
    m7 = _match(world, s[7], S.GESTART, 290, both_yes=True)
    _placement(m7, start=-100, placed_days_ago=270, dropped_after=30)  # not kept 3: wait 30
    m8 = _match(world, s[8], S.GESTART, 290, both_yes=True)
    _placement(m8, start=-50, placed_days_ago=260)  # started, too recent to count: wait 40
    m9 = _match(world, s[9], S.INGETROKKEN, 290, both_yes=True)
    _placement(m9, start=-120, placed_days_ago=240, no_end=True)  # withdrawn: never started


def build_noise(world: Region) -> None:
    elsewhere = _student(world.other_school)
    _search(elsewhere, 300)
    other_employer = f.EmployerFactory(region=world.other_school.region)
    m = _match(
        world,
        elsewhere,
        S.GESTART,
        290,
        both_yes=True,
        opening=f.OpeningFactory(location=f.LocationFactory(employer=other_employer)),
    )
    _placement(m, start=-200, placed_days_ago=280)
    f.EscalationFactory(student=elsewhere, opened_at=ago(100))
    before = _student(world.school_a)
    _search(before, 500)
    _match(world, before, S.VOORGESTELD, 450)


@pytest.fixture
def world(region, other_region) -> Region:
    school_a = f.SchoolFactory(region=region, name="Noorderpoort")
    school_b = f.SchoolFactory(region=region, name="Alfa-college")
    employer = f.EmployerFactory(region=region)
    w = Region(
        region=region,
        school_a=school_a,
        school_b=school_b,
        other_school=f.SchoolFactory(region=other_region, name="Drenthe College"),
        location=f.LocationFactory(employer=employer),
    )
    build(w)
    build_noise(w)
    return w


def _escalation(student, hours: float | None, status=Escalation.Status.IN_BEHANDELING, opened=30):
    return f.EscalationFactory(
        student=student,
        opened_at=ago(opened),
        first_response_at=None if hours is None else ago(opened) + datetime.timedelta(hours=hours),
        status=status if hours is not None else Escalation.Status.OPEN,
    )


def _page(client, user, **params):
    client.force_login(user)
    response = client.get(URL, {**PERIOD, **params})
    assert response.status_code == 200, response.status_code
    return response


def _figures(client, user, **params):
    response = _page(client, user, **params)
    assert response.context["form"].errors == {}
    return response.context["dashboard"]


def _table(response, key: str):
    return next(t for t in response.context["tables"] if t.key == key)


# --- the funnel ---------------------------------------------------------------------------------


def test_each_funnel_step_counts_the_students_of_the_period_who_reached_it(
    client, world, coordinator
):
    funnel = _figures(client, coordinator).funnel
    assert {k: funnel[k] for k in ("searching", "proposed", "interested", "placed", "started")} == {
        "searching": 12,
        "proposed": 8,
        "interested": 7,
        "placed": 6,
        "started": 4,
    }


def test_still_in_place_counts_placements_started_long_enough_ago_that_did_not_drop_out(
    client, world, coordinator
):
    funnel = _figures(client, coordinator).funnel
    assert [funnel[f"eligible_{m}"] for m in (3, 6, 12)] == [3, 2, 1]
    assert [funnel[f"kept_{m}"] for m in (3, 6, 12)] == [2, 1, 1]


def test_a_drop_out_without_a_last_day_counts_as_a_drop_out_on_the_first_day(
    client, world, coordinator
):
    m7 = Match.objects.get(student=world.students["s7"])
    Placement.objects.filter(match=m7).update(end_date=None)
    m5 = Match.objects.get(student=world.students["s5"])
    Placement.objects.filter(match=m5).update(status=Placement.Status.UITGEVALLEN, end_date=None)
    funnel = _figures(client, coordinator).funnel
    assert [funnel[f"kept_{m}"] for m in (3, 6, 12)] == [1, 0, 0]


def test_a_finished_placement_counts_as_still_in_place(client, world, coordinator):
    m7 = Match.objects.get(student=world.students["s7"])
    Placement.objects.filter(match=m7).update(status=Placement.Status.AFGEROND)
    assert _figures(client, coordinator).funnel["kept_3"] == 3


def test_time_to_placement_is_the_median_and_p75_of_days_from_the_first_search(
    client, world, coordinator
):
    assert _figures(client, coordinator).time_to_placement == {"n": 6, "median": 20, "p75": 40}


# --- escalations and outcomes -------------------------------------------------------------------


def test_escalations_count_resolved_cases_response_times_and_the_share_in_time(
    client, world, coordinator
):
    st = world.students
    done = Escalation.Status.OPGELOST
    _escalation(st["s1"], 1, status=done)
    _escalation(st["s2"], 10, status=done)
    _escalation(st["s3"], 30)
    _escalation(st["s4"], 47)
    _escalation(st["s5"], 72)
    _escalation(st["s6"], None)
    _escalation(st["s7"], 1, opened=450)  # before the period
    assert _figures(client, coordinator).escalations == {
        "opened": 6,
        "resolved": 2,
        "answered": 5,
        "in_time": 4,
        "median_hours": 30.0,
    }


def test_outcomes_after_school_count_advies_and_contacts_of_the_period(client, world, coordinator):
    st = world.students
    for n, advies, days_ago in [(1, "arbeid", 100), (2, "arbeid", 100), (3, "arbeid", 10)] + [
        (4, "doorstroom", 100),
        (5, "doorstroom", 100),
        (6, "arbeid", 450),
    ]:
        st[f"s{n}"].advies, st[f"s{n}"].advies_date = advies, day(-days_ago)
        st[f"s{n}"].save(update_fields=["advies", "advies_date"])
    for n in range(1, 7):
        ActionItem.objects.create(
            student=st[f"s{n}"],
            kind=ActionItem.Kind.CONTACT_AFTER_DIPLOMA,
            title="Contact na 18 weken",
            due_date=day(-450 if n == 6 else -50),
            done_at=NOW if n <= 3 else None,
        )
    assert _figures(client, coordinator).outcomes == {
        "arbeid": 3,
        "doorstroom": 2,
        "contact_planned": 5,
        "contact_done": 3,
    }


# --- filters and breakdowns -------------------------------------------------------------------


def test_the_education_filter_counts_only_mbo_2(client, world, coordinator):
    funnel = _figures(client, coordinator, onderwijs="mbo2").funnel
    assert (funnel["searching"], funnel["proposed"], funnel["started"]) == (10, 8, 4)


def test_the_level_and_leerweg_filters_count_the_vso_students_without_leerweg(
    client, world, coordinator
):
    assert _figures(client, coordinator, niveau="0").funnel["searching"] == 2
    assert _figures(client, coordinator, leerweg="geen").funnel["searching"] == 2
    assert _figures(client, coordinator, leerweg="bol").funnel["searching"] == 10


def test_the_sector_filter_counts_matches_by_the_sector_of_the_opening(client, world, coordinator):
    care = f.SectorFactory(code="zorg", name="Zorg")
    Match.objects.filter(student=world.students["s2"]).update(
        opening=f.OpeningFactory(location=world.location, sector=care)
    )
    funnel = _figures(client, coordinator, sector=str(care.pk)).funnel
    assert (funnel["searching"], funnel["proposed"]) == (0, 1)


def test_the_school_filter_counts_one_school(client, world, coordinator):
    funnel = _figures(client, coordinator, school=str(world.school_a.pk)).funnel
    assert funnel["searching"] == 11


def test_the_breakdown_by_education_type_has_a_row_per_type_and_hides_the_small_one(
    client, world, coordinator
):
    response = _page(client, coordinator, per="onderwijs")
    rows = _table(response, "per-groep").rows
    assert rows == [
        ["MBO 2", 10, 8, 7, 6, 4, 2, 1, 1],
        ["VSO", "–", "–", "–", "–", "–", "–", "–", "–"],
    ]
    assert "niemand herkenbaar" in response.content.decode()


def test_the_breakdown_by_school_shows_each_school_of_the_region(client, world, coordinator):
    rows = _table(_page(client, coordinator, per="school"), "per-groep").rows
    assert [r[0] for r in rows] == ["Alfa-college", "Noorderpoort"]
    assert rows[1][1:3] == [11, 8]


def test_the_breakdown_by_sector_groups_matches_by_the_openings_sector(client, world, coordinator):
    rows = _table(_page(client, coordinator, per="sector"), "per-groep").rows
    assert rows == [["Logistiek", 12, 8, 7, 6, 4, 2, 1, 1]]


def test_a_group_of_fewer_than_five_hides_the_whole_funnel_with_a_note(client, world, coordinator):
    response = _page(client, coordinator, school=str(world.school_b.pk))
    table = _table(response, "trechter")
    assert all(row[1:] == ["–", "–", "–"] for row in table.rows)
    assert "niemand herkenbaar" in table.note


def test_a_start_after_the_end_gets_a_message_and_keeps_what_was_typed(client, coordinator):
    client.force_login(coordinator)
    response = client.get(URL, {"van": "2026-05-01", "tot": "2026-01-01"})
    page = response.content.decode()
    assert response.status_code == 200 and response.context["dashboard"] is None
    assert "Deze datum ligt voor de begindatum" in page and 'value="2026-05-01"' in page


def test_without_a_choice_the_period_is_this_school_year(client, coordinator):
    client.force_login(coordinator)
    filters = client.get(URL).context["dashboard"].filters
    assert (filters.date_from.month, filters.date_from.day) == (8, 1)
    assert filters.date_to - filters.date_from == datetime.timedelta(days=364 + (
        filters.date_to.year % 4 == 0
    ))  # fmt: skip
    assert filters.date_from <= TODAY <= filters.date_to


# --- exports ---------------------------------------------------------------------------------


def _norm(cell) -> object:
    """A number as a number (Excel keeps 50.0 as 50), anything else as text."""
    try:
        return float(cell)
    except (TypeError, ValueError):
        return str(cell)


def _page_tables(client, user) -> dict:
    response = _page(client, user, per="onderwijs")
    return {
        t.title: [t.columns, *[[_norm(c) for c in r] for r in t.rows]]
        for t in response.context["tables"]
    }


def test_the_csv_export_holds_the_same_numbers_as_the_page(client, world, coordinator):
    on_page = _page_tables(client, coordinator)
    response = client.get(reverse("backoffice:monitoring-csv"), {**PERIOD, "per": "onderwijs"})
    assert response["Content-Type"].startswith("text/csv")
    lines = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig")), delimiter=";"))
    sections, current = {}, None
    for line in lines[1:]:
        if not line:
            current = None
        elif current is None:
            current = line[0]
            sections[current] = []
        else:
            sections[current].append(line)
    exported = {
        title: [[_norm(c) for c in row] for row in rows[: len(on_page[title])]]
        for title, rows in sections.items()
    }
    assert exported == on_page
    assert on_page["Van zoeken naar een plek"][1][:2] == ["Zoekend", 12.0]


def test_the_excel_export_holds_the_same_numbers_as_the_page(client, world, coordinator):
    on_page = _page_tables(client, coordinator)
    response = client.get(reverse("backoffice:monitoring-xlsx"), {**PERIOD, "per": "onderwijs"})
    book = openpyxl.load_workbook(io.BytesIO(response.content))
    exported = {
        sheet.title: [[_norm(c) for c in row] for row in sheet.iter_rows(values_only=True)]
        for sheet in book.worksheets
    }
    expected = {title.replace(":", " -")[:31]: rows for title, rows in on_page.items()}
    assert exported == expected
    assert len(exported) == 5


def test_an_export_with_wrong_dates_goes_back_to_the_page_with_the_message(client, coordinator):
    client.force_login(coordinator)
    response = client.get(
        reverse("backoffice:monitoring-csv"), {"van": "2026-05-01", "tot": "2026-01-01"}
    )
    assert response.status_code == 302 and response.url.startswith(URL)


# --- who sees what ------------------------------------------------------------------------------


def test_school_staff_see_only_their_own_school(client, world):
    staff = f.UserFactory(role=Role.SCHOOL, school=world.school_a, region=world.region)
    assert _figures(client, staff).funnel["searching"] == 11
    assert client.get(URL, {**PERIOD, "school": world.school_b.pk}).status_code == 404


def test_the_accountmanager_of_the_region_sees_the_region(client, world, accountmanager):
    assert _figures(client, accountmanager).funnel["searching"] == 12


def test_another_regions_accountmanager_sees_only_their_own_region_and_404_for_this_one(
    client, world, other_accountmanager
):
    assert _figures(client, other_accountmanager).funnel["searching"] == 1
    response = client.get(URL, {**PERIOD, "regio": world.region.pk})
    assert response.status_code == 404
    export = client.get(reverse("backoffice:monitoring-csv"), {**PERIOD, "regio": world.region.pk})
    assert export.status_code == 404


def test_a_jobhunter_may_not_open_the_dashboard(client, jobhunter):
    client.force_login(jobhunter)
    assert client.get(URL).status_code == 403


def test_the_page_shows_no_names(client, world, coordinator):
    page = _page(client, coordinator).content.decode()
    names = {s.user.last_name for s in world.students.values()}
    assert not [name for name in names if name in page]


# --- the query budget -------------------------------------------------------------------------


def _queries(client, user) -> int:
    client.get(URL, PERIOD)  # warm: the session and the user
    with CaptureQueriesContext(connection) as ctx:
        assert client.get(URL, {**PERIOD, "per": "school"}).status_code == 200
    return len(ctx.captured_queries)


def test_the_page_costs_the_same_number_of_queries_whatever_the_size_of_the_region(
    client, world, coordinator
):
    client.force_login(coordinator)
    small = _queries(client, coordinator)
    build(world, prefix="t")
    build(world, prefix="u")
    assert _queries(client, coordinator) == small
    assert small <= 20


def test_the_menu_links_to_the_dashboard_for_the_coordinator_and_not_for_a_jobhunter(
    client, coordinator, jobhunter
):
    client.force_login(coordinator)
    assert f'href="{URL}"' in client.get("/evenementen/").content.decode()
    client.force_login(jobhunter)
    assert f'href="{URL}"' not in client.get("/evenementen/").content.decode()


def test_a_date_far_in_the_future_gets_a_message_not_an_error_page(client, coordinator):
    client.force_login(coordinator)
    response = client.get(URL, {"van": "2026-01-01", "tot": "9999-12-31"})
    assert response.status_code == 200 and response.context["dashboard"] is None
    assert "Kies een datum tussen 2000 en 2100." in response.content.decode()


def test_how_we_count_names_the_largest_group_that_stays_hidden(client, world, coordinator):
    html = _page(client, coordinator).content.decode()
    assert "Een groep van 1 tot 4 jongeren laten we niet zien" in html
