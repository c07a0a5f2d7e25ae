"""API endpoints of the AVG rights for the logged-in student: my data, who looked, erase me."""

from drf_spectacular.utils import OpenApiExample, extend_schema, extend_schema_serializer
from rest_framework import serializers, status
from rest_framework.response import Response
from rest_framework.views import APIView

from .models import StudentProfile
from .permissions import ensure_can, get_own_student_profile
from .personal_data import access_rows
from .services.audit import access_log_record
from .services.erasure import erasure_request_create
from .services.personal_data import personal_data_export


def _me(request, action: str, context: str) -> StudentProfile:
    student = get_own_student_profile(request.user)  # other roles have no data of their own
    ensure_can(request.user, "view_personal_data", student)
    access_log_record(user=request.user, student=student, action=action, context=context)
    return student


class MyDataExportApi(APIView):
    """Everything stored about me, per part of the product (labels in the reader's language)."""

    @extend_schema(
        responses={200: dict},
        examples=[
            OpenApiExample(
                "Alles over mij",
                value={
                    "generated_at": "2 december 2026 09:30",
                    "subject": {"name": "Sanne Bakker", "email": "sanne@example.nl"},
                    "sections": {
                        "marketplace": {"Profiel": [{"Niveau": "MBO 2", "Woonplaats": "Veendam"}]}
                    },
                },
                response_only=True,
            )
        ],
    )
    def get(self, request):
        student = _me(request, "download", "api:avg:export")
        return Response(personal_data_export(student=student))


class MyAccessLogApi(APIView):
    """Who looked at my record and when: their role and organisation, newest first."""

    @extend_schema_serializer(component_name="AccessLogRow")
    class OutputSerializer(serializers.Serializer):
        at = serializers.CharField()
        role = serializers.CharField()
        organisation = serializers.CharField()
        action = serializers.CharField()
        context = serializers.CharField()

    @extend_schema(
        responses=OutputSerializer(many=True),
        examples=[
            OpenApiExample(
                "Bekeken door de jobhunter",
                value={
                    "at": "2026-11-30T10:12:00+01:00",
                    "role": "Jobhunter",
                    "organisation": "WSP Groningen",
                    "action": "bekeken",
                    "context": "dossier",
                },
                response_only=True,
            )
        ],
    )
    def get(self, request):
        student = _me(request, "view", "api:avg:inzage")
        keys = ("at", "role", "organisation", "action", "context")
        rows = [
            dict(zip(keys, row.values(), strict=True))
            for row in access_rows(student.pk, viewer_id=request.user.pk)
        ]
        return Response(self.OutputSerializer(rows, many=True).data)


class ErasureRequestCreateApi(APIView):
    """Ask for my data to be erased; my school or the region's coordinator decides."""

    @extend_schema_serializer(component_name="ErasureRequestInput")
    class InputSerializer(serializers.Serializer):
        reason = serializers.CharField(required=False, allow_blank=True, max_length=1000)

    @extend_schema_serializer(component_name="ErasureRequestOutput")
    class OutputSerializer(serializers.Serializer):
        id = serializers.IntegerField()
        status = serializers.CharField()
        requested_at = serializers.DateTimeField()

    @extend_schema(
        request=InputSerializer,
        responses={201: OutputSerializer},
        examples=[
            OpenApiExample(
                "Met een reden", value={"reason": "Ik heb een baan gevonden."}, request_only=True
            ),
            OpenApiExample(
                "Aangevraagd",
                value={"id": 3, "status": "requested", "requested_at": "2026-12-02T09:30:00+01:00"},
                response_only=True,
                status_codes=["201"],
            ),
        ],
    )
    def post(self, request):
        data = self.InputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        student = get_own_student_profile(request.user)
        made = erasure_request_create(
            requester=request.user, student=student, reason=data.validated_data.get("reason", "")
        )
        return Response(self.OutputSerializer(made).data, status=status.HTTP_201_CREATED)
