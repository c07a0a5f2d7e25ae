"""English is the second language: every string of the interface has a translation, and the
pages of each role come out in English once the user picks it in the header."""

import pathlib
import re
import shutil
import subprocess
import sys

import pytest
from django.conf import settings
from django.urls import reverse

PO = pathlib.Path(__file__).resolve().parents[2] / "locale/en/LC_MESSAGES/django.po"


def _entries(text: str):
    """(flags, msgid, msgstrs) per entry of a .po file; continuation lines joined."""
    for block in text.strip().split("\n\n"):
        lines = [line for line in block.splitlines() if not line.startswith("#~")]
        flags = " ".join(line for line in lines if line.startswith("#,"))
        parts: dict[str, list[str]] = {}
        key = None
        for line in lines:
            match = re.match(r'^(msgid|msgid_plural|msgstr(?:\[\d\])?) "(.*)"$', line)
            if match:
                key = match.group(1)
                parts[key] = [match.group(2)]
            elif line.startswith('"') and key:
                parts[key].append(line[1:-1])
        if "msgid" in parts:
            msgid = "".join(parts["msgid"])
            strs = ["".join(v) for k, v in parts.items() if k.startswith("msgstr")]
            yield flags, msgid, strs


def test_every_interface_string_has_an_english_translation():
    entries = [e for e in _entries(PO.read_text()) if e[1]]  # the header has an empty msgid
    assert len(entries) > 500
    untranslated = [msgid for _f, msgid, strs in entries if not all(strs)]
    fuzzy = [msgid for flags, msgid, _s in entries if "fuzzy" in flags]
    assert untranslated == [] and fuzzy == []
    assert PO.with_suffix(".mo").stat().st_mtime >= PO.stat().st_mtime - 5  # compiled


def test_the_catalogue_holds_every_string_the_code_and_templates_mark(tmp_path):
    """makemessages on a copy of the sources finds no string the catalogue lacks, so a new
    interface string cannot stay Dutch in the English interface unnoticed."""
    root = PO.parents[3]
    skip = shutil.ignore_patterns(".*", "node_modules", "static", "staticfiles", "test-artifacts")
    shutil.copytree(root, tmp_path / "src", ignore=skip)
    run = subprocess.run(  # noqa: S603 - our own manage.py with fixed arguments
        [sys.executable, "manage.py", "makemessages", "-l", "en", "--no-obsolete", "--no-location"],
        cwd=tmp_path / "src",
        capture_output=True,
        text=True,
        check=False,
        env={"PATH": "/usr/bin:/bin", "DJANGO_SETTINGS_MODULE": "config.settings.test"},
    )
    assert run.returncode == 0, run.stderr
    known = {msgid for _f, msgid, _s in _entries(PO.read_text())}
    found = {
        msgid for _f, msgid, _s in _entries((tmp_path / "src" / PO.relative_to(root)).read_text())
    }
    assert len(found) > 500
    assert sorted(found - known) == []


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("who", "url", "english", "dutch"),
    [
        ("student", "student-matches", "My matches", "Mijn matches"),
        ("student", "student-profile", "My profile", "Mijn profiel"),
        ("parent", "parent-children", "My child", "Mijn kind"),
        ("employer_member", "werkgever:dashboard", "My company", "Mijn bedrijf"),
        ("jobhunter", "werk:caseload", "My young people", "Mijn jongeren"),
        ("jobhunter", "werk:board", "Match board", "Matchbord"),
        ("accountmanager", "werk:escalations", "Escalations", "Escalaties"),
        ("werkcoach", "werk:overgangsdokumenten", "Handovers", "Overdrachten"),
    ],
)
def test_each_roles_pages_come_out_in_english(client, request, who, url, english, dutch):
    user = request.getfixturevalue(who)
    client.force_login(user)
    assert dutch in client.get(reverse(url)).content.decode()
    client.post(reverse("set_language"), {"language": "en", "next": "/"})
    assert client.cookies[settings.LANGUAGE_COOKIE_NAME].value == "en"
    page = client.get(reverse(url)).content.decode()
    assert english in page and f">{dutch}<" not in page
    assert '<html lang="en"' in page
