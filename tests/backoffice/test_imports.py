"""Imports of students, employers and openings: the dry run, the refusals, the real import."""

import csv
import datetime
import io
import time

import openpyxl
import pytest
from django.core.exceptions import PermissionDenied
from django.db import connection, connections
from django.http import Http404
from django.urls import reverse

from backoffice import imports_read
from backoffice.imports import get_import_run_for_user, import_check, import_run, import_start
from backoffice.models import ImportRun
from employers.models import Employer, Opening, Recognition
from marketplace.models import Role, StudentProfile, User
from marketplace.services import ranking_changes
from matching.models import Certificate, Competency, RankingChange
from tests import factories as f

pytestmark = pytest.mark.django_db

STUDENT_HEADERS = [
    "school", "leerlingnummer", "voornaam", "achternaam", "e-mailadres", "geboortedatum",
    "onderwijs", "niveau", "crebo", "leerweg", "woonplaats", "beschikbaar vanaf",
    "reisafstand km", "vaardigheden", "certificaten", "zoekt werk na school",
]  # fmt: skip


def _student(number="100234", *, first="Sanne", born="31-01-2009", place="Groningen", **kw):
    row = {
        "school": "Noorderpoort", "leerlingnummer": number, "voornaam": first,
        "achternaam": "de Boer", "e-mailadres": f"leerling{number}@example.nl",
        "geboortedatum": born, "onderwijs": "MBO", "niveau": "2", "crebo": "25180",
        "leerweg": "BOL", "woonplaats": place, "beschikbaar vanaf": "01-02-2027",
        "reisafstand km": "15", "vaardigheden": "Op tijd komen; Samenwerken",
        "certificaten": "VCA", "zoekt werk na school": "nee",
    }  # fmt: skip
    return row | kw


def _csv(rows, headers=None, *, sep=";", encoding="utf-8") -> bytes:
    headers = headers or list(rows[0])
    out = io.StringIO()
    writer = csv.writer(out, delimiter=sep)
    writer.writerows([headers] + [[r.get(h, "") for h in headers] for r in rows])
    return out.getvalue().encode(encoding)


def _xlsx(rows, headers=None) -> bytes:
    headers = headers or list(rows[0])
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(headers)
    for row in rows:
        sheet.append([row.get(h, "") for h in headers])
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


@pytest.fixture
def vocabulary(region):
    f.PlaceFactory(name="Groningen")
    f.PlaceFactory(name="Assen", latitude=52.99, longitude=6.56)
    f.QualificationFactory(crebo="25180", sector=f.SectorFactory(code="horeca", name="Horeca"))
    Competency.objects.create(name="Op tijd komen", synonyms=["punctueel"])
    Competency.objects.create(name="Samenwerken")
    Competency.objects.create(name="Klantvriendelijk")
    Competency.objects.create(name="Netjes werken")
    Certificate.objects.create(name="VCA")


@pytest.fixture
def noorderpoort(region, vocabulary):
    return f.SchoolFactory(region=region, name="Noorderpoort", brin="22XY")


def _check(user, content, *, kind="students", name="leerlingen.csv"):
    return import_check(user=user, kind=kind, file_name=name, content=content)


def _import(user, content, *, kind="students", name="leerlingen.csv"):
    run = _check(user, content, kind=kind, name=name)
    assert run.problems == [] and run.status == "checked", run.problems
    import_start(user=user, run=run)
    import_run(run_id=run.pk)
    run.refresh_from_db()
    return run


def _texts(run) -> list[str]:
    return [p["text"] for p in run.problems]


# --- the happy paths: CSV and Excel, encodings, separators, dates ---------------------------


def test_a_semicolon_csv_in_utf8_creates_students_without_a_usable_password(
    coordinator, noorderpoort
):
    run = _import(coordinator, _csv([_student("1"), _student("2", first="Zoë")]))
    assert run.status == "done" and run.summary["create"] == 2 and run.done_rows == 2
    profile = StudentProfile.objects.get(school=noorderpoort, external_id="2")
    assert profile.user.first_name == "Zoë" and profile.user.role == Role.STUDENT
    assert not profile.user.has_usable_password()
    assert profile.date_of_birth == datetime.date(2009, 1, 31)
    assert profile.home_place.name == "Groningen" and profile.qualification.crebo == "25180"
    assert sorted(profile.competencies.values_list("name", flat=True)) == [
        "Op tijd komen",
        "Samenwerken",
    ]
    assert list(profile.certificates.values_list("name", flat=True)) == ["VCA"]


def test_an_excel_file_with_real_date_cells_creates_students(coordinator, noorderpoort):
    row = _student("7", born=datetime.datetime(2008, 6, 15), niveau=2, crebo=25180)
    run = _import(coordinator, _xlsx([row]), name="leerlingen.xlsx")
    assert run.status == "done"
    profile = StudentProfile.objects.get(external_id="7")
    assert profile.date_of_birth == datetime.date(2008, 6, 15) and profile.level == 2


def test_a_windows_1252_csv_with_commas_is_read(coordinator, noorderpoort):
    content = _csv(
        [_student("3", first="Zoë", vaardigheden="Samenwerken")], sep=",", encoding="cp1252"
    )
    with pytest.raises(UnicodeDecodeError):
        content.decode("utf-8")
    _import(coordinator, content)
    assert User.objects.get(email="leerling3@example.nl").first_name == "Zoë"


def test_a_utf8_csv_with_a_byte_order_mark_is_read(coordinator, noorderpoort):
    _import(coordinator, "\ufeff".encode() + _csv([_student("4", first="Daniël")]))
    assert User.objects.get(email="leerling4@example.nl").first_name == "Daniël"


def test_iso_dates_and_school_by_brin_are_read(coordinator, noorderpoort):
    _import(coordinator, _csv([_student("5", born="2008-12-24", school="22xy")]))
    profile = StudentProfile.objects.get(external_id="5")
    assert profile.date_of_birth == datetime.date(2008, 12, 24) and profile.school == noorderpoort


def test_a_competency_synonym_and_place_name_in_other_case_are_matched(coordinator, noorderpoort):
    _import(coordinator, _csv([_student("6", vaardigheden="PUNCTUEEL", woonplaats="assen")]))
    profile = StudentProfile.objects.get(external_id="6")
    assert profile.home_place.name == "Assen"
    assert list(profile.competencies.values_list("name", flat=True)) == ["Op tijd komen"]


# --- the dry run -------------------------------------------------------------------------------


def test_the_dry_run_writes_nothing_and_previews_what_is_created(coordinator, noorderpoort):
    run = _check(coordinator, _csv([_student("1"), _student("2")]))
    assert run.status == "checked" and run.summary["create"] == 2
    assert [r["action"] for r in run.summary["preview"]] == ["create", "create"]
    assert not StudentProfile.objects.exists() and not User.objects.filter(role="student").exists()


def test_the_preview_names_the_columns_that_change_for_an_existing_student(
    coordinator, noorderpoort
):
    _import(coordinator, _csv([_student("1"), _student("2")]))
    run = _check(
        coordinator,
        _csv([_student("1", woonplaats="Assen", vaardigheden="Samenwerken"), _student("2")]),
    )
    assert (run.summary["create"], run.summary["update"], run.summary["skip"]) == (0, 1, 1)
    assert run.summary["preview"][0] == {
        "row": 2,
        "key": "1",
        "action": "update",
        "changes": ["woonplaats", "vaardigheden"],
    }


def test_an_update_changes_the_stored_student_and_keeps_what_an_empty_cell_leaves(
    coordinator, noorderpoort
):
    _import(coordinator, _csv([_student("1")]))
    _import(
        coordinator,
        _csv([_student("1", woonplaats="Assen", certificaten="", vaardigheden="Samenwerken")]),
    )
    profile = StudentProfile.objects.get(external_id="1")
    assert profile.home_place.name == "Assen"
    assert list(profile.competencies.values_list("name", flat=True)) == ["Samenwerken"]
    assert list(profile.certificates.values_list("name", flat=True)) == ["VCA"]


def test_importing_the_same_file_twice_changes_nothing(coordinator, noorderpoort):
    content = _csv([_student("1"), _student("2")])
    _import(coordinator, content)
    before = list(StudentProfile.objects.values_list("pk", "updated_at", "user__password"))
    second = _import(coordinator, content)
    assert (second.summary["create"], second.summary["update"], second.summary["skip"]) == (0, 0, 2)
    assert list(StudentProfile.objects.values_list("pk", "updated_at", "user__password")) == before


def test_every_created_student_reaches_the_ranking_change_log(
    coordinator, noorderpoort, django_capture_on_commit_callbacks
):
    start = RankingChange.objects.count()
    with django_capture_on_commit_callbacks(execute=True):
        _import(coordinator, _csv([_student("1"), _student("2")]))
    ids = set(StudentProfile.objects.values_list("pk", flat=True))
    logged = set(RankingChange.objects.filter(kind="student").values_list("object_id", flat=True))
    assert RankingChange.objects.count() > start and ids <= logged
    assert ranking_changes.pending() == {}


# --- row problems, per row and column, in Dutch --------------------------------------------------


def test_a_date_that_does_not_exist_is_a_problem_of_its_row_and_column(coordinator, noorderpoort):
    run = _check(coordinator, _csv([_student("1"), _student("2", born="31-02-2009")]))
    assert run.status == "refused"
    assert _texts(run) == ["Rij 3, geboortedatum: 31-02-2009 bestaat niet"]


def test_every_problem_of_a_row_is_listed_with_its_column(coordinator, noorderpoort):
    bad = _student(
        "2",
        born="morgen",
        niveau="2,5",
        woonplaats="Grunn",
        vaardigheden="Op tijd kome",
        **{"zoekt werk na school": "misschien"},
    )
    run = _check(coordinator, _csv([_student("1"), bad]))
    assert _texts(run) == [
        "Rij 3, geboortedatum: morgen is geen datum; schrijf de datum zo: 31-01-2009",
        "Rij 3, niveau: 2,5 moet een heel getal zijn",
        "Rij 3, woonplaats: Grunn kennen we niet als plaats",
        "Rij 3, vaardigheden: Op tijd kome kennen we niet (bedoel je Op tijd komen?)",
        "Rij 3, zoekt werk na school: misschien is geen ja of nee",
    ]


def test_a_number_with_a_decimal_comma_is_read(coordinator, noorderpoort):
    _import(coordinator, _csv([_student("1", **{"reisafstand km": "25,0"})]))
    assert StudentProfile.objects.get().travel_radius_km == 25


def test_a_mbo_student_without_a_level_is_a_problem(coordinator, noorderpoort):
    run = _check(coordinator, _csv([_student("1", niveau="")]))
    assert _texts(run) == ["Rij 2, niveau: vul 1, 2, 3 of 4 in voor een MBO-leerling"]


def test_an_email_of_another_account_is_a_problem(coordinator, noorderpoort):
    f.UserFactory(email="leerling1@example.nl", role=Role.JOBHUNTER)
    run = _check(coordinator, _csv([_student("1")]))
    assert _texts(run) == [
        "Rij 2, e-mailadres: leerling1@example.nl hoort al bij een ander account"
    ]


def test_a_file_with_row_problems_cannot_be_started(coordinator, noorderpoort):
    run = _check(coordinator, _csv([_student("1", woonplaats="Nergenshuizen")]))
    with pytest.raises(PermissionDenied):
        import_start(user=coordinator, run=run)
    assert import_run(run_id=run.pk) == "skipped"
    assert not StudentProfile.objects.exists()


# --- whole-file refusals: a clear message, nothing written ------------------------------------

REFUSALS = {
    "empty": (b"", "Het bestand is leeg."),
    "only a header": (
        ";".join(STUDENT_HEADERS).encode(),
        "Het bestand heeft geen rijen onder de kopregel.",
    ),  # fmt: skip
    "formula": (
        _csv([_student("1", voornaam='=HYPERLINK("http://x","klik")')]),
        "Het bestand bevat een formule (in rij 2",
    ),
    "csv injection": (
        _csv([_student("1", achternaam="@SUM(1+1)")]),
        "Het bestand bevat een formule",
    ),
    "double key": (
        _csv([_student("1"), _student("2"), _student("1")]),
        "leerlingnummer 1 staat meer dan eens in het bestand (rijen 2, 4)",
    ),
}


@pytest.mark.parametrize("case", sorted(REFUSALS))
def test_a_bad_file_is_refused_with_a_clear_message_and_writes_nothing(
    coordinator, noorderpoort, case
):
    content, message = REFUSALS[case]
    run = _check(coordinator, content)
    assert run.status == "refused" and message in run.problems[0]["text"]
    with pytest.raises(PermissionDenied):
        import_start(user=coordinator, run=run)
    assert not StudentProfile.objects.exists() and not User.objects.filter(role="student").exists()


def test_wrong_columns_name_the_missing_and_the_unknown_ones(coordinator, noorderpoort):
    rows = [{k.replace("geboortedatum", "geb. datum"): v for k, v in _student("1").items()}]
    run = _check(coordinator, _csv(rows))
    assert run.status == "refused"
    assert run.problems[0]["text"] == (
        "Deze kolommen ontbreken: geboortedatum. Deze kolommen kennen we niet: geb. datum. "
        "Gebruik de kopregel van het voorbeeldbestand."
    )


def test_more_than_100000_rows_are_refused(coordinator, noorderpoort):
    header = ";".join(STUDENT_HEADERS)
    content = (header + "\n" + "x;1\n" * (imports_read.MAX_ROWS + 1)).encode()
    run = _check(coordinator, content)
    assert run.status == "refused"
    assert run.problems[0]["text"].startswith("Het bestand heeft meer dan 100.000 rijen.")


def test_a_formula_in_an_excel_cell_is_refused_not_read_as_its_value(coordinator, noorderpoort):
    run = _check(coordinator, _xlsx([_student("1", **{"reisafstand km": "=10+5"})]), name="l.xlsx")
    assert run.status == "refused" and "formules" in run.problems[0]["text"]
    assert not StudentProfile.objects.exists()


def test_a_phone_number_with_a_plus_is_not_taken_for_a_formula():
    assert not imports_read._is_formula("+31 50 123 4567")
    assert imports_read._is_formula("+cmd|' /C calc'!A0")


def test_an_unknown_school_refuses_the_file(coordinator, noorderpoort):
    run = _check(coordinator, _csv([_student("1", school="Zuiderpoort")]))
    assert run.status == "refused"
    assert _texts(run) == [
        "Rij 2, school: school Zuiderpoort kennen we niet; kies uit Noorderpoort"
    ]
    assert not StudentProfile.objects.exists()


def test_a_school_of_another_region_is_refused(coordinator, noorderpoort, other_region):
    f.SchoolFactory(region=other_region, name="Drenthe College")
    run = _check(coordinator, _csv([_student("1", school="Drenthe College")]))
    assert _texts(run) == ["Rij 2, school: school Drenthe College hoort niet bij jouw regio"]


# --- scope: school staff and their own school ---------------------------------------------------


def test_school_staff_import_into_their_own_school_without_a_school_column(noorderpoort):
    staff = f.UserFactory(role=Role.SCHOOL, school=noorderpoort, region=noorderpoort.region)
    row = {k: v for k, v in _student("1").items() if k != "school"}
    _import(staff, _csv([row]))
    assert StudentProfile.objects.get().school == noorderpoort


def test_school_staff_cannot_import_into_another_school(noorderpoort, region):
    staff = f.UserFactory(role=Role.SCHOOL, school=f.SchoolFactory(region=region), region=region)
    run = _check(staff, _csv([_student("1", school="Noorderpoort")]))
    assert run.status == "refused"
    assert _texts(run) == ["Rij 2, school: je kunt alleen leerlingen van je eigen school inlezen"]
    assert not StudentProfile.objects.exists()


def test_school_staff_cannot_import_employers(school_staff, noorderpoort):
    with pytest.raises(PermissionDenied):
        _check(school_staff, b"kvk-nummer\n12345678\n", kind="employers")


def test_school_staff_do_not_see_the_run_of_another_school(coordinator, noorderpoort, region):
    run = _check(coordinator, _csv([_student("1")]))
    staff = f.UserFactory(role=Role.SCHOOL, school=f.SchoolFactory(region=region), region=region)
    with pytest.raises(Http404):
        get_import_run_for_user(staff, run.pk)


# --- employers with locations and recognitions, and openings ------------------------------------


def _employer_rows():
    base = {"kvk-nummer": "12345678", "naam": "Bakkerij Zoet", "sector": "Horeca",
            "e-mailadres": "info@zoet.example", "telefoon": "+31 50 123 4567"}  # fmt: skip
    return [
        base | {"vestiging": "Centrum", "adres": "Grote Markt 1", "plaats": "Groningen",
                "erkend voor crebo": "25180", "erkend vanaf": "01-08-2024",
                "erkend tot": "31-07-2028"},
        base | {"vestiging": "Assen", "adres": "Brink 2", "plaats": "Assen",
                "erkend voor crebo": "", "erkend vanaf": "", "erkend tot": ""},
    ]  # fmt: skip


def test_employers_come_in_with_their_locations_and_recognitions(coordinator, vocabulary, region):
    run = _import(coordinator, _csv(_employer_rows()), kind="employers")
    employer = Employer.objects.get(kvk_number="12345678")
    assert run.summary["create"] == 2 and employer.region == region
    assert employer.contact_phone == "+31 50 123 4567"
    assert sorted(employer.locations.values_list("name", "place__name")) == [
        ("Assen", "Assen"),
        ("Centrum", "Groningen"),
    ]
    recognition = Recognition.objects.get(employer=employer)
    assert (recognition.qualification.crebo, recognition.valid_to) == (
        "25180",
        datetime.date(2028, 7, 31),
    )


def test_employers_from_excel_twice_change_nothing_the_second_time(coordinator, vocabulary):
    _import(coordinator, _xlsx(_employer_rows()), kind="employers", name="w.xlsx")
    second = _import(coordinator, _xlsx(_employer_rows()), kind="employers", name="w.xlsx")
    assert (second.summary["create"], second.summary["update"], second.summary["skip"]) == (0, 0, 2)
    assert Employer.objects.count() == 1 and Recognition.objects.count() == 1


def test_imported_employers_and_openings_reach_the_ranking_change_log(
    coordinator, vocabulary, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        _import(coordinator, _csv(_employer_rows()), kind="employers")
        _import(coordinator, _csv([_opening_row()]), kind="openings")
    employer = Employer.objects.get()
    logged = set(RankingChange.objects.values_list("kind", "object_id"))
    assert ("employer", employer.pk) in logged
    assert ("opening", Opening.objects.get().pk) in logged


def test_two_rows_of_one_employer_that_disagree_are_a_problem(coordinator, vocabulary):
    rows = _employer_rows()
    rows[1]["naam"] = "Bakkerij Zuur"
    run = _check(coordinator, _csv(rows), kind="employers")
    assert _texts(run) == ["Rij 3, naam: anders dan in rij 2 bij hetzelfde KvK-nummer"]


def _opening_row(**kw):
    row = {
        "kvk-nummer": "12345678", "kenmerk": "BPV-1", "titel": "Bakker in opleiding",
        "soort": "BPV-plek", "vestiging": "Centrum", "crebo's": "25180", "minimaal niveau": "1",
        "vaardigheden nodig": "Op tijd komen", "vaardigheden mooi meegenomen": "Samenwerken",
        "startdatum": "01-02-2027", "einddatum": "30-06-2027", "minimumleeftijd": "16",
        "nachtwerk": "nee", "publiceren": "ja",
    }  # fmt: skip
    return row | kw


def test_openings_come_in_published_with_their_hard_rule_fields(coordinator, vocabulary):
    _import(coordinator, _csv(_employer_rows()), kind="employers")
    _import(coordinator, _csv([_opening_row()]), kind="openings")
    opening = Opening.objects.get(external_id="BPV-1")
    assert opening.status == Opening.Status.OPEN and opening.kind == "bpv"
    assert (opening.min_age, opening.min_level, opening.location.name) == (16, 1, "Centrum")
    assert list(opening.accepted_qualifications.values_list("crebo", flat=True)) == ["25180"]
    assert list(opening.required_competencies.values_list("name", flat=True)) == ["Op tijd komen"]
    again = _import(coordinator, _csv([_opening_row()]), kind="openings")
    assert again.summary["skip"] == 1 and Opening.objects.count() == 1


def test_an_opening_breaking_the_opening_rules_is_a_problem_per_column(coordinator, vocabulary):
    _import(coordinator, _csv(_employer_rows()), kind="employers")
    bad = _opening_row(**{"vestiging": "Zuid", "kenmerk": "A"})
    worse = _opening_row(
        **{
            "kenmerk": "B",
            "einddatum": "01-01-2027",
            "vaardigheden nodig": "",
            "vaardigheden mooi meegenomen": "",
        }
    )
    run = _check(coordinator, _csv([bad, worse]), kind="openings")
    assert _texts(run) == [
        "Rij 2, vestiging: Zuid is geen vestiging van deze werkgever",
        "Rij 3, vaardigheden nodig: kies minstens één vaardigheid, nodig of mooi meegenomen",
        "Rij 3, einddatum: De einddatum ligt voor de begindatum. Kies een latere einddatum",
    ]


def test_an_opening_of_an_unknown_employer_is_a_problem(coordinator, vocabulary):
    run = _check(coordinator, _csv([_opening_row()]), kind="openings")
    assert _texts(run) == [
        "Rij 2, kvk-nummer: deze werkgever staat nog niet in jouw regio; "
        "lees eerst de werkgevers in"
    ]


# --- the example files ----------------------------------------------------------------------------


@pytest.mark.parametrize("kind_file", ["csv", "xlsx"])
def test_the_example_file_passes_its_own_check(client, coordinator, region, vocabulary, kind_file):
    for name, brin in (("Noorderwerk College", "33NW"), ("Praktijkschool Stad", "31PN")):
        f.SchoolFactory(region=region, name=name, brin=brin)  # the demo's schools in the example
    client.force_login(coordinator)
    url = reverse("backoffice:import-template")
    response = client.get(url, {"soort": "students", "bestand": kind_file})
    assert response.status_code == 200 and "attachment" in response["Content-Disposition"]
    run = _check(coordinator, response.content, name=f"voorbeeld.{kind_file}")
    assert run.problems == [] and run.summary["create"] == 2


# --- the pages --------------------------------------------------------------------------------


def test_uploading_shows_the_problem_and_a_fixed_file_can_be_imported(
    client, coordinator, noorderpoort, django_capture_on_commit_callbacks
):
    client.force_login(coordinator)
    bad = io.BytesIO(_csv([_student("1", born="31-02-2009")]))
    bad.name = "leerlingen.csv"
    response = client.post(
        reverse("backoffice:imports"), {"kind": "students", "file": bad}, follow=True
    )
    assert "Rij 2, geboortedatum: 31-02-2009 bestaat niet" in response.content.decode()
    assert "Inlezen</button>" not in response.content.decode()
    good = io.BytesIO(_csv([_student("1")]))
    good.name = "leerlingen.csv"
    response = client.post(reverse("backoffice:imports"), {"kind": "students", "file": good})
    run = ImportRun.objects.get(pk=response.url.rstrip("/").split("/")[-1])
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("backoffice:import-start", args=[run.pk]))
    page = client.get(reverse("backoffice:import", args=[run.pk])).content.decode()
    assert "Klaar. 1 nieuw, 0 bijgewerkt, 0 ongewijzigd." in page
    assert StudentProfile.objects.filter(external_id="1").exists()


def test_a_running_import_shows_a_progress_bar_that_polls(client, coordinator, noorderpoort):
    run = _check(coordinator, _csv([_student("1"), _student("2")]))
    ImportRun.objects.filter(pk=run.pk).update(status="running", done_rows=1)
    client.force_login(coordinator)
    page = client.get(reverse("backoffice:import", args=[run.pk])).content.decode()
    assert '<progress id="import-bar" class="wizard-progress" max="2" value="1">' in page
    assert 'hx-trigger="every 2s"' in page and "1 van 2 rijen" in page
    poll = client.get(reverse("backoffice:import", args=[run.pk]), HTTP_HX_REQUEST="true")
    assert "<html" not in poll.content.decode() and "1 van 2 rijen" in poll.content.decode()


def test_the_poll_reloads_the_page_once_the_import_is_done(client, coordinator, noorderpoort):
    run = _import(coordinator, _csv([_student("1")]))
    client.force_login(coordinator)
    poll = client.get(reverse("backoffice:import", args=[run.pk]), HTTP_HX_REQUEST="true")
    assert poll.status_code == 204 and poll["HX-Refresh"] == "true"


def test_the_import_list_stays_within_its_query_budget(
    client, coordinator, noorderpoort, django_assert_max_num_queries
):
    for number in range(5):
        _check(coordinator, _csv([_student(str(number))]))
    client.force_login(coordinator)
    with django_assert_max_num_queries(8):
        response = client.get(reverse("backoffice:imports"))
    assert response.content.decode().count("leerlingen.csv") == 5


# --- progress outside the import's transaction (PostgreSQL) -------------------------------------


@pytest.mark.django_db(transaction=True)
def test_progress_is_written_outside_the_imports_transaction(
    coordinator, noorderpoort, monkeypatch
):
    if connection.vendor != "postgresql":
        pytest.skip("SQLite has one writer: progress is written when the import is done")
    from backoffice import imports_students

    monkeypatch.setattr(imports_students, "BATCH", 2)
    seen = []
    original = imports_students.ranking_inputs_changed

    def look_from_elsewhere(**kwargs):  # called inside the transaction, after the last batch
        other = connections.create_connection("default")
        with other.cursor() as cursor:
            cursor.execute("SELECT done_rows FROM backoffice_importrun WHERE id = %s", [run.pk])
            seen.append(cursor.fetchone()[0])
        other.close()
        original(**kwargs)

    monkeypatch.setattr(imports_students, "ranking_inputs_changed", look_from_elsewhere)
    run = _check(coordinator, _csv([_student(str(n)) for n in range(5)]))
    import_start(user=coordinator, run=run)
    import_run(run_id=run.pk)
    assert seen == [5]


# --- the task on a real Celery worker and Redis -------------------------------------------------


@pytest.mark.celery_worker
@pytest.mark.django_db(transaction=True)
def test_the_import_runs_on_a_real_worker_after_the_commit_and_only_once(
    worker, coordinator, noorderpoort
):
    from backoffice.tasks import import_run as task

    run = _check(coordinator, _csv([_student("1"), _student("2")]))
    import_start(user=coordinator, run=run)  # enqueued on commit: the worker picks it up
    deadline = time.monotonic() + 60
    while ImportRun.objects.get(pk=run.pk).status != "done" and time.monotonic() < deadline:
        time.sleep(0.2)
    run.refresh_from_db()
    assert (run.status, run.done_rows, run.summary["create"]) == ("done", 2, 2)
    assert task.delay(run.pk).get(timeout=60) == "skipped"  # a second delivery does nothing
    assert StudentProfile.objects.filter(school=noorderpoort).count() == 2


def test_an_imported_change_that_rules_out_a_running_match_tells_the_coach(
    coordinator, vocabulary, jobhunter, django_capture_on_commit_callbacks
):
    from marketplace.models import Match, Notification

    _import(coordinator, _csv(_employer_rows()), kind="employers")
    _import(coordinator, _csv([_opening_row()]), kind="openings")
    opening = Opening.objects.get(external_id="BPV-1")
    student = f.StudentProfileFactory(jobhunter=jobhunter, date_of_birth=datetime.date(2010, 6, 1))
    Match.objects.create(student=student, opening=opening, proposed_by=jobhunter)
    _import(coordinator, _csv([_opening_row(minimumleeftijd="18")]), kind="openings")
    told = Notification.objects.get(user=jobhunter, key__startswith=f"opening:{opening.pk}:rules")
    assert "vanaf 18 jaar" in told.body
