"""API for rankings: places for a student and candidates for a place, with explanations."""

from django.http import Http404
from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import (
    OpenApiExample,
    OpenApiParameter,
    extend_schema,
    extend_schema_serializer,
)
from rest_framework import serializers
from rest_framework.response import Response
from rest_framework.views import APIView

from .api_fields import BoundedIntegerField, IdField
from .permissions import can, ensure_can, get_opening_for_user, get_student_for_user
from .selectors import CandidateView, candidates_for_viewer, opening_candidates
from .services.audit import access_log_view
from .services.ranking import (
    ranked_openings_for_student,
    ranking_cache_get,
    ranking_cache_key,
    ranking_cache_set,
)

MAX_RANKED = 500


class FactorSerializer(serializers.Serializer):
    code = serializers.CharField()
    label = serializers.CharField()
    value = serializers.FloatField()
    # Null where the viewer may not see the support factor: with the points, the score minus
    # the shown contributions would give it away.
    weight = serializers.FloatField(allow_null=True)
    contribution = serializers.FloatField(allow_null=True)


class ItemSerializer(serializers.Serializer):
    kind = serializers.CharField()
    name = serializers.CharField()
    required = serializers.BooleanField()


class RankedSerializer(serializers.Serializer):
    """What every ranked item carries: the score and why."""

    score = serializers.FloatField()
    score_words = serializers.CharField()
    factors = FactorSerializer(many=True)
    matched = ItemSerializer(many=True)
    missing = ItemSerializer(many=True)
    reasons = serializers.ListField(child=serializers.CharField())
    distance_km = serializers.FloatField(allow_null=True)
    match_status = serializers.CharField(source="match.status", default=None, allow_null=True)


def ranking_page(rows: type[serializers.Serializer], name: str) -> serializers.Serializer:
    """The schema of one page of a ranking (see _respond): the total, the page and its rows."""
    fields = {
        "count": serializers.IntegerField(),
        "page": serializers.IntegerField(),
        "next": serializers.CharField(allow_null=True),
        "previous": serializers.CharField(allow_null=True),
        "results": rows(many=True),
    }
    return extend_schema_serializer(component_name=name)(
        type(name, (serializers.Serializer,), fields)
    )()


class RankingParamsSerializer(serializers.Serializer):
    page = BoundedIntegerField(min_value=1, required=False, default=1)
    page_size = BoundedIntegerField(min_value=1, max_value=100, required=False, default=20)

    def validate(self, attrs):
        if attrs["page"] * attrs["page_size"] > MAX_RANKED:
            raise serializers.ValidationError(
                {"page": _("Zo ver kun je niet bladeren: de eerste 500 resultaten zijn er.")}
            )
        return attrs


class StudentMatchesApi(APIView):
    """Open places for a student, best first, each with why it fits."""

    @extend_schema_serializer(component_name="StudentMatchesInput")
    class InputSerializer(RankingParamsSerializer):
        kind = serializers.MultipleChoiceField(
            choices=["bpv", "leerbaan", "vacature"], required=False
        )
        sector = serializers.ListField(child=IdField(), required=False)
        max_distance_km = serializers.FloatField(min_value=0.5, max_value=200, required=False)

    @extend_schema_serializer(component_name="StudentMatchesOutput")
    class OutputSerializer(RankedSerializer):
        @extend_schema_serializer(component_name="StudentMatchesOpening")
        class OpeningSerializer(serializers.Serializer):
            id = serializers.IntegerField()
            title = serializers.CharField()
            kind = serializers.CharField()
            employer = serializers.CharField(source="employer.name")
            place = serializers.CharField(source="location.place.name")
            sector = serializers.CharField(source="sector.display_name")
            start_date = serializers.DateField()
            hours_per_week = serializers.IntegerField()

        opening = OpeningSerializer()

    @extend_schema(
        parameters=[
            OpenApiParameter("kind", str, many=True, enum=["bpv", "leerbaan", "vacature"]),
            OpenApiParameter("sector", int, many=True),
            OpenApiParameter("max_distance_km", float),
            OpenApiParameter("page", int),
            OpenApiParameter("page_size", int),
        ],
        responses=ranking_page(OutputSerializer, "StudentMatchesPage"),
        examples=[
            OpenApiExample(
                "De beste plek",
                value={
                    "count": 1,
                    "page": 1,
                    "next": None,
                    "previous": None,
                    "results": [
                        {
                            "score": 0.82,
                            "score_words": "Past heel goed",
                            "factors": [
                                {
                                    "code": "distance",
                                    "label": "Reisafstand",
                                    "value": 0.9,
                                    "weight": 0.15,
                                    "contribution": 0.135,
                                }
                            ],
                            "matched": [{"kind": "skill", "name": "Orderpicken", "required": True}],
                            "missing": [],
                            "reasons": ["Je kunt al 3 van de 3 dingen die ze vragen."],
                            "distance_km": 4.2,
                            "match_status": None,
                            "opening": {
                                "id": 42,
                                "title": "Stage orderpicker",
                                "kind": "bpv",
                                "employer": "Pakketcentrum Veendam",
                                "place": "Veendam",
                                "sector": "Logistiek",
                                "start_date": "2027-02-01",
                                "hours_per_week": 32,
                            },
                        }
                    ],
                },
                response_only=True,
            )
        ],
    )
    def get(self, request, student_id: int):
        student = get_student_for_user(request.user, student_id)
        ensure_can(request.user, "view_student", student)
        params = self.InputSerializer(data=_query(request, many=("kind", "sector")))
        params.is_valid(raise_exception=True)
        self.params = params.validated_data
        access_log_view(user=request.user, student=student, context="api:plekken")
        asked = (request.get_host(), sorted(self.params.items()))
        key = ranking_cache_key(viewer=request.user, student=student, asked=asked)
        kept = ranking_cache_get(key, viewer=request.user, student=student, channel="api")
        if kept is not None:
            return Response(kept)
        served: dict = {}
        ranked = ranked_openings_for_student(
            viewer=request.user,
            student=student,
            kinds=self.params.get("kind") or None,
            sector_ids=self.params.get("sector") or None,
            max_distance_km=self.params.get("max_distance_km"),
            limit=self.params["page"] * self.params["page_size"],
            channel="api",
            served=served,
        )
        response = _respond(request, self, ranked, self.OutputSerializer)
        ranking_cache_set(key, response.data, served)
        return response


class OpeningCandidatesApi(APIView):
    """Students for a place, best first, each only as this viewer may see them.

    Which students and what of them come from marketplace.selectors: the employer's side gets
    only the students in a match with the place (the same set as its candidates page), an
    alias until the student shares their name, support needs only when shared, the distance
    only as a band; a mediator a name only for a student whose record they may open. The page
    shown is logged in one write; this serializer serialises nothing else."""

    @extend_schema_serializer(component_name="OpeningCandidatesInput")
    class InputSerializer(RankingParamsSerializer):
        pass

    @extend_schema_serializer(component_name="OpeningCandidatesOutput")
    class OutputSerializer(serializers.Serializer):
        score = serializers.FloatField()
        score_words = serializers.CharField()
        scored = serializers.BooleanField()
        factors = FactorSerializer(many=True)
        matched = ItemSerializer(many=True)
        missing = ItemSerializer(many=True)
        reasons = serializers.ListField(child=serializers.CharField())
        support_shown = serializers.BooleanField()
        distance_km_from = serializers.IntegerField(allow_null=True)
        distance_km_to = serializers.IntegerField(allow_null=True)
        match_status = serializers.CharField(allow_null=True)
        # What an answer to the candidate names (api-employer-match-answer), as the page's form.
        match_id = serializers.IntegerField(allow_null=True)
        match_version = serializers.IntegerField(allow_null=True)
        candidate = serializers.SerializerMethodField()

        def get_candidate(self, view: CandidateView) -> dict:
            data = {
                "label": view.label,
                "anonymous": view.anonymous,
                "education_type": view.education_type,
                "level": view.level,
            }
            if not view.anonymous:
                data.update(student_id=view.student_id, email=view.email)
            return data

    @extend_schema(
        parameters=[OpenApiParameter("page", int), OpenApiParameter("page_size", int)],
        responses=ranking_page(OutputSerializer, "OpeningCandidatesPage"),
        examples=[
            OpenApiExample(
                "Een kandidaat met een alias",
                value={
                    "count": 1,
                    "page": 1,
                    "next": None,
                    "previous": None,
                    "results": [
                        {
                            "score": 0.74,
                            "score_words": "Past goed",
                            "scored": True,
                            "factors": [],
                            "matched": [{"kind": "skill", "name": "Orderpicken", "required": True}],
                            "missing": [],
                            "reasons": ["Woont 5 tot 10 km van de plek."],
                            "support_shown": False,
                            "distance_km_from": 5,
                            "distance_km_to": 10,
                            "match_status": "interesse_student",
                            "match_id": 17,
                            "match_version": 2,
                            "candidate": {
                                "label": "Kandidaat M",
                                "anonymous": True,
                                "education_type": "mbo",
                                "level": 2,
                            },
                        }
                    ],
                },
                response_only=True,
            )
        ],
    )
    def get(self, request, opening_id: int):
        opening = get_opening_for_user(request.user, opening_id)
        if not can(request.user, "view_candidates", opening):
            raise Http404  # another employer's or region's candidates: as if there were none
        params = self.InputSerializer(data=_query(request))
        params.is_valid(raise_exception=True)
        self.params = params.validated_data
        ranked = opening_candidates(
            viewer=request.user,
            opening=opening,
            limit=self.params["page"] * self.params["page_size"],
            channel="api",
        )
        return _respond(
            request,
            self,
            ranked,
            self.OutputSerializer,
            present=lambda page: candidates_for_viewer(
                viewer=request.user, opening=opening, candidates=page, context="api:kandidaten"
            ),
        )


def _query(request, many: tuple[str, ...] = ()) -> dict:
    data = {}
    for key in request.query_params:
        if key in many:
            values = []
            for raw in request.query_params.getlist(key):
                values += [v for v in raw.split(",") if v]
            data[key] = values
        else:
            data[key] = request.query_params.get(key)
    return data


def _respond(request, view, ranked: list, serializer, present=None) -> Response:
    """One page of the ranking; `present` turns it into what the viewer may see."""
    params = view.params
    start = (params["page"] - 1) * params["page_size"]
    page = ranked[start : start + params["page_size"]]
    if present is not None:
        page = present(page)
    has_next = len(ranked) > start + params["page_size"]
    return Response(
        {
            "count": len(ranked),
            "page": params["page"],
            "next": _page_url(request, params["page"] + 1) if has_next else None,
            "previous": _page_url(request, params["page"] - 1) if params["page"] > 1 else None,
            "results": serializer(page, many=True).data,
        }
    )


def _page_url(request, page: int) -> str:
    query = request.query_params.copy()
    query["page"] = str(page)
    return request.build_absolute_uri(f"{request.path}?{query.urlencode()}")
