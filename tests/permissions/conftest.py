"""Two regions with the same cast, so every persona has an own and a foreign object of each kind.

Side "own" (Groningen) holds Sanne, her parent, her jobhunter and JPO, her school, the employer
of her matches, the region's accountmanager, werkcoach and coordinator, and a second student
(16+, no consent for her parent). Side "other" (Drenthe) holds Tom and the same roles around him.
A persona named `*_other` belongs to the other side; every object is its side's.
"""

import datetime
from dataclasses import dataclass, field

import pytest
from django.utils import timezone

from backoffice.models import ImportRun
from employers.models import ColleagueInvite, RecognitionRequest
from events.feeds import calendar_feed_for, calendar_feed_renew
from events.models import CalendarFeed, MatchingEvent
from marketplace.models import (
    ActionItem,
    CandidateAlias,
    CheckIn,
    Escalation,
    GuardianLink,
    Invitation,
    Match,
    MatchStatus,
    Notification,
    Overgangsdokument,
    Placement,
    Role,
    User,
)
from tests import factories as f
from tests.permissions.matrix import FOREIGN, OWN
from toolkit.models import Audience, Regulation, ToolkitItem


@dataclass
class Side:
    """One region's cast and the objects around its student."""

    people: dict[str, User] = field(default_factory=dict)
    objects: dict[str, object] = field(default_factory=dict)


def _person(role: str, **kw) -> User:
    return f.UserFactory(role=role, **kw)


def build_side(name: str) -> Side:
    today = timezone.localdate()
    region = f.RegionFactory(name=name, code=name.lower())
    school = f.SchoolFactory(region=region)
    employer = f.EmployerFactory(region=region)
    location = f.LocationFactory(employer=employer)
    side = Side()
    p = side.people
    p["jobhunter"] = _person(Role.JOBHUNTER, region=region)
    p["jpo"] = _person(Role.JPO, region=region)
    p["school"] = _person(Role.SCHOOL, school=school, region=region)
    p["accountmanager"] = _person(Role.ACCOUNTMANAGER, region=region)
    p["werkcoach"] = _person(Role.WERKCOACH, region=region)
    p["coordinator"] = _person(Role.COORDINATOR, region=region)
    p["employer"] = _person(Role.WERKGEVER, employer=employer)
    student = f.StudentProfileFactory(
        school=school, jobhunter=p["jobhunter"], jpo=p["jpo"], consent_parent_access=True
    )
    p["student"] = student.user
    # A recognised leerbedrijf, so the hard rules let her matches move.
    employer.recognitions.create(qualification=student.qualification, valid_from="2020-01-01")
    p["parent"] = _person(Role.OUDER)
    GuardianLink.objects.create(guardian=p["parent"], student=student)
    opening = f.OpeningFactory(location=location)
    match = Match.objects.create(
        student=student, opening=opening, proposed_by=p["jobhunter"], status=MatchStatus.VOORGESTELD
    )
    started = Match.objects.create(
        student=student,
        opening=f.OpeningFactory(location=location),
        proposed_by=p["jobhunter"],
        status=MatchStatus.GESTART,
    )
    placement = Placement.objects.create(match=started, start_date=today - datetime.timedelta(14))
    checkin = CheckIn.objects.create(
        placement=placement, week=2, planned_for=today, assigned_to=p["jpo"]
    )
    doc = Overgangsdokument.objects.create(
        student=student,
        werkcoach=p["werkcoach"],
        status=Overgangsdokument.Status.VERSTUURD,
        sent_at=timezone.now(),
        advies="arbeid",
        strengths="Zorgvuldig en op tijd.",
        support="Een vaste begeleider.",
        wishes="Werken in een magazijn.",
    )
    action = ActionItem.objects.create(
        student=student,
        kind=ActionItem.Kind.ADVIES,
        title="Advies vastleggen",
        due_date=today,
        assigned_to=p["jobhunter"],
    )
    side.objects.update(
        student=student,
        opening=opening,
        spare_opening=f.OpeningFactory(location=location),
        match=match,
        placement=placement,
        checkin=checkin,
        overgangsdokument=doc,
        action=action,
        escalation=f.EscalationFactory(
            student=student, region=region, reason=Escalation.Reason.STALE_SEARCH
        ),
        region=region,
        # The back office: a person both the region's coordinator and accountmanager manage.
        person=p["employer"],
        employer=employer,  # the accountmanager of its region acts on its behalf
        colleague_invite=ColleagueInvite.objects.create(
            employer=employer,
            email=f"collega@{name.lower()}.nl",
            employer_role="praktijkopleider",
            token_hash=name.lower().ljust(64, "0"),
            invited_by=p["employer"],
            expires_at=timezone.now() + datetime.timedelta(days=7),
        ),
        school=school,
        guardian_link=GuardianLink.objects.get(guardian=p["parent"], student=student),
        import_run=ImportRun.objects.create(
            kind="students",
            file_name="leerlingen.csv",
            content=b"",
            school=school,
            region=region,
            created_by=p["school"],
        ),  # fmt: skip
        # An employer's open request for a recognition, handled by the region's accountmanager.
        recognition_request=RecognitionRequest.objects.create(
            employer=employer,
            kind=RecognitionRequest.Kind.NEW,
            qualification=f.QualificationFactory(),
            requested_by=p["employer"],
        ),
    )
    _invitations(side)
    return side


def _invitations(side: Side) -> None:
    """An open invitation of the employer to the side's student (for the spare opening), and a
    student who agreed to be found, suggested on the side's opening as "Kandidaat A"."""
    student, opening = side.objects["student"], side.objects["opening"]
    findable = f.StudentProfileFactory(
        school=student.school, qualification=student.qualification, consent_findable=True
    )
    CandidateAlias.objects.create(opening=opening, student=findable, label="A")
    side.objects["invitation"] = Invitation.objects.create(
        opening=side.objects["spare_opening"], student=student, invited_by=side.people["employer"]
    )


@dataclass
class World:
    own: Side
    other: Side
    shared: dict[str, object]

    def user(self, persona: str) -> User | None:
        if persona == "anonymous":
            return None
        if persona == "parent_no_consent":
            return self.shared["parent_no_consent"]
        side = self.other if persona.endswith("_other") else self.own
        return side.people[persona.removesuffix("_other")]

    def side(self, persona: str, which: str) -> Side:
        mine = self.other if persona.endswith("_other") else self.own
        theirs = self.own if mine is self.other else self.other
        return mine if which == OWN else theirs

    def target(self, persona: str, kind: str, which: str):
        """The object of `kind` that is this persona's own, or another party's."""
        if kind in self.shared:
            return self.shared[kind]
        if kind == "notification":
            owner = (
                self.user(persona)
                if which == OWN
                else self.side(persona, FOREIGN).people["jobhunter"]
            )
            return Notification.objects.create(
                user=owner or self.own.people["student"], key=f"test:{kind}", title="Bericht"
            )
        if kind == "calendar_feed":
            student = self.side(persona, which).people["student"]
            return _calendar_feed(student, revoked=which == FOREIGN)
        if persona == "parent_no_consent" and kind == "student" and which == OWN:
            return self.shared["child_without_consent"]
        return self.side(persona, which).objects[kind]


def _calendar_feed(user: User, *, revoked: bool) -> CalendarFeed:
    """The user's feed address; `revoked`: an address the user has renewed since."""
    feed = calendar_feed_for(user=user)
    if not revoked:
        return feed
    old = feed.token
    calendar_feed_renew(user=user)
    return CalendarFeed(user=user, token=old)


def _shared(own: Side) -> dict:
    region = own.objects["region"]
    child = f.StudentProfileFactory(school=own.objects["student"].school)  # 16+, no consent
    guardian = _person(Role.OUDER)
    GuardianLink.objects.create(guardian=guardian, student=child)
    now = timezone.now()
    event = MatchingEvent.objects.create(
        title="Banenmarkt Groningen",
        kind=MatchingEvent.Kind.values[0],
        region=region,
        place=f.PlaceFactory(),
        starts_at=now + datetime.timedelta(days=10),
        ends_at=now + datetime.timedelta(days=10, hours=3),
    )
    item = ToolkitItem.objects.create(
        audience=Audience.WERKGEVER,
        title="Waarom een BPV-plek?",
        slug="waarom-een-bpv-plek",
        category="Waarom",
        summary="Kort",
        body="Lang",
    )
    regulation = Regulation.objects.create(
        name="Loonkostenvoordeel",
        slug="loonkostenvoordeel",
        provider="UWV",
        summary="Kort",
        who_qualifies="Werkgevers",
        how_to_apply="Bij het UWV",
    )
    return {
        "parent_no_consent": guardian,
        "child_without_consent": child,
        "event": event,
        "toolkit_item": item,
        "regulation": regulation,
    }


@pytest.fixture
def world(db) -> World:
    own = build_side("Groningen")
    other = build_side("Drenthe")
    return World(own=own, other=other, shared=_shared(own))
