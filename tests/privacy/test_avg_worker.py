"""The erasure run by a real Celery worker on Redis after the decision's commit."""

import pytest
from django.db import transaction

from marketplace.models import ErasureRequest, StudentProfile
from marketplace.services.erasure import erasure_request_create, erasure_request_decide

pytestmark = [pytest.mark.celery_worker, pytest.mark.django_db(transaction=True)]


def test_a_confirmed_request_is_carried_out_by_the_worker(worker, student_profile, school_staff):
    import time

    request = erasure_request_create(requester=student_profile.user, student=student_profile)
    with transaction.atomic():
        erasure_request_decide(decider=school_staff, request=request, confirm=True)
        assert StudentProfile.objects.filter(pk=student_profile.pk).exists()  # not before commit
    for _ in range(120):
        request.refresh_from_db()
        if request.status == ErasureRequest.Status.DONE:
            break
        time.sleep(0.5)
    assert request.status == ErasureRequest.Status.DONE
    assert not StudentProfile.objects.filter(pk=student_profile.pk).exists()
