"""Forms of the marketplace: they check the shape of input; rules live in services."""

import re

from django import forms
from django.contrib.auth.forms import AuthenticationForm
from django.utils.translation import gettext_lazy as _

from matching.validators import validate_birth_date, validate_plausible_date


class LoginForm(AuthenticationForm):
    username = forms.EmailField(
        label=_("E-mailadres"),
        widget=forms.EmailInput(attrs={"autocomplete": "email", "autofocus": True}),
    )
    password = forms.CharField(
        label=_("Wachtwoord"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
    )
    error_messages = {
        "invalid_login": _(
            "Het e-mailadres of het wachtwoord klopt niet. Let op hoofdletters en probeer het "
            "opnieuw."
        ),
        "inactive": _("Dit account is niet actief. Neem contact op met je begeleider."),
    }


# --- the student's onboarding wizard and profile -----------------------------------------

NUMBER_ERRORS = {
    "required": _("Vul dit in."),
    "invalid": _("Vul een heel getal in, bijvoorbeeld 15."),
    "min_value": _("Dit getal is te klein: het moet minstens %(limit_value)s zijn."),
    "max_value": _("Dit getal is te groot: het mag hoogstens %(limit_value)s zijn."),
}
DATE_ERRORS = {
    "required": _("Vul een datum in."),
    "invalid": _("Vul een datum in zoals 1-9-2027."),
}


PK_MAX = 2**63 - 1  # the largest primary key a database bigint holds


def is_pk(value) -> bool:
    """A primary key as typed: ASCII digits for a number from 1 to PK_MAX (a bigger one
    overflows the database driver before any query could answer 'not found')."""
    text = str(value).strip()
    return bool(re.fullmatch(r"[0-9]{1,19}", text)) and 1 <= int(text) <= PK_MAX


_is_pk = is_pk


class BoundedModelChoiceField(forms.ModelChoiceField):
    """A ModelChoiceField (integer keys) that refuses a key out of range before querying."""

    def to_python(self, value):
        if value not in self.empty_values and not isinstance(value, self.queryset.model):
            if not _is_pk(value):
                raise forms.ValidationError(
                    self.error_messages["invalid_choice"], code="invalid_choice"
                )
        return super().to_python(value)


class BoundedModelMultipleChoiceField(forms.ModelMultipleChoiceField):
    """A ModelMultipleChoiceField (integer keys) that refuses keys out of range before
    querying, with the field's own 'invalid_pk_value' message."""

    def _check_values(self, value):
        for pk in value if isinstance(value, (list, tuple)) else ():
            if not _is_pk(pk):
                raise forms.ValidationError(
                    self.error_messages["invalid_pk_value"],
                    code="invalid_pk_value",
                    params={"pk": pk},
                )
        return super()._check_values(value)


class BoundedIntegerField(forms.IntegerField):
    """An IntegerField that always has both bounds (0 to PK_MAX unless narrower): ids, versions
    and counts in hidden fields too, so a huge or negative number never reaches a query."""

    def __init__(self, *, min_value=0, max_value=PK_MAX, **kwargs):
        kwargs.setdefault("error_messages", NUMBER_ERRORS)
        super().__init__(min_value=min_value, max_value=max_value, **kwargs)


class PlausibleDateField(forms.DateField):
    """A date a person types: from 1990 to five years ahead (matching/validators.py), or
    `years_ahead` years for a date that may lie further out (a recognition's end)."""

    default_validators = [validate_plausible_date]

    def __init__(self, *, years_ahead: int | None = None, **kwargs):
        kwargs.setdefault("error_messages", DATE_ERRORS)
        self.years_ahead = years_ahead
        super().__init__(**kwargs)

    def run_validators(self, value):
        if self.years_ahead is None or value in self.empty_values:
            return super().run_validators(value)
        validate_plausible_date(value, years_ahead=self.years_ahead)
        others = [v for v in self.validators if v is not validate_plausible_date]
        for validator in others:
            validator(value)


class PlausibleDateTimeField(forms.DateTimeField):
    """A date and time a person types, in the same plausible range as PlausibleDateField."""

    default_validators = [validate_plausible_date]


class BirthDateField(forms.DateField):
    """A young person's date of birth: 12 to 30 years ago."""

    default_validators = [validate_birth_date]

    def __init__(self, **kwargs):
        kwargs.setdefault("error_messages", DATE_ERRORS)
        super().__init__(**kwargs)


def query_int(params, name: str, *, min_value: int = 1, max_value: int = PK_MAX) -> int | None:
    """A whole number from the query string (?sector=, ?van=, ...) within its bounds; None when
    it is missing or not such a number, so a filter falls back to 'all' instead of failing."""
    text = (params.get(name) or "").strip()
    if not re.fullmatch(r"[0-9]{1,19}", text):
        return None
    number = int(text)
    return number if min_value <= number <= max_value else None


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, attrs=None):
        super().__init__(attrs, format="%Y-%m-%d")


class PlaceStepForm(forms.Form):
    home_place = BoundedModelChoiceField(
        label=_("Waar woon je?"),
        queryset=None,
        empty_label=_("Kies je woonplaats"),
        error_messages={
            "required": _("Kies je woonplaats."),
            "invalid_choice": _("Kies je woonplaats uit de lijst."),
        },
    )
    travel_radius_km = forms.IntegerField(
        label=_("Hoe ver wil je reizen? (in km)"),
        min_value=1,
        max_value=200,
        error_messages=NUMBER_ERRORS,
        help_text=_("Bijvoorbeeld 10 km met de fiets of 25 km met bus of trein."),
    )

    def __init__(self, *args, **kwargs):
        from matching.models import Place

        super().__init__(*args, **kwargs)
        self.fields["home_place"].queryset = Place.objects.order_by("name")


class WhenStepForm(forms.Form):
    available_from = PlausibleDateField(
        label=_("Vanaf wanneer kun je beginnen?"), widget=DateInput(), error_messages=DATE_ERRORS
    )
    available_to = PlausibleDateField(
        label=_("Tot wanneer kun je? (mag leeg blijven)"),
        required=False,
        widget=DateInput(),
        error_messages=DATE_ERRORS,
    )
    hours_per_week = forms.IntegerField(
        label=_("Hoeveel uur per week kun je werken?"),
        min_value=1,
        max_value=60,
        error_messages=NUMBER_ERRORS,
    )

    def clean(self):
        data = super().clean()
        start, end = data.get("available_from"), data.get("available_to")
        if start and end and end < start:
            self.add_error(
                "available_to", _("Deze datum ligt voor de begindatum. Kies een latere datum.")
            )
        return data


class SkillGroup:
    """A titled group of rows on the skills step (its own leerlijn, work skills, the rest)."""

    def __init__(self, key: str, title: str, rows: list, intro: str = ""):
        self.key, self.title, self.rows, self.intro = key, title, rows, intro


class CompetencyStepForm(forms.Form):
    """A checkbox per competency with its level as three choices; built from the vocabulary.

    `own_sector_ids`: the student's own leerlijn(en), best first. Their skills and the general
    work skills (werknemersvaardigheden) come first; the other sectors' skills are found through
    search, except the ones already ticked, which stay in view."""

    def __init__(self, *args, competencies=(), current=None, own_sector_ids=(), **kwargs):
        from marketplace.models import StudentCompetency

        super().__init__(*args, **kwargs)
        current = current or {}
        self.rows = []
        for comp in competencies:
            check = f"c{comp.pk}"
            level = f"l{comp.pk}"
            self.fields[check] = forms.BooleanField(
                label=comp.display_name, required=False, initial=comp.pk in current
            )
            self.fields[level] = forms.TypedChoiceField(
                label=_("Hoe goed kun je %(name)s?") % {"name": comp.display_name},
                choices=StudentCompetency.Level.choices,
                coerce=int,
                required=False,
                widget=forms.RadioSelect,
                # No level until the skill is ticked: an unticked row shows no claim.
                initial=current.get(comp.pk),
                error_messages={"invalid_choice": _("Kies een van de drie antwoorden.")},
            )
            self.rows.append((comp, self[check], self[level]))
        self.groups = self._groups(list(own_sector_ids))

    def _ticked(self, comp) -> bool:
        return bool(self[f"c{comp.pk}"].value())

    def _groups(self, own: list) -> list[SkillGroup]:
        """Own leerlijn first (one group per sector), then the general work skills, then the
        other sectors' skills the student ticked; `self.rest` holds all the others."""
        from matching.models import Competency

        general = Competency.Category.WERKNEMERSVAARDIGHEID
        by_sector: dict = {}
        for row in self.rows:
            by_sector.setdefault(row[0].sector_id, []).append(row)
        groups = []
        for sector_id in own:
            rows = by_sector.get(sector_id, [])
            if rows:
                name = rows[0][0].sector.display_name
                title = _("Bij jouw leerlijn: %(sector)s") % {"sector": name}
                groups.append(SkillGroup(f"sector-{sector_id}", title, rows))
        work = [r for r in self.rows if r[0].category == general]
        groups.append(
            SkillGroup(
                "werk",
                _("Voor elk werk"),
                work,
                _("Dit vraagt bijna elke werkgever."),
            )
        )
        shown = {r[0].pk for g in groups for r in g.rows}
        others = [r for r in self.rows if r[0].pk not in shown]
        ticked = [r for r in others if self._ticked(r[0])]
        groups.append(SkillGroup("gekozen", _("Andere vaardigheden die je kunt"), ticked))
        rest = [r for r in others if not self._ticked(r[0])]
        self.rest_groups = []
        for row in sorted(rest, key=lambda r: (str(r[0].sector or ""), r[0].display_name)):
            name = row[0].sector.display_name if row[0].sector else _("Overig")
            if not self.rest_groups or self.rest_groups[-1].title != name:
                self.rest_groups.append(SkillGroup(f"rest-{row[0].sector_id}", name, []))
            self.rest_groups[-1].rows.append(row)
        self.rest_count = len(rest)
        return groups

    def clean(self):
        cleaned = super().clean()
        for comp, _check, _level in self.rows:
            if cleaned.get(f"c{comp.pk}") and cleaned.get(f"l{comp.pk}") in (None, ""):
                self.add_error(f"l{comp.pk}", _("Kies hoe goed je dit kunt."))
        return cleaned

    def chosen(self) -> dict:
        return {
            comp: self.cleaned_data[f"l{comp.pk}"]
            for comp, _check, _level in self.rows
            if self.cleaned_data.get(f"c{comp.pk}")
        }


class CertificateStepForm(forms.Form):
    certificates = BoundedModelMultipleChoiceField(
        label=_("Welke certificaten of diploma's heb je?"),
        queryset=None,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    def __init__(self, *args, **kwargs):
        from matching.models import Certificate

        super().__init__(*args, **kwargs)
        self.fields["certificates"].queryset = Certificate.objects.order_by("name")


class InterestsStepForm(forms.Form):
    sector_preferences = BoundedModelMultipleChoiceField(
        label=_("In welk soort werk heb je zin?"),
        queryset=None,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    interests = forms.CharField(
        label=_("Wat vind je leuk om te doen?"),
        required=False,
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Bijvoorbeeld: buiten werken, met dieren, koken, met je handen iets maken."),
        error_messages={
            "max_length": _("Dat is te lang: gebruik hoogstens %(limit_value)d tekens.")
        },
    )

    def __init__(self, *args, **kwargs):
        from matching.models import Sector

        super().__init__(*args, **kwargs)
        self.fields["sector_preferences"].queryset = Sector.objects.order_by("name")


class SupportStepForm(forms.Form):
    support_needs = forms.MultipleChoiceField(
        label=_("Wat helpt jou op je werk?"),
        choices=(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    support_needs_shared = forms.BooleanField(
        label=_("Mijn JPO en de werkgever mogen zien welke hulp ik nodig heb."),
        required=False,
        help_text=_("Zet je dit uit? Dan zien alleen jij, je jobhunter en je school het."),
    )

    def __init__(self, *args, **kwargs):
        from matching.models import SupportKind

        super().__init__(*args, **kwargs)
        self.fields["support_needs"].choices = SupportKind.choices


class ConsentStepForm(forms.Form):
    consent_show_to_employers = forms.BooleanField(
        label=_("Werkgevers mogen mijn profiel zien als ik een plek leuk vind."),
        required=False,
        help_text=_("Zonder naam. Je naam zien ze pas als jij dat kiest bij een plek."),
    )
    consent_findable = forms.BooleanField(
        label=_("Werkgevers mogen mij zonder naam vinden en uitnodigen."),
        required=False,
        help_text=_(
            "Een werkgever ziet dan wat je kunt, niet wie je bent. Jij beslist of je op een "
            "uitnodiging ingaat. Pas als je ja zegt, ziet de werkgever je naam."
        ),
    )
    consent_parent_access = forms.BooleanField(
        label=_("Mijn ouder of verzorger mag meekijken."),
        required=False,
        help_text=_(
            "Je ouder ziet dan je matches en de evenementen waar je heen gaat. Niet je hulpvraag."
        ),
    )
    consent_contact_after_diploma = forms.BooleanField(
        label=_("Ik wil na mijn diploma nog gebeld worden om te helpen."),
        required=False,
        help_text=_("Ongeveer 18 weken na je diploma vraagt iemand hoe het gaat."),
    )


class MatchFilterForm(forms.Form):
    """Filters on "Mijn matches": kind, sector and distance."""

    DISTANCES = ((5, "5 km"), (10, "10 km"), (15, "15 km"), (25, "25 km"), (50, "50 km"))
    kind = forms.ChoiceField(label=_("Soort plek"), required=False, choices=())
    sector = forms.TypedChoiceField(
        label=_("Sector"), required=False, coerce=int, choices=(), empty_value=None
    )
    distance = forms.TypedChoiceField(
        label=_("Hoogstens zo ver"),
        required=False,
        coerce=int,
        empty_value=None,
        choices=[("", _("Mijn eigen reisafstand"))] + [(d, label) for d, label in DISTANCES],
    )

    def __init__(self, *args, sectors=(), **kwargs):
        from employers.models import Opening

        super().__init__(*args, **kwargs)
        self.fields["kind"].choices = [("", _("Alle soorten"))] + list(Opening.Kind.choices)
        self.fields["sector"].choices = [("", _("Alle sectoren")), *sectors]


class InterestForm(forms.Form):
    share_profile = forms.BooleanField(
        label=_("De werkgever mag mijn naam en profiel zien."),
        required=False,
        help_text=_("Zet je dit uit? Dan ziet de werkgever alleen wat je kunt, niet wie je bent."),
    )


class DeclineForm(forms.Form):
    REASONS = (
        ("", _("Kies een reden")),
        ("te_ver", _("Het is te ver weg")),
        ("werk", _("Dit werk wil ik niet doen")),
        ("tijden", _("De werktijden passen niet")),
        ("anders", _("Iets anders")),
    )
    reason = forms.ChoiceField(
        label=_("Waarom past deze plek niet?"),
        choices=REASONS,
        error_messages={"required": _("Kies waarom deze plek niet bij je past.")},
    )
    note = forms.CharField(
        label=_("Wil je nog iets uitleggen? (mag leeg blijven)"), required=False, max_length=500
    )

    def reason_text(self) -> str:
        label = dict(self.REASONS)[self.cleaned_data["reason"]]
        note = self.cleaned_data.get("note", "").strip()
        return f"{label}: {note}" if note else str(label)


class InviteForm(forms.Form):
    """The employer's short message with an invitation (the candidate is in the URL, by alias)."""

    message = forms.CharField(
        label=_("Je bericht aan de kandidaat (mag leeg blijven)"),
        required=False,
        max_length=600,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Vertel kort wat de plek is en waarom je aan deze kandidaat denkt."),
        error_messages={
            "max_length": _("Je bericht is te lang: gebruik hoogstens %(limit_value)d tekens.")
        },
    )


class InvitationDeclineForm(forms.Form):
    """The student's no to an invitation: a reason from the list, or none."""

    reason = forms.ChoiceField(
        label=_("Waarom niet? (mag leeg blijven)"),
        required=False,
        choices=(),
        help_text=_("De werkgever ziet alleen deze reden, niet wie je bent."),
    )

    def __init__(self, *args, **kwargs):
        from .services.invitations import DECLINE_REASONS

        super().__init__(*args, **kwargs)
        self.fields["reason"].choices = [("", _("Geen reden")), *DECLINE_REASONS.items()]
