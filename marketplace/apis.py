"""API endpoints for the logged-in user: who am I, my profile, and a token."""

from django.contrib.auth import authenticate
from django.db.models import prefetch_related_objects
from django.utils.translation import gettext as _
from drf_spectacular.utils import extend_schema, extend_schema_serializer
from rest_framework import serializers
from rest_framework.authtoken.models import Token
from rest_framework.permissions import AllowAny
from rest_framework.response import Response
from rest_framework.views import APIView

from .models import StudentProfile
from .permissions import get_own_student_profile
from .services.profiles import student_profile_update


class MeApi(APIView):
    @extend_schema_serializer(component_name="MeOutput")
    class OutputSerializer(serializers.Serializer):
        id = serializers.IntegerField()
        email = serializers.EmailField()
        first_name = serializers.CharField()
        last_name = serializers.CharField()
        role = serializers.CharField()

    @extend_schema(responses=OutputSerializer)
    def get(self, request):
        return Response(self.OutputSerializer(request.user).data)


class ProfileOutputSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    education_type = serializers.CharField()
    level = serializers.IntegerField()
    qualification = serializers.CharField(source="qualification.name", allow_null=True)
    leerweg = serializers.CharField()
    school_leaver = serializers.BooleanField()
    home_place = serializers.CharField(source="home_place.name")
    travel_radius_km = serializers.IntegerField()
    available_from = serializers.DateField()
    available_to = serializers.DateField(allow_null=True)
    hours_per_week = serializers.IntegerField()
    interests = serializers.CharField()
    competencies = serializers.SerializerMethodField()
    certificates = serializers.SerializerMethodField()
    support_needs = serializers.ListField(child=serializers.CharField())
    consent_show_to_employers = serializers.BooleanField()
    consent_parent_access = serializers.BooleanField()
    consent_contact_after_diploma = serializers.BooleanField()

    def get_competencies(self, obj) -> list[str]:
        return [c.name for c in obj.competencies.all()]

    def get_certificates(self, obj) -> list[str]:
        return [c.name for c in obj.certificates.all()]


def _own_profile(user) -> StudentProfile:
    profile = get_own_student_profile(user)  # 404 for an account without a student profile
    prefetch_related_objects([profile], "competencies", "certificates")
    return profile


class MyProfileApi(APIView):
    """The student's own profile; other roles have none (404)."""

    @extend_schema_serializer(component_name="MyProfileInput")
    class InputSerializer(serializers.Serializer):
        travel_radius_km = serializers.IntegerField(required=False)
        hours_per_week = serializers.IntegerField(required=False, min_value=1, max_value=60)
        available_from = serializers.DateField(required=False)
        available_to = serializers.DateField(required=False, allow_null=True)
        interests = serializers.CharField(required=False, allow_blank=True, max_length=2000)
        level = serializers.IntegerField(required=False)
        school_leaver = serializers.BooleanField(required=False)

    @extend_schema(responses=ProfileOutputSerializer)
    def get(self, request):
        return Response(ProfileOutputSerializer(_own_profile(request.user)).data)

    @extend_schema(request=InputSerializer, responses=ProfileOutputSerializer)
    def patch(self, request):
        profile = _own_profile(request.user)
        data = self.InputSerializer(data=request.data, partial=True)
        data.is_valid(raise_exception=True)
        student_profile_update(user=request.user, profile=profile, data=data.validated_data)
        return Response(ProfileOutputSerializer(_own_profile(request.user)).data)


class TokenCreateApi(APIView):
    permission_classes = [AllowAny]
    authentication_classes: list = []

    @extend_schema_serializer(component_name="TokenCreateInput")
    class InputSerializer(serializers.Serializer):
        email = serializers.EmailField()
        password = serializers.CharField(trim_whitespace=False)

    @extend_schema_serializer(component_name="TokenCreateOutput")
    class OutputSerializer(serializers.Serializer):
        token = serializers.CharField()

    @extend_schema(request=InputSerializer, responses=OutputSerializer)
    def post(self, request):
        data = self.InputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        user = authenticate(
            request, username=data.validated_data["email"].lower(),
            password=data.validated_data["password"],
        )  # fmt: skip
        if user is None:
            raise serializers.ValidationError(
                {"non_field_errors": [_("Het e-mailadres of het wachtwoord klopt niet.")]}
            )
        token, _created = Token.objects.get_or_create(user=user)
        return Response({"token": token.key})
