"""The mediation workspace, part two: the escalation queue, check-ins and the outcome of a
placement, the overgangsdokument and the werkcoach's overgangsdokumenten, the inbox and tasks."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Q
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from marketplace.models import (
    ActionItem,
    CheckIn,
    Escalation,
    Notification,
    Overgangsdokument,
    Placement,
    Role,
)
from marketplace.permissions import (
    can,
    escalations_visible_to,
    get_escalation_for_user,
    get_student_for_user,
    matches_visible_to,
)
from marketplace.services.audit import access_log_record
from marketplace.services.notifications import notification_mark_read
from marketplace.views.common import form_after_conflict, form_errors_from

from .. import forms
from ..services.escalations import OPEN_STATES, escalation_close, escalation_take, response_time
from ..services.placements import checkin_record, may_record_checkin, placement_outcome_set
from ..services.transition import (
    action_done,
    may_handle_transition,
    may_view_overgangsdokument,
    overgangsdokument_confirm_receipt,
    overgangsdokument_for,
    overgangsdokument_invite,
    overgangsdokument_pdf,
    overgangsdokument_save,
    overgangsdokument_send,
    overgangsdokumenten_for_werkcoach,
    werkcoaches_for,
)
from .students import _workspace_user

# --- the escalation queue ------------------------------------------------------------------


@login_required
def escalations(request):
    """The region's queue for accountmanagers (open first, oldest first, with the clock); a
    jobhunter or school sees the cases of their own students."""
    _workspace_user(request)
    show = request.GET.get("toon", "open")
    qs = escalations_visible_to(request.user).select_related(
        "student__user", "student__school", "assigned_to", "opened_by"
    )
    qs = qs.filter(status__in=OPEN_STATES) if show != "alle" else qs.order_by("-opened_at")
    now = timezone.now()
    rows = [(case, response_time(case, now)) for case in qs[:300]]
    return render(request, "werk/escalations.html", {"rows": rows, "show": show, "now": now})


def _escalation_context(request, case, **extra) -> dict:
    student = case.student
    context = {
        "case": case,
        "waited": response_time(case),
        "may_handle": can(request.user, "handle_escalation", case),
        "matches": student.matches.select_related("opening__employer").order_by("-updated_at"),
        "searches": student.search_requests.order_by("deadline"),
        "history": Escalation.objects.filter(student=student).exclude(pk=case.pk),
        "close_form": forms.EscalationCloseForm(initial={"version": case.version}),
    }
    context.update(extra)
    return context


@login_required
def escalation_detail(request, pk: int):
    _workspace_user(request)
    case = get_escalation_for_user(request.user, pk)
    access_log_record(user=request.user, student=case.student, action="view", context="escalatie")
    return render(request, "werk/escalation.html", _escalation_context(request, case))


@login_required
@require_POST
def escalation_take_view(request, pk: int):
    _workspace_user(request)
    case = get_escalation_for_user(request.user, pk)
    try:
        version = int(request.POST.get("version", ""))
    except ValueError:
        version = -1
    try:
        escalation_take(actor=request.user, escalation=case, expected_version=version)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, _("Je hebt de escalatie opgepakt."))
    return redirect("werk:escalation", pk=case.pk)


@login_required
@require_POST
def escalation_close_view(request, pk: int):
    _workspace_user(request)
    case = get_escalation_for_user(request.user, pk)
    form = forms.EscalationCloseForm(request.POST)
    status = 400
    if form.is_valid():
        try:
            escalation_close(
                actor=request.user,
                escalation=case,
                expected_version=form.cleaned_data["version"],
                outcome=form.cleaned_data["outcome"],
                resolution=form.cleaned_data["resolution"],
            )
        except ValidationError as exc:
            if getattr(exc, "code", None) == "conflict":
                status = 409
                case.refresh_from_db()
                form = form_after_conflict(forms.EscalationCloseForm, request, case.version)
            form_errors_from(form, exc)
        else:
            messages.success(request, _("De escalatie is afgesloten. De jobhunter krijgt bericht."))
            return redirect("werk:escalations")
    return render(
        request,
        "werk/escalation.html",
        _escalation_context(request, case, close_form=form),
        status=status,
    )


# --- check-ins and the outcome of a placement ---------------------------------------------


def _checkins_for(user):
    """Check-ins I hold, or of my students' placements."""
    visible = matches_visible_to(user).values("pk")
    return CheckIn.objects.filter(Q(assigned_to=user) | Q(placement__match__in=visible)).distinct()


@login_required
def checkins(request):
    _workspace_user(request)
    today = timezone.localdate()
    qs = (
        _checkins_for(request.user)
        .filter(placement__status=Placement.Status.LOPEND, done_at__isnull=True)
        .select_related("placement__match__student__user", "placement__match__opening__employer")
        .order_by("planned_for")
    )
    done = (
        _checkins_for(request.user)
        .filter(done_at__isnull=False)
        .select_related("placement__match__student__user", "placement__match__opening__employer")
        .order_by("-done_at")[:20]
    )
    return render(
        request, "werk/checkins.html", {"open": list(qs[:200]), "done": done, "today": today}
    )


def _checkin_for(user, pk) -> CheckIn:
    try:
        checkin = (
            _checkins_for(user)
            .select_related(
                "placement__match__student__user", "placement__match__opening__employer", "done_by"
            )
            .get(pk=pk)
        )
    except (CheckIn.DoesNotExist, ValueError) as exc:
        raise Http404 from exc
    return checkin


@login_required
def checkin_detail(request, pk: int):
    _workspace_user(request)
    checkin = _checkin_for(request.user, pk)
    placement = checkin.placement
    form = forms.CheckInForm()
    if request.method == "POST":
        if not may_record_checkin(request.user, checkin):
            raise PermissionDenied("record_checkin")
        form = forms.CheckInForm(request.POST)
        if form.is_valid():
            try:
                checkin_record(actor=request.user, checkin=checkin, **form.cleaned_data)
            except ValidationError as exc:
                form_errors_from(form, exc)
            else:
                note = _("De check-in is vastgelegd.")
                if form.cleaned_data["risk_signal"]:
                    note += " " + _("Er staat een actie klaar om het risico te bespreken.")
                messages.success(request, note)
                return redirect("werk:checkins")
    access_log_record(
        user=request.user, student=placement.match.student, action="view", context="check-in"
    )
    return _checkin_page(request, placement, checkin, form=form)


def _checkin_page(request, placement, checkin, *, form=None, outcome_form=None):
    """The check-in page: a check-in (if any) of the placement, the others, the outcome."""
    form = form or forms.CheckInForm()
    outcome_form = outcome_form or forms.OutcomeForm()
    context = {
        "checkin": checkin,
        "placement": placement,
        "others": placement.checkins.exclude(pk=checkin.pk) if checkin else [],
        "form": form,
        "may_record": bool(checkin)
        and checkin.done_at is None
        and may_record_checkin(request.user, checkin),
        "outcome_form": outcome_form,
    }
    status = 400 if form.errors or outcome_form.errors else 200
    return render(request, "werk/checkin.html", context, status=status)


@login_required
@require_POST
def placement_outcome(request, pk: int):
    _workspace_user(request)
    placement = get_object_or_404(
        Placement.objects.filter(match__in=matches_visible_to(request.user).values("pk")), pk=pk
    )
    form = forms.OutcomeForm(request.POST)
    if form.is_valid():
        try:
            placement_outcome_set(actor=request.user, placement=placement, **form.cleaned_data)
        except ValidationError as exc:
            form_errors_from(form, exc)
        else:
            messages.success(request, _("De uitkomst van de plaatsing is vastgelegd."))
            return redirect("werk:student", pk=placement.match.student_id)
    checkin = placement.checkins.order_by("planned_for").first()
    return _checkin_page(request, placement, checkin, outcome_form=form)


# --- the overgangsdokument (school / jobhunter) as the werkcoach receives it ----------------


def _overgangsdokument_context(request, student, **extra) -> dict:
    doc = overgangsdokument_for(student)
    updated = doc.updated_at.isoformat() if doc.updated_at else ""
    context = {
        "student": student,
        "doc": doc,
        "form": forms.OvergangsdokumentForm(instance=doc, initial={"updated": updated}),
        "send_form": forms.OvergangsdokumentSendForm(
            werkcoaches=werkcoaches_for(student),
            initial={"werkcoach": doc.werkcoach_id},
        ),
    }
    context.update(extra)
    return context


def _overgangsdokument_student(request, pk):
    _workspace_user(request)
    student = get_student_for_user(request.user, pk)
    if not may_handle_transition(request.user, student):
        raise PermissionDenied("overgangsdokument")
    return student


@login_required
def overgangsdokument_edit(request, pk: int):
    student = _overgangsdokument_student(request, pk)
    access_log_record(user=request.user, student=student, action="view", context="overgang")
    if request.method == "POST":
        form = forms.OvergangsdokumentForm(request.POST)
        if form.is_valid():
            data = dict(form.cleaned_data)
            expected = data.pop("updated", "")
            try:
                overgangsdokument_save(
                    actor=request.user, student=student, data=data, expected_updated=expected
                )
            except ValidationError as exc:
                form_errors_from(form, exc)
            else:
                messages.success(request, _("Het overgangsdokument is opgeslagen."))
                return redirect("werk:overgangsdokument-edit", pk=student.pk)
        return render(
            request,
            "werk/overgangsdokument_form.html",
            _overgangsdokument_context(request, student, form=form),
            status=400,
        )
    return render(
        request, "werk/overgangsdokument_form.html", _overgangsdokument_context(request, student)
    )


@login_required
@require_POST
def overgangsdokument_send_view(request, pk: int):
    student = _overgangsdokument_student(request, pk)
    form = forms.OvergangsdokumentSendForm(request.POST, werkcoaches=werkcoaches_for(student))
    if form.is_valid():
        try:
            overgangsdokument_send(
                actor=request.user, student=student, werkcoach=form.cleaned_data["werkcoach"]
            )
        except ValidationError as exc:
            form_errors_from(form, exc)
        else:
            messages.success(
                request,
                _("Verstuurd aan %(coach)s. Je krijgt bericht als het is ontvangen.")
                % {"coach": form.cleaned_data["werkcoach"].get_full_name()},
            )
            return redirect("werk:overgangsdokument-edit", pk=student.pk)
    return render(
        request,
        "werk/overgangsdokument_form.html",
        _overgangsdokument_context(request, student, send_form=form),
        status=400,
    )


def _doc_for(request, pk) -> Overgangsdokument:
    doc = (
        Overgangsdokument.objects.select_related("student__user", "student__school", "werkcoach")
        .filter(pk=pk)
        .first()
    )
    if doc is None or not may_view_overgangsdokument(request.user, doc):
        raise Http404
    return doc


@login_required
def overgangsdokument_pdf_view(request, pk: int):
    doc = _doc_for(request, pk)
    access_log_record(user=request.user, student=doc.student, action="download", context="pdf")
    response = HttpResponse(overgangsdokument_pdf(doc), content_type="application/pdf")
    name = f"overgangsdokument-{doc.student.user.last_name or doc.student_id}.pdf"
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


@login_required
def overgangsdokumenten(request):
    """The werkcoach's overgangsdokumenten: new ones first."""
    if request.user.role != Role.WERKCOACH:
        raise PermissionDenied("werkcoach")
    return render(
        request,
        "werk/overgangsdokumenten.html",
        {"docs": overgangsdokumenten_for_werkcoach(request.user)},
    )


@login_required
def overgangsdokument_detail(request, pk: int):
    if request.user.role != Role.WERKCOACH:
        raise PermissionDenied("werkcoach")
    doc = _doc_for(request, pk)
    access_log_record(user=request.user, student=doc.student, action="view", context="overgang")
    form = forms.InviteForm()
    status = 200
    if request.method == "POST":
        if request.POST.get("action") == "ontvangen":
            overgangsdokument_confirm_receipt(actor=request.user, doc=doc)
            messages.success(request, _("Bevestigd. De school weet nu dat je het hebt ontvangen."))
            return redirect("werk:overgangsdokument", pk=doc.pk)
        form = forms.InviteForm(request.POST)
        if form.is_valid():
            try:
                overgangsdokument_invite(actor=request.user, doc=doc, **form.cleaned_data)
            except ValidationError as exc:
                form_errors_from(form, exc)
            else:
                messages.success(request, _("De jongere heeft de uitnodiging ontvangen."))
                return redirect("werk:overgangsdokumenten")
        status = 400
    return render(request, "werk/overgangsdokument.html", {"doc": doc, "form": form}, status=status)


# --- inbox and tasks ------------------------------------------------------------------------


@login_required
def inbox(request):
    notes = Notification.objects.filter(user=request.user).order_by("-created_at")
    return render(
        request,
        "werk/inbox.html",
        {"notes": notes[:100], "unread": notes.filter(read_at__isnull=True).count()},
    )


@login_required
@require_POST
def inbox_read(request, pk: int):
    note = get_object_or_404(Notification, pk=pk, user=request.user)
    notification_mark_read(user=request.user, notification_id=note.pk)
    if request.POST.get("open") and note.url.startswith("/"):
        return redirect(note.url)
    return redirect("werk:inbox")


@login_required
@require_POST
def action_done_view(request, pk: int):
    _workspace_user(request)
    action = get_object_or_404(ActionItem.objects.select_related("student"), pk=pk)
    if action.assigned_to_id != request.user.pk and not can(
        request.user, "edit_student", action.student
    ):
        raise Http404
    action_done(actor=request.user, action=action)
    messages.success(request, _("Taak afgevinkt."))
    target = request.POST.get("next", "")
    if not url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}):
        target = "werk:caseload"
    return redirect(target or "werk:caseload")
