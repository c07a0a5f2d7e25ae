"""URLs of employers/urls.py."""

urlpatterns: list = []
