"""The region's matching weights: the versions, a preview of the change, then saving."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from marketplace.forms import query_int
from marketplace.permissions import ensure_can
from marketplace.services.weights import weights_preview as preview_for
from marketplace.views.common import form_errors_from

from . import weights
from .forms_weights import WeightsForm


def _page(request, form, *, status: int = 200, restoring=None):
    region = request.user.region
    context = {
        "form": form,
        "region": region,
        "versions": weights.weights_versions(region=region)[:50],
        "restoring": restoring,
    }
    return render(request, "backoffice/weights_page.html", context, status=status)


@login_required
def weights_page(request):
    """The weights now and every earlier version; `?van=<id>` fills the form with an older
    version, to go back to it (through the preview, as a new version)."""
    ensure_can(request.user, "set_weights")
    region = request.user.region
    values = weights.weights_values_now(region=region)
    restoring = None
    if (van := query_int(request.GET, "van")) is not None:
        restoring = weights.weights_versions(region=region).filter(pk=van).first()
        if restoring is not None:
            values = dict(restoring.values)
    initial = {**values, "based_on": weights.weights_current_id(region=region)}
    return _page(request, WeightsForm(initial=initial), restoring=restoring)


@login_required
@require_POST
def weights_preview(request):
    """The top 10 of a few students now and with the new weights; nothing is saved."""
    ensure_can(request.user, "set_weights")
    form = WeightsForm(request.POST)
    if not form.is_valid():
        return _page(request, form, status=400)
    rows = preview_for(region=request.user.region, values=form.values())
    context = {"form": form, "rows": rows, "changed": sum(r.changed for r in rows)}
    return render(request, "backoffice/weights_preview.html", context)


@login_required
@require_POST
def weights_save(request):
    ensure_can(request.user, "set_weights")
    form = WeightsForm(request.POST)
    if not form.is_valid():
        return _page(request, form, status=400)
    try:
        row = weights.weights_save(
            user=request.user, values=form.values(), based_on=form.cleaned_data["based_on"]
        )
    except ValidationError as exc:
        conflict = getattr(exc, "code", None) == "conflict"
        if conflict:  # keep the typed values, now on top of the newest version
            current = weights.weights_current_id(region=request.user.region)
            data = request.POST.copy()
            data["based_on"] = str(current)
            form = WeightsForm(data)
            form.is_valid()
        form_errors_from(form, exc)
        return _page(request, form, status=409 if conflict else 400)
    messages.success(
        request,
        _("Versie %(version)s is opgeslagen. De matcher rekent vanaf nu met deze gewichten.")
        % {"version": row.version},
    )
    return redirect("backoffice:weights")
