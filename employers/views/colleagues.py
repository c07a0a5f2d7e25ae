"""The colleagues' pages: the team with roles and open invitations, and accepting an invite."""

from django.contrib import messages
from django.contrib.auth import login
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from marketplace.idempotency import once_per_submit
from marketplace.permissions import (
    can,
    ensure_can,
    get_colleague_for_user,
    get_colleague_invite_for_user,
)
from marketplace.views.common import form_errors_from

from ..forms import ColleagueInviteForm, ColleagueRoleForm, InviteAcceptForm
from ..services import colleagues as team


def _page(request, invite_form: ColleagueInviteForm, status: int = 200):
    user = request.user
    employer = user.employer
    people = list(team.colleagues_of(employer))
    beheerder_ids = frozenset(p.pk for p in people if can(p, "manage_colleagues"))
    for person in people:
        person.team_beheerder_ids = beheerder_ids
        person.may_change = can(user, "change_colleague_role", person)
        person.may_demote = can(user, "demote_colleague", person)
        person.may_remove = can(user, "remove_colleague", person)
        person.role_form = ColleagueRoleForm(
            initial={"employer_role": person.employer_role or "beheerder"},
            auto_id=f"id_role_{person.pk}_%s",
        )
    may_manage = can(user, "manage_colleagues")
    invites = list(team.invites_pending(employer)) if may_manage else []
    for invite in invites:
        invite.expired = invite.expires_at <= timezone.now()
    context = {
        "employer": employer,
        "people": people,
        "invites": invites,
        "form": invite_form,
        "may_manage": may_manage,
    }
    return render(request, "employer/colleagues.html", context, status=status)


@login_required
@once_per_submit
def colleagues(request):
    """The team; a beheerder also invites here (the form posts back to this page)."""
    ensure_can(request.user, "view_colleagues")
    if request.method != "POST":
        return _page(request, ColleagueInviteForm())
    ensure_can(request.user, "manage_colleagues")
    form = ColleagueInviteForm(request.POST)
    if form.is_valid():
        try:
            invite = team.colleague_invite(actor=request.user, **form.cleaned_data)
        except ValidationError as exc:
            form_errors_from(form, exc)
        else:
            messages.success(
                request,
                _("De uitnodiging is verstuurd naar %(email)s. De link werkt 7 dagen.")
                % {"email": invite.email},
            )
            return redirect("werkgever:colleagues")
    return _page(request, form, status=400)


@login_required
@require_POST
def colleague_role(request, pk: int):
    ensure_can(request.user, "view_colleagues")
    person = get_colleague_for_user(request.user, pk, may="change_colleague_role")
    form = ColleagueRoleForm(request.POST)
    try:
        if not form.is_valid():
            raise ValidationError(_("Kies beheerder of praktijkopleider."))
        team.colleague_role_change(
            actor=request.user, colleague=person, employer_role=form.cleaned_data["employer_role"]
        )
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(
            request,
            _("De rol van %(name)s is aangepast.") % {"name": person.get_full_name() or person},
        )
    return redirect("werkgever:colleagues")


@login_required
def colleague_remove(request, pk: int):
    """A confirmation page, then the removal (POST)."""
    ensure_can(request.user, "view_colleagues")
    person = get_colleague_for_user(request.user, pk, may="change_colleague_role")
    if request.method == "POST":
        try:
            team.colleague_remove(actor=request.user, colleague=person)
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
            return redirect("werkgever:colleagues")
        if person.pk == request.user.pk:
            return redirect("/")  # they removed themselves: their session has ended
        messages.success(
            request,
            _("%(name)s kan niet meer inloggen bij jullie organisatie.")
            % {"name": person.get_full_name() or person.email},
        )
        return redirect("werkgever:colleagues")
    context = {
        "person": person,
        "is_me": person.pk == request.user.pk,
        "may_remove": can(request.user, "remove_colleague", person),
        "n_openings": person.contact_for_openings.count(),
    }
    return render(request, "employer/colleagues_remove.html", context)


@login_required
@require_POST
def invite_resend(request, pk: int):
    ensure_can(request.user, "view_colleagues")
    invite = get_colleague_invite_for_user(request.user, pk, may="manage_colleague_invite")
    team.invite_resend(actor=request.user, invite=invite)
    messages.success(
        request,
        _("Er is een nieuwe link gestuurd naar %(email)s. De oude link werkt niet meer.")
        % {"email": invite.email},
    )
    return redirect("werkgever:colleagues")


@login_required
@require_POST
def invite_revoke(request, pk: int):
    ensure_can(request.user, "view_colleagues")
    invite = get_colleague_invite_for_user(request.user, pk, may="manage_colleague_invite")
    team.invite_revoke(actor=request.user, invite=invite)
    messages.success(
        request, _("De uitnodiging voor %(email)s is ingetrokken.") % {"email": invite.email}
    )
    return redirect("werkgever:colleagues")


@never_cache
def invite_accept(request, token: str):
    """Public: the link from the e-mail. A wrong, used, revoked or expired link all answer the
    same page; what else it says depends only on who opened it (the invited address's owner)."""
    invite = team.invite_for_token(token)
    if invite is None:
        return render(request, "employer/invite_accept.html", {"mode": "invalid"}, status=404)
    user = request.user if request.user.is_authenticated else None
    mode = team.invite_accept_mode(invite, user)
    form = InviteAcceptForm(request.POST or None) if mode == team.AcceptMode.NEW else None
    if request.method == "POST" and mode in (team.AcceptMode.NEW, team.AcceptMode.LINK):
        data = form.cleaned_data if form is not None and form.is_valid() else None
        if form is None or data is not None:
            try:
                account = team.colleague_accept(token=token, user=user, **(data or {}))
            except ValidationError as exc:
                if form is None:
                    messages.error(request, " ".join(exc.messages))
                    return redirect("werkgever:invite-accept", token=token)
                form_errors_from(form, exc)
            else:
                if user is None:
                    login(request, account, backend="django.contrib.auth.backends.ModelBackend")
                messages.success(
                    request,
                    _("Welkom bij %(employer)s! Hier zie je de plekken van jullie organisatie.")
                    % {"employer": invite.employer.name},
                )
                return redirect("werkgever:dashboard")
    status = 400 if request.method == "POST" else 200
    context = {"invite": invite, "mode": mode, "form": form, "token": token}
    return render(request, "employer/invite_accept.html", context, status=status)
