"""Casework around the pipeline: escalations, an overgangsdokument, tasks and notifications."""

import datetime

from django.conf import settings
from django.utils import translation

from marketplace.models import (
    ActionItem,
    CheckIn,
    Escalation,
    Match,
    MatchStatus,
    Notification,
    Overgangsdokument,
    Placement,
    Region,
    User,
)
from marketplace.stored_texts import render

from . import DEMO_TODAY
from .bulk import at
from .personas import DEMO_LOGINS
from .searches import SECTOR_WORDS
from .stored_texts import WELCOME
from .students import STUCK_STUDENTS, SUMMER_DIPLOMA

R = Escalation.Reason
# (student index, reason, status, opened by, assigned to, explanation)
ESCALATIONS = [
    (
        110,
        R.NO_PLACE_BEFORE_START,
        "open",
        None,
        None,
        "Laatste schooljaar, de BPV start over zeven weken en er is nog geen plek.",
    ),
    (
        130,
        R.NO_PLACE_BEFORE_START,
        "in_behandeling",
        None,
        "accountmanager@demo.nl",
        "Laatste schooljaar, nog geen plek. Accountmanager belt drie werkgevers in de buurt.",
    ),
    (90, R.STALE_SEARCH, "open", None, None, "De zoekvraag staat al meer dan 21 dagen stil."),
    (
        "risk",
        R.RISK,
        "open",
        "jobhunter@demo.nl",
        "accountmanager.sbb@demo.nl",
        "Risicosignaal bij de check-in van week 6: vaak te laat, weinig contact.",
    ),
    (
        "declined",
        R.MANUAL,
        "opgelost",
        "jobhunter@demo.nl",
        "accountmanager@demo.nl",
        "Twee keer afgewezen; hulp gevraagd bij het vinden van een werkgever met meer begeleiding.",
    ),
]


def seed_casework(ctx, base) -> None:
    _escalations(ctx, base)
    _drenthe_escalation(ctx, base)
    _overgangsdokument(ctx, base)
    _actions(ctx, base)
    _notifications()


def _user(email: str | None):
    return User.objects.filter(email=email).first() if email else None


def _story_student(base, key):
    """A base student by index, or the student of the story's risk signal or declined match."""
    if isinstance(key, int):
        return base.profiles.get(key)
    if key == "risk":
        checkin = CheckIn.objects.filter(risk_signal=True).order_by("pk").first()
        return checkin.placement.match.student if checkin else None
    match = (
        Match.objects.filter(status=MatchStatus.AFGEWEZEN, student__in=base.profiles.values())
        .order_by("student__user__email")
        .first()
    )
    return match.student if match else None


def _escalations(ctx, base) -> None:
    for key, reason, status, opened_by, assigned, explanation in ESCALATIONS:
        profile = _story_student(base, key)
        if profile is None or Escalation.objects.filter(student=profile, reason=reason).exists():
            continue
        opened = at(DEMO_TODAY - datetime.timedelta(days=3 if status == "open" else 12), 7)
        closed = status == "opgelost"
        search = profile.search_requests.order_by("pk").first()
        code, params = _why(profile, reason, search, opened)
        Escalation.objects.create(
            student=profile,
            search_request=search,
            region_id=profile.school.region_id,
            reason=reason,
            explanation=_dutch(code, params).body if code else explanation,
            explanation_code=code,
            explanation_params=params,
            status=status,
            opened_by=_user(opened_by),
            assigned_to=_user(assigned),
            opened_at=opened,
            first_response_at=opened + datetime.timedelta(hours=20) if assigned else None,
            closed_at=opened + datetime.timedelta(days=8) if closed else None,
            resolution="Via het WSP twee nieuwe werkgevers benaderd; kennismaking gepland."
            if closed
            else "",
        )


def _why(profile, reason: str, search, opened) -> tuple[str, dict]:
    """A case the sweep would open explains itself as the sweep does (a code, read in the
    reader's language); a person's case keeps their own words."""
    region = profile.school.region
    if reason == R.NO_PLACE_BEFORE_START and profile.bpv_start_date:
        return "escalation.why.no_place_before_start", {
            "start": profile.bpv_start_date.isoformat(),
            "weeks": region.escalation_weeks_before_start,
        }
    if reason == R.STALE_SEARCH and search is not None and search.deadline:
        idle = max((opened - search.last_progress_at).days, region.escalation_stale_days)
        return "escalation.why.stale_search", {
            "idle": idle,
            "days": region.escalation_stale_days,
            "deadline": search.deadline.isoformat(),
        }
    return "", {}


def _drenthe_escalation(ctx, base) -> None:
    """One case in the other region, so cross-region permission checks have something to hide."""
    j = next((j for j in sorted(base.profiles) if base.specs[j]["region"] == "drenthe"), None)
    if j is None:
        return
    profile = base.profiles[j]
    if Escalation.objects.filter(student=profile, reason=R.MANUAL).exists():
        return
    Escalation.objects.create(
        student=profile,
        region=Region.objects.get(code="drenthe"),
        reason=R.MANUAL,
        explanation="Zoekt al lang een plek in de buurt van huis; hulp van het WSP gevraagd.",
        opened_by=_user("jobhunter.drenthe@demo.nl"),
        opened_at=at(DEMO_TODAY - datetime.timedelta(days=5), 9),
    )


def _overgangsdokument_student(base) -> int | None:
    for j in sorted(base.profiles):
        s = base.specs[j]
        if (
            s["region"] == "groningen"
            and s["education_type"] in ("pro", "vso")
            and s["advies"] == "arbeid"
            and s["consent_contact_after_diploma"]
        ):
            return j
    return None


def _overgangsdokument(ctx, base) -> None:
    j = _overgangsdokument_student(base)
    if j is None:
        return
    profile, spec = base.profiles[j], base.specs[j]
    Overgangsdokument.objects.get_or_create(
        student=profile,
        defaults={
            "advies": "arbeid",
            "strengths": "Harde werker, komt altijd op tijd en is vriendelijk tegen klanten.",
            "attention_points": "Heeft tijd nodig om te wennen aan nieuwe mensen en taken.",
            "support": "Een vaste begeleider en uitleg stap voor stap, het liefst voordoen.",
            "work_experience": "Twee stages van een half jaar: "
            f"{SECTOR_WORDS[spec['sector']]} en in een supermarkt.",
            "diplomas_and_certificates": "Praktijkverklaring met drie werkprocessen; VCA basis.",
            "wishes": "Een baan van ongeveer 24 uur per week, dicht bij huis, overdag.",
            "werkcoach": _user("werkcoach@demo.nl"),
            "status": Overgangsdokument.Status.VERSTUURD,
            "created_by": profile.mentor,
            "sent_at": at(DEMO_TODAY - datetime.timedelta(days=5), 13),
        },
    )
    ActionItem.objects.get_or_create(
        student=profile,
        kind=ActionItem.Kind.CONTACT_AFTER_DIPLOMA,
        due_date=SUMMER_DIPLOMA + datetime.timedelta(weeks=18),
        defaults={
            "title": "Contact opnemen, 18 weken na het diploma",
            "code": "task.contact_after_diploma",
            "assigned_to": _user("werkcoach@demo.nl"),
        },
    )


def _actions(ctx, base) -> None:
    for j in sorted(base.profiles):
        spec, profile = base.specs[j], base.profiles[j]
        needs_advies = spec["last_year"] and not spec["advies"] and spec["expected_diploma_date"]
        if needs_advies and (j % 10 == 0 or j in STUCK_STUDENTS):
            ActionItem.objects.get_or_create(
                student=profile,
                kind=ActionItem.Kind.ADVIES,
                due_date=spec["expected_diploma_date"] - datetime.timedelta(weeks=16),
                defaults={
                    "title": "Advies arbeid of doorstroom vastleggen",
                    "code": "task.advies",
                    "assigned_to": profile.mentor,
                },
            )
    risky = Placement.objects.filter(checkins__risk_signal=True).select_related(
        "match__student__jobhunter"
    )
    for placement in risky:
        student = placement.match.student
        ActionItem.objects.get_or_create(
            student=student,
            kind=ActionItem.Kind.FOLLOW_UP,
            due_date=DEMO_TODAY + datetime.timedelta(days=3),
            defaults={
                "title": "Gesprek met student, school en werkgever na risicosignaal",
                "code": "task.follow_up_risk",
                "placement": placement,
                "match": placement.match,
                "assigned_to": student.jobhunter,
            },
        )


def _notifications() -> None:
    for email, role, what in DEMO_LOGINS:
        user = User.objects.filter(email=email).first()
        if user is None:
            continue
        params = {"role": role, "tip": what}
        text = _dutch(WELCOME, params)
        Notification.objects.update_or_create(
            user=user,
            key="demo:welkom",
            defaults={"code": WELCOME, "params": params, "title": text.title, "body": text.body},
        )


def _dutch(code: str, params: dict):
    """The Dutch text of a code, kept with the row (the e-mail copy, search)."""
    with translation.override(settings.LANGUAGE_CODE):
        return render(code, params, fallback=("", "", ""))
