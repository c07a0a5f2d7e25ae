"""URLs of toolkit/urls.py."""

urlpatterns: list = []
