"""The wizard's skills step for a young person: their own leerlijn and the general work skills
first, the rest through search or the full list; the level as three choices, kept on an error."""

import datetime
import pathlib
import re

import pytest
from django.conf import settings
from django.urls import reverse

from marketplace.models import StudentCompetency
from matching.models import Competency, Sector
from tests import factories as f

pytestmark = pytest.mark.django_db

URL = "/mijn-profiel/vaardigheden/"


@pytest.fixture
def skills(db):
    groen = Sector.objects.create(code="groen", name="Groen")
    logistiek = f.SectorFactory()  # logistiek
    work = Competency.Category.WERKNEMERSVAARDIGHEID
    return {
        "grasmaaien": Competency.objects.create(name="Grasmaaien", sector=groen),
        "orderpicken": Competency.objects.create(name="Orderpicken", sector=logistiek),
        "samenwerken": Competency.objects.create(name="Samenwerken", category=work),
        "groen": groen,
    }


@pytest.fixture
def pro_student_in_groen(school, skills):
    """Finn: PrO, no MBO qualification, leerlijn Groen (the sector he chose)."""
    profile = f.StudentProfileFactory(
        school=school, education_type="pro", level=0, leerweg="", qualification=None,
        date_of_birth=datetime.date(2011, 5, 20),
    )  # fmt: skip
    profile.sector_preferences.add(skills["groen"])
    return profile


def _order(html: str, *words: str) -> list[int]:
    return [html.index(word) for word in words]


def test_a_pro_student_in_groen_sees_groen_and_work_skills_first_and_logistics_only_further_on(
    client, pro_student_in_groen
):
    client.force_login(pro_student_in_groen.user)
    html = client.get(URL).content.decode()
    groen, work, rest, logistics = _order(
        html, "Grasmaaien", "Samenwerken", 'class="skill-rest"', "Orderpicken"
    )
    assert groen < work < rest < logistics
    assert "Bij jouw leerlijn: Groen" in html


def test_a_logistics_student_sees_logistics_first_and_groen_only_further_on(
    client, student_profile, skills
):
    client.force_login(student_profile.user)  # qualification in Logistiek
    html = client.get(URL).content.decode()
    logistics, rest, groen = _order(html, "Orderpicken", 'class="skill-rest"', "Grasmaaien")
    assert logistics < rest < groen


def test_the_level_is_three_radio_choices_not_a_dropdown(client, pro_student_in_groen, skills):
    client.force_login(pro_student_in_groen.user)
    html = client.get(URL).content.decode()
    pk = skills["grasmaaien"].pk
    assert html.count(f'type="radio" name="l{pk}"') == 3
    assert "<select" not in html
    # A skill not ticked claims no level; a ticked one shows the student's own.
    assert not re.search(rf'name="l{pk}" value="\d"[^>]*checked', html)
    StudentCompetency.objects.create(
        student=pro_student_in_groen, competency=skills["grasmaaien"], level=3
    )
    html = client.get(URL).content.decode()
    assert re.search(rf'name="l{pk}" value="3"[^>]*checked', html)


def test_the_step_saves_the_chosen_level_through_the_profile_service(
    client, pro_student_in_groen, skills
):
    client.force_login(pro_student_in_groen.user)
    pk = skills["grasmaaien"].pk
    response = client.post(
        URL, {f"c{pk}": "on", f"l{pk}": "1", f"l{skills['samenwerken'].pk}": "2"}
    )
    assert response.status_code == 302
    assert response["Location"] == reverse("student-profile-step", args=["certificaten"])
    saved = StudentCompetency.objects.get(student=pro_student_in_groen)
    assert saved.competency == skills["grasmaaien"] and saved.level == 1


def test_a_ticked_skill_without_a_level_is_kept_in_view_with_an_error_and_nothing_is_saved(
    client, pro_student_in_groen, skills
):
    client.force_login(pro_student_in_groen.user)
    grass, picking = skills["grasmaaien"].pk, skills["orderpicken"].pk
    response = client.post(URL, {f"c{grass}": "on", f"l{grass}": "3", f"c{picking}": "on"})
    assert response.status_code == 400
    html = response.content.decode()
    assert "Kies hoe goed je dit kunt." in html
    # What the student ticked stays ticked, the other sector's skill now above the full list.
    assert f'name="c{picking}" id="id_c{picking}" checked' in html
    assert re.search(rf'<input type="radio" name="l{grass}" value="3"[^>]*checked', html)
    assert html.index("Orderpicken") < html.index('class="skill-rest"')
    assert not StudentCompetency.objects.filter(student=pro_student_in_groen).exists()


def test_search_finds_a_skill_of_another_sector_by_a_word_the_student_types(
    client, pro_student_in_groen, skills
):
    client.force_login(pro_student_in_groen.user)
    response = client.get(URL, {"zoek": "orderpick"}, headers={"HX-Request": "true"})
    assert response.status_code == 200
    assert f'data-skill-add="{skills["orderpicken"].pk}"' in response.content.decode()


def test_a_level_shows_only_once_its_skill_is_ticked_also_without_javascript(
    client, pro_student_in_groen, skills
):
    """static/css/reader.css hides an unticked skill's level choices with :has(); the row's
    markup has what that rule reads (a ticked checkbox in .skill__check, the .skill__level)."""
    css = (pathlib.Path(settings.BASE_DIR) / "static/css/reader.css").read_text()
    assert (
        '.skills-step .skill:not(:has(.skill__check input[type="checkbox"]:checked)) '
        ".skill__level:not(.skill__level--invalid) { display: none; }"
    ) in css
    client.force_login(pro_student_in_groen.user)
    html = client.get(URL).content.decode()
    pk = skills["grasmaaien"].pk
    row = html[html.index(f'<li class="skill" id="skill-{pk}"') :]
    row = row[: row.index("</li>")]
    assert re.search(rf'<div class="skill__check"><input type="checkbox" name="c{pk}"', row)
    assert '<fieldset class="skill__level"' in row
    assert " hidden" not in row  # nothing hidden in the markup: the stylesheet decides
