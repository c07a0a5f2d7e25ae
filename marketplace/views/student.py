"""The student's pages: "Mijn matches", a place with interest buttons, the profile wizard."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from employers.services import vocabulary_suggest
from marketplace.idempotency import once_per_submit
from matching.models import Competency
from matching.selectors import sector_choices

from .. import forms, presenters
from ..models import ConsentRecord, Match, StudentCompetency, StudentProfile
from ..permissions import (
    can,
    ensure_can,
    get_invitation_for_user,
    get_opening_for_user,
    get_own_student_profile,
)
from ..selectors import (
    invitations_for_student,
    student_competencies,
    student_matches,
    student_own_sector_ids,
)
from ..services.invitations import (
    invitation_accept,
    invitation_decline,
    invitations_as_read,
)
from ..services.matches import CLOSED, match_student_decline, match_student_interest
from ..services.profiles import profile_steps_done, student_consent_set, student_profile_update
from ..services.ranking import explain_opening_for_student, ranked_openings_for_student
from ..services.rules import pair_failures, rule_messages
from .common import form_errors_from, support_labels


def _student(request) -> StudentProfile:
    ensure_can(request.user, "use_student_pages")
    return get_own_student_profile(request.user)


@login_required
def my_matches(request):
    student = _student(request)
    form = forms.MatchFilterForm(request.GET or None, sectors=sector_choices())
    kinds = sector_ids = distance = None
    if form.is_valid():
        kinds = [form.cleaned_data["kind"]] if form.cleaned_data.get("kind") else None
        sector_ids = [form.cleaned_data["sector"]] if form.cleaned_data.get("sector") else None
        distance = form.cleaned_data.get("distance")
    running = student_matches(student)
    declined = {m.opening_id for m in running if m.student_response == Match.Response.NO}
    ranked = ranked_openings_for_student(
        viewer=request.user,
        student=student,
        kinds=kinds,
        sector_ids=sector_ids,
        max_distance_km=distance,
        limit=20 + len(declined),
        matches={m.opening_id: m for m in running},
    )
    ranked = [r for r in ranked if r.opening.pk not in declined][:20]
    presenters.with_status_words(running, reader=presenters.STUDENT, student=student)
    context = {
        "student": student,
        "form": form,
        "ranked": presenters.with_why_it_fits(ranked),
        "running": [m for m in running if m.status not in CLOSED],
        "closed": [m for m in running if m.status in CLOSED],
        "invitations": [i for i in invitations_for_student(student) if i.status == "open"],
    }
    template = (
        "student/_ranked.html" if request.headers.get("HX-Request") else "student/matches.html"
    )
    return render(request, template, context)


def _may(user, opening) -> dict:
    """What the student may do on the place's page."""
    return {
        "may_show_interest": can(user, "show_interest", opening),
        "may_decline": can(user, "decline_opening", opening),
    }


def _explained(student: StudentProfile, explained, match) -> dict:
    """The place's explanation in three blocks and the match's status, in the student's words."""
    words = None
    if match is not None:
        [match] = presenters.with_status_words([match], reader=presenters.STUDENT, student=student)
        words = match.status_words
    return {
        "item": explained,
        "why": presenters.why_it_fits(explained) if explained else None,
        "match": match,
        "status_words": words,
    }


def _hard_rules(student: StudentProfile, opening, may_show_interest: bool) -> dict:
    """The engine's hard rules for this place: which keep it out of the student's list (in
    plain words), and no "Ik heb interesse" while one does."""
    failures = pair_failures(student, opening)
    reasons = rule_messages(failures, student=student, opening=opening, reader="student")
    return {"rule_reasons": reasons, "may_show_interest": may_show_interest and not reasons}


def _match_of(student: StudentProfile, opening):
    return Match.objects.filter(student=student, opening=opening).first()


@login_required
def opening_detail(request, pk: int):
    student = _student(request)
    opening = get_opening_for_user(request.user, pk)  # open, or one with a match of mine
    explained = explain_opening_for_student(viewer=request.user, student=student, opening=opening)
    match = explained.match if explained else _match_of(student, opening)
    context = {
        "opening": opening,
        **_explained(student, explained, match),
        "interest_form": forms.InterestForm(
            initial={"share_profile": student.consent_show_to_employers}
        ),
        "decline_form": forms.DeclineForm(),
        "support_offered": support_labels(opening.support_offered),
        **_may(request.user, opening),
    }
    context.update(_hard_rules(student, opening, context["may_show_interest"]))
    return render(request, "student/opening_detail.html", context)


@login_required
@require_POST
@once_per_submit
def opening_interest(request, pk: int):
    student = _student(request)
    opening = get_opening_for_user(request.user, pk)
    form = forms.InterestForm(request.POST)
    form.is_valid()
    try:
        match_student_interest(
            student_user=request.user,
            student=student,
            opening=opening,
            share_profile=form.cleaned_data.get("share_profile", False),
        )
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(
            request, _("Goed zo! De werkgever en je begeleider weten nu dat je interesse hebt.")
        )
    return redirect("student-opening", pk=opening.pk)


@login_required
@require_POST
def opening_decline(request, pk: int):
    student = _student(request)
    opening = get_opening_for_user(request.user, pk)
    form = forms.DeclineForm(request.POST)
    if form.is_valid():
        try:
            match_student_decline(
                student_user=request.user,
                student=student,
                opening=opening,
                reason=form.reason_text(),
            )
        except ValidationError as exc:
            form_errors_from(form, exc)
        else:
            messages.success(request, _("Dank je. We laten deze plek niet meer zien."))
            return redirect("student-matches")
    explained = explain_opening_for_student(viewer=request.user, student=student, opening=opening)
    match = explained.match if explained else _match_of(student, opening)
    context = {
        "opening": opening,
        **_explained(student, explained, match),
        "interest_form": forms.InterestForm(),
        "decline_form": form,
        "decline_open": True,
    }
    context["support_offered"] = support_labels(opening.support_offered)
    context.update(_may(request.user, opening))
    context.update(_hard_rules(student, opening, context["may_show_interest"]))
    return render(request, "student/opening_detail.html", context, status=400)


# --- the profile and its wizard ------------------------------------------------------------

STEPS = [
    ("woonplaats", gettext_lazy("Waar woon je?")),
    ("wanneer", gettext_lazy("Wanneer kun je?")),
    ("vaardigheden", gettext_lazy("Wat kun je?")),
    ("certificaten", gettext_lazy("Welke certificaten heb je?")),
    ("interesses", gettext_lazy("Wat vind je leuk?")),
    ("hulp", gettext_lazy("Wat helpt jou?")),
    ("toestemming", gettext_lazy("Wie mag wat zien?")),
]
STEP_KEYS = [key for key, _title in STEPS]


def _step_form(step: str, student: StudentProfile, data=None):
    if step == "woonplaats":
        initial = {
            "home_place": student.home_place_id,
            "travel_radius_km": student.travel_radius_km,
        }
        return forms.PlaceStepForm(data, initial=initial)
    if step == "wanneer":
        initial = {
            "available_from": student.available_from,
            "available_to": student.available_to,
            "hours_per_week": student.hours_per_week,
        }
        return forms.WhenStepForm(data, initial=initial)
    if step == "vaardigheden":
        current = dict(
            StudentCompetency.objects.filter(student=student).values_list("competency_id", "level")
        )
        return forms.CompetencyStepForm(
            data,
            competencies=Competency.objects.select_related("sector").order_by("name"),
            current=current,
            own_sector_ids=student_own_sector_ids(student),
        )
    if step == "certificaten":
        return forms.CertificateStepForm(
            data, initial={"certificates": list(student.certificates.all())}
        )
    if step == "interesses":
        initial = {
            "sector_preferences": list(student.sector_preferences.all()),
            "interests": student.interests,
        }
        return forms.InterestsStepForm(data, initial=initial)
    if step == "hulp":
        initial = {
            "support_needs": student.support_needs,
            "support_needs_shared": student.support_needs_shared,
        }
        return forms.SupportStepForm(data, initial=initial)
    initial = {
        "consent_show_to_employers": student.consent_show_to_employers,
        "consent_findable": student.consent_findable,
        "consent_parent_access": student.consent_parent_access,
        "consent_contact_after_diploma": student.consent_contact_after_diploma,
    }
    return forms.ConsentStepForm(data, initial=initial)


def _save_step(step: str, user, student: StudentProfile, form) -> None:
    data = form.cleaned_data
    if step == "vaardigheden":
        student_profile_update(user=user, profile=student, data={"competencies": form.chosen()})
    elif step == "hulp":
        student_profile_update(
            user=user, profile=student, data={"support_needs": data["support_needs"]}
        )
        student_consent_set(
            user=user,
            profile=student,
            kind=ConsentRecord.Kind.SHARE_SUPPORT_NEEDS,
            given=data["support_needs_shared"],
        )
    elif step == "toestemming":
        kinds = {
            "consent_show_to_employers": ConsentRecord.Kind.SHOW_TO_EMPLOYERS,
            "consent_findable": ConsentRecord.Kind.FINDABLE,
            "consent_parent_access": ConsentRecord.Kind.PARENT_ACCESS,
            "consent_contact_after_diploma": ConsentRecord.Kind.CONTACT_AFTER_DIPLOMA,
        }
        for field, kind in kinds.items():
            student_consent_set(user=user, profile=student, kind=kind, given=data[field])
    else:
        student_profile_update(user=user, profile=student, data=dict(data))


def _skill_search(request):
    """Search as you type on the skills step (an htmx fragment): typo tolerant, with synonyms."""
    text = request.GET.get("zoek", "")[:80]
    hits = vocabulary_suggest(kind="competency", text=text) if text.strip() else []
    return render(request, "student/steps/_skill_hits.html", {"hits": hits, "text": text})


@login_required
def profile_step(request, step: str):
    student = _student(request)
    if step not in STEP_KEYS:
        raise Http404
    if step == "vaardigheden" and "zoek" in request.GET and request.headers.get("HX-Request"):
        return _skill_search(request)
    position = STEP_KEYS.index(step)
    form = _step_form(step, student, request.POST if request.method == "POST" else None)
    status = 200
    if request.method == "POST":
        if form.is_valid():
            try:
                _save_step(step, request.user, student, form)
            except ValidationError as exc:
                form_errors_from(form, exc)
            else:
                if request.POST.get("then") == "overzicht" or position == len(STEPS) - 1:
                    messages.success(request, _("Je profiel is opgeslagen."))
                    return redirect("student-profile")
                return redirect("student-profile-step", step=STEP_KEYS[position + 1])
        status = 400
    context = {
        "form": form,
        "step": step,
        "title": STEPS[position][1],
        "number": position + 1,
        "total": len(STEPS),
        "previous": STEP_KEYS[position - 1] if position else None,
        "template": f"student/steps/{step}.html",
    }
    return render(request, "student/profile_step.html", context, status=status)


@login_required
def profile(request):
    student = _student(request)
    done = profile_steps_done(student)
    context = {
        "student": student,
        "steps": [(key, title, done.get(key, False)) for key, title in STEPS],
        "competencies": student_competencies(student),
        "certificates": student.certificates.all(),
        "sectors": student.sector_preferences.all(),
        "support_labels": support_labels(student.support_needs),
        "first_step": reverse("student-profile-step", args=[STEP_KEYS[0]]),
    }
    return render(request, "student/profile.html", context)


# --- invitations from employers: the student decides, the name is shared only on a yes -------


def _invitation_page(request, invitation, decline_form=None, status: int = 200):
    context = {
        "invitation": invitation,
        "opening": invitation.opening,
        "may_answer": can(request.user, "answer_invitation", invitation),
        "decline_form": decline_form or forms.InvitationDeclineForm(),
        "support_offered": support_labels(invitation.opening.support_offered),
    }
    return render(request, "student/invitation.html", context, status=status)


@login_required
def invitation_detail(request, pk: int):
    _student(request)
    [invitation] = invitations_as_read([get_invitation_for_user(request.user, pk)])
    return _invitation_page(request, invitation)


@login_required
@require_POST
def invitation_yes(request, pk: int):
    _student(request)
    invitation = get_invitation_for_user(request.user, pk)
    try:
        invitation_accept(student_user=request.user, invitation=invitation)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
        return redirect("student-invitation", pk=invitation.pk)
    messages.success(
        request,
        _("Je hebt ja gezegd. %(employer)s ziet nu je naam en neemt contact met je op.")
        % {"employer": invitation.opening.employer.name},
    )
    return redirect("student-opening", pk=invitation.opening_id)


@login_required
@require_POST
def invitation_no(request, pk: int):
    _student(request)
    invitation = get_invitation_for_user(request.user, pk)
    form = forms.InvitationDeclineForm(request.POST)
    if form.is_valid():
        try:
            invitation_decline(
                student_user=request.user,
                invitation=invitation,
                reason=form.cleaned_data["reason"],
            )
        except ValidationError as exc:
            form_errors_from(form, exc)
        else:
            messages.success(request, _("Dank je. De werkgever weet dat je nee zegt."))
            return redirect("student-matches")
    return _invitation_page(request, invitation, decline_form=form, status=400)
