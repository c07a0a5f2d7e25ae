"""Read endpoints for the shared vocabulary."""

from django.db.models import Q
from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_serializer
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

    @extend_schema(parameters=[Q_PARAM], responses=OutputSerializer(many=True))
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

    @extend_schema(parameters=[Q_PARAM], responses=OutputSerializer(many=True))
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

    @extend_schema(parameters=[Q_PARAM], responses=OutputSerializer(many=True))
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

    @extend_schema(parameters=[Q_PARAM], responses=OutputSerializer(many=True))
    def get(self, request):
        return super().get(request)
