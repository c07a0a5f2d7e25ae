"""The mediators' API on matches: the board, one match, its steps, the next action and notes.

Each operation goes through the same access helper, services and selectors as the workspace
pages (mediation/views/students.py): a change carries the version the client read (the body's
`version` or an If-Match header) and a stale one answers 409, as the page does.
"""

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django_filters.rest_framework import DjangoFilterBackend
from drf_spectacular.utils import (
    OpenApiExample,
    OpenApiParameter,
    extend_schema,
    extend_schema_serializer,
)
from rest_framework import exceptions, serializers
from rest_framework.generics import GenericAPIView
from rest_framework.response import Response
from rest_framework.views import APIView

from config.api import Pagination, etag, required_version
from config.api_schema import IF_MATCH
from marketplace.api_fields import BoundedIntegerField, PlausibleDateField
from marketplace.models import Match, MatchStatus, TimelineEntry
from marketplace.permissions import can, get_match_for_user, matches_visible_to
from marketplace.selectors import match_timeline
from marketplace.services.audit import access_log_view, access_log_view_many
from marketplace.services.matches import match_move, match_next_action_set, match_steps
from matching.validators import validate_plausible_date

from .api_base import KeyedCursorPagination, WorkspaceUser
from .filters import MATCH_ORDERINGS, MatchBoardFilter

INTERNAL = TimelineEntry.Visibility.INTERNAL
VERSION_HELP = gettext_lazy(
    "De versie van de match die je het laatst las (of stuur de ETag mee als If-Match)."
)


def etag_header(status: int = 200) -> OpenApiParameter:
    """The ETag a match answer carries: its version, to send back as If-Match."""
    return OpenApiParameter(
        "ETag",
        str,
        OpenApiParameter.HEADER,
        response={status},
        description=gettext_lazy('De versie van de match, zoals W/"3".'),
    )


def _version_field(**kwargs) -> BoundedIntegerField:
    return BoundedIntegerField(min_value=1, required=False, help_text=VERSION_HELP, **kwargs)


def _visibility_field() -> serializers.ChoiceField:
    return serializers.ChoiceField(
        choices=TimelineEntry.Visibility.choices,
        default=INTERNAL,
        help_text=gettext_lazy(
            "Wie de notitie mag lezen: alleen begeleiders (intern, standaard) of ook de "
            "jongere, de ouder en de werkgever (gedeeld)."
        ),
    )


# --- what a match looks like to the workspace ------------------------------------------------


@extend_schema_serializer(component_name="MediationMatchStudent")
class MatchStudentSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    name = serializers.CharField(source="user.get_full_name")


@extend_schema_serializer(component_name="MediationMatchOpening")
class MatchOpeningSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    title = serializers.CharField()
    kind = serializers.CharField()
    employer = serializers.CharField(source="employer.name")
    place = serializers.CharField(source="location.place.name")


@extend_schema_serializer(component_name="MediationBlockedStep")
class BlockedStepSerializer(serializers.Serializer):
    status = serializers.CharField()
    label = serializers.CharField()
    reasons = serializers.ListField(child=serializers.CharField())


@extend_schema_serializer(component_name="MediationMatch")
class MatchOutputSerializer(serializers.Serializer):
    """One match as the workspace sees it, with the version to send back with a change."""

    id = serializers.IntegerField()
    version = serializers.IntegerField()
    status = serializers.ChoiceField(choices=MatchStatus.choices)
    status_display = serializers.CharField(source="get_status_display")
    source = serializers.CharField()
    student = MatchStudentSerializer()
    opening = MatchOpeningSerializer()
    student_response = serializers.CharField()
    employer_response = serializers.CharField()
    next_action = serializers.CharField()
    next_action_due = serializers.DateField(allow_null=True)
    meeting_at = serializers.DateTimeField(allow_null=True)
    closed_reason = serializers.CharField()
    score = serializers.FloatField(allow_null=True)
    created_at = serializers.DateTimeField()
    updated_at = serializers.DateTimeField()


@extend_schema_serializer(component_name="MediationMatchDetail")
class MatchDetailSerializer(MatchOutputSerializer):
    """A match with the steps this viewer may take now, and the steps a hard rule blocks."""

    allowed_steps = serializers.ListField(child=serializers.CharField())
    blocked_steps = BlockedStepSerializer(many=True)


MATCH_EXAMPLE = {
    "id": 812,
    "version": 3,
    "status": "interesse_werkgever",
    "status_display": "Interesse werkgever",
    "source": "mediator",
    "student": {"id": 41, "name": "Sanne de Vries"},
    "opening": {
        "id": 230,
        "title": "BPV-plek logistiek medewerker",
        "kind": "bpv",
        "employer": "Transport Noord BV",
        "place": "Groningen",
    },
    "student_response": "ja",
    "employer_response": "ja",
    "next_action": "Kennismaking plannen",
    "next_action_due": "2027-01-12",
    "meeting_at": None,
    "closed_reason": "",
    "score": 78.5,
    "created_at": "2026-12-01T09:30:00+01:00",
    "updated_at": "2026-12-03T14:05:00+01:00",
}
MATCH_DETAIL_EXAMPLE = {
    **MATCH_EXAMPLE,
    "allowed_steps": ["kennismaking", "afgewezen", "ingetrokken"],
    "blocked_steps": [],
}


def match_answer_example(title: str, http_status: int = 200, **changes) -> OpenApiExample:
    """A response example: the match as the workspace reads it after a write (version 4)."""
    return OpenApiExample(
        title,
        value={**MATCH_DETAIL_EXAMPLE, "version": 4, **changes},
        response_only=True,
        status_codes=[str(http_status)],
    )


def match_detail(request, match: Match) -> Response:
    """The match as the workspace reads it, with its ETag (the version to send back)."""
    may_move = can(request.user, "move_match", match)
    allowed, blocked = match_steps(match) if may_move else (set(), {})
    match.allowed_steps = sorted(allowed)
    match.blocked_steps = [
        {"status": step, "label": str(MatchStatus(step).label), "reasons": reasons}
        for step, reasons in blocked.items()
    ]
    response = Response(MatchDetailSerializer(match).data)
    response["ETag"] = etag(match.version)
    return response


# --- the board -------------------------------------------------------------------------------


class MatchBoardPagination(KeyedCursorPagination):
    orderings = MATCH_ORDERINGS
    default = "next_action_due"


class MatchListApi(GenericAPIView):
    """The matches of my young people, like the board: the most urgent next step first."""

    permission_classes = [WorkspaceUser]
    filter_backends = [DjangoFilterBackend]
    filterset_class = MatchBoardFilter
    pagination_class = MatchBoardPagination
    serializer_class = MatchOutputSerializer

    def get_queryset(self):
        return matches_visible_to(self.request.user).select_related(
            "student__user", "opening__employer", "opening__location__place"
        )

    @extend_schema(
        operation_id="mediation_matches_list",
        summary=gettext_lazy("Matches van mijn jongeren (het bord)"),
        responses={200: MatchOutputSerializer(many=True)},
        examples=[
            OpenApiExample("Bord", value=[MATCH_EXAMPLE], response_only=True, status_codes=["200"])
        ],
    )
    def get(self, request):
        page = self.paginate_queryset(self.filter_queryset(self.get_queryset()))
        access_log_view_many(
            user=request.user, student_ids=[m.student_id for m in page], context="api:matchbord"
        )
        return self.get_paginated_response(MatchOutputSerializer(page, many=True).data)


# --- one match ------------------------------------------------------------------------------


class MatchDetailApi(APIView):
    """One match in the workspace: where it stands, which steps can follow, and its ETag."""

    permission_classes = [WorkspaceUser]

    @extend_schema(
        operation_id="mediation_match_retrieve",
        summary=gettext_lazy("Eén match, met de stappen die nu kunnen"),
        parameters=[etag_header()],
        responses={200: MatchDetailSerializer},
        examples=[
            OpenApiExample(
                "Match", value=MATCH_DETAIL_EXAMPLE, response_only=True, status_codes=["200"]
            )
        ],
    )
    def get(self, request, match_id: int):
        match = get_match_for_user(request.user, match_id)
        access_log_view(user=request.user, student=match.student, context="api:match")
        return match_detail(request, match)


class MatchStepApi(APIView):
    """Move a match to its next step, exactly as the match page does: the pipeline's allowed
    steps, the engine's hard rules and the version (409 when someone changed it meanwhile)."""

    permission_classes = [WorkspaceUser]

    @extend_schema_serializer(component_name="MediationMatchStepInput")
    class InputSerializer(serializers.Serializer):
        version = _version_field()
        to_status = serializers.ChoiceField(choices=MatchStatus.choices)
        reason = serializers.CharField(
            max_length=500,
            required=False,
            allow_blank=True,
            default="",
            help_text=gettext_lazy("Nodig bij afwijzen of intrekken."),
        )
        note_visibility = _visibility_field()
        meeting_at = serializers.DateTimeField(
            required=False,
            allow_null=True,
            default=None,
            validators=[validate_plausible_date],
            help_text=gettext_lazy("Nodig bij kennismaking."),
        )
        start_date = PlausibleDateField(
            required=False,
            allow_null=True,
            default=None,
            help_text=gettext_lazy("De eerste werkdag, bij geplaatst."),
        )

    @extend_schema(
        operation_id="mediation_match_step",
        summary=gettext_lazy("Een match naar de volgende stap zetten"),
        parameters=[IF_MATCH, etag_header(200)],
        request=InputSerializer,
        responses={200: MatchDetailSerializer},
        examples=[
            OpenApiExample(
                "Kennismaking",
                value={
                    "version": 3,
                    "to_status": "kennismaking",
                    "meeting_at": "2027-01-12T10:00:00+01:00",
                },
                request_only=True,
            ),
            OpenApiExample(
                "Afwijzen",
                value={
                    "version": 3,
                    "to_status": "afgewezen",
                    "reason": "De werkgever zoekt iemand met een heftruckcertificaat.",
                    "note_visibility": "gedeeld",
                },
                request_only=True,
            ),
            match_answer_example(
                "Match na de stap",
                status="kennismaking",
                status_display="Kennismaking",
                meeting_at="2027-01-12T10:00:00+01:00",
                allowed_steps=["aanbod", "afgewezen", "ingetrokken"],
            ),
        ],
    )
    def post(self, request, match_id: int):
        match = get_match_for_user(request.user, match_id, may="move_match")
        data = _valid(self.InputSerializer, request)
        match = match_move(
            actor=request.user,
            match=match,
            to_status=data["to_status"],
            expected_version=required_version(request, data.get("version")),
            reason=data["reason"],
            note_visibility=data["note_visibility"],
            meeting_at=data["meeting_at"],
            start_date=data["start_date"],
        )
        return match_detail(request, match)


def _valid(serializer_class, request) -> dict:
    serializer = serializer_class(data=request.data)
    serializer.is_valid(raise_exception=True)
    return serializer.validated_data


class MatchNextActionSetApi(APIView):
    """Write down the next step on a match (with a date) and, if you like, a note for the
    timeline: internal unless you share it."""

    permission_classes = [WorkspaceUser]

    @extend_schema_serializer(component_name="MediationMatchNextActionInput")
    class InputSerializer(serializers.Serializer):
        version = _version_field()
        next_action = serializers.CharField(
            max_length=200, required=False, allow_blank=True, default=""
        )
        next_action_due = PlausibleDateField(required=False, allow_null=True, default=None)
        note = serializers.CharField(max_length=1000, required=False, allow_blank=True, default="")
        note_visibility = _visibility_field()

    @extend_schema(
        operation_id="mediation_match_next_action_set",
        summary=gettext_lazy("De volgende stap van een match vastleggen"),
        parameters=[IF_MATCH, etag_header(200)],
        request=InputSerializer,
        responses={200: MatchDetailSerializer},
        examples=[
            OpenApiExample(
                "Volgende stap",
                value={
                    "version": 3,
                    "next_action": "Kennismaking plannen",
                    "next_action_due": "2027-01-12",
                    "note": "Werkgever belt terug na de kerst.",
                },
                request_only=True,
            ),
            match_answer_example("Match met de volgende stap"),
        ],
    )
    def post(self, request, match_id: int):
        match = get_match_for_user(request.user, match_id, may="move_match")
        data = _valid(self.InputSerializer, request)
        match = match_next_action_set(
            actor=request.user,
            match=match,
            expected_version=required_version(request, data.get("version")),
            next_action=data["next_action"],
            next_action_due=data["next_action_due"],
            note=data["note"],
            note_visibility=data["note_visibility"],
        )
        return match_detail(request, match)


class MatchNextActionDoneApi(APIView):
    """The next step is done: it is cleared, and the timeline says so (with your note)."""

    permission_classes = [WorkspaceUser]

    @extend_schema_serializer(component_name="MediationMatchNextActionDoneInput")
    class InputSerializer(serializers.Serializer):
        version = _version_field()
        note = serializers.CharField(max_length=1000, required=False, allow_blank=True, default="")
        note_visibility = _visibility_field()

    @extend_schema(
        operation_id="mediation_match_next_action_done",
        summary=gettext_lazy("De volgende stap van een match afvinken"),
        parameters=[IF_MATCH, etag_header(200)],
        request=InputSerializer,
        responses={200: MatchDetailSerializer},
        examples=[
            OpenApiExample(
                "Gedaan",
                value={"version": 4, "note": "Gebeld: kennismaking staat op 12 januari."},
                request_only=True,
            ),
            match_answer_example(
                "Match zonder volgende stap", version=5, next_action="", next_action_due=None
            ),
        ],
    )
    def post(self, request, match_id: int):
        match = get_match_for_user(request.user, match_id, may="move_match")
        data = _valid(self.InputSerializer, request)
        version = required_version(request, data.get("version"))
        if version == match.version and not match.next_action:  # a stale version: the 409
            raise exceptions.ValidationError(
                {"non_field_errors": [_("Deze match heeft geen volgende stap om af te vinken.")]}
            )
        note = data["note"] or _("Gedaan: %(step)s") % {"step": match.next_action}
        match = match_next_action_set(
            actor=request.user,
            match=match,
            expected_version=version,
            next_action="",
            next_action_due=None,
            note=note,
            note_visibility=data["note_visibility"],
        )
        return match_detail(request, match)


# --- notes: the match's timeline -------------------------------------------------------------


@extend_schema_serializer(component_name="MediationTimelineEntry")
class TimelineEntrySerializer(serializers.Serializer):
    id = serializers.IntegerField()
    at = serializers.DateTimeField()
    actor = serializers.SerializerMethodField()
    kind = serializers.CharField()
    from_status = serializers.CharField()
    to_status = serializers.CharField()
    note = serializers.CharField()
    note_visibility = serializers.ChoiceField(choices=TimelineEntry.Visibility.choices)

    def get_actor(self, entry: TimelineEntry) -> str:
        return entry.actor.get_full_name() if entry.actor_id else ""


ENTRY_EXAMPLE = {
    "id": 5120,
    "at": "2026-12-03T14:05:00+01:00",
    "actor": "Jasper Bakker",
    "kind": "note",
    "from_status": "interesse_werkgever",
    "to_status": "interesse_werkgever",
    "note": "Werkgever belt terug na de kerst.",
    "note_visibility": "intern",
}


class MatchNoteListApi(GenericAPIView):
    """A match's timeline: its steps and notes, oldest first, internal ones included (the
    workspace reads them; the student, parent and employer only what was shared)."""

    permission_classes = [WorkspaceUser]
    filter_backends: list = []  # a fixed order: no ?ordering= here
    pagination_class = Pagination
    serializer_class = TimelineEntrySerializer
    queryset = TimelineEntry.objects.none()  # for the schema: the entries come from the selector

    @extend_schema(
        operation_id="mediation_match_notes_list",
        summary=gettext_lazy("Tijdlijn en notities van een match"),
        responses={200: TimelineEntrySerializer(many=True)},
        examples=[
            OpenApiExample(
                "Tijdlijn", value=[ENTRY_EXAMPLE], response_only=True, status_codes=["200"]
            )
        ],
    )
    def get(self, request, match_id: int):
        match = get_match_for_user(request.user, match_id)
        access_log_view(user=request.user, student=match.student, context="api:tijdlijn")
        page = self.paginate_queryset(match_timeline(match, viewer=request.user))
        return self.get_paginated_response(TimelineEntrySerializer(page, many=True).data)


class MatchNoteCreateApi(APIView):
    """A note on a match's timeline. Internal to the workspace unless you share it; the next
    step stays as it is."""

    permission_classes = [WorkspaceUser]

    @extend_schema_serializer(component_name="MediationMatchNoteInput")
    class InputSerializer(serializers.Serializer):
        version = _version_field()
        note = serializers.CharField(max_length=1000)
        note_visibility = _visibility_field()

    @extend_schema(
        operation_id="mediation_match_note_create",
        summary=gettext_lazy("Een notitie bij een match schrijven"),
        parameters=[IF_MATCH, etag_header(201)],
        request=InputSerializer,
        responses={201: MatchDetailSerializer},
        examples=[
            OpenApiExample(
                "Interne notitie",
                value={"version": 3, "note": "Moeder belt liever na 16 uur."},
                request_only=True,
            ),
            OpenApiExample(
                "Gedeelde notitie",
                value={
                    "version": 3,
                    "note": "Neem je id-kaart mee naar de kennismaking.",
                    "note_visibility": "gedeeld",
                },
                request_only=True,
            ),
            match_answer_example("Match na de notitie", http_status=201),
        ],
    )
    def post(self, request, match_id: int):
        match = get_match_for_user(request.user, match_id, may="move_match")
        data = _valid(self.InputSerializer, request)
        # The page's form carries the current next step along with a note; so does this.
        match = match_next_action_set(
            actor=request.user,
            match=match,
            expected_version=required_version(request, data.get("version")),
            next_action=match.next_action,
            next_action_due=match.next_action_due,
            note=data["note"],
            note_visibility=data["note_visibility"],
        )
        response = match_detail(request, match)
        response.status_code = 201
        return response
