"""The events app: the calendar of matching events with registration and waiting list."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class EventsConfig(AppConfig):
    name = "events"
    verbose_name = _("Matchingevenementen")

    def ready(self) -> None:
        from marketplace.services.personal_data import personal_data_register

        from .personal_data import PROVIDER

        personal_data_register(PROVIDER)
        from .stored_texts import register_events

        register_events()
