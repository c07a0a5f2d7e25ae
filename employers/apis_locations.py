"""The employer's locations (vestigingen) through the API: list, add and change. A beheerder
adds and changes them (employers.services), every member reads them."""

from django.utils.translation import gettext as _
from drf_spectacular.utils import OpenApiExample, extend_schema, extend_schema_serializer
from rest_framework import generics, serializers, status
from rest_framework.permissions import IsAuthenticated
from rest_framework.response import Response
from rest_framework.views import APIView

from config.api import Pagination
from marketplace.api_fields import IdField
from marketplace.permissions import ensure_can
from matching.models import Place

from . import services
from .apis_common import IsEmployerMember
from .models import EmployerLocation
from .services.locations import (
    employer_location_update,
    get_location_for_user,
    locations_of_team,
)

LOCATION_EXAMPLE = {
    "id": 7,
    "name": "Hoofdvestiging",
    "address": "Grote Markt 1",
    "place": 12,
    "place_name": "Groningen",
}
LOCATION_INPUT_EXAMPLE = {"name": "Hoofdvestiging", "address": "Grote Markt 1", "place": 12}


class EmployerLocationListApi(generics.ListAPIView):
    """The locations of the employer's own organisation, by name."""

    permission_classes = [IsAuthenticated, IsEmployerMember]
    pagination_class = Pagination
    filter_backends: list = []

    @extend_schema_serializer(component_name="EmployerLocation")
    class OutputSerializer(serializers.Serializer):
        id = serializers.IntegerField()
        name = serializers.CharField()
        address = serializers.CharField()
        place = serializers.IntegerField(source="place_id")
        place_name = serializers.CharField(source="place.name")

    serializer_class = OutputSerializer
    queryset = EmployerLocation.objects.none()  # the schema's model; get_queryset scopes it

    def get_queryset(self):
        return locations_of_team(self.request.user).select_related("place").order_by("name", "id")

    @extend_schema(
        summary="De vestigingen van je organisatie",
        examples=[OpenApiExample("Eén vestiging", value=LOCATION_EXAMPLE, response_only=True)],
    )
    def get(self, request, *args, **kwargs):
        return super().get(request, *args, **kwargs)


class _LocationInput(serializers.Serializer):
    name = serializers.CharField(max_length=200)
    address = serializers.CharField(max_length=200, required=False, allow_blank=True, default="")
    place = IdField()

    def validate_place(self, value: int) -> Place:
        place = Place.objects.filter(pk=value).first()
        if place is None:
            raise serializers.ValidationError(_("Kies iets uit de lijst."))
        return place


Output = EmployerLocationListApi.OutputSerializer


class EmployerLocationCreateApi(APIView):
    """Add a location (a beheerder). The same name in the same town gives the existing one."""

    permission_classes = [IsAuthenticated, IsEmployerMember]

    @extend_schema_serializer(component_name="EmployerLocationCreateInput")
    class InputSerializer(_LocationInput):
        pass

    @extend_schema(
        summary="Een vestiging toevoegen",
        request=InputSerializer,
        responses={201: Output},
        examples=[
            OpenApiExample("Een vestiging", value=LOCATION_INPUT_EXAMPLE, request_only=True),
            OpenApiExample(
                "Toegevoegd", value=LOCATION_EXAMPLE, response_only=True, status_codes=["201"]
            ),
        ],
    )
    def post(self, request):
        employer = request.user.employer
        ensure_can(request.user, "manage_employer", employer)
        data = self.InputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        location = services.employer_location_add(
            user=request.user, employer=employer, **data.validated_data
        )
        return Response(Output(location).data, status=status.HTTP_201_CREATED)


class EmployerLocationUpdateApi(APIView):
    """Change a location's name, address or town (a beheerder). Send every field."""

    permission_classes = [IsAuthenticated, IsEmployerMember]

    @extend_schema_serializer(component_name="EmployerLocationUpdateInput")
    class InputSerializer(_LocationInput):
        pass

    @extend_schema(
        summary="Een vestiging wijzigen",
        request=InputSerializer,
        responses=Output,
        examples=[
            OpenApiExample("Nieuw adres", value=LOCATION_INPUT_EXAMPLE, request_only=True),
            OpenApiExample("Gewijzigd", value=LOCATION_EXAMPLE, response_only=True),
        ],
    )
    def post(self, request, pk: int):
        location = get_location_for_user(request.user, pk)
        data = self.InputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        location = employer_location_update(
            user=request.user, location=location, **data.validated_data
        )
        return Response(Output(location).data)
