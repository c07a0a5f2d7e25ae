"""The dashboard's filters: a period and the groups to look at (only the user's own scope)."""

from django import forms
from django.utils.translation import gettext_lazy as _

from marketplace.forms import DATE_ERRORS, DateInput
from marketplace.models import Region, School, StudentProfile
from marketplace.permissions import MonitoringScope
from matching.models import Sector

from .monitoring import BREAKDOWNS, Filters, school_year
from .monitoring_tables import BREAKDOWN_LABELS

FIRST_YEAR, LAST_YEAR = 2000, 2100  # a period the figures can cover
NO_LEERWEG = "geen"  # the form's word for "no leerweg" (stored as ""), since "" means "all"
EDUCATION = [
    ("pro", "PrO"),
    ("vso", "VSO"),
    ("mbo1", "MBO 1"),
    ("mbo2", "MBO 2"),
    ("mbo3", "MBO 3"),
    ("mbo4", "MBO 4"),
]


def _all(label) -> list:
    return [("", label)]


class MonitoringForm(forms.Form):
    van = forms.DateField(label=_("Van"), widget=DateInput(), error_messages=DATE_ERRORS)
    tot = forms.DateField(label=_("Tot en met"), widget=DateInput(), error_messages=DATE_ERRORS)
    onderwijs = forms.ChoiceField(label=_("Soort onderwijs"), required=False)
    niveau = forms.ChoiceField(label=_("Niveau"), required=False)
    leerweg = forms.ChoiceField(label=_("Leerweg"), required=False)
    sector = forms.ChoiceField(label=_("Sector van de plek"), required=False)
    school = forms.ChoiceField(label=_("School"), required=False)
    regio = forms.ChoiceField(label=_("Regio"), required=False)
    per = forms.ChoiceField(label=_("Uitsplitsen naar"), required=False)

    def __init__(self, data=None, *, scope: MonitoringScope):
        start, end = school_year()
        data = data.copy() if data is not None else {}
        data.setdefault("van", start.isoformat())
        data.setdefault("tot", end.isoformat())
        super().__init__(data)
        schools = School.objects.order_by("name")
        regions = Region.objects.order_by("name")
        if scope.region_ids is not None:
            schools = schools.filter(region_id__in=scope.region_ids)
            regions = regions.filter(pk__in=scope.region_ids)
        if scope.school_ids is not None:
            schools = schools.filter(pk__in=scope.school_ids)
            regions = regions.filter(schools__in=scope.school_ids)
        f = self.fields
        f["onderwijs"].choices = _all(_("Alle soorten")) + EDUCATION
        f["niveau"].choices = (
            _all(_("Alle niveaus"))
            + [("0", _("Geen (PrO/VSO)"))]
            + [(str(n), _("Niveau %(n)s") % {"n": n}) for n in (1, 2, 3, 4)]
        )
        f["leerweg"].choices = _all(_("Alle leerwegen")) + [
            (value or NO_LEERWEG, label) for value, label in StudentProfile.Leerweg.choices
        ]
        f["sector"].choices = _all(_("Alle sectoren")) + [
            (str(pk), name)
            for pk, name in Sector.objects.order_by("name").values_list("pk", "name")
        ]
        f["school"].choices = _all(_("Alle scholen")) + [
            (str(pk), name) for pk, name in schools.values_list("pk", "name")
        ]
        f["regio"].choices = _all(_("Alle regio's")) + [
            (str(pk), name) for pk, name in regions.distinct().values_list("pk", "name")
        ]
        f["per"].choices = [(key, _(BREAKDOWN_LABELS[key])) for key in BREAKDOWNS]

    def clean(self):
        data = super().clean()
        for name in ("van", "tot"):
            value = data.get(name)
            if value and not FIRST_YEAR <= value.year <= LAST_YEAR:
                message = _("Kies een datum tussen %(first)s en %(last)s.")
                self.add_error(name, message % {"first": FIRST_YEAR, "last": LAST_YEAR})
        if data.get("van") and data.get("tot") and data["van"] > data["tot"]:
            self.add_error("tot", _("Deze datum ligt voor de begindatum. Kies een latere datum."))
        return data

    def filters(self) -> Filters:
        data = self.cleaned_data
        leerweg = data["leerweg"]
        return Filters(
            date_from=data["van"],
            date_to=data["tot"],
            sector_id=int(data["sector"]) if data["sector"] else None,
            level=int(data["niveau"]) if data["niveau"] else None,
            leerweg="" if leerweg == NO_LEERWEG else (leerweg or None),
            education=data["onderwijs"] or None,
        )

    def breakdown(self) -> str:
        return self.cleaned_data["per"] or BREAKDOWNS[0]
