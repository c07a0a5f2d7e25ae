"""Runs the permission matrix against the real views, and checks that it covers every URL."""

import datetime

import pytest
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from tests import factories as f
from tests.permissions.matrix import (
    EXEMPT,
    FOREIGN,
    MATRIX,
    NONE,
    OWN,
    PERSONAS,
    URL_LITERALS,
    URL_OBJECTS,
)


def _walk(patterns, namespace=None):
    for pattern in patterns:
        if isinstance(pattern, URLResolver):
            inner = pattern.namespace
            if inner and namespace:
                inner = f"{namespace}:{inner}"
            if (inner or "") in EXEMPT:
                continue
            yield from _walk(pattern.url_patterns, inner or namespace)
        elif isinstance(pattern, URLPattern):
            name = pattern.name and (f"{namespace}:{pattern.name}" if namespace else pattern.name)
            yield name, list(pattern.pattern.converters), str(pattern.pattern)


def site_urls() -> list[tuple[str | None, list[str], str]]:
    """Every URL pattern of the site and the API outside EXEMPT: (name, arguments, route)."""
    return list(_walk(get_resolver().url_patterns))


def test_every_url_pattern_has_a_row_in_the_matrix():
    names = {name for name, _args, _route in site_urls()}
    assert {"home", "werk:escalate", "werkgever:candidates", "api-opening-candidates"} <= names
    covered = {row[1] for row in MATRIX} | set(EXEMPT)
    missing = sorted(name or route for name, _args, route in site_urls() if name not in covered)
    assert missing == []


def test_every_url_pattern_has_a_name_of_its_own():
    names = [name for name, _args, _route in site_urls()]
    assert None not in names
    assert sorted(n for n in set(names) if names.count(n) > 1) == []


def test_every_row_names_a_real_url_a_persona_and_an_object_when_the_url_has_one():
    arguments = {name: args for name, args, _route in site_urls()}
    for persona, name, which, method, status in MATRIX:
        assert persona in PERSONAS and method in ("get", "post") and 200 <= status < 500
        needs_object = name in URL_OBJECTS
        assert name in arguments, name
        assert (which in (OWN, FOREIGN)) == needs_object, (persona, name, which)
        assert bool(arguments[name]) == (needs_object or name in URL_LITERALS), name


@pytest.mark.parametrize(
    "row",
    [
        ("jpo", "werk:escalate", OWN, "post", 403),
        ("accountmanager_other", "werk:escalation", FOREIGN, "get", 404),
        ("jobhunter_other", "werk:student", FOREIGN, "get", 404),
        ("employer_other", "werkgever:candidates", FOREIGN, "get", 404),
        ("parent_no_consent", "parent-child", OWN, "get", 404),
    ],
)
def test_the_matrix_holds_the_cases_the_product_promises(row):
    assert row in MATRIX


# --- running the rows ---------------------------------------------------------------------------

QUERY = {"werkgever:picker": {"field": "required_competencies", "q": "heft"}}


def _today() -> str:
    return datetime.date.today().isoformat()


POST_DATA = {
    "student-opening-interest": lambda w, side, obj: {"share_profile": "on"},
    "student-opening-decline": lambda w, side, obj: {"reason": "te_ver"},
    "student-profile-step": lambda w, side, obj: {
        "home_place": side.objects["student"].home_place_id,
        "travel_radius_km": "15",
    },
    "password_reset": lambda w, side, obj: {"email": "niemand@example.nl"},
    "werk:propose": lambda w, side, obj: {"opening": side.objects["spare_opening"].pk},
    "werk:escalate": lambda w, side, obj: {"explanation": "Ze zoekt al maanden, zonder reactie."},
    "werk:advies": lambda w, side, obj: {"advies": "arbeid", "advies_date": _today()},
    "werk:contact-consent": lambda w, side, obj: {"given": "1"},
    "werk:overgangsdokument-send": lambda w, side, obj: {"werkcoach": side.people["werkcoach"].pk},
    "werk:match-step": lambda w, side, obj: {
        "version": obj.version,
        "to_status": "interesse_student",
    },
    "werk:match-next": lambda w, side, obj: {
        "version": obj.version,
        "next_action": "Bellen met de werkgever",
        "next_action_due": _today(),
    },
    "werk:escalation-take": lambda w, side, obj: {"version": obj.version},
    "werk:escalation-close": lambda w, side, obj: {
        "version": obj.version,
        "outcome": "opgelost",
        "resolution": "Een leerbedrijf in de buurt neemt haar aan.",
    },
    "werk:checkin": lambda w, side, obj: {"how_it_goes": "goed", "notes": "Het gaat prima."},
    "werk:placement-outcome": lambda w, side, obj: {"status": "afgerond", "end_date": _today()},
    "werk:overgangsdokument": lambda w, side, obj: {"action": "ontvangen"},
    "werkgever:opening-status": lambda w, side, obj: {"status": "paused"},
    "werkgever:respond": lambda w, side, obj: {"answer": "ja", "version": obj.version},
    "events:organise-cancel": lambda w, side, obj: {"reason": "De zaal is niet beschikbaar."},
    "api-token": lambda w, side, obj: {
        "email": side.people["student"].email,
        "password": f.PASSWORD,
    },
}


def _request(world, persona: str, name: str, which: str, method: str):
    client = Client()
    user = world.user(persona)
    if user is not None:
        client.force_login(user)
    obj = world.target(persona, URL_OBJECTS[name], which) if which != NONE else None
    kwargs = dict(URL_LITERALS.get(name, {}))
    for arg in next(args for n, args, _route in site_urls() if n == name):
        if arg not in kwargs:
            kwargs[arg] = getattr(obj, arg) if arg in ("slug", "token") else obj.pk
    url = reverse(name, kwargs=kwargs)
    if method == "get":
        return client.get(url, QUERY.get(name, {}))
    side = world.side(persona, which if which != NONE else OWN)
    data = POST_DATA[name](world, side, obj) if name in POST_DATA else {}
    return client.post(url, data)


@pytest.mark.parametrize(
    ("persona", "name", "which", "method", "status"),
    MATRIX,
    ids=[f"{p}-{n}-{w}-{m}-{s}" for p, n, w, m, s in MATRIX],
)
def test_each_persona_gets_the_answer_the_matrix_says(world, persona, name, which, method, status):
    response = _request(world, persona, name, which, method)
    assert response.status_code == status, getattr(response, "url", "")
