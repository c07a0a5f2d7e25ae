"""The matching app: the shared vocabulary (layer 2) and the pure ranking engine (layer 1)."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MatchingConfig(AppConfig):
    name = "matching"
    verbose_name = _("Vocabulaire en matching")
