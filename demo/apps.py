from django.apps import AppConfig


class DemoConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "demo"
    verbose_name = "Demo region"

    def ready(self) -> None:
        from .stored_texts import register_demo

        register_demo()
