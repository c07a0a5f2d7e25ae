"""Forms of the employer's pages: they check the shape of input; rules live in services."""

from django import forms
from django.utils.translation import gettext_lazy as _

from marketplace.forms import DATE_ERRORS, NUMBER_ERRORS, DateInput
from marketplace.models import Region
from matching.models import Certificate, Competency, Place, Qualification, Sector, SupportKind

from .models import Opening

REQUIRED = {"required": _("Vul dit in.")}
CHOOSE = {"required": _("Maak een keuze."), "invalid_choice": _("Kies iets uit de lijst.")}


class RegisterForm(forms.Form):
    name = forms.CharField(label=_("Naam van het bedrijf"), max_length=200, error_messages=REQUIRED)
    kvk_number = forms.CharField(
        label=_("KvK-nummer"),
        max_length=8,
        help_text=_("8 cijfers. Je vindt het op je uittreksel van de Kamer van Koophandel."),
        error_messages={**REQUIRED, "max_length": _("Een KvK-nummer heeft 8 cijfers.")},
        widget=forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "off"}),
    )
    sector = forms.ModelChoiceField(
        label=_("Sector"),
        queryset=Sector.objects.order_by("name"),
        empty_label=_("Kies een sector"),
        error_messages=CHOOSE,
    )
    region = forms.ModelChoiceField(
        empty_label=_("Kies een regio"),
        label=_("Arbeidsmarktregio"),
        queryset=Region.objects.order_by("name"),
        error_messages=CHOOSE,
    )
    location_name = forms.CharField(
        label=_("Naam van de vestiging"),
        max_length=200,
        help_text=_("Bijvoorbeeld ‘Hoofdkantoor’ of de naam van de winkel."),
        error_messages=REQUIRED,
    )
    address = forms.CharField(label=_("Adres van de vestiging"), max_length=200, required=False)
    place = forms.ModelChoiceField(
        label=_("Plaats"),
        queryset=Place.objects.order_by("name"),
        empty_label=_("Kies een plaats"),
        error_messages=CHOOSE,
    )
    first_name = forms.CharField(label=_("Je voornaam"), max_length=80, error_messages=REQUIRED)
    last_name = forms.CharField(label=_("Je achternaam"), max_length=120, error_messages=REQUIRED)
    email = forms.EmailField(
        label=_("Je e-mailadres"),
        error_messages={
            **REQUIRED,
            "invalid": _("Vul een geldig e-mailadres in, zoals naam@bedrijf.nl."),
        },
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
    )
    password = forms.CharField(
        label=_("Kies een wachtwoord"),
        strip=False,
        help_text=_("Minstens 10 tekens. Niet alleen cijfers."),
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}, render_value=True),
        error_messages=REQUIRED,
    )


class LocationForm(forms.Form):
    name = forms.CharField(
        label=_("Naam van de vestiging"), max_length=200, error_messages=REQUIRED
    )
    address = forms.CharField(label=_("Adres"), max_length=200, required=False)
    place = forms.ModelChoiceField(
        label=_("Plaats"),
        queryset=Place.objects.order_by("name"),
        empty_label=_("Kies een plaats"),
        error_messages=CHOOSE,
    )


class OpeningForm(forms.Form):
    kind = forms.ChoiceField(
        label=_("Wat voor plek is het?"),
        choices=Opening.Kind.choices,
        widget=forms.RadioSelect,
        error_messages=CHOOSE,
    )
    title = forms.CharField(
        label=_("Titel"),
        max_length=200,
        help_text=_("Kort en duidelijk, bijvoorbeeld ‘Hulp in de keuken’."),
        error_messages=REQUIRED,
    )
    description = forms.CharField(
        label=_("Wat ga je doen?"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Schrijf in korte zinnen. Vertel wat een dag eruitziet."),
    )
    sector = forms.ModelChoiceField(
        label=_("Sector"),
        queryset=Sector.objects.order_by("name"),
        empty_label=_("Kies een sector"),
        error_messages=CHOOSE,
    )
    location = forms.ModelChoiceField(
        label=_("Vestiging"),
        queryset=None,
        empty_label=_("Kies een vestiging"),
        error_messages=CHOOSE,
    )
    start_date = forms.DateField(
        label=_("Startdatum"), widget=DateInput(), error_messages=DATE_ERRORS
    )
    end_date = forms.DateField(
        label=_("Einddatum (mag leeg blijven)"),
        required=False,
        widget=DateInput(),
        error_messages=DATE_ERRORS,
    )
    hours_per_week = forms.IntegerField(
        label=_("Uren per week"),
        min_value=1,
        max_value=60,
        initial=24,
        error_messages=NUMBER_ERRORS,
    )
    evening_work = forms.BooleanField(label=_("Ook ’s avonds werken"), required=False)
    weekend_work = forms.BooleanField(label=_("Ook in het weekend werken"), required=False)
    night_work = forms.BooleanField(label=_("Ook ’s nachts werken"), required=False)
    places = forms.IntegerField(
        label=_("Hoeveel plekken?"),
        min_value=1,
        max_value=50,
        initial=1,
        error_messages=NUMBER_ERRORS,
    )
    accepted_qualifications = forms.ModelMultipleChoiceField(
        label=_("Welke opleidingen passen? (leeg = alle)"),
        queryset=Qualification.objects.order_by("name"),
        required=False,
        widget=forms.SelectMultiple(attrs={"size": 6}),
        help_text=_("Houd Ctrl (of Cmd) ingedrukt om er meer te kiezen."),
    )
    min_level = forms.TypedChoiceField(
        label=_("Minimaal niveau"),
        coerce=int,
        choices=[
            (0, _("Geen eis (ook PrO en VSO)")),
            (1, "MBO 1"),
            (2, "MBO 2"),
            (3, "MBO 3"),
            (4, "MBO 4"),
        ],
        initial=0,
        error_messages=CHOOSE,
    )
    leerweg = forms.ChoiceField(label=_("Leerweg"), choices=Opening.Leerweg.choices, required=False)
    required_competencies = forms.ModelMultipleChoiceField(
        label=_("Wat moet iemand kunnen?"),
        queryset=Competency.objects.all(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    nice_competencies = forms.ModelMultipleChoiceField(
        label=_("Wat is mooi meegenomen?"),
        queryset=Competency.objects.all(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    required_certificates = forms.ModelMultipleChoiceField(
        label=_("Welke certificaten zijn nodig?"),
        queryset=Certificate.objects.order_by("name"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    support_offered = forms.MultipleChoiceField(
        label=_("Welke hulp kun je bieden?"),
        choices=SupportKind.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    min_age = forms.IntegerField(
        label=_("Minimumleeftijd (wettelijk)"),
        min_value=0,
        max_value=27,
        initial=0,
        help_text=_("Alleen als de wet het eist, bijvoorbeeld 18 jaar voor alcohol schenken."),
        error_messages=NUMBER_ERRORS,
    )
    compensation = forms.CharField(label=_("Vergoeding of loon"), max_length=200, required=False)

    def __init__(self, *args, employer, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["location"].queryset = employer.locations.select_related("place").order_by(
            "name"
        )
        self.fields["location"].label_from_instance = lambda loc: f"{loc.name}, {loc.place.name}"

    def chosen(self, name: str) -> list:
        """The competencies picked in a picker field (from the input or the initial value)."""
        ids = [str(v) for v in (self[name].value() or []) if str(v).isdigit()]
        return list(Competency.objects.filter(pk__in=ids).order_by("name")) if ids else []

    def clean(self):
        data = super().clean()
        start, end = data.get("start_date"), data.get("end_date")
        if start and end and end < start:
            self.add_error(
                "end_date", _("De einddatum ligt voor de startdatum. Kies een latere datum.")
            )
        return data


class RespondForm(forms.Form):
    REASONS = (
        ("", _("Kies een reden")),
        ("vol", _("De plek is al vergeven")),
        ("past_niet", _("Het profiel past niet bij het werk")),
        ("tijden", _("De beschikbaarheid past niet")),
        ("anders", _("Iets anders")),
    )
    answer = forms.ChoiceField(
        choices=(("ja", _("Interesse")), ("nee", _("Geen interesse"))), widget=forms.HiddenInput
    )
    version = forms.IntegerField(widget=forms.HiddenInput)
    reason = forms.ChoiceField(label=_("Waarom niet?"), choices=REASONS, required=False)
    note = forms.CharField(
        label=_("Toelichting (mag leeg blijven)"), max_length=500, required=False
    )

    def clean(self):
        data = super().clean()
        if data.get("answer") == "nee" and not data.get("reason"):
            self.add_error("reason", _("Kies een reden. Zo weet de jongere waar het aan lag."))
        return data

    def reason_text(self) -> str:
        label = dict(self.REASONS).get(self.cleaned_data.get("reason"), "")
        note = (self.cleaned_data.get("note") or "").strip()
        return f"{label}: {note}" if note else str(label)
