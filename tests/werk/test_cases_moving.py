"""Cases keep moving: reminders when a side does not answer, the escalation's second rung, the
automatic start on the placement's first working day and the aftercare of PrO/VSO leavers.
Each rule at its boundary in simulated time, and each run twice."""

import datetime

import pytest
from django.contrib.auth.models import Group
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from marketplace.models import (
    ActionItem,
    AftercareContact,
    Escalation,
    Match,
    Notification,
    Role,
    TimelineEntry,
)
from marketplace.services.matches import match_move, match_propose, match_student_interest
from mediation.services.aftercare import aftercare_contact_record, aftercare_plan
from mediation.services.escalations import SBB_GROUP, escalation_second_rung
from mediation.services.reminders import answer_reminders
from mediation.services.starts import placements_started
from mediation.services.workdays import working_days_after
from tests import factories as f

pytestmark = pytest.mark.django_db

THU = datetime.date(2027, 1, 7)  # a Thursday; the weekend of 9-10 January follows


def _at(day: datetime.date, hour: int = 9) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(hour)))


def _entered_on(match: Match, day: datetime.date) -> Match:
    """Pretend every step of the match so far happened on `day`."""
    TimelineEntry.objects.filter(match=match).update(at=_at(day))
    Match.objects.filter(pk=match.pk).update(created_at=_at(day))
    return match


def _notes(user, part: str) -> int:
    return Notification.objects.filter(user=user, key__contains=part).count()


@pytest.fixture
def proposal(jobhunter, student_profile, opening, employer_member):
    return _entered_on(
        match_propose(proposer=jobhunter, student=student_profile, opening=opening), THU
    )


# --- working days ------------------------------------------------------------------------------


def test_working_days_skip_the_weekend_and_easter_monday():
    assert working_days_after(THU, 5) == datetime.date(2027, 1, 14)
    assert working_days_after(datetime.date(2027, 1, 9), 1) == datetime.date(2027, 1, 11)
    assert working_days_after(datetime.date(2027, 3, 25), 3) == datetime.date(2027, 3, 31)


# --- reminders ---------------------------------------------------------------------------------


def test_an_employer_is_reminded_after_n_working_days_and_not_one_day_before(
    proposal, employer_member
):
    assert proposal.student.school.region.answer_reminder_days == 5
    answer_reminders(today=datetime.date(2027, 1, 13))  # 4 working days (a weekend between)
    assert _notes(employer_member, "answer-reminder") == 0
    answer_reminders(today=datetime.date(2027, 1, 14))  # 5 working days
    assert _notes(employer_member, "answer-reminder:voorgesteld:werkgever") == 1


def test_the_weekend_does_not_count_towards_the_regions_n(
    jobhunter, student_profile, opening, employer_member
):
    region = student_profile.school.region
    region.answer_reminder_days = 2
    region.save()
    match = match_propose(proposer=jobhunter, student=student_profile, opening=opening)
    _entered_on(match, datetime.date(2027, 1, 8))  # a Friday
    answer_reminders(today=datetime.date(2027, 1, 10))  # Sunday: two days, no working day
    answer_reminders(today=datetime.date(2027, 1, 11))  # Monday: one working day
    assert _notes(employer_member, "answer-reminder") == 0
    answer_reminders(today=datetime.date(2027, 1, 12))
    assert _notes(employer_member, "answer-reminder") == 1


def test_reminders_run_twice_go_out_once_each(proposal, employer_member, student_profile):
    day = datetime.date(2027, 1, 14)
    first = answer_reminders(today=day)
    notes = Notification.objects.count()
    second = answer_reminders(today=day)
    assert (first.reminders, second.reminders) == (2, 0)  # the employer and the student
    assert Notification.objects.count() == notes
    assert _notes(student_profile.user, "answer-reminder:voorgesteld:student") == 1


def test_the_jobhunter_is_told_once_after_another_n_working_days(proposal, jobhunter):
    answer_reminders(today=datetime.date(2027, 1, 14))
    answer_reminders(today=datetime.date(2027, 1, 20))  # 9 working days
    assert _notes(jobhunter, "answer-late") == 0
    answer_reminders(today=datetime.date(2027, 1, 21))  # 10 working days
    answer_reminders(today=datetime.date(2027, 1, 22))
    assert _notes(jobhunter, "answer-late:voorgesteld:werkgever") == 1
    assert _notes(jobhunter, "answer-late:voorgesteld:student") == 1


def test_a_student_who_said_yes_is_not_reminded_but_the_employer_is(
    proposal, student_profile, opening, employer_member
):
    match = match_student_interest(
        student_user=student_profile.user, student=student_profile, opening=opening
    )
    _entered_on(match, THU)
    answer_reminders(today=datetime.date(2027, 1, 14))
    assert _notes(student_profile.user, "answer-reminder") == 0
    assert _notes(employer_member, "answer-reminder:interesse_student:werkgever") == 1


def test_the_clock_starts_when_the_match_entered_its_step(
    proposal, student_profile, opening, employer_member
):
    match = match_student_interest(
        student_user=student_profile.user, student=student_profile, opening=opening
    )
    TimelineEntry.objects.filter(match=match, to_status="interesse_student").update(
        at=_at(datetime.date(2027, 1, 12))
    )
    answer_reminders(today=datetime.date(2027, 1, 14))  # 7 days after the proposal, 2 after
    assert _notes(employer_member, "answer-reminder") == 0


def _offer(jobhunter, match: Match) -> Match:
    for to, extra in (
        ("interesse_student", {}),
        ("interesse_werkgever", {}),
        ("kennismaking", {"meeting_at": timezone.now() + datetime.timedelta(days=2)}),
        ("aanbod", {}),
    ):
        match = match_move(
            actor=jobhunter, match=match, to_status=to, expected_version=match.version, **extra
        )
    return match


def test_a_student_with_an_offer_is_reminded_once(proposal, jobhunter, employer_member):
    match = _entered_on(_offer(jobhunter, proposal), THU)
    answer_reminders(today=datetime.date(2027, 1, 13))
    assert _notes(match.student.user, "answer-reminder") == 0
    answer_reminders(today=datetime.date(2027, 1, 14))
    answer_reminders(today=datetime.date(2027, 1, 14))
    assert _notes(match.student.user, "answer-reminder:aanbod:student") == 1
    assert _notes(employer_member, "answer-reminder") == 0


# --- the second rung ---------------------------------------------------------------------------

NOW = _at(datetime.date(2027, 1, 14), 10)


def _case(student, opened_at, **kw) -> Escalation:
    return f.EscalationFactory(student=student, opened_at=opened_at, **kw)


def test_a_case_without_response_goes_to_the_coordinator_after_the_response_time(
    student_profile, coordinator, accountmanager
):
    case = _case(student_profile, NOW - datetime.timedelta(days=2, seconds=-60))
    assert escalation_second_rung(now=NOW) == []
    Escalation.objects.filter(pk=case.pk).update(opened_at=NOW - datetime.timedelta(days=2))
    assert escalation_second_rung(now=NOW) == [case]
    case.refresh_from_db()
    assert (case.second_rung_at, case.second_rung_to) == (NOW, coordinator)
    assert _notes(coordinator, f"escalation:{case.pk}:second-rung") == 1


def test_the_second_rung_run_twice_tells_the_coordinator_once(student_profile, coordinator):
    case = _case(student_profile, NOW - datetime.timedelta(days=3))
    escalation_second_rung(now=NOW)
    assert escalation_second_rung(now=NOW + datetime.timedelta(days=1)) == []
    case.refresh_from_db()
    assert case.second_rung_at == NOW
    assert Notification.objects.filter(user=coordinator).count() == 1


def test_a_case_that_got_a_response_does_not_go_up(student_profile, coordinator):
    _case(
        student_profile,
        NOW - datetime.timedelta(days=5),
        status="in_behandeling",
        first_response_at=NOW - datetime.timedelta(days=4),
    )
    assert escalation_second_rung(now=NOW) == []


def test_a_recognition_question_goes_to_the_sbb_adviser(
    student_profile, coordinator, accountmanager, region
):
    adviser = f.UserFactory(role=Role.ACCOUNTMANAGER, region=region)
    adviser.groups.add(Group.objects.create(name=SBB_GROUP))
    case = _case(student_profile, NOW - datetime.timedelta(days=3), reason="erkenning")
    escalation_second_rung(now=NOW)
    case.refresh_from_db()
    assert case.second_rung_to == adviser
    assert _notes(adviser, "second-rung") == 1 and _notes(coordinator, "second-rung") == 0


def test_a_recognition_question_without_an_sbb_adviser_goes_to_the_coordinator(
    student_profile, coordinator
):
    case = _case(student_profile, NOW - datetime.timedelta(days=3), reason="erkenning")
    escalation_second_rung(now=NOW)
    case.refresh_from_db()
    assert case.second_rung_to == coordinator


def test_the_coordinator_sees_the_case_in_the_queue_and_takes_it(
    client, student_profile, coordinator
):
    case = _case(student_profile, NOW - datetime.timedelta(days=3))
    escalation_second_rung(now=NOW)
    client.force_login(coordinator)
    page = client.get(reverse("werk:escalations")).content.decode()
    assert student_profile.user.get_full_name() in page and "Tweede trede" in page
    case.refresh_from_db()
    response = client.post(
        reverse("werk:escalation-take", args=[case.pk]), {"version": case.version}
    )
    assert response.status_code == 302
    case.refresh_from_db()
    assert case.status == "in_behandeling" and case.assigned_to == coordinator


def test_the_queue_puts_cases_gone_up_first_and_marks_late_ones(
    client, student_profile, other_student_profile, coordinator
):
    from mediation.selectors import escalation_queue

    older = _case(other_student_profile, timezone.now() - datetime.timedelta(days=5))
    up = _case(student_profile, timezone.now() - datetime.timedelta(days=3))
    Escalation.objects.filter(pk=up.pk).update(
        second_rung_at=timezone.now(), second_rung_to=coordinator
    )
    assert escalation_queue(coordinator) == [up, older]
    fresh = _case(f.StudentProfileFactory(school=student_profile.school), timezone.now())
    client.force_login(coordinator)
    page = client.get(reverse("werk:escalations")).content.decode()
    assert page.count('class="late"') == 2 and fresh.student.user.get_full_name() in page


def test_the_coordinator_may_not_take_a_case_still_on_the_first_rung(
    client, student_profile, coordinator
):
    case = _case(student_profile, timezone.now())
    client.force_login(coordinator)
    response = client.post(
        reverse("werk:escalation-take", args=[case.pk]), {"version": case.version}
    )
    assert response.status_code == 403


def test_a_jobhunter_marks_an_escalation_as_a_recognition_question(
    client, jobhunter, student_profile
):
    client.force_login(jobhunter)
    explanation = "De werkgever is nog niet erkend voor deze opleiding."
    client.post(
        reverse("werk:escalate", args=[student_profile.pk]),
        {"explanation": explanation, "about_recognition": "on"},
    )
    assert Escalation.objects.get(student=student_profile).reason == "erkenning"


# --- gestart on the first working day ----------------------------------------------------------


def _placed(jobhunter, match: Match, start: datetime.date) -> Match:
    match = _offer(jobhunter, match)
    return match_move(
        actor=jobhunter,
        match=match,
        to_status="geplaatst",
        expected_version=match.version,
        start_date=start,
    )


def test_a_placed_match_starts_by_itself_on_its_first_day_once(proposal, jobhunter):
    match = _placed(jobhunter, proposal, datetime.date(2027, 2, 1))
    assert placements_started(today=datetime.date(2027, 1, 29)) == []
    assert placements_started(today=datetime.date(2027, 2, 1)) == [match]
    assert placements_started(today=datetime.date(2027, 2, 2)) == []
    match.refresh_from_db()
    assert match.status == "gestart"
    [entry] = match.timeline.filter(to_status="gestart")
    assert entry.actor is None and entry.kind == "auto" and "Automatisch" in entry.note


def test_a_placement_starting_on_a_saturday_starts_on_monday(proposal, jobhunter):
    _placed(jobhunter, proposal, datetime.date(2027, 2, 6))
    assert placements_started(today=datetime.date(2027, 2, 6)) == []
    assert placements_started(today=datetime.date(2027, 2, 7)) == []
    assert len(placements_started(today=datetime.date(2027, 2, 8))) == 1


def test_a_withdrawn_match_is_left_alone(proposal, jobhunter):
    match = _placed(jobhunter, proposal, datetime.date(2027, 2, 1))
    match_move(
        actor=jobhunter,
        match=match,
        to_status="ingetrokken",
        expected_version=match.version,
        reason="De jongere is verhuisd.",
    )
    assert placements_started(today=datetime.date(2027, 2, 3)) == []
    match.refresh_from_db()
    assert match.status == "ingetrokken"


def test_only_the_system_may_start_a_match_without_an_actor(proposal):
    from django.core.exceptions import PermissionDenied

    with pytest.raises(PermissionDenied):
        match_move(
            actor=None, match=proposal, to_status="afgewezen", expected_version=proposal.version
        )


# --- aftercare (nazorg) ------------------------------------------------------------------------

LEFT = datetime.date(2027, 1, 15)


@pytest.fixture
def pro_leaver(school, jobhunter):
    return f.StudentProfileFactory(
        school=school, education_type="pro", level=0, leerweg="", qualification=None,
        jobhunter=jobhunter, expected_diploma_date=LEFT,
    )  # fmt: skip


def _left_a_while_ago(student) -> datetime.date:
    """Recording a contact needs a leaving day in the past (contacts are dated up to today)."""
    left = timezone.localdate() - datetime.timedelta(days=40)
    student.expected_diploma_date = left
    student.save(update_fields=["expected_diploma_date"])
    return left


def _aftercare(student) -> list[datetime.date]:
    return list(
        ActionItem.objects.filter(student=student, kind="nazorg").values_list("due_date", flat=True)
    )


def test_a_pro_leaver_gets_the_first_contact_moment_planned_once(pro_leaver, jobhunter):
    assert aftercare_plan(today=LEFT) == 1
    assert aftercare_plan(today=LEFT) == 0
    [task] = ActionItem.objects.filter(student=pro_leaver, kind="nazorg")
    assert task.due_date == datetime.date(2027, 2, 15) and task.assigned_to == jobhunter
    assert "1 maand" in task.title


def test_aftercare_is_planned_a_month_ahead_and_lasts_two_years(pro_leaver):
    aftercare_plan(today=datetime.date(2027, 1, 14))  # still at school
    assert _aftercare(pro_leaver) == []
    aftercare_plan(today=datetime.date(2027, 6, 15))  # the 6-month moment is due 15 July
    assert _aftercare(pro_leaver) == [datetime.date(2027, 7, 15)]
    aftercare_plan(today=datetime.date(2029, 1, 1))
    assert datetime.date(2029, 1, 15) in _aftercare(pro_leaver)
    aftercare_plan(today=datetime.date(2029, 3, 1))  # after two years: nothing new
    assert len(_aftercare(pro_leaver)) == 2


def test_a_vso_leaver_gets_aftercare_and_an_mbo_leaver_does_not(school, pro_leaver, jobhunter):
    vso = f.StudentProfileFactory(
        school=school, education_type="vso", level=0, leerweg="", qualification=None,
        expected_diploma_date=LEFT, jobhunter=jobhunter,
    )  # fmt: skip
    mbo = f.StudentProfileFactory(school=school, expected_diploma_date=LEFT)
    assert aftercare_plan(today=LEFT) == 2
    assert len(_aftercare(vso)) == 1 and _aftercare(mbo) == []


def test_the_aftercare_task_shows_in_the_caseload(client, pro_leaver, jobhunter):
    aftercare_plan(today=LEFT)
    client.force_login(jobhunter)
    page = client.get(reverse("werk:caseload")).content.decode()
    assert "Nazorg: contact 1 maand na school" in page


def test_the_jobhunter_records_a_contact_moment_on_the_record_page(client, pro_leaver, jobhunter):
    aftercare_plan(today=_left_a_while_ago(pro_leaver))
    task = ActionItem.objects.get(student=pro_leaver, kind="nazorg")
    client.force_login(jobhunter)
    url = reverse("werk:student", args=[pro_leaver.pk])
    assert "Contactmoment nazorg vastleggen" in client.get(url).content.decode()
    yesterday = timezone.localdate() - datetime.timedelta(days=1)
    response = client.post(
        reverse("werk:aftercare-record", args=[pro_leaver.pk]),
        {"moment": task.pk, "contacted_on": f"{yesterday:%d-%m-%Y}", "situation": "werk"},
    )
    assert response.status_code == 302
    contact = AftercareContact.objects.get(action=task)
    assert (contact.situation, contact.contacted_on) == ("werk", yesterday)
    task.refresh_from_db()
    assert task.done_at is not None
    assert "Heeft werk" in client.get(url).content.decode()


def test_a_contact_moment_without_how_it_goes_keeps_what_was_typed(client, pro_leaver, jobhunter):
    aftercare_plan(today=LEFT)
    task = ActionItem.objects.get(student=pro_leaver, kind="nazorg")
    client.force_login(jobhunter)
    response = client.post(
        reverse("werk:aftercare-record", args=[pro_leaver.pk]),
        {"moment": task.pk, "contacted_on": "1-9-2026", "note": "Nog even bellen"},
    )
    page = response.content.decode()
    assert response.status_code == 400
    assert "Kies hoe het nu gaat" in page and "Nog even bellen" in page
    assert not AftercareContact.objects.exists()


def test_a_contact_moment_is_recorded_once(pro_leaver, jobhunter):
    from django.core.exceptions import ValidationError

    aftercare_plan(today=_left_a_while_ago(pro_leaver))
    task = ActionItem.objects.get(student=pro_leaver, kind="nazorg")
    kw = {"actor": jobhunter, "action": task, "situation": "niets"}
    aftercare_contact_record(contacted_on=timezone.localdate(), **kw)
    with pytest.raises(ValidationError, match="al vastgelegd"):
        aftercare_contact_record(contacted_on=timezone.localdate(), **kw)
    assert AftercareContact.objects.count() == 1


def test_a_contact_date_in_the_future_is_refused(pro_leaver, jobhunter):
    from django.core.exceptions import ValidationError

    aftercare_plan(today=LEFT)
    task = ActionItem.objects.get(student=pro_leaver, kind="nazorg")
    with pytest.raises(ValidationError, match="toekomst"):
        aftercare_contact_record(
            actor=jobhunter,
            action=task,
            contacted_on=timezone.localdate() + datetime.timedelta(days=1),
            situation="werk",
        )


# --- the beat schedule and the command ---------------------------------------------------------


def test_every_new_task_is_scheduled_and_runs_from_the_periodic_command(capsys):
    from django.conf import settings

    scheduled = {entry["task"] for entry in settings.CELERY_BEAT_SCHEDULE.values()}
    names = ("answer_reminders", "escalation_second_rung", "placements_started", "aftercare_plan")
    assert {f"mediation.tasks.{name}" for name in names} <= scheduled
    for name in names:
        call_command("periodic", name)
    assert capsys.readouterr().out.count(": 0") == 4
