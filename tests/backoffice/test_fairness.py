"""The fairness report: exact rates, exposure shares and impact ratios on a hand-made region,
warnings under 0.8, small groups hidden, no student named, exports equal to the page, the
versions covered, nothing of another region, and only for the region's coordinator."""

import csv
import datetime
import io
from dataclasses import dataclass, field
from fractions import Fraction

import openpyxl
import pytest
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format

from backoffice import fairness
from marketplace.models import Match, Placement, RankingLog, Role, SearchRequest
from tests import factories as f

TODAY = timezone.localdate()
START, END = TODAY - datetime.timedelta(days=30), TODAY
PERIOD = {"van": START.isoformat(), "tot": END.isoformat()}
URL = "/beheer/eerlijkheid/"


@dataclass
class Region:
    region: object
    coordinator: object
    school: object
    mbo: list = field(default_factory=list)
    pro: list = field(default_factory=list)
    openings: list = field(default_factory=list)


def _born(age: int) -> datetime.date:
    """Someone who is `age` (and a half) on the last day of the period."""
    return END.replace(year=END.year - age) - datetime.timedelta(days=180)


def _student(school, pk: int, *, searching: bool = True, **kw):
    student = f.StudentProfileFactory(
        pk=pk,
        school=school,
        external_id=f"LLN-{pk}",
        user=f.UserFactory(first_name="Zoeker", last_name=f"Geheim{pk}", role=Role.STUDENT),
        **kw,
    )
    if searching:
        SearchRequest.objects.create(
            student=student, kind="bpv", deadline=END, last_progress_at=timezone.now()
        )
    return student


def _propose(student, opening, *, source=Match.Source.MEDIATOR, placed=False) -> Match:
    match = Match.objects.create(student=student, opening=opening, source=source)
    if placed:
        Placement.objects.create(match=match, start_date=END)
    return match


def _log(opening_or_student, ids, *, kind="opening", engine="2.1.0", weights="standaard", at=None):
    log = RankingLog.objects.create(
        subject_type=kind,
        subject_id=opening_or_student.pk,
        engine_version=engine,
        weights_version=weights,
        input_hash="x",
        top_ids=ids,
    )
    if at is not None:
        RankingLog.objects.filter(pk=log.pk).update(at=at)
    return log


def build_region(name: str, first_pk: int) -> Region:
    """10 MBO students (level 2, 17 years): 6 proposed, 4 placed; 5 PrO students (level 0,
    15-16 years, sharing their support needs): 2 proposed, 1 placed."""
    region = f.RegionFactory(name=name, code=name.lower())
    school = f.SchoolFactory(region=region, name=f"Noorderpoort {name}")
    location = f.LocationFactory(employer=f.EmployerFactory(region=region))
    side = Region(
        region=region,
        coordinator=f.UserFactory(role=Role.COORDINATOR, region=region),
        school=school,
        openings=[f.OpeningFactory(location=location) for _ in range(3)],
    )
    side.mbo = [_student(school, first_pk + i, date_of_birth=_born(17)) for i in range(10)]
    side.pro = [
        _student(
            school,
            first_pk + 20 + i,
            education_type="pro",
            level=0,
            qualification=None,
            leerweg="",
            support_needs_shared=True,
            date_of_birth=_born(15),
        )
        for i in range(5)
    ]
    opening, second, _third = side.openings
    for i, student in enumerate(side.mbo[:6]):
        _propose(student, opening, placed=i < 4)
    # Her own interest is not a proposal.
    _propose(side.mbo[9], second, source=Match.Source.STUDENT)
    for i, student in enumerate(side.pro[:2]):
        _propose(student, opening, placed=i == 0)
    return side


@pytest.fixture
def own(db) -> Region:
    side = build_region("Groningen", 987_001)
    mbo, pro = [s.pk for s in side.mbo], [s.pk for s in side.pro]
    not_searching = _student(side.school, 987_100, searching=False)
    _propose(not_searching, side.openings[2])
    gone = _student(side.school, 987_101)
    SearchRequest.objects.filter(student=gone).update(
        status=SearchRequest.Status.GEVONDEN,
        last_progress_at=timezone.now() - datetime.timedelta(days=90),
    )
    opening = side.openings[0]
    # Only the first 10 of a list count: the two PrO ids at the end of the first do not.
    _log(opening, mbo + pro[:2])
    _log(opening, pro[:2] + mbo[:2] + [not_searching.pk], weights="meer-afstand")
    # Before the period; and a student's own list of places: neither is a candidate list.
    _log(opening, pro, at=timezone.now() - datetime.timedelta(days=60), engine="1.0-oud")
    _log(side.mbo[0], [opening.pk], kind="student")
    return side


@pytest.fixture
def other(own) -> Region:
    """Drenthe: its students, proposals and lists, and one of its lists showing own students."""
    side = build_region("Drenthe", 988_001)
    ids = [s.pk for s in side.pro] + [s.pk for s in own.pro]
    _log(side.openings[0], ids, engine="9.9-drenthe", weights="drenthe")
    return side


def _report(side: Region) -> fairness.FairnessReport:
    return fairness.fairness_report(region=side.region, start=START, end=END)


def _group(report, code: str, label: str) -> fairness.Group:
    dimension = next(d for d in report.dimensions if d.code == code)
    return next(g for g in dimension.groups if g.label == label)


def _page(client, side: Region, **query) -> str:
    client.force_login(side.coordinator)
    response = client.get(URL, PERIOD | query)
    assert response.status_code == 200
    return response.content.decode()


# --- the numbers ----------------------------------------------------------------------------


def test_proposal_and_placement_rates_and_impact_ratios_are_exact(own, other):
    report = _report(own)
    mbo, pro = (
        _group(report, "education_type", "MBO"),
        _group(report, "education_type", "Praktijkonderwijs (PrO)"),
    )
    assert (report.searching, report.proposed, report.placed) == (15, 8, 5)
    assert (mbo.searching, mbo.proposed.count, mbo.placed.count) == (10, 6, 4)
    assert (mbo.proposed.rate, mbo.proposed.impact) == (Fraction(3, 5), 1)
    assert (pro.proposed.rate, pro.proposed.impact) == (Fraction(2, 5), Fraction(2, 3))
    assert (pro.placed.rate, pro.placed.impact) == (Fraction(1, 5), Fraction(1, 2))


def test_top_10_exposure_shares_count_only_the_first_ten_of_the_regions_candidate_lists(own, other):
    report = _report(own)
    mbo, pro = (
        _group(report, "education_type", "MBO"),
        _group(report, "education_type", "Praktijkonderwijs (PrO)"),
    )
    assert (report.rankings, report.appearances) == (2, 14)
    assert (mbo.exposure.count, mbo.exposure_share, mbo.searching_share) == (
        12,
        Fraction(6, 7),
        Fraction(2, 3),
    )
    assert (pro.exposure.count, pro.exposure_share, pro.searching_share) == (
        2,
        Fraction(1, 7),
        Fraction(1, 3),
    )
    assert (mbo.exposure.rate, pro.exposure.rate) == (Fraction(9, 7), Fraction(3, 7))
    assert pro.exposure.impact == Fraction(1, 3)


def test_every_kind_of_group_splits_the_same_students(own):
    report = _report(own)
    groups = {d.code: {g.label: g.searching for g in d.groups} for d in report.dimensions}
    assert groups["level"] == {"Geen niveau (PrO en VSO)": 5, "Niveau 2": 10}
    assert groups["support_needs_shared"] == {
        "Deelt geen hulpvraag (of heeft er geen)": 10,
        "Deelt de hulpvraag": 5,
    }
    assert groups["age_band"] == {"15 en 16 jaar": 5, "17 jaar": 10}
    assert groups["school_id"] == {"Noorderpoort Groningen": 15}


def test_a_group_under_four_fifths_of_the_best_gets_a_warning_and_the_best_does_not(own):
    report = _report(own)
    mbo, pro = (
        _group(report, "level", "Niveau 2"),
        _group(report, "level", "Geen niveau (PrO en VSO)"),
    )
    assert pro.proposed.warning and pro.placed.warning and pro.exposure.warning
    assert not (mbo.proposed.warning or mbo.placed.warning or mbo.exposure.warning)
    assert report.warning


def test_exactly_four_fifths_is_no_warning():
    assert not fairness.Metric(4, Fraction(2, 5), Fraction(4, 5)).warning
    assert fairness.Metric(4, Fraction(2, 5), Fraction(79, 100)).warning


def test_the_page_shows_the_warning_beside_the_ratio_under_0_8(client, own):
    page = _page(client, own)
    assert "0,66 <span>onder 0,8</span>" in page  # 2/3, rounded down
    assert "0,50 <span>onder 0,8</span>" in page
    assert "Let op:" in page


def test_a_group_under_five_is_hidden_and_so_is_the_next_smallest(own):
    for i in range(3):
        _student(
            own.school, 987_200 + i, education_type="vso", level=0, qualification=None, leerweg=""
        )
    report = _report(own)
    vso = _group(report, "education_type", "Voortgezet speciaal onderwijs (VSO)")
    pro = _group(report, "education_type", "Praktijkonderwijs (PrO)")
    mbo = _group(report, "education_type", "MBO")
    assert vso.hidden and vso.proposed is None and vso.too_small
    # Else the 3 could be worked out from the total of 18.
    assert pro.hidden and pro.proposed is None and not pro.too_small
    assert not mbo.hidden and mbo.proposed.impact == 1


def test_the_page_says_why_a_small_group_is_not_shown(client, own):
    for i in range(3):
        _student(
            own.school, 987_200 + i, education_type="vso", level=0, qualification=None, leerweg=""
        )
    page = _page(client, own)
    assert "Minder dan 5 jongeren: niet getoond." in page
    assert "Niet getoond, anders is de kleine groep terug te rekenen." in page


def test_a_period_with_fewer_than_five_searching_students_shows_no_figures(client, db):
    side = Region(region=f.RegionFactory(), coordinator=None, school=None)
    side.coordinator = f.UserFactory(role=Role.COORDINATOR, region=side.region)
    school = f.SchoolFactory(region=side.region)
    for i in range(3):
        _student(school, 989_000 + i)
    page = _page(client, side)
    assert "minder dan 5" in page and "<table" not in page


def test_a_region_without_candidate_lists_shows_no_exposure_and_no_versions(client, db):
    side = build_region("Friesland", 990_001)
    report = _report(side)
    mbo = _group(report, "education_type", "MBO")
    assert (report.rankings, mbo.exposure.rate, mbo.exposure.impact) == (0, None, None)
    assert report.engine_versions == [] and not mbo.exposure.warning
    assert "geen lijsten in deze periode" in _page(client, side)


# --- what the page and the files say ----------------------------------------------------------


def test_the_period_and_the_versions_of_engine_and_weights_in_it_are_stated(client, own, other):
    report = _report(own)
    assert report.engine_versions == ["2.1.0"]
    assert report.weights_versions == ["meer-afstand", "standaard"]
    page = _page(client, own)
    assert "2.1.0" in page and "meer-afstand, standaard" in page
    assert "1.0-oud" not in page and "9.9-drenthe" not in page
    assert f"{date_format(START, 'j F Y')} tot en met {date_format(END, 'j F Y')}" in page


def test_another_regions_students_lists_and_versions_are_not_counted(own, other):
    before = _report(own)
    assert other.region != own.region
    drenthe = _report(other)
    assert (before.searching, drenthe.searching) == (15, 15)
    # Drenthe's list showed 5 of Groningen's PrO students: Groningen's figures do not change.
    assert _group(before, "education_type", "Praktijkonderwijs (PrO)").exposure.count == 2
    assert drenthe.rankings == 1 and drenthe.appearances == 5
    assert drenthe.engine_versions == ["9.9-drenthe"]


def _csv_rows(client, side) -> list[list[str]]:
    response = client.get(reverse("backoffice:fairness-csv"), PERIOD)
    assert response.status_code == 200 and response["Content-Type"].startswith("text/csv")
    return list(csv.reader(io.StringIO(response.content.decode("utf-8-sig")), delimiter=";"))


def _xlsx_rows(client) -> list[list]:
    response = client.get(reverse("backoffice:fairness-xlsx"), PERIOD)
    assert response.status_code == 200
    sheet = openpyxl.load_workbook(io.BytesIO(response.content)).active
    return [list(row) for row in sheet.iter_rows(values_only=True)]


def _number(cell):
    """A cell as a number when it is one (Excel keeps 40.0 as 40; the CSV writes 40,0)."""
    try:
        return float(str(cell).replace(",", "."))
    except ValueError:
        return "" if cell is None else cell


def test_csv_and_excel_hold_the_same_numbers_as_the_page(client, own, other):
    page = _page(client, own)
    csv_rows, xlsx_rows = _csv_rows(client, own), _xlsx_rows(client)
    header = csv_rows[0]
    pro_csv = next(
        r for r in csv_rows if r[0] == "Soort onderwijs" and r[1] == "Praktijkonderwijs (PrO)"
    )
    pro_xlsx = next(
        r for r in xlsx_rows if r[0] == "Soort onderwijs" and r[1] == "Praktijkonderwijs (PrO)"
    )
    cells = dict(zip(header, pro_csv, strict=True))
    assert cells["Zoekend"] == "5" and cells["Voorgesteld %"] == "40,0"
    assert cells["Voorgesteld: verhouding"] == "0,66" and cells["Voorgesteld: onder 0,8"] == "ja"
    assert cells["Keer in top 10: verhouding"] == "0,33" and cells["Aandeel in top 10 %"] == "14,3"
    assert [_number(v) for v in pro_xlsx] == [_number(v) for v in pro_csv]
    for shown in ("40,0% (2)", "0,66", "20,0% (1)", "14,3%", "33,3%", "0,33"):
        assert shown in page
    assert cells["Engine"] == "2.1.0" and cells["Periode van"] == START.isoformat()
    assert (
        len(csv_rows) == len(xlsx_rows) == 1 + sum(len(d.groups) for d in _report(own).dimensions)
    )


def test_no_student_is_named_or_numbered_on_the_page_or_in_the_files(client, own, other):
    page = _page(client, own)
    csv_text = "\n".join(";".join(r) for r in _csv_rows(client, own))
    xlsx_text = "\n".join(";".join(str(v) for v in r) for r in _xlsx_rows(client))
    for text in (page, csv_text, xlsx_text):
        assert "Geheim" not in text and "Zoeker" not in text
        assert "LLN-" not in text and "98700" not in text and "98710" not in text
        assert "@example.nl" not in text


def test_an_impossible_period_gets_a_dutch_message_and_keeps_the_dates(client, own):
    page = _page(client, own, van="2026-06-30", tot="2026-01-01")
    assert "De einddatum ligt voor de begindatum." in page
    assert 'value="2026-06-30"' in page and "<table" not in page


def test_a_period_longer_than_a_year_is_refused(client, own):
    page = _page(client, own, van="2024-01-01", tot="2026-01-01")
    assert "hoogstens 366 dagen" in page and "<table" not in page


def test_an_export_of_an_impossible_period_goes_back_to_the_page(client, own):
    client.force_login(own.coordinator)
    response = client.get(reverse("backoffice:fairness-csv"), {"van": "2026-13-01", "tot": "x"})
    assert response.status_code == 302 and response.url.startswith(URL)


def test_many_lists_are_sampled_and_the_page_says_so(client, own, monkeypatch):
    monkeypatch.setattr(fairness, "MAX_RANKINGS", 1)
    report = _report(own)
    assert (report.sample_step, report.rankings) == (2, 1)
    assert "1 op de 2 lijsten" in _page(client, own)


def test_the_page_keeps_to_its_query_budget(client, own, other, django_assert_max_num_queries):
    client.force_login(own.coordinator)
    with django_assert_max_num_queries(13):  # 13: the menu's unread count
        assert client.get(URL, PERIOD).status_code == 200


# --- who may see it ----------------------------------------------------------------------------


@pytest.mark.parametrize("role", [Role.JOBHUNTER, Role.ACCOUNTMANAGER, Role.SCHOOL, Role.STUDENT])
def test_only_a_coordinator_sees_the_report(client, own, role):
    client.force_login(f.UserFactory(role=role, region=own.region))
    for url in (URL, reverse("backoffice:fairness-csv"), reverse("backoffice:fairness-xlsx")):
        assert client.get(url).status_code == 403


def test_a_coordinator_without_a_region_gets_403(client, db):
    client.force_login(f.UserFactory(role=Role.COORDINATOR))
    assert client.get(URL).status_code == 403


def test_a_visitor_who_is_not_logged_in_goes_to_the_login_page(client, db):
    response = client.get(URL)
    assert response.status_code == 302 and "login" in response.url
