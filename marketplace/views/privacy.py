"""The AVG pages: "Mijn gegevens" (a student, or a parent for a child under 16), the school's
and coordinator's queue of erasure requests, and the processing register."""

import json

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from ..forms_privacy import ErasureDecisionForm, ErasureRequestForm
from ..idempotency import once_per_submit
from ..models import ErasureRequest, Role, StudentProfile
from ..permissions import (
    can,
    data_subjects_of,
    ensure_can,
    erasure_requests_decided_by,
    get_data_subject_for_user,
    get_erasure_student_for_user,
    get_own_student_profile,
)
from ..services.audit import access_log_record, access_log_record_many
from ..services.erasure import erasure_request_create, erasure_request_decide
from ..services.personal_data import (
    export_readable,
    legally_kept,
    personal_data_export,
    retention_rules,
)
from ..services.personal_data_pdf import personal_data_pdf
from .common import form_errors_from

CONSENTS = (
    ("consent_show_to_employers", "consent_show_to_employers_at"),
    ("consent_findable", "consent_findable_at"),
    ("consent_parent_access", "consent_parent_access_at"),
    ("consent_contact_after_diploma", "consent_contact_after_diploma_at"),
    ("support_needs_shared", None),
)


def _subject(request, pk: int | None) -> StudentProfile:
    """Mine (a student) or my child under 16 (a parent); anyone else's answers 404."""
    ensure_can(request.user, "use_privacy_pages")
    if pk is None:
        student = get_own_student_profile(request.user)
        ensure_can(request.user, "view_personal_data", student)
        return student
    return get_data_subject_for_user(request.user, pk)


def _urls(student: StudentProfile, pk: int | None) -> dict:
    from django.urls import reverse

    if pk is None:
        names = ("privacy-mine", "privacy-mine-json", "privacy-mine-pdf", "privacy-mine-erase")
        return dict(zip(("page", "json", "pdf", "erase"), map(reverse, names), strict=True))
    names = ("privacy-child", "privacy-child-json", "privacy-child-pdf", "privacy-child-erase")
    return {
        key: reverse(name, args=[pk])
        for key, name in zip(("page", "json", "pdf", "erase"), names, strict=True)
    }


def _consents_now(student: StudentProfile) -> list[dict]:
    rows = []
    for field, at_field in CONSENTS:
        rows.append(
            {
                "label": StudentProfile._meta.get_field(field).verbose_name,
                "given": getattr(student, field),
                "at": getattr(student, at_field) if at_field else None,
            }
        )
    return rows


def _page(request, pk: int | None):
    student = _subject(request, pk)
    context = "ouder" if pk is not None else "zelf"
    access_log_record(user=request.user, student=student, action="view", context=f"avg:{context}")
    data = export_readable(personal_data_export(student=student))
    open_request = student.erasure_requests.filter(status=ErasureRequest.Status.REQUESTED).first()
    return render(
        request,
        "privacy/mine.html",
        {
            "student": student,
            "for_child": pk is not None,
            "data": data,
            "consents": _consents_now(student),
            "open_request": open_request,
            "last_refusal": student.erasure_requests.filter(
                status=ErasureRequest.Status.REFUSED
            ).first(),
            "urls": _urls(student, pk),
            "may_request_erasure": can(request.user, "request_erasure", student),
        },
    )


def _json(request, pk: int | None):
    student = _subject(request, pk)
    access_log_record(user=request.user, student=student, action="download", context="avg:json")
    body = json.dumps(personal_data_export(student=student), ensure_ascii=False, indent=2)
    response = HttpResponse(body, content_type="application/json; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="mijn-gegevens.json"'
    return response


def _pdf(request, pk: int | None):
    student = _subject(request, pk)
    access_log_record(user=request.user, student=student, action="download", context="avg:pdf")
    response = HttpResponse(
        personal_data_pdf(personal_data_export(student=student)), content_type="application/pdf"
    )
    response["Content-Disposition"] = 'attachment; filename="mijn-gegevens.pdf"'
    return response


def _erase(request, pk: int | None):
    """A confirmation step: what happens, a box to tick, then the request is sent."""
    student = _subject(request, pk)
    ensure_can(request.user, "request_erasure", student)
    form = ErasureRequestForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            erasure_request_create(
                requester=request.user, student=student, reason=form.cleaned_data["reason"]
            )
        except ValidationError as exc:
            form_errors_from(form, exc)
        else:
            messages.success(
                request,
                _("Je verzoek is verstuurd. De school of de coördinator kijkt ernaar."),
            )
            return redirect(_urls(student, pk)["page"])
    status = 400 if request.method == "POST" else 200
    context = {"student": student, "form": form, "for_child": pk is not None}
    context["urls"] = _urls(student, pk)
    return render(request, "privacy/erase_confirm.html", context, status=status)


@login_required
def mine(request):
    ensure_can(request.user, "use_privacy_pages")
    if request.user.role == Role.OUDER:  # the menu's "Gegevens van mijn kind": choose a child
        children = list(data_subjects_of(request.user).select_related("user"))
        shown = [child.pk for child in children]
        access_log_record_many(user=request.user, student_ids=shown, action="view", context="avg")
        return render(request, "privacy/children.html", {"children": children})
    return _page(request, None)


@login_required
def mine_json(request):
    return _json(request, None)


@login_required
def mine_pdf(request):
    return _pdf(request, None)


@login_required
@once_per_submit
def mine_erase(request):
    return _erase(request, None)


@login_required
def child(request, pk: int):
    return _page(request, pk)


@login_required
def child_json(request, pk: int):
    return _json(request, pk)


@login_required
def child_pdf(request, pk: int):
    return _pdf(request, pk)


@login_required
def child_erase(request, pk: int):
    return _erase(request, pk)


# --- the school's and coordinator's side --------------------------------------------------------


@login_required
def queue(request):
    ensure_can(request.user, "work_erasure_queue")
    requests = erasure_requests_decided_by(request.user).select_related("student__school")
    waiting = requests.filter(status=ErasureRequest.Status.REQUESTED)
    context = {
        "waiting": list(waiting.filter(decided_at__isnull=True).order_by("requested_at")),
        "running": list(waiting.filter(decided_at__isnull=False)),
        "refused": list(requests.filter(status=ErasureRequest.Status.REFUSED)[:20]),
    }
    named = {r.student_id for rows in context.values() for r in rows if r.student_id}
    access_log_record_many(
        user=request.user, student_ids=named, action="view", context="avg:wachtrij"
    )
    return render(request, "privacy/queue.html", context)


@login_required
def decide(request, pk: int):
    ensure_can(request.user, "work_erasure_queue")
    student = get_erasure_student_for_user(request.user, pk)  # another school's: 404
    pending = student.erasure_requests.filter(
        status=ErasureRequest.Status.REQUESTED, decided_at__isnull=True
    ).first()
    form = ErasureDecisionForm(request.POST or None)
    if request.method == "POST":
        if pending is None:
            messages.info(request, _("Er is geen open verzoek meer voor deze jongere."))
            return redirect("privacy-queue")
        if form.is_valid():
            try:
                erasure_request_decide(
                    decider=request.user,
                    request=pending,
                    confirm=form.cleaned_data["decision"] == "confirm",
                    note=form.cleaned_data["note"],
                )
            except ValidationError as exc:
                form_errors_from(form, exc)
            else:
                messages.success(request, _("Je besluit is opgeslagen."))
                return redirect("privacy-queue")
    else:
        access_log_record(user=request.user, student=student, action="view", context="avg:verzoek")
    status = 400 if request.method == "POST" else 200
    context = {"student": student, "pending": pending, "form": form}
    return render(request, "privacy/decide.html", context, status=status)


@login_required
def register(request):
    """The processing register for the region's privacy contact, from the rules in the code."""
    ensure_can(request.user, "view_processing_register")
    kept = sorted(legally_kept().items())
    return render(request, "privacy/register.html", {"rules": retention_rules(), "kept": kept})
