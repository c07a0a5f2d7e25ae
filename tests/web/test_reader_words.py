"""What a student and a parent read: each status in plain words with the next step and its
date, "Waarom past dit?" in three blocks whose counts match their lists, in Dutch and English."""

import datetime
import re
from html import unescape

import pytest
from django.conf import settings
from django.urls import reverse
from django.utils import timezone

from marketplace.models import CheckIn, Match, Placement, StudentCompetency
from matching.models import Certificate
from tests import factories as f

pytestmark = pytest.mark.django_db

MEETING = datetime.datetime(2099, 1, 15, 10, 0)  # far ahead: the test never expires
START = datetime.date(2027, 2, 1)
CHECKIN = datetime.date(2099, 3, 4)  # a check-in still to come

# status, how the match stands, what the student reads, what the parent reads (Dutch)
DUTCH = [
    (
        "voorgesteld",
        {},
        "Je begeleider denkt dat deze plek bij je past. Kijk of de plek bij je past en zeg "
        "binnen 5 werkdagen ja of nee.",
        "De begeleider van Alex denkt dat deze plek past. Alex kijkt of de plek past en zegt "
        "binnen 5 werkdagen ja of nee.",
    ),
    (
        "interesse_student",
        {"student_response": "ja"},
        "Je hebt interesse laten zien. De werkgever reageert meestal binnen 5 werkdagen.",
        "Alex heeft interesse laten zien. De werkgever reageert meestal binnen 5 werkdagen.",
    ),
    (
        "interesse_werkgever",
        {"student_response": "ja", "employer_response": "ja"},
        "Jij en de werkgever willen allebei verder.",
        "Alex en de werkgever willen allebei verder.",
    ),
    (
        "kennismaking",
        {"meeting_at": MEETING},
        "Het gesprek is op 15 januari 2099 om 10:00.",
        "Het gesprek is op 15 januari 2099 om 10:00.",
    ),
    (
        "kennismaking",
        {"meeting_at": datetime.datetime(2020, 1, 15, 10, 0)},
        "Je had een kennismakingsgesprek bij Bedrijf",
        "Alex had een kennismakingsgesprek bij Bedrijf",
    ),
    (
        "aanbod",
        {},
        "biedt je de plek aan. Laat je begeleider binnen 5 werkdagen weten of je ja zegt.",
        "biedt Alex de plek aan. Alex laat binnen 5 werkdagen weten of het een ja is.",
    ),
    (
        "geplaatst",
        {"placement": START},
        "Je hebt de plek! Je eerste werkdag is 1 februari 2027.",
        "Alex heeft de plek! De eerste werkdag is 1 februari 2027.",
    ),
    (
        "gestart",
        {"placement": START, "checkin": CHECKIN},
        "Je werkt hier sinds 1 februari 2027. Op 4 maart 2099 vraagt je begeleider hoe het gaat.",
        "Alex werkt hier sinds 1 februari 2027. Op 4 maart 2099 vraagt de begeleider hoe het gaat.",
    ),
    (
        "afgewezen",
        {"student_response": "nee"},
        "Je hebt gezegd dat deze plek niet bij je past. Je begeleider zoekt met je verder.",
        "Alex heeft gezegd dat deze plek niet past. De begeleider zoekt met Alex verder.",
    ),
]
ENGLISH = {
    "voorgesteld": (
        "Your coach thinks this place suits you. Check whether the place suits you and say yes "
        "or no within 5 working days.",
        "Alex's coach thinks this place suits them. Alex checks whether the place suits them "
        "and says yes or no within 5 working days.",
    ),
    "interesse_student": (
        "You showed interest. The employer usually replies within 5 working days.",
        "Alex showed interest. The employer usually replies within 5 working days.",
    ),
    "kennismaking": (
        "The meeting is on 15 January 2099 at 10:00.",
        "The meeting is on 15 January 2099 at 10:00.",
    ),
    "geplaatst": (
        "You got the place! Your first working day is 1 February 2027.",
        "Alex got the place! The first working day is 1 February 2027.",
    ),
}
STAFF_WORDS = ("Interesse student", "Interesse werkgever", "Kennismaking gepland", "Voorgesteld")


def _match(student_profile, opening, status, how) -> Match:
    how = dict(how)
    start = how.pop("placement", None)
    checkin = how.pop("checkin", None)
    if "meeting_at" in how:
        how["meeting_at"] = timezone.make_aware(how["meeting_at"])
    match = Match.objects.create(student=student_profile, opening=opening, status=status, **how)
    if start:
        placement = Placement.objects.create(match=match, start_date=start)
        if checkin:
            CheckIn.objects.create(placement=placement, week=2, planned_for=checkin)
    return match


def _text(html: str) -> str:
    """The page's words without tags, one space between them."""
    text = re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html)).replace(" .", ".")
    return unescape(text)


def _english(client):
    client.post(reverse("set_language"), {"language": "en", "next": "/"})
    assert client.cookies[settings.LANGUAGE_COOKIE_NAME].value == "en"


@pytest.mark.parametrize(("status", "how", "student_reads", "parent_reads"), DUTCH)
def test_a_student_reads_each_status_in_plain_words_with_the_next_step(
    client, student_profile, opening, status, how, student_reads, parent_reads
):
    match = _match(student_profile, opening, status, how)
    client.force_login(student_profile.user)
    page = _text(client.get(reverse("match-detail", args=[match.pk])).content.decode())
    assert student_reads in page
    assert not [word for word in STAFF_WORDS if word in page]
    mine = _text(client.get(reverse("student-matches")).content.decode())
    assert student_reads.split(". ")[0] in mine


@pytest.mark.parametrize(("status", "how", "student_reads", "parent_reads"), DUTCH)
def test_a_parent_reads_each_status_about_their_child_in_the_third_person(
    client, parent, student_profile, opening, status, how, student_reads, parent_reads
):
    _match(student_profile, opening, status, how)
    client.force_login(parent)
    page = _text(client.get(reverse("parent-child", args=[student_profile.pk])).content.decode())
    assert parent_reads in page
    assert not [word for word in STAFF_WORDS if word in page]


@pytest.mark.parametrize("status", sorted(ENGLISH))
def test_in_english_the_student_and_the_parent_read_the_status_in_english(
    client, parent, student_profile, opening, status
):
    how = next(row[1] for row in DUTCH if row[0] == status)
    match = _match(student_profile, opening, status, how)
    student_reads, parent_reads = ENGLISH[status]
    client.force_login(student_profile.user)
    _english(client)
    page = _text(client.get(reverse("match-detail", args=[match.pk])).content.decode())
    assert student_reads in page
    client.force_login(parent)
    _english(client)
    page = _text(client.get(reverse("parent-child", args=[student_profile.pk])).content.decode())
    assert parent_reads in page


def test_the_employer_still_reads_the_pipelines_own_step_names(
    client, employer_member, student_profile, opening
):
    match = _match(student_profile, opening, "interesse_student", {"student_response": "ja"})
    client.force_login(employer_member)
    page = client.get(reverse("match-detail", args=[match.pk])).content.decode()
    assert "Interesse student" in page and "Je hebt interesse" not in page


# --- "Waarom past dit?" ------------------------------------------------------------------


@pytest.fixture
def explained_opening(student_profile, opening):
    """A place asking two skills (the student has one) and a certificate they lack, offering a
    praktijkbegeleider; the student needs a jobcoach (student_profile's support need)."""
    has, lacks, nice = (f.CompetencyFactory(name=n) for n in ("Orderpicken", "Heftruck", "Tillen"))
    StudentCompetency.objects.create(student=student_profile, competency=has, level=2)
    opening.required_competencies.add(has, lacks)
    opening.nice_competencies.add(nice)
    opening.required_certificates.add(Certificate.objects.create(name="VCA basis"))
    opening.support_offered = ["praktijkbegeleider"]
    opening.save()
    from marketplace.services.ranking_changes import ranking_inputs_changed

    ranking_inputs_changed(kind="all")
    return opening


def _blocks(html: str) -> dict[str, tuple[int, list[str]]]:
    """Per block: the count it states and the items it lists."""
    out = {}
    for key, count, body in re.findall(
        r'<section class="why-block why-block--(\w+)" data-count="(\d+)">(.*?)</section>',
        html,
        re.S,
    ):
        stated = re.search(r'class="why-count">\((\d+)\)', body)
        assert stated and stated.group(1) == count
        items = [_text(i).strip() for i in re.findall(r"<li>(.*?)</li>", body, re.S)]
        out[key] = (int(count), items)
    return out


def test_why_it_fits_has_three_blocks_whose_counts_match_their_lists(
    client, student_profile, explained_opening
):
    client.force_login(student_profile.user)
    html = client.get(reverse("student-opening", args=[explained_opening.pk])).content.decode()
    blocks = _blocks(html)
    assert set(blocks) == {"can", "learn", "help"}
    for count, items in blocks.values():
        assert count == len(items)
    assert blocks["can"][1] == ["Orderpicken"]
    assert sorted(blocks["learn"][1]) == ["Heftruck", "Tillen", "certificaat VCA basis"]
    assert blocks["help"][1] == ["Vaste praktijkbegeleider"]
    text = _text(html)
    assert "Je kunt al 1 van de 4 dingen die ze vragen." in text
    assert "Vraag of ze dit kunnen bieden: Jobcoach welkom." in text


def test_support_needs_are_never_listed_as_what_the_student_can(
    client, student_profile, explained_opening
):
    explained_opening.support_offered = ["praktijkbegeleider", "jobcoach"]
    explained_opening.save()
    from marketplace.services.ranking_changes import ranking_inputs_changed

    ranking_inputs_changed(kind="all")
    client.force_login(student_profile.user)
    html = client.get(reverse("student-opening", args=[explained_opening.pk])).content.decode()
    blocks = _blocks(html)
    assert "Jobcoach welkom" not in blocks["can"][1]
    assert blocks["help"][1] == ["Jobcoach welkom", "Vaste praktijkbegeleider"]
    assert blocks["help"][0] == 2


def test_the_list_of_places_explains_each_place_in_the_same_three_blocks(
    client, student_profile, explained_opening
):
    client.force_login(student_profile.user)
    html = client.get(reverse("student-matches")).content.decode()
    blocks = _blocks(html)
    assert blocks["can"] == (1, ["Orderpicken"]) and blocks["learn"][0] == 3


def test_in_english_the_blocks_have_english_titles(client, student_profile, explained_opening):
    client.force_login(student_profile.user)
    _english(client)
    text = _text(
        client.get(reverse("student-opening", args=[explained_opening.pk])).content.decode()
    )
    assert "What you can already do (1)" in text and "What you learn here (3)" in text
    assert "Help you get here (1)" in text
