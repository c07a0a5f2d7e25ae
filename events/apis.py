"""The events calendar through the API: the list with filters (dates, kind, place), one event,
registering and cancelling with the same capacity, deadline and waiting list as the pages, my
registrations, and the address of my personal calendar feed (and a new one)."""

import django_filters
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django_filters.rest_framework import DjangoFilterBackend
from drf_spectacular.utils import OpenApiExample, extend_schema, extend_schema_serializer
from rest_framework import serializers
from rest_framework.permissions import IsAuthenticated
from rest_framework.response import Response
from rest_framework.views import APIView

from config.api import Pagination
from marketplace.api_rules import rule_required
from marketplace.forms import BoundedModelChoiceField
from marketplace.permissions import can
from matching.models import Place

from . import selectors, services
from .feeds import calendar_feed_for, calendar_feed_renew
from .models import MatchingEvent


class PlaceFilter(django_filters.ModelChoiceFilter):
    """A place by id, refused before any query when the id is out of range."""

    field_class = BoundedModelChoiceField


class EventFilter(django_filters.FilterSet):
    starts_from = django_filters.DateFilter(
        field_name="starts_at", lookup_expr="date__gte", label=_("Begint op of na (JJJJ-MM-DD)")
    )
    starts_until = django_filters.DateFilter(
        field_name="starts_at", lookup_expr="date__lte", label=_("Begint op of voor (JJJJ-MM-DD)")
    )
    kind = django_filters.ChoiceFilter(choices=MatchingEvent.Kind.choices, label=_("Soort"))
    place = PlaceFilter(queryset=Place.objects.all(), label=_("Plaats (id)"))

    class Meta:
        model = MatchingEvent
        fields = ["starts_from", "starts_until", "kind", "place"]


@extend_schema_serializer(component_name="EventOutput")
class EventOutputSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    title = serializers.CharField()
    kind = serializers.CharField()
    kind_display = serializers.CharField(source="get_kind_display")
    description = serializers.CharField()
    starts_at = serializers.DateTimeField()
    ends_at = serializers.DateTimeField()
    registration_deadline = serializers.DateTimeField(allow_null=True)
    place = serializers.IntegerField(source="place_id")
    place_name = serializers.CharField(source="place.name")
    address = serializers.CharField()
    audience = serializers.ListField(child=serializers.CharField())
    status = serializers.CharField()
    places_left = serializers.SerializerMethodField()
    my_registration = serializers.SerializerMethodField(
        help_text="registered, waitlist or null: mijn aanmelding (voor een werkgever: die van de "
        "organisatie)"
    )

    def get_places_left(self, event) -> int:
        return max(event.capacity - event.taken, 0)

    def get_my_registration(self, event) -> str | None:
        return self.context["mine"].get(event.pk)


EVENT_VALUE = {
    "id": 3,
    "title": "Banenmarkt Groningen",
    "kind": "banenmarkt",
    "kind_display": "Banenmarkt",
    "description": "Kom kennismaken met twintig bedrijven.",
    "starts_at": "2026-12-10T14:00:00+01:00",
    "ends_at": "2026-12-10T17:00:00+01:00",
    "registration_deadline": "2026-12-08T23:59:00+01:00",
    "place": 4,
    "place_name": "Groningen",
    "address": "Martiniplaza",
    "audience": ["mbo"],
    "status": "published",
    "places_left": 12,
    "my_registration": None,
}


def _events_context(user) -> dict:
    return {"mine": selectors.registration_statuses(user)}


class EventListApi(APIView):
    """The calendar: events still to come, soonest first; a student sees the events for their
    education type, as on the calendar page."""

    permission_classes = [IsAuthenticated]
    pagination_class = Pagination
    filter_backends = [DjangoFilterBackend]
    filterset_class = EventFilter
    queryset = MatchingEvent.objects.none()  # for the schema: the filter's model

    @extend_schema(
        summary="De agenda",
        responses=EventOutputSerializer(many=True),
        examples=[OpenApiExample("Evenement", value=EVENT_VALUE, response_only=True)],
    )
    def get(self, request):
        found = EventFilter(request.query_params, queryset=selectors.events_upcoming())
        if not found.is_valid():
            raise serializers.ValidationError(found.errors)
        shown = {e.pk for e in selectors.events_for_user(request.user)}  # the audience rule
        rows = [event for event in found.qs if event.pk in shown]
        paginator = Pagination()
        page = paginator.paginate_queryset(rows, request, view=self)
        data = EventOutputSerializer(page, many=True, context=_events_context(request.user)).data
        return paginator.get_paginated_response(data)


class EventDetailApi(APIView):
    """One event: a published one still to come, a cancelled one for those who were registered,
    with whether I may register and, if not, why."""

    permission_classes = [IsAuthenticated]

    @extend_schema_serializer(component_name="EventDetailOutput")
    class OutputSerializer(EventOutputSerializer):
        cancelled_reason = serializers.CharField()
        may_register = serializers.SerializerMethodField()
        refusal = serializers.SerializerMethodField()

        def get_may_register(self, event) -> bool:
            user = self.context["user"]
            return (
                event.status == MatchingEvent.Status.PUBLISHED
                and can(user, "register_for_events")
                and not services.audience_refusal(user=user, event=event)
            )

        def get_refusal(self, event) -> str:
            return services.audience_refusal(user=self.context["user"], event=event)

    @extend_schema(
        summary="Eén evenement",
        responses=OutputSerializer,
        examples=[
            OpenApiExample(
                "Evenement",
                value={**EVENT_VALUE, "cancelled_reason": "", "may_register": True, "refusal": ""},
                response_only=True,
            )
        ],
    )
    def get(self, request, pk: int):
        event = selectors.get_event_for_user(request.user, pk)
        context = {**_events_context(request.user), "user": request.user}
        return Response(self.OutputSerializer(event, context=context).data)


@extend_schema_serializer(component_name="EventRegistrationOutput")
class RegistrationOutputSerializer(serializers.Serializer):
    event = serializers.IntegerField(source="event_id")
    title = serializers.CharField(source="event.title")
    starts_at = serializers.DateTimeField(source="event.starts_at")
    status = serializers.CharField()
    status_display = serializers.CharField(source="get_status_display")
    event_cancelled = serializers.BooleanField(default=False)


REGISTRATION_VALUE = {
    "event": 3,
    "title": "Banenmarkt Groningen",
    "starts_at": "2026-12-10T14:00:00+01:00",
    "status": "registered",
    "status_display": "Aangemeld",
    "event_cancelled": False,
}


def _upcoming_event(pk: int) -> MatchingEvent:
    """As the pages: only events still to come can be registered for or cancelled."""
    return get_object_or_404(selectors.events_upcoming(), pk=pk)


class EventRegistrationApi(APIView):
    """POST registers me (a student) or my organisation's seat (an employer member): when it is
    full, on the waiting list (status "waitlist"); after the deadline refused. Safe to send
    twice. DELETE cancels; the first on the waiting list takes the place."""

    permission_classes = [IsAuthenticated, rule_required("register_for_events")]

    @extend_schema(
        summary="Aanmelden voor een evenement",
        request=None,
        responses=RegistrationOutputSerializer,
        examples=[OpenApiExample("Aangemeld", value=REGISTRATION_VALUE, response_only=True)],
    )
    def post(self, request, pk: int):
        event = _upcoming_event(pk)
        registration = services.registration_create(user=request.user, event=event)
        return Response(RegistrationOutputSerializer(registration).data)

    @extend_schema(summary="Afmelden voor een evenement", request=None, responses={204: None})
    def delete(self, request, pk: int):
        services.registration_cancel(user=request.user, event=_upcoming_event(pk))
        return Response(status=204)


class MyRegistrationListApi(APIView):
    """My registrations for events still to come (not the cancelled ones), soonest first."""

    permission_classes = [IsAuthenticated, rule_required("register_for_events")]
    pagination_class = Pagination

    @extend_schema(
        summary="Mijn aanmeldingen",
        responses=RegistrationOutputSerializer(many=True),
        examples=[OpenApiExample("Aanmelding", value=REGISTRATION_VALUE, response_only=True)],
    )
    def get(self, request):
        rows = selectors.registrations_upcoming(user=request.user)
        paginator = Pagination()
        page = paginator.paginate_queryset(rows, request, view=self)
        return paginator.get_paginated_response(RegistrationOutputSerializer(page, many=True).data)


@extend_schema_serializer(component_name="CalendarFeedOutput")
class CalendarFeedSerializer(serializers.Serializer):
    url = serializers.URLField()
    webcal_url = serializers.CharField()
    created_at = serializers.DateTimeField()


FEED_EXAMPLE = OpenApiExample(
    "Agenda-adres",
    value={
        "url": "https://matcher.example.nl/evenementen/feed/Zr0...Qk.ics",
        "webcal_url": "webcal://matcher.example.nl/evenementen/feed/Zr0...Qk.ics",
        "created_at": "2026-11-02T10:20:00+01:00",
    },
    response_only=True,
)


def _feed_response(request, feed) -> Response:
    url = request.build_absolute_uri(reverse("events:feed", args=[feed.token]))
    data = {
        "url": url,
        "webcal_url": "webcal://" + url.split("://", 1)[1],
        "created_at": feed.created_at or timezone.now(),
    }
    return Response(CalendarFeedSerializer(data).data)


class CalendarFeedApi(APIView):
    """The secret address of my personal calendar (events, speed dates, kennismakingen, first
    working days) to subscribe to in a calendar app; made the first time it is asked for."""

    permission_classes = [IsAuthenticated, rule_required("use_calendar_feed")]

    @extend_schema(
        summary="Mijn agenda-adres", responses=CalendarFeedSerializer, examples=[FEED_EXAMPLE]
    )
    def get(self, request):
        return _feed_response(request, calendar_feed_for(user=request.user))


class CalendarFeedRenewApi(APIView):
    """A new secret address: the old one stops working at once (it was shared or lost)."""

    permission_classes = [IsAuthenticated, rule_required("use_calendar_feed")]

    @extend_schema(
        summary="Nieuw agenda-adres",
        request=None,
        responses=CalendarFeedSerializer,
        examples=[FEED_EXAMPLE],
    )
    def post(self, request):
        return _feed_response(request, calendar_feed_renew(user=request.user))
