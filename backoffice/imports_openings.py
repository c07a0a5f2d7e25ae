"""Openings of the region's employers, keyed by (KvK-nummer, kenmerk).

Each row is checked with the same rules as `employers.services.opening_save` (at least one
competency, none both needed and nice, the model's own checks such as the dates' order and the
kinds of support), so an imported place is as valid for the engine's hard rules as a typed one.
(opening_save itself asks for an employer member; the coordinator is not one, so its checks are
repeated here, next to the same OPENING_FIELDS and OPENING_M2M.) Openings are few per file:
each is saved through the ORM, so the model signals tell the ranking change log.
"""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from employers.models import Employer, EmployerLocation, Opening
from employers.services import OPENING_FIELDS, OPENING_M2M, opening_after_change

from .imports_formats import OPENINGS
from .imports_rows import BATCH, Plan, Progress, Row, RowPlan, problem

HEADER = {c.field: c.header for c in OPENINGS.columns}
SIMPLE = [f for f in OPENING_FIELDS if f not in ("sector", "location")]


def _stored(rows: list[Row], region_id: int):
    kvks = sorted({r.values.get("kvk_number", "") for r in rows})
    employers = {
        e["kvk_number"]: e
        for e in Employer.objects.filter(kvk_number__in=kvks).values(
            "pk", "kvk_number", "region_id", "sector_id"
        )
    }
    ids = [e["pk"] for e in employers.values() if e["region_id"] == region_id]
    locations = {
        (employer, name.lower()): pk
        for pk, employer, name in EmployerLocation.objects.filter(employer_id__in=ids).values_list(
            "pk", "employer_id", "name"
        )
    }
    openings = {
        (o.employer_id, o.external_id.lower()): o
        for o in Opening.objects.filter(employer_id__in=ids)
        .exclude(external_id="")
        .prefetch_related(*OPENING_M2M)
    }
    return employers, locations, openings


def openings_plan(rows: list[Row], *, region_id: int, created_by_id: int | None) -> Plan:
    plan = Plan()
    employers, locations, openings = _stored(rows, region_id)
    todo = []
    for row in rows:
        v = row.values
        employer = employers.get(v.get("kvk_number"))
        if employer is None or employer["region_id"] != region_id:
            if v.get("kvk_number"):
                plan.problems.append(
                    problem(
                        row.number,
                        HEADER["kvk_number"],
                        _(
                            "deze werkgever staat nog niet in jouw regio; "
                            "lees eerst de werkgevers in"
                        ),
                    )
                )
            continue
        location = locations.get((employer["pk"], str(v.get("location", "")).lower()))
        if location is None:
            plan.problems.append(
                problem(
                    row.number,
                    HEADER["location"],
                    _("%(v)s is geen vestiging van deze werkgever") % {"v": v.get("location", "")},
                )
            )
            continue
        stored = openings.get((employer["pk"], str(v.get("external_id", "")).lower()))
        opening, sets, changes = _merged(v, stored, employer, location, created_by_id)
        found = _check(opening, sets, stored)
        plan.problems.extend(problem(row.number, column, m) for column, m in found)
        label = f"{v['kvk_number']} {v.get('external_id', '')}"
        if stored is None:
            plan.rows.append(RowPlan(row.number, label, "create"))
        elif changes:
            plan.rows.append(RowPlan(row.number, label, "update", changes))
        else:
            plan.rows.append(RowPlan(row.number, label, "skip"))
            continue
        todo.append((opening, sets))
    plan.work = {"openings": todo}
    return plan


def _merged(v: dict, stored, employer: dict, location: int, created_by_id):
    """The opening as it will be, its sets, and the headers of the columns that change it."""
    if stored is None:
        opening = Opening(
            employer_id=employer["pk"],
            external_id=v["external_id"],
            sector_id=employer["sector_id"],
            created_by_id=created_by_id,
        )
        sets = {f: set() for f in OPENING_M2M}
    else:
        opening = stored
        sets = {f: {x.pk for x in getattr(stored, f).all()} for f in OPENING_M2M}
    changes = []
    wanted = {f: v[f] for f in SIMPLE if f in v} | {"location_id": location}
    if "sector" in v:
        wanted["sector_id"] = v["sector"]
    for attr, value in wanted.items():
        if getattr(opening, attr) != value:
            setattr(opening, attr, value)
            changes.append(HEADER.get(attr.removesuffix("_id"), HEADER["location"]))
    for f in OPENING_M2M:
        if f in v and set(v[f]) != sets[f]:
            sets[f] = set(v[f])
            changes.append(HEADER[f])
    if v.get("publish") and opening.status == Opening.Status.DRAFT:
        opening.status = Opening.Status.OPEN
        changes.append(HEADER["publish"])
    return opening, sets, changes


def _check(opening: Opening, sets: dict, stored) -> list[tuple[str, str]]:
    """opening_save's checks, as (column header, message)."""
    found = []
    if not sets["required_competencies"] and not sets["nice_competencies"]:
        found.append(
            (
                HEADER["required_competencies"],
                _("kies minstens één vaardigheid, nodig of mooi meegenomen"),
            )
        )
    if sets["required_competencies"] & sets["nice_competencies"]:
        found.append(
            (
                HEADER["nice_competencies"],
                _("een vaardigheid is nodig of mooi meegenomen, niet allebei"),
            )
        )
    if stored is not None and opening.places < opening.places_filled:
        found.append(
            (HEADER["places"], _("er zijn al %(n)s plekken bezet") % {"n": opening.places_filled})
        )
    try:
        opening.full_clean(exclude=["employer", "created_by"], validate_unique=False)
    except ValidationError as exc:
        for field, messages in exc.message_dict.items():
            column = HEADER.get(field.removesuffix("_id"), HEADER["title"])
            found += [(column, m.rstrip(".")) for m in messages]
    return found


def openings_write(plan: Plan, progress: Progress) -> list[int]:
    done = len(plan.rows) - len(plan.work["openings"])
    touched = []
    for opening, sets in plan.work["openings"]:
        opening.save()  # the save and m2m signals tell the ranking change log
        for field, ids in sets.items():
            getattr(opening, field).set(ids)
        opening_after_change(opening)
        touched.append(opening.pk)
        done += 1
        if done % BATCH == 0:
            progress(done)
    progress(len(plan.rows))
    return touched
