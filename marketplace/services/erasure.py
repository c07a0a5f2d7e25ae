"""The right to erasure: a request, the school's or coordinator's decision, and the erasure.

The erasure walks every registered provider (services/personal_data.py), then removes the
profile and the account. Rows the monitoring counts move to an anonymous stand-in profile
(the "keeper": no name, e-mail, birth date or number), so the figures stay right without the
person. It runs as a Celery task after the decision's commit and is safe to run twice.
"""

import datetime
import uuid

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from ..models import ErasureRequest, Role, SchoolLocation, StudentProfile, User
from ..permissions import ERASED_EMAIL_DOMAIN, ensure_can, erasure_deciders_for
from .notifications import notify
from .personal_data import Subject, personal_data_providers
from .ranking_changes import ranking_inputs_changed

KEEPER_DOMAIN = ERASED_EMAIL_DOMAIN  # the stand-in is listed to nobody (permissions)


@transaction.atomic
def erasure_request_create(
    *, requester: User, student: StudentProfile, reason: str = ""
) -> ErasureRequest:
    """The student (or their parent under 16) asks; a second click finds the open request."""
    ensure_can(requester, "request_erasure", student)
    StudentProfile.objects.select_for_update().filter(pk=student.pk).first()
    open_one = ErasureRequest.objects.filter(
        student=student, status=ErasureRequest.Status.REQUESTED
    ).first()
    if open_one is not None:
        return open_one
    request = ErasureRequest(
        student=student,
        subject_label=(student.user.get_full_name() or _("Leerling"))[:80],
        requested_by=requester,
        reason=reason.strip()[:1000],
    )
    request.full_clean(exclude=["student", "requested_by", "decided_by"])  # set by us, not typed
    request.save()
    for decider in erasure_deciders_for(student):
        notify(user=decider, key=f"erasure:{request.pk}:new", code="erasure.new")
    return request


@transaction.atomic
def erasure_request_decide(
    *, decider: User, request: ErasureRequest, confirm: bool, note: str = ""
) -> ErasureRequest:
    """Confirm (the erasure task starts after the commit) or refuse, saying why."""
    ensure_can(decider, "decide_erasure", request.student)
    note = note.strip()
    if not confirm and not note:
        raise ValidationError({"note": _("Schrijf op waarom je het verzoek afwijst.")})
    now = timezone.now()
    claimed = ErasureRequest.objects.filter(
        pk=request.pk, status=ErasureRequest.Status.REQUESTED, decided_at__isnull=True
    ).update(
        decided_by=decider,
        decided_at=now,
        decision_note=note[:1000],
        status=ErasureRequest.Status.REQUESTED if confirm else ErasureRequest.Status.REFUSED,
    )
    request.refresh_from_db()
    if not claimed:  # decided already (a double click, or a colleague was first)
        return request
    if confirm:
        from ..tasks import erasure_execute

        transaction.on_commit(lambda: erasure_execute.delay(request.pk))
    elif request.requested_by is not None:
        notify(
            user=request.requested_by,
            key=f"erasure:{request.pk}:refused",
            code="erasure.refused",
            params={"for": _audience(request), "student_id": request.student_id, "note": note},
        )
    return request


def _audience(request: ErasureRequest) -> str:
    """A parent reads the answer on their child's page, a student on their own."""
    requester = request.requested_by
    if requester is not None and requester.role == Role.OUDER and request.student_id:
        return "parent"
    return "student"


def erasure_execute(*, request_id: int) -> dict:
    """Carry out a confirmed request; a second run (or a redelivered task) changes nothing."""
    with transaction.atomic():
        request = ErasureRequest.objects.select_for_update().filter(pk=request_id).first()
        if request is None or request.decided_at is None:
            return {}
        if request.status != ErasureRequest.Status.REQUESTED:
            return request.summary
        requester = request.requested_by
        own = requester is not None and request.student_id is not None
        own = own and request.student.user_id == requester.pk
        told = (requester.email, requester.get_short_name()) if own else None
        summary = student_erase(student_id=request.student_id) if request.student_id else {}
        request.refresh_from_db()
        request.status = ErasureRequest.Status.DONE
        request.summary = summary
        request.subject_label = _("Verwijderde leerling (verzoek %(pk)s)") % {"pk": request.pk}
        request.reason = ""  # the person's own words may name them; the decision is the proof
        request.decision_note = ""
        request.save(
            update_fields=["status", "summary", "subject_label", "reason", "decision_note"]
        )
        from ..models import Notification

        Notification.objects.filter(key__startswith=f"erasure:{request.pk}:").delete()
        if told is not None:
            # The account is gone: one e-mail, sent after the commit and stored nowhere.
            transaction.on_commit(lambda: _mail_done(*told))
        elif requester is not None:
            notify(
                user=requester,
                key=f"erasure:{request.pk}:done",
                code="erasure.done",
            )
    return summary


def _mail_done(email: str, name: str) -> None:
    from django.core.mail import send_mail

    with translation.override(settings.LANGUAGE_CODE):
        send_mail(
            _("Je gegevens zijn verwijderd"),
            _(
                "Hallo %(name)s,\n\nJe hebt gevraagd om je gegevens te verwijderen. Dat is nu "
                "gebeurd. Je account bestaat niet meer."
            )
            % {"name": name},
            settings.DEFAULT_FROM_EMAIL,
            [email],
        )


def student_erase(*, student_id: int) -> dict:
    """Remove or anonymise the student in every app, then the profile and the account."""
    with transaction.atomic():
        student = (
            StudentProfile.objects.select_for_update()
            .select_related("user", "school")
            .filter(pk=student_id)
            .first()
        )
        if student is None:
            return {}
        subject = Subject.of(student)
        keeper = _keeper_for(student)
        summary: dict[str, dict[str, int]] = {}
        for provider in personal_data_providers():
            summary[provider.app] = provider.erase(subject, keeper)
        ranking_inputs_changed(kind="student", ids=[subject.student_id])
        if not _keeper_used(keeper):
            user = keeper.user
            keeper.delete()
            user.delete()
    return summary


def _keeper_for(student: StudentProfile) -> StudentProfile:
    """An empty stand-in at the same school, level and education: what the figures need."""
    user = User.objects.create_user(
        f"verwijderd-{uuid.uuid4().hex[:16]}{KEEPER_DOMAIN}",
        None,
        role=Role.STUDENT,
        last_name=_("(gegevens verwijderd)"),
        is_active=False,
    )
    born = student.date_of_birth
    stand_in_birthday = datetime.date(born.year, 7, 1)
    if stand_in_birthday == born:
        stand_in_birthday = datetime.date(born.year, 1, 1)
    location = SchoolLocation.objects.filter(school_id=student.school_id).first()
    return StudentProfile.objects.create(
        user=user,
        school_id=student.school_id,
        education_type=student.education_type,
        level=student.level,
        qualification_id=student.qualification_id,
        leerweg=student.leerweg,
        school_leaver=student.school_leaver,
        date_of_birth=stand_in_birthday,  # the year stays (age bands), the day does not
        home_place_id=location.place_id if location else student.home_place_id,
        available_from=student.available_from,
        advies=student.advies,
        advies_date=student.advies_date,
        expected_diploma_date=student.expected_diploma_date,
    )


def _keeper_used(keeper: StudentProfile) -> bool:
    from django.db.models import Exists, OuterRef

    from ..models import Escalation, Match, RankingLog, SearchRequest

    used = StudentProfile.objects.filter(pk=keeper.pk).filter(
        Exists(Match.objects.filter(student=OuterRef("pk")))
        | Exists(SearchRequest.objects.filter(student=OuterRef("pk")))
        | Exists(Escalation.objects.filter(student=OuterRef("pk")))
    )
    if used.exists() or keeper.actions.exists() or keeper.aftercare_contacts.exists():
        return True
    if keeper.user.registrations.exists():
        return True
    return RankingLog.objects.filter(subject_type="student", subject_id=keeper.pk).exists()
