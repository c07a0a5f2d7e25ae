"""The employer's colleagues through the API, as on the colleagues page: every member sees the
team; a beheerder invites by e-mail, changes roles, removes, and resends or revokes an open
invitation (employers.services.colleagues; the organisation always keeps a beheerder)."""

from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import OpenApiExample, extend_schema, extend_schema_serializer
from rest_framework import serializers, status
from rest_framework.generics import ListAPIView
from rest_framework.permissions import IsAuthenticated
from rest_framework.response import Response
from rest_framework.views import APIView

from config.api import Pagination
from marketplace.models import User
from marketplace.permissions import (
    beheerders_of,
    can,
    get_colleague_for_user,
    get_colleague_invite_for_user,
)

from .apis_common import IsEmployerMember
from .models import ColleagueInvite
from .services import colleagues as team

ROLES = [User.EmployerRole.BEHEERDER, User.EmployerRole.PRAKTIJKOPLEIDER]
COLLEAGUE_EXAMPLE = {
    "id": 12,
    "first_name": "Fatima",
    "last_name": "de Boer",
    "email": "fatima@bakkerijdeboer.nl",
    "employer_role": "beheerder",
    "is_me": True,
    "may_change_role": True,
    "may_remove": True,
}
INVITE_EXAMPLE = {
    "id": 3,
    "email": "nieuwe.collega@bakkerijdeboer.nl",
    "employer_role": "praktijkopleider",
    "created_at": "2026-12-01T10:02:00+01:00",
    "expires_at": "2026-12-08T10:02:00+01:00",
    "expired": False,
}


class IsColleagueManager(IsEmployerMember):
    """A beheerder of the organisation (the rule `manage_colleagues`)."""

    message = _("Alleen een beheerder kan collega’s uitnodigen, rollen wijzigen en verwijderen.")

    def has_permission(self, request, view) -> bool:
        return super().has_permission(request, view) and can(request.user, "manage_colleagues")


@extend_schema_serializer(component_name="EmployerColleague")
class _ColleagueSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    first_name = serializers.CharField()
    last_name = serializers.CharField()
    email = serializers.EmailField()
    employer_role = serializers.SerializerMethodField()
    is_me = serializers.SerializerMethodField()
    may_change_role = serializers.SerializerMethodField()
    may_remove = serializers.SerializerMethodField()

    def get_employer_role(self, person) -> str:
        return person.employer_role or User.EmployerRole.BEHEERDER  # no role counts as one

    def get_is_me(self, person) -> bool:
        return person.pk == self.context["request"].user.pk

    def get_may_change_role(self, person) -> bool:
        return can(self.context["request"].user, "change_colleague_role", person)

    def get_may_remove(self, person) -> bool:
        return can(self.context["request"].user, "remove_colleague", person)


@extend_schema_serializer(component_name="EmployerColleagueInvite")
class _InviteSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    email = serializers.EmailField()
    employer_role = serializers.ChoiceField(choices=ROLES)
    created_at = serializers.DateTimeField()
    expires_at = serializers.DateTimeField()
    expired = serializers.SerializerMethodField()

    def get_expired(self, invite) -> bool:
        return invite.expires_at <= timezone.now()


class EmployerColleagueListApi(ListAPIView):
    """The active members of your organisation, beheerders first."""

    permission_classes = [IsAuthenticated, IsEmployerMember]
    pagination_class = Pagination
    filter_backends: list = []
    serializer_class = _ColleagueSerializer
    queryset = User.objects.none()  # the schema's model; get_queryset scopes it

    def get_queryset(self):
        return team.colleagues_of(self.request.user.employer)

    def list(self, request, *args, **kwargs):
        page = self.paginate_queryset(self.get_queryset())
        # The team's beheerders read once for the whole page (see leaves_a_beheerder).
        ids = frozenset(beheerders_of(request.user.employer_id).values_list("pk", flat=True))
        for person in page:
            person.team_beheerder_ids = ids
        return self.get_paginated_response(self.get_serializer(page, many=True).data)

    @extend_schema(
        summary="Je collega’s",
        examples=[OpenApiExample("Een beheerder", value=COLLEAGUE_EXAMPLE, response_only=True)],
    )
    def get(self, request, *args, **kwargs):
        return super().get(request, *args, **kwargs)


class EmployerColleagueInviteApi(APIView):
    """Invite a colleague by e-mail with a role; the link goes by mail and works 7 days. The
    answer is the same whether or not the address has an account."""

    permission_classes = [IsAuthenticated, IsColleagueManager]

    @extend_schema_serializer(component_name="EmployerColleagueInviteInput")
    class InputSerializer(serializers.Serializer):
        email = serializers.EmailField(max_length=254)
        employer_role = serializers.ChoiceField(choices=ROLES)

    @extend_schema(
        summary="Een collega uitnodigen",
        request=InputSerializer,
        responses={201: _InviteSerializer},
        examples=[
            OpenApiExample(
                "Een praktijkopleider",
                value={
                    "email": "nieuwe.collega@bakkerijdeboer.nl",
                    "employer_role": "praktijkopleider",
                },
                request_only=True,
            ),
            OpenApiExample(
                "Uitgenodigd", value=INVITE_EXAMPLE, response_only=True, status_codes=["201"]
            ),
        ],
    )
    def post(self, request):
        data = self.InputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        invite = team.colleague_invite(actor=request.user, **data.validated_data)
        return Response(_InviteSerializer(invite).data, status=status.HTTP_201_CREATED)


class EmployerColleagueRoleApi(APIView):
    """Make a colleague beheerder or praktijkopleider. The last beheerder stays one (400)."""

    permission_classes = [IsAuthenticated, IsColleagueManager]

    @extend_schema_serializer(component_name="EmployerColleagueRoleInput")
    class InputSerializer(serializers.Serializer):
        employer_role = serializers.ChoiceField(choices=ROLES)

    @extend_schema(
        summary="De rol van een collega wijzigen",
        request=InputSerializer,
        responses=_ColleagueSerializer,
        examples=[
            OpenApiExample(
                "Beheerder maken", value={"employer_role": "beheerder"}, request_only=True
            ),
            OpenApiExample(
                "De nieuwe rol", value={**COLLEAGUE_EXAMPLE, "is_me": False}, response_only=True
            ),
        ],
    )
    def post(self, request, pk: int):
        person = get_colleague_for_user(request.user, pk, may="change_colleague_role")
        data = self.InputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        person = team.colleague_role_change(
            actor=request.user, colleague=person, **data.validated_data
        )
        return Response(_ColleagueSerializer(person, context={"request": request}).data)


class EmployerColleagueRemoveApi(APIView):
    """Remove a colleague: they can no longer log in for your organisation; their openings and
    open tasks go to a beheerder. Removing yourself ends your own access."""

    permission_classes = [IsAuthenticated, IsColleagueManager]

    @extend_schema_serializer(component_name="EmployerColleagueRemoveOutput")
    class OutputSerializer(serializers.Serializer):
        id = serializers.IntegerField()
        removed = serializers.BooleanField()

    @extend_schema(
        summary="Een collega verwijderen",
        request=None,
        responses=OutputSerializer,
        examples=[
            OpenApiExample("Verwijderd", value={"id": 12, "removed": True}, response_only=True)
        ],
    )
    def post(self, request, pk: int):
        person = get_colleague_for_user(request.user, pk, may="change_colleague_role")
        team.colleague_remove(actor=request.user, colleague=person)
        return Response({"id": person.pk, "removed": True})


class EmployerColleagueInviteListApi(ListAPIView):
    """The open invitations of your organisation, expired ones included (resend those)."""

    permission_classes = [IsAuthenticated, IsColleagueManager]
    pagination_class = Pagination
    filter_backends: list = []
    serializer_class = _InviteSerializer
    queryset = ColleagueInvite.objects.none()  # the schema's model; get_queryset scopes it

    def get_queryset(self):
        return team.invites_pending(self.request.user.employer).order_by("-created_at", "-id")

    @extend_schema(
        summary="Openstaande uitnodigingen voor collega’s",
        examples=[OpenApiExample("Een uitnodiging", value=INVITE_EXAMPLE, response_only=True)],
    )
    def get(self, request, *args, **kwargs):
        return super().get(request, *args, **kwargs)


class EmployerColleagueInviteResendApi(APIView):
    """Send a new link (the old one stops working), valid 7 days from now."""

    permission_classes = [IsAuthenticated, IsColleagueManager]

    @extend_schema(
        summary="Een uitnodiging opnieuw sturen",
        request=None,
        responses=_InviteSerializer,
        examples=[OpenApiExample("Opnieuw gestuurd", value=INVITE_EXAMPLE, response_only=True)],
    )
    def post(self, request, pk: int):
        invite = get_colleague_invite_for_user(request.user, pk, may="manage_colleague_invite")
        return Response(
            _InviteSerializer(team.invite_resend(actor=request.user, invite=invite)).data
        )


class EmployerColleagueInviteRevokeApi(APIView):
    """Take an open invitation back; its link stops working."""

    permission_classes = [IsAuthenticated, IsColleagueManager]

    @extend_schema(
        summary="Een uitnodiging intrekken",
        request=None,
        responses=_InviteSerializer,
        examples=[OpenApiExample("Ingetrokken", value=INVITE_EXAMPLE, response_only=True)],
    )
    def post(self, request, pk: int):
        invite = get_colleague_invite_for_user(request.user, pk, may="manage_colleague_invite")
        return Response(
            _InviteSerializer(team.invite_revoke(actor=request.user, invite=invite)).data
        )
