"""Webhook subscriptions and their deliveries through the API."""

urlpatterns: list = []
