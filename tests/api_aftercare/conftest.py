"""A started placement with its check-in, an open escalation and an API client per persona."""

import datetime

import pytest
from django.utils import timezone
from rest_framework.test import APIClient

from marketplace.models import CheckIn, Escalation, Match, MatchStatus, Placement
from tests import factories as f


@pytest.fixture
def as_user():
    """An API client logged in as this user (a fresh one per call)."""

    def client_for(user) -> APIClient:
        client = APIClient()
        client.force_authenticate(user)
        return client

    return client_for


@pytest.fixture
def placement(jobhunter, student_profile, opening) -> Placement:
    match = Match.objects.create(
        student=student_profile,
        opening=opening,
        proposed_by=jobhunter,
        status=MatchStatus.GESTART,
    )
    return Placement.objects.create(
        match=match, start_date=timezone.localdate() - datetime.timedelta(days=14)
    )


@pytest.fixture
def checkin(placement, jpo) -> CheckIn:
    return CheckIn.objects.create(
        placement=placement, week=2, planned_for=timezone.localdate(), assigned_to=jpo
    )


@pytest.fixture
def escalation(student_profile, region) -> Escalation:
    return f.EscalationFactory(
        student=student_profile,
        region=region,
        reason=Escalation.Reason.STALE_SEARCH,
        explanation="De zoekvraag staat 30 dagen stil.",
    )
