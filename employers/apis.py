"""Public read endpoints for openings: only open ones, only fields about the place."""

from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import (
    OpenApiExample,
    OpenApiParameter,
    extend_schema,
    extend_schema_serializer,
)
from rest_framework import serializers
from rest_framework.generics import GenericAPIView
from rest_framework.permissions import AllowAny
from rest_framework.response import Response
from rest_framework.views import APIView

from config.api import Pagination
from marketplace.api_fields import IdField
from marketplace.forms import PK_MAX
from marketplace.permissions import get_opening_for_user, openings_visible_to

from .search import SearchQuery, get_backend


class OpeningOutputSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    kind = serializers.CharField()
    title = serializers.CharField()
    description = serializers.CharField()
    status = serializers.CharField()
    employer = serializers.CharField(source="employer.name")
    sector = serializers.CharField(source="sector.display_name")
    place = serializers.CharField(source="location.place.name")
    hours_per_week = serializers.IntegerField()
    start_date = serializers.DateField()
    end_date = serializers.DateField(allow_null=True)
    min_level = serializers.IntegerField()
    places_left = serializers.IntegerField()
    support_offered = serializers.ListField(child=serializers.CharField())
    evening_work = serializers.BooleanField()
    night_work = serializers.BooleanField()
    weekend_work = serializers.BooleanField()


PUBLIC_EXAMPLE = {
    "id": 42,
    "kind": "bpv",
    "title": "Hulp in de keuken",
    "description": "Je helpt de kok met snijden en klaarzetten.",
    "status": "open",
    "employer": "Bakkerij De Boer",
    "sector": "Horeca",
    "place": "Groningen",
    "hours_per_week": 24,
    "start_date": "2027-02-01",
    "end_date": None,
    "min_level": 1,
    "places_left": 2,
    "support_offered": ["praktijkbegeleider"],
    "evening_work": False,
    "night_work": False,
    "weekend_work": True,
}


class OpeningSearchPageSerializer(serializers.Serializer):
    """A page of open places; `facets` only when asked with facets=true."""

    count = serializers.IntegerField()
    next = serializers.URLField(allow_null=True)
    previous = serializers.URLField(allow_null=True)
    results = OpeningOutputSerializer(many=True)
    facets = serializers.DictField(
        child=serializers.DictField(child=serializers.IntegerField()),
        required=False,
        help_text=(
            "Per facet (kind, sector, level, place) the number of places found per value: "
            "the kind, the id of a sector or place, or a level."
        ),
    )


class OpeningListApi(GenericAPIView):
    """Open openings; ?q= searches (embedded backend or Elasticsearch), with filters, a radius
    around a point (nearest first when there is no text) and facet counts."""

    permission_classes = [AllowAny]
    pagination_class = Pagination
    filter_backends: list = []
    serializer_class = OpeningOutputSerializer

    @extend_schema_serializer(component_name="OpeningListFilter")
    class FilterSerializer(serializers.Serializer):
        q = serializers.CharField(required=False, allow_blank=True, max_length=200)
        kind = serializers.ChoiceField(choices=["bpv", "leerbaan", "vacature"], required=False)
        sector = IdField(required=False)
        level = serializers.IntegerField(required=False, min_value=0, max_value=4)
        place = IdField(required=False)
        lat = serializers.FloatField(required=False, min_value=-90, max_value=90)
        lon = serializers.FloatField(required=False, min_value=-180, max_value=180)
        radius = serializers.FloatField(required=False, min_value=1, max_value=300)
        facets = serializers.BooleanField(required=False, default=False)

        def validate(self, attrs):
            if ("lat" in attrs) != ("lon" in attrs):
                raise serializers.ValidationError({"lat": [_("Geef lat en lon allebei mee.")]})
            if "radius" in attrs and "lat" not in attrs:
                raise serializers.ValidationError(
                    {"radius": [_("Een straal heeft lat en lon nodig.")]}
                )
            return attrs

    @extend_schema(
        parameters=[
            OpenApiParameter("q", {"type": "string", "maxLength": 200, "pattern": "^[^\\x00]*$"}),
            OpenApiParameter("kind", str, enum=["bpv", "leerbaan", "vacature"]),
            OpenApiParameter("sector", {"type": "integer", "minimum": 1, "maximum": PK_MAX}),
            OpenApiParameter("level", {"type": "integer", "minimum": 0, "maximum": 4}),
            OpenApiParameter("place", {"type": "integer", "minimum": 1, "maximum": PK_MAX}),
            OpenApiParameter("lat", {"type": "number", "minimum": -90, "maximum": 90}),
            OpenApiParameter("lon", {"type": "number", "minimum": -180, "maximum": 180}),
            OpenApiParameter(
                "radius",
                {"type": "number", "minimum": 1, "maximum": 300},
                description="Kilometers around lat/lon (needs both).",
            ),
            OpenApiParameter("facets", bool, description="Add facet counts to the answer."),
            # The page's own parameters: the answer is a page with facets, not a plain list.
            OpenApiParameter("page", {"type": "integer", "minimum": 1}),
            OpenApiParameter(
                "page_size", {"type": "integer", "minimum": 1, "maximum": Pagination.max_page_size}
            ),
        ],
        summary="Open plekken, met zoeken en filters",
        operation_id="v1_openings_list",
        responses=OpeningSearchPageSerializer,
        examples=[OpenApiExample("Een open plek", value=PUBLIC_EXAMPLE, response_only=True)],
    )
    def get(self, request):
        params = self.FilterSerializer(data=request.query_params)
        params.is_valid(raise_exception=True)
        data = params.validated_data
        qs = openings_visible_to(None).select_related("employer", "sector", "location__place")
        point = (data["lat"], data["lon"]) if "lat" in data else None
        result = None
        if data.get("q", "").strip() or point or data["facets"]:
            result = get_backend().search(
                SearchQuery(
                    text=data.get("q", ""),
                    kinds=(data["kind"],) if data.get("kind") else (),
                    sector_ids=(data["sector"],) if data.get("sector") else (),
                    levels=(data["level"],) if "level" in data else (),
                    place_ids=(data["place"],) if data.get("place") else (),
                    point=point,
                    radius_km=data.get("radius"),
                    with_facets=data["facets"],
                    limit=500,
                )
            )
            # Page the ids, then load only the page's openings (not all 500 found).
            order = self.paginate_queryset([hit.opening_id for hit in result.hits])
            found = qs.in_bulk(order)
            page = [found[i] for i in order if i in found]
        else:
            if data.get("kind"):
                qs = qs.filter(kind=data["kind"])
            if data.get("sector"):
                qs = qs.filter(sector_id=data["sector"])
            if "level" in data:
                qs = qs.filter(min_level=data["level"])
            if data.get("place"):
                qs = qs.filter(location__place_id=data["place"])
            page = self.paginate_queryset(qs.order_by("-created_at", "-id"))
        response = self.get_paginated_response(OpeningOutputSerializer(page, many=True).data)
        if result is not None and data["facets"]:
            response.data["facets"] = result.facets
        return response


class OpeningDetailApi(APIView):
    permission_classes = [AllowAny]

    @extend_schema(
        summary="Eén open plek",
        responses=OpeningOutputSerializer,
        examples=[OpenApiExample("Een open plek", value=PUBLIC_EXAMPLE, response_only=True)],
    )
    def get(self, request, pk: int):
        return Response(OpeningOutputSerializer(get_opening_for_user(request.user, pk)).data)
