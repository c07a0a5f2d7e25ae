"""The parent's part of the API: read-only, exactly what the parent's pages show. Which children
and what of them come from the parent's selectors (marketplace.selectors): a child of 16 or older
without their consent is listed by name only, and everything else about them answers 404. Each
read is logged by those selectors."""

from drf_spectacular.utils import OpenApiExample, extend_schema, extend_schema_serializer
from rest_framework import serializers
from rest_framework.permissions import IsAuthenticated
from rest_framework.response import Response
from rest_framework.views import APIView

from config.api import Pagination
from events.selectors import registrations_upcoming

from .api_rules import rule_required
from .apis_student_matches import MatchOpeningSerializer, StepWordsField, TimelineEntrySerializer
from .permissions import get_match_for_user, get_student_for_user
from .presenters import PARENT as PARENT_READER
from .selectors import child_for_parent, guardian_children, match_for_viewer

PARENT = [IsAuthenticated, rule_required("use_parent_pages")]


def _parent_words(child) -> dict:
    """The serializers' context: statuses in a parent's words about this child."""
    return {"reader": PARENT_READER, "name": child.user.first_name}


class ParentChildrenApi(APIView):
    """The parent's linked children, each with whether the parent may follow them now (a child
    of 16 or older decides that with their consent)."""

    permission_classes = PARENT
    pagination_class = Pagination

    @extend_schema_serializer(component_name="ParentChildListOutput")
    class OutputSerializer(serializers.Serializer):
        id = serializers.IntegerField(source="child.pk")
        first_name = serializers.CharField(source="child.user.first_name")
        name = serializers.CharField(source="child.user.get_full_name")
        may_follow = serializers.BooleanField()

    @extend_schema(
        summary="Mijn kinderen",
        responses=OutputSerializer(many=True),
        examples=[
            OpenApiExample(
                "Kind",
                value={"id": 5, "first_name": "Sanne", "name": "Sanne Bakker", "may_follow": True},
                response_only=True,
            )
        ],
    )
    def get(self, request):
        rows = [
            {"child": child, "may_follow": visible}
            for child, visible in guardian_children(request.user)
        ]
        paginator = Pagination()
        page = paginator.paginate_queryset(rows, request, view=self)
        return paginator.get_paginated_response(self.OutputSerializer(page, many=True).data)


@extend_schema_serializer(component_name="ParentChildMatch")
class ChildMatchSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    status = serializers.CharField()
    status_display = StepWordsField(source="status")
    opening = MatchOpeningSerializer()


class ParentChildApi(APIView):
    """One child as the parent's page shows them: their matches (where each stands, no notes),
    a few fitting places with how well they fit, and the events they go to."""

    permission_classes = PARENT

    @extend_schema_serializer(component_name="ParentChildOutput")
    class OutputSerializer(serializers.Serializer):
        @extend_schema_serializer(component_name="ParentChildPlace")
        class PlaceSerializer(serializers.Serializer):
            opening = MatchOpeningSerializer()
            score_words = serializers.CharField()
            score_percent = serializers.IntegerField()

        @extend_schema_serializer(component_name="ParentChildRegistration")
        class RegistrationSerializer(serializers.Serializer):
            event = serializers.IntegerField(source="event_id")
            title = serializers.CharField(source="event.title")
            starts_at = serializers.DateTimeField(source="event.starts_at")
            place = serializers.CharField(source="event.place.name")
            status = serializers.CharField()
            status_display = serializers.CharField(source="get_status_display")
            event_cancelled = serializers.BooleanField()

        id = serializers.IntegerField(source="child.pk")
        first_name = serializers.CharField(source="child.user.first_name")
        name = serializers.CharField(source="child.user.get_full_name")
        matches = ChildMatchSerializer(many=True)
        places = PlaceSerializer(many=True, source="ranked")
        registrations = RegistrationSerializer(many=True)

    @extend_schema(
        summary="Zo gaat het met mijn kind",
        responses=OutputSerializer,
        examples=[
            OpenApiExample(
                "Kind",
                value={
                    "id": 5,
                    "first_name": "Sanne",
                    "name": "Sanne Bakker",
                    "matches": [
                        {
                            "id": 41,
                            "status": "voorgesteld",
                            "status_display": "Voorstel van de begeleider",
                            "opening": {
                                "id": 7,
                                "title": "BPV-plek magazijn",
                                "kind": "bpv",
                                "employer": "Bakkerij De Korenschoof",
                                "place": "Groningen",
                            },
                        }
                    ],
                    "places": [],
                    "registrations": [
                        {
                            "event": 3,
                            "title": "Banenmarkt Groningen",
                            "starts_at": "2026-12-10T14:00:00+01:00",
                            "place": "Groningen",
                            "status": "registered",
                            "status_display": "Aangemeld",
                            "event_cancelled": False,
                        }
                    ],
                },
                response_only=True,
            )
        ],
    )
    def get(self, request, pk: int):
        child = get_student_for_user(request.user, pk)  # 404 without consent (16+) or link
        context = child_for_parent(parent=request.user, child=child)
        context["registrations"] = registrations_upcoming(user=child.user)
        words = _parent_words(child)
        return Response(self.OutputSerializer(context, context=words).data)


class ParentMatchApi(APIView):
    """One match of a child the parent may follow: where it stands and the timeline as the
    parent may read it (steps, and only the notes their writer shared)."""

    permission_classes = PARENT

    @extend_schema_serializer(component_name="ParentMatchOutput")
    class OutputSerializer(serializers.Serializer):
        id = serializers.IntegerField(source="match.pk")
        child = serializers.IntegerField(source="match.student_id")
        status = serializers.CharField(source="match.status")
        status_display = StepWordsField(source="match.status")
        opening = MatchOpeningSerializer(source="match.opening")
        timeline = TimelineEntrySerializer(many=True)

    @extend_schema(
        summary="Een match van mijn kind",
        responses=OutputSerializer,
        examples=[
            OpenApiExample(
                "Match",
                value={
                    "id": 41,
                    "child": 5,
                    "status": "voorgesteld",
                    "status_display": "Voorstel van de begeleider",
                    "opening": {
                        "id": 7,
                        "title": "BPV-plek magazijn",
                        "kind": "bpv",
                        "employer": "Bakkerij De Korenschoof",
                        "place": "Groningen",
                    },
                    "timeline": [
                        {
                            "at": "2026-11-02T10:20:00+01:00",
                            "from_status": "",
                            "to_status": "voorgesteld",
                            "to_status_display": "Voorstel van de begeleider",
                            "kind": "proposal",
                            "note": "",
                        }
                    ],
                },
                response_only=True,
            )
        ],
    )
    def get(self, request, pk: int):
        match = get_match_for_user(request.user, pk)  # only a child the parent may follow
        shown = match_for_viewer(viewer=request.user, match=match)
        words = _parent_words(match.student)
        return Response(self.OutputSerializer(shown, context=words).data)
