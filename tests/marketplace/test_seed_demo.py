"""The demo seed: enough realistic data, idempotent, scalable, and every printed login works."""

import datetime
import re
from io import StringIO

import pytest
from django.contrib.auth import authenticate
from django.core.management import call_command
from django.db import transaction

from demo import DEMO_PASSWORD, DEMO_TODAY
from demo.report import row_counts
from employers.models import Employer, EmployerLocation, Opening, Recognition
from events.models import MatchingEvent, Registration
from marketplace.models import (
    CheckIn,
    Escalation,
    Match,
    MatchingWeights,
    Overgangsdokument,
    Placement,
    Role,
    SearchRequest,
    StudentProfile,
    Suggestion,
    User,
)
from marketplace.services.rules import pair_failures
from matching.engine import CAPACITY_CODES
from matching.models import (
    Certificate,
    Competency,
    Place,
    Qualification,
    Sector,
    SupportKind,
    Werkproces,
)
from toolkit.models import Regulation, ToolkitItem


def _seed(*args: str) -> str:
    out = StringIO()
    call_command("seed_demo", "--no-progress", *args, stdout=out)
    return out.getvalue()


@pytest.fixture(scope="module")
def seeded(django_db_setup, django_db_blocker):
    """Seed once for the whole module, inside a transaction that is rolled back at the end,
    so no other test module sees the demo region."""
    with django_db_blocker.unblock(), transaction.atomic():
        yield _seed()
        transaction.set_rollback(True)


pytestmark = pytest.mark.django_db


def test_seeding_creates_the_minimum_counts(seeded):
    assert Employer.objects.count() >= 40
    assert Opening.objects.count() >= 150
    assert StudentProfile.objects.count() >= 300
    assert MatchingEvent.objects.count() >= 10
    assert ToolkitItem.objects.count() >= 10
    assert Regulation.objects.count() >= 5
    assert SearchRequest.objects.count() >= 35
    assert Match.objects.count() >= 25
    assert Placement.objects.count() >= 6
    assert Overgangsdokument.objects.count() >= 1


def test_every_role_has_a_user(seeded):
    roles = set(User.objects.values_list("role", flat=True))
    assert roles >= set(Role.values)


def test_running_it_twice_duplicates_nothing(seeded):
    before = row_counts()
    output = _seed()
    assert row_counts() == before
    assert "0 werkgevers, 0 plekken en 0 studenten nieuw" in output


def _printed_logins(output: str) -> tuple[str, list[str]]:
    header = re.search(r"Demo-logins \(wachtwoord voor allemaal: (\S+)\)", output)
    assert header, "the output prints the demo password"
    block = output[header.end() :].split("\n\n", 1)[0]
    emails = [line.split()[0] for line in block.splitlines() if "@" in line]
    return header.group(1), emails


def test_every_printed_demo_login_authenticates_with_the_printed_password(seeded):
    password, emails = _printed_logins(seeded)
    assert password == DEMO_PASSWORD
    assert len(emails) >= len(Role.values)
    for email in emails:
        assert authenticate(username=email, password=password) is not None, email


def test_printed_logins_cover_every_role(seeded):
    _password, emails = _printed_logins(seeded)
    assert set(User.objects.filter(email__in=emails).values_list("role", flat=True)) == set(
        Role.values
    )


def test_only_the_technical_admin_can_use_the_admin(seeded):
    coordinator = User.objects.get(email="coordinator@demo.nl")
    assert not coordinator.is_staff and not coordinator.is_superuser
    admin = User.objects.get(email="beheer@demo.nl")
    assert admin.is_staff and admin.is_superuser and admin.region_id is None


def test_scale_options_add_openings_and_students_and_stay_idempotent(seeded):
    output = _seed("--openings", "200", "--students", "350")
    assert Opening.objects.count() >= 200
    assert StudentProfile.objects.count() == 350
    assert "nieuw" in output
    after_first = row_counts()
    _seed("--openings", "200", "--students", "350")
    assert row_counts() == after_first


def test_every_seeded_row_passes_model_validation(seeded):
    """Field validators (crebo, KvK, level, radius) and clean(); the database already checked
    foreign keys, uniqueness and the check constraints when the rows were saved."""
    models = (
        Qualification,
        Place,
        Employer,
        EmployerLocation,
        Recognition,
        Opening,
        StudentProfile,
    )
    for model in models:
        relations = [f.name for f in model._meta.fields if f.is_relation]
        assert model.objects.exists(), model
        for row in model.objects.all():
            row.clean_fields(exclude=relations)
            row.clean()


def test_every_mbo_student_with_a_leerweg_has_a_qualification(seeded):
    with_leerweg = StudentProfile.objects.filter(education_type="mbo").exclude(leerweg="")
    assert with_leerweg.exists()
    assert not with_leerweg.filter(qualification__isnull=True).exists()
    assert not StudentProfile.objects.exclude(education_type="mbo").exclude(leerweg="").exists()


def test_every_recognition_has_its_dates_in_order_and_some_have_expired(seeded):
    assert Recognition.objects.exists()
    for recognition in Recognition.objects.all():
        assert recognition.valid_to is None or recognition.valid_from <= recognition.valid_to
    assert Recognition.objects.filter(valid_to__lt=DEMO_TODAY).exists()


def test_night_work_and_alcohol_openings_require_adults(seeded):
    assert Opening.objects.filter(night_work=True).exists()
    assert not Opening.objects.filter(night_work=True, min_age__lt=18).exists()
    assert Opening.objects.filter(sector__code="horeca", min_age=18).exists()


def test_openings_start_after_today(seeded):
    assert not Opening.objects.filter(start_date__lte=DEMO_TODAY).exists()


def test_students_under_16_exist(seeded):
    sixteen_years_ago = DEMO_TODAY.replace(year=DEMO_TODAY.year - 16)
    assert StudentProfile.objects.filter(date_of_birth__gt=sixteen_years_ago).count() >= 5


def test_support_needs_and_offers_use_the_shared_vocabulary(seeded):
    known = set(SupportKind.values)
    needs = [set(n) for n in StudentProfile.objects.values_list("support_needs", flat=True)]
    offers = [set(o) for o in Opening.objects.values_list("support_offered", flat=True)]
    assert any(needs) and any(offers)
    assert all(n <= known for n in needs)
    assert all(o <= known for o in offers)


def test_places_are_real_geonames_places_in_both_provinces(seeded):
    assert not Place.objects.filter(geonameid__isnull=True).exists()
    assert set(Place.objects.values_list("province", flat=True)) == {"Groningen", "Drenthe"}
    groningen = Place.objects.get(name="Groningen", province="Groningen")
    assert round(groningen.latitude, 1) == 53.2
    assert "GeoNames" in seeded and "CC BY 4.0" in seeded


def test_the_escalation_sweep_finds_stuck_cases(seeded):
    eight_weeks = DEMO_TODAY + datetime.timedelta(weeks=8)
    stuck = (
        StudentProfile.objects.filter(
            expected_diploma_date__lte=datetime.date(2027, 8, 31),
            bpv_start_date__gt=DEMO_TODAY,
            bpv_start_date__lte=eight_weeks,
        )
        .exclude(matches__placement__isnull=False)
        .exclude(escalations__status__in=["open", "in_behandeling"])
    )
    assert stuck.count() >= 3
    stale = SearchRequest.objects.filter(
        status__in=["open", "actief"],
        last_progress_at__lt=datetime.datetime.combine(
            DEMO_TODAY - datetime.timedelta(days=21), datetime.time(), tzinfo=datetime.UTC
        ),
    )
    assert stale.count() >= 3


def test_the_demo_student_has_good_matches_at_the_demo_employer(seeded):
    sanne = StudentProfile.objects.get(user__email="student@demo.nl")
    employer = User.objects.get(email="werkgever@demo.nl").employer
    matches = Match.objects.filter(student=sanne, opening__employer=employer)
    assert matches.count() >= 2
    for match in matches:
        opening = match.opening
        assert sanne.qualification in opening.accepted_qualifications.all()
        assert any(
            r.qualification_id == sanne.qualification_id and r.is_valid_on(opening.start_date)
            for r in employer.recognitions.all()
        )
    assert sanne.guardian_links.filter(guardian__email="ouder@demo.nl").exists()
    assert sanne.consent_parent_access
    assert sanne.jobhunter.email == "jobhunter@demo.nl"


def test_caseloads_match_the_personas(seeded):
    assert User.objects.get(email="jobhunter@demo.nl").caseload.count() == 30
    assert User.objects.get(email="jpo@demo.nl").mentees.count() == 5


def test_placements_have_check_ins_and_one_risk_signal(seeded):
    assert set(CheckIn.objects.values_list("week", flat=True)) == {2, 6, 12}
    assert CheckIn.objects.filter(risk_signal=True).exists()
    assert CheckIn.objects.exclude(done_at=None).exists()
    assert Escalation.objects.filter(status="open").count() >= 3


def test_both_regions_have_escalations_for_cross_region_checks(seeded):
    assert set(Escalation.objects.values_list("region__code", flat=True)) == {
        "groningen",
        "drenthe",
    }


def test_one_event_is_full_and_has_a_waiting_list(seeded):
    full = [
        e
        for e in MatchingEvent.objects.all()
        if Registration.objects.filter(event=e, status="registered").count() >= e.capacity
    ]
    assert full
    assert Registration.objects.filter(event__in=full, status="waitlist").exists()


def test_the_region_has_its_matching_weights_and_no_suggestions_are_stored(seeded):
    weights = MatchingWeights.objects.get(region__code="groningen", version="2026.1")
    assert weights.values["required_competencies"] == 30
    assert sum(weights.values.values()) == 100
    assert not Suggestion.objects.exists()


def test_every_demo_match_passes_the_engines_hard_rules(seeded):
    """The demo builds its matches through the services' own rule check. A match that holds a
    placement filled its opening itself, so only the rules about the pair count for it."""
    matches = list(Match.objects.select_related("student__user", "opening"))
    assert len(matches) >= 25
    placed = set(Placement.objects.values_list("match_id", flat=True))
    assert placed
    broken = {
        m.pk: [f.code for f in failures]
        for m in matches
        if (
            failures := pair_failures(
                m.student, m.opening, ignore=CAPACITY_CODES if m.pk in placed else frozenset()
            )
        )
    }
    assert broken == {}


def test_the_sbb_adviser_receives_recognition_questions_on_the_second_rung(seeded):
    from mediation.services.escalations import SBB_GROUP

    advisers = User.objects.filter(groups__name=SBB_GROUP)
    assert list(advisers.values_list("email", flat=True)) == ["accountmanager.sbb@demo.nl"]


def test_the_seeded_vocabulary_has_an_english_name_for_every_entry(seeded):
    for model in (Sector, Qualification, Werkproces, Competency, Certificate):
        assert model.objects.exists()
        assert not model.objects.filter(name_en="").exists(), model.__name__
