"""Rankings served to people: places for a student, candidates for a place, with reasons.

The engine scores; this module loads what it needs, turns the explanation into plain Dutch,
gives each candidate its stored random alias, and logs every ranking served (human oversight:
engine version, weights version, input hash, the ids shown and who saw them). What a viewer may
see of a candidate is decided in marketplace.selectors, not here.
"""

import hashlib
from dataclasses import dataclass

import numpy as np
from django.core.cache import cache
from django.db.models import Count, Max, Sum
from django.utils.translation import get_language, gettext_lazy, ngettext
from django.utils.translation import gettext as _

from employers.models import Opening
from matching.engine import (
    ENGINE_VERSION,
    RankedResult,
    RankFilter,
    input_hash,
    score_pair_naive,
)
from matching.models import SupportKind

from ..models import Match, RankingLog, StudentProfile, User
from . import engine_index
from . import matching_records as records
from .aliases import alias_text, candidate_aliases_for_opening
from .weights import weights_for_region

FACTOR_LABELS = {
    "required_competencies": gettext_lazy("Vaardigheden die nodig zijn"),
    "nice_competencies": gettext_lazy("Extra vaardigheden"),
    "qualification": gettext_lazy("Past bij de opleiding"),
    "certificates": gettext_lazy("Certificaten"),
    "distance": gettext_lazy("Afstand"),
    "sector": gettext_lazy("Sector"),
    "interests": gettext_lazy("Wat je leuk vindt"),
    "support": gettext_lazy("Begeleiding"),
    "availability": gettext_lazy("Beschikbaarheid"),
}


@dataclass
class Ranked:
    score: float
    factors: list[dict]
    matched: list[dict]
    missing: list[dict]
    reasons: list[str]
    distance_km: float | None
    match: Match | None = None
    scored: bool = True  # False: a proposed pair the engine's hard rules exclude

    @property
    def score_words(self) -> str:
        return score_in_words(self.score)

    @property
    def score_percent(self) -> int:
        return round(self.score)


@dataclass
class RankedOpening(Ranked):
    opening: Opening | None = None
    result: RankedResult | None = None  # the engine's own result, for the explanation


@dataclass
class RankedCandidate(Ranked):
    """Everything the scoring knows about a candidate; selectors decide what a viewer sees."""

    student: StudentProfile | None = None
    alias: str = ""  # "Kandidaat K": random, stored per opening and student
    shares_name: bool = False  # said yes to this place and shares name and contact
    result: RankedResult | None = None  # the engine's own result; None when unscored


def score_in_words(score: float) -> str:
    if score >= 80:
        return _("Past heel goed")
    if score >= 60:
        return _("Past goed")
    if score >= 40:
        return _("Past redelijk")
    return _("Past een beetje")


def student_record(student: StudentProfile):
    """One student's record: kept between rankings until it changes (engine_index); else,
    with home_place loaded, one query (a union over its sets). Call after the index's sync
    (opening_index())."""
    return engine_index.student_record(student)


def _names(results, index=None) -> tuple[dict, dict]:
    """Names of competencies and certificates, kept with the (cached) opening index."""
    names = (index or engine_index.opening_index(sync=False)).names
    if (get_language() or "").startswith("en") and "competency_en" in names:
        return names["competency_en"], names["certificate_en"]
    return names["competency"], names["certificate"]


def _items(result, comps: dict, certs: dict, side: str) -> list[dict]:
    """The matched or missing competencies, certificates and support, by name."""
    required = set(result.required_competency_ids)
    return (
        [
            {"kind": "competency", "id": i, "name": comps.get(i, "?"), "required": i in required}
            for i in getattr(result, f"{side}_competencies")
        ]
        + [
            {"kind": "certificate", "id": i, "name": certs.get(i, "?"), "required": True}
            for i in getattr(result, f"{side}_certificates")
        ]
        + [
            {"kind": "support", "id": c, "name": str(SupportKind(c).label), "required": False}
            for c in getattr(result, f"{side}_support")
        ]
    )


def _explain(result, comps: dict, certs: dict, *, for_student: bool) -> dict:
    matched = _items(result, comps, certs, "matched")
    missing = _items(result, comps, certs, "missing")
    factors = [
        {
            "code": f.code,
            "label": str(FACTOR_LABELS.get(f.code, f.code)),
            "value": round(f.value, 4),
            "weight": f.weight,
            "contribution": round(f.contribution, 4),
        }
        for f in result.factors
    ]
    return {
        "score": round(result.score, 2),
        "factors": factors,
        "matched": matched,
        "missing": missing,
        "reasons": reasons(result, matched, missing, for_student=for_student),
        "distance_km": None if result.distance_km is None else round(result.distance_km, 1),
    }


def reasons(result, matched: list[dict], missing: list[dict], *, for_student: bool) -> list[str]:
    """The explanation in plain Dutch (B1), one short sentence per point."""
    out = []
    req_have = sum(1 for m in matched if m["kind"] == "competency" and m["required"])
    req_all = req_have + sum(1 for m in missing if m["kind"] == "competency" and m["required"])
    if req_all:
        if for_student:
            text = ngettext(
                "Je hebt %(have)d van de %(all)d vaardigheid die dit bedrijf vraagt.",
                "Je hebt %(have)d van de %(all)d vaardigheden die dit bedrijf vraagt.",
                req_all,
            )
        else:
            text = ngettext(
                "Heeft %(have)d van de %(all)d vaardigheid die je vraagt.",
                "Heeft %(have)d van de %(all)d vaardigheden die je vraagt.",
                req_all,
            )
        out.append(text % {"have": req_have, "all": req_all})
    to_learn = [m["name"] for m in missing if m["kind"] == "competency" and m["required"]]
    if to_learn:
        out.append(_("Nog te leren: %(names)s.") % {"names": ", ".join(to_learn)})
    certs_missing = [m["name"] for m in missing if m["kind"] == "certificate"]
    if certs_missing:
        out.append(_("Nodig: certificaat %(names)s.") % {"names": ", ".join(certs_missing)})
    if result.distance_km is not None:
        if result.distance_km < 1:
            out.append(_("Het is vlak bij huis (minder dan 1 km)."))
        else:
            out.append(_("Het is %(km)d km van huis.") % {"km": round(result.distance_km)})
    support_ok = [m["name"] for m in matched if m["kind"] == "support"]
    if support_ok:
        out.append(
            _("Ze bieden de hulp die nodig is: %(names)s.") % {"names": ", ".join(support_ok)}
        )
    support_missing = [m["name"] for m in missing if m["kind"] == "support"]
    if support_missing:
        text = (
            _("Vraag of ze dit kunnen bieden: %(names)s.")
            if for_student
            else _("Hulp die de jongere zoekt en die je nog niet biedt: %(names)s.")
        )
        out.append(text % {"names": ", ".join(support_missing)})
    by_code = {f.code: f for f in result.factors}
    if result.sector_wanted and by_code.get("sector") and by_code["sector"].weight:
        out.append(
            _("Het is werk in een sector die je leuk vindt.")
            if for_student
            else _("Wil graag werken in deze sector.")
        )
    if "qualification" in by_code and by_code["qualification"].value >= 0.99:
        out.append(_("Het past bij de opleiding."))
    return out


def _log(viewer: User | None, subject: str, subject_id: int, weights, digest: str, ids, channel):
    RankingLog.objects.create(
        viewer=viewer if viewer is not None and viewer.is_authenticated else None,
        subject_type=subject,
        subject_id=subject_id,
        engine_version=ENGINE_VERSION,
        weights_version=weights.version,
        input_hash=digest,
        top_ids=list(ids),
        channel=channel,
    )


def ranked_openings_for_student(
    *,
    viewer: User | None,
    student: StudentProfile,
    kinds=None,
    sector_ids=None,
    max_distance_km=None,
    limit: int = 20,
    channel: str = "web",
    matches: dict[int, Match] | None = None,
    served: dict | None = None,
) -> list[RankedOpening]:
    """Open places for a student, best first, each with its explanation.

    `matches` (opening id → the student's match) saves a query when the caller has them.
    `served`, when given, receives what the ranking log holds of this ranking (for
    served_again)."""
    index = engine_index.opening_index()  # first: its change check also refreshes the weights
    record = student_record(student)
    weights = weights_for_region(student.school.region_id)
    rank_filter = RankFilter(
        kinds=frozenset(kinds) if kinds else None,
        sector_ids=frozenset(sector_ids) if sector_ids else None,
        max_distance_km=max_distance_km,
    )
    results = index.rank(record, weights, k=limit, filter=rank_filter)
    ids = [r.id for r in results]
    openings = Opening.objects.select_related("employer", "location__place", "sector").in_bulk(ids)
    if matches is None:
        matches = {
            m.opening_id: m for m in Match.objects.filter(student=student, opening_id__in=ids)
        }
    comps, certs = _names(results, index)
    digest = input_hash(record, weights)
    _log(viewer, "student", student.pk, weights, digest, ids, channel)
    if served is not None:
        served.update(input_hash=digest, ids=ids, weights_version=weights.version)
    out = []
    for r in results:
        if r.id not in openings:
            continue  # closed between the index build and now
        data = _explain(r, comps, certs, for_student=True)
        out.append(
            RankedOpening(
                opening=openings[r.id], match=matches.get(r.id), result=r, **data_fields(data)
            )
        )
    return out


# An answer built on a ranking is kept this long at most, and only as long as nothing it is
# made of changed (ranking_cache_key).
RANKING_CACHE_SECONDS = 300


def ranking_cache_key(*, viewer: User, student: StudentProfile, asked: tuple) -> str | None:
    """A key for an answer built on this student's ranking as this viewer asked it (`asked`:
    the parameters, the address), or None when it may not be kept. It changes with every
    change row of the engine's inputs (openings, employers, places, students, weights, the
    vocabulary), the student's matches, the region's weights and the language."""
    engine_index.rankings_sync()
    generation = engine_index.generation()
    if generation is None:
        return None
    weights = weights_for_region(student.school.region_id)
    matches = Match.objects.filter(student=student).aggregate(
        n=Count("pk"), at=Max("updated_at"), versions=Sum("version")
    )
    parts = (viewer.pk, student.pk, asked, get_language(), generation, weights.version, matches)
    return "ranking:student:" + hashlib.sha256(repr(parts).encode()).hexdigest()


def ranking_cache_get(key: str | None, *, viewer: User, student: StudentProfile, channel: str):
    """The kept answer, logged as served again (every ranking served is in the log), or None."""
    entry = cache.get(key) if key else None
    if entry is None:
        return None
    RankingLog.objects.create(
        viewer=viewer if viewer.is_authenticated else None,
        subject_type="student",
        subject_id=student.pk,
        engine_version=ENGINE_VERSION,
        weights_version=entry["weights_version"],
        input_hash=entry["input_hash"],
        top_ids=entry["ids"],
        channel=channel,
    )
    return entry["answer"]


def ranking_cache_set(key: str | None, answer, served: dict) -> None:
    if key and served:
        cache.set(key, {"answer": answer, **served}, RANKING_CACHE_SECONDS)


def data_fields(data: dict) -> dict:
    return {
        k: data[k] for k in ("score", "factors", "matched", "missing", "reasons", "distance_km")
    }


def ranked_candidates_for_opening(
    *,
    viewer: User | None,
    opening: Opening,
    limit: int = 20,
    only_with_match: bool = False,
    channel: str = "web",
    among: list[int] | None = None,
) -> list[RankedCandidate]:
    """Students for a place, best first, each with its alias on this opening (made on first show).

    `among`: rank only these students (the ones who agreed to be found, for the employer's
    suggestions). The full explanation, support included: show it only through
    marketplace.selectors."""
    engine_index.rankings_sync()  # first: it also refreshes the weights
    weights = weights_for_region(opening.employer.region_id)
    # An open place's record as the index holds it (fresh after the sync above); a place that
    # is not open is not in it.
    opening_record = (
        engine_index.opening_index(sync=False).record(opening.pk)
        or (records.opening_records(Opening.objects.filter(pk=opening.pk))[0])
    )
    matches = {
        m.student_id: m
        for m in Match.objects.filter(opening=opening).select_related("student__user")
    }
    if only_with_match:
        index = engine_index.build_student_index_for(list(matches))
        limit = max(limit, len(matches))
    else:
        index = engine_index.student_index(sync=False)
    results = index.rank(opening_record, weights, k=limit, among=among)
    ids = [r.id for r in results]
    students = StudentProfile.objects.select_related("user").in_bulk(ids)
    comps, certs = _names(results)
    _log(viewer, "opening", opening.pk, weights, f"opening:{opening.pk}", ids, channel)
    out = []
    for r in results:
        student = students.get(r.id)
        if student is None:
            continue
        match = matches.get(r.id)
        data = _explain(r, comps, certs, for_student=False)
        out.append(
            RankedCandidate(
                student=student,
                match=match,
                shares_name=_shares_name(match),
                result=r,
                **data_fields(data),
            )
        )
    if only_with_match:
        out += _unscored_candidates(matches, {c.student.pk for c in out})
    labels = candidate_aliases_for_opening(
        opening_id=opening.pk, student_ids=[c.student.pk for c in out]
    )
    for candidate in out:
        candidate.alias = alias_text(labels[candidate.student.pk])
    return out


def _shares_name(match: Match | None) -> bool:
    return bool(match and match.student_response == "ja" and match.student_shares_profile)


def _unscored_candidates(matches: dict, shown: set) -> list[RankedCandidate]:
    """Proposed or interested students the hard rules exclude: shown last, without a score."""
    out = []
    # In the order the matches were made: an order by student id would hint at the ids.
    for student_id, match in sorted(matches.items(), key=lambda item: item[1].pk):
        if student_id in shown:
            continue
        out.append(
            RankedCandidate(
                score=0.0,
                factors=[],
                matched=[],
                missing=[],
                reasons=[_unscored_reason(match)],
                distance_km=None,
                match=match,
                scored=False,
                student=match.student,
                shares_name=_shares_name(match),
            )
        )
    return out


UNSCORED_BY_SOURCE = {
    Match.Source.MEDIATOR: gettext_lazy(
        "De matcher geeft geen score: een harde regel past niet (bijvoorbeeld afstand, leeftijd, "
        "niveau of erkenning). Een begeleider heeft deze match toch gemaakt."
    ),
    Match.Source.STUDENT: gettext_lazy(
        "De matcher geeft geen score: een harde regel past niet (bijvoorbeeld afstand, leeftijd, "
        "niveau of erkenning). De jongere heeft zelf interesse getoond."
    ),
    Match.Source.EVENT: gettext_lazy(
        "De matcher geeft geen score: een harde regel past niet (bijvoorbeeld afstand, leeftijd, "
        "niveau of erkenning). De match komt van een matchingevent."
    ),
    Match.Source.INVITATION: gettext_lazy(
        "De matcher geeft geen score: een harde regel past niet (bijvoorbeeld afstand, leeftijd, "
        "niveau of erkenning). De jongere heeft je uitnodiging aangenomen."
    ),
}


def _unscored_reason(match: Match) -> str:
    """Why an excluded pair is listed anyway, true to how the match came about."""
    return str(UNSCORED_BY_SOURCE.get(match.source, UNSCORED_BY_SOURCE[Match.Source.MEDIATOR]))


def explain_opening_for_student(
    *, viewer: User | None, student: StudentProfile, opening: Opening
) -> RankedOpening | None:
    """The explanation for one place (detail page); None when a hard rule excludes it."""
    found = engine_index.opening_index().find(opening.pk)  # first: it refreshes the weights
    if found is None:
        return None
    part, row = found
    record = student_record(student)
    weights = weights_for_region(student.school.region_id)
    interests = float(part.interests(record.interests_text, np.array([row]))[0])
    result = score_pair_naive(record, part.records[row], weights, interests)
    if result is None:
        return None
    comps, certs = _names([result])
    data = _explain(result, comps, certs, for_student=True)
    match = Match.objects.filter(student=student, opening=opening).first()
    return RankedOpening(opening=opening, match=match, result=result, **data_fields(data))


__all__ = [
    "RankedCandidate",
    "RankedOpening",
    "explain_opening_for_student",
    "ranked_candidates_for_opening",
    "ranked_openings_for_student",
    "score_in_words",
]
