"""The lists of the API after the match fetch a page in a fixed number of queries."""

import datetime

import pytest
from django.utils import timezone

from marketplace.models import CheckIn, Escalation, Match, MatchStatus, Placement
from tests import factories as f

pytestmark = pytest.mark.django_db


def test_the_escalation_queue_costs_the_same_for_many_cases(
    as_user, accountmanager, school, django_assert_max_num_queries
):
    for _ in range(15):
        student = f.StudentProfileFactory(school=school)
        f.EscalationFactory(student=student, reason=Escalation.Reason.MANUAL)
    api = as_user(accountmanager)
    with django_assert_max_num_queries(8):
        response = api.get("/api/v1/mediation/escalations/")
    assert response.json()["count"] == 15


def test_the_checkin_list_costs_the_same_for_many_checkins(
    as_user, jpo, jobhunter, school, opening, django_assert_max_num_queries
):
    today = timezone.localdate()
    for _ in range(12):
        student = f.StudentProfileFactory(school=school, jpo=jpo)
        match = Match.objects.create(
            student=student, opening=opening, proposed_by=jobhunter, status=MatchStatus.GESTART
        )
        placement = Placement.objects.create(match=match, start_date=today - datetime.timedelta(9))
        CheckIn.objects.create(placement=placement, week=2, planned_for=today, assigned_to=jpo)
    api = as_user(jpo)
    with django_assert_max_num_queries(8):
        response = api.get("/api/v1/mediation/checkins/")
    assert len(response.json()["results"]) == 12
