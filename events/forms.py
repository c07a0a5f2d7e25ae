"""Forms of the organiser's pages: they check the shape of input; the rules live in services."""

import re

from django import forms
from django.utils.translation import gettext_lazy as _

from marketplace.forms import (
    NUMBER_ERRORS,
    BoundedIntegerField,
    BoundedModelChoiceField,
    BoundedModelMultipleChoiceField,
    PlausibleDateTimeField,
)
from marketplace.models import Region
from matching.models import Place, Sector

from .models import MatchingEvent

REQUIRED = {"required": _("Vul dit in.")}
CHOOSE = {"required": _("Maak een keuze."), "invalid_choice": _("Kies iets uit de lijst.")}
WHEN_ERRORS = {
    "required": _("Vul een datum en een tijd in."),
    "invalid": _("Vul een datum en een tijd in, zoals 12-3-2027 14:00."),
}
AUDIENCE_CHOICES = (("pro", "PrO"), ("vso", "VSO"), ("mbo", "MBO"))
NUMBER_MAX = 10_000  # capacities, rounds, tables and minutes of one event


class DateTimeInput(forms.DateTimeInput):
    """The phone's own date-and-time picker."""

    input_type = "datetime-local"

    def __init__(self, attrs=None):
        super().__init__(attrs, format="%Y-%m-%dT%H:%M")


def _when(label, *, required=True, help_text=""):
    return PlausibleDateTimeField(
        label=label,
        required=required,
        widget=DateTimeInput(),
        error_messages=WHEN_ERRORS,
        help_text=help_text,
    )


def _number(label, *, required=True, help_text=""):
    return BoundedIntegerField(
        label=label,
        required=required,
        max_value=NUMBER_MAX,
        error_messages=NUMBER_ERRORS,
        help_text=help_text,
        widget=forms.NumberInput(attrs={"inputmode": "numeric"}),
    )


def place_labels(places) -> dict[str, Place]:
    """Label → place; a name that two places share gets its province."""
    places = list(places)
    names = [p.name for p in places]
    return {(f"{p.name} ({p.province})" if names.count(p.name) > 1 else p.name): p for p in places}


class EventForm(forms.Form):
    title = forms.CharField(label=_("Titel"), max_length=200, error_messages=REQUIRED)
    kind = forms.ChoiceField(
        label=_("Soort evenement"),
        choices=MatchingEvent.Kind.choices,
        widget=forms.RadioSelect,
        error_messages=CHOOSE,
    )
    description = forms.CharField(
        label=_("Omschrijving (mag leeg blijven)"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Wat gaan de jongeren doen? Schrijf in korte zinnen."),
    )
    region = BoundedModelChoiceField(
        label=_("Arbeidsmarktregio"),
        queryset=Region.objects.none(),
        empty_label=_("Kies een regio"),
        error_messages=CHOOSE,
    )
    place = forms.CharField(
        label=_("Plaats"),
        max_length=200,
        help_text=_("Typ de eerste letters en kies de plaats uit de lijst."),
        error_messages={"required": _("Kies een plaats uit de lijst.")},
        widget=forms.TextInput(attrs={"list": "event-places", "autocomplete": "off"}),
    )
    address = forms.CharField(label=_("Adres (mag leeg blijven)"), max_length=200, required=False)
    starts_at = _when(_("Begint op"))
    ends_at = _when(_("Eindigt op"))
    registration_deadline = _when(
        _("Aanmelden kan tot (mag leeg blijven)"),
        required=False,
        help_text=_("Leeg: aanmelden kan tot het begin."),
    )
    capacity = _number(_("Plekken voor jongeren"))
    capacity_employers = _number(_("Plekken voor werkgevers"))
    audience = forms.MultipleChoiceField(
        label=_("Voor wie? (niets aangevinkt: voor iedereen)"),
        choices=AUDIENCE_CHOICES,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        error_messages=CHOOSE,
    )
    sectors = BoundedModelMultipleChoiceField(
        label=_("Sectoren (mag leeg blijven)"),
        queryset=Sector.objects.order_by("name"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    rounds = _number(_("Aantal rondes"), required=False)
    tables = _number(_("Aantal tafels"), required=False)
    round_minutes = _number(_("Minuten per ronde"), required=False)
    break_rounds = forms.CharField(
        label=_("Pauzerondes (mag leeg blijven)"),
        required=False,
        max_length=200,
        help_text=_("De nummers van de rondes zonder gesprekken, zoals 4 of 3, 6."),
    )

    def __init__(self, *args, regions, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["region"].queryset = regions
        only = list(regions[:2])
        if len(only) == 1:
            # One region to organise in: nothing to choose.
            self.fields["region"].initial = only[0].pk
            self.fields["region"].widget = forms.HiddenInput()
        self.places = place_labels(Place.objects.order_by("name", "province"))

    def clean_place(self) -> Place:
        text = self.cleaned_data["place"].strip()
        found = self.places.get(text) or next(
            (p for label, p in self.places.items() if p.name.lower() == text.lower()), None
        )
        if found is None:
            raise forms.ValidationError(
                _("We kennen de plaats ‘%(text)s’ niet. Kies een plaats uit de lijst."),
                params={"text": text},
            )
        return found

    def clean_break_rounds(self) -> list[int]:
        text = self.cleaned_data["break_rounds"].replace(";", ",").replace(" ", ",")
        parts = [p for p in text.split(",") if p]
        # Only ASCII digits: str.isdigit() also takes '²' (int() fails) and '١' (read as 1).
        if not all(re.fullmatch(r"[0-9]{1,4}", p) for p in parts):
            raise forms.ValidationError(
                _("Schrijf alleen rondenummers met komma’s ertussen, zoals 3, 6.")
            )
        return [int(p) for p in parts]


class EventEditForm(EventForm):
    version = BoundedIntegerField(min_value=1, widget=forms.HiddenInput)


class CancelForm(forms.Form):
    reason = forms.CharField(
        label=_("Waarom gaat het niet door?"),
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=1000,
        help_text=_("Iedereen die is aangemeld of op de wachtlijst staat, krijgt dit bericht."),
        error_messages={
            "required": _("Schrijf kort waarom het niet doorgaat. De aangemelde mensen lezen dit.")
        },
    )


def event_initial(event: MatchingEvent) -> dict:
    """The form's values for an existing event."""
    return {
        "title": event.title,
        "kind": event.kind,
        "description": event.description,
        "region": event.region_id,
        "place": next(
            (
                label
                for label, place in place_labels(
                    Place.objects.filter(name=event.place.name)
                ).items()
                if place.pk == event.place_id
            ),
            event.place.name,
        ),
        "address": event.address,
        "starts_at": event.starts_at,
        "ends_at": event.ends_at,
        "registration_deadline": event.registration_deadline,
        "capacity": event.capacity,
        "capacity_employers": event.capacity_employers,
        "audience": event.audience,
        "sectors": list(event.sectors.values_list("pk", flat=True)),
        "rounds": event.rounds or None,
        "tables": event.tables or None,
        "round_minutes": event.round_minutes,
        "break_rounds": ", ".join(str(n) for n in event.break_rounds),
        "version": event.version,
    }
