"""The employer's front page and candidates: "Te doen" (who waits for an answer, since when),
a confirmation before closing a place, the recognition warning on an open BPV-plek, and
candidate cards with the facts the employer may see and nothing more."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from employers.models import Opening
from employers.services.recognitions import opening_recognition_alert, recognitions_of
from marketplace.models import Match, MatchStatus
from marketplace.selectors import CandidateView
from marketplace.services import engine_index
from marketplace.services.matches import match_propose
from tests import factories as f

pytestmark = pytest.mark.django_db
DASHBOARD = "/werkgever/"


@pytest.fixture(autouse=True)
def fresh_index():
    engine_index.clear_index_cache()
    yield
    engine_index.clear_index_cache()


def _page(client, user, url=DASHBOARD) -> str:
    client.force_login(user)
    response = client.get(url)
    assert response.status_code == 200
    return response.content.decode()


# --- "Te doen" -------------------------------------------------------------------------------


def test_te_doen_names_who_waits_for_an_answer_and_since_when(
    client, employer_member, jobhunter, student_profile, opening
):
    match = match_propose(proposer=jobhunter, student=student_profile, opening=opening)
    Match.objects.filter(pk=match.pk).update(created_at=timezone.now())
    match.timeline.update(at=timezone.now() - datetime.timedelta(days=6))
    html = _page(client, employer_member)
    todo = html[html.index('id="te-doen"') : html.index("Mijn plekken")]
    assert "1 kandidaat wacht op je antwoord." in todo
    assert opening.title in todo and "Kandidaat " in todo and ": 6 dagen" in todo
    assert student_profile.user.last_name not in todo  # an alias until the student shares
    assert reverse("werkgever:candidates", args=[opening.pk]) in todo


def test_te_doen_shows_the_name_once_the_student_shares_it(
    client, employer_member, jobhunter, student_profile, opening
):
    match = match_propose(proposer=jobhunter, student=student_profile, opening=opening)
    Match.objects.filter(pk=match.pk).update(
        status=MatchStatus.INTERESSE_STUDENT,
        student_response=Match.Response.YES,
        student_shares_profile=True,
    )
    html = _page(client, employer_member)
    todo = html[html.index('id="te-doen"') : html.index("Mijn plekken")]
    assert str(student_profile.user) in todo


def test_an_answered_candidate_is_no_longer_to_do(
    client, employer_member, jobhunter, student_profile, opening
):
    match = match_propose(proposer=jobhunter, student=student_profile, opening=opening)
    Match.objects.filter(pk=match.pk).update(employer_response=Match.Response.YES)
    html = _page(client, employer_member)
    assert "Niemand wacht op je antwoord." in html


# --- closing a place asks first --------------------------------------------------------------


def test_the_front_page_offers_no_button_that_closes_a_place_at_once(
    client, employer_member, opening
):
    html = _page(client, employer_member)
    assert 'name="status" value="closed"' not in html
    assert reverse("werkgever:opening-close", args=[opening.pk]) in html


def test_closing_without_the_confirmation_leads_to_the_confirmation(
    client, employer_member, opening
):
    client.force_login(employer_member)
    url = reverse("werkgever:opening-status", args=[opening.pk])
    response = client.post(url, {"status": "closed"})
    assert response.status_code == 302
    assert response["Location"] == reverse("werkgever:opening-close", args=[opening.pk])
    opening.refresh_from_db()
    assert opening.status == Opening.Status.OPEN


def test_the_confirmation_says_what_closing_does_and_then_closes(
    client, employer_member, jobhunter, student_profile, opening
):
    match_propose(proposer=jobhunter, student=student_profile, opening=opening)
    html = _page(client, employer_member, reverse("werkgever:opening-close", args=[opening.pk]))
    assert "zien jongeren de plek niet meer" in html and "blijft de 1 kandidaat" in html
    assert 'name="confirmed" value="1"' in html
    url = reverse("werkgever:opening-status", args=[opening.pk])
    client.post(url, {"status": "closed", "confirmed": "1"})
    opening.refresh_from_db()
    assert opening.status == Opening.Status.CLOSED


def test_with_javascript_the_same_question_comes_as_a_dialog(client, employer_member, opening):
    html = _page(client, employer_member)
    close = reverse("werkgever:opening-close", args=[opening.pk])
    assert f'href="{close}" data-confirm-dialog' in html  # the link stays for no JavaScript
    response = client.get(close, headers={"HX-Request": "true"})
    assert response.status_code == 200 and "HX-Request" in response["Vary"]
    dialog = response.content.decode()
    assert dialog.lstrip().startswith("<dialog") and "<html" not in dialog
    title = f"confirm-dialog-title-{opening.pk}"
    assert (
        f'aria-labelledby="{title}"' in dialog
        and f'<h2 class="utrecht-heading-2 confirm-dialog__title" id="{title}">' in dialog
    )
    assert "zien jongeren de plek niet meer" in dialog
    status = reverse("werkgever:opening-status", args=[opening.pk])
    assert f'action="{status}"' in dialog and 'name="confirmed" value="1"' in dialog
    assert "data-dialog-close autofocus>Annuleren</button>" in dialog
    page = client.get(close).content.decode()
    assert "<dialog" not in page and "Nee, terug" in page and f'action="{status}"' in page


def test_a_place_that_cannot_close_gets_no_dialog_but_the_front_page(
    client, employer_member, opening
):
    Opening.objects.filter(pk=opening.pk).update(status=Opening.Status.CLOSED)
    client.force_login(employer_member)
    close = reverse("werkgever:opening-close", args=[opening.pk])
    response = client.get(close, headers={"HX-Request": "true"})
    assert response.status_code == 302 and response["Location"] == reverse("werkgever:dashboard")


def test_pausing_needs_no_confirmation(client, employer_member, opening):
    client.force_login(employer_member)
    client.post(reverse("werkgever:opening-status", args=[opening.pk]), {"status": "paused"})
    opening.refresh_from_db()
    assert opening.status == Opening.Status.PAUSED


# --- the recognition warning on an open BPV-plek ---------------------------------------------


def _bpv_with_recognition(employer, *, valid_to, kind="bpv", status=Opening.Status.OPEN):
    qualification = f.QualificationFactory(name="Logistiek teamleider")
    employer.recognitions.create(
        qualification=qualification, valid_from=datetime.date(2020, 1, 1), valid_to=valid_to
    )
    opening = f.OpeningFactory(
        location=f.LocationFactory(employer=employer),
        title="Teamleider",
        kind=kind,
        status=status,
        start_date=timezone.localdate(),
    )
    opening.accepted_qualifications.add(qualification)
    return opening


def _alert(opening):
    return opening_recognition_alert(
        opening, recognitions=recognitions_of(opening.employer), today=timezone.localdate()
    )


def test_an_open_bpv_plek_whose_recognition_expired_gets_an_error(employer):
    opening = _bpv_with_recognition(employer, valid_to=timezone.localdate() - datetime.timedelta(1))
    alert = _alert(opening)
    assert alert.level == "error" and "is verlopen" in alert.message


def test_an_open_bpv_plek_whose_recognition_ends_within_60_days_gets_a_warning(employer):
    ends = timezone.localdate() + datetime.timedelta(days=60)
    opening = _bpv_with_recognition(employer, valid_to=ends)
    alert = _alert(opening)
    assert alert.level == "warning" and "verloopt op" in alert.message


def test_a_recognition_valid_for_longer_than_60_days_gives_no_warning(employer):
    ends = timezone.localdate() + datetime.timedelta(days=61)
    assert _alert(_bpv_with_recognition(employer, valid_to=ends)) is None
    assert _alert(_bpv_with_recognition(employer, valid_to=None)) is None


def test_a_renewed_recognition_gives_no_warning(employer):
    ends = timezone.localdate() + datetime.timedelta(days=20)
    opening = _bpv_with_recognition(employer, valid_to=ends)
    employer.recognitions.create(
        qualification=opening.accepted_qualifications.get(),
        valid_from=ends + datetime.timedelta(days=1),
    )
    assert _alert(opening) is None


def test_only_an_open_bpv_plek_is_warned_about(employer):
    expired = timezone.localdate() - datetime.timedelta(days=5)
    assert _alert(_bpv_with_recognition(employer, valid_to=expired, kind="vacature")) is None
    paused = _bpv_with_recognition(employer, valid_to=expired, status=Opening.Status.PAUSED)
    assert _alert(paused) is None


def test_the_warning_stands_on_the_place_s_own_card(client, employer_member, employer):
    _bpv_with_recognition(employer, valid_to=timezone.localdate() + datetime.timedelta(days=30))
    html = _page(client, employer_member)
    card = html[html.index('<h3 class="utrecht-heading-3">Teamleider</h3>') :]
    card = card[: card.index("</li>")]
    assert "Erkenning verloopt binnenkort:" in card and "Logistiek teamleider" in card
    # Said once, on the card; above the places a count links to it.
    assert html.count("Je erkenning voor Logistiek teamleider verloopt op") == 1
    summary = html[html.index('id="erkenning-waarschuwing"') : html.index("Mijn plekken")]
    opening = Opening.objects.get(title="Teamleider")
    assert "Bij 1 plek staat een waarschuwing over je erkenning." in summary
    assert f'href="#plek-{opening.pk}">Naar ‘Teamleider’</a>' in summary
    assert f'id="plek-{opening.pk}"' in html


# --- candidate cards: the facts the employer may see, nothing more ---------------------------


@pytest.fixture
def candidate(school, jobhunter, persona_qualification, opening):
    home = f.PlaceFactory(name="Zuidbroekerveen", latitude=53.25)  # about 3.5 km away
    student = f.StudentProfileFactory(
        school=school,
        jobhunter=jobhunter,
        qualification=persona_qualification,
        level=3,
        leerweg="bol",
        hours_per_week=28,
        available_from=datetime.date(2027, 2, 1),
        date_of_birth=datetime.date(2008, 7, 19),
        home_place=home,
        support_needs=["jobcoach"],
        support_needs_shared=False,
        user__first_name="Roosmarijn",
        user__last_name="Veldkamp",
        user__email="roosmarijn@example.org",
    )
    match_propose(proposer=jobhunter, student=student, opening=opening)
    return student


def _candidates(client, member, opening):
    client.force_login(member)
    response = client.get(reverse("werkgever:candidates", args=[opening.pk]))
    assert response.status_code == 200
    return response


def test_a_candidate_card_shows_level_leerweg_start_hours_and_distance(
    client, employer_member, opening, candidate
):
    response = _candidates(client, employer_member, opening)
    html = response.content.decode()
    card = html[html.index('class="match-list"') : html.index("</ol>")]
    assert "MBO niveau 3" in card
    assert "BOL (school met stage)" in card
    assert "vanaf februari 2027" in card
    assert "<dt>Uren per week</dt><dd>28</dd>" in card
    assert "<dt>Afstand</dt>" in card
    assert "Geen score" not in card


def test_a_candidate_card_shows_nothing_the_employer_selector_does_not_give(
    client, employer_member, opening, candidate
):
    response = _candidates(client, employer_member, opening)
    shown = list(response.context["candidates"])
    assert shown and all(isinstance(c, CandidateView) for c in shown)
    html = response.content.decode()
    for private in ("Roosmarijn", "Veldkamp", "roosmarijn@example.org", "Zuidbroekerveen"):
        assert private not in html
    assert "19-7-2008" not in html and "19 juli 2008" not in html and "2008" not in html
    assert "Jobcoach" not in html  # a support need the student did not share


def test_the_candidates_are_paged(client, employer_member, opening, school, jobhunter):
    for _ in range(12):
        student = f.StudentProfileFactory(school=school, jobhunter=jobhunter)
        Match.objects.create(student=student, opening=opening, proposed_by=jobhunter)
    client.force_login(employer_member)
    url = reverse("werkgever:candidates", args=[opening.pk])
    first = client.get(url)
    assert len(first.context["candidates"]) == 10
    assert "?pagina=2" in first.content.decode()
    assert len(client.get(url, {"pagina": 2}).context["candidates"]) == 2
