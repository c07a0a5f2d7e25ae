"""The mediation workspace (/werk/) for jobhunters, JPO's and school staff: the caseload, a
student's record with the engine's suggestions, proposing a match, the board and a match's
workspace page. Every rule is in a service; these views check access per object and render."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from employers.models import Opening
from marketplace.idempotency import once_per_submit
from marketplace.models import MatchStatus
from marketplace.paging import page_of
from marketplace.permissions import (
    can,
    ensure_can,
    get_match_for_user,
    get_student_for_user,
    openings_visible_to,
)
from marketplace.selectors import match_timeline, student_matches
from marketplace.services.audit import access_log_record, access_log_view_many
from marketplace.services.matches import (
    ACTIVE,
    allowed_next,
    match_move,
    match_next_action_set,
    match_propose,
    match_steps,
)
from marketplace.services.ranking import ranked_openings_for_student
from marketplace.services.rules import why_not
from marketplace.views.common import form_after_conflict, form_errors_from, support_labels

from .. import forms, selectors
from ..services.aftercare import aftercare_history, aftercare_open
from ..services.escalations import escalation_open_manual
from ..services.transition import (
    actions_for,
    advies_due,
    advies_record,
    contact_after_diploma_set,
    contact_due,
    overgangsdokument_for,
)

BOARD_COLUMNS = ACTIVE + (MatchStatus.GESTART,)


def _workspace_user(request) -> None:
    ensure_can(request.user, "use_workspace")


@login_required
def caseload(request):
    """My young people by attention (deadline, days standing still, open escalation): a
    jobhunter sees their students, a JPO their mentees, school staff their school; my tasks."""
    _workspace_user(request)
    form = forms.CaseloadFilterForm(request.GET or None)
    filters = form.cleaned_data if form.is_valid() else {}
    students = selectors.caseload(
        request.user, q=filters.get("q", ""), only=filters.get("only", "")
    )
    today = timezone.localdate()
    page = page_of(request, students, per_page=selectors.CASELOAD_PER_PAGE)
    shown = selectors.with_standstill(page.object_list, today=today)
    access_log_view_many(user=request.user, student_ids=[s.pk for s in shown], context="caseload")
    context = {
        "form": form,
        "students": shown,
        "page": page,
        "today": today,
        "tasks": page_of(
            request, actions_for(request.user), per_page=selectors.TASKS_PER_PAGE, param="taken"
        ),
        "checkins_due": selectors.checkins_due_count(request.user, today),
    }
    return render(request, "werk/caseload.html", context)


def _student_context(request, student, **extra) -> dict:
    user = request.user
    matches = student_matches(student)
    may_propose = can(user, "propose_match", student)
    suggestions = []
    if may_propose:
        suggestions = [
            r
            for r in ranked_openings_for_student(
                viewer=user,
                student=student,
                limit=8 + len(matches),
                channel="werk",
                matches={m.opening_id: m for m in matches},
            )
            if r.match is None
        ][:8]
    placements = selectors.student_placements(student)
    doc = overgangsdokument_for(student)
    context = {
        "student": student,
        "show_support": can(user, "view_support_needs", student),
        "support_needs": support_labels(student.support_needs),
        "searches": selectors.student_searches(student),
        "matches": matches,
        "suggestions": suggestions,
        "placements": placements,
        "escalations": selectors.student_escalations(student),
        "actions": selectors.student_open_actions(student),
        "overgangsdokument": doc,
        "advies_due": advies_due(student),
        "contact_due": contact_due(student),
        "may_propose": may_propose,
        "may_escalate": can(user, "escalate_student", student),
        "may_handle_transition": can(user, "handle_transition", student),
        "may_record_aftercare": can(user, "record_aftercare", student),
        "aftercare_moments": list(aftercare_open(student)),
        "aftercare_contacts": aftercare_history(student),
        "propose_form": forms.ProposeForm(),
        "escalate_form": forms.EscalateForm(),
        "advies_form": forms.AdviesForm(
            initial={"advies": student.advies, "advies_date": student.advies_date}
        ),
        "consent_form": forms.ContactConsentForm(
            initial={"given": "1" if student.consent_contact_after_diploma else "0"}
        ),
    }
    context.update(_why_not_context(request, student))
    context.update(extra)
    if "aftercare_form" not in context:
        context["aftercare_form"] = forms.AftercareContactForm(
            moments=aftercare_open(student), initial={"contacted_on": timezone.localdate()}
        )
    return context


def _why_not_context(request, student) -> dict:
    """ "Waarom niet?": a place asked for by number or title, with the hard rules that keep it
    out of this student's list (None: nothing asked yet)."""
    form = forms.WhyNotForm(request.GET or None)
    asked = form.cleaned_data["plek"] if form.is_valid() else ""
    found = why_not(viewer=request.user, student=student, query=asked) if asked else None
    return {"why_not_form": form, "why_not": found}


@login_required
def student_detail(request, pk: int):
    _workspace_user(request)
    student = get_student_for_user(request.user, pk)
    access_log_record(user=request.user, student=student, action="view", context="werk")
    return render(request, "werk/student.html", _student_context(request, student))


def _student_error(request, student, **forms_with_errors):
    return render(
        request,
        "werk/student.html",
        _student_context(request, student, **forms_with_errors),
        status=400,
    )


@login_required
@require_POST
@once_per_submit
def propose(request, pk: int):
    _workspace_user(request)
    student = get_student_for_user(request.user, pk, may="propose_match")
    form = forms.ProposeForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Kies een plek om voor te stellen."))
        return redirect("werk:student", pk=student.pk)
    try:
        opening = openings_visible_to(request.user).get(pk=form.cleaned_data["opening"])
    except Opening.DoesNotExist:
        messages.error(request, _("Deze plek is niet meer open. Kies een andere plek."))
        return redirect("werk:student", pk=student.pk)
    try:
        match = match_propose(
            proposer=request.user,
            student=student,
            opening=opening,
            note=form.cleaned_data["note"],
            note_visibility=form.cleaned_data["note_visibility"],
        )
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
        return redirect("werk:student", pk=student.pk)
    messages.success(
        request,
        _("Voorgesteld aan %(name)s en %(employer)s. Ze krijgen allebei een bericht.")
        % {"name": student.user.get_short_name(), "employer": opening.employer.name},
    )
    return redirect("werk:match", pk=match.pk)


@login_required
@require_POST
@once_per_submit
def escalate(request, pk: int):
    _workspace_user(request)
    student = get_student_for_user(request.user, pk, may="escalate_student")
    form = forms.EscalateForm(request.POST)
    if form.is_valid():
        try:
            case = escalation_open_manual(actor=request.user, student=student, **form.cleaned_data)
        except ValidationError as exc:
            form_errors_from(form, exc)
        else:
            messages.success(
                request, _("De accountmanagers van de regio hebben de escalatie ontvangen.")
            )
            return redirect("werk:escalation", pk=case.pk)
    return _student_error(request, student, escalate_form=form, escalate_open=True)


@login_required
@require_POST
def advies(request, pk: int):
    _workspace_user(request)
    student = get_student_for_user(request.user, pk, may="handle_transition")
    form = forms.AdviesForm(request.POST)
    if form.is_valid():
        try:
            advies_record(actor=request.user, student=student, **form.cleaned_data)
        except ValidationError as exc:
            form_errors_from(form, exc)
        else:
            messages.success(request, _("Het advies is vastgelegd."))
            return redirect("werk:student", pk=student.pk)
    return _student_error(request, student, advies_form=form)


@login_required
@require_POST
def contact_consent(request, pk: int):
    _workspace_user(request)
    student = get_student_for_user(request.user, pk, may="handle_transition")
    form = forms.ContactConsentForm(request.POST)
    if form.is_valid():
        contact_after_diploma_set(
            actor=request.user, student=student, given=form.cleaned_data["given"]
        )
        messages.success(request, _("De keuze van de jongere is vastgelegd."))
        return redirect("werk:student", pk=student.pk)
    return _student_error(request, student, consent_form=form)


# --- the board and a match's workspace ----------------------------------------------------


@login_required
def board(request):
    """Columns by state: the running matches of my students with their next step, a page per
    column. A card can be dragged to a column its match may move to (`drop_to`)."""
    _workspace_user(request)
    columns = selectors.board_columns(
        request.user, statuses=BOARD_COLUMNS, pages={s: request.GET.get(s) for s in BOARD_COLUMNS}
    )
    shown = [m for _status, page in columns for m in page.object_list]
    access_log_view_many(
        user=request.user, student_ids=[m.student_id for m in shown], context="matchbord"
    )
    for m in shown:
        m.drop_to = _drop_to(m)
    context = {
        "columns": [(MatchStatus(s).label, s, page) for s, page in columns],
        "today": timezone.localdate(),
    }
    return render(request, "werk/board.html", context)


def _drop_to(match) -> str:
    """The board columns the pipeline lets this match move to (the service still decides)."""
    return " ".join(s for s in BOARD_COLUMNS if s in allowed_next(match))


def _board_move(request, match):
    """A card dropped in another column (htmx): the same service as the form. A refusal (a
    hard rule, someone else's change, a step that is not possible) answers with its reason;
    either way the answer carries the card as it is now, and the board puts it in its column."""
    form = forms.MatchMoveForm(request.POST, allowed=set(MatchStatus.values))
    status, reasons = 400, []
    if form.is_valid():
        data = form.cleaned_data
        try:
            match_move(
                actor=request.user,
                match=match,
                to_status=data["to_status"],
                expected_version=data["version"],
            )
        except ValidationError as exc:
            status = 409 if getattr(exc, "code", None) == "conflict" else 400
            reasons = exc.messages
        else:
            status = 200
    else:
        reasons = [e for errors in form.errors.values() for e in errors]
    match.refresh_from_db()
    match.drop_to = _drop_to(match)
    context = {
        "m": match,
        "moved": status == 200,
        "reasons": reasons,
        "today": timezone.localdate(),
    }
    return render(request, "werk/_board_move.html", context, status=status)


def _match_context(request, match, **extra) -> dict:
    user = request.user
    may_move = can(user, "move_match", match)
    allowed, blocked = match_steps(match) if may_move else (set(), {})
    context = {
        "match": match,
        "timeline": match_timeline(match, viewer=user),
        "may_move": may_move,
        "move_form": forms.MatchMoveForm(initial={"version": match.version}, allowed=allowed),
        "blocked_steps": [
            {"label": MatchStatus(step).label, "reasons": reasons}
            for step, reasons in blocked.items()
        ],
        "next_form": forms.NextActionForm(
            initial={
                "version": match.version,
                "next_action": match.next_action,
                "next_action_due": match.next_action_due,
            }
        ),
        "placement": selectors.match_placement(match),
    }
    context.update(extra)
    return context


@login_required
def match_detail(request, pk: int):
    _workspace_user(request)
    match = get_match_for_user(request.user, pk)
    access_log_record(user=request.user, student=match.student, action="view", context="match")
    return render(request, "werk/match.html", _match_context(request, match))


@login_required
@require_POST
def match_step(request, pk: int):
    _workspace_user(request)
    match = get_match_for_user(request.user, pk, may="move_match")
    if request.htmx:
        return _board_move(request, match)
    allowed = allowed_next(match)
    if request.POST.get("version") != str(match.version):
        # Moved by someone else since the page was loaded: the service answers with the
        # conflict (409), also when the chosen step is no longer possible.
        allowed = allowed | {request.POST.get("to_status", "")}
    form = forms.MatchMoveForm(request.POST, allowed=allowed)
    status = 400
    if form.is_valid():
        data = form.cleaned_data
        try:
            match_move(
                actor=request.user,
                match=match,
                to_status=data["to_status"],
                expected_version=data["version"],
                reason=data["reason"],
                note_visibility=data["note_visibility"],
                meeting_at=data["meeting_at"],
                start_date=data["start_date"],
            )
        except ValidationError as exc:
            if getattr(exc, "code", None) == "conflict":
                status = 409
                match.refresh_from_db()
                form = form_after_conflict(
                    forms.MatchMoveForm, request, match.version, allowed=allowed_next(match)
                )
            form_errors_from(form, exc)
        else:
            messages.success(
                request,
                _("De match staat nu op “%(status)s”.")
                % {"status": MatchStatus(data["to_status"]).label},
            )
            return redirect("werk:match", pk=match.pk)
    return render(
        request,
        "werk/match.html",
        _match_context(request, match, move_form=form),
        status=status,
    )


@login_required
@require_POST
def match_next(request, pk: int):
    _workspace_user(request)
    match = get_match_for_user(request.user, pk, may="move_match")
    form = forms.NextActionForm(request.POST)
    status = 400
    if form.is_valid():
        try:
            match_next_action_set(
                actor=request.user,
                match=match,
                expected_version=form.cleaned_data["version"],
                next_action=form.cleaned_data["next_action"],
                next_action_due=form.cleaned_data["next_action_due"],
                note=form.cleaned_data["note"],
                note_visibility=form.cleaned_data["note_visibility"],
            )
        except ValidationError as exc:
            if getattr(exc, "code", None) == "conflict":
                status = 409
                match.refresh_from_db()
                form = form_after_conflict(forms.NextActionForm, request, match.version)
            form_errors_from(form, exc)
        else:
            messages.success(request, _("Opgeslagen op de tijdlijn."))
            return redirect("werk:match", pk=match.pk)
    return render(
        request, "werk/match.html", _match_context(request, match, next_form=form), status=status
    )
