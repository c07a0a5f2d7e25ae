"""The permission layer stays the one place: every rule is asked, no template decides by role or
state, and the rules that moved here from views and services answer as before."""

import datetime
import re
from pathlib import Path

import pytest
from django.conf import settings
from django.http import Http404

from marketplace.context_processors import nav_flags
from marketplace.models import MatchStatus, Role
from marketplace.permissions import (
    PERMISSIONS,
    can,
    get_action_for_user,
    get_opening_for_user,
    get_student_for_user,
    openings_visible_to,
)
from tests import factories as f

ROOT = Path(settings.BASE_DIR)
CODE = (
    "marketplace",
    "employers",
    "events",
    "toolkit",
    "mediation",
    "matching",
    "config",
    "backoffice",
)


def _source_outside_the_permission_layer() -> str:
    files = [p for app in CODE for p in (ROOT / app).rglob("*.py") if "migrations" not in p.parts]
    files = [p for p in files if p.name != "permissions.py"]
    assert len(files) > 20
    return "\n".join(p.read_text() for p in files)


def test_every_rule_is_asked_somewhere():
    source = _source_outside_the_permission_layer()
    rules = sorted(PERMISSIONS)
    assert len(rules) > 20
    assert [r for r in rules if f'"{r}"' not in source] == []


# Comparing a role, a staff flag, a state or a response in a template decides who may do what;
# the view hands the template a `may_*` (or `nav`) flag instead.
DECIDES_IN_TEMPLATE = re.compile(
    r"user\.role|\.role\s*[!=]=|is_superuser|is_staff"
    r"|(?<![\w])status\s*[!=]=|\.status\s*[!=]=|_response\s*[!=]="
)


def test_no_template_compares_roles_or_states():
    templates = list((ROOT / "frontend_templates").rglob("*.html"))
    assert len(templates) > 30
    found = [
        f"{path.relative_to(ROOT)}:{number}"
        for path in templates
        for number, line in enumerate(path.read_text().splitlines(), 1)
        if DECIDES_IN_TEMPLATE.search(line)
    ]
    assert found == []


def test_the_template_check_catches_a_role_comparison():
    assert DECIDES_IN_TEMPLATE.search('{% if user.role == "jobhunter" %}')
    assert DECIDES_IN_TEMPLATE.search('{% if match.status != "afgewezen" %}')
    assert DECIDES_IN_TEMPLATE.search('{% if status == "open" %}')
    assert not DECIDES_IN_TEMPLATE.search("{% if entry.from_status != entry.to_status %}")


# --- the navigation ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("role", "shown"),
    [
        (Role.STUDENT, {"student"}),
        (Role.OUDER, {"parent"}),
        (Role.JOBHUNTER, {"caseload", "board"}),
        (Role.JPO, {"caseload", "board"}),
        (Role.SCHOOL, {"caseload", "api_tokens"}),
        (Role.ACCOUNTMANAGER, {"escalations"}),
        (Role.COORDINATOR, {"escalations"}),
        (Role.WERKCOACH, {"overgangsdokumenten"}),
    ],
)
def test_each_role_gets_its_own_menu_items(db, role, shown):
    user = f.UserFactory(role=role)
    assert {flag for flag, on in nav_flags(user).items() if on} == shown


def test_an_employer_member_gets_the_employer_menu_but_a_werkgever_without_employer_not(db):
    member = f.UserFactory(role=Role.WERKGEVER, employer=f.EmployerFactory())
    loose = f.UserFactory(role=Role.WERKGEVER)
    assert nav_flags(member)["employer"] is True
    assert nav_flags(member)["api_tokens"] is True
    assert nav_flags(loose)["employer"] is False


def test_only_staff_see_the_admin_link_on_the_home_page(client, db):
    staff = f.UserFactory(role=Role.JOBHUNTER, is_staff=True)
    plain = f.UserFactory(role=Role.JOBHUNTER)
    client.force_login(staff)
    assert 'href="/admin/"' in client.get("/").content.decode()
    client.force_login(plain)
    assert 'href="/admin/"' not in client.get("/").content.decode()


def test_the_header_shows_the_board_to_a_jobhunter_and_not_to_school_staff(client, world):
    client.force_login(world.own.people["jobhunter"])
    assert "Matchbord" in client.get("/werk/").content.decode()
    client.force_login(world.own.people["school"])
    assert "Matchbord" not in client.get("/werk/").content.decode()


# --- rules that moved here from views and services ---------------------------------------------


def test_a_student_may_open_a_closed_place_they_have_a_match_with(world):
    sanne = world.own.people["student"]
    opening = world.own.objects["opening"]
    opening.status = "closed"
    opening.save(update_fields=["status"])
    assert get_opening_for_user(sanne, opening.pk) == opening
    other = world.other.people["student"]
    assert opening not in openings_visible_to(other)
    with pytest.raises(Http404):
        get_opening_for_user(other, opening.pk)


def test_a_visible_student_answers_403_and_a_foreign_one_404_when_the_action_is_not_allowed(
    world,
):
    from django.core.exceptions import PermissionDenied

    jpo = world.own.people["jpo"]
    with pytest.raises(PermissionDenied):
        get_student_for_user(jpo, world.own.objects["student"].pk, may="escalate_student")
    with pytest.raises(Http404):
        get_student_for_user(jpo, world.other.objects["student"].pk, may="escalate_student")


def test_only_the_jobhunter_and_school_handle_the_transition(world):
    student = world.own.objects["student"]
    assert can(world.own.people["jobhunter"], "handle_transition", student)
    assert can(world.own.people["school"], "handle_transition", student)
    assert not can(world.own.people["jpo"], "handle_transition", student)
    assert not can(world.other.people["jobhunter"], "handle_transition", student)


def test_a_task_of_someone_elses_student_is_not_found(world):
    action = world.own.objects["action"]
    assert get_action_for_user(world.own.people["jpo"], action.pk) == action
    with pytest.raises(Http404):
        get_action_for_user(world.other.people["jobhunter"], action.pk)


def test_the_check_in_holder_records_it_until_it_is_done(world):
    checkin = world.own.objects["checkin"]
    jpo = world.own.people["jpo"]
    assert can(jpo, "fill_in_checkin", checkin)
    checkin.done_at = datetime.datetime.now(datetime.UTC)
    assert can(jpo, "record_checkin", checkin)
    assert not can(jpo, "fill_in_checkin", checkin)
    assert not can(world.own.people["accountmanager"], "record_checkin", checkin)


def test_the_student_may_decline_a_running_match_but_not_a_started_one(world):
    sanne = world.own.people["student"]
    match = world.own.objects["match"]
    assert can(sanne, "decline_opening", match.opening)
    match.status = MatchStatus.GESTART
    match.save(update_fields=["status"])
    assert not can(sanne, "decline_opening", match.opening)
    assert not can(world.own.people["parent"], "decline_opening", match.opening)


def test_the_student_may_say_yes_only_to_an_open_place_not_yet_answered(world):
    sanne = world.own.people["student"]
    match = world.own.objects["match"]
    assert can(sanne, "show_interest", match.opening)
    match.student_response = "ja"
    match.save(update_fields=["student_response"])
    assert not can(sanne, "show_interest", match.opening)
    spare = world.own.objects["spare_opening"]
    spare.status = "paused"
    spare.save(update_fields=["status"])
    assert not can(sanne, "show_interest", spare)
