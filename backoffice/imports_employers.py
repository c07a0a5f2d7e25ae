"""Employers with their locations and SBB recognitions: one row per location, keyed by
(KvK-nummer, vestiging). The employer's own columns must agree between its rows; the crebos of
a row are recognitions from "erkend vanaf" to "erkend tot" (keyed by crebo and start date)."""

from django.utils.translation import gettext as _

from employers.models import Employer, EmployerLocation, Recognition
from marketplace.services.ranking_changes import ranking_inputs_changed

from .imports_formats import EMPLOYERS
from .imports_rows import Plan, Progress, Row, RowPlan, problem

EMPLOYER_FIELDS = {
    "name": "name",
    "sector": "sector_id",
    "contact_email": "contact_email",
    "contact_phone": "contact_phone",
    "website": "website",
}
LOCATION_FIELDS = {"address": "address", "place": "place_id"}
HEADER = {c.field: c.header for c in EMPLOYERS.columns}


def _stored(kvks: list[str]) -> tuple[dict, dict, dict]:
    employers = {
        e["kvk_number"]: e
        for e in Employer.objects.filter(kvk_number__in=kvks).values(
            "pk", "kvk_number", "region_id", *EMPLOYER_FIELDS.values()
        )
    }
    ids = [e["pk"] for e in employers.values()]
    locations = {
        (loc["employer_id"], loc["name"].lower()): loc
        for loc in EmployerLocation.objects.filter(employer_id__in=ids).values(
            "pk", "employer_id", "name", *LOCATION_FIELDS.values()
        )
    }
    recognitions = {
        (r["employer_id"], r["qualification_id"], r["valid_from"]): r
        for r in Recognition.objects.filter(employer_id__in=ids).values(
            "pk", "employer_id", "qualification_id", "valid_from", "valid_to"
        )
    }
    return employers, locations, recognitions


def employers_plan(rows: list[Row], *, region_id: int) -> Plan:
    plan = Plan()
    employers, locations, recognitions = _stored(
        sorted({r.values.get("kvk_number", "") for r in rows})
    )
    wanted: dict[str, dict] = {}  # kvk → the employer's columns, from its first row
    first_row: dict[str, int] = {}
    work = {"employers": {}, "locations": [], "recognitions": []}
    for row in rows:
        v, kvk = row.values, row.values.get("kvk_number")
        if not kvk:
            continue
        stored = employers.get(kvk)
        found = _employer_problems(row, stored, wanted, first_row, region_id)
        plan.problems.extend(found)
        changes: list[str] = []
        if kvk not in work["employers"]:
            target = {attr: v.get(f) for f, attr in EMPLOYER_FIELDS.items() if f in v}
            if stored is not None:
                target = {a: x for a, x in target.items() if stored[a] != x}
                changes += [HEADER[f] for f, a in EMPLOYER_FIELDS.items() if a in target]
            work["employers"][kvk] = {"stored": stored, "set": target}
        employer_id = stored["pk"] if stored else None
        location = locations.get((employer_id, str(v.get("location_name", "")).lower()))
        new_location = {a: v[f] for f, a in LOCATION_FIELDS.items() if f in v}
        if location is not None:
            new_location = {a: x for a, x in new_location.items() if location[a] != x}
            changes += [HEADER[f] for f, a in LOCATION_FIELDS.items() if a in new_location]
        if new_location or location is None:
            work["locations"].append((kvk, v.get("location_name"), location, new_location))
        changes += _recognitions(row, employer_id, recognitions, work["recognitions"])
        # A new location of an existing employer whose own columns change is an update: the
        # preview must show that the stored employer is changed, not only "nieuw".
        if location is None and (stored is None or not changes):
            action = "create"
        elif location is None:
            action, changes = "update", [*changes, HEADER["location_name"]]
        else:
            action = "update" if changes else "skip"
        label = f"{kvk} {v.get('location_name', '')}"
        plan.rows.append(RowPlan(row.number, label, action, sorted(set(changes))))
    plan.work = work | {"region_id": region_id}
    return plan


def _employer_problems(row, stored, wanted, first_row, region_id) -> list[dict]:
    v, kvk = row.values, row.values["kvk_number"]
    found = []
    if stored is not None and stored["region_id"] != region_id:
        found.append(
            problem(
                row.number, HEADER["kvk_number"], _("deze werkgever hoort bij een andere regio")
            )
        )
    mine = wanted.setdefault(kvk, {})
    first_row.setdefault(kvk, row.number)
    for f in EMPLOYER_FIELDS:
        if f not in v:
            continue
        if f in mine and mine[f] != v[f]:
            found.append(
                problem(
                    row.number,
                    HEADER[f],
                    _("anders dan in rij %(n)s bij hetzelfde KvK-nummer") % {"n": first_row[kvk]},
                )
            )
        mine.setdefault(f, v[f])
    start, end = v.get("valid_from"), v.get("valid_to")
    if v.get("recognitions") and not start:
        found.append(
            problem(row.number, HEADER["valid_from"], _("vul in vanaf wanneer de erkenning geldt"))
        )
    if start and end and end < start:
        found.append(
            problem(row.number, HEADER["valid_to"], _("ligt voor de datum bij erkend vanaf"))
        )
    return found


def _recognitions(row, employer_id, stored, todo: list) -> list[str]:
    v = row.values
    changes = []
    for qualification in v.get("recognitions") or []:
        if not v.get("valid_from"):
            continue
        known = stored.get((employer_id, qualification, v["valid_from"]))
        if known is not None and known["valid_to"] == v.get("valid_to"):
            continue
        todo.append((v["kvk_number"], qualification, v["valid_from"], v.get("valid_to"), known))
        changes.append(HEADER["recognitions"] if known is None else HEADER["valid_to"])
    return changes


def employers_write(plan: Plan, progress: Progress) -> list[int]:
    work, region_id = plan.work, plan.work["region_id"]
    ids: dict[str, int] = {}
    new = []
    for kvk, item in work["employers"].items():
        if item["stored"] is None:
            new.append(Employer(kvk_number=kvk, region_id=region_id, **item["set"]))
        else:
            ids[kvk] = item["stored"]["pk"]
            if item["set"]:
                Employer.objects.filter(pk=ids[kvk]).update(**item["set"])
    ids.update({e.kvk_number: e.pk for e in Employer.objects.bulk_create(new)})
    for kvk, name, stored, values in work["locations"]:
        if stored is None:
            EmployerLocation.objects.create(employer_id=ids[kvk], name=name, **values)
        else:
            EmployerLocation.objects.filter(pk=stored["pk"]).update(**values)
    Recognition.objects.bulk_create(
        [
            Recognition(employer_id=ids[kvk], qualification_id=q, valid_from=start, valid_to=end)
            for kvk, q, start, end, known in work["recognitions"]
            if known is None
        ]
    )
    for _kvk, _q, _start, end, known in work["recognitions"]:
        if known is not None:
            Recognition.objects.filter(pk=known["pk"]).update(valid_to=end)
    progress(len(plan.rows))
    changed = {
        kvk for kvk, item in work["employers"].items() if item["stored"] is None or item["set"]
    }
    changed |= {item[0] for item in work["locations"]} | {item[0] for item in work["recognitions"]}
    touched = sorted(ids[kvk] for kvk in changed)
    if touched:  # updates and bulk inserts send no signals: tell the ranking change log
        ranking_inputs_changed(kind="employer", ids=touched)
    return touched
