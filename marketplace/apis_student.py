"""The student's profile through the API, part by part: skills with a level, certificates,
interests, support and consents. Every write goes through the services of the profile wizard
(marketplace.services.profiles); interest, "not for me" and matches are in apis_student_matches."""

from django.db import transaction
from django.http import Http404
from django.utils.translation import gettext as _
from drf_spectacular.utils import (
    OpenApiExample,
    extend_schema,
    extend_schema_field,
    extend_schema_serializer,
)
from rest_framework import serializers
from rest_framework.permissions import IsAuthenticated
from rest_framework.response import Response
from rest_framework.views import APIView

from config.api import Pagination
from matching.models import Certificate, Competency, Sector, SupportKind

from .api_fields import BoundedPrimaryKeyRelatedField
from .api_rules import rule_required
from .models import ConsentRecord, StudentCompetency, StudentProfile
from .permissions import get_own_student_profile
from .selectors import student_competencies
from .services.profiles import CONSENT_FIELDS, student_consent_set, student_profile_update

STUDENT = [IsAuthenticated, rule_required("use_student_pages")]


# The same support kinds are an employer's "support_offered": a schema component of its own.
@extend_schema_field(
    {"type": "array", "items": {"type": "string", "enum": SupportKind.values}},
    component_name="StudentSupportNeeds",
)
class SupportNeedsField(serializers.MultipleChoiceField):
    def __init__(self, **kwargs):
        super().__init__(choices=SupportKind.choices, **kwargs)


def requesting_student(request) -> StudentProfile:
    return get_own_student_profile(request.user)


def paginated_response(view, request, rows, serializer, **context) -> Response:
    paginator = Pagination()
    page = paginator.paginate_queryset(rows, request, view=view)
    data = serializer(page, many=True, context={"request": request, **context}).data
    return paginator.get_paginated_response(data)


@transaction.atomic
def _profile_locked(student: StudentProfile) -> StudentProfile:
    """Lock the profile first, so two changes to a list (skills, certificates) never lose one."""
    return StudentProfile.objects.select_for_update().get(pk=student.pk)


# --- skills with a level ----------------------------------------------------------------------


@extend_schema_serializer(component_name="StudentSkillOutput")
class SkillOutputSerializer(serializers.Serializer):
    competency = serializers.IntegerField(source="competency_id")
    name = serializers.CharField(source="competency.display_name")
    level = serializers.IntegerField()
    level_display = serializers.CharField(source="get_level_display")


SKILL_EXAMPLE = OpenApiExample(
    "Vaardigheid",
    value={"competency": 12, "name": "Heftruck rijden", "level": 2, "level_display": "Ik kan het"},
    response_only=True,
)


def _skills_save(*, user, student: StudentProfile, change) -> None:
    """Read the current skills under the profile's lock, change them, save them all at once
    through the profile service (the page's wizard step does the same)."""
    with transaction.atomic():
        _profile_locked(student)
        current = {
            sc.competency: sc.level
            for sc in StudentCompetency.objects.filter(student=student).select_related("competency")
        }
        change(current)
        student_profile_update(user=user, profile=student, data={"competencies": current})


def _own_skill(student: StudentProfile, competency_id: int) -> StudentCompetency:
    skill = (
        StudentCompetency.objects.filter(student=student, competency_id=competency_id)
        .select_related("competency")
        .first()
    )
    if skill is None:
        raise Http404
    return skill


class StudentSkillsApi(APIView):
    """GET: the student's skills, each with how well they can do it. POST: add one."""

    permission_classes = STUDENT
    pagination_class = Pagination

    @extend_schema_serializer(component_name="StudentSkillAddInput")
    class InputSerializer(serializers.Serializer):
        competency = BoundedPrimaryKeyRelatedField(queryset=Competency.objects.all())
        level = serializers.ChoiceField(choices=StudentCompetency.Level.choices)

    @extend_schema(
        summary="Mijn vaardigheden",
        responses=SkillOutputSerializer(many=True),
        examples=[SKILL_EXAMPLE],
    )
    def get(self, request):
        skills = sorted(
            student_competencies(requesting_student(request)), key=lambda s: s.competency.name
        )
        return paginated_response(self, request, skills, SkillOutputSerializer)

    @extend_schema(
        summary="Vaardigheid toevoegen",
        request=InputSerializer,
        responses={201: SkillOutputSerializer},
        examples=[
            OpenApiExample("Toevoegen", value={"competency": 12, "level": 2}, request_only=True),
            SKILL_EXAMPLE,
        ],
    )
    def post(self, request):
        student = requesting_student(request)
        data = self.InputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        competency, level = data.validated_data["competency"], data.validated_data["level"]

        def add(current: dict) -> None:
            if competency in current:
                raise serializers.ValidationError(
                    {
                        "competency": [
                            _("Deze vaardigheid staat al in je profiel. Pas het niveau aan.")
                        ]
                    }
                )
            current[competency] = level

        _skills_save(user=request.user, student=student, change=add)
        skill = _own_skill(student, competency.pk)
        return Response(SkillOutputSerializer(skill).data, status=201)


class StudentSkillApi(APIView):
    """One skill of the student's: read it, change the level, or take it out."""

    permission_classes = STUDENT

    @extend_schema_serializer(component_name="StudentSkillLevelInput")
    class InputSerializer(serializers.Serializer):
        level = serializers.ChoiceField(choices=StudentCompetency.Level.choices)

    @extend_schema(
        summary="Eén vaardigheid", responses=SkillOutputSerializer, examples=[SKILL_EXAMPLE]
    )
    def get(self, request, competency_id: int):
        return Response(
            SkillOutputSerializer(_own_skill(requesting_student(request), competency_id)).data
        )

    @extend_schema(
        summary="Niveau van een vaardigheid wijzigen",
        request=InputSerializer,
        responses=SkillOutputSerializer,
        examples=[
            OpenApiExample("Niveau", value={"level": 3}, request_only=True),
            SKILL_EXAMPLE,
        ],
    )
    def patch(self, request, competency_id: int):
        student = requesting_student(request)
        skill = _own_skill(student, competency_id)
        data = self.InputSerializer(data=request.data)
        data.is_valid(raise_exception=True)

        def change(current: dict) -> None:
            current[skill.competency] = data.validated_data["level"]

        _skills_save(user=request.user, student=student, change=change)
        return Response(SkillOutputSerializer(_own_skill(student, competency_id)).data)

    @extend_schema(summary="Vaardigheid weghalen", request=None, responses={204: None})
    def delete(self, request, competency_id: int):
        student = requesting_student(request)
        skill = _own_skill(student, competency_id)
        _skills_save(
            user=request.user, student=student, change=lambda current: current.pop(skill.competency)
        )
        return Response(status=204)


# --- certificates -----------------------------------------------------------------------------


@extend_schema_serializer(component_name="StudentCertificateOutput")
class CertificateOutputSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    name = serializers.CharField()


CERTIFICATE_EXAMPLE = OpenApiExample(
    "Certificaat", value={"id": 3, "name": "VCA Basis"}, response_only=True
)


def _own_certificate(student: StudentProfile, certificate_id: int) -> Certificate:
    found = student.certificates.filter(pk=certificate_id).first()
    if found is None:
        raise Http404
    return found


def _certificates_save(*, user, student: StudentProfile, change) -> None:
    with transaction.atomic():
        _profile_locked(student)
        current = list(student.certificates.order_by("pk"))
        change(current)
        student_profile_update(user=user, profile=student, data={"certificates": current})


class StudentCertificatesApi(APIView):
    """GET: the student's certificates and diplomas. POST: add one."""

    permission_classes = STUDENT
    pagination_class = Pagination

    @extend_schema_serializer(component_name="StudentCertificateAddInput")
    class InputSerializer(serializers.Serializer):
        certificate = BoundedPrimaryKeyRelatedField(queryset=Certificate.objects.all())

    @extend_schema(
        summary="Mijn certificaten",
        responses=CertificateOutputSerializer(many=True),
        examples=[CERTIFICATE_EXAMPLE],
    )
    def get(self, request):
        rows = requesting_student(request).certificates.order_by("name", "pk")
        return paginated_response(self, request, rows, CertificateOutputSerializer)

    @extend_schema(
        summary="Certificaat toevoegen",
        request=InputSerializer,
        responses={201: CertificateOutputSerializer},
        examples=[
            OpenApiExample("Toevoegen", value={"certificate": 3}, request_only=True),
            CERTIFICATE_EXAMPLE,
        ],
    )
    def post(self, request):
        student = requesting_student(request)
        data = self.InputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        certificate = data.validated_data["certificate"]

        def add(current: list) -> None:
            if certificate in current:
                raise serializers.ValidationError(
                    {"certificate": [_("Dit certificaat staat al in je profiel.")]}
                )
            current.append(certificate)

        _certificates_save(user=request.user, student=student, change=add)
        return Response(CertificateOutputSerializer(certificate).data, status=201)


class StudentCertificateApi(APIView):
    """One certificate of the student's: read it or take it out."""

    permission_classes = STUDENT

    @extend_schema(
        summary="Eén certificaat",
        responses=CertificateOutputSerializer,
        examples=[CERTIFICATE_EXAMPLE],
    )
    def get(self, request, certificate_id: int):
        certificate = _own_certificate(requesting_student(request), certificate_id)
        return Response(CertificateOutputSerializer(certificate).data)

    @extend_schema(summary="Certificaat weghalen", request=None, responses={204: None})
    def delete(self, request, certificate_id: int):
        student = requesting_student(request)
        certificate = _own_certificate(student, certificate_id)
        _certificates_save(
            user=request.user, student=student, change=lambda current: current.remove(certificate)
        )
        return Response(status=204)


# --- interests and support --------------------------------------------------------------------


class StudentInterestsApi(APIView):
    """What the student likes: the sectors they want to work in and their own words."""

    permission_classes = STUDENT

    @extend_schema_serializer(component_name="StudentInterestsInput")
    class InputSerializer(serializers.Serializer):
        sectors = serializers.ListField(
            child=BoundedPrimaryKeyRelatedField(queryset=Sector.objects.all()),
            allow_empty=True,
            max_length=100,
        )
        interests = serializers.CharField(allow_blank=True, max_length=1000)

    @extend_schema_serializer(component_name="StudentInterestsOutput")
    class OutputSerializer(serializers.Serializer):
        @extend_schema_serializer(component_name="StudentInterestsSector")
        class SectorSerializer(serializers.Serializer):
            id = serializers.IntegerField()
            name = serializers.CharField()

        sectors = SectorSerializer(many=True, source="sector_preferences.all")
        interests = serializers.CharField()

    EXAMPLE = OpenApiExample(
        "Interesses",
        value={"sectors": [{"id": 2, "name": "Logistiek"}], "interests": "Buiten werken"},
        response_only=True,
    )

    @extend_schema(summary="Mijn interesses", responses=OutputSerializer, examples=[EXAMPLE])
    def get(self, request):
        return Response(self.OutputSerializer(requesting_student(request)).data)

    @extend_schema(
        summary="Interesses opslaan",
        request=InputSerializer,
        responses=OutputSerializer,
        examples=[
            OpenApiExample(
                "Opslaan", value={"sectors": [2], "interests": "Buiten werken"}, request_only=True
            ),
            EXAMPLE,
        ],
    )
    def put(self, request):
        student = requesting_student(request)
        data = self.InputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        student_profile_update(
            user=request.user,
            profile=student,
            data={
                "sector_preferences": data.validated_data["sectors"],
                "interests": data.validated_data["interests"],
            },
        )
        return Response(self.OutputSerializer(requesting_student(request)).data)


@extend_schema_serializer(component_name="StudentSupportOutput")
class SupportOutputSerializer(serializers.Serializer):
    support_needs = serializers.ListField(child=serializers.CharField())
    support_labels = serializers.SerializerMethodField()
    shared = serializers.BooleanField(source="support_needs_shared")

    def get_support_labels(self, obj) -> list[str]:
        return [str(SupportKind(code).label) for code in obj.support_needs or []]


class StudentSupportApi(APIView):
    """What helps the student at work, and whether their JPO and employers may see it."""

    permission_classes = STUDENT

    @extend_schema_serializer(component_name="StudentSupportInput")
    class InputSerializer(serializers.Serializer):
        support_needs = SupportNeedsField(allow_empty=True)
        shared = serializers.BooleanField()

    EXAMPLE = OpenApiExample(
        "Hulp",
        value={"support_needs": ["jobcoach"], "support_labels": ["Jobcoach"], "shared": False},
        response_only=True,
    )

    @extend_schema(summary="Mijn hulpvraag", responses=SupportOutputSerializer, examples=[EXAMPLE])
    def get(self, request):
        return Response(SupportOutputSerializer(requesting_student(request)).data)

    @extend_schema(
        summary="Hulpvraag opslaan",
        request=InputSerializer,
        responses=SupportOutputSerializer,
        examples=[
            OpenApiExample(
                "Opslaan", value={"support_needs": ["jobcoach"], "shared": False}, request_only=True
            ),
            EXAMPLE,
        ],
    )
    def put(self, request):
        student = requesting_student(request)
        data = self.InputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        with transaction.atomic():  # both, or neither
            student_profile_update(
                user=request.user,
                profile=student,
                data={"support_needs": sorted(data.validated_data["support_needs"])},
            )
            student_consent_set(
                user=request.user,
                profile=student,
                kind=ConsentRecord.Kind.SHARE_SUPPORT_NEEDS,
                given=data.validated_data["shared"],
            )
        return Response(SupportOutputSerializer(requesting_student(request)).data)


# --- consents ---------------------------------------------------------------------------------


def _consent(student: StudentProfile, kind: str) -> dict:
    field = CONSENT_FIELDS[kind]
    return {
        "kind": kind,
        "label": ConsentRecord.Kind(kind).label,
        "given": getattr(student, field),
        "changed_at": getattr(student, f"{field}_at", None),
    }


@extend_schema_serializer(component_name="StudentConsentOutput")
class ConsentOutputSerializer(serializers.Serializer):
    kind = serializers.ChoiceField(choices=ConsentRecord.Kind.choices)
    label = serializers.CharField()
    given = serializers.BooleanField()
    changed_at = serializers.DateTimeField(allow_null=True)


CONSENT_EXAMPLE = OpenApiExample(
    "Toestemming",
    value={
        "kind": "parent_access",
        "label": "Ouder mag meekijken",
        "given": True,
        "changed_at": "2026-11-02T10:15:00+01:00",
    },
    response_only=True,
)


class StudentConsentsApi(APIView):
    """Each consent and whether it is given now."""

    permission_classes = STUDENT
    pagination_class = Pagination

    @extend_schema(
        summary="Mijn toestemmingen",
        responses=ConsentOutputSerializer(many=True),
        examples=[CONSENT_EXAMPLE],
    )
    def get(self, request):
        student = requesting_student(request)
        rows = [_consent(student, kind) for kind in ConsentRecord.Kind.values]
        return paginated_response(self, request, rows, ConsentOutputSerializer)


class StudentConsentHistoryApi(APIView):
    """Every consent given or withdrawn, the newest first."""

    permission_classes = STUDENT
    pagination_class = Pagination

    @extend_schema_serializer(component_name="StudentConsentHistoryOutput")
    class OutputSerializer(serializers.Serializer):
        kind = serializers.CharField()
        label = serializers.CharField(source="get_kind_display")
        given = serializers.BooleanField()
        recorded_at = serializers.DateTimeField()
        by_student = serializers.SerializerMethodField()

        def get_by_student(self, obj) -> bool:
            return obj.recorded_by_id == obj.student.user_id

    @extend_schema(
        summary="Geschiedenis van mijn toestemmingen",
        responses=OutputSerializer(many=True),
        examples=[
            OpenApiExample(
                "Gegeven",
                value={
                    "kind": "findable",
                    "label": "Vindbaar voor werkgevers (zonder naam)",
                    "given": True,
                    "recorded_at": "2026-11-02T10:15:00+01:00",
                    "by_student": True,
                },
                response_only=True,
            )
        ],
    )
    def get(self, request):
        student = requesting_student(request)
        rows = student.consents.select_related("student").order_by("-recorded_at", "-pk")
        return paginated_response(self, request, rows, self.OutputSerializer)


class StudentConsentApi(APIView):
    """POST gives one consent, DELETE withdraws it; the history keeps both. The kinds:
    show_to_employers, findable, parent_access, contact_after_diploma, share_support_needs."""

    permission_classes = STUDENT

    def _set(self, request, kind: str, given: bool) -> Response:
        if kind not in CONSENT_FIELDS:
            raise Http404
        student = student_consent_set(
            user=request.user, profile=requesting_student(request), kind=kind, given=given
        )
        return Response(ConsentOutputSerializer(_consent(student, kind)).data)

    @extend_schema(
        summary="Toestemming geven",
        request=None,
        responses=ConsentOutputSerializer,
        examples=[CONSENT_EXAMPLE],
    )
    def post(self, request, kind: str):
        return self._set(request, kind, True)

    @extend_schema(
        summary="Toestemming intrekken",
        request=None,
        responses=ConsentOutputSerializer,
        examples=[
            OpenApiExample(
                "Ingetrokken",
                value={
                    "kind": "parent_access",
                    "label": "Ouder mag meekijken",
                    "given": False,
                    "changed_at": "2026-11-03T09:00:00+01:00",
                },
                response_only=True,
            )
        ],
    )
    def delete(self, request, kind: str):
        return self._set(request, kind, False)
