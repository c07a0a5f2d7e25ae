"""Discover and invite: an employer sees the engine's best students among those who agreed to be
found (anonymous), invites one with a short message, and learns the name only after a yes.
Limits against spam, the hard rules and the student's consent hold on every path."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from django.utils import timezone, translation

from marketplace.models import (
    AccessLog,
    CandidateAlias,
    ConsentRecord,
    Invitation,
    Match,
    MatchStatus,
    Notification,
)
from marketplace.selectors import suggestions_for_employer
from marketplace.services import invitations as inv
from marketplace.services.profiles import student_consent_set
from tests import factories as f

pytestmark = pytest.mark.django_db
St = Invitation.Status


@pytest.fixture
def findable(student_profile):
    """The persona student, who agreed to be found by employers."""
    student_profile.consent_findable = True
    student_profile.consent_findable_at = timezone.now()
    student_profile.save(update_fields=["consent_findable", "consent_findable_at"])
    return student_profile


def _findable_student(school, qualification, **kw):
    return f.StudentProfileFactory(
        school=school, qualification=qualification, consent_findable=True, **kw
    )


def _invite(member, opening, student, message="Kom je kennismaken?"):
    return inv.invitation_create(inviter=member, opening=opening, student=student, message=message)


def _label(opening, student) -> str:
    return CandidateAlias.objects.get(opening=opening, student=student).label


# --- the suggestions -----------------------------------------------------------------------


def test_a_findable_student_who_fits_is_suggested_by_alias(findable, opening, employer_member):
    shown = suggestions_for_employer(viewer=employer_member, opening=opening)
    assert len(shown) == 1
    s = shown[0]
    assert s.candidate.anonymous and s.candidate.label.startswith("Kandidaat ")
    assert s.candidate.student_id is None and s.candidate.email == ""
    assert s.alias_letters == _label(opening, findable)
    assert s.candidate.reasons  # "Waarom past dit?"


def test_a_student_without_the_findable_consent_is_not_suggested(
    student_profile, opening, employer_member
):
    assert suggestions_for_employer(viewer=employer_member, opening=opening) == []


def test_a_student_in_a_match_with_the_opening_is_not_suggested(
    findable, opening, employer_member, jobhunter
):
    Match.objects.create(student=findable, opening=opening, proposed_by=jobhunter)
    assert suggestions_for_employer(viewer=employer_member, opening=opening) == []


def test_a_student_who_breaks_a_hard_rule_is_not_suggested(findable, opening, employer_member):
    opening.min_age = 21
    opening.save(update_fields=["min_age"])
    assert suggestions_for_employer(viewer=employer_member, opening=opening) == []


def test_a_student_of_another_region_is_not_suggested(
    opening, employer_member, persona_qualification
):
    _findable_student(f.SchoolFactory(region=f.RegionFactory()), persona_qualification)
    assert suggestions_for_employer(viewer=employer_member, opening=opening) == []


def test_withdrawing_the_consent_hides_the_student_at_once_and_ends_open_invitations(
    findable, opening, employer_member, student
):
    invitation = _invite(employer_member, opening, findable)
    student_consent_set(
        user=student, profile=findable, kind=ConsentRecord.Kind.FINDABLE, given=False
    )
    assert suggestions_for_employer(viewer=employer_member, opening=opening) == []
    invitation.refresh_from_db()
    assert invitation.status == St.EXPIRED
    assert ConsentRecord.objects.filter(
        student=findable, kind=ConsentRecord.Kind.FINDABLE, given=False
    ).exists()


def test_the_student_gives_the_consent_on_the_consent_step(client, student, student_profile):
    client.force_login(student)
    url = reverse("student-profile-step", args=["toestemming"])
    response = client.post(url, {"consent_findable": "on"})
    assert response.status_code == 302
    student_profile.refresh_from_db()
    assert student_profile.consent_findable and student_profile.consent_findable_at
    assert ConsentRecord.objects.filter(kind=ConsentRecord.Kind.FINDABLE, given=True).count() == 1


# --- inviting ------------------------------------------------------------------------------


def test_an_invitation_tells_the_student_and_their_jobhunter_with_a_link(
    findable, opening, employer_member, jobhunter
):
    invitation = _invite(employer_member, opening, findable)
    to_student = Notification.objects.get(user=findable.user)
    assert opening.employer.name in to_student.title
    assert to_student.url == reverse("student-invitation", args=[invitation.pk])
    to_jobhunter = Notification.objects.get(user=jobhunter)
    assert findable.user.get_full_name() in to_jobhunter.title
    assert not Notification.objects.filter(user=employer_member).exists()


def test_the_limit_of_open_invitations_per_opening_holds(
    findable, opening, employer_member, school, persona_qualification, monkeypatch
):
    monkeypatch.setattr(inv, "INVITATIONS_OPEN_PER_OPENING", 2)
    for _ in range(2):
        _invite(employer_member, opening, _findable_student(school, persona_qualification))
    with pytest.raises(ValidationError, match="al 2 open uitnodigingen"):
        _invite(employer_member, opening, findable)
    assert not Invitation.objects.filter(student=findable).exists()


def test_a_student_who_declined_is_never_invited_to_that_opening_again(
    findable, opening, employer_member, student
):
    invitation = _invite(employer_member, opening, findable)
    inv.invitation_decline(student_user=student, invitation=invitation, reason="te_ver")
    with pytest.raises(ValidationError, match="al afgeslagen"):
        _invite(employer_member, opening, findable)
    assert suggestions_for_employer(viewer=employer_member, opening=opening) == []


def test_a_withdrawn_invitation_may_be_sent_again(findable, opening, employer_member):
    first = _invite(employer_member, opening, findable)
    inv.invitation_withdraw(actor=employer_member, invitation=first)
    again = _invite(employer_member, opening, findable, message="Toch nog een keer")
    assert again.pk == first.pk and again.status == St.OPEN and again.message == "Toch nog een keer"


def test_a_hard_rule_failure_refuses_the_invitation_without_facts_about_the_student(
    findable, opening, employer_member
):
    opening.min_age = 21
    opening.save(update_fields=["min_age"])
    with pytest.raises(ValidationError) as refused:
        _invite(employer_member, opening, findable)
    text = " ".join(refused.value.messages)
    assert "harde regel" in text and findable.user.first_name not in text
    assert not Invitation.objects.exists()


def test_only_a_member_of_the_openings_employer_invites(
    findable, opening, other_employer_member, accountmanager
):
    for outsider in (other_employer_member, accountmanager):
        with pytest.raises(PermissionDenied):
            _invite(outsider, opening, findable)


def test_a_message_longer_than_600_characters_is_refused(findable, opening, employer_member):
    with pytest.raises(ValidationError):
        _invite(employer_member, opening, findable, message="x" * 601)
    assert not Invitation.objects.exists()


def test_an_open_invitation_expires_after_its_days(findable, opening, employer_member, student):
    invitation = _invite(employer_member, opening, findable)
    Invitation.objects.filter(pk=invitation.pk).update(
        created_at=timezone.now() - datetime.timedelta(days=inv.INVITATION_DAYS + 1)
    )
    with pytest.raises(ValidationError, match="verlopen"):
        inv.invitation_accept(student_user=student, invitation=invitation)
    assert inv.invitations_expire(opening=opening) == 1
    invitation.refresh_from_db()
    assert invitation.status == St.EXPIRED
    assert inv.open_invitations_count(opening) == 0


# --- answering -----------------------------------------------------------------------------


def test_a_yes_makes_a_match_at_mutual_interest_with_the_name_shared(
    findable, opening, employer_member, student
):
    invitation = _invite(employer_member, opening, findable)
    match = inv.invitation_accept(student_user=student, invitation=invitation)
    assert match.source == Match.Source.INVITATION
    assert match.status == MatchStatus.INTERESSE_WERKGEVER
    assert match.student_response == "ja" and match.employer_response == "ja"
    assert match.student_shares_profile
    invitation.refresh_from_db()
    assert invitation.status == St.ACCEPTED and invitation.match == match
    told = Notification.objects.get(user=employer_member)
    assert findable.user.get_full_name() in told.title


def test_a_yes_asks_the_hard_rules_again(findable, opening, employer_member, student):
    invitation = _invite(employer_member, opening, findable)
    opening.min_age = 21
    opening.save(update_fields=["min_age"])
    with pytest.raises(ValidationError):
        inv.invitation_accept(student_user=student, invitation=invitation)
    invitation.refresh_from_db()
    assert invitation.status == St.OPEN and not Match.objects.exists()


def test_a_no_tells_the_employer_without_saying_who(findable, opening, employer_member, student):
    invitation = _invite(employer_member, opening, findable)
    inv.invitation_decline(student_user=student, invitation=invitation, reason="al_plek")
    told = Notification.objects.get(user=employer_member)
    text = told.title + told.body
    assert "afgeslagen" in text and "Ik heb al een plek" in text
    for fact in (findable.user.first_name, findable.user.last_name, findable.user.email):
        assert fact not in text


def test_only_the_student_answers_and_only_once(
    findable, opening, employer_member, jobhunter, student
):
    invitation = _invite(employer_member, opening, findable)
    for other in (jobhunter, employer_member):
        with pytest.raises(PermissionDenied):
            inv.invitation_accept(student_user=other, invitation=invitation)
    inv.invitation_decline(student_user=student, invitation=invitation)
    with pytest.raises(ValidationError, match="al afgeslagen"):
        inv.invitation_accept(student_user=student, invitation=invitation)


# --- the pages -----------------------------------------------------------------------------


def _candidates_url(opening):
    return reverse("werkgever:candidates", args=[opening.pk])


def test_nothing_about_the_student_shows_before_the_yes_and_the_name_after(
    client, findable, opening, employer_member, student
):
    client.force_login(employer_member)
    html = client.get(_candidates_url(opening)).content.decode()
    label = _label(opening, findable)
    assert f"Kandidaat {label}" in html and "Suggesties" in html
    invite_url = reverse("werkgever:candidate-invite", args=[opening.pk, label])
    response = client.post(invite_url, {"message": "Kom je kennismaken?"})
    assert response.status_code == 302
    invitation = Invitation.objects.get(student=findable)
    for page in (_candidates_url(opening), invite_url):
        html = client.get(page).content.decode()
        for fact in (findable.user.get_full_name(), findable.user.email):
            assert fact not in html
    client.force_login(student)
    response = client.post(reverse("student-invitation-yes", args=[invitation.pk]))
    assert response.status_code == 302
    client.force_login(employer_member)
    html = client.get(_candidates_url(opening)).content.decode()
    assert findable.user.get_full_name() in html and findable.user.email in html


def test_a_too_long_message_keeps_what_was_typed(client, findable, opening, employer_member):
    client.force_login(employer_member)
    suggestions_for_employer(viewer=employer_member, opening=opening)  # draws the alias
    url = reverse("werkgever:candidate-invite", args=[opening.pk, _label(opening, findable)])
    typed = "Hallo! " + "x" * 600
    response = client.post(url, {"message": typed})
    assert response.status_code == 400
    html = response.content.decode()
    assert "hoogstens 600 tekens" in html and typed in html
    assert not Invitation.objects.exists()


def test_another_employer_gets_404_for_the_invite_page_and_the_withdraw(
    client, findable, opening, employer_member, other_employer_member
):
    suggestions_for_employer(viewer=employer_member, opening=opening)
    invitation = _invite(employer_member, opening, findable)
    client.force_login(other_employer_member)
    label = _label(opening, findable)
    assert (
        client.get(reverse("werkgever:candidate-invite", args=[opening.pk, label])).status_code
        == 404
    )
    withdraw = reverse("werkgever:candidate-invitation-withdraw", args=[invitation.pk])
    assert client.post(withdraw).status_code == 404
    invitation.refresh_from_db()
    assert invitation.status == St.OPEN


def test_an_unknown_alias_answers_404(client, findable, opening, employer_member):
    client.force_login(employer_member)
    url = reverse("werkgever:candidate-invite", args=[opening.pk, "QQQQ"])
    assert client.get(url).status_code == 404


def test_another_student_gets_404_for_the_invitation(
    client, findable, opening, employer_member, other_student
):
    invitation = _invite(employer_member, opening, findable)
    client.force_login(other_student)
    assert client.get(reverse("student-invitation", args=[invitation.pk])).status_code == 404
    assert client.post(reverse("student-invitation-yes", args=[invitation.pk])).status_code == 404


def test_the_student_sees_the_invitation_on_their_home_and_declines_it(
    client, findable, opening, employer_member, student
):
    invitation = _invite(employer_member, opening, findable, message="Wij zoeken een harde werker")
    client.force_login(student)
    home = client.get(reverse("student-matches")).content.decode()
    assert reverse("student-invitation", args=[invitation.pk]) in home
    page = client.get(reverse("student-invitation", args=[invitation.pk])).content.decode()
    assert "Wij zoeken een harde werker" in page
    response = client.post(reverse("student-invitation-no", args=[invitation.pk]), {"reason": ""})
    assert response.status_code == 302
    invitation.refresh_from_db()
    assert invitation.status == St.DECLINED


def test_an_unknown_decline_reason_is_a_clear_message(
    client, findable, opening, employer_member, student
):
    invitation = _invite(employer_member, opening, findable)
    client.force_login(student)
    url = reverse("student-invitation-no", args=[invitation.pk])
    response = client.post(url, {"reason": "verzonnen"})
    assert response.status_code == 400
    invitation.refresh_from_db()
    assert invitation.status == St.OPEN


def test_the_jobhunter_sees_the_invitation_on_the_students_record(
    client, findable, opening, employer_member, jobhunter, other_jobhunter
):
    _invite(employer_member, opening, findable)
    client.force_login(jobhunter)
    html = client.get(reverse("werk:student", args=[findable.pk])).content.decode()
    assert "Uitnodigingen van werkgevers" in html and opening.title in html
    client.force_login(other_jobhunter)  # not their caseload
    assert client.get(reverse("werk:student", args=[findable.pk])).status_code == 404


def test_the_student_is_told_in_dutch_whatever_language_the_employer_uses(
    findable, opening, employer_member
):
    with translation.override("en"):
        _invite(employer_member, opening, findable)
    note = Notification.objects.get(user=findable.user)
    assert note.title.endswith("nodigt je uit")


def test_showing_the_suggestions_is_logged_as_a_read(findable, opening, employer_member):
    suggestions_for_employer(viewer=employer_member, opening=opening)
    assert AccessLog.objects.filter(
        user=employer_member, student=findable, context=f"suggesties:{opening.pk}"
    ).exists()
