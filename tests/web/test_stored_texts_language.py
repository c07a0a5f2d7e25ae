"""Stored texts (inbox messages, tasks) and the vocabulary are read in the reader's language: a
page in English shows none of their Dutch, a page in Dutch none of their English; the API gives
the text in the request's language with its code and parameters."""

import datetime
import re
from html import unescape

import pytest
from django.conf import settings
from django.urls import reverse
from django.utils import timezone

from marketplace.models import ActionItem, Notification, StudentCompetency
from marketplace.services.matches import match_propose, match_student_interest
from matching.models import Competency
from tests import factories as f

pytestmark = pytest.mark.django_db

# What the stored rows and the vocabulary say in each language.
DUTCH = [
    "heeft interesse in",
    "Advies arbeid of doorstroom vastleggen",
    "Heftruck rijden",
    "Bekijk de match voor de details",
]
ENGLISH = [
    "is interested in",
    "Record the advice: work or further education",
    "Driving a forklift",
    "See the match for the details",
]


@pytest.fixture
def world(student_profile, opening, jobhunter, employer_member):
    """The student's interest in a place (a message for each party), a proposal of a second
    place they have not answered, a task for the jobhunter and a skill the place asks for and
    the student has. Returns the two matches."""
    forklift = Competency.objects.create(name="Heftruck rijden", name_en="Driving a forklift")
    opening.required_competencies.add(forklift)
    StudentCompetency.objects.create(student=student_profile, competency=forklift, level=2)
    interest = match_student_interest(
        student_user=student_profile.user, student=student_profile, opening=opening
    )
    other = f.OpeningFactory(location=opening.location)
    proposed = match_propose(proposer=jobhunter, student=student_profile, opening=other)
    ActionItem.objects.create(
        student=student_profile,
        kind=ActionItem.Kind.ADVIES,
        title="Advies arbeid of doorstroom vastleggen",
        code="task.advies",
        due_date=timezone.localdate() + datetime.timedelta(days=30),
        assigned_to=jobhunter,
    )
    return interest, proposed


def _text(html: str) -> str:
    return unescape(re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html)))


def _pages(client, world, jobhunter, student) -> str:
    """The jobhunter's inbox and task list, and the student's match and place pages, as one
    text."""
    client.force_login(jobhunter)
    pages = [client.get(reverse("werk:inbox")), client.get(reverse("werk:caseload"))]
    client.force_login(student)
    pages.append(client.get(reverse("match-detail", args=[world[0].pk])))
    pages.append(client.get(reverse("student-opening", args=[world[0].opening_id])))
    assert [p.status_code for p in pages] == [200, 200, 200, 200]
    return " ".join(_text(p.content.decode()) for p in pages)


def _in_english(client):
    client.post(reverse("set_language"), {"language": "en", "next": "/"})
    assert client.cookies[settings.LANGUAGE_COOKIE_NAME].value == "en"


def test_stored_texts_and_vocabulary_show_no_dutch_in_english(client, world, jobhunter, student):
    _in_english(client)
    page = _pages(client, world, jobhunter, student)
    assert [w for w in DUTCH if w in page] == []
    assert "is interested in" in page and "Driving a forklift" in page


def test_stored_texts_and_vocabulary_show_no_english_in_dutch(client, world, jobhunter, student):
    page = _pages(client, world, jobhunter, student)
    assert [w for w in ENGLISH if w in page] == []
    assert "heeft interesse in" in page and "Heftruck rijden" in page


def test_an_inbox_message_names_the_student_and_the_place_and_links_to_the_match(
    client, world, jobhunter, student_profile, opening
):
    note = Notification.objects.get(user=jobhunter, code="match.interest")
    assert note.params["match"] == world[0].pk
    client.force_login(jobhunter)
    page = _text(client.get(reverse("werk:inbox")).content.decode())
    assert f"{student_profile.user.get_full_name()} heeft interesse in {opening.title}" in page
    opened = client.post(reverse("werk:inbox-read", args=[note.pk]), {"open": "1"})
    assert opened.url == reverse("match-detail", args=[world[0].pk])


def test_an_employer_reads_the_alias_until_the_student_shares_their_name(
    world, employer_member, student_profile
):
    name = student_profile.user.get_full_name()
    proposed = Notification.objects.get(user=employer_member, code="match.proposed")
    assert name not in proposed.display_title and name not in str(proposed.params)
    assert "Kandidaat " in proposed.display_title
    interested = Notification.objects.get(user=employer_member, code="match.interest")
    assert interested.display_title.startswith(name)


def test_the_api_gives_the_message_in_the_request_language_with_code_and_parameters(
    api_client, world, jobhunter, student_profile, opening
):
    api_client.force_authenticate(jobhunter)
    url = reverse("api-notifications")
    dutch = api_client.get(url, HTTP_ACCEPT_LANGUAGE="nl").json()["results"]
    english = api_client.get(url, HTTP_ACCEPT_LANGUAGE="en").json()["results"]
    interest = next(n for n in english if n["code"] == "match.interest")
    assert interest["title"] == (
        f"{student_profile.user.get_full_name()} is interested in {opening.title}"
    )
    assert interest["params"]["opening"] == opening.title
    assert interest["url"] == reverse("match-detail", args=[world[0].pk])
    assert any("heeft interesse in" in n["title"] for n in dutch)
    api_client.force_authenticate(student_profile.user)
    english = api_client.get(url, HTTP_ACCEPT_LANGUAGE="en").json()["results"]
    proposed = next(n for n in english if n["code"] == "match.proposed")
    assert proposed["title"] == f"A place has been suggested for you: {world[1].opening.title}"


def test_a_row_without_a_code_shows_its_stored_text(jobhunter):
    note = Notification.objects.create(user=jobhunter, key="old", title="Oud bericht", url="/werk/")
    assert (note.display_title, note.link) == ("Oud bericht", "/werk/")


def test_the_vocabulary_is_named_in_the_active_language(settings):
    from django.utils import translation

    sector = f.SectorFactory(name_en="Logistics")
    with translation.override("en"):
        assert (sector.display_name, str(sector)) == ("Logistics", "Logistics")
    assert sector.display_name == "Logistiek"
