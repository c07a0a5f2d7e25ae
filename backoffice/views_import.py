"""Pages of the import: the list of runs with the upload form, one run (its dry run, the
"Inlezen" button, the progress bar that htmx polls, the result), and the example files."""

import io

import tablib
from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from marketplace.permissions import can, ensure_can

from .imports import (
    get_import_run_for_user,
    import_check,
    import_kinds_for,
    import_runs_visible_to,
    import_start,
)
from .imports_formats import FORMATS
from .models import ImportRun

MAX_UPLOAD_MB = 25
SHOWN_PROBLEMS = 300  # on the page; the counts say how many more there are
RUNS_SHOWN = 30
ACTIONS = {
    "create": gettext_lazy("nieuw"),
    "update": gettext_lazy("bijgewerkt"),
    "skip": gettext_lazy("ongewijzigd"),
}


class UploadForm(forms.Form):
    kind = forms.ChoiceField(
        label=gettext_lazy("Wat lees je in?"),
        widget=forms.RadioSelect,
        error_messages={"required": gettext_lazy("Kies wat je wilt inlezen.")},
    )
    file = forms.FileField(
        label=gettext_lazy("Bestand (CSV of Excel .xlsx)"),
        error_messages={
            "required": gettext_lazy("Kies een bestand."),
            "empty": gettext_lazy("Het bestand is leeg."),
        },
    )

    def __init__(self, *args, kinds, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["kind"].choices = kinds
        if len(kinds) == 1:
            self.fields["kind"].initial = kinds[0][0]

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if not upload.name.lower().endswith((".csv", ".txt", ".xlsx")):
            raise ValidationError(_("Kies een CSV-bestand (.csv) of een Excel-bestand (.xlsx)."))
        if upload.size > MAX_UPLOAD_MB * 1024 * 1024:
            raise ValidationError(
                _("Het bestand is groter dan %(mb)s MB. Verdeel het over meer bestanden.")
                % {"mb": MAX_UPLOAD_MB}
            )
        return upload


@login_required
def imports(request):
    ensure_can(request.user, "import_data")
    kinds = import_kinds_for(request.user)
    posted = request.method == "POST"
    form = UploadForm(
        request.POST if posted else None, request.FILES if posted else None, kinds=kinds
    )
    if posted and form.is_valid():
        upload = form.cleaned_data["file"]
        run = import_check(
            user=request.user,
            kind=form.cleaned_data["kind"],
            file_name=upload.name,
            content=upload.read(),
        )
        return redirect("backoffice:import", pk=run.pk)
    runs = import_runs_visible_to(request.user)[:RUNS_SHOWN]
    context = {"form": form, "runs": runs, "formats": _formats(kinds)}
    return render(
        request, "backoffice/import_list.html", context, status=400 if form.errors else 200
    )


def _formats(kinds) -> list[dict]:
    return [
        {"kind": kind, "label": label, "columns": FORMATS[kind].columns} for kind, label in kinds
    ]


@login_required
def import_detail(request, pk: int):
    run = get_import_run_for_user(request.user, pk)
    context = _run_context(request.user, run)
    if request.htmx:
        if not context["is_busy"]:  # finished meanwhile: show the result on the whole page
            response = HttpResponse(status=204)
            response["HX-Refresh"] = "true"
            return response
        return render(request, "backoffice/import_progress.html", context)
    return render(request, "backoffice/import_detail.html", context)


def _run_context(user, run: ImportRun) -> dict:
    busy = run.status in (ImportRun.Status.QUEUED, ImportRun.Status.RUNNING)
    summary = run.summary or {}
    problems = run.problems or []
    return {
        "run": run,
        "is_busy": busy,
        "is_done": run.status == ImportRun.Status.DONE,
        "is_failed": run.status == ImportRun.Status.FAILED,
        "is_refused": run.status == ImportRun.Status.REFUSED,
        "may_start": can(user, "start_import", run),
        "refusal": summary.get("refused", ""),
        "counts": {k: summary.get(k, 0) for k in ("create", "update", "skip")},
        "show_plan": not summary.get("refused") and run.status != ImportRun.Status.FAILED,
        "preview": [r | {"label": ACTIONS[r["action"]]} for r in summary.get("preview", [])],
        "more_rows": max(run.total_rows - len(summary.get("preview", [])), 0),
        "problems": [p for p in problems if p.get("row")][:SHOWN_PROBLEMS],
        "file_problems": [p for p in problems if not p.get("row")],
        "more_problems": max(len([p for p in problems if p.get("row")]) - SHOWN_PROBLEMS, 0),
        "percent": int(100 * run.done_rows / run.total_rows) if run.total_rows else 0,
    }


@login_required
@require_POST
def import_start_view(request, pk: int):
    run = get_import_run_for_user(request.user, pk)
    import_start(user=request.user, run=run)
    messages.success(request, _("Het inlezen is begonnen. Je kunt deze pagina gerust verversen."))
    return redirect("backoffice:import", pk=run.pk)


@login_required
def import_template(request):
    """An example file with the format's headers and two example rows (CSV with ; or .xlsx)."""
    ensure_can(request.user, "import_data")
    kind = request.GET.get("soort", "students")
    kinds = dict(import_kinds_for(request.user))
    if kind not in kinds:
        raise Http404
    as_excel = request.GET.get("bestand") == "xlsx"
    data = tablib.Dataset(headers=[c.header for c in FORMATS[kind].columns])
    for index in range(2):
        data.append([c.examples[index] for c in FORMATS[kind].columns])
    name = "voorbeeld-" + {"students": "leerlingen", "employers": "werkgevers"}.get(kind, "plekken")
    if as_excel:
        body = data.export("xlsx")
        content_type = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
        name += ".xlsx"
    else:  # a BOM and ; so Excel on a Dutch computer opens it in columns
        body = ("\ufeff" + data.export("csv", delimiter=";")).encode("utf-8")
        content_type, name = "text/csv; charset=utf-8", name + ".csv"
    response = HttpResponse(io.BytesIO(body).getvalue(), content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response
