"""Everyone's in-app notifications through the API: the list (newest first, cursor pages, only
unread on request), one marked read, all marked read. A person only ever reaches their own."""

import django_filters
from django import forms
from django.utils.translation import gettext_lazy as _
from django_filters.rest_framework import DjangoFilterBackend
from drf_spectacular.utils import OpenApiExample, extend_schema, extend_schema_serializer
from rest_framework import serializers
from rest_framework.permissions import IsAuthenticated
from rest_framework.response import Response
from rest_framework.views import APIView

from config.api import CursorPagination

from .models import Notification
from .permissions import get_notification_for_user
from .services.notifications import notification_mark_read, notifications_mark_all_read


class StrictBooleanField(forms.NullBooleanField):
    """true or false (also 1/0); anything else is an error, not a silent 'all'."""

    widget = forms.TextInput

    def to_python(self, value):
        text = str(value).strip().lower() if value is not None else ""
        if text == "":
            return None
        if text in ("true", "1"):
            return True
        if text in ("false", "0"):
            return False
        raise forms.ValidationError(_("Kies true of false."), code="invalid")

    def validate(self, value):
        pass


class StrictBooleanFilter(django_filters.BooleanFilter):
    field_class = StrictBooleanField


class NotificationFilter(django_filters.FilterSet):
    unread = StrictBooleanFilter(
        field_name="read_at", lookup_expr="isnull", label=_("Alleen ongelezen (true) of gelezen")
    )

    class Meta:
        model = Notification
        fields = ["unread"]


@extend_schema_serializer(component_name="NotificationOutput")
class NotificationOutputSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    title = serializers.CharField(
        source="display_title", help_text="Het onderwerp in de taal van het verzoek"
    )
    body = serializers.CharField(
        source="display_body", help_text="Het bericht in de taal van het verzoek"
    )
    url = serializers.CharField(
        source="link", help_text="Pad op deze site naar waar het over gaat, of leeg"
    )
    code = serializers.CharField(
        help_text="Soort bericht (bijvoorbeeld match.status); leeg bij oude berichten"
    )
    params = serializers.DictField(
        help_text="De gegevens in het bericht (namen, nummers, codes), zonder vertaling"
    )
    created_at = serializers.DateTimeField()
    read_at = serializers.DateTimeField(allow_null=True)
    unread = serializers.SerializerMethodField()

    def get_unread(self, obj) -> bool:
        return obj.read_at is None


NOTIFICATION_VALUE = {
    "id": 301,
    "title": "Match Sam de Vries voor BPV-plek magazijn: Kennismaking gepland",
    "body": "Bekijk de match voor de details.",
    "url": "/matches/41/",
    "code": "match.status",
    "params": {
        "for": "mediator",
        "match": 41,
        "opening": "BPV-plek magazijn",
        "student": "Sam de Vries",
        "status": "kennismaking",
    },
    "created_at": "2026-11-02T10:20:00+01:00",
    "read_at": None,
    "unread": True,
}


class NotificationListApi(APIView):
    """My notifications, newest first; ?unread=true for only the unread ones."""

    permission_classes = [IsAuthenticated]
    pagination_class = CursorPagination
    filter_backends = [DjangoFilterBackend]
    filterset_class = NotificationFilter
    queryset = Notification.objects.none()  # for the schema: the filter's model

    @extend_schema(
        summary="Mijn berichten",
        responses=NotificationOutputSerializer(many=True),
        examples=[OpenApiExample("Bericht", value=NOTIFICATION_VALUE, response_only=True)],
    )
    def get(self, request):
        mine = Notification.objects.filter(user=request.user)
        found = NotificationFilter(request.query_params, queryset=mine, request=request)
        if not found.is_valid():
            raise serializers.ValidationError(found.errors)
        paginator = CursorPagination()
        page = paginator.paginate_queryset(found.qs, request, view=self)
        data = NotificationOutputSerializer(page, many=True).data
        return paginator.get_paginated_response(data)


class NotificationReadApi(APIView):
    """Mark one of my notifications read; another person's answers 404."""

    permission_classes = [IsAuthenticated]

    @extend_schema(
        summary="Bericht gelezen",
        request=None,
        responses=NotificationOutputSerializer,
        examples=[
            OpenApiExample(
                "Gelezen",
                value={
                    **NOTIFICATION_VALUE,
                    "read_at": "2026-11-02T11:00:00+01:00",
                    "unread": False,
                },
                response_only=True,
            )
        ],
    )
    def post(self, request, pk: int):
        note = get_notification_for_user(request.user, pk)
        notification_mark_read(user=request.user, notification_id=note.pk)
        note.refresh_from_db()
        return Response(NotificationOutputSerializer(note).data)


class NotificationsReadAllApi(APIView):
    """Mark all my unread notifications read at once."""

    permission_classes = [IsAuthenticated]

    @extend_schema_serializer(component_name="NotificationsReadAllOutput")
    class OutputSerializer(serializers.Serializer):
        marked = serializers.IntegerField(help_text="Hoeveel berichten nu gelezen zijn")

    @extend_schema(
        summary="Alle berichten gelezen",
        request=None,
        responses=OutputSerializer,
        examples=[OpenApiExample("Gelezen", value={"marked": 4}, response_only=True)],
    )
    def post(self, request):
        marked = notifications_mark_all_read(user=request.user)
        return Response(self.OutputSerializer({"marked": marked}).data)
