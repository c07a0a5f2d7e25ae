"""API parts for everyone: notifications, the events calendar, webhooks."""

urlpatterns: list = []
