"""The employer's SBB recognitions (erkenningen) through the API, read only: one row per
qualification with the recognition that counts now, the next one and the BPV-plekken that
depend on it, as on the recognitions page (employers.services.recognitions)."""

from django.utils import timezone
from drf_spectacular.utils import OpenApiExample, extend_schema, extend_schema_serializer
from rest_framework import serializers
from rest_framework.generics import GenericAPIView
from rest_framework.permissions import IsAuthenticated

from config.api import Pagination

from .apis_common import IsEmployerMember
from .services.recognitions import employer_recognition_overview

RECOGNITION_EXAMPLE = {
    "qualification": {"id": 5, "crebo": "25180", "name": "Medewerker horeca"},
    "current": {
        "valid_from": "2024-09-01",
        "valid_to": "2027-01-15",
        "state": "expiring",
        "state_label": "verloopt over 45 dagen",
        "days_left": 45,
    },
    "next": None,
    "openings": [{"id": 42, "title": "Hulp in de keuken", "status": "open"}],
}


@extend_schema_serializer(component_name="EmployerRecognitionPeriod")
class _PeriodSerializer(serializers.Serializer):
    valid_from = serializers.DateField()
    valid_to = serializers.DateField(allow_null=True)
    state = serializers.ChoiceField(choices=["valid", "expiring", "expired", "future"])
    state_label = serializers.CharField()
    days_left = serializers.IntegerField(allow_null=True)


def _period(recognition, state) -> dict | None:
    if recognition is None:
        return None
    return {
        "valid_from": recognition.valid_from,
        "valid_to": recognition.valid_to,
        "state": state.code,
        "state_label": str(state.label),
        "days_left": state.days_left,
    }


class EmployerRecognitionListApi(GenericAPIView):
    """The organisation's recognitions, one row per qualification, by qualification name."""

    permission_classes = [IsAuthenticated, IsEmployerMember]
    pagination_class = Pagination
    filter_backends: list = []

    @extend_schema_serializer(component_name="EmployerRecognition")
    class OutputSerializer(serializers.Serializer):
        @extend_schema_serializer(component_name="EmployerRecognitionQualification")
        class QualificationSerializer(serializers.Serializer):
            id = serializers.IntegerField()
            crebo = serializers.CharField()
            name = serializers.CharField()

        @extend_schema_serializer(component_name="EmployerRecognitionOpening")
        class OpeningSerializer(serializers.Serializer):
            id = serializers.IntegerField()
            title = serializers.CharField()
            status = serializers.CharField()

        qualification = QualificationSerializer()
        current = _PeriodSerializer(allow_null=True)
        next = _PeriodSerializer(allow_null=True)
        openings = OpeningSerializer(many=True)

    serializer_class = OutputSerializer

    @extend_schema(
        summary="De erkenningen van je organisatie",
        responses=OutputSerializer(many=True),
        examples=[OpenApiExample("Een erkenning", value=RECOGNITION_EXAMPLE, response_only=True)],
    )
    def get(self, request):
        overview = employer_recognition_overview(
            employer=request.user.employer, today=timezone.localdate()
        )
        rows = [
            {
                "qualification": row.qualification,
                "current": _period(row.current, row.state),
                "next": _period(row.next, row.next_state),
                "openings": row.openings,
            }
            for row in overview["rows"]
        ]
        page = self.paginate_queryset(rows)
        return self.get_paginated_response(self.OutputSerializer(page, many=True).data)
