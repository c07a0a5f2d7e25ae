"""Forms of the employer's pages: they check the shape of input; rules live in services."""

from django import forms
from django.utils.translation import gettext_lazy as _

from marketplace.forms import (
    DATE_ERRORS,
    NUMBER_ERRORS,
    BoundedIntegerField,
    BoundedModelChoiceField,
    BoundedModelMultipleChoiceField,
    DateInput,
    PlausibleDateField,
    is_pk,
)
from marketplace.models import Region, Role, User
from matching.models import Certificate, Competency, Place, Qualification, Sector, SupportKind

from .models import Opening, RecognitionRequest

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
    sector = BoundedModelChoiceField(
        label=_("Sector"),
        queryset=Sector.objects.order_by("name"),
        empty_label=_("Kies een sector"),
        error_messages=CHOOSE,
    )
    region = BoundedModelChoiceField(
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
    place = BoundedModelChoiceField(
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
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}, render_value=True),
        error_messages=REQUIRED,
    )

    def __init__(self, *args, **kwargs):
        from marketplace.services.security import password_hint  # the active validators

        super().__init__(*args, **kwargs)
        self.fields["password"].help_text = password_hint()


class LocationForm(forms.Form):
    name = forms.CharField(
        label=_("Naam van de vestiging"), max_length=200, error_messages=REQUIRED
    )
    address = forms.CharField(label=_("Adres"), max_length=200, required=False)
    place = BoundedModelChoiceField(
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
    sector = BoundedModelChoiceField(
        label=_("Sector"),
        queryset=Sector.objects.order_by("name"),
        empty_label=_("Kies een sector"),
        error_messages=CHOOSE,
    )
    location = BoundedModelChoiceField(
        label=_("Vestiging"),
        queryset=None,
        empty_label=_("Kies een vestiging"),
        error_messages=CHOOSE,
    )
    start_date = PlausibleDateField(
        label=_("Startdatum"), widget=DateInput(), error_messages=DATE_ERRORS
    )
    end_date = PlausibleDateField(
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
    accepted_qualifications = BoundedModelMultipleChoiceField(
        label=_("Welke opleidingen passen? (leeg = alle)"),
        queryset=Qualification.objects.order_by("name"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Vink er een of meer aan. Vink je niets aan, dan passen alle opleidingen."),
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
    required_competencies = BoundedModelMultipleChoiceField(
        label=_("Wat moet iemand kunnen?"),
        queryset=Competency.objects.all(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    nice_competencies = BoundedModelMultipleChoiceField(
        label=_("Wat is mooi meegenomen?"),
        queryset=Competency.objects.all(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    required_certificates = BoundedModelMultipleChoiceField(
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
    contact_person = BoundedModelChoiceField(
        label=_("Contactpersoon"),
        queryset=None,
        required=False,
        empty_label=None,
        help_text=_("Deze collega krijgt de berichten over deze plek, net als de beheerders."),
        error_messages=CHOOSE,
    )

    def __init__(self, *args, employer, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["location"].queryset = employer.locations.select_related("place").order_by(
            "name"
        )
        self.fields["location"].label_from_instance = lambda loc: f"{loc.name}, {loc.place.name}"
        self.fields["contact_person"].queryset = employer.members.filter(
            is_active=True, role=Role.WERKGEVER
        ).order_by("first_name", "last_name", "email")
        self.fields["contact_person"].label_from_instance = lambda u: u.get_full_name() or u.email

    def chosen(self, name: str) -> list:
        """The competencies picked in a picker field (from the input or the initial value)."""
        ids = [str(v) for v in (self[name].value() or []) if is_pk(v)]
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
    version = BoundedIntegerField(min_value=1, widget=forms.HiddenInput)
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


# --- colleagues ------------------------------------------------------------------------------

EMPLOYER_ROLES = (
    (User.EmployerRole.PRAKTIJKOPLEIDER, _("Praktijkopleider: beantwoordt kandidaten")),
    (User.EmployerRole.BEHEERDER, _("Beheerder: beheert plekken en collega’s")),
)


class ColleagueInviteForm(forms.Form):
    email = forms.EmailField(
        label=_("E-mailadres van je collega"),
        max_length=254,
        error_messages={
            **REQUIRED,
            "invalid": _("Vul een geldig e-mailadres in, zoals naam@bedrijf.nl."),
        },
        widget=forms.EmailInput(attrs={"autocomplete": "off"}),
    )
    employer_role = forms.ChoiceField(
        label=_("Rol"),
        choices=EMPLOYER_ROLES,
        initial=User.EmployerRole.PRAKTIJKOPLEIDER,
        widget=forms.RadioSelect,
        error_messages=CHOOSE,
    )


class ColleagueRoleForm(forms.Form):
    employer_role = forms.ChoiceField(label=_("Rol"), choices=EMPLOYER_ROLES, error_messages=CHOOSE)


class InviteAcceptForm(forms.Form):
    first_name = forms.CharField(label=_("Je voornaam"), max_length=80, error_messages=REQUIRED)
    last_name = forms.CharField(label=_("Je achternaam"), max_length=120, error_messages=REQUIRED)
    password = forms.CharField(
        label=_("Kies een wachtwoord"),
        strip=False,
        max_length=128,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}, render_value=True),
        error_messages=REQUIRED,
    )

    def __init__(self, *args, **kwargs):
        from marketplace.services.security import password_hint  # the active validators

        super().__init__(*args, **kwargs)
        self.fields["password"].help_text = password_hint()


# --- recognitions (erkenningen) --------------------------------------------------------------

# Above this many qualifications the picker gets a search box that narrows the list.
QUALIFICATIONS_SEARCH_FROM = 12


def qualification_label(q: Qualification) -> str:
    return _("%(name)s – niveau %(level)s (crebo %(crebo)s)") % {
        "name": q.display_name,
        "level": q.level,
        "crebo": q.crebo,
    }


def _grouped_by_sector(qualifications) -> list:
    """Select choices with an optgroup per sector, so a long list stays findable."""
    groups: dict[str, list] = {}
    for q in qualifications:
        groups.setdefault(q.sector.display_name, []).append((q.pk, qualification_label(q)))
    return [("", _("Kies een opleiding")), *groups.items()]


class RecognitionRequestForm(forms.Form):
    kind = forms.ChoiceField(
        label=_("Wat wil je aanvragen?"),
        choices=[
            (RecognitionRequest.Kind.NEW, _("Een nieuwe erkenning of een verlenging")),
            (RecognitionRequest.Kind.CORRECTION, _("Een erkenning klopt niet")),
        ],
        widget=forms.RadioSelect,
        error_messages=CHOOSE,
    )
    qualification = BoundedModelChoiceField(
        label=_("Voor welke opleiding (kwalificatie)?"),
        queryset=Qualification.objects.none(),
        required=False,
        error_messages=CHOOSE,
    )
    recognition = BoundedModelChoiceField(
        label=_("Welke erkenning klopt niet?"),
        queryset=None,
        required=False,
        empty_label=_("Alleen invullen als een erkenning niet klopt"),
        error_messages=CHOOSE,
    )
    message = forms.CharField(
        label=_("Toelichting"),
        required=False,
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 3, "cols": 30}),
        help_text=_(
            "Bijvoorbeeld: wat er niet klopt, of vanaf wanneer je de erkenning nodig hebt."
        ),
        error_messages={"max_length": _("Schrijf hoogstens 1000 tekens.")},
    )

    def __init__(self, *args, employer, **kwargs):
        super().__init__(*args, **kwargs)
        qualifications = list(
            Qualification.objects.select_related("sector").order_by("sector__name", "name", "level")
        )
        field = self.fields["qualification"]
        field.queryset = Qualification.objects.all()
        field.widget.choices = _grouped_by_sector(qualifications)
        self.searchable = len(qualifications) > QUALIFICATIONS_SEARCH_FROM
        own = employer.recognitions.select_related("qualification").order_by("qualification__name")
        self.fields["recognition"].queryset = own
        self.fields["recognition"].label_from_instance = lambda r: qualification_label(
            r.qualification
        )


RECOGNITION_YEARS_AHEAD = 15  # how far ahead a recognition's end date may lie


class RecognitionApproveForm(forms.Form):
    valid_from = PlausibleDateField(label=_("Geldig vanaf"), widget=DateInput())
    valid_to = PlausibleDateField(  # SBB recognises for longer than the usual five years
        label=_("Geldig tot (mag leeg blijven)"),
        required=False,
        widget=DateInput(),
        years_ahead=RECOGNITION_YEARS_AHEAD,
    )
    response = forms.CharField(
        label=_("Bericht aan de werkgever (mag leeg blijven)"),
        required=False,
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 2, "cols": 30}),
        error_messages={"max_length": _("Schrijf hoogstens 1000 tekens.")},
    )

    def clean(self):
        data = super().clean()
        start, end = data.get("valid_from"), data.get("valid_to")
        if start and end and end < start:
            self.add_error(
                "valid_to", _("De einddatum ligt voor de begindatum. Kies een latere einddatum.")
            )
        return data


class RecognitionRejectForm(forms.Form):
    response = forms.CharField(
        label=_("Waarom wijs je het verzoek af?"),
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 2, "cols": 30}),
        help_text=_("De werkgever leest dit. Zeg ook wat hij nu kan doen."),
        error_messages={**REQUIRED, "max_length": _("Schrijf hoogstens 1000 tekens.")},
    )
