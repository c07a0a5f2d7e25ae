"""What the events app holds about a young person: registrations, speed dates, the calendar
feed. Registered with the core's registry (marketplace/services/personal_data.py)."""

import datetime

from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from marketplace.models import StudentProfile, User
from marketplace.services.personal_data import Provider, RetentionRule, Subject, as_text

from .models import CalendarFeed, Registration, SpeedDate
from .services import ACTIVE, registration_cancel

REGISTRATIONS_KEEP = datetime.timedelta(days=2 * 365)


def export(s: Subject) -> dict[str, list[dict]]:
    registrations = Registration.objects.filter(user_id=s.user_id).select_related("event")
    dates = SpeedDate.objects.filter(student__user_id=s.user_id).select_related(
        "event", "employer__employer"
    )
    sections = {
        _("Aanmeldingen voor evenementen"): [
            {
                _("Evenement"): r.event.title,
                _("Begint"): as_text(r.event.starts_at),
                _("Status"): r.get_status_display(),
                _("Binnengekomen op"): as_text(r.checked_in_at),
                _("Wat leverde het op"): r.outcome,
            }
            for r in registrations
        ],
        _("Speeddates"): [
            {
                _("Evenement"): d.event.title,
                _("Ronde"): d.round,
                _("Tafel"): d.table,
                _("Werkgever"): d.employer.employer.name if d.employer.employer else "",
                _("Wil verder praten"): d.student_wants_more,
            }
            for d in dates
        ],
    }
    return {title: rows for title, rows in sections.items() if rows}


def erase(s: Subject, keeper: StudentProfile) -> dict[str, int]:
    """Places still to come are given back (the waiting list moves up); past registrations
    count in the event's figures, so they move to the stand-in without their free text."""
    user = User.objects.get(pk=s.user_id)
    now = timezone.now()
    coming = Registration.objects.filter(user=user, event__ends_at__gte=now)
    for registration in coming.filter(status__in=ACTIVE).select_related("event"):
        registration_cancel(user=user, event=registration.event)
    dropped, _per_model = coming.delete()
    past = Registration.objects.filter(user=user)
    for registration in past:
        registration.wanted_employers.clear()
        registration.wanted_sectors.clear()
    moved = past.update(user=keeper.user, outcome="", checkin_code=None, checked_in_by=None)
    feeds, _per_model = CalendarFeed.objects.filter(user=user).delete()
    return {"aanmeldingen verwijderd": dropped, "aanmeldingen anoniem": moved, "agenda": feeds}


def _old_registrations(now: datetime.datetime) -> int:
    old = Registration.objects.filter(event__ends_at__lt=now - REGISTRATIONS_KEEP)
    deleted, _per_model = old.delete()
    return deleted


PROVIDER = Provider(
    app="events",
    export=export,
    erase=erase,
    retention=(
        RetentionRule(
            key="event_registrations",
            kind=gettext_lazy("Aanmeldingen voor evenementen en speeddates"),
            purpose=gettext_lazy("Evenementen organiseren; toegang en wachtlijst regelen"),
            legal_basis=gettext_lazy("Publieke taak; de jongere meldt zich zelf aan"),
            who_sees=gettext_lazy("de jongere, de organisator van het evenement"),
            period=gettext_lazy("2 jaar na het evenement"),
            apply=_old_registrations,
        ),
    ),
    order=10,
)
