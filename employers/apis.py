"""Public read endpoints for openings: only open ones, only fields about the place."""

from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_serializer
from rest_framework import serializers
from rest_framework.permissions import AllowAny
from rest_framework.response import Response
from rest_framework.views import APIView

from config.api import Pagination
from marketplace.api_fields import IdField
from marketplace.permissions import get_opening_for_user, openings_visible_to

from .search import SearchQuery, get_backend


class OpeningOutputSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    kind = serializers.CharField()
    title = serializers.CharField()
    description = serializers.CharField()
    status = serializers.CharField()
    employer = serializers.CharField(source="employer.name")
    sector = serializers.CharField(source="sector.name")
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


class OpeningListApi(APIView):
    """Open openings; ?q= searches (embedded backend or Elasticsearch), kind and sector filter."""

    permission_classes = [AllowAny]

    @extend_schema_serializer(component_name="OpeningListFilter")
    class FilterSerializer(serializers.Serializer):
        q = serializers.CharField(required=False, allow_blank=True, max_length=200)
        kind = serializers.ChoiceField(choices=["bpv", "leerbaan", "vacature"], required=False)
        sector = IdField(required=False)

    @extend_schema(
        parameters=[
            OpenApiParameter("q", str),
            OpenApiParameter("kind", str, enum=["bpv", "leerbaan", "vacature"]),
            OpenApiParameter("sector", int),
        ],
        responses=OpeningOutputSerializer(many=True),
    )
    def get(self, request):
        params = self.FilterSerializer(data=request.query_params)
        params.is_valid(raise_exception=True)
        data = params.validated_data
        qs = openings_visible_to(None).select_related("employer", "sector", "location__place")
        if data.get("q", "").strip():
            result = get_backend().search(
                SearchQuery(
                    text=data["q"],
                    kinds=(data["kind"],) if data.get("kind") else (),
                    sector_ids=(data["sector"],) if data.get("sector") else (),
                    limit=500,
                )
            )
            order = [hit.opening_id for hit in result.hits]
            found = qs.in_bulk(order)
            rows = [found[i] for i in order if i in found]
        else:
            if data.get("kind"):
                qs = qs.filter(kind=data["kind"])
            if data.get("sector"):
                qs = qs.filter(sector_id=data["sector"])
            rows = qs.order_by("-created_at", "-id")
        paginator = Pagination()
        page = paginator.paginate_queryset(rows, request, view=self)
        return paginator.get_paginated_response(OpeningOutputSerializer(page, many=True).data)


class OpeningDetailApi(APIView):
    permission_classes = [AllowAny]

    @extend_schema(responses=OpeningOutputSerializer)
    def get(self, request, pk: int):
        return Response(OpeningOutputSerializer(get_opening_for_user(request.user, pk)).data)
