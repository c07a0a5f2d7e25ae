"""Zoekvragen (search requests): one per student in the pipeline, the stuck cases and a few more.

Some have not moved for more than 21 days and some belong to last-year students whose BPV starts
within eight weeks: the escalation sweep should find those.
"""

import datetime

from marketplace.models import MatchStatus, SearchRequest

from . import DEMO_TODAY
from .bulk import at, rng_for
from .students import STUCK_STUDENTS

S = MatchStatus
KIND_WORDS = {"bpv": "een BPV-plek", "leerbaan": "een leerbaan (BBL)", "vacature": "een baan"}
SECTOR_WORDS = {
    "zorg": "in de zorg",
    "horeca": "in de horeca",
    "productie": "in de productie",
    "logistiek": "in de logistiek",
    "installatietechniek": "in de installatietechniek",
    "metaal": "in de metaal",
    "groen": "in het groen",
    "facilitair": "in de facilitaire dienstverlening",
}


def _status(match_status: str | None) -> str:
    if match_status in (S.GESTART, S.GEPLAATST):
        return SearchRequest.Status.GEVONDEN
    if match_status in (None, S.AFGEWEZEN, S.INGETROKKEN):
        return SearchRequest.Status.OPEN
    return SearchRequest.Status.ACTIEF


def seed_searches(ctx, base, planned) -> dict[int, SearchRequest]:
    from .pipeline import EXTRA_SEARCHES, STALE, wanted_kind

    furthest: dict[int, str] = {}
    for j, _opening, status, _key in planned:
        if j not in furthest or status in (S.GESTART, S.GEPLAATST):
            furthest[j] = status
    wanted = list(furthest) + [j for j in (*STUCK_STUDENTS, *EXTRA_SEARCHES) if j not in furthest]
    result = {}
    for j in wanted:
        profile = base.profiles.get(j)
        if profile is None:
            continue
        spec = base.specs[j]
        kind = wanted_kind(spec)
        rng = rng_for("search", j)
        status = _status(furthest.get(j))
        if j == 17:
            status = SearchRequest.Status.GESTOPT
        stale_days = rng.randint(25, 40) if j in STALE else rng.randint(1, 12)
        deadline = spec["bpv_start_date"] or spec["available_from"] + datetime.timedelta(weeks=4)
        place = ctx.place_names[spec["home_place_id"]]
        result[j], _ = SearchRequest.objects.get_or_create(
            student=profile,
            kind=kind,
            defaults={
                "sector_id": ctx.sector_ids[spec["sector"]],
                "deadline": deadline,
                "status": status,
                "note": f"Zoekt {KIND_WORDS[kind]} {SECTOR_WORDS[spec['sector']]}, in de buurt van "
                f"{place} (max. {spec['travel_radius_km']} km)."
                + (" Gestopt: gaat eerst een jaar naar een ander traject." if j == 17 else ""),
                "created_by": profile.jobhunter or profile.jpo or profile.mentor,
                "last_progress_at": at(DEMO_TODAY - datetime.timedelta(days=stale_days), 11),
            },
        )
    return result
