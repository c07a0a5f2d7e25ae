"""The admin: every page renders, searches work, bad input gives Dutch errors and saves nothing."""

import datetime

import pytest
from django.contrib import admin
from django.urls import reverse
from django.utils import timezone

from employers.models import Employer
from events.models import MatchingEvent
from marketplace.models import AccessLog
from matching.models import Qualification
from tests import factories as f

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin_client(client, superuser):
    client.force_login(superuser)
    return client


# Placements come only from the pipeline's "geplaatst" step (it takes the place and plans the
# check-ins): the admin refuses to add one.
# Made only through the services (the pipeline, the organiser's pages, registering).
NOT_ADDABLE = {"marketplace.Placement", "events.MatchingEvent", "events.Registration"}
# django-axes' records of log-in attempts are written by the log-in only.
NOT_ADDABLE |= {"axes.AccessAttempt", "axes.AccessLog", "axes.AccessFailureLog"}
# The access log and the consent history are records; a young person's case data changes only
# through the pages and services (rule-checked, logged): view-only in the admin for everyone.
# (A match was once added here through `match_propose`; the workspace's pages do that now.)
NOT_ADDABLE |= {
    f"marketplace.{name}"
    for name in (
        "AccessLog", "ConsentRecord", "StudentProfile", "Match", "SearchRequest", "CheckIn",
        "Escalation", "GuardianLink", "ActionItem", "Notification", "Overgangsdokument",
        "Suggestion", "RankingLog",
    )
}  # fmt: skip


@pytest.mark.parametrize("model", list(admin.site._registry), ids=lambda m: m._meta.label)
def test_every_changelist_and_add_page_renders(admin_client, model):
    opts = model._meta
    changelist = reverse(f"admin:{opts.app_label}_{opts.model_name}_changelist")
    assert admin_client.get(changelist).status_code == 200
    assert admin_client.get(changelist, {"q": "groningen"}).status_code == 200
    add = reverse(f"admin:{opts.app_label}_{opts.model_name}_add")
    assert admin_client.get(add).status_code == (403 if opts.label in NOT_ADDABLE else 200)


def test_an_invalid_crebo_gives_a_dutch_error_and_saves_nothing(admin_client):
    sector = f.SectorFactory()
    url = reverse("admin:matching_qualification_add")
    response = admin_client.post(
        url,
        {
            "crebo": "12a",
            "name": "Kok",
            "level": 2,
            "sector": sector.pk,
            "werkprocessen-TOTAL_FORMS": 0,
            "werkprocessen-INITIAL_FORMS": 0,
        },
    )
    assert response.status_code == 200
    assert "5 cijfers" in response.content.decode()
    assert not Qualification.objects.exists()


def test_an_invalid_kvk_number_gives_a_dutch_error_and_saves_nothing(admin_client, region):
    sector = f.SectorFactory()
    response = admin_client.post(
        reverse("admin:employers_employer_add"),
        {
            "name": "Bakkerij",
            "kvk_number": "123",
            "sector": sector.pk,
            "region": region.pk,
            "locations-TOTAL_FORMS": 0,
            "locations-INITIAL_FORMS": 0,
            "recognitions-TOTAL_FORMS": 0,
            "recognitions-INITIAL_FORMS": 0,
        },
    )
    assert response.status_code == 200
    assert "8 cijfers" in response.content.decode()
    assert not Employer.objects.exists()


def test_opening_a_student_record_in_the_admin_is_logged(admin_client, superuser, student_profile):
    url = reverse("admin:marketplace_studentprofile_change", args=[student_profile.pk])
    assert admin_client.get(url).status_code == 200
    log = AccessLog.objects.get()
    assert (log.user, log.student, log.action) == (superuser, student_profile, "admin_view")


def test_an_event_cannot_be_changed_in_the_admin_past_the_organisers_rules(admin_client):
    start = timezone.now() + datetime.timedelta(days=5)
    event = MatchingEvent.objects.create(
        title="Banenmarkt", kind="banenmarkt", region=f.RegionFactory(),
        place=f.PlaceFactory(), starts_at=start, ends_at=start + datetime.timedelta(hours=2),
    )  # fmt: skip
    url = reverse("admin:events_matchingevent_change", args=[event.pk])
    assert admin_client.get(url).status_code == 200  # to look at
    response = admin_client.post(url, {"title": "Anders", "capacity": "1"})
    assert response.status_code == 403
    event.refresh_from_db()
    assert event.title == "Banenmarkt"
