"""Bad input never reaches a 500 and never writes half a record.

A corpus of bad values (long strings, NUL bytes, huge and negative numbers, impossible and
implausible dates, markup) is typed into every field of every form on every page of the
permission matrix, as a persona who may use the page, one field at a time. Each answer is a
4xx or the page again with a message (or a redirect), never a 500, and a value that no field of
its kind accepts leaves the database's row counts unchanged. Query parameters of every page get
the same treatment. The shared field types of marketplace/forms.py and marketplace/api_fields.py
are what make this hold; a meta-test checks that every form and input serializer uses them.
"""

import datetime
import importlib
import inspect
import pkgutil
import re
from html.parser import HTMLParser
from urllib.parse import urlsplit

import pytest
from django import forms
from django.apps import apps
from django.db import connection
from django.test import Client
from django.urls import Resolver404, resolve, reverse

from tests import factories as f
from tests.permissions import conftest as permission_cast
from tests.permissions.matrix import MATRIX, NONE, URL_LITERALS, URL_OBJECTS
from tests.permissions.test_matrix import POST_DATA, QUERY, site_urls

world = permission_cast.world  # the matrix's two regions and their cast

HUGE = "9" * 30
MARKUP = '<script>alert("x")</script><img src=x onerror=alert(1)>'
NUL = "ab\x00cd"
# Values no field of the kind accepts: the database must stay as it was.
BAD_NUMBERS = [HUGE, "-" + HUGE, "-1", "1e309", "NaN", "١٢", NUL]
BAD_DATES = ["0001-01-01", "9999-12-31", "2027-02-30", "99999-01-01", "1-1-1", NUL]
BAD_DATETIMES = ["0001-01-01T00:00", "9999-12-31T23:59", "2027-02-30T10:00", NUL]
BAD_CHOICES = [HUGE, "-1", "0", NUL, MARKUP]
BAD_TEXT = [NUL]
# Values a text field may well take (markup is text): only "no 500" and no raw markup back.
ODD_TEXT = ["x" * 100_001, MARKUP, HUGE]

# Tables that record that something was tried (a log-in attempt, a read), not what was sent.
LOG_TABLES = {"axes", "sessions", "admin"}
LOG_MODELS = {"accesslog", "rankinglog", "accessattempt", "accessfailurelog"}
# Where the form is not the page's own business to fuzz: the language switch and log-out.
SKIP_ACTIONS = {"set_language", "logout"}


class _Forms(HTMLParser):
    """The POST forms of a page: action, and (name, kind, value, choices) per field."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.forms: list[dict] = []
        self._form = None
        self._select = None
        self._textarea = None

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "form":
            if (a.get("method") or "get").lower() == "post":
                self._form = {"action": a.get("action") or "", "fields": {}, "kinds": {}}
            return
        form = self._form
        if form is None or not a.get("name"):
            return
        name, kind = a["name"], a.get("type", "text").lower()
        if tag == "input" and kind not in ("submit", "button", "image", "reset", "file"):
            # A lone checkbox is a yes/no (any value means yes); a group picks ids or codes.
            known = form["kinds"].get(name)
            if kind == "checkbox":
                kind = "checkbox" if known in ("checkbox", "boolean") else "boolean"
            form["kinds"][name] = known if known and kind != "checkbox" else kind
            if kind in ("checkbox", "radio"):
                if "checked" in a:
                    form["fields"].setdefault(name, []).append(a.get("value", "on"))
            else:
                form["fields"].setdefault(name, []).append(a.get("value", ""))
        elif tag == "button" and a.get("value") is not None:
            form["kinds"].setdefault(name, "button")
            form["fields"].setdefault(name, [a["value"]])
        elif tag == "select":
            form["kinds"][name] = "select"
            form["fields"].setdefault(name, [])
            self._select = name
        elif tag == "option" and self._select and "selected" in a:
            form["fields"][self._select].append(a.get("value", ""))
        elif tag == "textarea":
            form["kinds"][name] = "textarea"
            form["fields"][name] = [""]
            self._textarea = name

    def handle_data(self, data):
        if self._form is not None and self._textarea:
            self._form["fields"][self._textarea][0] += data

    def handle_endtag(self, tag):
        if tag == "form" and self._form is not None:
            self.forms.append(self._form)
            self._form = None
        elif tag == "select":
            self._select = None
        elif tag == "textarea":
            self._textarea = None


def _bad_values(name: str, kind: str) -> tuple[list[str], list[str]]:
    """(values that must be refused, values that must only not break) for a field."""
    if name == "csrfmiddlewaretoken":
        return [], []
    if kind == "number":
        return BAD_NUMBERS, []
    if kind == "date":
        return BAD_DATES, []
    if kind == "datetime-local":
        return BAD_DATETIMES, []
    if kind in ("select", "radio", "checkbox"):
        return BAD_CHOICES, []
    if kind == "boolean":
        return [], [HUGE, NUL]
    if kind == "hidden":
        return [NUL, "-1", HUGE], []
    if kind == "button":
        return [], [NUL, MARKUP]  # which button was pressed: navigation, not data
    return BAD_TEXT, ODD_TEXT  # text, textarea, email, password, search, url, tel


def _row_counts() -> dict[str, int]:
    models = [
        m
        for m in apps.get_models()
        if m._meta.app_label not in LOG_TABLES and m._meta.model_name not in LOG_MODELS
    ]
    tables = [m._meta.db_table for m in models]
    quote = connection.ops.quote_name
    sql = " UNION ALL ".join(
        f"SELECT '{t}', COUNT(*) FROM {quote(t)}"  # noqa: S608 - table names of our own models
        for t in tables
    )
    with connection.cursor() as cursor:
        cursor.execute(sql)
        return dict(cursor.fetchall())


def _changed(before: dict, after: dict) -> dict:
    return {t: (before[t], after[t]) for t in before if before[t] != after[t]}


def _page_rows() -> list[tuple[str, str, str]]:
    """One (persona, url name, which) per page that some persona may open (GET 200)."""
    seen, rows = set(), []
    for persona, name, which, method, status in MATRIX:
        if method == "get" and status == 200 and name not in seen and name != "set_language":
            seen.add(name)
            rows.append((persona, name, which))
    return rows


PAGES = _page_rows()


def _url(world, persona, name, which) -> str:
    obj = world.target(persona, URL_OBJECTS[name], which) if which != NONE else None
    kwargs = dict(URL_LITERALS.get(name, {}))
    for arg in next(args for n, args, _route in site_urls() if n == name):
        if arg not in kwargs:
            kwargs[arg] = getattr(obj, arg) if arg in ("slug", "token") else obj.pk
    return reverse(name, kwargs=kwargs)


def _client(world, persona) -> Client:
    client = Client(raise_request_exception=True)
    user = world.user(persona)
    if user is not None:
        client.force_login(user)
    return client


def _baseline(world, persona, action_name, action_path, fields) -> dict:
    """What the browser would send as the page shows it, made valid where the matrix knows
    how (so a value that slips through would really be written)."""
    data = {k: list(v) for k, v in fields.items() if k != "csrfmiddlewaretoken"}
    if action_name in POST_DATA:
        match = resolve(action_path)
        obj = None
        if action_name in URL_OBJECTS and "pk" in match.kwargs:
            model_kind = URL_OBJECTS[action_name]
            for which in ("own", "foreign"):
                candidate = world.target(persona, model_kind, which)
                if getattr(candidate, "pk", None) == match.kwargs["pk"]:
                    obj = candidate
        side = world.side(persona, "own")
        try:
            extra = POST_DATA[action_name](world, side, obj)
        except AttributeError:
            extra = {}
        data.update({k: [str(v)] for k, v in extra.items()})
    return data


def _post(client, path, data):
    try:
        return client.post(path, data), None
    except Exception as exc:  # noqa: BLE001 - a crash is what this test reports
        return None, f"{type(exc).__name__}: {exc}"[:300]


def _has_message(response) -> bool:
    body = response.content.decode("utf-8", "replace")
    return 'role="alert"' in body or "utrecht-alert" in body or response.status_code in (403, 404)


@pytest.mark.parametrize(("persona", "name", "which"), PAGES, ids=[n for _p, n, _w in PAGES])
def test_no_form_field_takes_bad_input_to_a_500_or_into_the_database(world, persona, name, which):
    client = _client(world, persona)
    page = _url(world, persona, name, which)
    response = client.get(page, QUERY.get(name, {}))
    if response.status_code != 200 or "text/html" not in response.get("Content-Type", ""):
        pytest.skip("not an HTML page")
    problems = _fuzz_forms(world, persona, client, page, response)
    assert not problems, "\n".join(problems)


def test_no_step_of_the_students_wizard_takes_bad_input_to_a_500(world):
    """The wizard's multi-selects (certificates, interests, competencies) included."""
    from marketplace.views.student import STEP_KEYS

    client = _client(world, "student")
    problems = []
    for step in STEP_KEYS:
        page = reverse("student-profile-step", kwargs={"step": step})
        response = client.get(page)
        assert response.status_code == 200, step
        problems += _fuzz_forms(world, "student", client, page, response)
    assert not problems, "\n".join(problems)


def _fuzz_forms(world, persona, client, page, response) -> list[str]:
    parser = _Forms()
    parser.feed(response.content.decode("utf-8", "replace"))
    problems = []
    for form in parser.forms:
        path = urlsplit(form["action"]).path or page
        try:
            action_name = resolve(path).view_name
        except Resolver404:
            continue
        if action_name in SKIP_ACTIONS:
            continue
        base = _baseline(world, persona, action_name, path, form["fields"])
        for field, kind in form["kinds"].items():
            refused, odd = _bad_values(field, kind)
            for value, must_refuse in [(v, True) for v in refused] + [(v, False) for v in odd]:
                data = {**base, field: [value]}
                before = _row_counts()
                answer, crash = _post(client, path, data)
                where = f"{action_name} {field}={value[:20]!r}"
                if crash:
                    problems.append(f"{where}: {crash}")
                    continue
                status = answer.status_code
                if status >= 500:
                    problems.append(f"{where}: {status}")
                elif must_refuse:
                    changed = _changed(before, _row_counts())
                    if changed:
                        problems.append(f"{where}: written {changed}")
                    elif status != 302 and not _has_message(answer):
                        problems.append(f"{where}: {status} without a message")
                elif MARKUP in answer.content.decode("utf-8", "replace"):
                    problems.append(f"{where}: markup shown unescaped")
    return problems


QUERY_NAMES = ("sector", "page", "pagina", "van", "tot", "regio", "school", "kind", "q", "per")
QUERY_BAD = [HUGE, "-" + HUGE, "-1", NUL, MARKUP, "0001-01-01", "9999-12-31", "2027-02-30"]


@pytest.mark.parametrize(("persona", "name", "which"), PAGES, ids=[n for _p, n, _w in PAGES])
def test_no_query_parameter_takes_a_page_to_a_500(world, persona, name, which):
    client = _client(world, persona)
    page = _url(world, persona, name, which)
    problems = []
    # Every parameter at once per bad value, and each parameter alone with a huge number (so
    # one refused parameter cannot hide another).
    tries = [dict.fromkeys(QUERY_NAMES, value) for value in QUERY_BAD]
    tries += [{key: HUGE} for key in QUERY_NAMES]
    for params in tries:
        shown = "&".join(f"{k}={v[:12]!r}" for k, v in params.items())
        try:
            status = client.get(page, {**QUERY.get(name, {}), **params}).status_code
        except Exception as exc:  # noqa: BLE001 - a crash is what this test reports
            problems.append(f"?{shown}: {type(exc).__name__}: {exc}"[:300])
            continue
        if status >= 500:
            problems.append(f"?{shown}: {status}")
    assert not problems, "\n".join(problems)


# --- the API --------------------------------------------------------------------------------

API_QUERIES = [
    ("api-openings", {"sector": HUGE}),
    ("api-openings", {"sector": "-1"}),
    ("api-qualifications", {"sector": HUGE}),
    ("api-qualifications", {"level": HUGE}),
]


def test_the_api_refuses_huge_and_negative_ids_in_filters_with_400(world):
    client = _client(world, "student")
    names = {name for name, _args, _route in site_urls()}
    checked = 0
    for name, params in API_QUERIES:
        if name not in names:
            continue
        response = client.get(reverse(name), params)
        assert response.status_code == 400, (name, params, response.status_code)
        checked += 1
    student = world.own.objects["student"]
    response = client.get(
        reverse("api-student-matches", kwargs={"student_id": student.pk}), {"sector": HUGE}
    )
    assert response.status_code == 400
    response = client.get(
        reverse("api-student-matches", kwargs={"student_id": student.pk}), {"page": HUGE}
    )
    assert response.status_code == 400
    assert checked >= 2


def test_the_profile_api_refuses_a_start_date_in_the_year_1_or_9999(world):
    client = _client(world, "student")
    before = world.own.objects["student"].available_from
    for day in ("0001-01-01", "9999-12-31"):
        response = client.patch(
            reverse("api-my-profile"), {"available_from": day}, content_type="application/json"
        )
        assert response.status_code == 400, (day, response.status_code)
    world.own.objects["student"].refresh_from_db()
    assert world.own.objects["student"].available_from == before


# --- one shared field type, everywhere --------------------------------------------------------

FORM_PACKAGES = ("marketplace", "employers", "mediation", "events", "toolkit", "backoffice")


# A report period with its own range check (the monitoring dashboard: 2000-2100).
OWN_PERIOD_CHECK = {"MonitoringForm"}


def _project_form_classes():
    for package in FORM_PACKAGES:
        root = importlib.import_module(package)
        for info in pkgutil.walk_packages(root.__path__, f"{package}."):
            if ".admin" in info.name or ".migrations" in info.name or ".management" in info.name:
                continue
            module = importlib.import_module(info.name)
            for _name, cls in inspect.getmembers(module, inspect.isclass):
                if issubclass(cls, forms.BaseForm) and cls.__module__ == info.name:
                    yield cls


def test_every_form_uses_the_shared_bounded_id_number_and_date_fields():
    from marketplace import forms as shared

    loose = []
    for cls in _project_form_classes():
        for fname, field in cls.base_fields.items():
            where = f"{cls.__module__}.{cls.__name__}.{fname}"
            if isinstance(field, forms.ModelMultipleChoiceField):
                if not isinstance(field, shared.BoundedModelMultipleChoiceField):
                    loose.append(where)
            elif isinstance(field, forms.ModelChoiceField):
                if not isinstance(field, shared.BoundedModelChoiceField):
                    loose.append(where)
            elif isinstance(field, forms.IntegerField):
                if field.min_value is None or field.max_value is None:
                    loose.append(where)
            elif isinstance(field, forms.DateTimeField | forms.DateField):
                checks = {shared.validate_plausible_date, shared.validate_birth_date}
                if not checks & set(field.validators) and cls.__name__ not in OWN_PERIOD_CHECK:
                    loose.append(where)
    assert not loose, "\n".join(loose)


def test_the_plausible_date_range_runs_from_1990_to_five_years_ahead():
    from matching.validators import plausible_date_range

    first, last = plausible_date_range(datetime.date(2026, 12, 1))
    assert first == datetime.date(1990, 1, 1) and last == datetime.date(2031, 12, 1)


# --- a double submit creates once -------------------------------------------------------------


def _rendered_form(client, url: str) -> tuple[str, dict]:
    """The page's first POST form as a browser would send it, with its own CSRF token."""
    parser = _Forms()
    parser.feed(client.get(url).content.decode("utf-8", "replace"))
    form = next(f for f in parser.forms if urlsplit(f["action"]).path in ("", url))
    return form["fields"]["csrfmiddlewaretoken"][0], {
        k: v for k, v in form["fields"].items() if k != "csrfmiddlewaretoken"
    }


def _opening_data(world, client, url: str) -> dict:
    token, data = _rendered_form(client, url)
    opening = world.own.objects["opening"]
    data.update(
        csrfmiddlewaretoken=token,
        kind="bpv",
        title="Hulp in het magazijn (dubbel)",
        location=str(opening.location_id),
        sector=str(opening.sector_id),
        start_date=(datetime.date.today() + datetime.timedelta(days=30)).isoformat(),
        hours_per_week="24",
        places="1",
        min_level="0",
        min_age="0",
        required_competencies=[str(f.CompetencyFactory().pk)],
    )
    return data


def test_a_double_clicked_opening_form_creates_one_opening(world):
    from employers.models import Opening

    client = Client(enforce_csrf_checks=True)
    client.force_login(world.own.people["employer"])
    url = reverse("werkgever:opening-new")
    data = _opening_data(world, client, url)
    first = client.post(url, data)
    second = client.post(url, data)
    assert first.status_code == 302, re.findall(r'role="alert">(.*?)</', first.content.decode())
    assert second.status_code == 302 and second.url == first.url
    assert Opening.objects.filter(title="Hulp in het magazijn (dubbel)").count() == 1


def test_the_same_form_opened_again_creates_again(world):
    """Only a resend of one rendered form is a double submit; a new form is a new opening."""
    from employers.models import Opening

    client = Client(enforce_csrf_checks=True)
    client.force_login(world.own.people["employer"])
    url = reverse("werkgever:opening-new")
    for attempt in range(2):
        data = _opening_data(world, client, url)
        assert client.post(url, data).status_code == 302
        assert client.post(url, data).status_code == 302  # the double click
        assert Opening.objects.filter(title="Hulp in het magazijn (dubbel)").count() == attempt + 1


def test_a_refused_form_can_be_corrected_and_sent_again(world):
    from employers.models import EmployerLocation

    client = Client(enforce_csrf_checks=True)
    client.force_login(world.own.people["employer"])
    url = reverse("werkgever:location-add")
    token, data = _rendered_form(client, url)
    data.update(csrfmiddlewaretoken=token, name="", place="")
    assert client.post(url, data).status_code in (200, 400)
    data.update(name="Filiaal Noord", place=str(world.own.objects["opening"].location.place_id))
    assert client.post(url, data).status_code == 302
    assert EmployerLocation.objects.filter(name="Filiaal Noord").count() == 1


API_MODULES = (
    "marketplace.apis",
    "marketplace.apis_matching",
    "marketplace.apis_privacy",
    "employers.apis",
    "matching.apis",
)


def _input_serializers():
    from rest_framework import serializers

    for name in API_MODULES:
        try:
            module = importlib.import_module(name)
        except ImportError:
            continue
        classes = [c for _n, c in inspect.getmembers(module, inspect.isclass)]
        for view in list(classes):
            classes += [c for _n, c in inspect.getmembers(view, inspect.isclass)]
        for cls in classes:
            if not issubclass(cls, serializers.Serializer) or "Output" in cls.__name__:
                continue
            if any(w in cls.__name__ for w in ("Input", "Filter", "Params")):
                yield cls


def test_every_input_serializer_bounds_its_numbers_ids_and_dates():
    from rest_framework import serializers

    from marketplace.api_fields import BoundedPrimaryKeyRelatedField
    from matching.validators import validate_birth_date, validate_plausible_date

    loose = []
    for cls in _input_serializers():
        for fname, field in cls().fields.items():
            field = getattr(field, "child", field)  # a list of ids: each one
            where = f"{cls.__module__}.{cls.__qualname__}.{fname}"
            if isinstance(field, serializers.IntegerField) and field.max_value is None:
                loose.append(where)
            elif isinstance(field, serializers.PrimaryKeyRelatedField) and not isinstance(
                field, BoundedPrimaryKeyRelatedField
            ):
                loose.append(where)
            elif isinstance(field, serializers.DateField) and not (
                {validate_plausible_date, validate_birth_date} & set(field.validators)
            ):
                loose.append(where)
    assert not loose, "\n".join(loose)
