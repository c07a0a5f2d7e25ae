"""Forms of the mediation workspace (/werk/): they check the shape of input; rules live in
services."""

from django import forms
from django.utils.translation import gettext_lazy as _

from marketplace.forms import (
    DATE_ERRORS,
    BoundedIntegerField,
    BoundedModelChoiceField,
    DateInput,
    PlausibleDateField,
    PlausibleDateTimeField,
)
from marketplace.models import (
    AftercareContact,
    CheckIn,
    MatchStatus,
    Overgangsdokument,
    Placement,
    StudentProfile,
    TimelineEntry,
)

from .services.transition import OVERGANGSDOKUMENT_FIELDS

DATETIME_ERRORS = {
    "required": _("Vul een datum en tijd in."),
    "invalid": _("Vul een datum en tijd in zoals 3-2-2027 10:00."),
}


class DateTimeInput(forms.DateTimeInput):
    input_type = "datetime-local"

    def __init__(self, attrs=None):
        super().__init__(attrs, format="%Y-%m-%dT%H:%M")


class CaseloadFilterForm(forms.Form):
    q = forms.CharField(label=_("Zoek op naam"), required=False, max_length=80)
    only = forms.ChoiceField(
        label=_("Laat zien"),
        required=False,
        choices=(
            ("", _("Alle jongeren")),
            ("zoekend", _("Met een open zoekvraag")),
            ("geplaatst", _("Met een plek")),
            ("escalatie", _("Met een escalatie")),
        ),
    )


class WhyNotForm(forms.Form):
    plek = forms.CharField(
        label=_("Plek (nummer of een deel van de titel)"), required=False, max_length=200
    )


def note_visibility_field() -> forms.ChoiceField:
    """Who may read a note: the workspace only (the default), or also the student, their
    parent and the employer. Chosen by the writer each time."""
    return forms.ChoiceField(
        label=_("Wie mag de notitie lezen?"),
        choices=TimelineEntry.Visibility.choices,
        initial=TimelineEntry.Visibility.INTERNAL,
        required=False,
        widget=forms.RadioSelect,
        help_text=_("Kies je ‘gedeeld’? Dan lezen de jongere, de ouder en de werkgever het ook."),
        error_messages={"invalid_choice": _("Kies wie de notitie mag lezen.")},
    )


class NoteVisibilityMixin:
    """An empty or unknown choice is internal: a note is never shared by accident."""

    def clean_note_visibility(self) -> str:
        value = self.cleaned_data.get("note_visibility")
        shared = TimelineEntry.Visibility.SHARED
        return shared if value == shared else TimelineEntry.Visibility.INTERNAL


class ProposeForm(NoteVisibilityMixin, forms.Form):
    opening = BoundedIntegerField(min_value=1, widget=forms.HiddenInput)
    note = forms.CharField(
        label=_("Bericht bij het voorstel (mag leeg blijven)"), max_length=500, required=False
    )
    note_visibility = note_visibility_field()


class MatchMoveForm(NoteVisibilityMixin, forms.Form):
    version = BoundedIntegerField(min_value=1, widget=forms.HiddenInput)
    to_status = forms.ChoiceField(
        label=_("Nieuwe stap"),
        choices=(),
        error_messages={
            "required": _("Kies de nieuwe stap."),
            "invalid_choice": _("Deze stap kan nu niet. Kies een stap uit de lijst."),
        },
    )
    reason = forms.CharField(
        label=_("Waarom? (nodig bij afwijzen of intrekken)"),
        max_length=500,
        required=False,
        widget=forms.Textarea(attrs={"rows": 2, "data-show-if": "to_status=afgewezen,ingetrokken"}),
    )
    note_visibility = note_visibility_field()
    meeting_at = PlausibleDateTimeField(
        label=_("Kennismaking op (bij kennismaking)"),
        required=False,
        widget=DateTimeInput(attrs={"data-show-if": "to_status=kennismaking"}),
        error_messages=DATETIME_ERRORS,
    )
    start_date = PlausibleDateField(
        label=_("Eerste werkdag (bij geplaatst)"),
        required=False,
        widget=DateInput(attrs={"data-show-if": "to_status=geplaatst"}),
        error_messages=DATE_ERRORS,
    )

    def __init__(self, *args, allowed=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["to_status"].choices = [("", _("Kies een stap"))] + [
            (s, MatchStatus(s).label) for s in MatchStatus.values if s in allowed
        ]


class NextActionForm(NoteVisibilityMixin, forms.Form):
    version = BoundedIntegerField(min_value=1, widget=forms.HiddenInput)
    next_action = forms.CharField(label=_("Volgende stap"), max_length=200, required=False)
    next_action_due = PlausibleDateField(
        label=_("Uiterlijk op"), required=False, widget=DateInput(), error_messages=DATE_ERRORS
    )
    note = forms.CharField(
        label=_("Notitie voor de tijdlijn"),
        max_length=1000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    note_visibility = note_visibility_field()


class EscalateForm(forms.Form):
    explanation = forms.CharField(
        label=_("Waarom loopt het vast?"),
        help_text=_("Wat heb je al geprobeerd en welke hulp zoek je van de accountmanager?"),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 4}),
        error_messages={"required": _("Schrijf in een paar zinnen waarom je hulp nodig hebt.")},
    )
    about_recognition = forms.BooleanField(
        label=_("Het gaat om de erkenning van een leerbedrijf (SBB)"),
        required=False,
    )


class EscalationCloseForm(forms.Form):
    version = BoundedIntegerField(min_value=1, widget=forms.HiddenInput)
    outcome = forms.ChoiceField(
        label=_("Uitkomst"),
        choices=(("opgelost", _("Opgelost")), ("teruggegeven", _("Teruggeven aan de jobhunter"))),
        widget=forms.RadioSelect,
        error_messages={"required": _("Kies opgelost of teruggeven.")},
    )
    resolution = forms.CharField(
        label=_("Wat heb je gedaan?"),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 4}),
        error_messages={
            "required": _("Schrijf op wat je hebt gedaan of wat de jobhunter nu moet doen.")
        },
    )


class CheckInForm(forms.Form):
    how_it_goes = forms.ChoiceField(
        label=_("Hoe gaat het?"),
        choices=CheckIn.HowItGoes.choices,
        widget=forms.RadioSelect,
        error_messages={"required": _("Kies hoe het gaat.")},
    )
    notes = forms.CharField(
        label=_("Wat hebben jullie besproken?"),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 4}),
        error_messages={"required": _("Schrijf kort op wat jullie hebben besproken.")},
    )
    risk_signal = forms.BooleanField(label=_("Er is een risico op uitval"), required=False)
    risk_notes = forms.CharField(
        label=_("Wat is het risico?"),
        max_length=2000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3, "data-show-if": "risk_signal=on"}),
    )


class OutcomeForm(forms.Form):
    status = forms.ChoiceField(
        label=_("Hoe is de plaatsing afgelopen?"),
        choices=[
            (Placement.Status.AFGEROND, _("Afgerond")),
            (Placement.Status.UITGEVALLEN, _("Uitgevallen")),
        ],
        widget=forms.RadioSelect,
        error_messages={"required": _("Kies afgerond of uitgevallen.")},
    )
    end_date = PlausibleDateField(
        label=_("Laatste dag"), widget=DateInput(), error_messages=DATE_ERRORS
    )
    reason = forms.CharField(
        label=_("Reden (nodig bij uitval)"),
        max_length=2000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3, "data-show-if": "status=uitgevallen"}),
    )


class AdviesForm(forms.Form):
    advies = forms.ChoiceField(
        label=_("Advies"),
        choices=[
            (StudentProfile.Advies.ARBEID, _("Arbeid")),
            (StudentProfile.Advies.DOORSTROOM, _("Doorstroom naar vervolgopleiding")),
        ],
        widget=forms.RadioSelect,
        error_messages={"required": _("Kies arbeid of doorstroom.")},
    )
    advies_date = PlausibleDateField(
        label=_("Datum van het advies"), widget=DateInput(), error_messages=DATE_ERRORS
    )


class AftercareMomentField(BoundedModelChoiceField):
    def label_from_instance(self, obj) -> str:
        return f"{obj.title} ({obj.due_date:%d-%m-%Y})"


class AftercareContactForm(forms.Form):
    """Contactmoment nazorg vastleggen: which planned moment, when, how it goes, a note."""

    moment = AftercareMomentField(
        label=_("Welk contactmoment?"),
        queryset=None,
        empty_label=None,
        error_messages={
            "required": _("Kies een contactmoment."),
            "invalid_choice": _("Dit contactmoment is al vastgelegd of bestaat niet meer."),
        },
    )
    contacted_on = PlausibleDateField(
        label=_("Datum van het contact"), widget=DateInput(), error_messages=DATE_ERRORS
    )
    situation = forms.ChoiceField(
        label=_("Hoe gaat het nu?"),
        choices=AftercareContact.Situation.choices,
        widget=forms.RadioSelect,
        error_messages={"required": _("Kies hoe het nu gaat: werk, opleiding of niets.")},
    )
    note = forms.CharField(
        label=_("Notitie"),
        help_text=_("Wat is er besproken? Is er hulp nodig?"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    def __init__(self, *args, moments, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["moment"].queryset = moments


class ContactConsentForm(forms.Form):
    given = forms.TypedChoiceField(
        label=_("Mogen we de jongere na het diploma benaderen?"),
        help_text=_("Vraag het de jongere zelf. Je legt vast wat de jongere zegt."),
        choices=(("1", _("Ja, dat is goed")), ("0", _("Nee"))),
        coerce=lambda v: v == "1",
        widget=forms.RadioSelect,
        error_messages={"required": _("Kies ja of nee.")},
    )


class OvergangsdokumentForm(forms.ModelForm):
    """The overgangsdokument's text; labels come from the model."""

    advies = forms.ChoiceField(
        label=_("Advies"),
        required=False,
        choices=[("", _("Nog geen advies"))] + list(StudentProfile.Advies.choices[1:]),
    )
    updated = forms.CharField(widget=forms.HiddenInput, required=False)

    class Meta:
        model = Overgangsdokument
        fields = list(OVERGANGSDOKUMENT_FIELDS)
        widgets = {
            name: forms.Textarea(attrs={"rows": 3})
            for name in fields
            if name not in ("advies", "diplomas_and_certificates")
        } | {"diplomas_and_certificates": forms.Textarea(attrs={"rows": 2})}


class OvergangsdokumentSendForm(forms.Form):
    werkcoach = BoundedModelChoiceField(
        label=_("Werkcoach"),
        queryset=None,
        empty_label=_("Kies een werkcoach"),
        error_messages={
            "required": _("Kies een werkcoach uit de regio van de school."),
            "invalid_choice": _("Kies een werkcoach uit de lijst."),
        },
    )

    def __init__(self, *args, werkcoaches, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["werkcoach"].queryset = werkcoaches
        self.fields["werkcoach"].label_from_instance = lambda u: u.get_full_name()


class InviteForm(forms.Form):
    when = PlausibleDateTimeField(
        label=_("Datum en tijd van het gesprek"),
        widget=DateTimeInput(),
        error_messages=DATETIME_ERRORS,
    )
    where = forms.CharField(
        label=_("Waar?"),
        max_length=200,
        error_messages={"required": _("Schrijf op waar het gesprek is.")},
    )
