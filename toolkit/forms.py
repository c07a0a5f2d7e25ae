"""Forms to edit toolkit texts and regulations; the services decide and keep the versions."""

from django import forms
from django.utils.translation import gettext_lazy as _

from .models import Regulation, ToolkitItem
from .services import ITEM_FIELDS, REGULATION_FIELDS


class _Versioned(forms.ModelForm):
    """The revision this edit started from (a newer one means someone else saved meanwhile),
    and a note on what changed."""

    based_on = forms.IntegerField(widget=forms.HiddenInput, min_value=0)
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
        widgets = {
            "body": forms.Textarea(attrs={"rows": 12}),
            "summary": forms.Textarea(attrs={"rows": 3}),
        }


class RegulationForm(_Versioned):
    class Meta:
        model = Regulation
        fields = REGULATION_FIELDS
        labels = {"valid_from": _("Geldig vanaf"), "valid_to": _("Geldig tot")}
        widgets = {
            "valid_from": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "valid_to": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "summary": forms.Textarea(attrs={"rows": 3}),
        }

    def clean(self):
        data = super().clean()
        start, end = data.get("valid_from"), data.get("valid_to")
        if start and end and end < start:
            self.add_error("valid_to", _("De einddatum ligt voor de begindatum."))
        return data
