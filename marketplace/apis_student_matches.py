"""The student's matches through the API: "Ik heb interesse" and "Niet voor mij" (with a reason)
on a place or a match, the list, and one match with its timeline. The same services as the
student's pages; each step on a match carries the version last read, so a step on a match that
changed meanwhile answers 409 and changes nothing."""

from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import (
    OpenApiExample,
    extend_schema,
    extend_schema_field,
    extend_schema_serializer,
)
from rest_framework import serializers
from rest_framework.response import Response
from rest_framework.views import APIView

from config.api import Pagination, etag, required_version
from config.api_schema import IF_MATCH

from . import forms
from .api_fields import BoundedIntegerField
from .apis_student import STUDENT, paginated_response, requesting_student
from .models import Match
from .permissions import get_match_for_user, get_opening_for_user
from .presenters import STUDENT as STUDENT_READER
from .presenters import step_label
from .selectors import closed_reason_for, match_timeline, student_matches
from .services.matches import match_student_decline, match_student_interest

DECLINE_REASONS = [(code, label) for code, label in forms.DeclineForm.REASONS if code]


# A schema component of its own: other choice sets of the API are also called "reason".
@extend_schema_field(
    {"type": "string", "enum": [code for code, _label in DECLINE_REASONS]},
    component_name="StudentDeclineReason",
)
class DeclineReasonField(serializers.ChoiceField):
    def __init__(self, **kwargs):
        super().__init__(choices=DECLINE_REASONS, **kwargs)


class StepWordsField(serializers.CharField):
    """A status as the reader of this API reads it (presenters.step_label): the student's own
    "je"-words, or a parent's words about their child (context `reader` and the child's
    `name`); staff read the pipeline's names in their own API."""

    def __init__(self, **kwargs):
        kwargs.setdefault("read_only", True)
        kwargs.setdefault(
            "help_text",
            _("Waar de match staat, in de woorden van wie het leest (leeg: een notitie)."),
        )
        super().__init__(**kwargs)

    def to_representation(self, value) -> str:
        reader = self.context.get("reader", STUDENT_READER)
        return step_label(str(value or ""), reader=reader, name=self.context.get("name", ""))


# --- matches: list, detail with the timeline, interest and "not for me" ------------------------


@extend_schema_serializer(component_name="StudentMatchOpening")
class MatchOpeningSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    title = serializers.CharField()
    kind = serializers.CharField()
    employer = serializers.CharField(source="employer.name")
    place = serializers.CharField(source="location.place.name")


@extend_schema_serializer(component_name="StudentMatchListItem")
class MatchListItemSerializer(serializers.Serializer):
    """A row of the list: where the match stands (the reason it closed is on the match itself)."""

    id = serializers.IntegerField()
    version = serializers.IntegerField()
    status = serializers.CharField()
    status_display = StepWordsField(source="status")
    student_response = serializers.CharField()
    employer_response = serializers.CharField()
    student_shares_profile = serializers.BooleanField()
    meeting_at = serializers.DateTimeField(allow_null=True)
    created_at = serializers.DateTimeField()
    updated_at = serializers.DateTimeField()
    opening = MatchOpeningSerializer()


@extend_schema_serializer(component_name="StudentMatchOutput")
class MatchOutputSerializer(MatchListItemSerializer):
    closed_reason = serializers.SerializerMethodField()

    def get_closed_reason(self, match) -> str:
        return closed_reason_for(match, viewer=self.context["request"].user)


@extend_schema_serializer(component_name="MatchTimelineEntry")
class TimelineEntrySerializer(serializers.Serializer):
    at = serializers.DateTimeField()
    from_status = serializers.CharField()
    to_status = serializers.CharField()
    to_status_display = StepWordsField(source="to_status")
    kind = serializers.CharField()
    note = serializers.CharField()


@extend_schema_serializer(component_name="StudentMatchDetailOutput")
class MatchDetailSerializer(MatchOutputSerializer):
    timeline = serializers.SerializerMethodField()

    @extend_schema_field(TimelineEntrySerializer(many=True))
    def get_timeline(self, match) -> list:
        entries = match_timeline(match, viewer=self.context["request"].user)
        return TimelineEntrySerializer(entries, many=True, context=self.context).data


MATCH_VALUE = {
    "id": 41,
    "version": 2,
    "status": "interesse_student",
    "status_display": "Jij hebt interesse",
    "student_response": "ja",
    "employer_response": "",
    "student_shares_profile": True,
    "meeting_at": None,
    "closed_reason": "",
    "created_at": "2026-11-02T10:15:00+01:00",
    "updated_at": "2026-11-02T10:20:00+01:00",
    "opening": {
        "id": 7,
        "title": "BPV-plek magazijn",
        "kind": "bpv",
        "employer": "Bakkerij De Korenschoof",
        "place": "Groningen",
    },
}
MATCH_EXAMPLE = OpenApiExample("Match", value=MATCH_VALUE, response_only=True)
MATCH_DETAIL_EXAMPLE = OpenApiExample(
    "Match met tijdlijn",
    value={
        **MATCH_VALUE,
        "timeline": [
            {
                "at": "2026-11-02T10:20:00+01:00",
                "from_status": "",
                "to_status": "interesse_student",
                "to_status_display": "Jij hebt interesse",
                "kind": "interest",
                "note": "",
            }
        ],
    },
    response_only=True,
)


def _match_response(request, match: Match, serializer=MatchOutputSerializer) -> Response:
    match = get_match_for_user(request.user, match.pk)  # fresh, with what the output shows
    response = Response(serializer(match, context={"request": request}).data)
    response["ETag"] = etag(match.version)
    return response


class StudentMatchListApi(APIView):
    """The student's matches, the latest change first, closed ones too."""

    permission_classes = STUDENT
    pagination_class = Pagination

    @extend_schema(
        summary="Mijn matches",
        responses=MatchListItemSerializer(many=True),
        examples=[
            OpenApiExample(
                "Match",
                value={k: v for k, v in MATCH_VALUE.items() if k != "closed_reason"},
                response_only=True,
            )
        ],
    )
    def get(self, request):
        return paginated_response(
            self, request, student_matches(requesting_student(request)), MatchListItemSerializer
        )


class StudentMatchDetailApi(APIView):
    """One match of the student's with its timeline; the ETag holds the version to send back."""

    permission_classes = STUDENT

    @extend_schema(
        summary="Eén match met tijdlijn",
        responses=MatchDetailSerializer,
        examples=[MATCH_DETAIL_EXAMPLE],
    )
    def get(self, request, pk: int):
        match = get_match_for_user(request.user, pk)
        return _match_response(request, match, MatchDetailSerializer)


class StudentOpeningInterestApi(APIView):
    """ "Ik heb interesse" in a place, as on its page: the hard rules of the matcher are asked
    first. Safe to send twice."""

    permission_classes = STUDENT

    @extend_schema_serializer(component_name="StudentOpeningInterestInput")
    class InputSerializer(serializers.Serializer):
        share_profile = serializers.BooleanField(required=False)

    @extend_schema(
        summary="Interesse in een plek",
        request=InputSerializer,
        responses=MatchOutputSerializer,
        examples=[
            OpenApiExample("Interesse", value={"share_profile": True}, request_only=True),
            MATCH_EXAMPLE,
        ],
    )
    def post(self, request, pk: int):
        student = requesting_student(request)
        opening = get_opening_for_user(request.user, pk)
        data = self.InputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        share = data.validated_data.get("share_profile", student.consent_show_to_employers)
        match = match_student_interest(
            student_user=request.user, student=student, opening=opening, share_profile=share
        )
        return _match_response(request, match)


class DeclineInputSerializer(serializers.Serializer):
    reason = DeclineReasonField()
    note = serializers.CharField(required=False, allow_blank=True, max_length=500)

    def reason_text(self) -> str:
        """The same words on the timeline as the page writes."""
        form = forms.DeclineForm(self.validated_data)
        form.is_valid()
        return form.reason_text()


DECLINE_EXAMPLE = OpenApiExample(
    "Niet voor mij", value={"reason": "te_ver", "note": "Twee keer overstappen"}, request_only=True
)


class StudentOpeningDeclineApi(APIView):
    """ "Niet voor mij" with a reason: the place is not shown again; a running match ends."""

    permission_classes = STUDENT

    @extend_schema_serializer(component_name="StudentOpeningDeclineInput")
    class InputSerializer(DeclineInputSerializer):
        pass

    @extend_schema(
        summary="Niet voor mij",
        request=InputSerializer,
        responses=MatchOutputSerializer,
        examples=[DECLINE_EXAMPLE, MATCH_EXAMPLE],
    )
    def post(self, request, pk: int):
        student = requesting_student(request)
        opening = get_opening_for_user(request.user, pk)
        data = self.InputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        match = match_student_decline(
            student_user=request.user, student=student, opening=opening, reason=data.reason_text()
        )
        return _match_response(request, match)


class StudentMatchInterestApi(APIView):
    """ "Ik heb interesse" on a match, at the version last read (If-Match or `version`)."""

    permission_classes = STUDENT

    @extend_schema_serializer(component_name="StudentMatchInterestInput")
    class InputSerializer(serializers.Serializer):
        version = BoundedIntegerField(required=False, min_value=1, max_value=2**31 - 1)
        share_profile = serializers.BooleanField(required=False)

    @extend_schema(
        summary="Interesse in een match",
        parameters=[IF_MATCH],
        request=InputSerializer,
        responses=MatchOutputSerializer,
        examples=[
            OpenApiExample(
                "Interesse", value={"version": 1, "share_profile": True}, request_only=True
            ),
            MATCH_EXAMPLE,
        ],
    )
    def post(self, request, pk: int):
        student = requesting_student(request)
        match = get_match_for_user(request.user, pk)
        data = self.InputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        version = required_version(request, data.validated_data.get("version"))
        match_student_interest(
            student_user=request.user,
            student=student,
            opening=match.opening,
            share_profile=data.validated_data.get(
                "share_profile", student.consent_show_to_employers
            ),
            expected_version=version,
        )
        return _match_response(request, match)


class StudentMatchDeclineApi(APIView):
    """ "Niet voor mij" on a running match, with a reason, at the version last read."""

    permission_classes = STUDENT

    @extend_schema_serializer(component_name="StudentMatchDeclineInput")
    class InputSerializer(DeclineInputSerializer):
        version = BoundedIntegerField(required=False, min_value=1, max_value=2**31 - 1)

    @extend_schema(
        summary="Stoppen met een match",
        parameters=[IF_MATCH],
        request=InputSerializer,
        responses=MatchOutputSerializer,
        examples=[
            OpenApiExample(
                "Niet voor mij",
                value={"version": 2, "reason": "tijden", "note": ""},
                request_only=True,
            ),
            MATCH_EXAMPLE,
        ],
    )
    def post(self, request, pk: int):
        student = requesting_student(request)
        match = get_match_for_user(request.user, pk)
        data = self.InputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        match_student_decline(
            student_user=request.user,
            student=student,
            opening=match.opening,
            reason=data.reason_text(),
            expected_version=required_version(request, data.validated_data.get("version")),
        )
        return _match_response(request, match)
