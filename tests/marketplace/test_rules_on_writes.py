"""The engine's hard rules guard every write that creates or moves a match or a placement:
proposing, the student's interest, the employer's yes, the offer and the placement. A refused
write names the rule with its facts and writes nothing. Pages hide what a rule forbids and say
why; the admin cannot move a match."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from employers.models import Opening
from marketplace.models import (
    Match,
    MatchStatus,
    Notification,
    Placement,
    StudentCompetency,
    TimelineEntry,
)
from marketplace.services.matches import (
    match_employer_interest,
    match_move,
    match_propose,
    match_student_interest,
    placement_create,
)
from marketplace.services.matching_records import student_records
from marketplace.services.ranking import ranked_candidates_for_opening
from marketplace.services.rules import failures_by_student, pair_failures, rule_messages
from matching.engine import RULE_CODES, RuleFailure
from matching.models import Competency, Werkproces
from tests import factories as f

S = MatchStatus
pytestmark = pytest.mark.django_db
MEETING = datetime.datetime(2027, 1, 10, 14, tzinfo=datetime.UTC)


@pytest.fixture
def finn(school, jobhunter):
    """A PrO student who is 15 on the start date of every place below (1 February 2027)."""
    return f.StudentProfileFactory(
        user=f.UserFactory(first_name="Finn"),
        school=school,
        jobhunter=jobhunter,
        education_type="pro",
        level=0,
        leerweg="",
        qualification=None,
        date_of_birth=datetime.date(2011, 6, 1),
    )


def _place(employer, **kw) -> Opening:
    return f.OpeningFactory(location=f.LocationFactory(employer=employer), **kw)


@pytest.fixture
def night_shift(employer):
    return _place(employer, title="Nachtdienst magazijn", night_work=True)


@pytest.fixture
def adults_only(employer):
    return _place(employer, title="Bediening in het café", min_age=18)


@pytest.fixture
def day_shift(employer):
    return _place(employer, title="Dagdienst magazijn")


def _nothing_written():
    assert not Match.objects.exists()
    assert not TimelineEntry.objects.exists()
    assert not Notification.objects.exists()


# --- proposing and showing interest ------------------------------------------------------


def test_a_15_year_old_cannot_be_proposed_for_night_work(jobhunter, finn, night_shift):
    with pytest.raises(ValidationError) as refused:
        match_propose(proposer=jobhunter, student=finn, opening=night_shift)
    assert refused.value.messages == [
        "Dit is nachtwerk. Onder de 18 mag je geen nachtwerk doen. Finn is op de startdatum 15."
    ]
    _nothing_written()


def test_a_15_year_old_cannot_be_proposed_for_an_18_plus_place(jobhunter, finn, adults_only):
    with pytest.raises(ValidationError) as refused:
        match_propose(proposer=jobhunter, student=finn, opening=adults_only)
    assert refused.value.messages == ["Deze plek is vanaf 18 jaar. Finn is op de startdatum 15."]
    _nothing_written()


def test_a_15_year_old_can_be_proposed_for_a_day_shift(jobhunter, finn, day_shift):
    match = match_propose(proposer=jobhunter, student=finn, opening=day_shift)
    assert match.status == S.VOORGESTELD


@pytest.mark.parametrize(
    ("place", "message"),
    [
        ("night_shift", "Onder de 18 mag je geen nachtwerk doen. Jij bent op de startdatum 15."),
        ("adults_only", "Deze plek is vanaf 18 jaar. Jij bent op de startdatum 15."),
    ],
)
def test_a_15_year_old_cannot_show_interest_in_night_work_or_an_18_plus_place(
    request, finn, place, message
):
    opening = request.getfixturevalue(place)
    with pytest.raises(ValidationError, match=message) as refused:
        match_student_interest(student_user=finn.user, student=finn, opening=opening)
    assert "Finn" not in str(refused.value.messages)  # addressed to Finn, not about Finn
    _nothing_written()


def test_a_bol_student_is_not_matched_to_a_bbl_leerbaan(jobhunter, student_profile, employer):
    leerbaan = _place(employer, kind="leerbaan", leerweg="bbl", title="Leerbaan monteur")
    with pytest.raises(ValidationError) as refused:
        match_propose(proposer=jobhunter, student=student_profile, opening=leerbaan)
    assert "Deze plek is voor BBL-studenten. Alex doet BOL." in refused.value.messages
    _nothing_written()


def test_a_bol_student_is_matched_to_a_bpv_plek_for_bol_students(
    jobhunter, student_profile, employer
):
    for_bol = _place(employer, leerweg="bol")
    assert match_propose(proposer=jobhunter, student=student_profile, opening=for_bol).pk


def test_a_place_beyond_the_travel_radius_names_the_km_and_the_radius(
    jobhunter, student_profile, employer
):
    far = f.PlaceFactory(name="Assen", latitude=52.9925, longitude=6.5625)
    assen = f.OpeningFactory(location=f.LocationFactory(employer=employer, place=far))
    with pytest.raises(ValidationError) as refused:
        match_propose(proposer=jobhunter, student=student_profile, opening=assen)
    assert refused.value.messages == ["Deze plek is 25 km van huis; de reisafstand is 20 km."]


# --- moves of a running match: the rules can change after the proposal -------------------


@pytest.fixture
def proposed(jobhunter, student_profile, opening):
    return match_propose(proposer=jobhunter, student=student_profile, opening=opening)


def _becomes_night_work(opening: Opening) -> None:
    """The employer changes the place after the proposal; the student is 18 on the start date,
    so make them younger instead of touching the law."""
    Opening.objects.filter(pk=opening.pk).update(night_work=True)


def _younger(match: Match) -> None:
    match.student.date_of_birth = datetime.date(2011, 6, 1)
    match.student.save(update_fields=["date_of_birth"])


NEUTRAL = (
    "Deze kandidaat past nu niet bij een harde regel van deze plek (zoals leeftijd, afstand, "
    "uren of erkenning). De begeleider van de jongere weet dit."
)


def test_the_employers_yes_is_refused_when_a_rule_now_fails(proposed, employer_member):
    _becomes_night_work(proposed.opening)
    _younger(proposed)
    with pytest.raises(ValidationError) as refused:
        match_employer_interest(
            employer_user=employer_member, match=proposed, expected_version=proposed.version
        )
    assert refused.value.messages == [NEUTRAL]
    proposed.refresh_from_db()
    assert (proposed.employer_response, proposed.version) == ("", 1)


def test_the_students_yes_on_a_proposal_is_refused_when_a_rule_now_fails(proposed, student):
    _becomes_night_work(proposed.opening)
    _younger(proposed)
    with pytest.raises(ValidationError) as refused:
        match_student_interest(
            student_user=student, student=proposed.student, opening=proposed.opening
        )
    assert refused.value.messages == [
        "Dit is nachtwerk. Onder de 18 mag je geen nachtwerk doen. Jij bent op de startdatum 15."
    ]
    proposed.refresh_from_db()
    assert (proposed.status, proposed.student_response) == (S.VOORGESTELD, "")


def _to(match: Match, actor, *steps) -> Match:
    for step in steps:
        match = match_move(
            actor=actor,
            match=match,
            to_status=step,
            expected_version=match.version,
            meeting_at=MEETING,
        )
    return match


def test_the_offer_is_refused_when_a_rule_now_fails(proposed, jobhunter):
    met = _to(proposed, jobhunter, S.INTERESSE_STUDENT, S.INTERESSE_WERKGEVER, S.KENNISMAKING)
    _younger(met)
    Opening.objects.filter(pk=met.opening_id).update(min_age=18)
    with pytest.raises(ValidationError, match="Deze plek is vanaf 18 jaar"):
        _to(met, jobhunter, S.AANBOD)
    met.refresh_from_db()
    assert met.status == S.KENNISMAKING


def test_a_minor_cannot_be_placed_on_night_work_and_nothing_is_written(proposed, jobhunter):
    offered = _to(
        proposed, jobhunter, S.INTERESSE_STUDENT, S.INTERESSE_WERKGEVER, S.KENNISMAKING, S.AANBOD
    )
    _becomes_night_work(offered.opening)
    _younger(offered)
    steps = offered.timeline.count()
    with pytest.raises(ValidationError, match="Dit is nachtwerk"):
        _to(offered, jobhunter, S.GEPLAATST)
    offered.refresh_from_db()
    opening = Opening.objects.get(pk=offered.opening_id)
    assert offered.status == S.AANBOD and offered.timeline.count() == steps
    assert not Placement.objects.exists() and opening.places_filled == 0


def test_placement_create_itself_asks_the_rules(proposed, jobhunter):
    _becomes_night_work(proposed.opening)
    _younger(proposed)
    with pytest.raises(ValidationError, match="Dit is nachtwerk"):
        placement_create(actor=jobhunter, match=proposed)
    assert not Placement.objects.exists()


def _offered(proposed, jobhunter) -> Match:
    return _to(
        proposed, jobhunter, S.INTERESSE_STUDENT, S.INTERESSE_WERKGEVER, S.KENNISMAKING, S.AANBOD
    )


def _place_on(match: Match, actor, day: datetime.date) -> Match:
    return match_move(
        actor=actor,
        match=match,
        to_status=S.GEPLAATST,
        expected_version=match.version,
        start_date=day,
    )


def test_a_first_working_day_before_the_places_start_date_is_refused(proposed, jobhunter):
    """The age rules are stated on the place's start date: an earlier first day could place a
    17-year-old in an 18+ night-work place."""
    offered = _offered(proposed, jobhunter)
    steps = offered.timeline.count()
    day_before = offered.opening.start_date - datetime.timedelta(days=1)
    with pytest.raises(ValidationError) as refused:
        _place_on(offered, jobhunter, day_before)
    assert list(refused.value.message_dict) == ["start_date"]
    assert "vóór de startdatum van de plek (1 februari 2027)" in refused.value.messages[0]
    offered.refresh_from_db()
    assert offered.status == S.AANBOD and offered.timeline.count() == steps
    assert not Placement.objects.exists()
    assert Opening.objects.get(pk=offered.opening_id).places_filled == 0


def test_a_first_working_day_after_the_places_end_date_is_refused(proposed, jobhunter):
    end = proposed.opening.start_date + datetime.timedelta(days=90)
    Opening.objects.filter(pk=proposed.opening_id).update(end_date=end)
    offered = _offered(proposed, jobhunter)
    with pytest.raises(ValidationError) as refused:
        _place_on(offered, jobhunter, end + datetime.timedelta(days=1))
    assert "na de einddatum van de plek" in refused.value.message_dict["start_date"][0]
    assert not Placement.objects.exists()


def test_placement_create_itself_refuses_a_first_day_before_the_start(proposed, jobhunter):
    day_before = proposed.opening.start_date - datetime.timedelta(days=1)
    with pytest.raises(ValidationError, match="vóór de startdatum"):
        placement_create(actor=jobhunter, match=proposed, start_date=day_before)
    assert not Placement.objects.exists()


def test_a_first_working_day_on_or_after_the_places_start_date_is_accepted(proposed, jobhunter):
    day = proposed.opening.start_date + datetime.timedelta(days=7)
    placed = _place_on(_offered(proposed, jobhunter), jobhunter, day)
    assert placed.placement.start_date == day


def test_a_match_that_breaks_a_rule_can_still_be_closed(proposed, jobhunter):
    _becomes_night_work(proposed.opening)
    _younger(proposed)
    closed = match_move(
        actor=jobhunter,
        match=proposed,
        to_status=S.INGETROKKEN,
        expected_version=proposed.version,
        reason="Het is nachtwerk.",
    )
    assert closed.status == S.INGETROKKEN


def test_a_full_place_refuses_a_new_proposal_with_a_clear_message(
    jobhunter, student_profile, opening
):
    Opening.objects.filter(pk=opening.pk).update(places_filled=1)
    with pytest.raises(ValidationError) as refused:
        match_propose(proposer=jobhunter, student=student_profile, opening=opening)
    assert refused.value.messages == ["Deze plek is vol: alle plekken zijn al bezet."]


def test_failures_for_many_students_equal_the_pairs_own_in_a_fixed_number_of_queries(
    django_assert_max_num_queries, finn, student_profile, night_shift
):
    with django_assert_max_num_queries(9):
        many = failures_by_student([finn, student_profile], night_shift)
    assert many == {s.pk: pair_failures(s, night_shift) for s in (finn, student_profile)}
    assert [f.code for f in many[finn.pk]] == ["night_work_minor"]


D = datetime.date
SAMPLES = {
    "closed": ({}, "niet meer open"),
    "full": ({"places_left": 0}, "alle plekken zijn al bezet"),
    "kind": (
        {"kind": "vacature", "allowed": ("bpv",)},
        "Dit is een vacature. Finn zoekt een BPV-plek.",
    ),
    "leerweg": ({"leerweg": "bol", "opening_leerweg": "bbl"}, "BBL-studenten. Finn doet BOL"),
    "recognition": (
        {"qualification_id": 3, "start": D(2027, 2, 1)},
        "op 1 februari 2027 geen erkend leerbedrijf voor de opleiding van Finn",
    ),
    "level": ({"level": 1, "min_level": 3}, "vanaf niveau 3. Finn doet niveau 1"),
    "min_age": ({"age": 15, "min_age": 16, "start": D(2027, 2, 1)}, "vanaf 16 jaar"),
    "night_work_minor": ({"age": 15, "adult_age": 18, "start": D(2027, 2, 1)}, "nachtwerk"),
    "distance": ({"km": 20.4, "radius_km": 20.0}, "20,4 km van huis; de reisafstand is 20 km"),
    "hours": ({"hours": 32.0, "max_hours": 16.0}, "32 uur per week. Finn kan 16 uur"),
    "dates": (
        {"start": D(2027, 2, 1), "end": None, "available_from": D(2027, 1, 1),
         "available_to": D(2027, 1, 15)},
        "begint op 1 februari 2027. Finn kan tot 15 januari 2027",
    ),
}  # fmt: skip


@pytest.mark.parametrize("code", RULE_CODES)
def test_every_hard_rule_has_a_dutch_sentence_that_names_its_facts(finn, day_shift, code):
    facts, expected = SAMPLES[code]
    [sentence] = rule_messages([RuleFailure(code, facts)], student=finn, opening=day_shift)
    assert expected in sentence


def test_a_student_reads_the_rule_addressed_to_them(finn, day_shift):
    failure = RuleFailure("hours", {"hours": 32.0, "max_hours": 16.0})
    sentences = rule_messages([failure], student=finn, opening=day_shift, reader="student")
    assert sentences == ["Deze plek is 32 uur per week. Jij kunt 16 uur per week."]


def test_the_kind_sentence_carries_the_article_in_each_kind_word(finn, day_shift):
    failure = RuleFailure("kind", {"kind": "leerbaan", "allowed": ("bpv", "vacature")})
    sentences = rule_messages([failure], student=finn, opening=day_shift, reader="student")
    assert sentences == ["Dit is een leerbaan. Jij zoekt een BPV-plek of een vacature."]


def test_an_employer_reads_the_places_own_facts_and_one_neutral_sentence(finn, day_shift):
    failures = [
        RuleFailure("full", {"places_left": 0}),
        RuleFailure("night_work_minor", {"age": 15, "adult_age": 18, "start": D(2027, 2, 1)}),
        RuleFailure("distance", {"km": 25.0, "radius_km": 20.0}),
    ]
    sentences = rule_messages(failures, student=finn, opening=day_shift, reader="employer")
    assert sentences == ["Deze plek is vol: alle plekken zijn al bezet.", NEUTRAL]


def test_the_employers_refused_yes_on_the_page_names_no_fact_of_the_candidate(
    client, proposed, employer_member
):
    _becomes_night_work(proposed.opening)
    _younger(proposed)
    # A name nobody else on the page has (the header names the signed-in employer).
    proposed.student.user.first_name = "Quirijntje"
    proposed.student.user.save(update_fields=["first_name"])
    client.force_login(employer_member)
    url = reverse("werkgever:respond", args=[proposed.pk])
    page = client.post(url, {"answer": "ja", "version": proposed.version}, follow=True)
    html = page.content.decode()
    assert NEUTRAL in html
    assert "startdatum" not in html and "nachtwerk" not in html
    assert proposed.student.user.first_name not in html


def test_an_employers_later_step_refused_by_a_rule_names_no_fact_of_the_candidate(
    proposed, jobhunter, employer_member
):
    both = _to(proposed, jobhunter, S.INTERESSE_STUDENT, S.INTERESSE_WERKGEVER)
    _younger(both)
    Opening.objects.filter(pk=both.opening_id).update(min_age=18)
    with pytest.raises(ValidationError) as refused:
        _to(both, employer_member, S.KENNISMAKING)
    assert refused.value.messages == [NEUTRAL]


def test_a_mediators_step_refused_by_a_rule_names_the_facts(proposed, jobhunter):
    _younger(proposed)
    Opening.objects.filter(pk=proposed.opening_id).update(min_age=18)
    with pytest.raises(ValidationError) as refused:
        _to(proposed, jobhunter, S.INTERESSE_STUDENT)
    name = proposed.student.user.get_short_name()
    assert refused.value.messages == [f"Deze plek is vanaf 18 jaar. {name} is op de startdatum 15."]


# --- pages: hide what a rule forbids and say why ------------------------------------------


def _student_page(client, student, opening) -> str:
    client.force_login(student.user)
    return client.get(reverse("student-opening", args=[opening.pk])).content.decode()


def test_the_place_page_hides_interest_and_explains_the_rule_to_a_minor(client, finn, night_shift):
    html = _student_page(client, finn, night_shift)
    assert "Ik heb interesse" not in html
    assert "Waarom staat deze plek niet in je lijst?" in html
    assert "Onder de 18 mag je geen nachtwerk doen. Jij bent op de startdatum 15." in html


def test_the_place_page_offers_interest_when_no_rule_fails(client, finn, day_shift):
    html = _student_page(client, finn, day_shift)
    assert "Ik heb interesse" in html
    assert "Waarom staat deze plek niet in je lijst?" not in html


def test_the_mediators_why_not_names_the_failing_rule(client, jobhunter, finn, night_shift):
    client.force_login(jobhunter)
    url = reverse("werk:student", args=[finn.pk])
    html = client.get(url, {"plek": "nachtdienst"}).content.decode()
    assert "Nachtdienst magazijn" in html
    assert "Dit is nachtwerk. Onder de 18 mag je geen nachtwerk doen." in html
    assert "Finn is op de startdatum 15." in html


def test_the_mediators_why_not_finds_a_place_by_number_and_says_no_rule_fails(
    client, jobhunter, finn, day_shift
):
    client.force_login(jobhunter)
    html = client.get(reverse("werk:student", args=[finn.pk]), {"plek": day_shift.pk})
    assert "Geen harde regel houdt deze plek tegen." in html.content.decode()


def test_the_mediators_why_not_says_when_nothing_is_found(client, jobhunter, finn):
    client.force_login(jobhunter)
    html = client.get(reverse("werk:student", args=[finn.pk]), {"plek": "astronaut"})
    assert "Geen plek gevonden met dit nummer of deze titel." in html.content.decode()


# --- the admin shows the pipeline's state but never moves it ------------------------------


def _form_data(response) -> dict:
    """What the admin's change form would post back unchanged."""
    data = {}
    forms = [response.context["adminform"].form]
    for inline in response.context["inline_admin_formsets"]:
        formset = inline.formset
        for name, value in formset.management_form.initial.items():
            data[f"{formset.prefix}-{name}"] = value
        forms += formset.forms
    for form in forms:
        for name in form.fields:
            value = form[name].value()
            if value not in (None, "", False):
                data[form.add_prefix(name)] = value
    return data


def test_the_admin_cannot_edit_a_matchs_status_or_version(client, superuser, proposed):
    client.force_login(superuser)
    url = reverse("admin:marketplace_match_change", args=[proposed.pk])
    page = client.get(url)
    assert "status" not in page.context["adminform"].form.fields
    # Case data is view-only in the admin (issue 16 review): nothing of a match changes here.
    data = {**_form_data(page), "status": S.GEPLAATST, "version": 99, "next_action": "Bellen"}
    assert client.post(url, data).status_code == 403
    proposed.refresh_from_db()
    assert (proposed.status, proposed.version) == (S.VOORGESTELD, 1)
    assert proposed.next_action != "Bellen"


def test_the_admin_cannot_share_a_students_name_for_them(client, superuser, proposed):
    client.force_login(superuser)
    url = reverse("admin:marketplace_match_change", args=[proposed.pk])
    page = client.get(url)
    fields = page.context["adminform"].form.fields
    assert not {"student_shares_profile", "source", "proposed_by"} & set(fields)
    data = {**_form_data(page), "student_shares_profile": "on", "source": "event"}
    assert client.post(url, data).status_code == 403  # view-only (issue 16 review)
    proposed.refresh_from_db()
    assert (proposed.student_shares_profile, proposed.source) == (False, "mediator")


def test_a_match_added_in_the_admin_asks_the_rules_and_saves_nothing_when_one_fails(
    client, superuser, finn, night_shift
):
    client.force_login(superuser)
    # A match is no longer added in the admin at all (case data is view-only there); the
    # workspace's pages propose one through the same rule-checked service.
    response = client.post(
        reverse("admin:marketplace_match_add"), {"student": finn.pk, "opening": night_shift.pk}
    )
    assert response.status_code == 403
    _nothing_written()


def test_a_match_added_in_the_admin_is_proposed_through_the_service(
    client, superuser, finn, day_shift
):
    client.force_login(superuser)
    response = client.post(
        reverse("admin:marketplace_match_add"), {"student": finn.pk, "opening": day_shift.pk}
    )
    assert response.status_code == 403  # view-only in the admin (issue 16 review)
    assert not Match.objects.filter(student=finn, opening=day_shift).exists()


# --- the records the rules and the scores read ---------------------------------------------


def test_a_students_record_carries_each_skill_level_and_the_achieved_werkprocessen(
    student_profile,
):
    learning, strong = f.CompetencyFactory(), f.CompetencyFactory()
    StudentCompetency.objects.create(student=student_profile, competency=learning, level=1)
    StudentCompetency.objects.create(student=student_profile, competency=strong, level=3)
    done = Werkproces.objects.create(
        qualification=student_profile.qualification, code="B1-K1-W1", name="Ontvangt goederen"
    )
    student_profile.werkprocessen_achieved.add(done)
    record = student_records([student_profile])[0]
    assert record.competency_levels == {(learning.pk, 1), (strong.pk, 3)}
    assert record.werkprocessen_achieved == {done.pk}


def test_the_match_page_hides_steps_a_rule_blocks_and_says_why(client, proposed, jobhunter):
    met = _to(proposed, jobhunter, S.INTERESSE_STUDENT, S.INTERESSE_WERKGEVER, S.KENNISMAKING)
    client.force_login(jobhunter)
    url = reverse("werk:match", args=[met.pk])
    before = client.get(url).content.decode()
    assert f'value="{S.AANBOD}"' in before and "harde regel past niet" not in before
    _younger(met)
    Opening.objects.filter(pk=met.opening_id).update(min_age=18)
    after = client.get(url).content.decode()
    assert f'value="{S.AANBOD}"' not in after
    assert "harde regel past niet" in after and "vanaf 18 jaar" in after
    assert f'value="{S.AFGEWEZEN}"' in after  # closing stays possible


def test_the_candidates_page_hides_the_employers_yes_when_a_rule_now_fails(
    client, proposed, employer_member
):
    client.force_login(employer_member)
    url = reverse("werkgever:candidates", args=[proposed.opening_id])
    yes = 'name="answer" value="ja"'
    assert yes in client.get(url).content.decode()
    _becomes_night_work(proposed.opening)
    _younger(proposed)
    html = client.get(url).content.decode()
    assert yes not in html and "een harde regel past niet" in html
    assert 'name="answer" value="nee"' in html  # saying no stays possible


# --- the admin adds no placement and changes none of the pipeline's facts -----------------


def test_the_admin_cannot_add_a_placement_outside_the_pipeline(client, superuser, proposed):
    client.force_login(superuser)
    url = reverse("admin:marketplace_placement_add")
    assert client.get(url).status_code == 403
    data = {"match": proposed.pk, "start_date": "2027-01-01", "status": "lopend"}
    assert client.post(url, data).status_code == 403
    assert not Placement.objects.exists()
    assert Opening.objects.get(pk=proposed.opening_id).places_filled == 0


def test_the_admin_cannot_change_a_placements_match_first_day_or_status(
    client, superuser, proposed, jobhunter
):
    placed = _place_on(_offered(proposed, jobhunter), jobhunter, proposed.opening.start_date)
    placement = placed.placement
    client.force_login(superuser)
    url = reverse("admin:marketplace_placement_change", args=[placement.pk])
    page = client.get(url)
    fields = page.context["adminform"].form.fields
    assert not {"match", "start_date", "status"} & set(fields)
    data = {**_form_data(page), "start_date": "2026-01-01", "status": "afgerond"}
    assert client.post(url, data).status_code == 403  # view-only (issue 16 review)
    placement.refresh_from_db()
    assert (placement.start_date, placement.status) == (proposed.opening.start_date, "lopend")


def test_the_admin_shows_a_matchs_timeline_read_only(client, superuser, proposed):
    client.force_login(superuser)
    url = reverse("admin:marketplace_match_change", args=[proposed.pk])
    page = client.get(url)
    [timeline] = page.context["inline_admin_formsets"]
    assert not timeline.has_add_permission and not timeline.has_change_permission
    entry = proposed.timeline.get()
    prefix = timeline.formset.prefix
    data = {
        **_form_data(page),
        f"{prefix}-0-note": "Anders opgeschreven",
        f"{prefix}-0-id": entry.pk,
        f"{prefix}-1-note": "Erbij verzonnen",
    }
    client.post(url, data)
    assert list(proposed.timeline.values_list("note", flat=True)) == [entry.note]


# --- an accountmanager sees a match only of a young person escalated to their region -------


def test_an_accountmanager_sees_a_match_only_once_the_student_is_escalated_to_their_region(
    client, accountmanager, proposed, other_region
):
    client.force_login(accountmanager)
    url = reverse("werk:match", args=[proposed.pk])
    assert client.get(url).status_code == 404
    f.EscalationFactory(student=proposed.student, region=other_region, reason="stilstand")
    assert client.get(url).status_code == 404  # escalated, but to another region
    f.EscalationFactory(student=proposed.student, region=accountmanager.region)
    assert client.get(url).status_code == 200


def test_an_accountmanager_no_longer_sees_the_young_person_once_the_case_is_resolved(
    client, accountmanager, proposed
):
    escalation = f.EscalationFactory(student=proposed.student, region=accountmanager.region)
    client.force_login(accountmanager)
    record = reverse("werk:student", args=[proposed.student.pk])
    assert client.get(record).status_code == 200
    escalation.status = "opgelost"
    escalation.save(update_fields=["status"])
    assert client.get(record).status_code == 404
    assert client.get(reverse("werk:match", args=[proposed.pk])).status_code == 404


# --- a listed pair without a score says how the match came about ----------------------------


@pytest.mark.parametrize(
    ("source", "sentence"),
    [
        (Match.Source.STUDENT, "De jongere heeft zelf interesse getoond."),
        (Match.Source.MEDIATOR, "Een begeleider heeft deze match toch gemaakt."),
    ],
)
def test_an_unscored_candidate_says_how_the_match_came_about(finn, night_shift, source, sentence):
    Match.objects.create(student=finn, opening=night_shift, source=source)
    [candidate] = ranked_candidates_for_opening(
        viewer=None, opening=night_shift, only_with_match=True
    )
    assert not candidate.scored
    assert sentence in candidate.reasons[0]


# --- an employer's edit that now rules out a running match tells the coach -----------------


def test_an_edit_that_rules_out_a_running_match_tells_the_coach_once(
    proposed, employer_member, jobhunter
):
    from employers.services import opening_save

    opening = proposed.opening
    _younger(proposed)  # the student is 15 on the start date
    data = {
        "min_age": 18,
        "required_competencies": [Competency.objects.create(name="Orderpicken")],
        "nice_competencies": [],
    }
    saved = opening_save(
        user=employer_member, employer=opening.employer, data=data, opening=opening
    )
    assert saved.coaches_told == 1
    told = Notification.objects.get(user=jobhunter, key__startswith=f"opening:{opening.pk}:rules")
    assert "vanaf 18 jaar" in told.body and told.url == reverse("werk:match", args=[proposed.pk])
    proposed.refresh_from_db()
    assert proposed.status == S.VOORGESTELD  # not stopped: the coach decides


def test_an_edit_that_keeps_every_match_within_the_rules_tells_nobody(proposed, employer_member):
    from employers.services import opening_save

    opening = proposed.opening
    data = {
        "title": "Orderpicker (nieuw)",
        "required_competencies": [Competency.objects.create(name="Orderpicken")],
        "nice_competencies": [],
    }
    saved = opening_save(
        user=employer_member, employer=opening.employer, data=data, opening=opening
    )
    assert saved.coaches_told == 0
    assert not Notification.objects.filter(key__contains=":rules:").exists()
