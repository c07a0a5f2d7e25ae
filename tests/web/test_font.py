"""Noto Sans, the font the NL Design System theme names, ships with the site (SIL Open Font
License, from @fontsource/noto-sans): latin, weights 400, 600 and 700, shown with
font-display: swap, and collected for production like every other static file."""

import json
import pathlib
import re

import pytest
from django.contrib.staticfiles import finders
from django.core.management import call_command
from django.test import override_settings

ROOT = pathlib.Path(__file__).resolve().parents[2]
CSS = ROOT / "static" / "css" / "components.css"
WEIGHTS = ("400", "600", "700")


def _font_faces() -> list[str]:
    return re.findall(r"@font-face\s*{[^}]*}", CSS.read_text())


def test_each_weight_has_a_font_face_that_swaps_and_points_at_a_shipped_file():
    faces = [face for face in _font_faces() if '"Noto Sans"' in face]
    assert sorted(re.search(r"font-weight: (\d+)", face).group(1) for face in faces) == list(
        WEIGHTS
    )
    for face in faces:
        assert "font-display: swap" in face
        url = re.search(r'url\("\.\./(vendor/fonts/[^"]+\.woff2)"\)', face).group(1)
        assert finders.find(url), f"{url} is missing: `make assets` copies it"
    licence = finders.find("vendor/fonts/OFL.txt")
    assert licence and "SIL Open Font License" in pathlib.Path(licence).read_text()


def test_the_theme_font_family_names_the_shipped_font_first():
    css = CSS.read_text()
    assert '--utrecht-typography-sans-serif-font-family: "Noto Sans", Arial, sans-serif' in css
    package = json.loads((ROOT / "package.json").read_text())
    assert "@fontsource/noto-sans" in package["dependencies"]


def test_the_fonts_are_collected_for_production(tmp_path):
    storages = {
        "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
        "staticfiles": {"BACKEND": "whitenoise.storage.CompressedStaticFilesStorage"},
    }
    with override_settings(STATIC_ROOT=tmp_path, STORAGES=storages):
        call_command("collectstatic", "--noinput", "-v0")
    for weight in WEIGHTS:
        assert (tmp_path / f"vendor/fonts/noto-sans-latin-{weight}-normal.woff2").is_file()
    # No hashed names: the stylesheet's relative url() keeps working as written.
    assert (
        "../vendor/fonts/noto-sans-latin-400-normal.woff2"
        in (tmp_path / "css/components.css").read_text()
    )


@pytest.mark.django_db
def test_the_footer_credits_the_font(client):
    html = client.get("/accounts/login/").content.decode()
    assert "Lettertype: Noto Sans (SIL Open Font License)." in html
