"""The mediation workspace (/werk/) for jobhunters, JPO's and school staff: the caseload, a
student's record with the engine's suggestions, proposing a match, the board and a match's
workspace page. Every rule is in a service; these views check access per object and render."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from employers.models import Opening
from marketplace.models import (
    ActionItem,
    Escalation,
    Match,
    MatchStatus,
    Placement,
    Role,
)
from marketplace.permissions import (
    can,
    get_match_for_user,
    get_student_for_user,
    matches_visible_to,
    openings_visible_to,
)
from marketplace.services.audit import access_log_record
from marketplace.services.matches import (
    ACTIVE,
    allowed_next,
    match_move,
    match_next_action_set,
    match_propose,
)
from marketplace.services.ranking import ranked_openings_for_student
from marketplace.views.common import form_after_conflict, form_errors_from, support_labels

from .. import forms, selectors
from ..services.escalations import escalation_open_manual
from ..services.transition import (
    actions_for,
    advies_due,
    advies_record,
    contact_after_diploma_set,
    contact_due,
    may_handle_transition,
    overgangsdokument_for,
)

WORKSPACE_ROLES = (
    Role.JOBHUNTER,
    Role.JPO,
    Role.SCHOOL,
    Role.ACCOUNTMANAGER,
    Role.COORDINATOR,
    Role.WERKCOACH,
)
BOARD_COLUMNS = ACTIVE + (MatchStatus.GESTART,)


def _workspace_user(request) -> None:
    if request.user.role not in WORKSPACE_ROLES and not request.user.is_superuser:
        raise PermissionDenied("workspace")


@login_required
def caseload(request):
    """My young people: open search requests with deadline and state, running matches, what is
    due. A jobhunter sees their students, a JPO their mentees, school staff their school."""
    _workspace_user(request)
    form = forms.CaseloadFilterForm(request.GET or None)
    filters = form.cleaned_data if form.is_valid() else {}
    students = selectors.caseload(
        request.user, q=filters.get("q", ""), only=filters.get("only", "")
    )
    today = timezone.localdate()
    context = {
        "form": form,
        "students": students[: selectors.CASELOAD_LIMIT],
        "today": today,
        "actions": list(actions_for(request.user)[:20]),
        "checkins_due": selectors.checkins_due_count(request.user, today),
    }
    return render(request, "werk/caseload.html", context)


def _student_context(request, student, **extra) -> dict:
    user = request.user
    matches = list(
        Match.objects.filter(student=student)
        .select_related("opening__employer", "opening__location__place")
        .order_by("-updated_at")
    )
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
    placements = list(
        Placement.objects.filter(match__student=student)
        .select_related("match__opening__employer")
        .prefetch_related("checkins")
    )
    doc = overgangsdokument_for(student)
    context = {
        "student": student,
        "show_support": can(user, "view_support_needs", student),
        "support_needs": support_labels(student.support_needs),
        "searches": student.search_requests.order_by("-status", "deadline"),
        "matches": matches,
        "suggestions": suggestions,
        "placements": placements,
        "escalations": Escalation.objects.filter(student=student).order_by("-opened_at"),
        "actions": ActionItem.objects.filter(student=student, done_at__isnull=True),
        "overgangsdokument": doc,
        "advies_due": advies_due(student),
        "contact_due": contact_due(student),
        "may_propose": may_propose,
        "may_escalate": can(user, "escalate_student", student),
        "may_handle_transition": may_handle_transition(user, student),
        "propose_form": forms.ProposeForm(),
        "escalate_form": forms.EscalateForm(),
        "advies_form": forms.AdviesForm(
            initial={"advies": student.advies, "advies_date": student.advies_date}
        ),
        "consent_form": forms.ContactConsentForm(
            initial={"given": "1" if student.consent_contact_after_diploma else "0"}
        ),
    }
    context.update(extra)
    return context


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
def propose(request, pk: int):
    _workspace_user(request)
    student = get_student_for_user(request.user, pk)
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
            proposer=request.user, student=student, opening=opening, note=form.cleaned_data["note"]
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
def escalate(request, pk: int):
    _workspace_user(request)
    student = get_student_for_user(request.user, pk)
    form = forms.EscalateForm(request.POST)
    if form.is_valid():
        try:
            case = escalation_open_manual(
                actor=request.user, student=student, explanation=form.cleaned_data["explanation"]
            )
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
    student = get_student_for_user(request.user, pk)
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
    student = get_student_for_user(request.user, pk)
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
    """Columns by state: the running matches of my students, with their next step."""
    _workspace_user(request)
    matches = (
        matches_visible_to(request.user)
        .filter(status__in=BOARD_COLUMNS)
        .select_related("student__user", "opening__employer")
        .order_by("next_action_due", "-updated_at")
    )
    columns = {s: [] for s in BOARD_COLUMNS}
    for m in matches[:500]:
        columns[m.status].append(m)
    context = {
        "columns": [(MatchStatus(s).label, s, columns[s]) for s in BOARD_COLUMNS],
        "today": timezone.localdate(),
    }
    return render(request, "werk/board.html", context)


def _match_context(request, match, **extra) -> dict:
    user = request.user
    may_move = can(user, "move_match", match)
    allowed = allowed_next(match) if may_move else set()
    context = {
        "match": match,
        "timeline": match.timeline.select_related("actor").order_by("at", "pk"),
        "may_move": may_move,
        "move_form": forms.MatchMoveForm(initial={"version": match.version}, allowed=allowed),
        "next_form": forms.NextActionForm(
            initial={
                "version": match.version,
                "next_action": match.next_action,
                "next_action_due": match.next_action_due,
            }
        ),
        "placement": Placement.objects.filter(match=match).prefetch_related("checkins").first(),
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
    match = get_match_for_user(request.user, pk)
    if not can(request.user, "move_match", match):
        raise PermissionDenied("move_match")
    form = forms.MatchMoveForm(request.POST, allowed=allowed_next(match))
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
    match = get_match_for_user(request.user, pk)
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
