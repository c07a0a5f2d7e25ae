"""Notes on a match: internal to the workspace by default, shared only when the writer shares
them; no part of the API shows an internal note to the student, the parent or the employer."""

import pytest
from django.urls import reverse
from rest_framework.test import APIClient

from marketplace.models import TimelineEntry
from marketplace.selectors import match_timeline
from marketplace.services.matches import match_propose
from tests.permissions.matrix import URL_LITERALS
from tests.permissions.test_matrix import site_urls

pytestmark = pytest.mark.django_db
INTERNAL_NOTE = "Moeder belt liever na zestienhonderd uur"
SHARED_NOTE = "Neem je identiteitskaart mee naar de kennismaking"


@pytest.fixture
def proposed(jobhunter, student_profile, opening):
    return match_propose(proposer=jobhunter, student=student_profile, opening=opening)


def _notes(match) -> str:
    return f"/api/v1/mediation/matches/{match.pk}/notes/"


def _write(client, match, note: str, version: int, **extra):
    return client.post(_notes(match) + "create/", {"version": version, "note": note, **extra})


def test_a_note_is_internal_unless_its_writer_shares_it(as_user, jobhunter, proposed):
    client = as_user(jobhunter)
    first = _write(client, proposed, INTERNAL_NOTE, 1)
    assert first.status_code == 201 and first.json()["version"] == 2
    second = _write(client, proposed, SHARED_NOTE, 2, note_visibility="gedeeld")
    assert second.status_code == 201
    entries = client.get(_notes(proposed)).json()["results"]
    by_note = {e["note"]: e["note_visibility"] for e in entries}
    assert by_note[INTERNAL_NOTE] == "intern" and by_note[SHARED_NOTE] == "gedeeld"


def test_a_note_with_a_stale_version_is_a_409_and_not_written(as_user, jobhunter, proposed):
    client = as_user(jobhunter)
    assert _write(client, proposed, "Eerste", 1).status_code == 201
    assert _write(client, proposed, INTERNAL_NOTE, 1).status_code == 409
    assert not TimelineEntry.objects.filter(note__contains=INTERNAL_NOTE).exists()


@pytest.mark.parametrize("body", [{"version": 1}, {"version": 1, "note": "x" * 1001}])
def test_an_empty_or_too_long_note_is_a_400(as_user, jobhunter, proposed, body):
    assert as_user(jobhunter).post(_notes(proposed) + "create/", body).status_code == 400
    proposed.refresh_from_db()
    assert proposed.version == 1


def _api_reads(objects: dict[str, int]) -> list[str]:
    """Every GET route of the API, each argument filled with each object's id in turn."""
    urls = []
    for name, args, _route in site_urls():
        if name in ("schema", "api-docs"):
            continue
        for pk in objects.values():
            kwargs = {a: URL_LITERALS.get(name, {}).get(a, pk) for a in args}
            try:
                url = reverse(name, kwargs=kwargs)
            except Exception:  # noqa: S112 - a route whose argument is not an id
                continue
            if url.startswith("/api/"):
                urls.append(url)
    return sorted(set(urls))


def test_an_internal_note_is_shown_by_no_api_to_the_student_parent_or_employer(
    as_user, jobhunter, proposed, parent, employer_member
):
    client = as_user(jobhunter)
    assert _write(client, proposed, INTERNAL_NOTE, 1).status_code == 201
    step = {"version": 2, "to_status": "afgewezen", "reason": INTERNAL_NOTE + " (reden)"}
    assert client.post(f"/api/v1/mediation/matches/{proposed.pk}/step/", step).status_code == 200
    student = proposed.student
    urls = _api_reads({"match": proposed.pk, "student": student.pk, "opening": proposed.opening_id})
    assert len(urls) > 10
    for reader in (student.user, parent, employer_member):
        reader_client = APIClient(raise_request_exception=False)
        reader_client.force_login(reader)
        for url in urls:
            content = reader_client.get(url).content.decode()
            assert INTERNAL_NOTE not in content, (reader.role, url)
        shown = [e.note for e in match_timeline(proposed, viewer=reader)]
        assert not any(INTERNAL_NOTE in note for note in shown)
    assert INTERNAL_NOTE in client.get(_notes(proposed)).content.decode()
