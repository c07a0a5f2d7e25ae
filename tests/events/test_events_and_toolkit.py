"""The calendar of matching events and the toolkits, as students, parents and employers use them."""

import datetime

import pytest
from django.utils import timezone

from events.models import MatchingEvent, Registration
from marketplace.models import Role
from tests import factories as f
from toolkit.models import Audience, Regulation, ToolkitItem

pytestmark = pytest.mark.django_db


def _event(region, capacity=30, **kw):
    start = timezone.now() + datetime.timedelta(days=10)
    return MatchingEvent.objects.create(
        title=kw.pop("title", "Speeddate zorg"),
        kind="speeddate",
        region=region,
        place=f.PlaceFactory(),
        starts_at=start,
        ends_at=start + datetime.timedelta(hours=2),
        capacity=capacity,
        **kw,
    )


def test_a_student_registers_once_even_when_sending_twice(client, student, region):
    event = _event(region)
    client.force_login(student)
    assert "Speeddate zorg" in client.get("/evenementen/").content.decode()
    client.post(f"/evenementen/{event.pk}/aanmelden/")
    response = client.post(f"/evenementen/{event.pk}/aanmelden/", follow=True)
    assert "Je bent aangemeld" in response.content.decode()
    assert Registration.objects.filter(event=event, user=student).count() == 1


def test_a_full_event_puts_you_on_the_waiting_list_and_a_cancel_frees_the_place(
    client, student, other_student, region
):
    event = _event(region, capacity=1)
    client.force_login(other_student)
    client.post(f"/evenementen/{event.pk}/aanmelden/")
    client.force_login(student)
    response = client.post(f"/evenementen/{event.pk}/aanmelden/", follow=True)
    assert "wachtlijst" in response.content.decode()
    client.force_login(other_student)
    client.post(f"/evenementen/{event.pk}/afmelden/")
    assert Registration.objects.get(event=event, user=student).status == "registered"


def test_after_the_deadline_registering_is_refused_with_a_dutch_message(client, student, region):
    event = _event(region, registration_deadline=timezone.now() - datetime.timedelta(hours=1))
    client.force_login(student)
    response = client.post(f"/evenementen/{event.pk}/aanmelden/", follow=True)
    assert "de inschrijving is gesloten" in response.content.decode()
    assert not Registration.objects.exists()


def test_a_parent_cannot_register_and_sees_the_childs_events_only_with_consent(
    client, parent, student, student_profile, region
):
    event = _event(region, title="Banenmarkt Oost")
    Registration.objects.create(event=event, user=student)
    client.force_login(parent)
    assert client.post(f"/evenementen/{event.pk}/aanmelden/").status_code == 403
    assert "Mijn kind gaat naar" in client.get("/evenementen/").content.decode()
    student_profile.consent_parent_access = False
    student_profile.save()
    assert "Mijn kind gaat naar" not in client.get("/evenementen/").content.decode()


def test_an_unknown_or_cancelled_event_is_404(client, student, region):
    event = _event(region, status=MatchingEvent.Status.CANCELLED)
    client.force_login(student)
    assert client.get(f"/evenementen/{event.pk}/").status_code == 404
    assert client.get("/evenementen/999999/").status_code == 404


def test_the_employer_toolkit_searches_regulations_and_advice(client, employer_member):
    Regulation.objects.create(
        name="Loonkostenvoordeel", slug="lkv", provider="UWV", summary="Korting op loonkosten",
        who_qualifies="Werkgevers die iemand met een arbeidsbeperking aannemen.",
        how_to_apply="Vraag de doelgroepverklaring aan.",
    )  # fmt: skip
    ToolkitItem.objects.create(
        audience=Audience.WERKGEVER, title="Een goede eerste werkdag", slug="eerste-dag",
        category="Begeleiding", summary="Zo start je goed.", body="Maak een plan.",
    )  # fmt: skip
    client.force_login(employer_member)
    html = client.get("/toolkit/?q=loonkosten").content.decode()
    assert "Loonkostenvoordeel" in html and "Een goede eerste werkdag" not in html
    assert (
        "Vraag de doelgroepverklaring aan." in client.get("/toolkit/regeling/lkv/").content.decode()
    )
    assert "Maak een plan." in client.get("/toolkit/eerste-dag/").content.decode()


def test_parents_have_their_own_pages(client, parent):
    ToolkitItem.objects.create(
        audience=Audience.OUDER, title="Zo help je je kind", slug="help-je-kind",
        category="Thuis", summary="Tips", body="Praat samen over werk.",
    )  # fmt: skip
    client.force_login(parent)
    assert "Zo help je je kind" in client.get("/toolkit/ouders/").content.decode()
    assert parent.role == Role.OUDER
