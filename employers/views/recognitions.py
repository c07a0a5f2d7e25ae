"""Recognitions (erkenningen): the employer's page and request form, and the accountmanager's
queue of requests from the region's employers. Services rule; these views only show and route."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from marketplace.idempotency import once_per_submit
from marketplace.permissions import can, ensure_can, get_recognition_request_for_user
from marketplace.views.common import form_errors_from

from ..forms import RecognitionApproveForm, RecognitionRejectForm, RecognitionRequestForm
from ..models import RecognitionRequest
from ..services import recognition_requests
from ..services import recognitions as services


def _employer(request):
    ensure_can(request.user, "use_employer_pages")
    return request.user.employer


def _request_initial(request) -> dict:
    """A link ("Vraag verlenging aan") may pick the kind and qualification beforehand."""
    initial = {"kind": RecognitionRequest.Kind.NEW}
    if request.GET.get("soort") in RecognitionRequest.Kind.values:
        initial["kind"] = request.GET["soort"]
    if request.GET.get("kwalificatie", "").isdigit():
        initial["qualification"] = request.GET["kwalificatie"]
    return initial


@login_required
@once_per_submit
def employer_recognitions(request):
    employer = _employer(request)
    may_request = can(request.user, "request_recognition", employer)
    data = request.POST if request.method == "POST" else None
    form = RecognitionRequestForm(data, employer=employer, initial=_request_initial(request))
    if request.method == "POST":
        ensure_can(request.user, "request_recognition", employer)
        if form.is_valid():
            try:
                recognition_requests.recognition_request_create(
                    user=request.user, employer=employer, **form.cleaned_data
                )
            except ValidationError as exc:
                form_errors_from(form, exc)
            else:
                messages.success(
                    request,
                    _("Je verzoek is verstuurd. Je accountmanager laat weten wat er gebeurt."),
                )
                return redirect("werkgever:recognitions")
    overview = services.employer_recognition_overview(employer=employer, today=timezone.localdate())
    context = {
        "employer": employer,
        "form": form,
        "may_request": may_request,
        "requests": recognition_requests.employer_recognition_requests(employer=employer),
        **overview,
    }
    status = 400 if request.method == "POST" else 200
    return render(request, "employer/recognitions.html", context, status=status)


@login_required
def request_queue(request):
    ensure_can(request.user, "handle_recognition_requests")
    queue = recognition_requests.recognition_request_queue(user=request.user)
    return render(request, "employer/recognitions_queue.html", queue)


def _detail(request, ask, *, approve=None, reject=None, status=200):
    facts = recognition_requests.recognition_request_context(recognition_request=ask)
    context = {
        "ask": ask,
        "same": facts["same"],
        "approve_form": approve
        or RecognitionApproveForm(initial=facts["initial"], prefix="approve"),
        "reject_form": reject or RecognitionRejectForm(prefix="reject"),
        "is_correction": ask.kind == RecognitionRequest.Kind.CORRECTION,
        "may_take": can(request.user, "take_recognition_request", ask),
        "may_decide": can(request.user, "decide_recognition_request", ask),
    }
    return render(request, "employer/recognitions_request.html", context, status=status)


def _handled_request(request, pk: int) -> RecognitionRequest:
    ensure_can(request.user, "handle_recognition_requests")
    return get_recognition_request_for_user(request.user, pk)


@login_required
def request_detail(request, pk: int):
    return _detail(request, _handled_request(request, pk))


@login_required
@require_POST
def request_take(request, pk: int):
    ask = _handled_request(request, pk)
    try:
        recognition_requests.recognition_request_take(user=request.user, recognition_request=ask)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, _("Je behandelt dit verzoek. De werkgever weet het."))
    return redirect("werkgever:recognition-request", pk=ask.pk)


@login_required
@require_POST
def request_approve(request, pk: int):
    ask = _handled_request(request, pk)
    ensure_can(request.user, "decide_recognition_request", ask)
    form = RecognitionApproveForm(request.POST, prefix="approve")
    if form.is_valid():
        try:
            recognition_requests.recognition_request_approve(
                user=request.user, recognition_request=ask, **form.cleaned_data
            )
        except ValidationError as exc:
            form_errors_from(form, exc)
        else:
            messages.success(request, _("Goedgekeurd. De erkenning is opgeslagen."))
            return redirect("werkgever:recognition-requests")
    return _detail(request, ask, approve=form, status=400)


@login_required
@require_POST
def request_reject(request, pk: int):
    ask = _handled_request(request, pk)
    ensure_can(request.user, "decide_recognition_request", ask)
    form = RecognitionRejectForm(request.POST, prefix="reject")
    if form.is_valid():
        try:
            recognition_requests.recognition_request_reject(
                user=request.user, recognition_request=ask, **form.cleaned_data
            )
        except ValidationError as exc:
            form_errors_from(form, exc)
        else:
            messages.success(request, _("Afgewezen. De werkgever leest je uitleg."))
            return redirect("werkgever:recognition-requests")
    return _detail(request, ask, reject=form, status=400)
