"""Every read of a young person's data is logged: a walk over the permission matrix.

Each row that answers 200 to a GET runs as its persona. A route marked PERSONAL_DATA in the
matrix must leave an access-log row for that persona (unless the persona is the young person
themselves); any other route whose answer names a student of the cast (name or e-mail) must too,
so a new page that shows someone cannot slip through unmarked.
"""

import re

import pytest

from events.models import Registration
from marketplace.models import AccessLog, StudentProfile
from tests.permissions.matrix import MATRIX, PERSONAL_DATA
from tests.permissions.test_matrix import _request, site_urls

OK_READS = [row for row in MATRIX if row[3] == "get" and row[4] == 200]

# Rows of a marked route where the persona has nobody to see, so nothing is logged.
NOBODY_TO_SHOW = {
    ("werkcoach", "home"): "the werkcoach has no caseload: only handovers sent to them",
    ("werkcoach", "werk:caseload"): "the werkcoach has no caseload: only handovers sent to them",
}

# Distinct names, so a page that shows a student is recognised (the factories' names repeat).
NAMES = ("Sanne Zwaagstra", "Tom Hoogeveenstra", "Noor Kwakkelstein")


def _cast(world) -> list[StudentProfile]:
    students = [
        world.own.objects["student"],
        world.other.objects["student"],
        world.shared["child_without_consent"],
    ]
    for student, name in zip(students, NAMES, strict=True):
        first, last = name.split(" ")
        student.user.first_name, student.user.last_name = first, last
        student.user.save(update_fields=["first_name", "last_name"])
    return students


def _named(students, content: str) -> set[int]:
    found = set()
    for student in students:
        full = re.escape(student.user.get_full_name())
        if re.search(full, content) or student.user.email in content:
            found.add(student.pk)
    return found


def test_every_route_marked_personal_is_a_real_url_with_a_read_in_the_matrix():
    names = {name for name, _args, _route in site_urls()}
    assert set(PERSONAL_DATA) <= names
    read = {row[1] for row in OK_READS}
    assert sorted(set(PERSONAL_DATA) - read) == []


@pytest.mark.parametrize(
    ("persona", "name", "which", "method", "status"),
    OK_READS,
    ids=[f"{p}-{n}-{w}" for p, n, w, _m, _s in OK_READS],
)
def test_a_route_that_shows_a_young_persons_data_logs_the_read(
    world, persona, name, which, method, status
):
    students = _cast(world)
    # The own side's student goes to the shared event, so its pages have someone to show.
    Registration.objects.create(event=world.shared["event"], user=students[0].user)
    user = world.user(persona)
    before = AccessLog.objects.order_by("-pk").values_list("pk", flat=True).first() or 0
    response = _request(world, persona, name, which, method)
    assert response.status_code == status
    content = b"".join(response) if response.streaming else response.content
    own = {s.pk for s in students if user is not None and s.user_id == user.pk}
    shown = _named(students, content.decode("utf-8", "replace")) - own
    logged = set(
        AccessLog.objects.filter(pk__gt=before, user=user).values_list("student_id", flat=True)
    )
    marked = name in PERSONAL_DATA and (persona, name) not in NOBODY_TO_SHOW
    if user is not None and marked and persona != "student":
        assert logged, f"{name} as {persona} shows personal data and logs nothing"
    missing = {s.user.get_full_name() for s in students if s.pk in shown - logged}
    assert not missing, f"{name} as {persona} shows {sorted(missing)} without logging it"
