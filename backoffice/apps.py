from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class BackofficeConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "backoffice"
    verbose_name = _("Beheer van de regio")

    def ready(self) -> None:
        from marketplace.services.personal_data import personal_data_register

        from .personal_data import PROVIDER

        personal_data_register(PROVIDER)
