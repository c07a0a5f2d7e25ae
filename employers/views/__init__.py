"""The employer's pages: sign up, locations, openings, candidates, answers. Services rule."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.auth.hashers import make_password
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.cache import patch_vary_headers
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext
from django.views.decorators.http import require_GET, require_POST

from marketplace.idempotency import once_per_submit
from marketplace.models import MatchStatus
from marketplace.permissions import can, ensure_can, get_match_for_user, get_opening_for_user
from marketplace.selectors import employer_candidates_page, employer_waiting
from marketplace.services import security
from marketplace.services.matches import MatchConflict, match_employer_interest, match_move
from marketplace.views.common import form_errors_from

from .. import selectors, services
from ..forms import LocationForm, OpeningForm, RegisterForm, RespondForm
from ..models import Employer, Opening
from ..services.recognitions import (
    opening_recognition_alert,
    opening_recognition_warning,
    recognitions_of,
)
from .invitations import suggestions_context

ORDER = [
    Opening.Status.OPEN,
    Opening.Status.PAUSED,
    Opening.Status.CLOSED,
    Opening.Status.DRAFT,
    Opening.Status.FILLED,
]


# The button for a status move: publishing a draft reads differently from reopening.
MOVE_LABELS = {
    Opening.Status.OPEN: gettext_lazy("Weer openen"),
    Opening.Status.PAUSED: gettext_lazy("Pauzeren"),
    Opening.Status.CLOSED: gettext_lazy("Sluiten"),
}
PUBLISH_LABEL = gettext_lazy("Online zetten")
CANDIDATES_PER_PAGE = 10


def _employer(request) -> Employer:
    ensure_can(request.user, "use_employer_pages")
    return request.user.employer


def _moves(opening: Opening) -> list[tuple[str, str]]:
    """(status, button label) for each status this opening can move to, in display order;
    closing comes last (the page asks for a confirmation first)."""
    moves = sorted(services.STATUS_MOVES.get(opening.status, ()), key=ORDER.index)
    moves.sort(key=lambda to: to == Opening.Status.CLOSED)
    publish = opening.status == Opening.Status.DRAFT
    return [
        (to, PUBLISH_LABEL if publish and to == Opening.Status.OPEN else MOVE_LABELS[to])
        for to in moves
    ]


@once_per_submit
def register(request):
    if request.user.is_authenticated:
        return redirect("werkgever:dashboard")
    form = RegisterForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        # The answer is the same whether or not the address has an account (no enumeration):
        # a new account waits for the link in its mail; a known address gets a notice instead.
        try:
            user = services.employer_register(**form.cleaned_data)
        except ValidationError as exc:
            errors = exc.message_dict if hasattr(exc, "error_dict") else {}
            taken = errors.pop("email", None) is not None
            if taken and not errors:
                # The same hashing work as for a new account, so the answer takes as long.
                make_password(form.cleaned_data["password"])
                security.account_exists_notice_send(email=form.cleaned_data["email"])
                return _register_sent(request, form.cleaned_data["email"])
            form_errors_from(form, ValidationError(errors) if taken else exc)
        else:
            security.account_confirmation_send(user=user)
            return _register_sent(request, user.email)
    status = 400 if request.method == "POST" else 200
    return render(request, "employer/register.html", {"form": form}, status=status)


def _register_sent(request, email: str):
    return render(request, "employer/register_sent.html", {"email": email})


@login_required
def dashboard(request):
    employer = _employer(request)
    openings = selectors.employer_openings(employer)
    may_edit = can(request.user, "manage_employer", employer)
    recognitions, today = recognitions_of(employer), timezone.localdate()
    for o in openings:
        moves = _moves(o) if may_edit else []
        # Closing asks first, on its own page: the buttons are the other moves.
        o.may_close = Opening.Status.CLOSED in dict(moves)
        o.moves = [(to, label) for to, label in moves if to != Opening.Status.CLOSED]
        o.recognition_alert = opening_recognition_alert(o, recognitions=recognitions, today=today)
    waiting, n_waiting = employer_waiting(viewer=request.user, employer=employer)
    context = {
        "employer": employer,
        "openings": openings,
        "waiting": waiting,
        "n_waiting": n_waiting,
        # A praktijkopleider sees the openings and answers candidates; a beheerder runs them.
        "may_manage": can(request.user, "manage_employer", employer),
        "may_post": can(request.user, "post_opening", employer),
        "locations": selectors.employer_locations(employer),
        # The recognitions (table and warnings) come from employers/templatetags/recognitions.
    }
    return render(request, "employer/dashboard.html", context)


@login_required
@once_per_submit
def location_add(request):
    employer = _employer(request)
    ensure_can(request.user, "manage_employer", employer)
    form = LocationForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.employer_location_add(
                user=request.user, employer=employer, **form.cleaned_data
            )
        except ValidationError as exc:
            form_errors_from(form, exc)
        else:
            messages.success(request, _("De vestiging is toegevoegd."))
            return redirect("werkgever:dashboard")
    status = 400 if request.method == "POST" else 200
    return render(request, "employer/location_form.html", {"form": form}, status=status)


def _opening_initial(opening: Opening) -> dict:
    data = {f: getattr(opening, f) for f in services.OPENING_FIELDS}
    for f in services.OPENING_M2M:
        data[f] = list(getattr(opening, f).values_list("pk", flat=True))
    return data


@login_required
def opening_form(request, pk: int | None = None):
    employer = _employer(request)
    if pk:
        opening = get_opening_for_user(request.user, pk, team=True, may="edit_opening")
    else:
        ensure_can(request.user, "post_opening", employer)
        opening = None
    return opening_page(request, employer=employer, opening=opening)


@once_per_submit  # also for the accountmanager's on-behalf form
def opening_page(request, *, employer: Employer, opening: Opening | None, on_behalf: bool = False):
    """The opening form, for the employer's own pages and for an accountmanager acting on its
    behalf (employers/views/on_behalf.py): one form, one service (opening_save)."""
    done = "werkgever:on-behalf" if on_behalf else "werkgever:dashboard"
    if request.method == "POST":
        form = OpeningForm(request.POST, employer=employer)
    else:
        initial = _opening_initial(opening) if opening else {"sector": employer.sector_id}
        initial["contact_person"] = (
            opening.contact_person_id
            if opening and opening.contact_person_id
            else services.contact_person_default(employer=employer, user=request.user)
        )
        locations = list(employer.locations.values_list("pk", flat=True)[:2])
        if not opening and len(locations) == 1:
            initial["location"] = locations[0]
        form = OpeningForm(employer=employer, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        data["publish"] = "publish" in request.POST
        try:
            saved = services.opening_save(
                user=request.user, employer=employer, data=data, opening=opening
            )
        except ValidationError as exc:
            form_errors_from(form, exc)
        else:
            if saved.coaches_told:
                messages.warning(
                    request,
                    ngettext(
                        "Let op: %(n)s lopende match past niet meer bij deze plek (bijvoorbeeld "
                        "door leeftijd, uren of data). De begeleider heeft bericht gekregen.",
                        "Let op: %(n)s lopende matches passen niet meer bij deze plek "
                        "(bijvoorbeeld door leeftijd, uren of data). De begeleiders hebben "
                        "bericht gekregen.",
                        saved.coaches_told,
                    )
                    % {"n": saved.coaches_told},
                )
            gap = opening_recognition_warning(opening=saved)
            if gap:
                messages.warning(request, gap)
            if saved.status == Opening.Status.OPEN:
                messages.success(request, _("De plek staat online. We zoeken passende jongeren."))
            else:
                messages.success(
                    request,
                    _("De plek is opgeslagen als concept. Zet hem online als hij klaar is."),
                )
            return redirect(done)
    if not employer.locations.exists():
        if on_behalf:
            messages.info(request, _("Deze werkgever heeft nog geen vestiging."))
            return redirect(done)
        messages.info(request, _("Voeg eerst een vestiging toe."))
        return redirect("werkgever:location-add")
    status = 400 if request.method == "POST" else 200
    context = {
        "form": form,
        "opening": opening,
        "employer": employer,
        "on_behalf": on_behalf,
        "cancel_url": reverse(done),
        # A new place or a draft can go online from the form; a published one is just saved.
        "may_publish": opening is None or can(request.user, "publish_opening", opening),
        "chosen_required": form.chosen("required_competencies"),
        "chosen_nice": form.chosen("nice_competencies"),
    }
    return render(request, "employer/opening_form.html", context, status=status)


@login_required
def opening_close(request, pk: int):
    """Closing a place asks first: this page, reached from the front page's "Sluiten…"."""
    _employer(request)
    opening = get_opening_for_user(request.user, pk, team=True, may="edit_opening")
    if Opening.Status.CLOSED not in services.STATUS_MOVES.get(opening.status, ()):
        return redirect("werkgever:dashboard")
    context = {"opening": opening, "n_running": selectors.opening_running_matches(opening)}
    # Asked from Mijn bedrijf with JavaScript: the same question and form as a <dialog>.
    dialog = bool(request.headers.get("HX-Request"))
    template = "employer/opening_close_dialog.html" if dialog else "employer/opening_close.html"
    response = render(request, template, context)
    patch_vary_headers(response, ["HX-Request"])
    return response


@login_required
@require_POST
def opening_status(request, pk: int):
    _employer(request)
    opening = get_opening_for_user(request.user, pk, team=True, may="edit_opening")
    if request.POST.get("status") == Opening.Status.CLOSED and not request.POST.get("confirmed"):
        return redirect("werkgever:opening-close", pk=opening.pk)
    try:
        services.opening_set_status(
            user=request.user, opening=opening, status=request.POST.get("status", "")
        )
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(
            request, _("De status van ‘%(title)s’ is aangepast.") % {"title": opening.title}
        )
    return redirect("werkgever:dashboard")


@login_required
def candidates(request, pk: int):
    _employer(request)
    opening = get_opening_for_user(request.user, pk, team=True, may="view_candidates")
    # The match set as the employer may see it, a page at a time, each page's read logged
    # (marketplace.selectors decides what the employer learns).
    page = employer_candidates_page(
        viewer=request.user,
        opening=opening,
        number=request.GET.get("pagina"),
        per_page=CANDIDATES_PER_PAGE,
    )
    page.param = "pagina"
    context = {
        "opening": opening,
        "candidates": page.object_list,
        "page": page,
        "reason_choices": RespondForm.REASONS,
    }
    context.update(suggestions_context(request, opening))  # students who agreed to be found
    return render(request, "employer/candidates.html", context)


@login_required
@require_POST
def respond(request, pk: int):
    _employer(request)
    match = get_match_for_user(request.user, pk)
    form = RespondForm(request.POST)
    if not form.is_valid():
        for errors in form.errors.values():
            messages.error(request, " ".join(errors))
        return redirect("werkgever:candidates", pk=match.opening_id)
    version = form.cleaned_data["version"]
    try:
        if form.cleaned_data["answer"] == "ja":
            match_employer_interest(
                employer_user=request.user, match=match, expected_version=version
            )
            messages.success(
                request, _("Je hebt interesse laten weten. De jobhunter neemt contact op.")
            )
        else:
            match_move(
                actor=request.user,
                match=match,
                to_status=MatchStatus.AFGEWEZEN,
                expected_version=version,
                reason=form.reason_text(),
            )
            messages.success(request, _("Je antwoord is doorgegeven. Bedankt voor de reden."))
    except MatchConflict as exc:
        messages.error(request, " ".join(exc.messages))
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    return redirect("werkgever:candidates", pk=match.opening_id)


@login_required
@require_GET
def picker(request):
    """Search-as-you-type results for the competency picker (an htmx fragment); also for an
    accountmanager filling in the form on an employer's behalf."""
    if not can(request.user, "act_for_employers"):
        _employer(request)
    field = request.GET.get("field", "")
    if field not in ("required_competencies", "nice_competencies"):
        raise Http404
    text = request.GET.get(f"q-{field}", request.GET.get("q", ""))[:80]
    hits = services.vocabulary_suggest(kind="competency", text=text) if text.strip() else []
    return render(
        request, "employer/picker_results.html", {"hits": hits, "field_name": field, "text": text}
    )
