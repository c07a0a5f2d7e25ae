"""No lost updates: two people change the same match at the same moment on PostgreSQL.

Each thread has its own database connection and transaction; a barrier releases both at once.
Exactly one wins, the other gets the conflict message, and the timeline holds one entry."""

import threading

import pytest
from django.db import close_old_connections, connection

from marketplace.models import Escalation, Match
from marketplace.services.matches import MatchConflict, match_move, match_propose
from mediation.services.escalations import escalation_take
from tests import factories as f

pytestmark = pytest.mark.django_db(transaction=True)


def _race(actions):
    """Run the callables at the same moment; return what each returned or raised."""
    if connection.vendor != "postgresql":
        pytest.skip("the race is run on PostgreSQL (CI)")
    barrier = threading.Barrier(len(actions))
    results: list = [None] * len(actions)

    def run(i, action):
        try:
            barrier.wait(timeout=10)
            results[i] = action()
        except Exception as exc:  # noqa: BLE001 - the outcome is what the test inspects
            results[i] = exc
        finally:
            close_old_connections()
            connection.close()

    threads = [threading.Thread(target=run, args=(i, a)) for i, a in enumerate(actions)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=30)
    return results


@pytest.mark.parametrize("attempt", range(3))
def test_two_mediators_move_one_match_at_once_exactly_one_wins(
    attempt, jobhunter, school_staff, student_profile, opening
):
    match = match_propose(proposer=jobhunter, student=student_profile, opening=opening)
    version = match.version

    def decline():
        return match_move(
            actor=jobhunter,
            match=Match.objects.get(pk=match.pk),
            to_status="ingetrokken",
            expected_version=version,
            reason="Student is verhuisd",
        )

    def interest():
        return match_move(
            actor=school_staff,
            match=Match.objects.get(pk=match.pk),
            to_status="interesse_student",
            expected_version=version,
        )

    results = _race([decline, interest])
    winners = [r for r in results if isinstance(r, Match)]
    losers = [r for r in results if isinstance(r, MatchConflict)]
    assert len(winners) == 1 and len(losers) == 1, results
    assert "Iemand anders heeft deze match net aangepast" in losers[0].messages[0]
    match.refresh_from_db()
    assert match.status == winners[0].status and match.version == version + 1
    assert match.timeline.exclude(kind="proposal").count() == 1


def test_two_accountmanagers_take_one_case_at_once(accountmanager, region, student_profile):
    colleague = f.UserFactory(role="accountmanager", region=region)
    case = f.EscalationFactory(student=student_profile)

    def take(user):
        return lambda: escalation_take(
            actor=user, escalation=Escalation.objects.get(pk=case.pk), expected_version=1
        )

    results = _race([take(accountmanager), take(colleague)])
    assert sum(isinstance(r, Escalation) for r in results) == 1, results
    case.refresh_from_db()
    assert case.status == "in_behandeling" and case.version == 2
    assert case.assigned_to in (accountmanager, colleague)
