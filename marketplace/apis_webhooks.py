"""Webhooks through the API: an employer's beheerder or a school's staff registers a URL for
events, sees what was sent to it, and replays a delivery. The secret is in the answer to the
creation only."""

from drf_spectacular.utils import OpenApiExample, extend_schema, extend_schema_serializer
from rest_framework import serializers, status
from rest_framework.permissions import BasePermission, IsAuthenticated
from rest_framework.response import Response
from rest_framework.views import APIView

from config.api import CursorPagination, Pagination

from .models import WebhookDelivery, WebhookEvent, WebhookSubscription
from .permissions import can, get_delivery_for_user, get_subscription_for_user
from .services import webhooks


class ManagesWebhooks(BasePermission):
    """The role first: a role without webhooks hears 403 before its input is read."""

    def has_permission(self, request, view) -> bool:
        return can(request.user, "manage_webhooks")


PERMISSIONS = [IsAuthenticated, ManagesWebhooks]


@extend_schema_serializer(component_name="WebhookSubscription")
class SubscriptionOutputSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    url = serializers.CharField()
    events = serializers.ListField(child=serializers.ChoiceField(choices=WebhookEvent.choices))
    description = serializers.CharField()
    created_at = serializers.DateTimeField()


@extend_schema_serializer(component_name="WebhookSubscriptionCreated")
class SubscriptionCreatedSerializer(SubscriptionOutputSerializer):
    secret = serializers.CharField(help_text="Shown this once: keep it to verify signatures.")


@extend_schema_serializer(component_name="WebhookAttempt")
class AttemptOutputSerializer(serializers.Serializer):
    number = serializers.IntegerField()
    started_at = serializers.DateTimeField()
    status_code = serializers.IntegerField(allow_null=True)
    duration_ms = serializers.IntegerField()
    error = serializers.CharField()


@extend_schema_serializer(component_name="WebhookDelivery")
class DeliveryOutputSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    uuid = serializers.UUIDField(help_text="The X-BPV-Delivery header; the same on a replay.")
    event = serializers.ChoiceField(choices=WebhookEvent.choices)
    status = serializers.ChoiceField(choices=WebhookDelivery.Status.choices)
    created_at = serializers.DateTimeField()
    delivered_at = serializers.DateTimeField(allow_null=True)
    payload = serializers.DictField()
    attempts = AttemptOutputSerializer(many=True)


SUBSCRIPTION = {
    "id": 7,
    "url": "https://hr.example.nl/bpv/webhooks",
    "events": ["match.changed", "placement.started"],
    "description": "Ons HR-systeem",
    "created_at": "2026-11-02T10:20:00+01:00",
}
DELIVERY = {
    "id": 1201,
    "uuid": "8d1c2f0e-3b7a-4c55-9d0e-5a4f1b2c3d4e",
    "event": "match.changed",
    "status": "delivered",
    "created_at": "2026-11-02T10:21:00+01:00",
    "delivered_at": "2026-11-02T10:21:01+01:00",
    "payload": {"match": 41, "opening": 12, "status": "kennismaking", "version": 4},
    "attempts": [
        {
            "number": 1,
            "started_at": "2026-11-02T10:21:00+01:00",
            "status_code": 500,
            "duration_ms": 212,
            "error": "",
        },
        {
            "number": 2,
            "started_at": "2026-11-02T10:21:30+01:00",
            "status_code": 200,
            "duration_ms": 95,
            "error": "",
        },
    ],
}


class WebhookListApi(APIView):
    """GET: my organisation's webhooks. POST: a new one; the answer holds its secret, once."""

    permission_classes = PERMISSIONS

    pagination_class = Pagination

    @extend_schema_serializer(component_name="WebhookSubscriptionInput")
    class InputSerializer(serializers.Serializer):
        url = serializers.URLField(max_length=500)
        events = serializers.ListField(
            child=serializers.ChoiceField(choices=WebhookEvent.choices),
            min_length=1,
            max_length=len(WebhookEvent.choices),
        )
        description = serializers.CharField(max_length=120, required=False, allow_blank=True)

    @extend_schema(
        summary="Webhooks van mijn organisatie",
        responses=SubscriptionOutputSerializer(many=True),
        examples=[OpenApiExample("Webhook", value=SUBSCRIPTION, response_only=True)],
    )
    def get(self, request):
        paginator = Pagination()
        page = paginator.paginate_queryset(
            webhooks.subscriptions_of(user=request.user), request, view=self
        )
        data = SubscriptionOutputSerializer(page, many=True).data
        return paginator.get_paginated_response(data)

    @extend_schema(
        summary="Webhook aanmaken",
        request=InputSerializer,
        responses={201: SubscriptionCreatedSerializer},
        examples=[
            OpenApiExample(
                "Nieuwe webhook",
                value={k: SUBSCRIPTION[k] for k in ("url", "events", "description")},
                request_only=True,
            ),
            OpenApiExample(
                "Aangemaakt",
                value={**SUBSCRIPTION, "secret": "whsec_3q2-7Xc…"},
                response_only=True,
                status_codes=["201"],
            ),
        ],
    )
    def post(self, request):
        data = self.InputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        subscription, secret = webhooks.subscription_create(
            user=request.user, **data.validated_data
        )
        body = {**SubscriptionOutputSerializer(subscription).data, "secret": secret}
        return Response(body, status=status.HTTP_201_CREATED)


class WebhookDetailApi(APIView):
    """GET: one webhook of my organisation. DELETE: remove it and its log."""

    permission_classes = PERMISSIONS

    @extend_schema(
        summary="Webhook",
        responses=SubscriptionOutputSerializer,
        examples=[OpenApiExample("Webhook", value=SUBSCRIPTION, response_only=True)],
    )
    def get(self, request, pk: int):
        subscription = get_subscription_for_user(request.user, pk)
        return Response(SubscriptionOutputSerializer(subscription).data)

    @extend_schema(summary="Webhook verwijderen", request=None, responses={204: None})
    def delete(self, request, pk: int):
        subscription = get_subscription_for_user(request.user, pk)
        webhooks.subscription_delete(user=request.user, subscription=subscription)
        return Response(status=status.HTTP_204_NO_CONTENT)


class WebhookDeliveryListApi(APIView):
    """What was sent to one webhook, newest first, with every try (cursor pages)."""

    permission_classes = PERMISSIONS

    pagination_class = CursorPagination
    queryset = WebhookSubscription.objects.none()  # for the schema

    @extend_schema(
        summary="Berichten van een webhook",
        responses=DeliveryOutputSerializer(many=True),
        examples=[OpenApiExample("Bericht", value=DELIVERY, response_only=True)],
    )
    def get(self, request, pk: int):
        subscription = get_subscription_for_user(request.user, pk)
        paginator = CursorPagination()
        page = paginator.paginate_queryset(
            webhooks.deliveries_of(subscription=subscription), request, view=self
        )
        data = DeliveryOutputSerializer(page, many=True).data
        return paginator.get_paginated_response(data)


class WebhookDeliveryReplayApi(APIView):
    """Send a delivery again (after the receiver was down, say), under the same id."""

    permission_classes = PERMISSIONS

    @extend_schema(
        summary="Bericht opnieuw sturen",
        request=None,
        responses={202: DeliveryOutputSerializer},
        examples=[
            OpenApiExample(
                "Opnieuw verstuurd",
                value={**DELIVERY, "status": "pending", "delivered_at": None},
                response_only=True,
                status_codes=["202"],
            )
        ],
    )
    def post(self, request, pk: int):
        delivery = get_delivery_for_user(request.user, pk)
        delivery = webhooks.delivery_replay(user=request.user, delivery=delivery)
        fresh = webhooks.deliveries_of(subscription=delivery.subscription).get(pk=delivery.pk)
        return Response(DeliveryOutputSerializer(fresh).data, status=status.HTTP_202_ACCEPTED)
