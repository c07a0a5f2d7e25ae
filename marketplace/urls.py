"""URLs of marketplace/urls.py."""

urlpatterns: list = []
