"""The employer's suggestions and invitations: find students who agreed to be found, invite one
(still anonymous) with a short message, take an invitation back. Services rule."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from marketplace.forms import InviteForm
from marketplace.idempotency import once_per_submit
from marketplace.permissions import (
    can,
    ensure_can,
    get_invitation_for_user,
    get_opening_for_user,
    get_suggested_student,
)
from marketplace.selectors import suggestions_for_employer
from marketplace.services.invitations import (
    INVITATION_DAYS,
    INVITATIONS_OPEN_PER_OPENING,
    invitation_create,
    invitation_withdraw,
    open_invitations_count,
)
from marketplace.views.common import form_errors_from


def suggestions_context(request, opening) -> dict:
    """The "Suggesties" part of the candidates page (for a member of the opening's employer)."""
    if not can(request.user, "invite_candidate", opening):
        return {"may_invite": False}
    suggestions = suggestions_for_employer(viewer=request.user, opening=opening)
    open_count = open_invitations_count(opening)
    return {
        "may_invite": True,
        "suggestions": suggestions,
        "open_invitations": open_count,
        "invitation_limit": INVITATIONS_OPEN_PER_OPENING,
        "invitation_days": INVITATION_DAYS,
        "limit_reached": open_count >= INVITATIONS_OPEN_PER_OPENING,
    }


def _suggestion(request, opening, label: str):
    """The suggestion behind this alias, as the employer may see it; 404 when it is not (or no
    longer) among the suggestions."""
    student = get_suggested_student(request.user, opening, label)
    for suggestion in suggestions_for_employer(viewer=request.user, opening=opening, limit=50):
        if suggestion.alias_letters == label.upper():
            return student, suggestion
    raise Http404


@login_required
@once_per_submit
def invite(request, pk: int, label: str):
    """The invitation form for one suggested candidate (GET), and sending it (POST)."""
    ensure_can(request.user, "use_employer_pages")
    opening = get_opening_for_user(request.user, pk, team=True, may="invite_candidate")
    student, suggestion = _suggestion(request, opening, label)
    form = InviteForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            invitation_create(
                inviter=request.user,
                opening=opening,
                student=student,
                message=form.cleaned_data["message"],
            )
        except ValidationError as exc:
            form_errors_from(form, exc)
        else:
            messages.success(
                request,
                _("%(alias)s is uitgenodigd. Je ziet de naam zodra de kandidaat ja zegt.")
                % {"alias": suggestion.candidate.label},
            )
            return redirect("werkgever:candidates", pk=opening.pk)
    context = {
        "opening": opening,
        "s": suggestion,
        "form": form,
        "open_invitations": open_invitations_count(opening),
        "invitation_limit": INVITATIONS_OPEN_PER_OPENING,
    }
    status = 400 if request.method == "POST" else 200
    return render(request, "employer/candidate_invite.html", context, status=status)


@login_required
@require_POST
def invitation_withdraw_view(request, pk: int):
    ensure_can(request.user, "use_employer_pages")
    invitation = get_invitation_for_user(request.user, pk)
    try:
        invitation_withdraw(actor=request.user, invitation=invitation)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, _("De uitnodiging is ingetrokken."))
    return redirect("werkgever:candidates", pk=invitation.opening_id)
