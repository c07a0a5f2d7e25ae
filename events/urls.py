"""URLs of events/urls.py."""

urlpatterns: list = []
