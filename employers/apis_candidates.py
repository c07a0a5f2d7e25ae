"""The employer's candidates through the API, beyond reading them (api-opening-candidates):
answer a candidate (the employer's step in the match, with the match's version), the students
suggested for an opening (by alias, logged as a read), inviting one of them and taking an
invitation back. The same services as the candidates page."""

import re

from django.core.exceptions import ValidationError
from django.http import Http404
from django.utils.translation import gettext as _
from drf_spectacular.utils import (
    OpenApiExample,
    extend_schema,
    extend_schema_serializer,
)
from rest_framework import serializers, status
from rest_framework.generics import GenericAPIView
from rest_framework.permissions import IsAuthenticated
from rest_framework.response import Response
from rest_framework.views import APIView

from config.api import Pagination, etag, required_version
from config.api_schema import IF_MATCH
from marketplace.api_fields import BoundedIntegerField
from marketplace.models import CandidateAlias, Invitation, MatchStatus
from marketplace.permissions import (
    get_invitation_for_user,
    get_match_for_user,
    get_opening_for_user,
    get_suggested_student,
)
from marketplace.selectors import suggestions_for_employer
from marketplace.services.aliases import alias_text
from marketplace.services.invitations import MESSAGE_MAX, invitation_create, invitation_withdraw
from marketplace.services.matches import match_employer_interest, match_move

from .apis_common import IsEmployerMember
from .forms import RespondForm

ALIAS = re.compile(r"[A-Za-z]{1,4}")
REASONS = [code for code, _label in RespondForm.REASONS if code]


class EmployerMatchAnswerApi(APIView):
    """Say yes or no to a candidate of one of your openings: the employer's step in the match.
    Send the version you read (`version`, or the ETag in If-Match); a stale one gives 409 and
    changes nothing. A no needs a reason, which the young person reads."""

    permission_classes = [IsAuthenticated, IsEmployerMember]

    @extend_schema_serializer(component_name="EmployerMatchAnswerInput")
    class InputSerializer(serializers.Serializer):
        answer = serializers.ChoiceField(choices=["ja", "nee"])
        version = BoundedIntegerField(min_value=1, required=False)
        reason = serializers.ChoiceField(choices=REASONS, required=False, allow_blank=True)
        note = serializers.CharField(max_length=500, required=False, allow_blank=True)

    @extend_schema_serializer(component_name="EmployerMatchAnswerOutput")
    class OutputSerializer(serializers.Serializer):
        id = serializers.IntegerField()
        opening = serializers.IntegerField(source="opening_id")
        status = serializers.ChoiceField(choices=MatchStatus.choices)
        employer_response = serializers.CharField()
        version = serializers.IntegerField()

    @extend_schema(
        summary="Ja of nee zeggen tegen een kandidaat",
        parameters=[IF_MATCH],
        request=InputSerializer,
        responses=OutputSerializer,
        examples=[
            OpenApiExample("Ja", value={"answer": "ja", "version": 3}, request_only=True),
            OpenApiExample(
                "Nee, met een reden",
                value={"answer": "nee", "version": 3, "reason": "vol", "note": "Net vergeven."},
                request_only=True,
            ),
            OpenApiExample(
                "Het nieuwe antwoord",
                value={
                    "id": 17,
                    "opening": 42,
                    "status": "interesse_werkgever",
                    "employer_response": "ja",
                    "version": 4,
                },
                response_only=True,
            ),
        ],
    )
    def post(self, request, pk: int):
        match = get_match_for_user(request.user, pk)
        data = self.InputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        answer = dict(data.validated_data)
        version = required_version(request, answer.get("version"))
        # The page's form states what an answer needs (a reason for a no) and its wording.
        form = RespondForm({**answer, "version": version})
        if not form.is_valid():
            raise ValidationError({k: list(v) for k, v in form.errors.items()})
        if answer["answer"] == "ja":
            match = match_employer_interest(
                employer_user=request.user, match=match, expected_version=version
            )
        else:
            match = match_move(
                actor=request.user,
                match=match,
                to_status=MatchStatus.AFGEWEZEN,
                expected_version=version,
                reason=form.reason_text(),
            )
        response = Response(self.OutputSerializer(match).data)
        response["ETag"] = etag(match.version)
        return response


@extend_schema_serializer(component_name="EmployerSuggestion")
class _SuggestionSerializer(serializers.Serializer):
    alias = serializers.CharField(
        source="alias_letters", help_text="Wat je bij het uitnodigen in de URL zet."
    )
    label = serializers.CharField(source="candidate.label")
    education_type = serializers.CharField(source="candidate.education_type")
    level = serializers.IntegerField(source="candidate.level")
    score = serializers.FloatField(source="candidate.score")
    score_words = serializers.CharField(source="candidate.score_words")
    reasons = serializers.ListField(child=serializers.CharField(), source="candidate.reasons")
    distance_km_from = serializers.IntegerField(
        source="candidate.distance_km_from", allow_null=True
    )
    distance_km_to = serializers.IntegerField(source="candidate.distance_km_to", allow_null=True)
    leerweg = serializers.CharField(source="leerweg_display")
    available_from = serializers.SerializerMethodField(
        help_text="Maand waarin de kandidaat kan beginnen (JJJJ-MM)."
    )
    hours_per_week = serializers.FloatField(allow_null=True)
    invitation_id = serializers.IntegerField(allow_null=True)
    invitation_status = serializers.CharField()

    def get_available_from(self, suggestion) -> str | None:
        day = suggestion.available_from
        return day.strftime("%Y-%m") if day else None  # the month, as the page shows it


SUGGESTION_EXAMPLE = {
    "alias": "K",
    "label": "Kandidaat K",
    "education_type": "mbo",
    "level": 2,
    "score": 78.0,
    "score_words": "Past goed",
    "reasons": ["Heeft 3 van de 4 vaardigheden die nodig zijn."],
    "distance_km_from": 5,
    "distance_km_to": 10,
    "leerweg": "BOL",
    "available_from": "2027-02",
    "hours_per_week": 32.0,
    "invitation_id": None,
    "invitation_status": "",
}


class EmployerSuggestionListApi(GenericAPIView):
    """Students who agreed to be found and fit an open opening, best first, by alias only (no
    name, no id). Only for a member of the opening's own employer; the read is logged."""

    permission_classes = [IsAuthenticated, IsEmployerMember]
    pagination_class = Pagination
    filter_backends: list = []
    serializer_class = _SuggestionSerializer

    @extend_schema(
        summary="Voorgestelde kandidaten voor een plek",
        responses=_SuggestionSerializer(many=True),
        examples=[OpenApiExample("Een kandidaat", value=SUGGESTION_EXAMPLE, response_only=True)],
    )
    def get(self, request, pk: int):
        opening = get_opening_for_user(request.user, pk, team=True, may="invite_candidate")
        shown = suggestions_for_employer(viewer=request.user, opening=opening)
        page = self.paginate_queryset(shown)
        return self.get_paginated_response(_SuggestionSerializer(page, many=True).data)


@extend_schema_serializer(component_name="EmployerInvitation")
class _InvitationSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    opening = serializers.IntegerField(source="opening_id")
    label = serializers.SerializerMethodField(help_text="De schuilnaam van de kandidaat.")
    status = serializers.ChoiceField(choices=Invitation.Status.choices)
    message = serializers.CharField()
    created_at = serializers.DateTimeField()

    def get_label(self, invitation) -> str:
        letters = (
            CandidateAlias.objects.filter(
                opening_id=invitation.opening_id, student_id=invitation.student_id
            )
            .values_list("label", flat=True)
            .first()
        )
        return alias_text(letters) if letters else _("Kandidaat")


INVITATION_EXAMPLE = {
    "id": 9,
    "opening": 42,
    "label": "Kandidaat K",
    "status": "open",
    "message": "Kom je kennismaken?",
    "created_at": "2026-12-01T10:02:00+01:00",
}


class EmployerSuggestionInviteApi(APIView):
    """Invite a suggested candidate (by alias) to react to an open opening, with a short
    message. The student and their jobhunter are told; the name follows only after a yes."""

    permission_classes = [IsAuthenticated, IsEmployerMember]

    @extend_schema_serializer(component_name="EmployerSuggestionInviteInput")
    class InputSerializer(serializers.Serializer):
        message = serializers.CharField(max_length=MESSAGE_MAX, required=False, allow_blank=True)

    @extend_schema(
        summary="Een voorgestelde kandidaat uitnodigen",
        request=InputSerializer,
        responses={201: _InvitationSerializer},
        examples=[
            OpenApiExample(
                "Met een bericht", value={"message": "Kom je kennismaken?"}, request_only=True
            ),
            OpenApiExample(
                "Uitgenodigd", value=INVITATION_EXAMPLE, response_only=True, status_codes=["201"]
            ),
        ],
    )
    def post(self, request, pk: int, label: str):
        if not ALIAS.fullmatch(label):
            raise Http404  # an alias is one to four letters; nothing else names a candidate
        opening = get_opening_for_user(request.user, pk, team=True, may="invite_candidate")
        student = get_suggested_student(request.user, opening, label)
        data = self.InputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        invitation = invitation_create(
            inviter=request.user,
            opening=opening,
            student=student,
            message=data.validated_data.get("message", ""),
        )
        return Response(_InvitationSerializer(invitation).data, status=status.HTTP_201_CREATED)


class EmployerInvitationWithdrawApi(APIView):
    """Take back an open invitation; the student is told."""

    permission_classes = [IsAuthenticated, IsEmployerMember]

    @extend_schema(
        summary="Een uitnodiging intrekken",
        request=None,
        responses=_InvitationSerializer,
        examples=[
            OpenApiExample(
                "Ingetrokken",
                value={**INVITATION_EXAMPLE, "status": "withdrawn"},
                response_only=True,
            )
        ],
    )
    def post(self, request, pk: int):
        invitation = get_invitation_for_user(request.user, pk)
        invitation = invitation_withdraw(actor=request.user, invitation=invitation)
        return Response(_InvitationSerializer(invitation).data)
