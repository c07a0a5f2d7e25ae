"""The mediators' API on young people: the caseload, a student's record, the search for a
student, "waarom niet?", proposing a match, and the tasks on the caseload page.

The same selectors, services and permission layer as the workspace pages
(mediation/views/students.py); every read of a young person's data is logged like the page's.
"""

from django.urls import reverse
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

from config.api import Pagination, etag
from employers.models import Opening
from marketplace.api_fields import IdField
from marketplace.apis_matching import (
    RankedSerializer,
    RankingParamsSerializer,
    _query,
    _respond,
)
from marketplace.models import ActionItem, StudentProfile, TimelineEntry
from marketplace.permissions import (
    can,
    get_action_for_user,
    get_student_for_user,
    openings_visible_to,
)
from marketplace.selectors import invitations_seen_by, student_matches
from marketplace.services.audit import access_log_view, access_log_view_many
from marketplace.services.matches import match_propose
from marketplace.services.ranking import ranked_openings_for_student
from marketplace.services.rules import why_not
from marketplace.views.common import support_labels

from . import selectors
from .api_base import KeyedCursorPagination, WorkspaceUser
from .apis_matches import MATCH_EXAMPLE, MatchOutputSerializer, etag_header
from .filters import CASELOAD_ORDERINGS, CaseloadFilter
from .services.transition import action_done, actions_for, overgangsdokument_for

KINDS = ["bpv", "leerbaan", "vacature"]


@extend_schema_serializer(component_name="MediationSearchRequest")
class SearchRequestSerializer(serializers.Serializer):
    """A zoekvraag: what the young person looks for and by when."""

    id = serializers.IntegerField()
    kind = serializers.CharField()
    sector = serializers.IntegerField(source="sector_id", allow_null=True)
    status = serializers.CharField()
    deadline = serializers.DateField()
    note = serializers.CharField()


SEARCH_REQUEST_EXAMPLE = {
    "id": 77,
    "kind": "bpv",
    "sector": 4,
    "status": "actief",
    "deadline": "2027-02-01",
    "note": "Liefst dichtbij huis.",
}


# --- the caseload ---------------------------------------------------------------------------


class CaseloadPagination(KeyedCursorPagination):
    orderings = CASELOAD_ORDERINGS
    default = "deadline"


class CaseloadApi(GenericAPIView):
    """My young people, as on the caseload page: a jobhunter their students, a JPO their
    mentees, school staff their school; the nearest deadline of an open zoekvraag first."""

    permission_classes = [WorkspaceUser]
    filter_backends = [DjangoFilterBackend]
    filterset_class = CaseloadFilter
    pagination_class = CaseloadPagination

    @extend_schema_serializer(component_name="MediationCaseloadStudent")
    class OutputSerializer(serializers.Serializer):
        id = serializers.IntegerField()
        name = serializers.CharField(source="user.get_full_name")
        school = serializers.CharField(source="school.name")
        education_type = serializers.CharField()
        level = serializers.IntegerField()
        next_deadline = serializers.DateField(allow_null=True)
        running_matches = serializers.IntegerField(source="running")
        open_escalations = serializers.IntegerField()
        open_searches = SearchRequestSerializer(many=True)

    serializer_class = OutputSerializer

    def get_queryset(self):
        # The FilterSet asks the caseload selector with the page's own filters.
        return StudentProfile.objects.none()

    @extend_schema(
        operation_id="mediation_caseload_list",
        summary=gettext_lazy("Mijn jongeren (caseload)"),
        responses={200: OutputSerializer(many=True)},
        examples=[
            OpenApiExample(
                "Caseload",
                value=[
                    {
                        "id": 41,
                        "name": "Sanne de Vries",
                        "school": "Noorderpoort",
                        "education_type": "mbo",
                        "level": 2,
                        "next_deadline": "2027-02-01",
                        "running_matches": 2,
                        "open_escalations": 0,
                        "open_searches": [SEARCH_REQUEST_EXAMPLE],
                    }
                ],
                response_only=True,
                status_codes=["200"],
            )
        ],
    )
    def get(self, request):
        page = self.paginate_queryset(self.filter_queryset(self.get_queryset()))
        access_log_view_many(
            user=request.user, student_ids=[s.pk for s in page], context="api:caseload"
        )
        return self.get_paginated_response(self.OutputSerializer(page, many=True).data)


# --- a student's record ---------------------------------------------------------------------


@extend_schema_serializer(component_name="MediationStudentRecord")
class StudentRecordSerializer(serializers.Serializer):
    """What the record page shows this viewer: support needs only as far as the viewer may see
    them, the advies only for those who write the transition papers."""

    @extend_schema_serializer(component_name="MediationRecordMatch")
    class MatchSerializer(serializers.Serializer):
        id = serializers.IntegerField()
        version = serializers.IntegerField()
        status = serializers.CharField()
        opening = serializers.CharField(source="opening.title")
        employer = serializers.CharField(source="opening.employer.name")
        next_action = serializers.CharField()
        next_action_due = serializers.DateField(allow_null=True)

    @extend_schema_serializer(component_name="MediationRecordInvitation")
    class InvitationSerializer(serializers.Serializer):
        id = serializers.IntegerField()
        opening = serializers.CharField(source="opening.title")
        employer = serializers.CharField(source="opening.employer.name")
        status = serializers.CharField()
        created_at = serializers.DateTimeField()

    @extend_schema_serializer(component_name="MediationRecordCheckIn")
    class CheckInSerializer(serializers.Serializer):
        id = serializers.IntegerField()
        week = serializers.IntegerField()
        planned_for = serializers.DateField()
        done = serializers.BooleanField(source="done_at", default=False)
        how_it_goes = serializers.CharField()
        risk_signal = serializers.BooleanField()

    @extend_schema_serializer(component_name="MediationRecordPlacement")
    class PlacementSerializer(serializers.Serializer):
        id = serializers.IntegerField()
        employer = serializers.CharField(source="match.opening.employer.name")
        start_date = serializers.DateField()
        status = serializers.CharField()
        checkins = serializers.SerializerMethodField()

        def get_checkins(self, placement) -> list[dict]:
            serializer = StudentRecordSerializer.CheckInSerializer
            return serializer(placement.checkins.all(), many=True).data

    @extend_schema_serializer(component_name="MediationRecordTask")
    class TaskSerializer(serializers.Serializer):
        id = serializers.IntegerField()
        title = serializers.CharField(source="display_title")
        due_date = serializers.DateField()

    @extend_schema_serializer(component_name="MediationRecordEscalation")
    class EscalationSerializer(serializers.Serializer):
        id = serializers.IntegerField()
        reason = serializers.CharField()
        status = serializers.CharField()
        opened_at = serializers.DateTimeField()

    @extend_schema_serializer(component_name="MediationRecordTransition")
    class TransitionSerializer(serializers.Serializer):
        advies = serializers.CharField()
        advies_date = serializers.DateField(allow_null=True)
        consent_contact_after_diploma = serializers.BooleanField()
        overgangsdokument_status = serializers.CharField(allow_null=True)

    id = serializers.IntegerField()
    name = serializers.CharField()
    school = serializers.CharField()
    education_type = serializers.CharField()
    level = serializers.IntegerField()
    qualification = serializers.CharField(allow_null=True)
    home_place = serializers.CharField()
    travel_radius_km = serializers.IntegerField()
    available_from = serializers.DateField()
    hours_per_week = serializers.IntegerField()
    bpv_start_date = serializers.DateField(allow_null=True)
    expected_diploma_date = serializers.DateField(allow_null=True)
    support_shown = serializers.BooleanField()
    support_needs = serializers.ListField(child=serializers.CharField(), allow_null=True)
    jobhunter = serializers.CharField(allow_null=True)
    jpo = serializers.CharField(allow_null=True)
    searches = SearchRequestSerializer(many=True)
    matches = MatchSerializer(many=True)
    invitations = InvitationSerializer(many=True)
    placements = PlacementSerializer(many=True)
    tasks = TaskSerializer(many=True)
    escalations = EscalationSerializer(many=True)
    transition = TransitionSerializer(allow_null=True)
    may_propose = serializers.BooleanField()
    may_escalate = serializers.BooleanField()
    may_handle_transition = serializers.BooleanField()


def _name(user) -> str | None:
    return user.get_full_name() if user is not None else None


def student_record_for_mediator(*, viewer, student: StudentProfile) -> dict:
    """The record as the workspace's student page shows it to this viewer, from the page's own
    selectors and permission flags."""
    show_support = can(viewer, "view_support_needs", student)
    may_handle_transition = can(viewer, "handle_transition", student)
    transition = None
    if may_handle_transition:
        doc = overgangsdokument_for(student)
        transition = {
            "advies": student.advies,
            "advies_date": student.advies_date,
            "consent_contact_after_diploma": student.consent_contact_after_diploma,
            "overgangsdokument_status": doc.status if doc.pk else None,
        }
    return {
        "id": student.pk,
        "name": student.user.get_full_name(),
        "school": student.school.name,
        "education_type": student.education_type,
        "level": student.level,
        "qualification": student.qualification.name if student.qualification_id else None,
        "home_place": student.home_place.name,
        "travel_radius_km": student.travel_radius_km,
        "available_from": student.available_from,
        "hours_per_week": student.hours_per_week,
        "bpv_start_date": student.bpv_start_date,
        "expected_diploma_date": student.expected_diploma_date,
        "support_shown": show_support,
        "support_needs": support_labels(student.support_needs) if show_support else None,
        "jobhunter": _name(student.jobhunter),
        "jpo": _name(student.jpo),
        "searches": list(selectors.student_searches(student)),
        "matches": student_matches(student),
        "invitations": invitations_seen_by(viewer, student),
        "placements": selectors.student_placements(student),
        "tasks": list(selectors.student_open_actions(student)),
        "escalations": list(selectors.student_escalations(student)),
        "transition": transition,
        "may_propose": can(viewer, "propose_match", student),
        "may_escalate": can(viewer, "escalate_student", student),
        "may_handle_transition": may_handle_transition,
    }


class StudentRecordApi(APIView):
    """A young person's record, as the workspace's student page shows it to you."""

    permission_classes = [WorkspaceUser]

    @extend_schema(
        operation_id="mediation_student_retrieve",
        summary=gettext_lazy("Dossier van een jongere"),
        responses={200: StudentRecordSerializer},
        examples=[
            OpenApiExample(
                "Dossier",
                value={
                    "id": 41,
                    "name": "Sanne de Vries",
                    "school": "Noorderpoort",
                    "education_type": "mbo",
                    "level": 2,
                    "qualification": "Logistiek medewerker",
                    "home_place": "Groningen",
                    "travel_radius_km": 15,
                    "available_from": "2027-02-01",
                    "hours_per_week": 24,
                    "bpv_start_date": "2027-02-01",
                    "expected_diploma_date": "2028-07-01",
                    "support_shown": True,
                    "support_needs": ["Een vaste begeleider"],
                    "jobhunter": "Jasper Bakker",
                    "jpo": None,
                    "searches": [SEARCH_REQUEST_EXAMPLE],
                    "matches": [
                        {
                            "id": 812,
                            "version": 3,
                            "status": "interesse_werkgever",
                            "opening": "BPV-plek logistiek medewerker",
                            "employer": "Transport Noord BV",
                            "next_action": "Kennismaking plannen",
                            "next_action_due": "2027-01-12",
                        }
                    ],
                    "invitations": [],
                    "placements": [],
                    "tasks": [{"id": 9, "title": "Advies vastleggen", "due_date": "2027-03-01"}],
                    "escalations": [],
                    "transition": {
                        "advies": "",
                        "advies_date": None,
                        "consent_contact_after_diploma": False,
                        "overgangsdokument_status": None,
                    },
                    "may_propose": True,
                    "may_escalate": True,
                    "may_handle_transition": True,
                },
                response_only=True,
                status_codes=["200"],
            )
        ],
    )
    def get(self, request, student_id: int):
        student = get_student_for_user(request.user, student_id)
        access_log_view(user=request.user, student=student, context="api:werk")
        record = student_record_for_mediator(viewer=request.user, student=student)
        return Response(StudentRecordSerializer(record).data)


# --- the search for a student ---------------------------------------------------------------


@extend_schema_serializer(component_name="MediationSearchOpening")
class SearchOpeningSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    title = serializers.CharField()
    kind = serializers.CharField()
    employer = serializers.CharField(source="employer.name")
    place = serializers.CharField(source="location.place.name")
    sector = serializers.CharField(source="sector.display_name")
    start_date = serializers.DateField()
    hours_per_week = serializers.IntegerField()


@extend_schema_serializer(component_name="MediationSearchResult")
class SearchResultSerializer(RankedSerializer):
    opening = SearchOpeningSerializer()
    match_id = serializers.IntegerField(source="match.pk", default=None, allow_null=True)


@extend_schema_serializer(component_name="MediationSearchPage")
class SearchPageSerializer(serializers.Serializer):
    count = serializers.IntegerField()
    page = serializers.IntegerField()
    next = serializers.URLField(allow_null=True)
    previous = serializers.URLField(allow_null=True)
    results = SearchResultSerializer(many=True)


class StudentSearchApi(APIView):
    """The search a mediator runs for a young person: open places ranked by the engine, best
    first, each with why it fits. Places already in a match are left out unless asked for."""

    permission_classes = [WorkspaceUser]

    @extend_schema_serializer(component_name="MediationSearchInput")
    class InputSerializer(RankingParamsSerializer):
        kind = serializers.MultipleChoiceField(choices=KINDS, required=False)
        sector = serializers.ListField(child=IdField(), required=False, max_length=50)
        max_distance_km = serializers.FloatField(min_value=0.5, max_value=200, required=False)
        include_matched = serializers.BooleanField(required=False, default=False)

    @extend_schema(
        operation_id="mediation_student_search",
        summary=gettext_lazy("Passende plekken zoeken voor een jongere"),
        parameters=[
            OpenApiParameter("kind", str, many=True, enum=KINDS, explode=False),
            OpenApiParameter("sector", int, many=True, explode=False),
            OpenApiParameter("max_distance_km", float),
            OpenApiParameter(
                "include_matched",
                bool,
                description=gettext_lazy("Ook plekken waar al een match voor is."),
            ),
            OpenApiParameter("page", int),
            OpenApiParameter("page_size", int),
        ],
        responses={200: SearchPageSerializer},
        examples=[
            OpenApiExample(
                "Plekken",
                value={
                    "count": 1,
                    "page": 1,
                    "next": None,
                    "previous": None,
                    "results": [
                        {
                            "score": 81.2,
                            "score_words": "Past goed",
                            "factors": [
                                {
                                    "code": "distance",
                                    "label": "Afstand",
                                    "value": 0.8,
                                    "weight": 0.2,
                                    "contribution": 16.0,
                                }
                            ],
                            "matched": [
                                {"kind": "competency", "name": "Orderpicken", "required": True}
                            ],
                            "missing": [],
                            "reasons": ["Het is 4 km van huis."],
                            "distance_km": 4.2,
                            "match_status": None,
                            "match_id": None,
                            "opening": {
                                "id": 230,
                                "title": "BPV-plek logistiek medewerker",
                                "kind": "bpv",
                                "employer": "Transport Noord BV",
                                "place": "Groningen",
                                "sector": "Logistiek",
                                "start_date": "2027-02-01",
                                "hours_per_week": 24,
                            },
                        }
                    ],
                },
                response_only=True,
                status_codes=["200"],
            )
        ],
    )
    def get(self, request, student_id: int):
        student = get_student_for_user(request.user, student_id, may="propose_match")
        params = self.InputSerializer(data=_query(request, many=("kind", "sector")))
        params.is_valid(raise_exception=True)
        self.params = params.validated_data
        access_log_view(user=request.user, student=student, context="api:zoeken")
        matches = {m.opening_id: m for m in student_matches(student)}
        include_matched = self.params["include_matched"]
        ranked = ranked_openings_for_student(
            viewer=request.user,
            student=student,
            kinds=self.params.get("kind") or None,
            sector_ids=self.params.get("sector") or None,
            max_distance_km=self.params.get("max_distance_km"),
            limit=self.params["page"] * self.params["page_size"]
            + (0 if include_matched else len(matches)),
            channel="api",
            matches=matches,
        )
        if not include_matched:
            ranked = [r for r in ranked if r.match is None]
        return _respond(request, self, ranked, SearchResultSerializer)


@extend_schema_serializer(component_name="MediationWhyNot")
class WhyNotSerializer(serializers.Serializer):
    opening = SearchOpeningSerializer()
    fits = serializers.BooleanField()
    reasons = serializers.ListField(child=serializers.CharField())


class StudentWhyNotApi(GenericAPIView):
    """ "Waarom niet?": for places asked for by number or title, which hard rules keep each out
    of the young person's list (none: it only fits less well than others)."""

    permission_classes = [WorkspaceUser]
    filter_backends: list = []  # a fixed order: no ?ordering= here
    pagination_class = Pagination
    serializer_class = WhyNotSerializer
    queryset = Opening.objects.none()  # for the schema: the places come from `why_not`

    @extend_schema_serializer(component_name="MediationWhyNotInput")
    class InputSerializer(serializers.Serializer):
        plek = serializers.CharField(max_length=200)

    @extend_schema(
        operation_id="mediation_student_why_not",
        summary=gettext_lazy("Waarom staat een plek niet in de lijst?"),
        parameters=[
            OpenApiParameter(
                "plek",
                str,
                required=True,
                description=gettext_lazy("Nummer of een deel van de titel van de plek."),
            )
        ],
        responses={200: WhyNotSerializer(many=True)},
        examples=[
            OpenApiExample(
                "Waarom niet",
                value=[
                    {
                        "opening": {
                            "id": 231,
                            "title": "Nachtdienst magazijn",
                            "kind": "bpv",
                            "employer": "Transport Noord BV",
                            "place": "Groningen",
                            "sector": "Logistiek",
                            "start_date": "2027-02-01",
                            "hours_per_week": 24,
                        },
                        "fits": False,
                        "reasons": ["Nachtwerk mag pas vanaf 18 jaar."],
                    }
                ],
                response_only=True,
                status_codes=["200"],
            )
        ],
    )
    def get(self, request, student_id: int):
        student = get_student_for_user(request.user, student_id)
        params = self.InputSerializer(data=request.query_params)
        params.is_valid(raise_exception=True)
        found = why_not(viewer=request.user, student=student, query=params.validated_data["plek"])
        page = self.paginate_queryset(found)
        rows = [{"opening": w.opening, "fits": w.fits, "reasons": w.reasons} for w in page]
        return self.get_paginated_response(WhyNotSerializer(rows, many=True).data)


# --- proposing a match ----------------------------------------------------------------------


class ProposeApi(APIView):
    """Propose a place to a young person and the employer in one step, as on the student page:
    both get a message. A note stays in the workspace unless you share it."""

    permission_classes = [WorkspaceUser]

    @extend_schema_serializer(component_name="MediationProposeInput")
    class InputSerializer(serializers.Serializer):
        opening = IdField()
        note = serializers.CharField(max_length=500, required=False, allow_blank=True, default="")
        note_visibility = serializers.ChoiceField(
            choices=TimelineEntry.Visibility.choices, default=TimelineEntry.Visibility.INTERNAL
        )

    @extend_schema(
        operation_id="mediation_student_propose",
        summary=gettext_lazy("Een plek voorstellen (match maken)"),
        parameters=[etag_header(201)],
        request=InputSerializer,
        responses={201: MatchOutputSerializer},
        examples=[
            OpenApiExample(
                "Voorstel",
                value={
                    "opening": 230,
                    "note": "Dit bedrijf begeleidt BPV'ers goed.",
                    "note_visibility": "intern",
                },
                request_only=True,
            ),
            OpenApiExample(
                "Nieuwe match",
                value={
                    **MATCH_EXAMPLE,
                    "version": 1,
                    "status": "voorgesteld",
                    "status_display": "Voorgesteld",
                    "student_response": "",
                    "employer_response": "",
                    "next_action": "",
                    "next_action_due": None,
                },
                response_only=True,
                status_codes=["201"],
            ),
        ],
    )
    def post(self, request, student_id: int):
        student = get_student_for_user(request.user, student_id, may="propose_match")
        data = self.InputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        data = data.validated_data
        opening = openings_visible_to(request.user).filter(pk=data["opening"]).first()
        if opening is None:
            raise exceptions.ValidationError(
                {"opening": [_("Deze plek is niet meer open. Kies een andere plek.")]}
            )
        match = match_propose(
            proposer=request.user,
            student=student,
            opening=opening,
            note=data["note"],
            note_visibility=data["note_visibility"],
        )
        response = Response(MatchOutputSerializer(match).data, status=201)
        response["ETag"] = etag(match.version)
        response["Location"] = reverse("api-mediation-match", kwargs={"match_id": match.pk})
        return response


# --- tasks on the caseload page -------------------------------------------------------------


@extend_schema_serializer(component_name="MediationTask")
class TaskSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    kind = serializers.CharField()
    title = serializers.CharField(source="display_title")
    due_date = serializers.DateField()
    done_at = serializers.DateTimeField(allow_null=True)
    student = serializers.IntegerField(source="student_id")
    student_name = serializers.CharField(source="student.user.get_full_name")


TASK_EXAMPLE = {
    "id": 9,
    "kind": "advies",
    "title": "Advies vastleggen",
    "due_date": "2027-03-01",
    "done_at": None,
    "student": 41,
    "student_name": "Sanne de Vries",
}


class TaskListApi(GenericAPIView):
    """My open tasks, the soonest first (the caseload page's list)."""

    permission_classes = [WorkspaceUser]
    filter_backends: list = []  # a fixed order: no ?ordering= here
    pagination_class = Pagination
    serializer_class = TaskSerializer

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):  # the schema, built without a user
            return ActionItem.objects.none()
        return actions_for(self.request.user)

    @extend_schema(
        operation_id="mediation_tasks_list",
        summary=gettext_lazy("Mijn open taken"),
        responses={200: TaskSerializer(many=True)},
        examples=[
            OpenApiExample("Taken", value=[TASK_EXAMPLE], response_only=True, status_codes=["200"])
        ],
    )
    def get(self, request):
        page = self.paginate_queryset(self.get_queryset())
        access_log_view_many(
            user=request.user, student_ids=[a.student_id for a in page], context="api:taken"
        )
        return self.get_paginated_response(TaskSerializer(page, many=True).data)


class TaskDoneApi(APIView):
    """Tick off a task (safe to send twice)."""

    permission_classes = [WorkspaceUser]

    @extend_schema(
        operation_id="mediation_task_done",
        summary=gettext_lazy("Een taak afvinken"),
        request=None,
        responses={200: TaskSerializer},
        examples=[
            OpenApiExample(
                "Afgevinkt",
                value={**TASK_EXAMPLE, "done_at": "2026-12-03T14:05:00+01:00"},
                response_only=True,
                status_codes=["200"],
            )
        ],
    )
    def post(self, request, task_id: int):
        action = get_action_for_user(request.user, task_id)
        action = action_done(actor=request.user, action=action)
        return Response(TaskSerializer(action).data)
