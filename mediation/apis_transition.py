"""API of the transition from school to work: the advies arbeid/doorstroom and the contact after
the diploma, the overgangsdokument as the school or jobhunter writes and sends it, and as the
werkcoach receives it (only the ones sent to them)."""

import django_filters
from django.http import HttpResponse
from django.utils.translation import gettext_lazy as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiExample, OpenApiResponse, extend_schema
from drf_spectacular.utils import extend_schema_serializer as component
from rest_framework import exceptions, generics, serializers
from rest_framework.permissions import IsAuthenticated
from rest_framework.renderers import JSONRenderer
from rest_framework.response import Response
from rest_framework.views import APIView

from config.api import Pagination
from marketplace.api_fields import IdField, PlausibleDateField
from marketplace.models import Overgangsdokument, StudentProfile
from marketplace.permissions import (
    can,
    get_overgangsdokument_for_user,
    get_student_for_user,
)
from marketplace.services.audit import access_log_record, access_log_view_many
from matching.validators import validate_plausible_date

from .api_access import allowed_by, choice_text, person_ref, student_ref
from .services.transition import (
    OVERGANGSDOKUMENT_FIELDS,
    advies_due,
    advies_record,
    contact_after_diploma_set,
    contact_due,
    overgangsdokument_confirm_receipt,
    overgangsdokument_for,
    overgangsdokument_invite,
    overgangsdokument_pdf,
    overgangsdokument_save,
    overgangsdokument_send,
    overgangsdokumenten_for_werkcoach,
    werkcoaches_for,
)

WORKSPACE = [IsAuthenticated, allowed_by("use_workspace")]
WERKCOACH = [IsAuthenticated, allowed_by("receive_overgangsdokumenten")]
TransitionStudent = student_ref("Transition")
TransitionPerson = person_ref("Transition")
ST = Overgangsdokument.Status
ADVIES_CHOICES = (
    (StudentProfile.Advies.ARBEID, _("Arbeid")),
    (StudentProfile.Advies.DOORSTROOM, _("Doorstroom naar vervolgopleiding")),
)
TEXT_MAX = 5000


def _transition_student(request, student_id: int) -> StudentProfile:
    """The school's or jobhunter's student (404 for another's, 403 for a JPO)."""
    return get_student_for_user(request.user, student_id, may="handle_transition")


# --- the advies and the contact after the diploma ---------------------------------------------


@component(component_name="TransitionAdviesOutput")
class AdviesOutputSerializer(serializers.Serializer):
    student = TransitionStudent(source="*")
    advies = choice_text(StudentProfile.Advies.choices)
    advies_label = serializers.CharField(source="get_advies_display")
    advies_date = serializers.DateField(allow_null=True)
    advies_due = serializers.SerializerMethodField(
        help_text=_("Uiterlijk vastleggen op (16 weken voor het diploma).")
    )
    contact_after_diploma = serializers.BooleanField(source="consent_contact_after_diploma")
    contact_due = serializers.SerializerMethodField(
        help_text=_(
            "Contact opnemen rond (18 weken na het diploma), als de jongere het goed vindt."
        )
    )

    def get_advies_due(self, student: StudentProfile) -> str | None:
        due = advies_due(student)
        return due.isoformat() if due else None

    def get_contact_due(self, student: StudentProfile) -> str | None:
        due = contact_due(student)
        return due.isoformat() if due else None


ADVIES_EXAMPLE = {
    "student": {"id": 12, "name": "Sanne de Vries"},
    "advies": "arbeid",
    "advies_label": "Arbeid",
    "advies_date": "2027-02-20",
    "advies_due": "2027-03-08",
    "contact_after_diploma": True,
    "contact_due": "2027-11-03",
}


def _advies_response(student: StudentProfile) -> Response:
    return Response(AdviesOutputSerializer(student).data)


class StudentAdviesApi(APIView):
    """The advies arbeid/doorstroom and the contact after the diploma, with their due dates."""

    permission_classes = WORKSPACE

    @extend_schema(
        summary="Advies en contact na het diploma",
        responses={200: AdviesOutputSerializer},
        examples=[OpenApiExample("Advies", value=ADVIES_EXAMPLE, response_only=True)],
    )
    def get(self, request, student_id: int):
        student = _transition_student(request, student_id)
        access_log_record(user=request.user, student=student, action="view", context="api:advies")
        return _advies_response(student)


class StudentAdviesUpdateApi(APIView):
    """Record the advies arbeid/doorstroom; the advies task is done."""

    permission_classes = WORKSPACE

    @component(component_name="TransitionAdviesInput")
    class InputSerializer(serializers.Serializer):
        advies = serializers.ChoiceField(
            choices=ADVIES_CHOICES,
            error_messages={
                "required": _("Kies arbeid of doorstroom."),
                "invalid_choice": _("Kies arbeid of doorstroom."),
            },
        )
        advies_date = PlausibleDateField(help_text=_("De datum van het advies (ISO-datum)."))

    @extend_schema(
        summary="Het advies vastleggen",
        request=InputSerializer,
        responses={200: AdviesOutputSerializer},
        examples=[
            OpenApiExample(
                "Arbeid",
                value={"advies": "arbeid", "advies_date": "2027-02-20"},
                request_only=True,
            ),
            OpenApiExample("Vastgelegd", value=ADVIES_EXAMPLE, response_only=True),
        ],
    )
    def post(self, request, student_id: int):
        student = _transition_student(request, student_id)
        data = self.InputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        return _advies_response(
            advies_record(actor=request.user, student=student, **data.validated_data)
        )


class _StatedBooleanField(serializers.BooleanField):
    """Required in a form post too: a missing answer is not a "no" (DRF reads a missing
    checkbox as false)."""

    default_empty_html = serializers.empty


class StudentContactAfterDiplomaApi(APIView):
    """Record what the student said about being contacted after the diploma; the contact is
    planned (or dropped) right away."""

    permission_classes = WORKSPACE

    @component(component_name="TransitionContactInput")
    class InputSerializer(serializers.Serializer):
        given = _StatedBooleanField(
            help_text=_("Mag de jongere na het diploma benaderd worden? Vraag het de jongere.")
        )

    @extend_schema(
        summary="Contact na het diploma vastleggen",
        request=InputSerializer,
        responses={200: AdviesOutputSerializer},
        examples=[
            OpenApiExample("Ja", value={"given": True}, request_only=True),
            OpenApiExample("Vastgelegd", value=ADVIES_EXAMPLE, response_only=True),
        ],
    )
    def post(self, request, student_id: int):
        student = _transition_student(request, student_id)
        data = self.InputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        student = contact_after_diploma_set(
            actor=request.user, student=student, given=data.validated_data["given"]
        )
        return _advies_response(student)


# --- the overgangsdokument as the school or jobhunter writes it -------------------------------


class _DocumentSerializer(serializers.Serializer):
    id = serializers.IntegerField(allow_null=True, help_text=_("Leeg: nog niet opgeslagen."))
    student = TransitionStudent()
    status = choice_text(ST.choices)
    status_label = serializers.CharField(source="get_status_display")
    advies = choice_text(StudentProfile.Advies.choices)
    strengths = serializers.CharField()
    attention_points = serializers.CharField()
    support = serializers.CharField()
    work_experience = serializers.CharField()
    diplomas_and_certificates = serializers.CharField()
    wishes = serializers.CharField()
    werkcoach = TransitionPerson(allow_null=True)
    sent_at = serializers.DateTimeField(allow_null=True)
    received_at = serializers.DateTimeField(allow_null=True)
    invited_at = serializers.DateTimeField(allow_null=True)
    updated = serializers.SerializerMethodField(
        help_text=_("Stuur mee bij opslaan: zo zie je het als iemand anders het net aanpaste.")
    )

    def get_updated(self, doc: Overgangsdokument) -> str:
        return doc.updated_at.isoformat() if doc.updated_at else ""


@component(component_name="TransitionDocumentOutput")
class DocumentOutputSerializer(_DocumentSerializer):
    werkcoaches = serializers.SerializerMethodField(
        help_text=_("De werkcoaches van de regio aan wie je het kunt versturen.")
    )

    def get_werkcoaches(self, doc: Overgangsdokument) -> list[dict]:
        return [{"id": u.pk, "name": u.get_full_name()} for u in werkcoaches_for(doc.student)]


DOCUMENT_EXAMPLE = {
    "id": 6,
    "student": {"id": 12, "name": "Sanne de Vries"},
    "status": "concept",
    "status_label": "Concept",
    "advies": "arbeid",
    "strengths": "Zorgvuldig en altijd op tijd.",
    "attention_points": "Heeft tijd nodig bij nieuwe taken.",
    "support": "Een vaste begeleider op de werkvloer.",
    "work_experience": "Stage bij de supermarkt (6 maanden).",
    "diplomas_and_certificates": "Branchecertificaat logistiek",
    "wishes": "Werken in een magazijn, dichtbij huis.",
    "werkcoach": None,
    "sent_at": None,
    "received_at": None,
    "invited_at": None,
    "updated": "2027-03-01T10:00:00.123456+01:00",
}
SENT_EXAMPLE = DOCUMENT_EXAMPLE | {
    "status": "verstuurd",
    "status_label": "Verstuurd",
    "werkcoach": {"id": 21, "name": "Karin Jansen"},
    "sent_at": "2027-03-02T09:00:00+01:00",
}


def _document_response(doc: Overgangsdokument, *, status_code: int = 200) -> Response:
    return Response(DocumentOutputSerializer(doc).data, status=status_code)


class StudentOvergangsdokumentApi(APIView):
    """The student's overgangsdokument as the school or jobhunter writes it (a concept until
    it is sent), with the werkcoaches it can go to."""

    permission_classes = WORKSPACE

    @extend_schema(
        summary="Het overgangsdokument van een jongere",
        responses={200: DocumentOutputSerializer},
        examples=[
            OpenApiExample(
                "Concept",
                value=DOCUMENT_EXAMPLE | {"werkcoaches": [{"id": 21, "name": "Karin Jansen"}]},
                response_only=True,
            )
        ],
    )
    def get(self, request, student_id: int):
        student = _transition_student(request, student_id)
        access_log_record(user=request.user, student=student, action="view", context="api:overgang")
        return _document_response(overgangsdokument_for(student))


class StudentOvergangsdokumentSaveApi(APIView):
    """Write the overgangsdokument: the first save creates it. Fields left out keep their text;
    with `updated` from the last read, a change by someone else in between answers 409."""

    permission_classes = WORKSPACE
    api_errors = (409,)

    @component(component_name="TransitionDocumentInput")
    class InputSerializer(serializers.Serializer):
        advies = serializers.ChoiceField(
            choices=ADVIES_CHOICES,
            allow_blank=True,
            required=False,
            error_messages={"invalid_choice": _("Kies arbeid of doorstroom.")},
        )
        strengths = serializers.CharField(max_length=TEXT_MAX, allow_blank=True, required=False)
        attention_points = serializers.CharField(
            max_length=TEXT_MAX, allow_blank=True, required=False
        )
        support = serializers.CharField(max_length=TEXT_MAX, allow_blank=True, required=False)
        work_experience = serializers.CharField(
            max_length=TEXT_MAX, allow_blank=True, required=False
        )
        diplomas_and_certificates = serializers.CharField(
            max_length=TEXT_MAX, allow_blank=True, required=False
        )
        wishes = serializers.CharField(max_length=TEXT_MAX, allow_blank=True, required=False)
        updated = serializers.CharField(
            max_length=64,
            allow_blank=True,
            required=False,
            help_text=_("Het veld updated van de laatste GET."),
        )

    @extend_schema(
        summary="Het overgangsdokument opslaan",
        request=InputSerializer,
        responses={200: DocumentOutputSerializer, 201: DocumentOutputSerializer},
        examples=[
            OpenApiExample(
                "Aanvullen",
                value={
                    "wishes": "Werken in een magazijn, dichtbij huis.",
                    "updated": "2027-03-01T10:00:00.123456+01:00",
                },
                request_only=True,
            ),
            OpenApiExample("Opgeslagen", value=DOCUMENT_EXAMPLE, response_only=True),
        ],
    )
    def post(self, request, student_id: int):
        student = _transition_student(request, student_id)
        data = self.InputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        given = dict(data.validated_data)
        current = overgangsdokument_for(student)
        texts = {f: given.get(f, getattr(current, f)) for f in OVERGANGSDOKUMENT_FIELDS}
        doc = overgangsdokument_save(
            actor=request.user,
            student=student,
            data=texts,
            expected_updated=given.get("updated", ""),
        )
        created = current.pk is None
        return _document_response(doc, status_code=201 if created else 200)


class StudentOvergangsdokumentSendApi(APIView):
    """Send the overgangsdokument to a werkcoach of the school's region; they hear of it."""

    permission_classes = WORKSPACE

    @component(component_name="TransitionSendInput")
    class InputSerializer(serializers.Serializer):
        werkcoach = IdField(help_text=_("Een werkcoach uit de lijst werkcoaches."))

    @extend_schema(
        summary="Het overgangsdokument versturen",
        request=InputSerializer,
        responses={200: DocumentOutputSerializer},
        examples=[
            OpenApiExample("Versturen", value={"werkcoach": 21}, request_only=True),
            OpenApiExample("Verstuurd", value=SENT_EXAMPLE, response_only=True),
        ],
    )
    def post(self, request, student_id: int):
        student = _transition_student(request, student_id)
        data = self.InputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        werkcoach = werkcoaches_for(student).filter(pk=data.validated_data["werkcoach"]).first()
        if werkcoach is None:
            raise exceptions.ValidationError({"werkcoach": [_("Kies een werkcoach uit de lijst.")]})
        doc = overgangsdokument_send(actor=request.user, student=student, werkcoach=werkcoach)
        return _document_response(doc)


# --- the overgangsdokument as the werkcoach receives it ---------------------------------------


@component(component_name="TransitionReceivedOutput")
class ReceivedOutputSerializer(_DocumentSerializer):
    school = serializers.CharField(source="student.school.name")
    may_confirm = serializers.SerializerMethodField()
    may_invite = serializers.SerializerMethodField()

    def get_may_confirm(self, doc: Overgangsdokument) -> bool:
        return can(self.context["request"].user, "confirm_overgangsdokument", doc)

    def get_may_invite(self, doc: Overgangsdokument) -> bool:
        return can(self.context["request"].user, "invite_from_overgangsdokument", doc)


RECEIVED_EXAMPLE = SENT_EXAMPLE | {
    "school": "Praktijkschool De Brug",
    "may_confirm": True,
    "may_invite": True,
}


class OvergangsdokumentFilter(django_filters.FilterSet):
    status = django_filters.MultipleChoiceFilter(
        choices=[c for c in ST.choices if c[0] != ST.CONCEPT],
        help_text=_("Een of meer statussen (standaard: alle)."),
    )

    class Meta:
        model = Overgangsdokument
        fields: list[str] = []


def _received_response(request, doc: Overgangsdokument) -> Response:
    return Response(ReceivedOutputSerializer(doc, context={"request": request}).data)


class OvergangsdokumentListApi(generics.GenericAPIView):
    """The werkcoach's overgangsdokumenten: only those sent to them, new ones first."""

    permission_classes = WERKCOACH
    pagination_class = Pagination
    filter_backends = [django_filters.rest_framework.DjangoFilterBackend]
    filterset_class = OvergangsdokumentFilter
    serializer_class = ReceivedOutputSerializer

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):  # the schema is built without a user
            return Overgangsdokument.objects.none()
        return overgangsdokumenten_for_werkcoach(self.request.user).select_related("werkcoach")

    @extend_schema(
        summary="Ontvangen overgangsdokumenten",
        responses={200: ReceivedOutputSerializer(many=True)},
        examples=[OpenApiExample("Ontvangen", value=RECEIVED_EXAMPLE, response_only=True)],
    )
    def get(self, request):
        page = self.paginate_queryset(self.filter_queryset(self.get_queryset()))
        access_log_view_many(
            user=request.user, student_ids=[d.student_id for d in page], context="api:overdrachten"
        )
        data = ReceivedOutputSerializer(page, many=True, context={"request": request}).data
        return self.get_paginated_response(data)


class OvergangsdokumentDetailApi(APIView):
    """One overgangsdokument sent to this werkcoach."""

    permission_classes = WERKCOACH

    @extend_schema(
        summary="Eén ontvangen overgangsdokument",
        responses={200: ReceivedOutputSerializer},
        examples=[OpenApiExample("Ontvangen", value=RECEIVED_EXAMPLE, response_only=True)],
    )
    def get(self, request, pk: int):
        doc = get_overgangsdokument_for_user(request.user, pk)
        access_log_record(
            user=request.user, student=doc.student, action="view", context="api:overgang"
        )
        return _received_response(request, doc)


class OvergangsdokumentConfirmApi(APIView):
    """The werkcoach confirms receipt; the writer hears of it. Twice changes nothing."""

    permission_classes = WERKCOACH

    @extend_schema(
        summary="Ontvangst bevestigen",
        request=None,
        responses={200: ReceivedOutputSerializer},
        examples=[
            OpenApiExample(
                "Ontvangen",
                value=RECEIVED_EXAMPLE
                | {
                    "status": "ontvangen",
                    "status_label": "Ontvangen",
                    "received_at": "2027-03-03T09:30:00+01:00",
                    "may_confirm": False,
                },
                response_only=True,
            )
        ],
    )
    def post(self, request, pk: int):
        doc = get_overgangsdokument_for_user(request.user, pk)
        doc = overgangsdokument_confirm_receipt(actor=request.user, doc=doc)
        return _received_response(request, doc)


class OvergangsdokumentInviteApi(APIView):
    """The werkcoach invites the student for a first conversation (receipt is confirmed too)."""

    permission_classes = WERKCOACH

    @component(component_name="TransitionInviteInput")
    class InputSerializer(serializers.Serializer):
        when = serializers.DateTimeField(
            validators=[validate_plausible_date],
            help_text=_("Datum en tijd van het gesprek (ISO 8601), in de toekomst."),
        )
        where = serializers.CharField(
            max_length=200, allow_blank=True, help_text=_("Waar is het gesprek?")
        )

    @extend_schema(
        summary="De jongere uitnodigen",
        request=InputSerializer,
        responses={200: ReceivedOutputSerializer},
        examples=[
            OpenApiExample(
                "Uitnodigen",
                value={"when": "2027-03-10T14:00:00+01:00", "where": "Werkplein, Oude Ebbinge 2"},
                request_only=True,
            ),
            OpenApiExample(
                "Uitgenodigd",
                value=RECEIVED_EXAMPLE
                | {
                    "status": "uitgenodigd",
                    "status_label": "Student uitgenodigd",
                    "received_at": "2027-03-03T09:30:00+01:00",
                    "invited_at": "2027-03-03T09:31:00+01:00",
                    "may_confirm": False,
                    "may_invite": False,
                },
                response_only=True,
            ),
        ],
    )
    def post(self, request, pk: int):
        doc = get_overgangsdokument_for_user(request.user, pk)
        data = self.InputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        doc = overgangsdokument_invite(actor=request.user, doc=doc, **data.validated_data)
        return _received_response(request, doc)


class OvergangsdokumentPdfApi(APIView):
    """The overgangsdokument as a PDF: for the werkcoach it was sent to, and for the school or
    jobhunter who wrote it."""

    permission_classes = WORKSPACE

    def perform_content_negotiation(self, request, force=False):
        """The PDF is the answer whatever the Accept header says; an error is JSON in the one
        error shape (never a 406 for a client that asks for application/pdf)."""
        return JSONRenderer(), JSONRenderer.media_type

    @extend_schema(
        summary="Het overgangsdokument als PDF",
        responses={
            (200, "application/pdf"): OpenApiResponse(
                OpenApiTypes.BINARY, description=_("Het overgangsdokument als PDF-bestand.")
            )
        },
    )
    def get(self, request, pk: int):
        doc = get_overgangsdokument_for_user(request.user, pk)
        access_log_record(
            user=request.user, student=doc.student, action="download", context="api:pdf"
        )
        response = HttpResponse(overgangsdokument_pdf(doc), content_type="application/pdf")
        name = f"overgangsdokument-{doc.student.user.last_name or doc.student_id}.pdf"
        response["Content-Disposition"] = f'attachment; filename="{name}"'
        return response
