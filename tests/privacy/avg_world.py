"""A young person with a trace in every part of the product, and a scan of every table."""

import datetime
import json

from django.apps import apps
from django.contrib.admin.models import ADDITION, LogEntry
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils import timezone

from backoffice.models import ImportRun
from events.models import CalendarFeed, MatchingEvent, Registration
from marketplace.models import (
    AccessLog,
    ActionItem,
    AftercareContact,
    CandidateAlias,
    CheckIn,
    ConsentRecord,
    Escalation,
    GuardianLink,
    Invitation,
    Match,
    MatchStatus,
    Notification,
    Overgangsdokument,
    Placement,
    RankingLog,
    Role,
    SearchRequest,
    StudentProfile,
    Suggestion,
    TimelineEntry,
    User,
)
from tests import factories as f

FIRST, LAST = "Zefanja", "Quirijnsma"
EMAIL = "zefanja.quirijnsma@leerling.example"
EXTERNAL_ID = "LLN-778812"
BORN = datetime.date(2011, 4, 17)  # under 16: a parent may act for them


def person_with_traces(*, school, jobhunter, jpo, employer_member, opening) -> StudentProfile:
    """A student who left something in every table the product has."""
    now = timezone.now()
    user = f.UserFactory(role=Role.STUDENT, first_name=FIRST, last_name=LAST, email=EMAIL)
    student = f.StudentProfileFactory(
        user=user,
        school=school,
        external_id=EXTERNAL_ID,
        date_of_birth=BORN,
        jobhunter=jobhunter,
        jpo=jpo,
        interests=f"{FIRST} houdt van koken",
        consent_show_to_employers=True,
    )
    parent = f.UserFactory(role=Role.OUDER)
    GuardianLink.objects.create(guardian=parent, student=student)
    ConsentRecord.objects.create(student=student, kind="parent_access", given=True)
    AccessLog.objects.create(user=jobhunter, student=student, action="view", context="werk")
    search = SearchRequest.objects.create(
        student=student, kind="bpv", deadline=now.date(), note=f"{FIRST} wil koken",
        last_progress_at=now,
    )  # fmt: skip
    placed = Match.objects.create(
        student=student, opening=opening, search_request=search, status=MatchStatus.GESTART,
        closed_reason=f"Gesprek met {FIRST} {LAST}", score_snapshot={"student_id": student.pk},
    )  # fmt: skip
    other_opening = f.OpeningFactory(location=opening.location)
    proposed = Match.objects.create(student=student, opening=other_opening, proposed_by=jobhunter)
    TimelineEntry.objects.create(match=placed, actor=jobhunter, note=f"{LAST} belde")
    placement = Placement.objects.create(match=placed, start_date=now.date())
    CheckIn.objects.create(
        placement=placement, week=2, planned_for=now.date(), notes=f"{FIRST} gaat goed"
    )
    Escalation.objects.create(
        student=student, region=school.region, reason="handmatig", opened_at=now,
        explanation=f"{FIRST} {LAST} zoekt al lang",
    )  # fmt: skip
    Invitation.objects.create(
        opening=f.OpeningFactory(location=opening.location), student=student,
        message=f"Hoi {FIRST} {LAST}",
    )  # fmt: skip
    Suggestion.objects.create(
        direction="student", student=student, opening=other_opening, rank=1, score=80,
        explanation={}, engine_version="t", weights_version="t", computed_at=now,
    )  # fmt: skip
    CandidateAlias.objects.create(opening=other_opening, student=student, label="QX")
    action = ActionItem.objects.create(
        student=student, kind=ActionItem.Kind.AFTERCARE, title=f"Bel {FIRST} {LAST}",
        due_date=now.date(),
    )  # fmt: skip
    AftercareContact.objects.create(
        action=action, student=student, contacted_on=now.date(), situation="werk",
        note=f"{LAST} werkt",
    )  # fmt: skip
    ActionItem.objects.create(
        student=student, match=proposed, kind="volgende_stap", title=f"{LAST}", due_date=now.date()
    )
    Overgangsdokument.objects.create(student=student, strengths=f"{FIRST} is sterk")
    Notification.objects.create(user=user, key="a", title="Welkom")
    Notification.objects.create(
        user=jobhunter,
        key="b",
        title=f"{FIRST} {LAST} heeft interesse",
        url=f"/matches/{placed.pk}/",
    )
    Notification.objects.create(
        user=employer_member, key="c", title="Iemand", url=f"/matches/{proposed.pk}/"
    )
    RankingLog.objects.create(
        viewer=user, subject_type="student", subject_id=student.pk, engine_version="t",
        weights_version="t", input_hash="x", top_ids=[opening.pk],
    )  # fmt: skip
    RankingLog.objects.create(
        viewer=employer_member, subject_type="opening", subject_id=opening.pk, engine_version="t",
        weights_version="t", input_hash="y", top_ids=[student.pk + 100000, student.pk],
    )  # fmt: skip
    past = MatchingEvent.objects.create(
        title="Banenmarkt", kind=MatchingEvent.Kind.values[0], region=school.region,
        place=f.PlaceFactory(), starts_at=now - datetime.timedelta(days=30),
        ends_at=now - datetime.timedelta(days=30, hours=-3),
    )  # fmt: skip
    coming = MatchingEvent.objects.create(
        title="Speeddates", kind=MatchingEvent.Kind.values[0], region=school.region,
        place=f.PlaceFactory(), starts_at=now + datetime.timedelta(days=30),
        ends_at=now + datetime.timedelta(days=30, hours=3),
    )  # fmt: skip
    Registration.objects.create(event=past, user=user, status="attended", outcome=f"{FIRST} top")
    Registration.objects.create(event=coming, user=user, checkin_code="CODE-Q")
    CalendarFeed.objects.create(user=user, token="feed-token-q")
    csv = f"leerlingnummer;voornaam;achternaam;e-mail\n{EXTERNAL_ID};{FIRST};{LAST};{EMAIL}\n"
    ImportRun.objects.create(
        kind="students", file_name="leerlingen.csv", content=csv.encode(), school=school,
        region=school.region,
        summary={
            "create": 1,
            "preview": [{"row": 2, "key": EXTERNAL_ID, "changes": {"last_name": LAST}}],
        },
        problems=[{"row": 2, "column": "e-mail", "message": f"{EMAIL} bestaat al"}],
    )  # fmt: skip
    LogEntry.objects.create(
        user=jobhunter, content_type=ContentType.objects.get_for_model(User),
        object_id=str(user.pk), object_repr=f"{FIRST} {LAST}", action_flag=ADDITION,
    )  # fmt: skip
    _login_logs()
    return student


def _login_logs() -> None:
    """The lockout package's logs keep the e-mail address as the user name."""
    if not apps.is_installed("axes"):
        return
    login = {"username": EMAIL, "user_agent": "t", "ip_address": "10.0.0.1", "http_accept": "*/*"}
    apps.get_model("axes", "AccessLog").objects.create(path_info="/accounts/login/", **login)
    apps.get_model("axes", "AccessAttempt").objects.create(
        path_info="/api/v1/auth/token/", get_data="", post_data=f"email={EMAIL}",
        failures_since_start=1, **login,
    )  # fmt: skip


# --- the scan --------------------------------------------------------------------------------

TEXT = (models.CharField, models.TextField)


def _texts(student_values: dict) -> list[str]:
    born = student_values["born"]
    return [
        student_values["full_name"], student_values["first_name"], student_values["last_name"],
        student_values["email"],
        student_values["external_id"], born.isoformat(), born.strftime("%d-%m-%Y"),
    ]  # fmt: skip


def _in_json(value, texts, ids) -> bool:
    if isinstance(value, dict):
        for key, inner in value.items():
            if key in ("student", "student_id", "user", "user_id") and inner in ids:
                return True
            if _in_json(inner, texts, ids):
                return True
        return False
    if isinstance(value, list):
        return any(_in_json(v, texts, ids) for v in value)
    if isinstance(value, str):
        return any(t.lower() in value.lower() for t in texts)
    return False


def _subject_kind_ok(obj) -> bool:
    """A generic (kind, id) pair names a student only when its kind says so."""
    kind = getattr(obj, "subject_type", None) or getattr(obj, "kind", None)
    return kind in (None, "student")


def traces_of(values: dict) -> list[str]:
    """Every place in every table (all apps) where the person still shows: their name, e-mail,
    birth date, school number, their user or student id in a link or an id field."""
    texts = _texts(values)
    user_id, student_id = values["user_id"], values["student_id"]
    found = []
    for model in apps.get_models(include_auto_created=True):
        label = model._meta.label
        manager = model._base_manager
        for field in model._meta.concrete_fields:
            name = field.attname
            where = f"{label}.{field.name}"
            if field.is_relation:
                target = field.related_model
                if target is User and manager.filter(**{name: user_id}).exists():
                    found.append(where)
                if target is StudentProfile and manager.filter(**{name: student_id}).exists():
                    found.append(where)
            elif isinstance(field, TEXT):
                for text in texts:
                    if manager.filter(**{f"{name}__icontains": text}).exists():
                        found.append(f"{where} ~ {text}")
            elif isinstance(field, models.DateField) and not isinstance(
                field, models.DateTimeField
            ):
                if manager.filter(**{name: values["born"]}).exists():
                    found.append(f"{where} = birth date")
            elif isinstance(field, models.JSONField):
                ids = {student_id, user_id}
                for obj in manager.all():
                    if _in_json(getattr(obj, name), texts, ids):
                        found.append(f"{where} (json)")
                        break
                if label == "marketplace.RankingLog":  # candidate lists are student ids
                    logs = manager.filter(subject_type="opening")
                    if any(student_id in (log.top_ids or []) for log in logs):
                        found.append(f"{where} (top_ids)")
            elif isinstance(field, models.BinaryField):
                for blob in manager.values_list(name, flat=True):
                    text = bytes(blob or b"").decode("latin-1")
                    if any(t.lower() in text.lower() for t in texts):
                        found.append(f"{where} (file)")
                        break
            elif isinstance(field, models.IntegerField) and name in ("object_id", "subject_id"):
                for obj in manager.filter(**{name: student_id}):
                    if _subject_kind_ok(obj):
                        found.append(f"{where} = student id")
                        break
    return found


def identity_of(student: StudentProfile) -> dict:
    return {
        "user_id": student.user_id,
        "student_id": student.pk,
        "full_name": student.user.get_full_name(),
        "first_name": student.user.first_name,
        "last_name": student.user.last_name,
        "email": student.user.email,
        "external_id": student.external_id,
        "born": student.date_of_birth,
    }


def as_json(value) -> str:
    return json.dumps(value, ensure_ascii=False, default=str)
