"""The employer's openings through the API: list its own, create, read, change, pause, reopen
and close. The same services and rules as the pages (employers.services.opening_save and
opening_set_status). An opening has no version: as on the pages, the last change wins, under a
row lock, so two saves never mix their fields."""

from django.db.models import Prefetch
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django_filters.rest_framework import DjangoFilterBackend
from drf_spectacular.utils import OpenApiExample, extend_schema, extend_schema_serializer
from rest_framework import generics, serializers, status
from rest_framework.permissions import IsAuthenticated
from rest_framework.response import Response
from rest_framework.views import APIView

from config.api import Pagination
from marketplace.api_fields import BoundedIntegerField, IdField, PlausibleDateField
from marketplace.models import Role
from marketplace.permissions import can, ensure_can, get_opening_for_user, openings_of_team
from matching.models import Certificate, Competency, Qualification, Sector, SupportKind

from . import services
from .apis_common import IdListField, IsEmployerMember, RelatedIdsField
from .filters import EmployerOpeningFilter
from .models import Opening
from .services.recognitions import opening_recognition_warning

_M2M = tuple(services.OPENING_M2M)


def _openings(qs):
    return qs.select_related("location__place").prefetch_related(
        *(Prefetch(name, queryset=_model_of(name).objects.only("pk")) for name in _M2M)
    )


def _model_of(name: str):
    return Opening._meta.get_field(name).related_model


def _fresh(user, pk: int) -> Opening:
    return _openings(openings_of_team(user)).get(pk=pk)


OPENING_EXAMPLE = {
    "id": 42,
    "kind": "bpv",
    "title": "Hulp in de keuken",
    "description": "Je helpt de kok met snijden en klaarzetten.",
    "status": "open",
    "paused_reason": "",
    "sector": 3,
    "location": 7,
    "location_name": "Hoofdvestiging",
    "place": "Groningen",
    "start_date": "2027-02-01",
    "end_date": None,
    "hours_per_week": 24,
    "evening_work": False,
    "night_work": False,
    "weekend_work": True,
    "places": 2,
    "places_filled": 0,
    "places_left": 2,
    "min_level": 1,
    "leerweg": "bol",
    "min_age": 0,
    "compensation": "Stagevergoeding € 300 per maand",
    "support_offered": ["praktijkbegeleider"],
    "contact_person": 12,
    "accepted_qualifications": [5],
    "required_competencies": [8, 9],
    "nice_competencies": [],
    "required_certificates": [],
    "moves": ["closed", "paused"],
    "created_at": "2026-11-30T09:15:00+01:00",
    "updated_at": "2026-12-01T10:02:00+01:00",
}


class EmployerOpeningDetailApi(APIView):
    """One opening of the employer's own organisation, in any status; another's answers 404."""

    permission_classes = [IsAuthenticated, IsEmployerMember]

    @extend_schema_serializer(component_name="EmployerOpening")
    class OutputSerializer(serializers.Serializer):
        id = serializers.IntegerField()
        kind = serializers.ChoiceField(choices=Opening.Kind.choices)
        title = serializers.CharField()
        description = serializers.CharField()
        status = serializers.ChoiceField(choices=Opening.Status.choices)
        paused_reason = serializers.CharField()
        sector = serializers.IntegerField(source="sector_id")
        location = serializers.IntegerField(source="location_id")
        location_name = serializers.CharField(source="location.name")
        place = serializers.CharField(source="location.place.name")
        start_date = serializers.DateField()
        end_date = serializers.DateField(allow_null=True)
        hours_per_week = serializers.IntegerField()
        evening_work = serializers.BooleanField()
        night_work = serializers.BooleanField()
        weekend_work = serializers.BooleanField()
        places = serializers.IntegerField()
        places_filled = serializers.IntegerField()
        places_left = serializers.IntegerField()
        min_level = serializers.IntegerField()
        leerweg = serializers.CharField()
        min_age = serializers.IntegerField()
        compensation = serializers.CharField()
        support_offered = serializers.ListField(child=serializers.CharField())
        contact_person = serializers.IntegerField(source="contact_person_id", allow_null=True)
        accepted_qualifications = RelatedIdsField()
        required_competencies = RelatedIdsField()
        nice_competencies = RelatedIdsField()
        required_certificates = RelatedIdsField()
        moves = serializers.SerializerMethodField(
            help_text="De statussen waar je deze plek nu naartoe kunt zetten."
        )
        created_at = serializers.DateTimeField()
        updated_at = serializers.DateTimeField()

        def get_moves(self, opening: Opening) -> list[str]:
            if not self.context.get("may_edit"):
                return []
            return sorted(services.STATUS_MOVES.get(opening.status, ()))

    @extend_schema(
        summary="Eén plek van je eigen organisatie",
        responses=OutputSerializer,
        examples=[OpenApiExample("Een open BPV-plek", value=OPENING_EXAMPLE, response_only=True)],
    )
    def get(self, request, pk: int):
        opening = get_opening_for_user(request.user, pk, team=True)
        return Response(opening_data(request, _fresh(request.user, opening.pk)))


def opening_data(request, opening: Opening, **extra) -> dict:
    may_edit = can(request.user, "manage_employer", opening.employer)
    data = EmployerOpeningDetailApi.OutputSerializer(opening, context={"may_edit": may_edit}).data
    data.update(extra)
    return data


class EmployerOpeningListApi(generics.ListAPIView):
    """The openings of the employer's own organisation, in every status, newest change first;
    filter with ?status= and ?kind= (repeat for more), order with ?ordering=."""

    permission_classes = [IsAuthenticated, IsEmployerMember]
    pagination_class = Pagination
    filter_backends = [DjangoFilterBackend]
    filterset_class = EmployerOpeningFilter
    serializer_class = EmployerOpeningDetailApi.OutputSerializer
    queryset = Opening.objects.none()  # the schema's model; get_queryset scopes it

    def get_queryset(self):
        user = self.request.user
        own = openings_of_team(user).filter(employer_id=user.employer_id)
        return _openings(own).order_by("-updated_at", "-id")

    def get_serializer_context(self):
        user = self.request.user
        context = super().get_serializer_context()
        context["may_edit"] = can(user, "manage_employer", user.employer)
        return context

    @extend_schema(
        summary="De plekken van je eigen organisatie",
        examples=[OpenApiExample("Eén plek", value=OPENING_EXAMPLE, response_only=True)],
    )
    def get(self, request, *args, **kwargs):
        return super().get(request, *args, **kwargs)


class _OpeningInput(serializers.Serializer):
    """The fields of the opening form, bounded as there; the service decides the rest."""

    kind = serializers.ChoiceField(choices=Opening.Kind.choices)
    title = serializers.CharField(max_length=200)
    description = serializers.CharField(max_length=5000, required=False, allow_blank=True)
    sector = IdField()
    location = IdField()
    start_date = PlausibleDateField()
    end_date = PlausibleDateField(required=False, allow_null=True)
    hours_per_week = BoundedIntegerField(min_value=1, max_value=60, required=False)
    evening_work = serializers.BooleanField(required=False)
    night_work = serializers.BooleanField(required=False)
    weekend_work = serializers.BooleanField(required=False)
    places = BoundedIntegerField(min_value=1, max_value=50, required=False)
    min_level = BoundedIntegerField(min_value=0, max_value=4, required=False)
    leerweg = serializers.ChoiceField(
        choices=Opening.Leerweg.choices, required=False, allow_blank=True
    )
    min_age = BoundedIntegerField(min_value=0, max_value=27, required=False)
    compensation = serializers.CharField(max_length=200, required=False, allow_blank=True)
    support_offered = serializers.ListField(
        child=serializers.ChoiceField(choices=SupportKind.choices), max_length=20, required=False
    )
    accepted_qualifications = IdListField(queryset=Qualification.objects, required=False)
    required_competencies = IdListField(queryset=Competency.objects, required=False)
    nice_competencies = IdListField(queryset=Competency.objects, required=False)
    required_certificates = IdListField(queryset=Certificate.objects, required=False)
    contact_person = IdField(required=False, allow_null=True)
    publish = serializers.BooleanField(
        required=False, default=False, help_text="Zet een nieuwe plek of een concept online."
    )

    def validate_sector(self, value: int) -> Sector:
        sector = Sector.objects.filter(pk=value).first()
        if sector is None:
            raise serializers.ValidationError(_("Kies iets uit de lijst."))
        return sector

    def validate_location(self, value: int):
        location = self.context["employer"].locations.filter(pk=value).first()
        if location is None:
            raise serializers.ValidationError(_("Kies een van je eigen vestigingen."))
        return location

    def validate_contact_person(self, value: int | None):
        if value is None:
            return None
        members = self.context["employer"].members.filter(is_active=True, role=Role.WERKGEVER)
        person = members.filter(pk=value).first()
        if person is None:
            raise serializers.ValidationError(_("Kies een collega van deze organisatie."))
        return person

    def validate_support_offered(self, value: list) -> list:
        return list(dict.fromkeys(value))


OPENING_INPUT_EXAMPLE = {
    "kind": "bpv",
    "title": "Hulp in de keuken",
    "description": "Je helpt de kok met snijden en klaarzetten.",
    "sector": 3,
    "location": 7,
    "start_date": "2027-02-01",
    "hours_per_week": 24,
    "places": 2,
    "min_level": 1,
    "accepted_qualifications": [5],
    "required_competencies": [8, 9],
    "support_offered": ["praktijkbegeleider"],
    "publish": True,
}


@extend_schema_serializer(component_name="EmployerOpeningSaved")
class _SavedOutput(EmployerOpeningDetailApi.OutputSerializer):
    warnings = serializers.ListField(
        child=serializers.CharField(),
        help_text="Wat de pagina als waarschuwing laat zien: lopende matches die niet meer "
        "passen, of een BPV-plek zonder geldige erkenning.",
    )


def _saved(request, opening: Opening, status_code: int) -> Response:
    warnings = []
    if opening.coaches_told:  # the form's own warning, in the same words
        warnings.append(
            ngettext(
                "Let op: %(n)s lopende match past niet meer bij deze plek (bijvoorbeeld "
                "door leeftijd, uren of data). De begeleider heeft bericht gekregen.",
                "Let op: %(n)s lopende matches passen niet meer bij deze plek "
                "(bijvoorbeeld door leeftijd, uren of data). De begeleiders hebben "
                "bericht gekregen.",
                opening.coaches_told,
            )
            % {"n": opening.coaches_told}
        )
    gap = opening_recognition_warning(opening=opening)
    if gap:
        warnings.append(gap)
    data = opening_data(request, _fresh(request.user, opening.pk), warnings=warnings)
    return Response(data, status=status_code)


class EmployerOpeningCreateApi(APIView):
    """A new opening at one of the organisation's locations: a draft, or online at once with
    `publish`. Only a beheerder posts (a praktijkopleider gets 403), as on the pages."""

    permission_classes = [IsAuthenticated, IsEmployerMember]

    @extend_schema_serializer(component_name="EmployerOpeningCreateInput")
    class InputSerializer(_OpeningInput):
        pass

    @extend_schema(
        summary="Een nieuwe plek plaatsen",
        request=InputSerializer,
        responses={201: _SavedOutput},
        examples=[
            OpenApiExample("Meteen online", value=OPENING_INPUT_EXAMPLE, request_only=True),
            OpenApiExample(
                "Geplaatst",
                value={**OPENING_EXAMPLE, "warnings": []},
                response_only=True,
                status_codes=["201"],
            ),
        ],
    )
    def post(self, request):
        employer = request.user.employer
        ensure_can(request.user, "post_opening", employer)
        data = self.InputSerializer(data=request.data, context={"employer": employer})
        data.is_valid(raise_exception=True)
        opening = services.opening_save(
            user=request.user, employer=employer, data=dict(data.validated_data)
        )
        return _saved(request, opening, status.HTTP_201_CREATED)


def _current(opening: Opening) -> dict:
    """The opening's stored values in the form's shape, so a change may name only some."""
    data = {field: getattr(opening, field) for field in services.OPENING_FIELDS}
    data.update({field: list(getattr(opening, field).all()) for field in _M2M})
    data["contact_person"] = opening.contact_person
    return data


class EmployerOpeningUpdateApi(APIView):
    """Change an opening: send only the fields that change. The same checks as the form; a
    change that breaks a running match tells its coach (see `warnings`)."""

    permission_classes = [IsAuthenticated, IsEmployerMember]

    @extend_schema_serializer(component_name="EmployerOpeningUpdateInput")
    class InputSerializer(_OpeningInput):
        pass

    @extend_schema(
        summary="Een plek wijzigen",
        request=InputSerializer,
        responses=_SavedOutput,
        examples=[
            OpenApiExample(
                "Meer plekken en uren", value={"places": 3, "hours_per_week": 32}, request_only=True
            ),
            OpenApiExample(
                "Gewijzigd",
                value={**OPENING_EXAMPLE, "places": 3, "hours_per_week": 32, "warnings": []},
                response_only=True,
            ),
        ],
    )
    def post(self, request, pk: int):
        opening = get_opening_for_user(request.user, pk, team=True, may="edit_opening")
        data = self.InputSerializer(
            data=request.data, partial=True, context={"employer": opening.employer}
        )
        data.is_valid(raise_exception=True)
        merged = _current(opening) | dict(data.validated_data)
        saved = services.opening_save(
            user=request.user, employer=opening.employer, data=merged, opening=opening
        )
        return _saved(request, saved, status.HTTP_200_OK)


class _OpeningMoveApi(APIView):
    """A status move of one opening (STATUS_MOVES in employers.services)."""

    permission_classes = [IsAuthenticated, IsEmployerMember]
    to_status = ""

    def post(self, request, pk: int):
        opening = get_opening_for_user(request.user, pk, team=True)
        services.opening_set_status(user=request.user, opening=opening, status=self.to_status)
        return Response(opening_data(request, _fresh(request.user, opening.pk)))


def _move_schema(summary: str, to_status: str):
    return extend_schema(
        summary=summary,
        request=None,
        responses=EmployerOpeningDetailApi.OutputSerializer,
        examples=[
            OpenApiExample(
                "De nieuwe stand",
                value={**OPENING_EXAMPLE, "status": to_status},
                response_only=True,
            )
        ],
    )


class EmployerOpeningPauseApi(_OpeningMoveApi):
    """Pause an open opening: no new candidates until it opens again."""

    to_status = Opening.Status.PAUSED

    @_move_schema("Een plek pauzeren", "paused")
    def post(self, request, pk: int):
        return super().post(request, pk)


class EmployerOpeningReopenApi(_OpeningMoveApi):
    """Put a draft online, or open a paused or closed opening again. A full opening, or a
    BPV-plek whose recognition ended, stays shut (400 with the reason)."""

    to_status = Opening.Status.OPEN

    @_move_schema("Een plek (weer) openen", "open")
    def post(self, request, pk: int):
        return super().post(request, pk)


class EmployerOpeningCloseApi(_OpeningMoveApi):
    """Close an opening; it can be opened again later."""

    to_status = Opening.Status.CLOSED

    @_move_schema("Een plek sluiten", "closed")
    def post(self, request, pk: int):
        return super().post(request, pk)
