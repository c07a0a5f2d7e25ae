"""The marketplace app: people, schools, student profiles and the match pipeline."""

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MarketplaceConfig(AppConfig):
    name = "marketplace"
    verbose_name = _("Marktplaats")

    def ready(self) -> None:
        # Cache invalidation, not business logic: every save that can change a ranking is
        # logged, so each process's cached indexes follow (services/ranking_changes.py).
        from .services.ranking_changes import connect_signals

        connect_signals()
        from .personal_data import PROVIDER
        from .services.personal_data import personal_data_register

        personal_data_register(PROVIDER)
        from .stored_texts import register_core

        register_core()
