"""Webhook subscriptions and their deliveries through the API."""

from django.urls import path

from .apis_webhooks import (
    WebhookDeliveryListApi,
    WebhookDeliveryReplayApi,
    WebhookDetailApi,
    WebhookListApi,
)

urlpatterns = [
    path("webhooks/", WebhookListApi.as_view(), name="api-webhooks"),
    path("webhooks/<int:pk>/", WebhookDetailApi.as_view(), name="api-webhook"),
    path(
        "webhooks/<int:pk>/deliveries/",
        WebhookDeliveryListApi.as_view(),
        name="api-webhook-deliveries",
    ),
    path(
        "webhook-deliveries/<int:pk>/replay/",
        WebhookDeliveryReplayApi.as_view(),
        name="api-webhook-delivery-replay",
    ),
]
