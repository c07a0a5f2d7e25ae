"""The weights form: one whole number per factor of the engine."""

from django import forms
from django.utils.translation import gettext_lazy as _

from marketplace.forms import BoundedIntegerField
from marketplace.services.ranking import FACTOR_LABELS
from matching.engine import FACTOR_CODES

MAX_WEIGHT = 100


class WeightsForm(forms.Form):
    based_on = BoundedIntegerField(widget=forms.HiddenInput, min_value=0)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for code in FACTOR_CODES:
            self.fields[code] = forms.IntegerField(
                label=FACTOR_LABELS.get(code, code),
                min_value=0,
                max_value=MAX_WEIGHT,
                error_messages={
                    "required": _("Vul een getal in (0 mag ook)."),
                    "invalid": _("Vul een heel getal in, zonder komma."),
                    "min_value": _("Een gewicht is 0 of meer."),
                    "max_value": _("Een gewicht is hoogstens %(limit_value)s."),
                },
            )

    def clean(self):
        data = super().clean()
        if all(code in data for code in FACTOR_CODES):
            if sum(data[code] for code in FACTOR_CODES if code != "support") <= 0:
                raise forms.ValidationError(
                    _("Zet minstens één gewicht hoger dan 0 (begeleiding telt hier niet mee).")
                )
        return data

    def values(self) -> dict:
        return {code: self.cleaned_data[code] for code in FACTOR_CODES}

    def factor_fields(self) -> list:
        return [self[code] for code in FACTOR_CODES]
