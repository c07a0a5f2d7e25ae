"""The employers app: employers, their locations, SBB recognitions and their openings."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class EmployersConfig(AppConfig):
    name = "employers"
    verbose_name = _("Werkgevers en plekken")

    def ready(self) -> None:
        from .stored_texts import register_employers

        register_employers()
