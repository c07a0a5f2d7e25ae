"""The work queues of /werk/: the caseload by attention with how long a case stood still, page
links on lists that grow, and the board's drag-and-drop move with its refusals in words."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from marketplace.models import Match, MatchStatus, SearchRequest
from marketplace.services.matches import match_propose
from mediation import selectors
from tests import factories as f

pytestmark = pytest.mark.django_db
S = MatchStatus


def _case(school, jobhunter, name, *, deadline=None, still_days=0, escalated=False):
    student = f.StudentProfileFactory(
        school=school, jobhunter=jobhunter, user__first_name=name, user__last_name="Test"
    )
    moved = timezone.now() - datetime.timedelta(days=still_days)
    type(student).objects.filter(pk=student.pk).update(created_at=moved)
    if deadline is not None:
        SearchRequest.objects.create(
            student=student, kind="bpv", deadline=deadline, last_progress_at=moved
        )
    if escalated:
        f.EscalationFactory(student=student, opened_by=jobhunter)
    return student


def _names(user) -> list[str]:
    return [s.user.first_name for s in selectors.caseload(user)]


def test_the_caseload_puts_the_nearest_deadline_first(school, jobhunter):
    _case(school, jobhunter, "Later", deadline=timezone.localdate() + datetime.timedelta(days=40))
    _case(school, jobhunter, "Soon", deadline=timezone.localdate() + datetime.timedelta(days=5))
    _case(school, jobhunter, "None")
    assert _names(jobhunter) == ["Soon", "Later", "None"]


def test_without_a_deadline_the_case_that_stood_still_longest_comes_first(school, jobhunter):
    _case(school, jobhunter, "Fresh", still_days=1)
    _case(school, jobhunter, "Stuck", still_days=30)
    _case(school, jobhunter, "Slow", still_days=12)
    assert _names(jobhunter) == ["Stuck", "Slow", "Fresh"]


def test_an_open_escalation_breaks_a_tie_of_deadline_and_stillness(school, jobhunter):
    deadline = timezone.localdate() + datetime.timedelta(days=20)
    calm = _case(school, jobhunter, "Calm", deadline=deadline, still_days=3)
    hot = _case(school, jobhunter, "Hot", deadline=deadline, still_days=3, escalated=True)
    same = timezone.now() - datetime.timedelta(days=3)
    SearchRequest.objects.filter(student__in=[calm, hot]).update(last_progress_at=same)
    type(calm).objects.filter(pk__in=[calm.pk, hot.pk]).update(created_at=same)
    assert _names(jobhunter) == ["Hot", "Calm"]


def test_a_change_of_a_match_ends_the_standing_still(school, jobhunter, opening):
    _case(school, jobhunter, "Stuck", still_days=30)
    moved = _case(school, jobhunter, "Moved", still_days=40)
    Match.objects.create(student=moved, opening=opening, proposed_by=jobhunter)  # now
    assert _names(jobhunter) == ["Stuck", "Moved"]
    row = {s.user.first_name: s for s in selectors.caseload(jobhunter)}
    rows = selectors.with_standstill([row["Stuck"], row["Moved"]], today=timezone.localdate())
    assert [s.standstill.days for s in rows] == [30, 0]


@pytest.mark.parametrize(
    ("days", "words", "level"),
    [
        (0, "vandaag bewogen", ""),
        (1, "stil 1 dag", ""),
        (10, "stil 10 dagen", ""),
        (11, "stil 11 dagen", "warn"),
        (23, "stil 23 dagen", "alert"),
    ],
)
def test_standing_still_is_said_in_words_and_gets_louder_towards_the_escalation_term(
    days, words, level
):
    last = timezone.make_aware(datetime.datetime(2026, 11, 1, 12, 0))
    still = selectors.standstill(
        last, today=datetime.date(2026, 11, 1) + datetime.timedelta(days=days), stale_days=21
    )
    assert (still.days, still.words, still.level) == (days, words, level)


def test_the_caseload_page_shows_stil_23_dagen_in_words_and_colour(client, school, jobhunter):
    _case(school, jobhunter, "Stuck", still_days=23)
    client.force_login(jobhunter)
    page = client.get(reverse("werk:caseload")).content.decode()
    assert '<span class="chip chip--danger">stil 23 dagen</span>' in page


def test_the_phone_cards_show_the_deadline_and_the_escalation(client, school, jobhunter):
    _case(school, jobhunter, "Hot", deadline=datetime.date(2027, 3, 1), escalated=True)
    client.force_login(jobhunter)
    page = client.get(reverse("werk:caseload")).content.decode()
    cards = page[page.index('class="card-list case-cards"') :]
    assert "1-3-2027" in cards and "Open escalatie" in cards


def test_the_caseload_is_paged_and_keeps_the_filter(client, school, jobhunter):
    for i in range(selectors.CASELOAD_PER_PAGE + 3):
        _case(school, jobhunter, f"Kind{i:02d}", still_days=100 - i)
    client.force_login(jobhunter)
    first = client.get(reverse("werk:caseload"), {"q": "Kind"}).content.decode()
    assert "Kind00" in first and "Kind27" not in first
    assert "?q=Kind&amp;pagina=2" in first
    second = client.get(reverse("werk:caseload"), {"q": "Kind", "pagina": 2}).content.decode()
    assert "Kind27" in second and "Kind00" not in second
    beyond = client.get(reverse("werk:caseload"), {"pagina": 99})
    assert beyond.status_code == 200 and "Kind27" in beyond.content.decode()


def test_the_board_pages_each_column_on_its_own(client, school, jobhunter):
    n = selectors.BOARD_PER_COLUMN + 2
    for i in range(n):
        student = _case(school, jobhunter, f"Kaart{i:02d}")
        match = Match.objects.create(
            student=student, opening=f.OpeningFactory(), status=S.VOORGESTELD, proposed_by=jobhunter
        )
        Match.objects.filter(pk=match.pk).update(
            next_action_due=timezone.localdate() + datetime.timedelta(i)
        )
    client.force_login(jobhunter)
    page = client.get(reverse("werk:board")).content.decode()
    assert f"({n})" in page and "Kaart00" in page and f"Kaart{n - 1:02d}" not in page
    page = client.get(reverse("werk:board"), {"voorgesteld": 2}).content.decode()
    assert f"Kaart{n - 1:02d}" in page and "Kaart00" not in page


# --- dragging a card on the board ----------------------------------------------------------


def _drop(client, match, to_status, version=None):
    return client.post(
        reverse("werk:match-step", args=[match.pk]),
        {"version": match.version if version is None else version, "to_status": to_status},
        HTTP_HX_REQUEST="true",
    )


def test_a_card_dropped_on_an_allowed_column_moves_the_match(
    client, jobhunter, student_profile, opening
):
    match = match_propose(proposer=jobhunter, student=student_profile, opening=opening)
    client.force_login(jobhunter)
    response = _drop(client, match, S.INTERESSE_STUDENT)
    page = response.content.decode()
    match.refresh_from_db()
    assert response.status_code == 200 and match.status == S.INTERESSE_STUDENT
    assert "staat nu op" in page
    assert f'id="card-{match.pk}" hx-swap-oob="true"' in page
    assert f'data-version="{match.version}"' in page


def test_a_drop_the_pipeline_does_not_allow_is_refused_with_the_reason(
    client, jobhunter, student_profile, opening
):
    match = match_propose(proposer=jobhunter, student=student_profile, opening=opening)
    client.force_login(jobhunter)
    response = _drop(client, match, S.AANBOD)
    page = response.content.decode()
    assert response.status_code == 400
    assert "is niet verplaatst" in page
    assert "Van “Voorgesteld” kan een match niet naar “Aanbod gedaan”." in page
    assert f'data-status="{S.VOORGESTELD}"' in page  # the card goes back
    match.refresh_from_db()
    assert match.status == S.VOORGESTELD


def test_a_drop_on_a_stale_card_is_refused_as_a_conflict(
    client, jobhunter, student_profile, opening
):
    match = match_propose(proposer=jobhunter, student=student_profile, opening=opening)
    stale = match.version
    client.force_login(jobhunter)
    assert _drop(client, match, S.INTERESSE_STUDENT).status_code == 200
    response = _drop(client, match, S.INTERESSE_WERKGEVER, version=stale)
    assert response.status_code == 409
    assert "Iemand anders heeft deze match net aangepast" in response.content.decode()
    match.refresh_from_db()
    assert match.status == S.INTERESSE_STUDENT


def test_a_drop_that_breaks_a_hard_rule_is_refused_with_the_rule(
    client, jobhunter, student_profile, opening
):
    match = match_propose(proposer=jobhunter, student=student_profile, opening=opening)
    opening.min_age = 25
    opening.save(update_fields=["min_age"])
    client.force_login(jobhunter)
    response = _drop(client, match, S.INTERESSE_STUDENT)
    page = response.content.decode()
    assert response.status_code == 400 and "is niet verplaatst" in page
    assert "25" in page  # the rule, with the age it asks
    match.refresh_from_db()
    assert match.status == S.VOORGESTELD


def test_a_step_that_needs_a_date_points_to_the_form(client, jobhunter, student_profile, opening):
    match = match_propose(proposer=jobhunter, student=student_profile, opening=opening)
    Match.objects.filter(pk=match.pk).update(status=S.INTERESSE_WERKGEVER)
    match.refresh_from_db()
    client.force_login(jobhunter)
    page = _drop(client, match, S.KENNISMAKING).content.decode()
    assert "Kies een datum en tijd voor de kennismaking." in page
    assert reverse("werk:match", args=[match.pk]) in page


def test_the_board_marks_only_the_columns_a_card_may_move_to(
    client, jobhunter, student_profile, opening
):
    match = match_propose(proposer=jobhunter, student=student_profile, opening=opening)
    client.force_login(jobhunter)
    page = client.get(reverse("werk:board")).content.decode()
    assert f'data-drop-to="{S.INTERESSE_STUDENT} {S.INTERESSE_WERKGEVER}"' in page
    assert f'data-move-url="{reverse("werk:match-step", args=[match.pk])}"' in page


def test_the_inbox_is_paged_the_newest_first(client, jobhunter):
    from marketplace.models import Notification

    for i in range(selectors.INBOX_PER_PAGE + 1):
        Notification.objects.create(user=jobhunter, key=f"t:{i}", title=f"Bericht{i:02d}")
    client.force_login(jobhunter)
    first = client.get(reverse("werk:inbox")).content.decode()
    newest, oldest = f"Bericht{selectors.INBOX_PER_PAGE:02d}", "Bericht00"
    assert newest in first and oldest not in first and "?pagina=2" in first
    assert oldest in client.get(reverse("werk:inbox"), {"pagina": 2}).content.decode()


def test_my_tasks_are_paged_apart_from_the_caseload(client, school, jobhunter):
    from marketplace.models import ActionItem

    student = _case(school, jobhunter, "Taakkind")
    for i in range(selectors.TASKS_PER_PAGE + 1):
        ActionItem.objects.create(
            student=student,
            kind=ActionItem.Kind.NEXT_STEP,
            title=f"Taak{i:02d}",
            due_date=timezone.localdate() + datetime.timedelta(days=i),
            assigned_to=jobhunter,
        )
    client.force_login(jobhunter)
    first = client.get(reverse("werk:caseload")).content.decode()
    assert "Taak00" in first and f"Taak{selectors.TASKS_PER_PAGE:02d}" not in first
    assert "?taken=2" in first
    second = client.get(reverse("werk:caseload"), {"taken": 2}).content.decode()
    assert f"Taak{selectors.TASKS_PER_PAGE:02d}" in second and "Taakkind" in second
