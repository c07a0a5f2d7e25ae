"""An invitation past its days reads as expired everywhere, without a read writing anything;
the nightly task writes it down."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from marketplace.models import Invitation
from marketplace.selectors import invitations_for_student, suggestions_for_employer
from marketplace.services import invitations as inv
from marketplace.tasks import invitations_expire_all

pytestmark = pytest.mark.django_db
St = Invitation.Status


@pytest.fixture
def stale(student_profile, opening, employer_member):
    student_profile.consent_findable = True
    student_profile.consent_findable_at = timezone.now()
    student_profile.save(update_fields=["consent_findable", "consent_findable_at"])
    invitation = inv.invitation_create(
        inviter=employer_member, opening=opening, student=student_profile, message="Welkom!"
    )
    Invitation.objects.filter(pk=invitation.pk).update(
        created_at=timezone.now() - datetime.timedelta(days=inv.INVITATION_DAYS + 1)
    )
    return invitation


def test_the_student_sees_a_stale_invitation_as_expired_and_nothing_is_written(
    stale, student_profile, client, student
):
    [shown] = invitations_for_student(student_profile)
    assert shown.status == St.EXPIRED
    client.force_login(student)
    page = client.get(reverse("student-invitation", args=[stale.pk])).content.decode()
    assert reverse("student-invitation-yes", args=[stale.pk]) not in page  # no answer possible
    stale.refresh_from_db()
    assert stale.status == St.OPEN  # the read wrote nothing


def test_the_employer_no_longer_gets_a_stale_invitation_as_suggestion(
    stale, opening, employer_member
):
    assert suggestions_for_employer(viewer=employer_member, opening=opening) == []
    stale.refresh_from_db()
    assert stale.status == St.OPEN


def test_the_nightly_task_writes_stale_invitations_down(stale, opening):
    assert invitations_expire_all.delay().get() == 1
    stale.refresh_from_db()
    assert stale.status == St.EXPIRED and stale.answered_at is not None
    assert inv.open_invitations_count(opening) == 0
