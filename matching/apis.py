"""Read endpoints for the shared vocabulary."""

from django.db.models import Q
from drf_spectacular.utils import (
    OpenApiExample,
    OpenApiParameter,
    extend_schema,
    extend_schema_serializer,
)
from rest_framework import serializers
from rest_framework.views import APIView

from config.api import Pagination
from marketplace.api_fields import IdField

from .models import Certificate, Competency, Place, Qualification, Sector


class _ListApi(APIView):
    """A paginated, ordered list with an optional ?q= search."""

    pagination_class = Pagination  # the schema documents the page, not a bare list
    search_fields: tuple[str, ...] = ("name", "name_en")

    def queryset(self):
        raise NotImplementedError

    def get(self, request):
        qs = self.queryset()
        q = request.query_params.get("q", "").strip()
        if q:
            condition = Q()
            for field in self.search_fields:
                condition |= Q(**{f"{field}__icontains": q})
            qs = qs.filter(condition)
        paginator = Pagination()
        page = paginator.paginate_queryset(qs, request, view=self)
        return paginator.get_paginated_response(self.OutputSerializer(page, many=True).data)


Q_PARAM = OpenApiParameter("q", str, description="Zoek op naam")


def _one(value: dict) -> list[OpenApiExample]:
    """The example of a list: one row (the schema shows it inside a page)."""
    return [OpenApiExample("Eén rij", value=value, response_only=True)]


class SectorListApi(_ListApi):
    @extend_schema_serializer(component_name="SectorListOutput")
    class OutputSerializer(serializers.Serializer):
        id = serializers.IntegerField()
        code = serializers.CharField()
        name = serializers.CharField()
        name_en = serializers.CharField(help_text="De Engelse naam; leeg als die er niet is")
        display_name = serializers.CharField(help_text="De naam in de taal van het verzoek")

    def queryset(self):
        return Sector.objects.order_by("name")

    @extend_schema(
        parameters=[Q_PARAM],
        responses=OutputSerializer(many=True),
        examples=_one(
            {
                "id": 4,
                "code": "logistiek",
                "name": "Logistiek",
                "name_en": "Logistics",
                "display_name": "Logistiek",
            }
        ),
    )
    def get(self, request):
        return super().get(request)


class QualificationListApi(_ListApi):
    search_fields = ("name", "name_en", "crebo")

    @extend_schema_serializer(component_name="QualificationListOutput")
    class OutputSerializer(serializers.Serializer):
        id = serializers.IntegerField()
        crebo = serializers.CharField()
        name = serializers.CharField()
        name_en = serializers.CharField(help_text="De Engelse naam; leeg als die er niet is")
        display_name = serializers.CharField(help_text="De naam in de taal van het verzoek")
        level = serializers.IntegerField()
        sector = serializers.CharField(source="sector.display_name")

    @extend_schema_serializer(component_name="QualificationListFilter")
    class FilterSerializer(serializers.Serializer):
        sector = IdField(required=False)
        level = serializers.IntegerField(required=False, min_value=1, max_value=4)

    def queryset(self):
        params = self.FilterSerializer(data=self.request.query_params)
        params.is_valid(raise_exception=True)
        qs = Qualification.objects.select_related("sector").order_by("name", "level")
        if "sector" in params.validated_data:
            qs = qs.filter(sector_id=params.validated_data["sector"])
        if "level" in params.validated_data:
            qs = qs.filter(level=params.validated_data["level"])
        return qs

    @extend_schema(
        parameters=[Q_PARAM, OpenApiParameter("sector", int), OpenApiParameter("level", int)],
        responses=OutputSerializer(many=True),
        examples=_one(
            {
                "id": 12,
                "crebo": "25462",
                "name": "Logistiek medewerker",
                "name_en": "Logistics employee",
                "display_name": "Logistiek medewerker",
                "level": 2,
                "sector": "Logistiek",
            }
        ),
    )
    def get(self, request):
        return super().get(request)


class CompetencyListApi(_ListApi):
    @extend_schema_serializer(component_name="CompetencyListOutput")
    class OutputSerializer(serializers.Serializer):
        id = serializers.IntegerField()
        name = serializers.CharField()
        name_en = serializers.CharField(help_text="De Engelse naam; leeg als die er niet is")
        display_name = serializers.CharField(help_text="De naam in de taal van het verzoek")
        category = serializers.CharField()
        synonyms = serializers.ListField(child=serializers.CharField())
        pictogram = serializers.CharField()

    def queryset(self):
        return Competency.objects.order_by("name")

    @extend_schema(
        parameters=[Q_PARAM],
        responses=OutputSerializer(many=True),
        examples=_one(
            {
                "id": 31,
                "name": "Heftruck rijden",
                "name_en": "Forklift driving",
                "display_name": "Heftruck rijden",
                "category": "vak",
                "synonyms": ["reachtruck"],
                "pictogram": "🚜",
            }
        ),
    )
    def get(self, request):
        return super().get(request)


class CertificateListApi(_ListApi):
    @extend_schema_serializer(component_name="CertificateListOutput")
    class OutputSerializer(serializers.Serializer):
        id = serializers.IntegerField()
        name = serializers.CharField()
        name_en = serializers.CharField(help_text="De Engelse naam; leeg als die er niet is")
        display_name = serializers.CharField(help_text="De naam in de taal van het verzoek")

    def queryset(self):
        return Certificate.objects.order_by("name")

    @extend_schema(
        parameters=[Q_PARAM],
        responses=OutputSerializer(many=True),
        examples=_one(
            {
                "id": 2,
                "name": "VCA Basis",
                "name_en": "VCA Basic safety",
                "display_name": "VCA Basis",
            }
        ),
    )
    def get(self, request):
        return super().get(request)


class PlaceListApi(_ListApi):
    search_fields = ("name",)

    @extend_schema_serializer(component_name="PlaceListOutput")
    class OutputSerializer(serializers.Serializer):
        id = serializers.IntegerField()
        name = serializers.CharField()
        province = serializers.CharField()
        latitude = serializers.FloatField()
        longitude = serializers.FloatField()

    def queryset(self):
        return Place.objects.order_by("name", "id")

    @extend_schema(
        parameters=[Q_PARAM],
        responses=OutputSerializer(many=True),
        examples=_one(
            {
                "id": 1,
                "name": "Groningen",
                "province": "Groningen",
                "latitude": 53.2194,
                "longitude": 6.5665,
            }
        ),
    )
    def get(self, request):
        return super().get(request)
