"""Forms of the AVG pages: asking for erasure, and the school's or coordinator's decision."""

from django import forms
from django.utils.translation import gettext_lazy as _


class ErasureRequestForm(forms.Form):
    reason = forms.CharField(
        label=_("Waarom wil je dat? (mag leeg blijven)"),
        required=False,
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    sure = forms.BooleanField(
        label=_("Ja, ik weet het zeker. Ik begrijp dat ik dan geen account meer heb."),
        required=True,
        error_messages={"required": _("Vink aan dat je het zeker weet.")},
    )


class ErasureDecisionForm(forms.Form):
    decision = forms.ChoiceField(
        label=_("Besluit"),
        choices=[("confirm", _("Uitvoeren: gegevens verwijderen")), ("refuse", _("Afwijzen"))],
        widget=forms.RadioSelect,
        error_messages={"required": _("Kies uitvoeren of afwijzen.")},
    )
    note = forms.CharField(
        label=_("Uitleg (verplicht bij afwijzen; de aanvrager leest dit)"),
        required=False,
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    def clean(self):
        data = super().clean()
        if data.get("decision") == "refuse" and not (data.get("note") or "").strip():
            self.add_error("note", _("Schrijf op waarom je het verzoek afwijst."))
        return data
