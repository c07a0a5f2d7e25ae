"""The permission layer per role: the allowed and the denied side."""

import pytest
from django.http import Http404

from marketplace.permissions import (
    can,
    get_opening_for_user,
    get_student_for_user,
    openings_editable_by,
    openings_visible_to,
    overgangsdokumenten_visible_to,
    students_visible_to,
)
from tests import factories as f


def visible(user) -> set:
    return set(students_visible_to(user).values_list("pk", flat=True))


def test_a_student_sees_only_their_own_profile(student, student_profile, other_student_profile):
    assert visible(student) == {student_profile.pk}


def test_a_parent_with_consent_sees_their_child_only(
    parent, student_profile, other_student_profile
):
    assert visible(parent) == {student_profile.pk}


def test_a_parent_without_consent_sees_nothing_once_the_child_is_16(other_parent):
    assert visible(other_parent) == set()


def test_a_parent_sees_a_child_under_16_by_law(under_16_profile):
    guardian = f.UserFactory(role="ouder")
    under_16_profile.guardian_links.create(guardian=guardian)
    assert visible(guardian) == {under_16_profile.pk}


def test_a_jobhunter_sees_their_caseload_only(jobhunter, student_profile, other_student_profile):
    assert visible(jobhunter) == {student_profile.pk}


def test_another_jobhunter_sees_nothing_and_gets_404(other_jobhunter, student_profile):
    assert visible(other_jobhunter) == set()
    with pytest.raises(Http404):
        get_student_for_user(other_jobhunter, student_profile.pk)


def test_a_jpo_sees_mentees_but_support_needs_only_when_shared(jpo, student_profile):
    assert visible(jpo) == {student_profile.pk}
    assert not can(jpo, "view_support_needs", student_profile)
    student_profile.support_needs_shared = True
    assert can(jpo, "view_support_needs", student_profile)


def test_the_jobhunter_and_the_student_see_support_needs(jobhunter, student, student_profile):
    assert can(jobhunter, "view_support_needs", student_profile)
    assert can(student, "view_support_needs", student_profile)


def test_an_employer_sees_no_student_records(employer_member, student_profile):
    assert visible(employer_member) == set()
    assert not can(employer_member, "view_support_needs", student_profile)


def test_an_accountmanager_sees_students_escalated_in_their_region(
    accountmanager, other_accountmanager, student_profile, region
):
    assert visible(accountmanager) == set()
    f.EscalationFactory(student=student_profile, region=region)
    assert visible(accountmanager) == {student_profile.pk}
    assert visible(other_accountmanager) == set()


def test_school_staff_see_their_schools_students(school_staff, student_profile):
    other_school = f.StudentProfileFactory()
    assert student_profile.pk in visible(school_staff)
    assert other_school.pk not in visible(school_staff)


def test_a_werkcoach_sees_no_record_only_the_overgangsdokument_sent_to_them(
    werkcoach, student_profile
):
    assert visible(werkcoach) == set()
    assert overgangsdokumenten_visible_to(werkcoach).get().student_id == student_profile.pk


def test_only_the_jobhunter_may_propose_a_match(
    jobhunter, other_jobhunter, student, student_profile
):
    assert can(jobhunter, "propose_match", student_profile)
    assert not can(other_jobhunter, "propose_match", student_profile)
    assert not can(student, "propose_match", student_profile)


def test_draft_openings_are_seen_only_by_their_own_employer(
    employer_member, other_employer_member, student, opening
):
    opening.status = "draft"
    opening.save(update_fields=["status"])
    assert opening in openings_visible_to(employer_member)
    assert opening not in openings_visible_to(other_employer_member)
    assert opening not in openings_visible_to(student)
    with pytest.raises(Http404):
        get_opening_for_user(other_employer_member, opening.pk)


def test_only_the_own_employer_and_regional_accountmanager_edit_an_opening(
    employer_member, other_employer_member, accountmanager, other_accountmanager, opening
):
    assert can(employer_member, "edit_opening", opening)
    assert can(accountmanager, "edit_opening", opening)
    assert not can(other_employer_member, "edit_opening", opening)
    assert not can(other_accountmanager, "edit_opening", opening)
    assert list(openings_editable_by(other_employer_member)) == []


def test_candidates_are_for_the_employer_and_mediators_not_students(
    employer_member, other_employer_member, jobhunter, student, opening
):
    assert can(employer_member, "view_candidates", opening)
    assert can(jobhunter, "view_candidates", opening)
    assert not can(other_employer_member, "view_candidates", opening)
    assert not can(student, "view_candidates", opening)


def test_the_superuser_sees_everyone(superuser, student_profile, other_student_profile):
    assert visible(superuser) >= {student_profile.pk, other_student_profile.pk}
