"""The coordinators' pages to write toolkit texts and regulations, with their versions."""

from dataclasses import dataclass

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from marketplace.idempotency import once_per_submit
from marketplace.permissions import ensure_can
from marketplace.views.common import form_errors_from

from . import services
from .forms import ItemForm, RegulationForm
from .models import Regulation, ToolkitItem


@dataclass(frozen=True)
class Kind:
    model: type
    form: type
    name: str  # the URL names' middle part
    label: object
    new_label: object


KINDS = {
    "item": Kind(
        ToolkitItem, ItemForm, "item", gettext_lazy("tekst"), gettext_lazy("Nieuwe tekst"),
    ),
    "regulation": Kind(
        Regulation, RegulationForm, "regulation", gettext_lazy("regeling"),
        gettext_lazy("Nieuwe regeling"),
    ),
}  # fmt: skip


@login_required
def edit_index(request):
    ensure_can(request.user, "edit_toolkit")
    context = {
        "items": ToolkitItem.objects.order_by("audience", "title"),
        "regulations": Regulation.objects.order_by("name"),
    }
    return render(request, "toolkit/edit_index.html", context)


def _object(request, kind: Kind, pk):
    ensure_can(request.user, "edit_toolkit")
    return get_object_or_404(kind.model, pk=pk) if pk is not None else kind.model()


@login_required
@once_per_submit
def edit(request, kind: str, pk: int | None = None):
    kind = KINDS[kind]
    obj = _object(request, kind, pk)
    status = 200
    newest = services.latest_number(obj)
    if request.method == "POST":
        form = kind.form(request.POST, instance=obj)
        status = 400
        if form.is_valid():
            data = form.cleaned_data
            try:
                services.content_save(
                    user=request.user,
                    obj=obj,
                    data=data,
                    based_on=data["based_on"],
                    note=data["note"],
                )
            except ValidationError as exc:
                if getattr(exc, "code", None) == "conflict":
                    status, form = 409, _after_conflict(request, kind, obj)
                form_errors_from(form, exc)
            else:
                messages.success(request, _("Opgeslagen als nieuwe versie."))
                return redirect(f"toolkit:edit-{kind.name}", pk=obj.pk)
    else:
        form = kind.form(instance=obj, initial={"based_on": newest})
    context = {"form": form, "obj": obj if obj.pk else None, "kind": kind, "newest": newest}
    return render(request, "toolkit/edit_form.html", context, status=status)


def _after_conflict(request, kind: Kind, obj):
    """Keep what was typed, on top of the newest revision, so a second save goes through."""
    data = request.POST.copy()
    data["based_on"] = str(services.latest_number(obj))
    form = kind.form(data, instance=obj)
    form.is_valid()
    return form


@login_required
def history(request, kind: str, pk: int):
    kind = KINDS[kind]
    obj = _object(request, kind, pk)
    context = {
        "obj": obj,
        "kind": kind,
        "entries": services.history(obj),
        "newest": services.latest_number(obj),
    }
    return render(request, "toolkit/edit_history.html", context)


@login_required
@require_POST
def restore(request, kind: str, pk: int):
    kind = KINDS[kind]
    obj = _object(request, kind, pk)
    try:
        number, based_on = (
            int(request.POST.get("number", "")),
            int(request.POST.get("based_on", "")),
        )
    except ValueError:
        messages.error(request, _("Kies een versie om terug te zetten."))
        return redirect(f"toolkit:edit-{kind.name}-history", pk=obj.pk)
    try:
        services.revision_restore(user=request.user, obj=obj, number=number, based_on=based_on)
    except ValidationError as exc:
        if getattr(exc, "code", None) == "conflict":  # the service's text speaks of a form
            text = _(
                "Iemand anders heeft deze tekst net opgeslagen (versie %(n)d). Er is niets "
                "teruggezet. Bekijk de nieuwe versie hieronder en kies opnieuw."
            ) % {"n": services.latest_number(obj)}
        else:
            text = " ".join(exc.messages)
        messages.error(request, text)
    else:
        messages.success(
            request, _("Versie %(n)d is teruggezet als nieuwe versie.") % {"n": number}
        )
    return redirect(f"toolkit:edit-{kind.name}-history", pk=obj.pk)
