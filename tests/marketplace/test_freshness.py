"""Fresh rankings: a change is reflected by the next ranking, in this process and in another one.

The changes go through the admin (a superuser's POST to the change form) and through the
services; the second process is a real Python process on the same PostgreSQL test database,
started before the change. Both directions (places for a student, candidates for a place) agree.
"""

import datetime
import json
import os
import pathlib
import subprocess
import sys
from urllib.parse import quote

import pytest
from django.db import connection, transaction
from django.urls import reverse
from django.utils import timezone

from employers.models import EmployerLocation, Opening, Recognition
from employers.services import employer_location_add, opening_save
from marketplace.models import RankingLog, StudentProfile
from marketplace.services import engine_index
from marketplace.services.profiles import student_profile_update
from marketplace.services.ranking import ranked_candidates_for_opening, ranked_openings_for_student
from marketplace.services.ranking_changes import ranking_inputs_changed
from marketplace.services.weights import weights_set
from matching.engine import DEFAULT_WEIGHTS
from matching.models import Competency, Place, RankingChange
from tests import factories as f

ROOT = pathlib.Path(__file__).resolve().parents[2]
KM = 1 / 111.2  # degrees of latitude per km


def _place(name: str, km_north: float) -> Place:
    return Place.objects.create(name=name, latitude=53.2194 + km_north * KM, longitude=6.5665)


def openings_for(student: StudentProfile) -> dict[int, tuple[float, float]]:
    student = StudentProfile.objects.select_related("school").get(pk=student.pk)
    ranked = ranked_openings_for_student(viewer=None, student=student, limit=50)
    return {r.opening.pk: (r.score, r.distance_km) for r in ranked}


def candidates_for(opening: Opening) -> dict[int, tuple[float, float]]:
    opening = Opening.objects.select_related("employer").get(pk=opening.pk)
    ranked = ranked_candidates_for_opening(viewer=None, opening=opening, limit=50)
    return {c.student.pk: (c.score, c.distance_km) for c in ranked if c.scored}


@pytest.fixture
def world(student_profile, opening, employer, employer_member, superuser):
    """A student 0 km from a BPV-plek they fit (radius 20 km), and places 8 and 21 km away."""
    skill = Competency.objects.create(name="Orderpicken")
    opening.required_competencies.add(skill)
    student_profile.competencies.add(skill)
    return {
        "student": student_profile,
        "opening": opening,
        "employer": employer,
        "member": employer_member,
        "superuser": superuser,
        "skill": skill,
        "near": _place("Dichtbij", 8),
        "far": _place("Ver weg", 21),
        "recognition": employer.recognitions.get(),
        "location": opening.location,
    }


@pytest.fixture
def committed(world, django_capture_on_commit_callbacks):
    """Commit the set-up (its change rows are written), then run blocks as committed."""
    with django_capture_on_commit_callbacks(execute=True):
        ranking_inputs_changed(kind="all")

    def run():
        return django_capture_on_commit_callbacks(execute=True)

    return run


def _admin_post(client, user, name: str, pk: int, data: dict):
    client.force_login(user)
    response = client.post(reverse(f"admin:{name}_change", args=[pk]), data)
    assert response.status_code == 302, response.content.decode()[:2000]


def _end_recognition_in_admin(client, w) -> None:
    rec = w["recognition"]
    data = {
        "employer": rec.employer_id,
        "qualification": rec.qualification_id,
        "valid_from": rec.valid_from.isoformat(),
        "valid_to": "2027-01-31",  # the day before the opening starts
    }
    _admin_post(client, w["superuser"], "employers_recognition", rec.pk, data)


def _move_location_in_admin(client, w, place: Place) -> None:
    loc = w["location"]
    data = {"employer": loc.employer_id, "name": loc.name, "address": "", "place": place.pk}
    _admin_post(client, w["superuser"], "employers_employerlocation", loc.pk, data)


def _move_opening_through_the_service(w, place: Place) -> None:
    location = employer_location_add(
        user=w["member"], employer=w["employer"], name="Noord", address="", place=place
    )
    opening_save(
        user=w["member"],
        employer=w["employer"],
        opening=w["opening"],
        data={"location": location, "required_competencies": [w["skill"]]},
    )


# --- in the process that made the change -------------------------------------------------


def test_a_recognition_ended_in_the_admin_leaves_the_next_ranking(world, committed, client):
    student, opening = world["student"], world["opening"]
    assert opening.pk in openings_for(student)
    with committed():
        _end_recognition_in_admin(client, world)
    assert opening.pk not in openings_for(student)
    assert student.pk not in candidates_for(opening)


def test_a_location_moved_21_km_in_the_admin_leaves_the_next_ranking(world, committed, client):
    student, opening = world["student"], world["opening"]
    assert openings_for(student)[opening.pk][1] == 0
    with committed():
        _move_location_in_admin(client, world, world["far"])
    assert opening.pk not in openings_for(student)
    assert student.pk not in candidates_for(opening)


def test_an_opening_moved_through_the_service_leaves_the_next_ranking(world, committed):
    student, opening = world["student"], world["opening"]
    assert opening.pk in openings_for(student)
    with committed():
        _move_opening_through_the_service(world, world["far"])
    assert opening.pk not in openings_for(student)
    assert student.pk not in candidates_for(opening)


def test_a_recognition_changed_with_update_is_seen_once_the_change_is_noted(world, committed):
    student, opening = world["student"], world["opening"]
    assert opening.pk in openings_for(student)
    with committed():
        Recognition.objects.filter(employer=world["employer"]).update(
            valid_to=datetime.date(2027, 1, 31)
        )
    assert opening.pk in openings_for(student), "an update() alone sends no signal"
    with committed():
        ranking_inputs_changed(kind="employer", ids=[world["employer"].pk])
    assert opening.pk not in openings_for(student)


def test_a_student_profile_edit_changes_both_directions(world, committed):
    student, opening = world["student"], world["opening"]
    assert opening.pk in openings_for(student) and student.pk in candidates_for(opening)
    with committed():
        student_profile_update(
            user=student.user, profile=student, data={"home_place": world["far"]}
        )
    assert opening.pk not in openings_for(student)
    assert student.pk not in candidates_for(opening)


def test_after_a_move_both_directions_give_the_same_score_and_distance(world, committed, client):
    student, opening = world["student"], world["opening"]
    candidates_for(opening)  # both indexes built before the change
    with committed():
        _move_location_in_admin(client, world, world["near"])
    score, km = openings_for(student)[opening.pk]
    assert km == pytest.approx(8, abs=0.2)
    assert candidates_for(opening)[student.pk] == (score, km)


def test_a_change_updates_the_changed_rows_instead_of_rebuilding(world, committed, client):
    before = engine_index.opening_index()
    with committed():
        _move_location_in_admin(client, world, world["near"])
    after = engine_index.opening_index()
    assert after.base.text is before.base.text  # the same large index, not a new one
    assert after.delta_n == 1
    assert after.record(world["opening"].pk).lat == pytest.approx(world["near"].latitude)


def test_a_weights_change_reaches_the_next_ranking(world, committed):
    student = world["student"]
    openings_for(student)
    values = {**DEFAULT_WEIGHTS.values, "distance": 40.0}
    with committed():
        weights_set(region=student.school.region, version="meer-afstand", values=values)
    openings_for(student)
    assert RankingLog.objects.latest("pk").weights_version == "meer-afstand"


def test_the_thread_that_made_a_change_sees_it_before_the_commit(world, committed):
    student, opening = world["student"], world["opening"]
    assert opening.pk in openings_for(student)
    location = world["location"]
    location.place = world["far"]
    location.save()  # not committed: the test's transaction is still open
    assert opening.pk not in openings_for(student)


def test_a_place_corrected_in_the_admin_moves_its_openings(world, committed, client):
    student, opening = world["student"], world["opening"]
    assert opening.pk in openings_for(student)
    place = world["location"].place
    data = {"name": place.name, "province": "", "latitude": place.latitude + 21 * KM}
    data["longitude"] = place.longitude
    with committed():
        _admin_post(client, world["superuser"], "matching_place", place.pk, data)
    assert opening.pk not in openings_for(student)


def test_a_change_row_committed_after_a_newer_one_is_still_applied(world, committed):
    """Ids are taken at INSERT and seen at COMMIT: on PostgreSQL a row can appear late."""
    student, opening, location = world["student"], world["opening"], world["location"]
    assert opening.pk in openings_for(student)
    newest = RankingChange.objects.latest("pk").pk
    RankingChange.objects.create(id=newest + 2, kind="student", object_id=student.pk)
    openings_for(student)  # sees newest + 2; newest + 1 is missing for now
    EmployerLocation.objects.filter(pk=location.pk).update(place=world["far"])
    RankingChange.objects.create(id=newest + 1, kind="opening", object_id=opening.pk)
    assert opening.pk not in openings_for(student)


def test_old_change_rows_are_pruned_as_new_ones_are_written(committed):
    long_ago = timezone.now() - datetime.timedelta(hours=2)
    RankingChange.objects.bulk_create(
        RankingChange(kind="student", object_id=i, at=long_ago) for i in range(6000)
    )
    newest = RankingChange.objects.latest("pk").pk
    with committed():
        ranking_inputs_changed(kind="opening", ids=range(600))  # crosses a multiple of 500
    assert RankingChange.objects.filter(at=long_ago).count() < 6000
    assert RankingChange.objects.filter(pk__gt=newest).count() == 600  # the new ones stay


@pytest.mark.django_db(transaction=True)
def test_a_rolled_back_change_never_reaches_the_shared_index(world):
    student, opening, location = world["student"], world["opening"], world["location"]
    assert opening.pk in openings_for(student)
    with pytest.raises(RuntimeError), transaction.atomic():
        location.place = world["far"]
        location.save()
        assert opening.pk not in openings_for(student)
        raise RuntimeError("rolled back")
    assert opening.pk in openings_for(student)


# --- in a second process -----------------------------------------------------------------

WORKER = """
import json, sys
import django
django.setup()
from employers.models import Opening
from marketplace.models import StudentProfile
from marketplace.services.ranking import ranked_candidates_for_opening, ranked_openings_for_student
print("ready", flush=True)
for line in sys.stdin:
    ask = json.loads(line)
    if ask["rank"] == "openings":
        student = StudentProfile.objects.select_related("school").get(pk=ask["id"])
        ranked = ranked_openings_for_student(viewer=None, student=student, limit=50)
        got = [[r.opening.pk, r.score, r.distance_km] for r in ranked]
    else:
        opening = Opening.objects.select_related("employer").get(pk=ask["id"])
        ranked = ranked_candidates_for_opening(viewer=None, opening=opening, limit=50)
        got = [[c.student.pk, c.score, c.distance_km] for c in ranked if c.scored]
    print(json.dumps(got), flush=True)
"""


class SecondProcess:
    def __init__(self, process: subprocess.Popen):
        self.process = process

    def _ask(self, rank: str, pk: int) -> dict[int, tuple[float, float]]:
        self.process.stdin.write(json.dumps({"rank": rank, "id": pk}) + "\n")
        self.process.stdin.flush()
        line = self.process.stdout.readline()
        assert line, "the second process stopped (its error is in the captured stderr)"
        return {pk: (score, km) for pk, score, km in json.loads(line)}

    def openings_for(self, student) -> dict[int, tuple[float, float]]:
        return self._ask("openings", student.pk)

    def candidates_for(self, opening) -> dict[int, tuple[float, float]]:
        return self._ask("candidates", opening.pk)


def _database_url() -> str:
    s = connection.settings_dict
    auth = quote(s["USER"] or "") + (f":{quote(s['PASSWORD'])}" if s["PASSWORD"] else "")
    return f"postgres://{auth}@{s['HOST'] or '127.0.0.1'}:{s['PORT'] or 5432}/{s['NAME']}"


@pytest.fixture
def second_process(world):
    if connection.vendor != "postgresql":
        pytest.skip("a second process shares the test database only on PostgreSQL (CI)")
    env = {
        **os.environ,
        "DATABASE_URL": _database_url(),
        "DJANGO_SETTINGS_MODULE": "config.settings.test",
    }
    process = subprocess.Popen(  # noqa: S603 - our own interpreter and script
        [sys.executable, "-c", WORKER],
        cwd=ROOT,
        env=env,
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert process.stdout.readline().strip() == "ready"
        yield SecondProcess(process)
    finally:
        process.stdin.close()
        try:
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            process.kill()


pytestmark_pg = pytest.mark.django_db(transaction=True)


@pytestmark_pg
def test_a_recognition_ended_in_the_admin_reaches_a_second_process(world, second_process, client):
    student, opening = world["student"], world["opening"]
    assert opening.pk in second_process.openings_for(student)
    assert student.pk in second_process.candidates_for(opening)
    _end_recognition_in_admin(client, world)
    assert opening.pk not in second_process.openings_for(student)
    assert student.pk not in second_process.candidates_for(opening)


@pytestmark_pg
def test_a_location_moved_21_km_in_the_admin_reaches_a_second_process(
    world, second_process, client
):
    student, opening = world["student"], world["opening"]
    assert opening.pk in second_process.openings_for(student)
    _move_location_in_admin(client, world, world["far"])
    assert opening.pk not in second_process.openings_for(student)
    assert student.pk not in second_process.candidates_for(opening)


@pytestmark_pg
def test_an_opening_moved_through_the_service_reaches_a_second_process(world, second_process):
    student, opening = world["student"], world["opening"]
    assert opening.pk in second_process.openings_for(student)
    _move_opening_through_the_service(world, world["far"])
    assert opening.pk not in second_process.openings_for(student)


@pytestmark_pg
def test_a_recognition_noted_after_update_reaches_a_second_process(world, second_process):
    student, opening = world["student"], world["opening"]
    assert opening.pk in second_process.openings_for(student)
    with transaction.atomic():
        Recognition.objects.filter(employer=world["employer"]).update(
            valid_to=datetime.date(2027, 1, 31)
        )
        ranking_inputs_changed(kind="employer", ids=[world["employer"].pk])
    assert opening.pk not in second_process.openings_for(student)


@pytestmark_pg
def test_both_directions_agree_in_a_second_process_after_a_move(world, second_process, client):
    student, opening = world["student"], world["opening"]
    second_process.candidates_for(opening)  # both indexes built before the change
    second_process.openings_for(student)
    _move_location_in_admin(client, world, world["near"])
    score, km = second_process.openings_for(student)[opening.pk]
    assert km == pytest.approx(8, abs=0.2)
    assert second_process.candidates_for(opening)[student.pk] == pytest.approx((score, km))
    assert openings_for(student)[opening.pk] == pytest.approx((score, km))


@pytestmark_pg
def test_a_student_profile_edit_reaches_a_second_process(world, second_process):
    student, opening = world["student"], world["opening"]
    assert student.pk in second_process.candidates_for(opening)
    assert opening.pk in second_process.openings_for(student)
    student_profile_update(user=student.user, profile=student, data={"home_place": world["far"]})
    assert student.pk not in second_process.candidates_for(opening)
    assert opening.pk not in second_process.openings_for(student)


@pytestmark_pg
def test_a_weights_change_reaches_a_second_process(world, second_process):
    student = world["student"]
    second_process.openings_for(student)  # its weights are cached now
    values = {**DEFAULT_WEIGHTS.values, "distance": 40.0}
    weights_set(region=student.school.region, version="meer-afstand", values=values)
    second_process.openings_for(student)
    assert RankingLog.objects.latest("pk").weights_version == "meer-afstand"


@pytestmark_pg
def test_a_new_opening_reaches_a_second_process(world, second_process):
    student = world["student"]
    second_process.openings_for(student)
    new = f.OpeningFactory(location=world["location"])
    new.required_competencies.add(world["skill"])
    assert new.pk in second_process.openings_for(student)
