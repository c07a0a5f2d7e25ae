"""Fixed personas for every role and the outsiders, like healthchecks' Alice, Bob and Charlie."""

import datetime
import os

import pytest
from django.utils import translation
from rest_framework.test import APIClient

from marketplace.models import GuardianLink, Overgangsdokument, Role
from tests import factories as f


@pytest.fixture(autouse=True)
def dutch_by_default():
    """Each test starts in Dutch; a request that switched language must not leak into the next."""
    translation.activate("nl")
    yield
    translation.deactivate()


@pytest.fixture(autouse=True)
def empty_cache():
    """Cached vocabulary from one test's database must not leak into the next."""
    from django.core.cache import cache

    cache.clear()
    yield
    cache.clear()


@pytest.fixture(autouse=True)
def fresh_ranking_indexes():
    """A rolled-back test leaves no change rows: its indexes must not leak into the next."""
    from marketplace.services import engine_index, ranking_changes

    engine_index.clear_index_cache()
    ranking_changes.pending().clear()
    yield
    engine_index.clear_index_cache()
    ranking_changes.pending().clear()


@pytest.fixture(autouse=True)
def force_login_passes_second_factor(monkeypatch):
    """`client.force_login(user)` stands for a finished log-in: password and, for staff, the
    second factor (a session marked verified and active). Tests of the log-in itself go
    through the pages or `client.login()`, which this does not touch."""
    from django.test import Client

    from marketplace.authentication import mark_session_verified_for_tests

    original = Client.force_login

    def force_login(self, user, backend=None):
        original(self, user, backend)
        session = self.session
        mark_session_verified_for_tests(session)
        session.save()

    monkeypatch.setattr(Client, "force_login", force_login)


@pytest.fixture
def region(db):
    return f.RegionFactory(name="Groningen", code="groningen")


@pytest.fixture
def other_region(db):
    return f.RegionFactory(name="Drenthe", code="drenthe")


@pytest.fixture
def school(region):
    return f.SchoolFactory(region=region)


def _user(role, **kw):
    return f.UserFactory(role=role, **kw)


@pytest.fixture
def jobhunter(region):
    return _user(Role.JOBHUNTER, region=region)


@pytest.fixture
def other_jobhunter(region):
    return _user(Role.JOBHUNTER, region=region)


@pytest.fixture
def jpo(region):
    return _user(Role.JPO, region=region)


@pytest.fixture
def persona_qualification(db):
    """The student personas' qualification. The employer persona is an erkend leerbedrijf for
    it, so the default opening (a BPV-plek) breaks none of the engine's hard rules for them."""
    return f.QualificationFactory()


@pytest.fixture
def student_profile(school, jobhunter, jpo, persona_qualification):
    return f.StudentProfileFactory(
        school=school,
        jobhunter=jobhunter,
        jpo=jpo,
        support_needs=["jobcoach"],
        qualification=persona_qualification,
    )


@pytest.fixture
def student(student_profile):
    return student_profile.user


@pytest.fixture
def other_student_profile(school, persona_qualification):
    return f.StudentProfileFactory(school=school, qualification=persona_qualification)


@pytest.fixture
def other_student(other_student_profile):
    return other_student_profile.user


@pytest.fixture
def parent(student_profile):
    student_profile.consent_parent_access = True
    student_profile.save(update_fields=["consent_parent_access"])
    guardian = _user(Role.OUDER)
    GuardianLink.objects.create(guardian=guardian, student=student_profile)
    return guardian


@pytest.fixture
def other_parent(other_student_profile):
    guardian = _user(Role.OUDER)
    GuardianLink.objects.create(guardian=guardian, student=other_student_profile)
    return guardian


@pytest.fixture
def employer(region, persona_qualification):
    employer = f.EmployerFactory(region=region)
    employer.recognitions.create(
        qualification=persona_qualification, valid_from=datetime.date(2019, 9, 1)
    )
    return employer


@pytest.fixture
def opening(employer):
    return f.OpeningFactory(location=f.LocationFactory(employer=employer))


@pytest.fixture
def employer_member(employer):
    return _user(Role.WERKGEVER, employer=employer)


@pytest.fixture
def other_employer_member(region):
    return _user(Role.WERKGEVER, employer=f.EmployerFactory(region=region))


@pytest.fixture
def accountmanager(region):
    return _user(Role.ACCOUNTMANAGER, region=region)


@pytest.fixture
def other_accountmanager(other_region):
    return _user(Role.ACCOUNTMANAGER, region=other_region)


@pytest.fixture
def school_staff(school):
    return _user(Role.SCHOOL, school=school, region=school.region)


@pytest.fixture
def werkcoach(region, student_profile):
    coach = _user(Role.WERKCOACH, region=region)
    Overgangsdokument.objects.create(
        student=student_profile, werkcoach=coach, status="verstuurd", advies="arbeid"
    )
    return coach


@pytest.fixture
def coordinator(region):
    return _user(Role.COORDINATOR, region=region)


@pytest.fixture
def superuser(db):
    return f.UserFactory(role=Role.COORDINATOR, is_staff=True, is_superuser=True)


@pytest.fixture
def api_client():
    return APIClient()


@pytest.fixture
def under_16_profile(school):
    return f.StudentProfileFactory(
        school=school, education_type="pro", level=0, leerweg="", qualification=None,
        date_of_birth=datetime.date.today().replace(year=datetime.date.today().year - 14),
    )  # fmt: skip


@pytest.fixture
def worker():
    """A real Celery worker on the real Redis broker (CI sets CELERY_BROKER_URL)."""
    if not os.environ.get("CELERY_BROKER_URL"):
        pytest.skip("needs CELERY_BROKER_URL (Redis); CI sets it")
    from celery.contrib.testing.worker import start_worker

    from config.celery import app

    app.conf.task_always_eager = False
    from marketplace.services import engine_index

    engine_index.clear_index_cache()
    try:
        with start_worker(app, pool="solo", perform_ping_check=False, shutdown_timeout=30):
            yield app
    finally:
        app.conf.task_always_eager = True


# Tests that start processes of the product itself (a Celery worker, the serve stack) and
# share services with them: `make test` runs them first, in one process, in file order.
BROKER_MODULES = ("test_serve.py", "test_recompute.py")


@pytest.hookimpl(tryfirst=True)
def pytest_collection_modifyitems(config, items):
    """Mark the tests with a real worker or stack `broker`, for `pytest -m broker` and
    `pytest -n 2 -m "not broker"`; run in parallel anyway, they share one process."""
    for item in items:
        uses_broker = "worker" in getattr(item, "fixturenames", ())
        if (
            uses_broker
            or item.get_closest_marker("celery_worker")
            or item.path.name in BROKER_MODULES
        ):
            item.add_marker(pytest.mark.broker)
            item.add_marker(pytest.mark.xdist_group("broker"))
