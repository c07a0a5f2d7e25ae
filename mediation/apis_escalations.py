"""API of the escalation queue: the cases this user may see, one case, escalating a student,
and the accountmanager's take, resolve and hand back, each with the version the client read
(409 when someone else changed the case since)."""

import django_filters
from django.db.models import F
from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import OpenApiExample, extend_schema
from drf_spectacular.utils import extend_schema_serializer as component
from rest_framework import generics, serializers, status
from rest_framework.permissions import IsAuthenticated
from rest_framework.response import Response
from rest_framework.views import APIView

from config.api import Pagination, etag, required_version
from config.api_schema import IF_MATCH
from marketplace.models import Escalation
from marketplace.permissions import (
    can,
    escalations_visible_to,
    get_escalation_for_user,
    get_student_for_user,
)
from marketplace.services.audit import access_log_record, access_log_view_many

from . import selectors
from .api_access import (
    DayFilter,
    IdFilter,
    allowed_by,
    choice_text,
    person_ref,
    student_ref,
)
from .services.escalations import (
    OPEN_STATES,
    escalation_close,
    escalation_is_late,
    escalation_open_manual,
    escalation_take,
    response_time,
)

WORKSPACE = [IsAuthenticated, allowed_by("use_workspace")]
ST = Escalation.Status
# The queue's own order (as on the page): cases gone up the second rung first, then oldest first.
QUEUE_ORDER = (F("second_rung_at").asc(nulls_last=True), "opened_at", "id")
EscalationStudent = student_ref("Escalation")
EscalationPerson = person_ref("Escalation")


class EscalationFilter(django_filters.FilterSet):
    """The page's "open" and "all", plus a reason, a student, my own cases and a period."""

    state = django_filters.ChoiceFilter(
        method="_in_state",
        choices=(("open", _("Open")), ("closed", _("Afgesloten")), ("all", _("Alle"))),
        empty_label=None,
        help_text=_("open (standaard): nog zonder uitkomst; closed: afgesloten; all: alle."),
    )
    status = django_filters.MultipleChoiceFilter(
        choices=ST.choices, help_text=_("Een of meer statussen.")
    )
    reason = django_filters.MultipleChoiceFilter(
        choices=Escalation.Reason.choices, help_text=_("Een of meer redenen.")
    )
    student = IdFilter(field_name="student_id", help_text=_("Eén jongere."))
    mine = django_filters.BooleanFilter(
        method="_mine", help_text=_("true: alleen de escalaties die ik heb opgepakt.")
    )
    opened_from = DayFilter(
        field_name="opened_at", lookup_expr="date__gte", help_text=_("Geopend op of na.")
    )
    opened_to = DayFilter(
        field_name="opened_at", lookup_expr="date__lte", help_text=_("Geopend op of voor.")
    )
    ordering = django_filters.ChoiceFilter(
        method="_ordered",
        choices=(("queue", "queue"), ("opened_at", "opened_at"), ("-opened_at", "-opened_at")),
        help_text=_(
            "queue (standaard): eerst de escalaties die hoger zijn gelegd, dan de oudste; "
            "opened_at of -opened_at: op datum."
        ),
    )

    class Meta:
        model = Escalation
        fields: list[str] = []

    def __init__(self, data=None, *args, **kwargs):
        data = data.copy() if data is not None else {}
        if not data.get("state"):
            data["state"] = "open"
        super().__init__(data, *args, **kwargs)

    def filter_queryset(self, queryset):
        return super().filter_queryset(queryset.order_by(*QUEUE_ORDER))

    def _in_state(self, queryset, name, value):
        if value == "open":
            return queryset.filter(status__in=OPEN_STATES)
        if value == "closed":
            return queryset.exclude(status__in=OPEN_STATES)
        return queryset

    def _mine(self, queryset, name, value):
        if value is None:
            return queryset
        mine = queryset.filter(assigned_to=self.request.user)
        return mine if value else queryset.exclude(pk__in=mine.values("pk"))

    def _ordered(self, queryset, name, value):
        if value == "opened_at":
            return queryset.order_by("opened_at", "id")
        if value == "-opened_at":
            return queryset.order_by("-opened_at", "-id")
        return queryset


@component(component_name="EscalationOutput")
class EscalationOutputSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    version = serializers.IntegerField(help_text=_("Stuur mee bij oppakken of afsluiten."))
    status = choice_text(ST.choices)
    status_label = serializers.CharField(source="get_status_display")
    reason = choice_text(Escalation.Reason.choices)
    reason_label = serializers.CharField(source="get_reason_display")
    explanation = serializers.CharField(
        source="display_explanation",
        help_text=_("Waarom de escalatie er is, in de taal van het verzoek."),
    )
    student = EscalationStudent()
    opened_at = serializers.DateTimeField()
    opened_by = EscalationPerson(allow_null=True)
    assigned_to = EscalationPerson(allow_null=True)
    first_response_at = serializers.DateTimeField(allow_null=True)
    second_rung_at = serializers.DateTimeField(allow_null=True)
    closed_at = serializers.DateTimeField(allow_null=True)
    resolution = serializers.CharField()
    waited_seconds = serializers.SerializerMethodField(
        help_text=_("Hoe lang de escalatie wachtte (of nog wacht) op een eerste reactie.")
    )
    late = serializers.SerializerMethodField(
        help_text=_("Nog zonder eerste reactie na de reactietermijn.")
    )

    def get_waited_seconds(self, case: Escalation) -> int:
        return int(response_time(case, self.context.get("now")).total_seconds())

    def get_late(self, case: Escalation) -> bool:
        return escalation_is_late(case, self.context.get("now"))


STUDENT_EXAMPLE = {"id": 12, "name": "Sanne de Vries"}
ESCALATION_EXAMPLE = {
    "id": 7,
    "version": 1,
    "status": "open",
    "status_label": "Open",
    "reason": "stilstand",
    "reason_label": "Zoekvraag staat stil",
    "explanation": "De zoekvraag staat 30 dagen stil (de regio escaleert na 21 dagen). "
    "Uiterlijk geplaatst op 1 maart 2027.",
    "student": STUDENT_EXAMPLE,
    "opened_at": "2027-01-11T09:00:00+01:00",
    "opened_by": None,
    "assigned_to": None,
    "first_response_at": None,
    "second_rung_at": None,
    "closed_at": None,
    "resolution": "",
    "waited_seconds": 86400,
    "late": False,
}
TAKEN_EXAMPLE = ESCALATION_EXAMPLE | {
    "version": 2,
    "status": "in_behandeling",
    "status_label": "In behandeling",
    "assigned_to": {"id": 4, "name": "Ahmed Bakker"},
    "first_response_at": "2027-01-12T09:00:00+01:00",
}
RESOLVED_EXAMPLE = TAKEN_EXAMPLE | {
    "version": 3,
    "status": "opgelost",
    "status_label": "Opgelost",
    "closed_at": "2027-01-14T15:30:00+01:00",
    "resolution": "Een leerbedrijf in de buurt neemt haar aan.",
}
HANDED_BACK_EXAMPLE = RESOLVED_EXAMPLE | {
    "status": "teruggegeven",
    "status_label": "Teruggegeven",
    "resolution": "Bel de werkgever zelf nog eens; hij wil eerst een kennismaking.",
}


def _log_case(request, case: Escalation) -> None:
    access_log_record(
        user=request.user, student=case.student, action="view", context="api:escalatie"
    )


def _case_response(request, case: Escalation, *, status_code: int = 200) -> Response:
    response = Response(EscalationOutputSerializer(case).data, status=status_code)
    response["ETag"] = etag(case.version)
    return response


class EscalationListApi(generics.GenericAPIView):
    """The escalations this user may see: the region's queue for an accountmanager or the
    coordinator, the cases of their own students for a jobhunter, JPO or school."""

    permission_classes = WORKSPACE
    pagination_class = Pagination
    filter_backends = [django_filters.rest_framework.DjangoFilterBackend]
    filterset_class = EscalationFilter
    serializer_class = EscalationOutputSerializer

    def get_queryset(self):
        return escalations_visible_to(self.request.user).select_related(
            "student__user", "assigned_to", "opened_by"
        )

    @extend_schema(
        summary="Escalaties",
        responses={200: EscalationOutputSerializer(many=True)},
        examples=[
            OpenApiExample(
                "De wachtrij",
                value=ESCALATION_EXAMPLE,
                response_only=True,
            )
        ],
    )
    def get(self, request):
        page = self.paginate_queryset(self.filter_queryset(self.get_queryset()))
        access_log_view_many(
            user=request.user, student_ids=[c.student_id for c in page], context="api:escalaties"
        )
        return self.get_paginated_response(EscalationOutputSerializer(page, many=True).data)


class EscalationDetailApi(APIView):
    """One case, with what this user may do with it and the student's other escalations."""

    permission_classes = WORKSPACE

    @component(component_name="EscalationDetailOutput")
    class OutputSerializer(EscalationOutputSerializer):
        @component(component_name="EscalationHistoryItem")
        class HistorySerializer(serializers.Serializer):
            id = serializers.IntegerField()
            status = choice_text(ST.choices)
            reason = choice_text(Escalation.Reason.choices)
            opened_at = serializers.DateTimeField()
            closed_at = serializers.DateTimeField(allow_null=True)

        may_take = serializers.BooleanField()
        may_close = serializers.BooleanField()
        history = HistorySerializer(many=True)

    @extend_schema(
        summary="Eén escalatie",
        responses={200: OutputSerializer},
        examples=[
            OpenApiExample(
                "Een open escalatie",
                value=ESCALATION_EXAMPLE | {"may_take": True, "may_close": True, "history": []},
                response_only=True,
            )
        ],
    )
    def get(self, request, pk: int):
        case = get_escalation_for_user(request.user, pk)
        _log_case(request, case)
        case.may_take = can(request.user, "take_escalation", case)
        case.may_close = can(request.user, "close_escalation", case)
        case.history = list(selectors.escalation_history(case).order_by("-opened_at"))
        response = Response(self.OutputSerializer(case).data)
        response["ETag"] = etag(case.version)
        return response


class StudentEscalateApi(APIView):
    """A jobhunter or the school hands a stuck case to the region's accountmanagers."""

    permission_classes = WORKSPACE

    @component(component_name="EscalationOpenInput")
    class InputSerializer(serializers.Serializer):
        explanation = serializers.CharField(
            max_length=2000,
            allow_blank=True,
            help_text=_("Waarom loopt het vast? Wat heb je al geprobeerd? (minstens 10 tekens)"),
        )
        about_recognition = serializers.BooleanField(
            default=False, help_text=_("Het gaat om de erkenning van een leerbedrijf (SBB).")
        )

    @extend_schema(
        summary="Een jongere escaleren",
        request=InputSerializer,
        responses={201: EscalationOutputSerializer},
        examples=[
            OpenApiExample(
                "Escaleren",
                value={
                    "explanation": "Ze zoekt al maanden, zonder reactie van de werkgevers.",
                    "about_recognition": False,
                },
                request_only=True,
            ),
            OpenApiExample(
                "Geopend",
                value=ESCALATION_EXAMPLE
                | {
                    "reason": "handmatig",
                    "reason_label": "Door jobhunter aangemeld",
                    "explanation": "Ze zoekt al maanden, zonder reactie van de werkgevers.",
                    "opened_by": {"id": 3, "name": "Joost Visser"},
                },
                response_only=True,
                status_codes=["201"],
            ),
        ],
    )
    def post(self, request, student_id: int):
        student = get_student_for_user(request.user, student_id, may="escalate_student")
        data = self.InputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        case = escalation_open_manual(actor=request.user, student=student, **data.validated_data)
        return _case_response(request, case, status_code=status.HTTP_201_CREATED)


class EscalationTakeApi(APIView):
    """The accountmanager takes the case: open → in behandeling. A stale version answers 409."""

    permission_classes = WORKSPACE

    @component(component_name="EscalationTakeInput")
    class InputSerializer(serializers.Serializer):
        version = serializers.IntegerField(
            min_value=1,
            max_value=2**31 - 1,
            required=False,
            help_text=_("De versie die je het laatst las (of de If-Match-header)."),
        )

    @extend_schema(
        summary="Een escalatie oppakken",
        request=InputSerializer,
        parameters=[IF_MATCH],
        responses={200: EscalationOutputSerializer},
        examples=[
            OpenApiExample("Oppakken", value={"version": 1}, request_only=True),
            OpenApiExample("Opgepakt", value=TAKEN_EXAMPLE, response_only=True),
        ],
    )
    def post(self, request, pk: int):
        case = get_escalation_for_user(request.user, pk, may="handle_escalation")
        data = self.InputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        version = required_version(request, data.validated_data.get("version"))
        case = escalation_take(actor=request.user, escalation=case, expected_version=version)
        return _case_response(request, case)


class _CloseInput(serializers.Serializer):
    version = serializers.IntegerField(
        min_value=1,
        max_value=2**31 - 1,
        required=False,
        help_text=_("De versie die je het laatst las (of de If-Match-header)."),
    )
    resolution = serializers.CharField(
        max_length=2000,
        allow_blank=True,
        help_text=_("Wat heb je gedaan, of wat moet de jobhunter nu doen?"),
    )


class _EscalationCloseApi(APIView):
    permission_classes = WORKSPACE
    outcome = ""
    InputSerializer = _CloseInput

    def post(self, request, pk: int):
        case = get_escalation_for_user(request.user, pk, may="handle_escalation")
        data = self.InputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        version = required_version(request, data.validated_data.get("version"))
        case = escalation_close(
            actor=request.user,
            escalation=case,
            expected_version=version,
            outcome=self.outcome,
            resolution=data.validated_data["resolution"],
        )
        return _case_response(request, case)


class EscalationResolveApi(_EscalationCloseApi):
    """Close the case as resolved (opgelost); the jobhunter and the mentor hear of it."""

    outcome = ST.OPGELOST

    @component(component_name="EscalationResolveInput")
    class InputSerializer(_CloseInput):
        pass

    @extend_schema(
        summary="Een escalatie oplossen",
        request=InputSerializer,
        parameters=[IF_MATCH],
        responses={200: EscalationOutputSerializer},
        examples=[
            OpenApiExample(
                "Oplossen",
                value={"version": 2, "resolution": "Een leerbedrijf in de buurt neemt haar aan."},
                request_only=True,
            ),
            OpenApiExample("Opgelost", value=RESOLVED_EXAMPLE, response_only=True),
        ],
    )
    def post(self, request, pk: int):
        return super().post(request, pk)


class EscalationHandBackApi(_EscalationCloseApi):
    """Hand the case back to the jobhunter (teruggegeven), with what they should do now."""

    outcome = ST.TERUGGEGEVEN

    @component(component_name="EscalationHandBackInput")
    class InputSerializer(_CloseInput):
        pass

    @extend_schema(
        summary="Een escalatie teruggeven aan de jobhunter",
        request=InputSerializer,
        parameters=[IF_MATCH],
        responses={200: EscalationOutputSerializer},
        examples=[
            OpenApiExample(
                "Teruggeven",
                value={
                    "version": 2,
                    "resolution": "Bel de werkgever zelf nog eens; hij wil eerst een kennismaking.",
                },
                request_only=True,
            ),
            OpenApiExample("Teruggegeven", value=HANDED_BACK_EXAMPLE, response_only=True),
        ],
    )
    def post(self, request, pk: int):
        return super().post(request, pk)
