"""API endpoints for the logged-in user: who am I, my profile, and a token."""

from django.contrib.auth import authenticate
from django.db.models import prefetch_related_objects
from django.utils.translation import gettext as _
from drf_spectacular.utils import OpenApiExample, extend_schema, extend_schema_serializer
from rest_framework import serializers
from rest_framework.permissions import AllowAny
from rest_framework.response import Response
from rest_framework.views import APIView

from config.api import error_response
from matching.models import Place

from .api_fields import BoundedIntegerField, BoundedPrimaryKeyRelatedField, PlausibleDateField
from .authentication import lockout_message
from .models import ApiToken, StudentProfile
from .permissions import get_own_student_profile, second_factor_required
from .services import security
from .services.profiles import profile_steps_done, student_profile_update


class MeApi(APIView):
    @extend_schema_serializer(component_name="MeOutput")
    class OutputSerializer(serializers.Serializer):
        id = serializers.IntegerField()
        email = serializers.EmailField()
        first_name = serializers.CharField()
        last_name = serializers.CharField()
        role = serializers.CharField()

    @extend_schema(
        responses=OutputSerializer,
        examples=[
            OpenApiExample(
                "Een jobhunter",
                value={
                    "id": 7,
                    "email": "fenna@wsp-groningen.nl",
                    "first_name": "Fenna",
                    "last_name": "de Vries",
                    "role": "jobhunter",
                },
                response_only=True,
            )
        ],
    )
    def get(self, request):
        return Response(self.OutputSerializer(request.user).data)


class ProfileOutputSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    education_type = serializers.CharField()
    level = serializers.IntegerField()
    qualification = serializers.CharField(source="qualification.display_name", allow_null=True)
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
    # The parts the profile's own endpoints change (me/skills/, me/certificates/, ...), by id.
    home_place_id = serializers.IntegerField()
    skills = serializers.SerializerMethodField()
    certificate_ids = serializers.SerializerMethodField()
    sector_ids = serializers.SerializerMethodField()
    support_needs_shared = serializers.BooleanField()
    consent_findable = serializers.BooleanField()
    steps_done = serializers.SerializerMethodField()

    def get_skills(self, obj) -> list[dict[str, int]]:
        return [
            {"competency": s.competency_id, "level": s.level}
            for s in obj.studentcompetency_set.all()
        ]

    def get_certificate_ids(self, obj) -> list[int]:
        return [c.pk for c in obj.certificates.all()]

    def get_sector_ids(self, obj) -> list[int]:
        return [s.pk for s in obj.sector_preferences.all()]

    def get_steps_done(self, obj) -> dict[str, bool]:
        return profile_steps_done(obj)

    def get_competencies(self, obj) -> list[str]:
        return [c.display_name for c in obj.competencies.all()]

    def get_certificates(self, obj) -> list[str]:
        return [c.display_name for c in obj.certificates.all()]


PROFILE_EXAMPLE = OpenApiExample(
    "Profiel",
    value={
        "id": 5,
        "education_type": "mbo",
        "level": 2,
        "qualification": "Medewerker logistiek",
        "leerweg": "bol",
        "school_leaver": False,
        "home_place": "Groningen",
        "travel_radius_km": 20,
        "available_from": "2027-01-01",
        "available_to": None,
        "hours_per_week": 32,
        "interests": "Buiten werken",
        "competencies": ["Heftruck rijden"],
        "certificates": ["VCA Basis"],
        "support_needs": ["jobcoach"],
        "consent_show_to_employers": True,
        "consent_parent_access": False,
        "consent_contact_after_diploma": False,
        "home_place_id": 4,
        "skills": [{"competency": 12, "level": 2}],
        "certificate_ids": [3],
        "sector_ids": [2],
        "support_needs_shared": False,
        "consent_findable": False,
        "steps_done": {"woonplaats": True, "wanneer": True, "vaardigheden": True},
    },
    response_only=True,
)


def _own_profile(user) -> StudentProfile:
    profile = get_own_student_profile(user)  # 404 for an account without a student profile
    prefetch_related_objects(
        [profile], "competencies", "certificates", "sector_preferences", "studentcompetency_set"
    )
    return profile


class MyProfileApi(APIView):
    """The student's own profile; other roles have none (404)."""

    @extend_schema_serializer(component_name="MyProfileInput")
    class InputSerializer(serializers.Serializer):
        travel_radius_km = BoundedIntegerField(required=False, min_value=1, max_value=200)
        hours_per_week = BoundedIntegerField(required=False, min_value=1, max_value=60)
        available_from = PlausibleDateField(required=False)
        available_to = PlausibleDateField(required=False, allow_null=True)
        interests = serializers.CharField(required=False, allow_blank=True, max_length=2000)
        level = BoundedIntegerField(required=False, min_value=0, max_value=4)
        school_leaver = serializers.BooleanField(required=False)
        home_place = BoundedPrimaryKeyRelatedField(required=False, queryset=Place.objects.all())

    @extend_schema(
        summary="Mijn profiel", responses=ProfileOutputSerializer, examples=[PROFILE_EXAMPLE]
    )
    def get(self, request):
        return Response(ProfileOutputSerializer(_own_profile(request.user)).data)

    @extend_schema(
        summary="Mijn profiel wijzigen",
        request=InputSerializer,
        responses=ProfileOutputSerializer,
        examples=[
            OpenApiExample(
                "Woonplaats en reisafstand",
                value={"home_place": 4, "travel_radius_km": 25, "hours_per_week": 32},
                request_only=True,
            ),
            PROFILE_EXAMPLE,
        ],
    )
    def patch(self, request):
        profile = _own_profile(request.user)
        data = self.InputSerializer(data=request.data, partial=True)
        data.is_valid(raise_exception=True)
        student_profile_update(user=request.user, profile=profile, data=data.validated_data)
        return Response(ProfileOutputSerializer(_own_profile(request.user)).data)


class TokenCreateApi(APIView):
    """POST: a personal token for a working day (shown once), after the password and, for
    staff, the code from their app. Too many wrong passwords lock the account and the address
    for a while (429). DELETE: end the token this request uses."""

    permission_classes = [AllowAny]

    @extend_schema_serializer(component_name="TokenCreateInput")
    class InputSerializer(serializers.Serializer):
        email = serializers.EmailField(max_length=254)
        password = serializers.CharField(trim_whitespace=False, max_length=200)
        code = serializers.CharField(required=False, allow_blank=True, max_length=32)

    @extend_schema_serializer(component_name="TokenCreateOutput")
    class OutputSerializer(serializers.Serializer):
        token = serializers.CharField()
        expires_at = serializers.DateTimeField()

    def get_authenticators(self):
        method = getattr(self.request, "method", None)  # None while the schema is built
        return [] if method == "POST" else super().get_authenticators()

    @extend_schema(
        request=InputSerializer,
        responses=OutputSerializer,
        examples=[
            OpenApiExample(
                "Inloggen",
                value={"email": "hr@noorderhaven.nl", "password": "lang-en-geheim-wachtwoord"},
                request_only=True,
            ),
            OpenApiExample(
                "Een sleutel voor vandaag",
                value={"token": "bpv_3kq9…", "expires_at": "2026-12-02T18:00:00+01:00"},
                response_only=True,
            ),
        ],
    )
    def post(self, request):
        data = self.InputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        django_request = request._request  # django-axes counts failures on it
        user = authenticate(
            django_request, username=data.validated_data["email"].lower(),
            password=data.validated_data["password"],
        )  # fmt: skip
        if user is None:
            if getattr(django_request, "axes_locked_out", False):
                return error_response(429, "locked_out", lockout_message())
            # An answer, not an exception: DRF would roll back the failure django-axes counted.
            message = _("Het e-mailadres of het wachtwoord klopt niet.")
            return error_response(400, "invalid", message, {"non_field_errors": [message]})
        if second_factor_required(user):
            code = data.validated_data.get("code", "")
            if not security.has_second_factor(user=user):
                return error_response(
                    403,
                    "second_factor_setup",
                    _("Stel eerst tweestapsverificatie in: log in op de website."),
                )
            if security.second_factor_check(user=user, code=code) is None:
                message = _("Vul de code uit je app in. Deze code klopt niet.")
                return error_response(400, "invalid", message, {"code": [message]})
        issued = security.api_login_token_create(user=user)
        return Response({"token": issued.key, "expires_at": issued.token.expires_at})

    @extend_schema(request=None, responses={204: None})
    def delete(self, request):
        if not isinstance(request.auth, ApiToken):
            message = _("Stuur de sleutel mee die je wilt beëindigen.")
            return error_response(400, "no_token", message)
        security.api_token_revoke(user=request.user, token=request.auth)
        return Response(status=204)
