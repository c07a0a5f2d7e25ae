from django.apps import AppConfig


class MediationConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "mediation"
    verbose_name = "Bemiddeling (werkplek voor begeleiders)"

    def ready(self) -> None:
        from .stored_texts import register_mediation

        register_mediation()
