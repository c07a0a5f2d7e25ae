"""Forms to edit toolkit texts and regulations; the services decide and keep the versions."""

from django import forms
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from employers.models import Opening
from marketplace.forms import (
    BoundedIntegerField,
    BoundedModelChoiceField,
    DateInput,
    PlausibleDateField,
)
from marketplace.models import EducationType

from .hire_check import HireFacts, add_years
from .models import Regulation, ToolkitItem
from .services import ITEM_FIELDS, REGULATION_FIELDS


class _Versioned(forms.ModelForm):
    """The revision this edit started from (a newer one means someone else saved meanwhile),
    and a note on what changed."""

    based_on = BoundedIntegerField(widget=forms.HiddenInput, min_value=0)
    note = forms.CharField(
        label=_("Wat heb je veranderd? (mag leeg blijven)"), max_length=300, required=False
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["slug"].required = False
        self.fields["slug"].label = _("Webadres (mag leeg blijven: dan maken we het van de titel)")

    def validate_unique(self):
        """The service checks the web address, with its own message."""

    def _post_clean(self):
        """Keep the instance untouched: the service applies the values inside its lock."""


class ItemForm(_Versioned):
    class Meta:
        model = ToolkitItem
        fields = ITEM_FIELDS
        field_classes = {"sector": BoundedModelChoiceField}
        widgets = {
            "body": forms.Textarea(attrs={"rows": 12}),
            "summary": forms.Textarea(attrs={"rows": 3}),
            "body_en": forms.Textarea(attrs={"rows": 12}),
            "summary_en": forms.Textarea(attrs={"rows": 3}),
        }


class RegulationForm(_Versioned):
    class Meta:
        model = Regulation
        fields = REGULATION_FIELDS
        field_classes = {
            "valid_from": PlausibleDateField,
            "valid_to": PlausibleDateField,
            "checked_on": PlausibleDateField,
        }
        labels = {"valid_from": _("Geldig vanaf"), "valid_to": _("Geldig tot")}
        widgets = {
            "valid_from": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "valid_to": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "checked_on": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "summary": forms.Textarea(attrs={"rows": 3}),
            "summary_en": forms.Textarea(attrs={"rows": 3}),
        }

    def clean(self):
        data = super().clean()
        start, end = data.get("valid_from"), data.get("valid_to")
        if start and end and end < start:
            self.add_error("valid_to", _("De einddatum ligt voor de begindatum."))
        return data


# --- the hire checker ---------------------------------------------------------------------------

YES_NO_UNKNOWN = [("", _("Weet ik niet")), ("ja", _("Ja")), ("nee", _("Nee"))]
TRI = {"": None, "ja": True, "nee": False}
MAX_YEARS = 10  # a longer hire is a typing error, not a plan


class NumberField(forms.DecimalField):
    """A number as people type it: a decimal comma (Dutch) or a point, in a text box (a number
    box empties what it cannot read), with messages that name the field."""

    def __init__(self, *, label, min_value, max_value, decimal_places, **kwargs):
        names = {"field": label, "min": min_value, "max": max_value}
        example = "14,50" if decimal_places else "16"
        messages = {
            "invalid": format_lazy(
                _("Vul bij ‘{field}’ een getal in, bijvoorbeeld {example}."),
                field=label,
                example=example,
            ),
            "min_value": format_lazy(
                _("Vul bij ‘{field}’ een getal in van {min} tot en met {max}."), **names
            ),
            "max_value": format_lazy(
                _("Vul bij ‘{field}’ een getal in van {min} tot en met {max}."), **names
            ),
            "max_decimal_places": format_lazy(
                _("Vul bij ‘{field}’ hoogstens {n} cijfers na de komma in."),
                field=label,
                n=decimal_places,
            )
            if decimal_places
            else format_lazy(_("Vul bij ‘{field}’ een heel getal in."), field=label),
            "max_digits": format_lazy(
                _("Vul bij ‘{field}’ een getal in van {min} tot en met {max}."), **names
            ),
            "max_whole_digits": format_lazy(
                _("Vul bij ‘{field}’ een getal in van {min} tot en met {max}."), **names
            ),
        }
        super().__init__(
            label=label,
            min_value=min_value,
            max_value=max_value,
            decimal_places=decimal_places,
            error_messages=messages,
            widget=forms.TextInput(attrs={"inputmode": "decimal" if decimal_places else "numeric"}),
            **kwargs,
        )

    def to_python(self, value):
        if isinstance(value, str):
            value = value.strip().replace(" ", "")
            if value.count(",") == 1 and "." not in value:
                value = value.replace(",", ".")
        return super().to_python(value)

    def widget_attrs(self, widget):
        return {}  # no min/max/step: those belong to a number box


def _tri(value: bool | None) -> str:
    return {None: "", True: "ja", False: "nee"}[value]


class HireCheckForm(forms.Form):
    """The facts of one hire; only the kind and the start date are needed, the rest sharpens
    the answer. The rules themselves live in toolkit/hire_check.py."""

    kind = forms.ChoiceField(label=_("Soort plek"), choices=Opening.Kind.choices)
    start = PlausibleDateField(label=_("Startdatum"), widget=DateInput)
    end = PlausibleDateField(
        label=_("Einddatum (mag leeg blijven)"), required=False, widget=DateInput
    )
    hours_per_week = NumberField(
        label=_("Uren per week"), required=False, min_value=1, max_value=60, decimal_places=1
    )
    education = forms.ChoiceField(
        label=_("Onderwijs van de jongere"),
        required=False,
        choices=[("", _("Weet ik niet"))] + list(EducationType.choices),
    )
    leerweg = forms.ChoiceField(
        label=_("Leerweg (mbo)"),
        required=False,
        choices=[("", _("Geen of weet ik niet")), ("bol", "BOL"), ("bbl", "BBL")],
    )
    level = NumberField(
        label=_("Niveau"), required=False, min_value=1, max_value=4, decimal_places=0
    )
    age = NumberField(
        label=_("Leeftijd op de startdatum"),
        required=False,
        min_value=12,
        max_value=67,
        decimal_places=0,
    )
    recognised = forms.ChoiceField(
        label=_("Is je bedrijf erkend leerbedrijf voor deze opleiding?"),
        required=False,
        choices=YES_NO_UNKNOWN,
    )
    recognised_until = PlausibleDateField(
        label=_("Erkenning geldig tot (mag leeg blijven)"), required=False, widget=DateInput
    )
    doelgroepregister = forms.ChoiceField(
        label=_("Staat de jongere in het doelgroepregister banenafspraak?"),
        required=False,
        choices=YES_NO_UNKNOWN,
    )
    participatiewet = forms.ChoiceField(
        label=_("Begeleidt de gemeente de jongere (Participatiewet, bijvoorbeeld bijstand)?"),
        required=False,
        choices=YES_NO_UNKNOWN,
    )
    loonwaarde = NumberField(
        label=_("Loonwaarde in procenten (als die gemeten is)"),
        required=False,
        min_value=0,
        max_value=100,
        decimal_places=0,
    )
    hourly_wage = NumberField(
        label=_("Bruto uurloon in euro"),
        required=False,
        min_value=0,
        max_value=100,
        decimal_places=2,
    )

    def clean(self):
        data = super().clean()
        start, end = data.get("start"), data.get("end")
        if start and end and end < start:
            self.add_error("end", _("De einddatum ligt voor de startdatum."))
        elif start and end and end > add_years(start, MAX_YEARS):
            self.add_error("end", _("Kies een einddatum binnen 10 jaar na de start."))
        return data

    def facts(self) -> HireFacts:
        d = self.cleaned_data
        return HireFacts(
            kind=d["kind"],
            start=d["start"],
            end=d.get("end"),
            leerweg=d.get("leerweg") or "",
            education=d.get("education") or "",
            level=None if d.get("level") is None else int(d["level"]),
            age_on_start=None if d.get("age") is None else int(d["age"]),
            recognised=TRI[d.get("recognised") or ""],
            recognised_until=d.get("recognised_until"),
            doelgroepregister=TRI[d.get("doelgroepregister") or ""],
            participatiewet=TRI[d.get("participatiewet") or ""],
            loonwaarde=d.get("loonwaarde"),
            hourly_wage=d.get("hourly_wage"),
            hours_per_week=d.get("hours_per_week"),
        )

    @staticmethod
    def initial_from(facts: HireFacts) -> dict:
        return {
            "kind": facts.kind,
            "start": facts.start,
            "end": facts.end,
            "hours_per_week": facts.hours_per_week,
            "education": facts.education,
            "leerweg": facts.leerweg,
            "level": facts.level,
            "age": facts.age_on_start,
            "recognised": _tri(facts.recognised),
            "recognised_until": facts.recognised_until,
            "doelgroepregister": _tri(facts.doelgroepregister),
            "participatiewet": _tri(facts.participatiewet),
        }
