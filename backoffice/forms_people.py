"""Forms of the back office: they check the shape of the input; the services decide."""

from django import forms
from django.utils.translation import gettext_lazy as _

from marketplace.forms import BoundedModelChoiceField
from marketplace.models import Region, Role, School
from marketplace.permissions import roles_assignable_by, schools_managed_by

from .people import employers_for

ROLE_HELP = _(
    "Kies bij een schoolmedewerker de school en bij een werkgever het bedrijf. Leerlingen komen "
    "met hun profiel binnen via de import."
)


class PeopleFilterForm(forms.Form):
    q = forms.CharField(label=_("Zoek op naam of e-mailadres"), required=False, max_length=80)
    role = forms.ChoiceField(label=_("Rol"), required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["role"].choices = [("", _("Alle rollen")), *Role.choices]


class PersonForm(forms.Form):
    """A person's name and role with the organisation the role needs."""

    first_name = forms.CharField(label=_("Voornaam"), max_length=80)
    last_name = forms.CharField(label=_("Achternaam"), max_length=120)
    role = forms.ChoiceField(label=_("Rol"), help_text=ROLE_HELP)
    school = BoundedModelChoiceField(
        label=_("School (voor een schoolmedewerker)"),
        queryset=School.objects.none(),
        required=False,
    )
    employer = BoundedModelChoiceField(
        label=_("Bedrijf (voor een werkgever)"), queryset=None, required=False
    )

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        roles = roles_assignable_by(user)
        self.fields["role"].choices = [(r, Role(r).label) for r in roles]
        self.fields["school"].queryset = schools_managed_by(user).order_by("name")
        self.fields["employer"].queryset = employers_for(user)
        if roles == [Role.WERKGEVER]:
            self.fields["role"].help_text = ""
            del self.fields["school"]


class InviteForm(PersonForm):
    email = forms.EmailField(label=_("E-mailadres"), max_length=254)
    field_order = ["email", "first_name", "last_name", "role", "school", "employer"]


class SchoolForm(forms.Form):
    name = forms.CharField(label=_("Naam"), max_length=200)
    brin = forms.CharField(
        label=_("BRIN"), max_length=6, help_text=_("2 cijfers en 2 letters, bijvoorbeeld 00AB.")
    )
    kind = forms.ChoiceField(label=_("Soort onderwijs"), choices=School.Kind.choices)
    region = BoundedModelChoiceField(label=_("Regio"), queryset=Region.objects.none())

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["region"].queryset = Region.objects.filter(pk=user.region_id)
        self.fields["region"].empty_label = None


class GuardianLinkForm(forms.Form):
    guardian_email = forms.EmailField(label=_("E-mailadres van de ouder/verzorger"))
    student_email = forms.EmailField(label=_("E-mailadres van de leerling"))
    relation = forms.CharField(
        label=_("Relatie"),
        max_length=40,
        initial="ouder",
        required=False,  # the service fills in "ouder" when it is left empty
        help_text=_("Bijvoorbeeld ouder, voogd."),
    )
