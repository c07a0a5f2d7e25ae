"""URLs of marketplace/urls_mediation.py."""

urlpatterns: list = []
