"""The fairness report's pages: the report for a period, and the same numbers as CSV and Excel."""

from decimal import Decimal

import tablib
from django import forms
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from marketplace.forms import DATE_ERRORS, DateInput, PlausibleDateField
from marketplace.permissions import ensure_can

from . import fairness

CONTENT_TYPES = {
    "csv": "text/csv; charset=utf-8",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}


class PeriodForm(forms.Form):
    van = PlausibleDateField(
        label=gettext_lazy("Van"), widget=DateInput(), error_messages=DATE_ERRORS
    )
    tot = PlausibleDateField(
        label=gettext_lazy("Tot en met"), widget=DateInput(), error_messages=DATE_ERRORS
    )

    def clean(self):
        data = super().clean()
        for problem in fairness.period_problems(data.get("van"), data.get("tot")):
            self.add_error(None, problem)
        return data


def _period_form(request) -> PeriodForm:
    if "van" in request.GET or "tot" in request.GET:
        return PeriodForm(request.GET)
    start, end = fairness.default_period()
    return PeriodForm({"van": start.isoformat(), "tot": end.isoformat()})


def _report(request) -> tuple[PeriodForm, fairness.FairnessReport | None]:
    ensure_can(request.user, "view_fairness_report")
    form = _period_form(request)
    if not form.is_valid():
        return form, None
    data = form.cleaned_data
    region = request.user.region
    return form, fairness.fairness_report(region=region, start=data["van"], end=data["tot"])


@login_required
def fairness_page(request):
    form, report = _report(request)
    query = request.GET.urlencode() if report and request.GET else ""
    return render(
        request,
        "backoffice/fairness.html",
        {"form": form, "report": report, "query": query, "min_group": fairness.MIN_GROUP},
    )


@login_required
def fairness_export(request, fmt: str):
    form, report = _report(request)
    if report is None:
        # The page shows what is wrong with the period, with the dates as they were typed.
        return redirect(f"{reverse('backoffice:fairness')}?{request.GET.urlencode()}")
    dataset = report_dataset(report)
    if fmt == "csv":
        body = _dutch_decimals(dataset).export("csv", delimiter=";")
    else:
        body = dataset.export("xlsx")
    name = f"eerlijkheid-{report.region.code}-{report.start:%Y%m%d}-{report.end:%Y%m%d}.{fmt}"
    response = HttpResponse(body, content_type=CONTENT_TYPES[fmt])
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


def _metric_cells(metric: fairness.Metric | None, hidden: str) -> list:
    if metric is None:
        return [hidden, "", "", ""]
    warning = _("ja") if metric.warning else _("nee") if metric.impact is not None else ""
    return [metric.count, _blank(metric.percent), _blank(metric.impact_shown), warning]


def _blank(value):
    return "" if value is None else value


def report_dataset(report: fairness.FairnessReport) -> tablib.Dataset:
    """One row per group, the same rounded numbers as the page; no student is named."""
    headers = [_("Kenmerk"), _("Groep"), _("Zoekend")]
    for name in (_("Voorgesteld"), _("Geplaatst"), _("Keer in top 10")):
        headers += [name, f"{name} %", f"{name}: {_('verhouding')}", f"{name}: {_('onder 0,8')}"]
    headers += [_("Aandeel in top 10 %"), _("Aandeel van de zoekenden %")]
    headers += [_("Periode van"), _("Periode tot en met"), _("Engine"), _("Gewichten")]
    meta = [
        report.start.isoformat(),
        report.end.isoformat(),
        ", ".join(report.engine_versions),
        ", ".join(report.weights_versions),
    ]
    data = tablib.Dataset(headers=headers, title=_("Eerlijkheid"))
    for dimension in report.dimensions:
        for group in dimension.groups:
            data.append(_row(dimension, group) + meta)
    return data


def _row(dimension: fairness.Dimension, group: fairness.Group) -> list:
    if group.hidden:
        hidden = _("te klein, niet getoond")
        return [dimension.title, group.label, hidden] + [""] * 12 + ["", ""]
    cells = [dimension.title, group.label, group.searching]
    for metric in (group.proposed, group.placed, group.exposure):
        cells += _metric_cells(metric, "")
    return cells + [_blank(group.exposure_percent), _blank(group.searching_percent)]


def _dutch_decimals(data: tablib.Dataset) -> tablib.Dataset:
    """A comma as decimal sign, as Dutch spreadsheets expect next to the `;` separator."""
    out = tablib.Dataset(headers=data.headers, title=data.title)
    for row in data:
        out.append([str(v).replace(".", ",") if isinstance(v, Decimal) else v for v in row])
    return out
