"""The mediation workspace, part two: the escalation queue, check-ins and the outcome of a
placement, the overgangsdokument and the werkcoach's overgangsdokumenten, the inbox and tasks."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from marketplace.paging import page_of
from marketplace.permissions import (
    can,
    ensure_can,
    get_action_for_user,
    get_checkin_for_user,
    get_escalation_for_user,
    get_notification_for_user,
    get_overgangsdokument_for_user,
    get_placement_for_user,
    get_student_for_user,
)
from marketplace.selectors import student_matches
from marketplace.services.audit import access_log_record, access_log_view_many
from marketplace.services.notifications import notification_mark_read
from marketplace.views.common import form_after_conflict, form_errors_from

from .. import forms, selectors
from ..services.escalations import (
    escalation_close,
    escalation_is_late,
    escalation_take,
    response_time,
)
from ..services.placements import checkin_record, placement_outcome_set
from ..services.transition import (
    action_done,
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
    page = page_of(
        request,
        selectors.escalation_queue(request.user, show_all=show == "alle"),
        per_page=selectors.QUEUE_PER_PAGE,
    )
    cases = page.object_list
    access_log_view_many(
        user=request.user, student_ids=[c.student_id for c in cases], context="escalaties"
    )
    now = timezone.now()
    rows = [(case, response_time(case, now), escalation_is_late(case, now)) for case in cases]
    context = {"rows": rows, "show": show, "now": now, "page": page}
    return render(request, "werk/escalations.html", context)


def _escalation_context(request, case, **extra) -> dict:
    student = case.student
    context = {
        "case": case,
        "waited": response_time(case),
        "may_take": can(request.user, "take_escalation", case),
        "may_close": can(request.user, "close_escalation", case),
        "matches": student_matches(student),
        "searches": selectors.student_searches(student, open_first=False),
        "history": selectors.escalation_history(case),
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
    case = get_escalation_for_user(request.user, pk, may="handle_escalation")
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
    case = get_escalation_for_user(request.user, pk, may="handle_escalation")
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


@login_required
def checkins(request):
    _workspace_user(request)
    context = {
        "open": selectors.checkins_open(request.user),
        "done": selectors.checkins_done(request.user),
        "today": timezone.localdate(),
    }
    shown = [c.placement.match.student_id for c in context["open"] + context["done"]]
    access_log_view_many(user=request.user, student_ids=shown, context="check-ins")
    return render(request, "werk/checkins.html", context)


@login_required
def checkin_detail(request, pk: int):
    _workspace_user(request)
    checkin = get_checkin_for_user(request.user, pk)
    placement = checkin.placement
    form = forms.CheckInForm()
    if request.method == "POST":
        ensure_can(request.user, "record_checkin", checkin)
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
        "may_record": can(request.user, "fill_in_checkin", checkin),
        "may_close_placement": can(request.user, "close_placement", placement),
        "outcome_form": outcome_form,
    }
    status = 400 if form.errors or outcome_form.errors else 200
    return render(request, "werk/checkin.html", context, status=status)


@login_required
@require_POST
def placement_outcome(request, pk: int):
    _workspace_user(request)
    placement = get_placement_for_user(request.user, pk, may="set_placement_outcome")
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
    return get_student_for_user(request.user, pk, may="handle_transition")


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


@login_required
def overgangsdokument_pdf_view(request, pk: int):
    doc = get_overgangsdokument_for_user(request.user, pk)
    access_log_record(user=request.user, student=doc.student, action="download", context="pdf")
    response = HttpResponse(overgangsdokument_pdf(doc), content_type="application/pdf")
    name = f"overgangsdokument-{doc.student.user.last_name or doc.student_id}.pdf"
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


@login_required
def overgangsdokumenten(request):
    """The werkcoach's overgangsdokumenten: new ones first."""
    ensure_can(request.user, "receive_overgangsdokumenten")
    docs = list(overgangsdokumenten_for_werkcoach(request.user))
    access_log_view_many(
        user=request.user, student_ids=[d.student_id for d in docs], context="overdrachten"
    )
    return render(request, "werk/overgangsdokumenten.html", {"docs": docs})


@login_required
def overgangsdokument_detail(request, pk: int):
    ensure_can(request.user, "receive_overgangsdokumenten")
    doc = get_overgangsdokument_for_user(request.user, pk)
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
    context = {
        "doc": doc,
        "form": form,
        "may_confirm": can(request.user, "confirm_overgangsdokument", doc),
        "may_invite": can(request.user, "invite_from_overgangsdokument", doc),
    }
    return render(request, "werk/overgangsdokument.html", context, status=status)


# --- inbox and tasks ------------------------------------------------------------------------


@login_required
def inbox(request):
    notes, unread = selectors.inbox(request.user)
    page = page_of(request, notes, per_page=selectors.INBOX_PER_PAGE)
    return render(
        request, "werk/inbox.html", {"notes": page.object_list, "page": page, "unread": unread}
    )


@login_required
@require_POST
def inbox_read(request, pk: int):
    note = get_notification_for_user(request.user, pk)
    notification_mark_read(user=request.user, notification_id=note.pk)
    if request.POST.get("open") and note.link:
        return redirect(note.link)
    return redirect("werk:inbox")


@login_required
@require_POST
def action_done_view(request, pk: int):
    _workspace_user(request)
    action = get_action_for_user(request.user, pk)
    action_done(actor=request.user, action=action)
    messages.success(request, _("Taak afgevinkt."))
    target = request.POST.get("next", "")
    # Only a path of this site: anything else would be read as a view name (or leave the site).
    if not target.startswith("/") or not url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}
    ):
        target = "werk:caseload"
    return redirect(target)
