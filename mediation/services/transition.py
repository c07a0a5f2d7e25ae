"""The routekaart's transition from school to work: advies, contact after the diploma, the
overgangsdokument sent to a werkcoach of the arbeidsmarktregio.

- The advies arbeid/doorstroom is due 16 weeks before the diploma: a task for the mentor (or
  jobhunter) until it is recorded.
- A student who consented is contacted about 18 weeks after the diploma: a task for the werkcoach
  who received the overgangsdokument, or the jobhunter.
- The overgangsdokument is written by the school or jobhunter, sent to a werkcoach, who confirms
  receipt and invites the student.
"""

import datetime
import io

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from marketplace.models import ActionItem, Overgangsdokument, Role, StudentProfile, User
from marketplace.permissions import ensure_can
from marketplace.services.audit import access_log_record
from marketplace.services.notifications import notify
from marketplace.services.profiles import student_consent_set

ADVIES_WEEKS_BEFORE_DIPLOMA = 16
CONTACT_WEEKS_AFTER_DIPLOMA = 18
OVERGANGSDOKUMENT_FIELDS = (
    "advies",
    "strengths",
    "attention_points",
    "support",
    "work_experience",
    "diplomas_and_certificates",
    "wishes",
)
OVERGANGSDOKUMENT_REQUIRED = ("advies", "strengths", "support", "wishes")
K = ActionItem.Kind
ST = Overgangsdokument.Status


def advies_due(student: StudentProfile) -> datetime.date | None:
    if student.expected_diploma_date is None:
        return None
    return student.expected_diploma_date - datetime.timedelta(weeks=ADVIES_WEEKS_BEFORE_DIPLOMA)


def contact_due(student: StudentProfile) -> datetime.date | None:
    if student.expected_diploma_date is None:
        return None
    return student.expected_diploma_date + datetime.timedelta(weeks=CONTACT_WEEKS_AFTER_DIPLOMA)


@transaction.atomic
def advies_record(
    *, actor: User, student: StudentProfile, advies: str, advies_date: datetime.date | None
) -> StudentProfile:
    """Record the advies arbeid/doorstroom; the advies task is done."""
    ensure_can(actor, "handle_transition", student)
    errors = {}
    if advies not in (StudentProfile.Advies.ARBEID, StudentProfile.Advies.DOORSTROOM):
        errors["advies"] = _("Kies arbeid of doorstroom.")
    today = timezone.localdate()
    if advies_date is None:
        errors["advies_date"] = _("Vul de datum van het advies in.")
    elif advies_date > today:
        errors["advies_date"] = _("De datum van het advies kan niet in de toekomst liggen.")
    if errors:
        raise ValidationError(errors)
    StudentProfile.objects.filter(pk=student.pk).update(
        advies=advies, advies_date=advies_date, updated_at=timezone.now()
    )
    student.refresh_from_db()
    ActionItem.objects.filter(student=student, kind=K.ADVIES, done_at__isnull=True).update(
        done_at=timezone.now()
    )
    access_log_record(user=actor, student=student, action="advies", context=advies)
    return student


def _plan_one(
    student: StudentProfile, kind: str, due: datetime.date, title: str, owner, code: str = ""
) -> bool:
    """Keep exactly one open task of this kind, due on `due`; True if one was added."""
    ActionItem.objects.filter(student=student, kind=kind, done_at__isnull=True).exclude(
        due_date=due
    ).delete()
    _, created = ActionItem.objects.get_or_create(
        student=student,
        kind=kind,
        due_date=due,
        defaults={"title": title, "code": code, "assigned_to": owner},
    )
    return created


def _plan_student(student: StudentProfile, today: datetime.date) -> int:
    added = 0
    if not student.advies and student.expected_diploma_date >= today:
        added += _plan_one(
            student,
            K.ADVIES,
            advies_due(student),
            _("Advies arbeid of doorstroom vastleggen"),
            student.mentor or student.jobhunter,
            "task.advies",
        )
    if student.consent_contact_after_diploma:
        doc = getattr(student, "overgangsdokument", None)
        owner = (doc.werkcoach if doc and doc.werkcoach_id else None) or student.jobhunter
        added += _plan_one(
            student,
            K.CONTACT_AFTER_DIPLOMA,
            contact_due(student),
            _("Contact opnemen, 18 weken na het diploma"),
            owner,
            "task.contact_after_diploma",
        )
    return added


def _drop_contact(student: StudentProfile) -> None:
    ActionItem.objects.filter(
        student=student, kind=K.CONTACT_AFTER_DIPLOMA, done_at__isnull=True
    ).delete()


def _in_planning_window(queryset, today: datetime.date):
    return queryset.filter(
        expected_diploma_date__isnull=False,
        expected_diploma_date__lte=today + datetime.timedelta(days=365),
        expected_diploma_date__gte=today - datetime.timedelta(weeks=CONTACT_WEEKS_AFTER_DIPLOMA),
    ).select_related("mentor", "jobhunter", "overgangsdokument__werkcoach")


def transition_plan(*, today: datetime.date | None = None) -> int:
    """Daily: plan the advies task for last-year students without an advies, and the contact
    after the diploma for those who consented. Safe to run twice; returns the tasks added."""
    today = today or timezone.localdate()
    added = sum(_plan_student(s, today) for s in _in_planning_window(StudentProfile.objects, today))
    # Withdrawn consent: the contact is not made.
    ActionItem.objects.filter(
        kind=K.CONTACT_AFTER_DIPLOMA,
        done_at__isnull=True,
        student__consent_contact_after_diploma=False,
    ).delete()
    return added


@transaction.atomic
def contact_after_diploma_set(
    *, actor: User, student: StudentProfile, given: bool
) -> StudentProfile:
    """Record what the student said about being contacted after the diploma, and plan (or
    drop) that contact for this student right away."""
    ensure_can(actor, "handle_transition", student)
    student = student_consent_set(
        user=actor, profile=student, kind="contact_after_diploma", given=given
    )
    if not given:
        _drop_contact(student)
    today = timezone.localdate()
    in_window = _in_planning_window(StudentProfile.objects.filter(pk=student.pk), today).first()
    if in_window is not None:
        _plan_student(in_window, today)
    return student


def actions_for(user: User):
    """Open tasks for this user, soonest first."""
    return (
        ActionItem.objects.filter(assigned_to=user, done_at__isnull=True)
        .select_related("student__user")
        .order_by("due_date")
    )


def action_done(*, actor: User, action: ActionItem) -> ActionItem:
    ensure_can(actor, "finish_action", action)
    ActionItem.objects.filter(pk=action.pk, done_at__isnull=True).update(done_at=timezone.now())
    action.refresh_from_db()
    return action


# --- the overgangsdokument ---------------------------------------------------------------------


def overgangsdokument_for(student: StudentProfile) -> Overgangsdokument:
    doc = Overgangsdokument.objects.filter(student=student).first()
    return doc or Overgangsdokument(student=student, advies=student.advies)


def werkcoaches_for(student: StudentProfile):
    return User.objects.filter(
        role=Role.WERKCOACH, is_active=True, region_id=student.school.region_id
    ).order_by("last_name", "first_name")


@transaction.atomic
def overgangsdokument_save(
    *, actor: User, student: StudentProfile, data: dict, expected_updated: str = ""
) -> Overgangsdokument:
    """Write the document (a concept until it is sent; after sending it can still be
    completed, and the werkcoach sees the new text)."""
    ensure_can(actor, "handle_transition", student)
    doc, _created = Overgangsdokument.objects.select_for_update().get_or_create(
        student=student, defaults={"created_by": actor}
    )
    if expected_updated and doc.updated_at and doc.updated_at.isoformat() != expected_updated:
        raise ValidationError(
            _(
                "Iemand anders heeft het overgangsdokument net aangepast. "
                "Bekijk de nieuwe tekst en vul daarna opnieuw aan."
            ),
            code="conflict",
        )
    if data.get("advies", "") not in ("", "arbeid", "doorstroom"):
        raise ValidationError({"advies": _("Kies arbeid of doorstroom.")})
    for field in OVERGANGSDOKUMENT_FIELDS:
        setattr(doc, field, (data.get(field) or "").strip())
    doc.save()
    access_log_record(user=actor, student=student, action="overgangsdokument_edit")
    return doc


@transaction.atomic
def overgangsdokument_send(
    *, actor: User, student: StudentProfile, werkcoach: User
) -> Overgangsdokument:
    ensure_can(actor, "handle_transition", student)
    doc = Overgangsdokument.objects.select_for_update().filter(student=student).first()
    if doc is None:
        raise ValidationError(_("Sla het overgangsdokument eerst op."))
    missing = [
        str(Overgangsdokument._meta.get_field(f).verbose_name)
        for f in OVERGANGSDOKUMENT_REQUIRED
        if not getattr(doc, f)
    ]
    if missing:
        raise ValidationError(
            _("Vul eerst in: %(fields)s.") % {"fields": ", ".join(missing)}, code="incomplete"
        )
    if werkcoach is None or not werkcoaches_for(student).filter(pk=werkcoach.pk).exists():
        raise ValidationError({"werkcoach": _("Kies een werkcoach uit de regio van de school.")})
    if doc.status != ST.CONCEPT and doc.werkcoach_id == werkcoach.pk:
        return doc  # sent already: a double submit changes nothing
    doc.werkcoach = werkcoach
    doc.status = ST.VERSTUURD
    doc.sent_at = timezone.now()
    doc.received_at = doc.invited_at = None
    doc.save()
    notify(
        user=werkcoach,
        key=f"overgangsdokument:{doc.pk}:sent:{doc.sent_at.isoformat()}",
        code="overgangsdokument.sent",
        params={"for": "mediator", "doc": doc.pk, "student": student.user.get_full_name()},
    )
    return doc


def overgangsdokumenten_for_werkcoach(user: User):
    return (
        Overgangsdokument.objects.filter(werkcoach=user)
        .exclude(status=ST.CONCEPT)
        .select_related("student__user", "student__school")
        .order_by("status", "-sent_at")
    )


@transaction.atomic
def overgangsdokument_confirm_receipt(*, actor: User, doc: Overgangsdokument) -> Overgangsdokument:
    ensure_can(actor, "receive_overgangsdokument", doc)
    updated = Overgangsdokument.objects.filter(pk=doc.pk, status=ST.VERSTUURD).update(
        status=ST.ONTVANGEN, received_at=timezone.now()
    )
    doc.refresh_from_db()
    if updated and doc.created_by_id:
        notify(
            user=doc.created_by,
            key=f"overgangsdokument:{doc.pk}:received:{doc.received_at.isoformat()}",
            code="overgangsdokument.received",
            params={
                "for": "mediator",
                "student_id": doc.student_id,
                "student": doc.student.user.get_full_name(),
            },
        )
    return doc


@transaction.atomic
def overgangsdokument_invite(
    *, actor: User, doc: Overgangsdokument, when: datetime.datetime | None, where: str
) -> Overgangsdokument:
    """The werkcoach invites the student for a first conversation."""
    ensure_can(actor, "receive_overgangsdokument", doc)
    errors = {}
    if when is None:
        errors["when"] = _("Kies een datum en tijd voor het gesprek.")
    elif when < timezone.now():
        errors["when"] = _("Kies een moment in de toekomst.")
    where = (where or "").strip()
    if not where:
        errors["where"] = _("Schrijf op waar het gesprek is.")
    if errors:
        raise ValidationError(errors)
    if doc.status == ST.VERSTUURD:
        doc = overgangsdokument_confirm_receipt(actor=actor, doc=doc)
    if doc.status == ST.UITGENODIGD:
        return doc
    Overgangsdokument.objects.filter(pk=doc.pk, status=ST.ONTVANGEN).update(
        status=ST.UITGENODIGD, invited_at=timezone.now()
    )
    doc.refresh_from_db()
    local = timezone.localtime(when)
    notify(
        user=doc.student.user,
        key=f"overgangsdokument:{doc.pk}:invited",
        code="overgangsdokument.invited",
        params={
            "for": "student",
            "coach": actor.get_full_name(),
            "when": local.replace(tzinfo=None).isoformat(timespec="minutes"),
            "where": where,
        },
    )
    return doc


def overgangsdokument_pdf(doc: Overgangsdokument) -> bytes:
    """The document as a PDF, for the werkcoach's own files."""
    from xml.sax.saxutils import escape

    from reportlab.lib.pagesizes import A4
    from reportlab.lib.styles import getSampleStyleSheet
    from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer

    buffer = io.BytesIO()
    pdf = SimpleDocTemplate(
        buffer, pagesize=A4, title=_("Overgangsdokument"), author=_("BPV- en banenmatcher")
    )
    styles = getSampleStyleSheet()
    student = doc.student
    story = [
        Paragraph(escape(_("Overgangsdokument")), styles["Title"]),
        Paragraph(
            escape(f"{student.user.get_full_name()} · {student.school.name}"), styles["Heading2"]
        ),
    ]
    advies = dict(StudentProfile.Advies.choices).get(doc.advies, "")
    rows = [(_("Advies"), str(advies))] + [
        (str(Overgangsdokument._meta.get_field(f).verbose_name).capitalize(), getattr(doc, f))
        for f in OVERGANGSDOKUMENT_FIELDS[1:]
    ]
    for label, text in rows:
        story.append(Paragraph(escape(label), styles["Heading3"]))
        for line in (text or "–").splitlines() or ["–"]:
            story.append(Paragraph(escape(line), styles["BodyText"]))
        story.append(Spacer(1, 6))
    if doc.sent_at:
        story.append(
            Paragraph(
                escape(
                    _("Verstuurd op %(date)s aan %(coach)s")
                    % {
                        "date": timezone.localtime(doc.sent_at).strftime("%d-%m-%Y"),
                        "coach": doc.werkcoach.get_full_name() if doc.werkcoach else "",
                    }
                ),
                styles["Italic"],
            )
        )
    pdf.build(story)
    return buffer.getvalue()
