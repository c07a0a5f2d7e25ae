"""Pipeline content so no screen is empty: zoekvragen, matches with a timeline, placements.

Only base students and openings of base employers take part, picked by fixed rules, so the
same rows result whatever else a larger run generated. Every pair passes the engine's hard
rules (the same statement that guards the match services): planning asks them of records built
like the services build them, and each match is checked once more on fresh data before it is
written. Rows are keyed on their natural keys
(student × kind, student × opening, match), so a second run adds nothing. No Suggestion rows:
the ranking service computes those.
"""

import datetime
from dataclasses import dataclass

from employers.models import Opening
from employers.services import opening_place_release, opening_place_take
from marketplace.models import (
    CheckIn,
    Match,
    MatchStatus,
    Placement,
    StudentProfile,
    TimelineEntry,
)
from marketplace.services.matching_records import opening_records, student_records
from marketplace.services.rules import pair_failures
from matching.engine import CAPACITY_CODES, OpeningRecord, StudentRecord, hard_rules_failing

from . import DEMO_TODAY
from .bulk import at, rng_for
from .employer_builder import BASE_EMPLOYER_COUNT, employer_spec, kvk_number
from .students import BASE_STUDENT_COUNT, STUCK_STUDENTS, student_spec

S = MatchStatus
PATH = [
    S.VOORGESTELD,
    S.INTERESSE_STUDENT,
    S.INTERESSE_WERKGEVER,
    S.KENNISMAKING,
    S.AANBOD,
    S.GEPLAATST,
    S.GESTART,
]
# (base student index, opening title at the demo employer or None for "best fit", status)
SCENARIOS = [
    (0, "BPV-plek logistiek medewerker magazijn", S.KENNISMAKING),
    (0, "Stage orderpicker koel- en vriesmagazijn", S.VOORGESTELD),
    (0, None, S.INTERESSE_STUDENT),
    (1, None, S.VOORGESTELD),
    *[(j, None, S.GESTART) for j in (10, 20, 40, 60, 80, 100)],
    (120, None, S.GEPLAATST),
    (140, None, S.GEPLAATST),
    *[(j, None, S.VOORGESTELD) for j in (150, 160, 170, 180)],
    (190, None, S.INTERESSE_STUDENT),
    (200, None, S.INTERESSE_STUDENT),
    *[(j, None, S.INTERESSE_WERKGEVER) for j in (210, 220, 230)],
    (240, None, S.KENNISMAKING),
    (250, None, S.KENNISMAKING),
    (260, None, S.AANBOD),
    (270, None, S.AANBOD),
    (280, None, S.AFGEWEZEN),
    (290, None, S.INGETROKKEN),
]
# Candidates for the demo employer: other logistics students, at these stages.
DEMO_EMPLOYER_CANDIDATES = [S.INTERESSE_STUDENT, S.INTERESSE_WERKGEVER, S.AFGEWEZEN]
STARTED_WEEKS_AGO = {10: 3, 20: 7, 40: 13, 60: 5, 80: 9, 100: 15}
RISK_STUDENT, DROPPED_OUT_STUDENT = 20, 100
EXTRA_SEARCHES = (90, 3, 7, 13, 17, 23)
STALE = {90, 13, 23, *STUCK_STUDENTS}


@dataclass
class Base:
    """The base students (index → spec and profile) and the base employers' openings."""

    specs: dict[int, dict]
    profiles: dict[int, StudentProfile]
    openings: list[Opening]
    left: dict[int, int]  # opening id → places still free in this run
    students: dict[int, StudentRecord]  # the engine's view of each base student ...
    records: dict[int, OpeningRecord]  # ... and of each opening (by id)


def load_base(ctx) -> Base:
    specs = {j: student_spec(j, ctx) for j in range(BASE_STUDENT_COUNT)}
    by_email = {
        p.user.email: p
        for p in StudentProfile.objects.filter(
            user__email__in=[s["email"] for s in specs.values()]
        ).select_related("user", "jobhunter", "jpo", "mentor", "home_place")
    }
    openings, left = _seeded_openings(ctx)
    profiles = {j: by_email[s["email"]] for j, s in specs.items() if s["email"] in by_email}
    records = opening_records(Opening.objects.filter(pk__in=[o.pk for o in openings]))
    return Base(
        specs=specs,
        profiles=profiles,
        openings=openings,
        left=left,
        students=dict(zip(profiles, student_records(list(profiles.values())), strict=True)),
        records={r.id: r for r in records},
    )


def _seeded_openings(ctx) -> tuple[list[Opening], dict[int, int]]:
    """The base employers' openings with the status and free places they were seeded with.

    Planning looks at the seeded state, not the stored one: placements of an earlier run fill
    openings, and a second run must still plan exactly the same matches (which then exist)."""
    stored = (
        Opening.objects.filter(
            employer__kvk_number__in=[kvk_number(i) for i in range(BASE_EMPLOYER_COUNT)]
        )
        .select_related("employer", "location")
        .prefetch_related("accepted_qualifications", "employer__recognitions", "employer__members")
        .order_by("employer__kvk_number", "id")
    )
    by_employer: dict[str, list[Opening]] = {}
    for opening in stored:
        by_employer.setdefault(opening.employer.kvk_number, []).append(opening)
    openings, left = [], {}
    for i in range(BASE_EMPLOYER_COUNT):
        seeded = employer_spec(i, ctx)["openings"]
        rows = by_employer.get(kvk_number(i), [])[: len(seeded)]
        for opening, spec in zip(rows, seeded, strict=False):
            opening.seeded_status = spec["status"]
            left[opening.pk] = spec["places"] - spec["places_filled"]
            openings.append(opening)
    return openings, left


def wanted_kind(spec: dict) -> str:
    if spec["leerweg"] == "bbl":
        return "leerbaan"
    return "vacature" if spec["school_leaver"] else "bpv"


def breaks_a_rule(base: Base, j: int, opening: Opening) -> bool:
    """The engine's hard rules for the pair. Whether a place is still free is the planner's
    own bookkeeping (the seeded state and `base.left`), since a second run finds the places
    that the first run filled."""
    failures = hard_rules_failing(base.students[j], base.records[opening.pk])
    return any(f.code not in CAPACITY_CODES for f in failures)


def fits(ctx, base: Base, j: int, opening: Opening) -> bool:
    """A pair for the story: the kind the student looks for, a liked sector in the student's
    region, an accepted qualification, and no broken hard rule."""
    spec = base.specs[j]
    if opening.seeded_status != "open" or opening.kind != wanted_kind(spec):
        return False
    if opening.sector_id not in {ctx.sector_ids[c] for c in spec["sectors"]}:
        return False
    if opening.employer.region_id != ctx.region_ids[spec["region"]]:
        return False
    qual = spec["qualification_id"]
    if qual and opening.kind in ("bpv", "leerbaan"):
        if qual not in {q.pk for q in opening.accepted_qualifications.all()}:
            return False
    return not breaks_a_rule(base, j, opening)


def pick_opening(ctx, base: Base, j: int, *, employer_index: int | None = None, exclude=()):
    """The nearest fitting opening with a place left in this run."""
    spec = base.specs[j]
    fitting = [
        o
        for o in base.openings
        if base.left[o.pk] > 0
        and o.pk not in exclude
        and (employer_index is None or o.employer.kvk_number == kvk_number(employer_index))
        and fits(ctx, base, j, o)
    ]
    if not fitting:
        return None
    return min(
        fitting, key=lambda o: (ctx.distance_km(spec["home_place_id"], o.location.place_id), o.pk)
    )


def demo_candidates(ctx, base: Base, used: set[int]) -> list[tuple[int, Opening, str]]:
    """Logistics students (not in a scenario yet) with a fitting opening at the demo employer."""
    taken = used | set(STUCK_STUDENTS) | set(EXTRA_SEARCHES)
    found = []
    for j in sorted(base.profiles):
        if len(found) == len(DEMO_EMPLOYER_CANDIDATES):
            break
        if j in taken or base.specs[j]["sector"] != "logistiek":
            continue
        opening = pick_opening(ctx, base, j, employer_index=0)
        if opening is not None:
            base.left[opening.pk] -= 1
            found.append((j, opening, DEMO_EMPLOYER_CANDIDATES[len(found)]))
    return found


def _scenario_student(ctx, base: Base, j: int, used: set[int], exclude=()):
    """The scenario's student, or the next free one (j+1 … j+9) when nothing fits them."""
    blocked = used | set(STUCK_STUDENTS) | set(EXTRA_SEARCHES) | {0, 1}
    for candidate in [j] if j in (0, 1) else range(j, j + 10):
        if candidate not in base.profiles or (candidate in blocked and candidate != j):
            continue
        opening = pick_opening(ctx, base, candidate, exclude=exclude)
        if opening is not None:
            return candidate, opening
    return None, None


def plan_matches(ctx, base: Base) -> list[tuple[int, Opening, str, int]]:
    """(student, opening, status, scenario key) for every match of the demo story."""
    demo = {o.pk for o in base.openings if o.employer.kvk_number == kvk_number(0)}
    planned, used = [], set()
    for j, title, status in SCENARIOS:
        if title is not None:
            student = j
            opening = next(o for o in base.openings if o.pk in demo and o.title == title)
            if breaks_a_rule(base, student, opening):
                continue
        else:
            student, opening = _scenario_student(ctx, base, j, used, demo if j == 0 else ())
        if opening is None or student not in base.profiles:
            continue
        used.add(student)
        base.left[opening.pk] -= 1
        planned.append((student, opening, status, j))
    return planned + [(j, o, s, j) for j, o, s in demo_candidates(ctx, base, used)]


def seed_pipeline(ctx) -> None:
    from .casework import seed_casework
    from .searches import seed_searches

    base = load_base(ctx)
    planned = plan_matches(ctx, base)
    searches = seed_searches(ctx, base, planned)
    for student, opening, status, key in planned:
        _match(ctx, base, student, opening, status, searches.get(student), key)
    seed_casework(ctx, base)


def _steps(status: str) -> list[str]:
    if status == S.AFGEWEZEN:
        return [S.VOORGESTELD, S.INTERESSE_STUDENT, S.AFGEWEZEN]
    if status == S.INGETROKKEN:
        return [S.VOORGESTELD, S.INGETROKKEN]
    return PATH[: PATH.index(status) + 1]


NOTES = {
    S.VOORGESTELD: "Past bij haar of zijn profiel en reisafstand. Wat vinden jullie ervan?",
    S.INTERESSE_STUDENT: "Lijkt me een leuke plek!",
    S.INTERESSE_WERKGEVER: "We willen graag kennismaken.",
    S.KENNISMAKING: "Kennismaking gepland op de werkplek, jobhunter gaat mee.",
    S.AANBOD: "Kennismaking ging goed. We bieden de plek aan.",
    S.GEPLAATST: "Praktijkovereenkomst is getekend.",
    S.GESTART: "Eerste werkdag ging goed.",
    S.AFGEWEZEN: "Helaas: we zoeken iemand die ook in het weekend kan werken.",
    S.INGETROKKEN: "Ik heb zelf een plek gevonden bij mijn oom.",
}
NEXT_ACTIONS = {
    S.VOORGESTELD: "Vragen of student en werkgever interesse hebben",
    S.INTERESSE_STUDENT: "Werkgever vragen om te reageren",
    S.INTERESSE_WERKGEVER: "Kennismaking plannen",
    S.KENNISMAKING: "Kennismaking nabespreken met student",
    S.AANBOD: "Praktijkovereenkomst laten tekenen",
}


def _actor(profile: StudentProfile, opening: Opening, step: str):
    member = next(iter(opening.employer.members.all()), None)
    if step in (S.INTERESSE_STUDENT, S.INGETROKKEN):
        return profile.user
    if step in (S.INTERESSE_WERKGEVER, S.AANBOD, S.AFGEWEZEN):
        return member
    return profile.jobhunter or profile.jpo or profile.mentor


def _match(ctx, base: Base, j: int, opening: Opening, status: str, search, key: int) -> None:
    profile = base.profiles[j]
    if Match.objects.filter(student=profile, opening=opening).exists():
        return
    if pair_failures(profile, opening):  # the services' own check, on fresh data
        return
    rng = rng_for("match", f"{j}:{opening.title}")
    steps = _steps(status)
    if status in (S.GESTART, S.GEPLAATST):
        weeks = STARTED_WEEKS_AGO.get(key, 0)
        last = DEMO_TODAY - datetime.timedelta(weeks=weeks, days=rng.randint(1, 4))
    else:
        last = DEMO_TODAY - datetime.timedelta(days=rng.randint(1, 10))
    days = [last - datetime.timedelta(days=4 * (len(steps) - 1 - n)) for n in range(len(steps))]
    meeting = at(DEMO_TODAY + datetime.timedelta(days=rng.randint(3, 12)), 14)
    if status not in (S.KENNISMAKING,):
        meeting = at(days[min(3, len(days) - 1)], 14) if S.KENNISMAKING in steps else None
    match = Match.objects.create(
        student=profile,
        opening=opening,
        search_request=search,
        status=status,
        student_response="ja" if S.INTERESSE_STUDENT in steps else "",
        employer_response=(
            "nee" if status == S.AFGEWEZEN else "ja" if S.INTERESSE_WERKGEVER in steps else ""
        ),
        student_shares_profile=S.INTERESSE_STUDENT in steps,
        proposed_by=profile.jobhunter or profile.jpo or profile.mentor,
        closed_reason=NOTES[status] if status in (S.AFGEWEZEN, S.INGETROKKEN) else "",
        next_action=NEXT_ACTIONS.get(status, ""),
        next_action_due=DEMO_TODAY + datetime.timedelta(days=7) if status in NEXT_ACTIONS else None,
        meeting_at=meeting,
        version=len(steps),
    )
    for n, step in enumerate(steps):
        entry = TimelineEntry.objects.create(
            match=match,
            actor=_actor(profile, opening, step),
            from_status=steps[n - 1] if n else "",
            to_status=step,
            kind="proposal" if n == 0 else "step",
            note=NOTES[step],
            # Written for everyone around the match: shared with the student and the employer.
            note_visibility=TimelineEntry.Visibility.SHARED,
        )
        TimelineEntry.objects.filter(pk=entry.pk).update(at=at(days[n], 9 + n))
    if status in NEXT_ACTIONS:
        # The mediator's own next step: internal to the workspace (the default).
        note = TimelineEntry.objects.create(
            match=match,
            actor=match.proposed_by,
            from_status=status,
            to_status=status,
            kind="note",
            note=f"Volgende stap: {NEXT_ACTIONS[status]}",
        )
        TimelineEntry.objects.filter(pk=note.pk).update(at=at(days[-1], 17))
    if status in (S.GEPLAATST, S.GESTART):
        _placement(rng, key, match, opening, status)


def _placement(rng, j: int, match: Match, opening: Opening, status: str) -> None:
    """j is the scenario key: it decides the start, the drop-out and the risk signal."""
    if status == S.GESTART:
        start = DEMO_TODAY - datetime.timedelta(weeks=STARTED_WEEKS_AGO[j])
        start -= datetime.timedelta(days=start.weekday())
    else:
        start = max(opening.start_date, datetime.date(2027, 1, 4))
    length = (opening.end_date - opening.start_date) if opening.end_date else None
    placement = Placement.objects.create(
        match=match,
        start_date=start,
        end_date=start + length if length else None,
        status="uitgevallen" if j == DROPPED_OUT_STUDENT else "lopend",
        outcome_reason=(
            "Het werk in ploegendienst paste niet. Zoekt nu samen met de jobhunter een plek "
            "overdag."
            if j == DROPPED_OUT_STUDENT
            else ""
        ),
        outcome_at=at(DEMO_TODAY - datetime.timedelta(days=6))
        if j == DROPPED_OUT_STUDENT
        else None,
    )
    opening_place_take(opening=opening)  # through the opening's owner, as the pipeline does
    if placement.status == "uitgevallen":
        opening_place_release(opening=opening)  # a drop-out gave the place back
    _checkins(rng, j, placement)


def _checkins(rng, j: int, placement: Placement) -> None:
    student = placement.match.student
    coach = student.jpo or student.jobhunter or student.mentor
    for week in (2, 6, 12):
        planned = placement.start_date + datetime.timedelta(weeks=week)
        done = planned <= DEMO_TODAY
        risk = done and j == RISK_STUDENT and week == 6
        how = "slecht" if risk else rng.choice(["goed", "goed", "matig"]) if done else ""
        CheckIn.objects.create(
            placement=placement,
            week=week,
            planned_for=planned,
            assigned_to=coach,
            done_at=at(planned, 15) if done else None,
            done_by=coach if done else None,
            how_it_goes=how,
            notes={
                "goed": "Gaat goed. Werkt netjes en komt op tijd.",
                "matig": "Gaat redelijk. Vindt de drukte soms lastig; afgesproken om vaker "
                "te vragen.",
                "slecht": "Gaat niet goed. Was drie keer te laat en zegt weinig tegen collega's.",
            }.get(how, ""),
            risk_signal=risk,
            risk_notes="Risico op uitval: vaak te laat, weinig contact met de begeleider. "
            "Gesprek met school en werkgever nodig."
            if risk
            else "",
        )
