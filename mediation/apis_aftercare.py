"""API of keeping the place and of aftercare: check-ins (the ones due for me, one, recording
it), the outcome of a placement, and the nazorg contact moments of a PrO/VSO school-leaver."""

import datetime

import django_filters
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import OpenApiExample, extend_schema
from drf_spectacular.utils import extend_schema_serializer as component
from rest_framework import exceptions, generics, serializers, status
from rest_framework.permissions import IsAuthenticated
from rest_framework.response import Response
from rest_framework.views import APIView

from config.api import CursorPagination
from marketplace.api_fields import IdField, PlausibleDateField
from marketplace.models import AftercareContact, CheckIn, Placement
from marketplace.permissions import (
    can,
    checkins_visible_to,
    get_checkin_for_user,
    get_placement_for_user,
    get_student_for_user,
)
from marketplace.services.audit import access_log_record, access_log_view_many

from .api_access import CountFilter, IdFilter, allowed_by, choice_text, person_ref, student_ref
from .services.aftercare import aftercare_contact_record, aftercare_history, aftercare_open
from .services.placements import checkin_record, placement_outcome_set

WORKSPACE = [IsAuthenticated, allowed_by("use_workspace")]
AftercareStudent = student_ref("Aftercare")
AftercarePerson = person_ref("Aftercare")
# Cursor order per list: the open ones soonest first, the recorded ones newest first.
CHECKIN_ORDER = {"open": ("planned_for", "id"), "done": ("-done_at", "-id")}
RUNNING = Placement.Status.LOPEND


class CheckinFilter(django_filters.FilterSet):
    """As on the check-ins page: still to do (in running placements) or recorded."""

    state = django_filters.ChoiceFilter(
        method="_in_state",
        choices=(("open", _("Nog te doen")), ("done", _("Vastgelegd"))),
        empty_label=None,
        help_text=_("open (standaard): nog te doen, de eerste eerst; done: vastgelegd."),
    )
    mine = django_filters.BooleanFilter(
        method="_mine", help_text=_("true: alleen de check-ins die ik doe.")
    )
    due_within_days = CountFilter(
        method="_due_within",
        max_value=366,
        help_text=_("Alleen check-ins gepland binnen zoveel dagen (ook die over tijd zijn)."),
    )
    student = IdFilter(field_name="placement__match__student_id", help_text=_("Eén jongere."))

    class Meta:
        model = CheckIn
        fields: list[str] = []

    def __init__(self, data=None, *args, **kwargs):
        data = data.copy() if data is not None else {}
        if not data.get("state"):
            data["state"] = "open"
        super().__init__(data, *args, **kwargs)

    def _in_state(self, queryset, name, value):
        if value == "done":
            return queryset.filter(done_at__isnull=False)
        return queryset.filter(placement__status=RUNNING, done_at__isnull=True)

    def _mine(self, queryset, name, value):
        if value is None:
            return queryset
        mine = Q(assigned_to=self.request.user)
        return queryset.filter(mine) if value else queryset.exclude(mine)

    def _due_within(self, queryset, name, value):
        return queryset.filter(planned_for__lte=timezone.localdate() + datetime.timedelta(value))


@component(component_name="AftercarePlacement")
class PlacementSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    status = choice_text(Placement.Status.choices)
    start_date = serializers.DateField()
    end_date = serializers.DateField(allow_null=True)
    outcome_reason = serializers.CharField()
    outcome_at = serializers.DateTimeField(allow_null=True)
    student = AftercareStudent(source="match.student")
    employer = serializers.CharField(source="match.opening.employer.name")
    opening = serializers.CharField(source="match.opening.title")


@component(component_name="AftercareCheckin")
class CheckinOutputSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    week = serializers.IntegerField()
    planned_for = serializers.DateField()
    assigned_to = AftercarePerson(allow_null=True)
    done_at = serializers.DateTimeField(allow_null=True)
    done_by = AftercarePerson(allow_null=True)
    how_it_goes = serializers.CharField(
        help_text=_("goed, matig of slecht; leeg: nog niet gedaan.")
    )
    notes = serializers.CharField()
    risk_signal = serializers.BooleanField()
    risk_notes = serializers.CharField()
    placement = PlacementSerializer()
    may_record = serializers.SerializerMethodField(
        help_text=_("Of jij deze check-in nu kunt vastleggen.")
    )

    def get_may_record(self, checkin: CheckIn) -> bool:
        return can(self.context["request"].user, "fill_in_checkin", checkin)


PLACEMENT_EXAMPLE = {
    "id": 5,
    "status": "lopend",
    "start_date": "2027-02-01",
    "end_date": None,
    "outcome_reason": "",
    "outcome_at": None,
    "student": {"id": 12, "name": "Sanne de Vries"},
    "employer": "Bakkerij Bolletje",
    "opening": "BPV-plek logistiek",
}
CHECKIN_EXAMPLE = {
    "id": 31,
    "week": 2,
    "planned_for": "2027-02-15",
    "assigned_to": {"id": 9, "name": "Fatima el Amrani"},
    "done_at": None,
    "done_by": None,
    "how_it_goes": "",
    "notes": "",
    "risk_signal": False,
    "risk_notes": "",
    "placement": PLACEMENT_EXAMPLE,
    "may_record": True,
}
RECORDED_EXAMPLE = CHECKIN_EXAMPLE | {
    "done_at": "2027-02-15T10:12:00+01:00",
    "done_by": {"id": 9, "name": "Fatima el Amrani"},
    "how_it_goes": "matig",
    "notes": "Ze vindt het werk leuk, maar komt vaak te laat.",
    "risk_signal": True,
    "risk_notes": "De bus rijdt niet vroeg genoeg.",
    "may_record": False,
}
_CHECKIN_ROW = (
    "placement__match__student__user",
    "placement__match__opening__employer",
    "assigned_to",
    "done_by",
)


def _checkin_context(request) -> dict:
    return {"request": request}


class CheckinListApi(generics.GenericAPIView):
    """The check-ins this user may see: still to do (the earliest first) or recorded."""

    permission_classes = WORKSPACE
    pagination_class = CursorPagination
    filter_backends = [django_filters.rest_framework.DjangoFilterBackend]
    filterset_class = CheckinFilter
    serializer_class = CheckinOutputSerializer

    def get_queryset(self):
        return checkins_visible_to(self.request.user).select_related(*_CHECKIN_ROW)

    @extend_schema(
        summary="Check-ins",
        responses={200: CheckinOutputSerializer(many=True)},
        examples=[OpenApiExample("Een check-in", value=CHECKIN_EXAMPLE, response_only=True)],
    )
    def get(self, request):
        state = "done" if request.query_params.get("state") == "done" else "open"
        self.paginator.ordering = CHECKIN_ORDER[state]
        page = self.paginate_queryset(self.filter_queryset(self.get_queryset()))
        access_log_view_many(
            user=request.user,
            student_ids=[c.placement.match.student_id for c in page],
            context="api:check-ins",
        )
        data = CheckinOutputSerializer(page, many=True, context=_checkin_context(request)).data
        return self.get_paginated_response(data)


class CheckinDetailApi(APIView):
    """One check-in with its placement and the placement's other check-ins."""

    permission_classes = WORKSPACE

    @component(component_name="AftercareCheckinDetail")
    class OutputSerializer(CheckinOutputSerializer):
        others = CheckinOutputSerializer(many=True)
        may_close_placement = serializers.BooleanField()

    @extend_schema(
        summary="Eén check-in",
        responses={200: OutputSerializer},
        examples=[
            OpenApiExample(
                "Een check-in",
                value=CHECKIN_EXAMPLE | {"others": [], "may_close_placement": True},
                response_only=True,
            )
        ],
    )
    def get(self, request, pk: int):
        checkin = get_checkin_for_user(request.user, pk)
        placement = checkin.placement
        access_log_record(
            user=request.user,
            student=placement.match.student,
            action="view",
            context="api:check-in",
        )
        checkin.others = list(
            placement.checkins.exclude(pk=checkin.pk).select_related(*_CHECKIN_ROW)
        )
        checkin.may_close_placement = can(request.user, "close_placement", placement)
        return Response(self.OutputSerializer(checkin, context=_checkin_context(request)).data)


class CheckinRecordApi(APIView):
    """Record how the conversation went, once; a risk signal plans a follow-up for the
    jobhunter within a week."""

    permission_classes = WORKSPACE

    @component(component_name="AftercareCheckinRecordInput")
    class InputSerializer(serializers.Serializer):
        how_it_goes = serializers.ChoiceField(
            choices=CheckIn.HowItGoes.choices,
            error_messages={
                "required": _("Kies hoe het gaat."),
                "invalid_choice": _("Kies hoe het gaat."),
            },
        )
        notes = serializers.CharField(max_length=2000, allow_blank=True)
        risk_signal = serializers.BooleanField(default=False)
        risk_notes = serializers.CharField(max_length=2000, allow_blank=True, default="")

    @extend_schema(
        summary="Een check-in vastleggen",
        request=InputSerializer,
        responses={200: CheckinOutputSerializer},
        examples=[
            OpenApiExample(
                "Vastleggen met een risico",
                value={
                    "how_it_goes": "matig",
                    "notes": "Ze vindt het werk leuk, maar komt vaak te laat.",
                    "risk_signal": True,
                    "risk_notes": "De bus rijdt niet vroeg genoeg.",
                },
                request_only=True,
            ),
            OpenApiExample("Vastgelegd", value=RECORDED_EXAMPLE, response_only=True),
        ],
    )
    def post(self, request, pk: int):
        checkin = get_checkin_for_user(request.user, pk, may="record_checkin")
        data = self.InputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        checkin = checkin_record(actor=request.user, checkin=checkin, **data.validated_data)
        fresh = CheckIn.objects.select_related(*_CHECKIN_ROW).get(pk=checkin.pk)
        return Response(CheckinOutputSerializer(fresh, context=_checkin_context(request)).data)


class PlacementOutcomeApi(APIView):
    """Close a placement: afgerond, or uitgevallen with a reason (the place is free again and
    the jobhunter gets a task to find a new one). Open check-ins lapse."""

    permission_classes = WORKSPACE

    @component(component_name="AftercareOutcomeInput")
    class InputSerializer(serializers.Serializer):
        status = serializers.ChoiceField(
            choices=(
                (Placement.Status.AFGEROND, _("Afgerond")),
                (Placement.Status.UITGEVALLEN, _("Uitgevallen")),
            ),
            error_messages={
                "required": _("Kies afgerond of uitgevallen."),
                "invalid_choice": _("Kies afgerond of uitgevallen."),
            },
        )
        end_date = PlausibleDateField(help_text=_("De laatste dag (ISO-datum)."))
        reason = serializers.CharField(
            max_length=2000,
            allow_blank=True,
            default="",
            help_text=_("Nodig bij uitval: waarom is de plaatsing gestopt?"),
        )

    @extend_schema(
        summary="De uitkomst van een plaatsing vastleggen",
        request=InputSerializer,
        responses={200: PlacementSerializer},
        examples=[
            OpenApiExample(
                "Uitgevallen",
                value={
                    "status": "uitgevallen",
                    "end_date": "2027-03-12",
                    "reason": "Ze kon het werk niet combineren met de zorg voor haar broertje.",
                },
                request_only=True,
            ),
            OpenApiExample(
                "Vastgelegd",
                value=PLACEMENT_EXAMPLE
                | {
                    "status": "uitgevallen",
                    "end_date": "2027-03-12",
                    "outcome_reason": "Ze kon het werk niet combineren met de zorg voor haar "
                    "broertje.",
                    "outcome_at": "2027-03-12T16:00:00+01:00",
                },
                response_only=True,
            ),
        ],
    )
    def post(self, request, pk: int):
        placement = get_placement_for_user(request.user, pk, may="set_placement_outcome")
        data = self.InputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        placement = placement_outcome_set(
            actor=request.user, placement=placement, **data.validated_data
        )
        fresh = Placement.objects.select_related(
            "match__student__user", "match__opening__employer"
        ).get(pk=placement.pk)
        return Response(PlacementSerializer(fresh).data)


# --- aftercare (nazorg) after a PrO/VSO school --------------------------------------------------


@component(component_name="AftercareMoment")
class MomentSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    title = serializers.CharField(source="display_title")
    due_date = serializers.DateField()


@component(component_name="AftercareContact")
class ContactSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    moment = serializers.IntegerField(source="action_id")
    contacted_on = serializers.DateField()
    situation = choice_text(AftercareContact.Situation.choices)
    situation_label = serializers.CharField(source="get_situation_display")
    note = serializers.CharField()
    recorded_by = AftercarePerson(allow_null=True)
    recorded_at = serializers.DateTimeField()


MOMENT_EXAMPLE = {
    "id": 44,
    "title": "Nazorg: contact 3 maanden na school",
    "due_date": "2027-10-01",
}
CONTACT_EXAMPLE = {
    "id": 3,
    "moment": 44,
    "contacted_on": "2027-09-28",
    "situation": "werk",
    "situation_label": "Heeft werk",
    "note": "Werkt 24 uur bij de supermarkt, gaat goed.",
    "recorded_by": {"id": 8, "name": "Mirjam Smit"},
    "recorded_at": "2027-09-28T11:00:00+02:00",
}


class StudentAftercareApi(APIView):
    """A school-leaver's aftercare: the planned contact moments still open and the ones
    recorded."""

    permission_classes = WORKSPACE

    @component(component_name="AftercareOutput")
    class OutputSerializer(serializers.Serializer):
        student = AftercareStudent()
        may_record = serializers.BooleanField()
        moments = MomentSerializer(many=True)
        contacts = ContactSerializer(many=True)

    @extend_schema(
        summary="Nazorg van een jongere",
        responses={200: OutputSerializer},
        examples=[
            OpenApiExample(
                "Nazorg",
                value={
                    "student": {"id": 12, "name": "Sanne de Vries"},
                    "may_record": True,
                    "moments": [MOMENT_EXAMPLE],
                    "contacts": [],
                },
                response_only=True,
            )
        ],
    )
    def get(self, request, student_id: int):
        student = get_student_for_user(request.user, student_id)
        access_log_record(user=request.user, student=student, action="view", context="api:nazorg")
        data = {
            "student": student,
            "may_record": can(request.user, "record_aftercare", student),
            "moments": list(aftercare_open(student)),
            "contacts": aftercare_history(student),
        }
        return Response(self.OutputSerializer(data).data)


class StudentAftercareRecordApi(APIView):
    """Record how a planned contact moment went; the moment's task is done. Once per moment."""

    permission_classes = WORKSPACE

    @component(component_name="AftercareRecordInput")
    class InputSerializer(serializers.Serializer):
        moment = IdField(help_text=_("Het id van een open contactmoment (zie moments)."))
        contacted_on = PlausibleDateField(help_text=_("De datum van het contact (ISO-datum)."))
        situation = serializers.ChoiceField(
            choices=AftercareContact.Situation.choices,
            error_messages={
                "required": _("Kies hoe het nu gaat: werk, opleiding of niets."),
                "invalid_choice": _("Kies hoe het nu gaat: werk, opleiding of niets."),
            },
        )
        note = serializers.CharField(max_length=2000, allow_blank=True, default="")

    @extend_schema(
        summary="Een contactmoment nazorg vastleggen",
        request=InputSerializer,
        responses={201: ContactSerializer},
        examples=[
            OpenApiExample(
                "Vastleggen",
                value={
                    "moment": 44,
                    "contacted_on": "2027-09-28",
                    "situation": "werk",
                    "note": "Werkt 24 uur bij de supermarkt, gaat goed.",
                },
                request_only=True,
            ),
            OpenApiExample(
                "Vastgelegd", value=CONTACT_EXAMPLE, response_only=True, status_codes=["201"]
            ),
        ],
    )
    def post(self, request, student_id: int):
        student = get_student_for_user(request.user, student_id, may="record_aftercare")
        data = self.InputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        moment = aftercare_open(student).filter(pk=data.validated_data.pop("moment")).first()
        if moment is None:  # recorded already, by someone else or a second submit
            raise exceptions.ValidationError(
                {"moment": [_("Dit contactmoment is al vastgelegd of bestaat niet meer.")]}
            )
        contact = aftercare_contact_record(actor=request.user, action=moment, **data.validated_data)
        return Response(ContactSerializer(contact).data, status=status.HTTP_201_CREATED)
