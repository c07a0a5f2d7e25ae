"""Pictograms are SVG files shipped with the site (Lucide, ISC licence), not emoji: an emoji is
an empty box on a device without an emoji font."""

import pathlib

import pytest
from django.urls import reverse

from marketplace.templatetags.pictograms import FALLBACK, ICONS, icon_name
from tests import factories as f

ICON_DIR = pathlib.Path(__file__).resolve().parents[2] / "static" / "vendor" / "icons"


def test_every_pictogram_the_templates_use_is_shipped():
    missing = sorted({*ICONS.values(), FALLBACK} - {p.stem for p in ICON_DIR.glob("*.svg")})
    assert missing == [], f"add these to scripts/copy_assets.sh: {missing}"
    assert (ICON_DIR / "LICENSE").read_text().startswith("ISC License")


def test_an_emoji_with_or_without_its_variation_selector_finds_its_icon():
    assert icon_name("🍽️") == icon_name("🍽") == "utensils"
    assert icon_name("") == icon_name("🦄") == FALLBACK


@pytest.mark.django_db
def test_the_skill_picker_shows_an_svg_pictogram_not_the_emoji(client, employer_member):
    f.CompetencyFactory(name="Heftruck rijden", pictogram="🚜")
    client.force_login(employer_member)
    html = client.get(
        reverse("werkgever:picker"), {"field": "required_competencies", "q": "Heftruck"}
    ).content.decode()
    assert "Heftruck rijden" in html
    assert 'src="/static/vendor/icons/tractor.svg"' in html and "🚜" not in html
