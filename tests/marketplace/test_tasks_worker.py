"""Suggestion tasks run by a real Celery worker on the real Redis broker."""

import pytest
from django.db import transaction

from marketplace.models import Suggestion
from tests import factories as f

pytestmark = [pytest.mark.celery_worker, pytest.mark.django_db(transaction=True)]


def _fitting_pair():
    student = f.StudentProfileFactory()
    opening = f.OpeningFactory(
        location=f.LocationFactory(employer=f.EmployerFactory(region=student.school.region))
    )
    opening.employer.recognitions.create(
        qualification=student.qualification, valid_from="2020-01-01"
    )
    return student, opening


def test_a_profile_change_enqueues_a_refresh_that_the_worker_stores(worker):
    from marketplace.services.suggestions import suggestions_enqueue_for_student
    from marketplace.tasks import suggestions_refresh_student

    student, opening = _fitting_pair()
    with transaction.atomic():
        suggestions_enqueue_for_student(student.pk)
        assert not Suggestion.objects.exists()  # nothing runs before the commit
    result = suggestions_refresh_student.delay(student.pk)
    assert result.get(timeout=60) == 1
    stored = Suggestion.objects.get(direction="student", student=student)
    assert stored.opening == opening and stored.explanation["factors"]


def test_running_the_refresh_twice_leaves_the_same_suggestions(worker):
    from marketplace.tasks import suggestions_refresh_opening

    student, opening = _fitting_pair()
    assert suggestions_refresh_opening.delay(opening.pk).get(timeout=60) == 1
    first = list(Suggestion.objects.values_list("student_id", "opening_id", "rank", "score"))
    assert suggestions_refresh_opening.delay(opening.pk).get(timeout=60) == 1
    second = list(Suggestion.objects.values_list("student_id", "opening_id", "rank", "score"))
    assert first == second == [(student.pk, opening.pk, 1, first[0][3])]
