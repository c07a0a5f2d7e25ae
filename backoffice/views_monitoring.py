"""The monitoring dashboard (/beheer/monitoring/) and its CSV and Excel exports: figures of the
user's region or school, never names."""

from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.formats import date_format

from marketplace.permissions import get_monitoring_scope_for_user, monitoring_scope_for

from .monitoring import RESPONSE_TIME, RETENTION_DAYS, Dashboard, dashboard
from .monitoring_forms import MonitoringForm
from .monitoring_tables import MIN_GROUP, export_csv, export_xlsx, tables

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _dashboard_for(request) -> tuple[MonitoringForm, Dashboard | None]:
    """The filters as typed and, when they are valid, the figures (404 for a foreign region or
    school, 403 for whoever may not see the dashboard)."""
    scope = get_monitoring_scope_for_user(
        request.user, region=request.GET.get("regio"), school=request.GET.get("school")
    )
    form = MonitoringForm(request.GET, scope=monitoring_scope_for(request.user))
    if not form.is_valid():
        return form, None
    return form, dashboard(scope, form.filters(), form.breakdown())


def _period(d: Dashboard) -> str:
    return f"{date_format(d.filters.date_from)} - {date_format(d.filters.date_to)}"


@login_required
def monitoring(request):
    form, figures = _dashboard_for(request)
    context = {
        "form": form,
        "dashboard": figures,
        "tables": tables(figures) if figures else [],
        "period": _period(figures) if figures else "",
        "query": request.GET.urlencode(),
        "min_group": MIN_GROUP,
        "retention_days": RETENTION_DAYS,
        "response_days": RESPONSE_TIME.days,
    }
    return render(request, "backoffice/monitoring.html", context)


def _export(request, kind: str) -> HttpResponse:
    form, figures = _dashboard_for(request)
    if figures is None:  # the page shows what is wrong with the filters
        return redirect(f"{reverse('backoffice:monitoring')}?{request.GET.urlencode()}")
    name = f"monitoring-{figures.filters.date_from}-{figures.filters.date_to}"
    if kind == "csv":
        body = "\ufeff" + export_csv(figures, _period(figures))  # the BOM: Excel reads UTF-8
        response = HttpResponse(body, content_type="text/csv; charset=utf-8")
    else:
        response = HttpResponse(export_xlsx(figures), content_type=XLSX)
    response["Content-Disposition"] = f'attachment; filename="{name}.{kind}"'
    return response


@login_required
def monitoring_csv(request):
    return _export(request, "csv")


@login_required
def monitoring_xlsx(request):
    return _export(request, "xlsx")
