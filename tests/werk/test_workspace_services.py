"""The services behind the mediation workspace: escalation queue, check-ins and outcome, the
routekaart's transition, the overgangsdokument and the reminder tasks (each safe to run twice)."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from events.feeds import event_calendar
from events.models import MatchingEvent, Registration
from events.services import event_reminders
from marketplace.models import (
    ActionItem,
    CheckIn,
    ConsentRecord,
    Escalation,
    Match,
    Notification,
    Overgangsdokument,
    Placement,
    Role,
)
from marketplace.services.matches import (
    MatchConflict,
    match_move,
    match_next_action_set,
    match_propose,
)
from marketplace.services.profiles import student_consent_set
from mediation.services import escalations as esc
from mediation.services import transition
from mediation.services.placements import (
    checkin_record,
    checkin_reminders,
    placement_outcome_set,
)
from tests import factories as f

pytestmark = pytest.mark.django_db


def _placed(jobhunter, student_profile, opening) -> Placement:
    match = match_propose(proposer=jobhunter, student=student_profile, opening=opening)
    for to, extra in (
        ("interesse_student", {}),
        ("interesse_werkgever", {}),
        ("kennismaking", {"meeting_at": timezone.now() + datetime.timedelta(days=2)}),
        ("aanbod", {}),
        ("geplaatst", {"start_date": datetime.date(2027, 2, 1)}),
    ):
        match = match_move(
            actor=jobhunter, match=match, to_status=to, expected_version=match.version, **extra
        )
    return match.placement


# --- escalations -----------------------------------------------------------------------------


def test_a_jobhunter_escalates_by_hand_and_the_region_is_notified(
    jobhunter, student_profile, accountmanager, other_accountmanager
):
    with pytest.raises(ValidationError) as err:
        esc.escalation_open_manual(actor=jobhunter, student=student_profile, explanation="kort")
    assert "explanation" in err.value.message_dict
    case = esc.escalation_open_manual(
        actor=jobhunter,
        student=student_profile,
        explanation="Drie keer afgewezen, zoekt een werkgever met meer begeleiding.",
    )
    assert case.reason == Escalation.Reason.MANUAL and case.opened_by == jobhunter
    assert Notification.objects.filter(user=accountmanager).count() == 1
    assert not Notification.objects.filter(user=other_accountmanager).exists()
    with pytest.raises(ValidationError):  # one open manual case per student
        esc.escalation_open_manual(
            actor=jobhunter, student=student_profile, explanation="Nog een keer hetzelfde geval."
        )


def test_someone_elses_student_cannot_be_escalated(other_jobhunter, student_profile):
    with pytest.raises(PermissionDenied):
        esc.escalation_open_manual(
            actor=other_jobhunter, student=student_profile, explanation="Ik ken deze jongere niet."
        )


def test_the_queue_moves_open_in_behandeling_opgelost_and_stops_the_clock(
    accountmanager, student_profile
):
    opened = timezone.now() - datetime.timedelta(hours=30)
    case = f.EscalationFactory(student=student_profile, opened_at=opened)
    assert esc.response_time(case).total_seconds() >= 30 * 3600
    case = esc.escalation_take(actor=accountmanager, escalation=case, expected_version=1)
    assert case.status == "in_behandeling" and case.assigned_to == accountmanager
    assert case.first_response_at is not None and case.closed_at is None
    clock = esc.response_time(case)
    with pytest.raises(ValidationError):  # taking twice is not allowed
        esc.escalation_take(actor=accountmanager, escalation=case, expected_version=case.version)
    with pytest.raises(ValidationError) as err:
        esc.escalation_close(
            actor=accountmanager,
            escalation=case,
            expected_version=case.version,
            outcome="opgelost",
            resolution=" ",
        )
    assert "resolution" in err.value.message_dict
    case = esc.escalation_close(
        actor=accountmanager,
        escalation=case,
        expected_version=case.version,
        outcome="opgelost",
        resolution="Twee werkgevers gebeld, kennismaking gepland.",
    )
    assert case.status == "opgelost" and case.closed_at is not None
    assert esc.response_time(case) == clock  # the clock stopped at the first response
    assert Notification.objects.filter(
        user=student_profile.jobhunter, key=f"escalation:{case.pk}:opgelost"
    ).exists()


def test_a_stale_escalation_form_gets_a_conflict_and_changes_nothing(
    accountmanager, student_profile, region
):
    colleague = f.UserFactory(role=Role.ACCOUNTMANAGER, region=region)
    case = f.EscalationFactory(student=student_profile)
    esc.escalation_take(actor=colleague, escalation=case, expected_version=1)
    stale = Escalation.objects.get(pk=case.pk)
    stale.version = 1
    with pytest.raises(MatchConflict):
        esc.escalation_close(
            actor=accountmanager,
            escalation=stale,
            expected_version=1,
            outcome="teruggegeven",
            resolution="Terug naar de jobhunter.",
        )
    case.refresh_from_db()
    assert case.status == "in_behandeling" and case.assigned_to == colleague


def test_another_regions_accountmanager_cannot_handle_the_case(
    other_accountmanager, student_profile
):
    case = f.EscalationFactory(student=student_profile)
    with pytest.raises(PermissionDenied):
        esc.escalation_take(actor=other_accountmanager, escalation=case, expected_version=1)


# --- the match: next action ----------------------------------------------------------------


def test_the_next_action_goes_on_the_timeline_and_a_stale_one_conflicts(
    jobhunter, jpo, student_profile, opening
):
    match = match_propose(proposer=jobhunter, student=student_profile, opening=opening)
    due = timezone.localdate() + datetime.timedelta(days=3)
    match_next_action_set(
        actor=jobhunter,
        match=match,
        expected_version=match.version,
        next_action="Bellen met de werkgever",
        next_action_due=due,
        note="Werkgever was ziek.",
    )
    match.refresh_from_db()
    assert match.next_action == "Bellen met de werkgever" and match.next_action_due == due
    assert match.timeline.filter(kind="note", actor=jobhunter).exists()
    with pytest.raises(MatchConflict):
        match_next_action_set(
            actor=jpo,
            match=match,
            expected_version=match.version - 1,
            next_action="Iets anders",
            next_action_due=None,
        )
    with pytest.raises(ValidationError):  # a date in the past
        match_next_action_set(
            actor=jobhunter,
            match=match,
            expected_version=match.version,
            next_action="Mailen",
            next_action_due=timezone.localdate() - datetime.timedelta(days=10),
        )


# --- keeping the place ---------------------------------------------------------------------


def test_placement_plans_three_checkins_and_a_risk_opens_a_follow_up(
    jobhunter, jpo, student_profile, opening
):
    placement = _placed(jobhunter, student_profile, opening)
    checkins = list(placement.checkins.order_by("week"))
    assert [c.week for c in checkins] == [2, 6, 12]
    assert all(c.assigned_to == jpo for c in checkins)
    first = checkins[0]
    with pytest.raises(ValidationError) as err:
        checkin_record(
            actor=jpo, checkin=first, how_it_goes="slecht", notes="Te laat", risk_signal=True
        )
    assert "risk_notes" in err.value.message_dict
    assert not CheckIn.objects.get(pk=first.pk).done_at  # nothing half-saved
    checkin_record(
        actor=jpo,
        checkin=first,
        how_it_goes="slecht",
        notes="Twee keer te laat gekomen.",
        risk_signal=True,
        risk_notes="Reistijd van 70 minuten; dreigt te stoppen.",
    )
    action = ActionItem.objects.get(student=student_profile, kind="follow_up")
    assert action.assigned_to == jobhunter and action.placement == placement
    assert Notification.objects.filter(user=jobhunter, key=f"checkin:{first.pk}:risk").exists()
    with pytest.raises(ValidationError):  # recorded once
        checkin_record(actor=jpo, checkin=first, how_it_goes="goed", notes="x", risk_signal=False)


def test_an_outsider_cannot_record_a_checkin(jobhunter, other_jobhunter, student_profile, opening):
    placement = _placed(jobhunter, student_profile, opening)
    with pytest.raises(PermissionDenied):
        checkin_record(
            actor=other_jobhunter,
            checkin=placement.checkins.first(),
            how_it_goes="goed",
            notes="Gaat prima.",
            risk_signal=False,
        )


def test_the_outcome_needs_a_reason_for_dropping_out_and_dates_in_order(
    jobhunter, student_profile, opening
):
    placement = _placed(jobhunter, student_profile, opening)
    with pytest.raises(ValidationError) as err:
        placement_outcome_set(
            actor=jobhunter,
            placement=placement,
            status="uitgevallen",
            reason="",
            end_date=placement.start_date - datetime.timedelta(days=1),
        )
    assert {"reason", "end_date"} <= set(err.value.message_dict)
    placement.refresh_from_db()
    assert placement.status == "lopend"
    placement_outcome_set(
        actor=jobhunter,
        placement=placement,
        status="uitgevallen",
        reason="Gezondheid",
        end_date=placement.start_date + datetime.timedelta(weeks=5),
    )
    placement.refresh_from_db()
    assert placement.status == "uitgevallen" and placement.outcome_reason == "Gezondheid"
    assert ActionItem.objects.filter(student=student_profile, kind="nazorg").exists()
    with pytest.raises(ValidationError):
        placement_outcome_set(
            actor=jobhunter,
            placement=placement,
            status="afgerond",
            reason="",
            end_date=placement.start_date,
        )


def test_checkin_reminders_run_twice_send_one_each(jobhunter, jpo, student_profile, opening):
    placement = _placed(jobhunter, student_profile, opening)
    week2 = placement.checkins.get(week=2)
    today = week2.planned_for - datetime.timedelta(days=1)
    assert checkin_reminders(today=today) == 1
    checkin_reminders(today=today)
    assert Notification.objects.filter(user=jpo, key__contains=f"checkin:{week2.pk}:").count() == 1
    assert checkin_reminders(today=week2.planned_for - datetime.timedelta(days=5)) == 0


# --- the routekaart's transition ------------------------------------------------------------


def test_transition_plan_sets_the_advies_task_16_weeks_before_the_diploma_once(
    jobhunter, school_staff, student_profile
):
    today = datetime.date(2027, 1, 10)
    student_profile.expected_diploma_date = datetime.date(2027, 7, 1)
    student_profile.mentor = school_staff
    student_profile.save()
    assert transition.transition_plan(today=today) == 1
    assert transition.transition_plan(today=today) == 0
    task = ActionItem.objects.get(student=student_profile, kind="advies")
    assert task.due_date == datetime.date(2027, 7, 1) - datetime.timedelta(weeks=16)
    assert task.assigned_to == school_staff
    with pytest.raises(ValidationError):  # an advies dated in the future
        transition.advies_record(
            actor=school_staff,
            student=student_profile,
            advies="arbeid",
            advies_date=timezone.localdate() + datetime.timedelta(days=3),
        )
    transition.advies_record(
        actor=school_staff,
        student=student_profile,
        advies="arbeid",
        advies_date=timezone.localdate(),
    )
    task.refresh_from_db()
    assert task.done_at is not None
    assert transition.transition_plan(today=today) == 0  # no new advies task


def test_contact_after_the_diploma_only_with_consent_and_gone_when_withdrawn(
    jobhunter, student_profile
):
    today = datetime.date(2027, 1, 10)
    student_profile.expected_diploma_date = datetime.date(2027, 7, 1)
    student_profile.advies = "arbeid"
    student_profile.save()
    transition.transition_plan(today=today)
    assert not ActionItem.objects.filter(kind="contact_na_diploma").exists()
    student_consent_set(
        user=jobhunter, profile=student_profile, kind="contact_after_diploma", given=True
    )
    assert ConsentRecord.objects.filter(student=student_profile, recorded_by=jobhunter).exists()
    transition.transition_plan(today=today)
    task = ActionItem.objects.get(kind="contact_na_diploma")
    assert task.due_date == datetime.date(2027, 7, 1) + datetime.timedelta(weeks=18)
    student_consent_set(
        user=jobhunter, profile=student_profile, kind="contact_after_diploma", given=False
    )
    transition.transition_plan(today=today)
    assert not ActionItem.objects.filter(kind="contact_na_diploma").exists()


def test_the_overgangsdokument_goes_to_a_werkcoach_who_confirms_and_invites(
    jobhunter, jpo, student_profile, region, other_region
):
    coach = f.UserFactory(role=Role.WERKCOACH, region=region)
    far_coach = f.UserFactory(role=Role.WERKCOACH, region=other_region)
    with pytest.raises(PermissionDenied):  # a JPO does not write the document
        transition.overgangsdokument_save(actor=jpo, student=student_profile, data={})
    transition.overgangsdokument_save(
        actor=jobhunter, student=student_profile, data={"strengths": "Komt altijd op tijd."}
    )
    with pytest.raises(ValidationError) as err:  # incomplete
        transition.overgangsdokument_send(actor=jobhunter, student=student_profile, werkcoach=coach)
    assert "advies, welke begeleiding helpt, wensen voor werk" in err.value.messages[0]
    transition.overgangsdokument_save(
        actor=jobhunter,
        student=student_profile,
        data={
            "advies": "arbeid",
            "strengths": "Komt altijd op tijd.",
            "support": "Vaste begeleider.",
            "wishes": "24 uur, dicht bij huis.",
        },
    )
    with pytest.raises(ValidationError):  # a werkcoach outside the school's region
        transition.overgangsdokument_send(
            actor=jobhunter, student=student_profile, werkcoach=far_coach
        )
    doc = transition.overgangsdokument_send(
        actor=jobhunter, student=student_profile, werkcoach=coach
    )
    assert doc.status == "verstuurd" and Notification.objects.filter(user=coach).count() == 1
    with pytest.raises(PermissionDenied):
        transition.overgangsdokument_confirm_receipt(actor=far_coach, doc=doc)
    with pytest.raises(ValidationError):  # a meeting in the past
        transition.overgangsdokument_invite(
            actor=coach, doc=doc, when=timezone.now() - datetime.timedelta(days=1), where="WSP"
        )
    doc = transition.overgangsdokument_invite(
        actor=coach,
        doc=doc,
        when=timezone.now() + datetime.timedelta(days=7),
        where="WSP Groningen, Gedempte Zuiderdiep 1",
    )
    assert doc.status == "uitgenodigd" and doc.received_at and doc.invited_at
    assert Notification.objects.filter(
        user=student_profile.user, key=f"overgangsdokument:{doc.pk}:invited"
    ).exists()
    pdf = transition.overgangsdokument_pdf(doc)
    assert pdf.startswith(b"%PDF") and len(pdf) > 1000


# --- events: reminders and the agenda file ------------------------------------------------------


def test_event_reminders_once_per_registration(student, region):
    event = MatchingEvent.objects.create(
        title="Banenmarkt, Groningen",
        kind="banenmarkt",
        region=region,
        place=f.PlaceFactory(),
        starts_at=timezone.now() + datetime.timedelta(hours=20),
        ends_at=timezone.now() + datetime.timedelta(hours=23),
    )
    later = MatchingEvent.objects.create(
        title="Later",
        kind="banenmarkt",
        region=region,
        place=event.place,
        starts_at=timezone.now() + datetime.timedelta(days=9),
        ends_at=timezone.now() + datetime.timedelta(days=9, hours=2),
    )
    Registration.objects.create(event=event, user=student)
    Registration.objects.create(event=later, user=student)
    assert event_reminders() == 1
    assert event_reminders() == 0
    assert Notification.objects.filter(user=student, key=f"event:{event.pk}:reminder").exists()
    ics = event_calendar(event).decode()
    assert "SUMMARY:Banenmarkt\\, Groningen" in ics and ics.endswith("END:VCALENDAR\r\n")
    assert all(len(line.encode()) <= 75 for line in ics.split("\r\n"))


def test_a_proposal_needs_an_open_place(jobhunter, student_profile, opening):
    opening.status = "paused"
    opening.save()
    with pytest.raises(ValidationError):
        match_propose(proposer=jobhunter, student=student_profile, opening=opening)
    assert not Match.objects.exists()
    assert Overgangsdokument.objects.count() == 0
