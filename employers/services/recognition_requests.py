"""Requests for a recognition (erkenning): a beheerder asks for a new (or renewed) one or says
one is wrong; the region's accountmanagers (the SBB advisers among them) take a request and
approve it (the recognition follows, through `recognition_save`) or reject it. The employer is
told of each step; the handlers of a new request."""

import datetime

from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from marketplace.models import Role
from marketplace.permissions import ensure_can, recognition_requests_visible_to
from marketplace.services.notifications import notify
from matching.models import Qualification

from ..models import Employer, Opening, Recognition, RecognitionRequest
from .recognitions import (
    PAUSED_REASON,
    day_text,
    employer_people,
    lost_recognitions_of,
    recognition_state,
)

User = get_user_model()

# The SBB advisers' group, spelled out as mediation.services.escalations.SBB_GROUP names it
# (the core imports no feature; a test holds the two equal).
SBB_GROUP = "SBB"
OPEN_REQUEST = (RecognitionRequest.Status.REQUESTED, RecognitionRequest.Status.IN_PROGRESS)
REQUEST_MOVES = {
    RecognitionRequest.Status.REQUESTED: {
        RecognitionRequest.Status.IN_PROGRESS,
        RecognitionRequest.Status.APPROVED,
        RecognitionRequest.Status.REJECTED,
    },
    RecognitionRequest.Status.IN_PROGRESS: {
        RecognitionRequest.Status.APPROVED,
        RecognitionRequest.Status.REJECTED,
    },
}


# --- reads for the pages ---------------------------------------------------------------------


def request_kinds_label(asks) -> list[RecognitionRequest]:
    """Give each request `is_renewal` and `kind_label`: a request for a new recognition of a
    qualification the employer already had a recognition for (before the one this request
    gave) is a renewal, "Verlenging". One query."""
    asks = list(asks)
    news = [a for a in asks if a.kind == RecognitionRequest.Kind.NEW]
    held: dict[tuple[int, int], list[tuple[int, datetime.date]]] = {}
    if news:
        rows = Recognition.objects.filter(
            employer_id__in={a.employer_id for a in news},
            qualification_id__in={a.qualification_id for a in news},
        ).values_list("employer_id", "qualification_id", "pk", "valid_from")
        for employer_id, qualification_id, pk, valid_from in rows:
            held.setdefault((employer_id, qualification_id), []).append((pk, valid_from))
    for a in asks:
        mine = held.get((a.employer_id, a.qualification_id), [])
        own = dict(mine).get(a.recognition_id)
        a.is_renewal = a.kind == RecognitionRequest.Kind.NEW and any(
            pk != a.recognition_id and (own is None or start < own) for pk, start in mine
        )
        a.kind_label = _("Verlenging") if a.is_renewal else a.get_kind_display()
    return asks


def employer_recognition_requests(*, employer: Employer) -> list[RecognitionRequest]:
    return request_kinds_label(
        employer.recognition_requests.select_related("qualification", "recognition").order_by(
            "-requested_at"
        )
    )


def recognition_request_queue(*, user) -> dict[str, list[RecognitionRequest]]:
    """The requests of the accountmanager's region: open ones oldest first, then the last
    handled ones."""
    qs = recognition_requests_visible_to(user).select_related(
        "employer", "qualification", "handled_by"
    )
    open_ones = list(qs.filter(status__in=OPEN_REQUEST).order_by("requested_at"))
    done = list(qs.exclude(status__in=OPEN_REQUEST).order_by("-handled_at")[:30])
    request_kinds_label(open_ones + done)
    return {"open": open_ones, "done": done}


def recognition_request_context(*, recognition_request: RecognitionRequest) -> dict:
    """What the accountmanager needs to decide: the employer's recognitions for this
    qualification and a sensible first day for a new one."""
    today = timezone.localdate()
    request_kinds_label([recognition_request])  # the page shows "Verlenging" for a renewal
    same = list(
        recognition_request.employer.recognitions.filter(
            qualification_id=recognition_request.qualification_id
        ).order_by("-valid_from")
    )
    ends = [r.valid_to for r in same if r.valid_to is not None]
    open_ended = any(r.valid_to is None for r in same)
    start = today
    if ends and not open_ended and recognition_request.kind == RecognitionRequest.Kind.NEW:
        start = max(today, max(ends) + datetime.timedelta(days=1))
    target = recognition_request.recognition
    initial = {"valid_from": start}
    if recognition_request.kind == RecognitionRequest.Kind.CORRECTION and target is not None:
        initial = {"valid_from": target.valid_from, "valid_to": target.valid_to}
    return {"same": [(r, recognition_state(r, today=today)) for r in same], "initial": initial}


# --- the employer asks, the accountmanager handles -------------------------------------------


def _handlers(employer: Employer) -> list:
    """Who hears of a new request: the region's SBB advisers and the employer's own
    accountmanager; when there are none, every accountmanager of the region."""
    region_staff = User.objects.filter(
        role=Role.ACCOUNTMANAGER, region_id=employer.region_id, is_active=True
    )
    chosen = list(
        region_staff.filter(Q(groups__name=SBB_GROUP) | Q(pk=employer.accountmanager_id))
        .distinct()
        .order_by("pk")
    )
    return chosen or list(region_staff.order_by("pk"))


@transaction.atomic
def recognition_request_create(
    *,
    user,
    employer: Employer,
    kind: str,
    qualification: Qualification | None = None,
    recognition: Recognition | None = None,
    message: str = "",
) -> RecognitionRequest:
    """An employer asks for a new (or renewed) recognition, or says one is wrong."""
    ensure_can(user, "request_recognition", employer)
    Employer.objects.select_for_update().filter(pk=employer.pk).first()  # one at a time
    message = (message or "").strip()
    errors: dict[str, list] = {}
    if kind not in RecognitionRequest.Kind.values:
        errors["kind"] = [_("Kies wat je wilt aanvragen.")]
    if recognition is not None and recognition.employer_id != employer.pk:
        errors["recognition"] = [_("Kies een van je eigen erkenningen.")]
    if kind == RecognitionRequest.Kind.CORRECTION:
        if recognition is None:
            errors.setdefault("recognition", []).append(_("Kies de erkenning die niet klopt."))
        if not message:
            errors["message"] = [_("Schrijf kort wat er niet klopt.")]
        qualification = qualification or (recognition.qualification if recognition else None)
    elif kind == RecognitionRequest.Kind.NEW:
        recognition = None
        if qualification is None:
            errors["qualification"] = [_("Kies de opleiding waarvoor je een erkenning wilt.")]
        elif _holds_lasting_recognition(employer, qualification):
            errors["qualification"] = [
                _(
                    "Je hebt al een geldige erkenning voor deze opleiding. Klopt er iets niet? "
                    "Kies dan ‘Erkenning klopt niet’."
                )
            ]
    if len(message) > 1000:
        errors["message"] = [_("Schrijf hoogstens 1000 tekens.")]
    if (
        qualification is not None
        and not errors
        and _has_open_request(employer, kind, qualification)
    ):
        errors["qualification"] = [
            _("Je hebt hiervoor al een verzoek lopen. Je accountmanager pakt het op.")
        ]
    if errors:
        raise ValidationError(errors)
    created = RecognitionRequest.objects.create(
        employer=employer,
        kind=kind,
        qualification=qualification,
        recognition=recognition,
        message=message,
        requested_by=user,
    )
    request_kinds_label([created])
    for handler in _handlers(employer):
        notify(
            user=handler,
            key=f"recognition-request:{created.pk}:new",
            code="recognition_request.new",
            params={
                "for": "staff",
                "request": created.pk,
                "employer": employer.name,
                "kind": created.kind,
                "renewal": created.is_renewal,
                "qualification": qualification.name,
                "qualification_en": qualification.name_en,
                "text": message,
            },
        )
    return created


def _holds_lasting_recognition(employer: Employer, qualification: Qualification) -> bool:
    """A recognition valid today that does not end within the warning period."""
    today = timezone.localdate()
    for r in employer.recognitions.filter(qualification=qualification):
        if r.is_valid_on(today) and recognition_state(r, today=today).code == "valid":
            return True
    return False


def _has_open_request(employer: Employer, kind: str, qualification: Qualification) -> bool:
    return employer.recognition_requests.filter(
        kind=kind, qualification=qualification, status__in=OPEN_REQUEST
    ).exists()


def _locked_for_move(
    recognition_request: RecognitionRequest, to: str, *, user, rule: str
) -> RecognitionRequest:
    """The request as it is now (locked), if this user may move it there."""
    locked = (
        RecognitionRequest.objects.select_for_update(of=("self",))
        .select_related("employer", "qualification")
        .get(pk=recognition_request.pk)
    )
    ensure_can(user, rule, locked)
    if to not in REQUEST_MOVES.get(locked.status, set()):
        raise ValidationError(
            _("Dit verzoek is al %(status)s. Ververs de pagina.")
            % {"status": locked.get_status_display().lower()}
        )
    return locked


def _finish(locked: RecognitionRequest, *, user, status: str, response: str = "") -> None:
    locked.status = status
    locked.handled_by = user
    locked.handled_at = timezone.now()
    fields = ["status", "handled_by", "handled_at"]
    if status in (RecognitionRequest.Status.APPROVED, RecognitionRequest.Status.REJECTED):
        locked.response = response
        fields += ["response", "recognition"]
    locked.save(update_fields=fields)
    _tell_employer(locked)


def _tell_employer(recognition_request: RecognitionRequest) -> None:
    employer = recognition_request.employer
    people = employer_people(employer)
    asker = recognition_request.requested_by
    if asker is not None and asker.is_active and asker.employer_id == employer.pk:
        people = [asker, *[p for p in people if p.pk != asker.pk]]
    status = recognition_request.status
    qualification = recognition_request.qualification
    params = {
        "for": "employer",
        "status": status,
        "qualification": qualification.name,
        "qualification_en": qualification.name_en,
        "text": recognition_request.response,
        "reopenable": status == RecognitionRequest.Status.APPROVED and _reopenable(employer),
    }
    for user in people:
        notify(
            user=user,
            key=f"recognition-request:{recognition_request.pk}:{status}",
            code="recognition_request.answered",
            params=params,
        )


def _reopenable(employer: Employer) -> bool:
    today = timezone.localdate()
    paused = employer.openings.filter(status=Opening.Status.PAUSED, paused_reason=PAUSED_REASON)
    return any(not lost_recognitions_of(o, today) for o in paused)


@transaction.atomic
def recognition_request_take(
    *, user, recognition_request: RecognitionRequest
) -> RecognitionRequest:
    locked = _locked_for_move(
        recognition_request,
        RecognitionRequest.Status.IN_PROGRESS,
        user=user,
        rule="take_recognition_request",
    )
    _finish(locked, user=user, status=RecognitionRequest.Status.IN_PROGRESS)
    return locked


@transaction.atomic
def recognition_request_reject(
    *, user, recognition_request: RecognitionRequest, response: str
) -> RecognitionRequest:
    locked = _locked_for_move(
        recognition_request,
        RecognitionRequest.Status.REJECTED,
        user=user,
        rule="decide_recognition_request",
    )
    response = (response or "").strip()
    if not response:
        raise ValidationError(
            {"response": [_("Schrijf kort waarom, zodat de werkgever weet wat hij kan doen.")]}
        )
    _finish(locked, user=user, status=RecognitionRequest.Status.REJECTED, response=response)
    return locked


@transaction.atomic
def recognition_request_approve(
    *,
    user,
    recognition_request: RecognitionRequest,
    valid_from: datetime.date,
    valid_to: datetime.date | None,
    response: str = "",
) -> Recognition:
    """Approve: create the recognition, or (a correction) change the one it is about."""
    locked = _locked_for_move(
        recognition_request,
        RecognitionRequest.Status.APPROVED,
        user=user,
        rule="decide_recognition_request",
    )
    target = None
    if locked.kind == RecognitionRequest.Kind.CORRECTION:
        target = locked.recognition or (
            locked.employer.recognitions.filter(qualification_id=locked.qualification_id)
            .order_by("-valid_from")
            .first()
        )
    recognition = recognition_save(
        employer=locked.employer,
        qualification=locked.qualification,
        valid_from=valid_from,
        valid_to=valid_to,
        recognition=target,
    )
    locked.recognition = recognition
    _finish(
        locked,
        user=user,
        status=RecognitionRequest.Status.APPROVED,
        response=(response or "").strip(),
    )
    return recognition


def recognition_save(
    *,
    employer: Employer,
    qualification: Qualification,
    valid_from: datetime.date | None,
    valid_to: datetime.date | None,
    recognition: Recognition | None = None,
) -> Recognition:
    """Create a recognition or change one: dates in order, no overlap with another recognition
    of the employer for the same qualification."""
    if valid_from is None:
        raise ValidationError({"valid_from": [_("Vul in vanaf wanneer de erkenning geldt.")]})
    if valid_to is not None and valid_to < valid_from:
        raise ValidationError(
            {"valid_to": [_("De einddatum ligt voor de begindatum. Kies een latere einddatum.")]}
        )
    others = employer.recognitions.filter(qualification=qualification)
    if recognition is not None:
        others = others.exclude(pk=recognition.pk)
    for other in others:
        ends_after_start = other.valid_to is None or other.valid_to >= valid_from
        starts_before_end = valid_to is None or other.valid_from <= valid_to
        if ends_after_start and starts_before_end:
            raise ValidationError(
                {
                    "valid_from": [
                        _(
                            "Deze periode overlapt met een erkenning voor deze opleiding "
                            "(%(start)s – %(end)s). Kies andere data of pas die erkenning aan."
                        )
                        % {
                            "start": day_text(other.valid_from),
                            "end": day_text(other.valid_to) if other.valid_to else "…",
                        }
                    ]
                }
            )
    target = recognition or Recognition(employer=employer)
    target.qualification = qualification
    target.valid_from = valid_from
    target.valid_to = valid_to
    target.full_clean(validate_unique=False)
    try:
        with transaction.atomic():
            target.save()
    except IntegrityError as exc:  # a double submit: the same recognition was just saved
        raise ValidationError(_("Deze erkenning is net al opgeslagen. Ververs de pagina.")) from exc
    return target
