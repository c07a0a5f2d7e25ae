"""Editing toolkit texts and regulations: a revision per save (number, content, who, note), the
history shows what changed, restoring is a new revision, a stale edit is a conflict that keeps
what was typed, and bad input writes nothing."""

import pytest
from django.urls import reverse

from marketplace.models import Role
from tests import factories as f
from toolkit.models import Audience, Regulation, Revision, ToolkitItem

pytestmark = pytest.mark.django_db


@pytest.fixture
def item(db) -> ToolkitItem:
    return ToolkitItem.objects.create(
        audience=Audience.WERKGEVER,
        title="Waarom een BPV-plek?",
        slug="waarom",
        category="Waarom",
        summary="Kort",
        body="Jongeren leren het vak het best op de werkvloer.",
    )


def _item_data(item: ToolkitItem, based_on: int, **changes) -> dict:
    data = {
        "title": item.title,
        "audience": item.audience,
        "category": item.category,
        "summary": item.summary,
        "body": item.body,
        "url": "",
        "sector": "",
        "published": "on",
        "slug": item.slug,
        "based_on": str(based_on),
        "note": "",
    }
    return data | changes


def _save(client, user, item, based_on, **changes):
    client.force_login(user)
    url = reverse("toolkit:edit-item", args=[item.pk])
    return client.post(url, _item_data(item, based_on, **changes))


def test_a_new_text_is_saved_as_revision_1_with_who_and_the_note(client, coordinator):
    client.force_login(coordinator)
    data = _item_data(
        ToolkitItem(audience=Audience.OUDER, title="Hulp bij zoeken", category="Hulp",
                    summary="Zo help je", body="Praat met de mentor.", slug=""),
        0, note="Eerste versie",
    )  # fmt: skip
    response = client.post(reverse("toolkit:edit-item-new"), data)
    assert response.status_code == 302
    item = ToolkitItem.objects.get(slug="hulp-bij-zoeken")
    (revision,) = item.revisions.all()
    assert (revision.number, revision.changed_by, revision.note) == (
        1,
        coordinator,
        "Eerste versie",
    )
    assert revision.content["body"] == "Praat met de mentor."


def test_the_first_edit_keeps_the_text_from_before_as_revision_1(client, coordinator, item):
    _save(client, coordinator, item, 0, body="Jongeren leren het vak het best in een bedrijf.")
    revisions = {r.number: r for r in item.revisions.all()}
    assert revisions[1].content["body"] == "Jongeren leren het vak het best op de werkvloer."
    assert revisions[1].changed_by is None
    assert revisions[2].changed_by == coordinator
    item.refresh_from_db()
    assert item.body == "Jongeren leren het vak het best in een bedrijf."


def test_the_history_shows_what_was_removed_and_added(client, coordinator, item):
    _save(client, coordinator, item, 0, body="Jongeren leren het vak het best in een bedrijf.")
    html = client.get(reverse("toolkit:edit-item-history", args=[item.pk])).content.decode()
    assert "op de werkvloer.</del>" in html and "in een bedrijf.</ins>" in html
    assert coordinator.get_full_name() in html


def test_restoring_an_old_version_makes_a_new_revision_with_its_content(client, coordinator, item):
    _save(client, coordinator, item, 0, title="Nieuwe titel")
    url = reverse("toolkit:edit-item-restore", args=[item.pk])
    response = client.post(url, {"number": "1", "based_on": "2"})
    assert response.status_code == 302
    item.refresh_from_db()
    assert item.title == "Waarom een BPV-plek?"
    latest = item.revisions.order_by("-number").first()
    assert (latest.number, latest.changed_by) == (3, coordinator)
    assert latest.content["title"] == "Waarom een BPV-plek?" and "1" in latest.note


def test_a_stale_edit_is_a_conflict_that_keeps_what_was_typed(client, coordinator, item):
    colleague = f.UserFactory(role=Role.COORDINATOR, region=coordinator.region)
    assert _save(client, colleague, item, 0, summary="Van mijn collega").status_code == 302
    response = _save(client, coordinator, item, 0, summary="Van mij")
    html = response.content.decode()
    assert response.status_code == 409
    assert "Iemand anders heeft deze tekst net opgeslagen (versie 2)" in html
    assert "Van mij" in html and 'name="based_on" value="2"' in html
    item.refresh_from_db()
    assert item.summary == "Van mijn collega" and item.revisions.count() == 2


def test_a_web_address_in_use_gets_a_message_and_nothing_is_written(client, coordinator, item):
    other = ToolkitItem.objects.create(
        audience=Audience.STUDENT, title="Ander", slug="ander", category="x", summary="x", body="x"
    )
    response = _save(client, coordinator, item, 0, slug=other.slug, title="Gewijzigd")
    assert response.status_code == 400
    assert "Dit webadres is al in gebruik." in response.content.decode()
    item.refresh_from_db()
    assert item.title == "Waarom een BPV-plek?" and not Revision.objects.exists()


def test_a_regulation_that_ends_before_it_starts_is_refused(client, coordinator):
    client.force_login(coordinator)
    before = Regulation.objects.count()  # the seeded regulations
    data = {
        "name": "Praktijkleren", "provider": "RVO", "summary": "Subsidie",
        "who_qualifies": "Leerbedrijven", "amount": "", "how_to_apply": "Bij RVO", "url": "",
        "valid_from": "2026-09-01", "valid_to": "2026-01-01", "slug": "", "based_on": "0",
    }  # fmt: skip
    response = client.post(reverse("toolkit:edit-regulation-new"), data)
    assert response.status_code == 400
    assert "De einddatum ligt voor de begindatum." in response.content.decode()
    assert Regulation.objects.count() == before


def test_a_regulation_edit_is_versioned_too(client, coordinator):
    reg = Regulation.objects.create(
        name="Loonkostenvoordeel", slug="lkv", provider="UWV", summary="Kort",
        who_qualifies="Werkgevers", how_to_apply="Bij het UWV",
    )  # fmt: skip
    client.force_login(coordinator)
    data = {
        "name": reg.name, "provider": reg.provider, "summary": reg.summary,
        "who_qualifies": reg.who_qualifies, "amount": "€ 6.000 per jaar",
        "how_to_apply": reg.how_to_apply, "url": "", "valid_from": "2026-01-01", "valid_to": "",
        "slug": reg.slug, "based_on": "0", "note": "Bedrag erbij",
    }  # fmt: skip
    response = client.post(reverse("toolkit:edit-regulation", args=[reg.pk]), data)
    assert response.status_code == 302
    latest = reg.revisions.order_by("-number").first()
    assert latest.content["amount"] == "€ 6.000 per jaar"
    assert latest.content["valid_from"] == "2026-01-01"


def test_an_employer_cannot_edit_a_toolkit_text(client, employer_member, item):
    response = _save(client, employer_member, item, 0, title="Gekaapt")
    assert response.status_code == 403
    item.refresh_from_db()
    assert item.title == "Waarom een BPV-plek?"


def test_the_edit_list_and_a_history_of_30_rows_keep_to_their_query_budget(
    client, coordinator, item, django_assert_max_num_queries
):
    for n in range(30):
        ToolkitItem.objects.create(
            audience=Audience.OUDER, title=f"Tekst {n}", slug=f"t-{n}", category="c",
            summary="s", body="b",
        )  # fmt: skip
        Revision.objects.create(item=item, number=n + 1, content={"title": f"Titel {n}"},
                                changed_by=coordinator)  # fmt: skip
    client.force_login(coordinator)
    with django_assert_max_num_queries(8):  # with the menu's unread count
        listing = client.get(reverse("toolkit:edit"))
    with django_assert_max_num_queries(9):  # with the menu's unread count
        history = client.get(reverse("toolkit:edit-item-history", args=[item.pk]))
    seeded = Regulation.objects.count() + ToolkitItem.objects.count() - 31  # by the migration
    assert listing.content.decode().count("/versies/") == 31 + seeded
    assert history.content.decode().count("terugzetten</button>") == 29


def test_the_history_names_the_sector_rather_than_its_number(client, coordinator, item):
    zorg = f.SectorFactory(code="zorg", name="Zorg en welzijn")
    _save(client, coordinator, item, 0, sector=str(zorg.pk))
    html = client.get(reverse("toolkit:edit-item-history", args=[item.pk])).content.decode()
    assert "Zorg en welzijn</ins>" in html
