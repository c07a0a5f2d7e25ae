"""Students from a school's export: plan (create, update which fields, skip) and write in bulk.

A student is keyed by (school, leerlingnummer). A new student gets an account with the role
student and no usable password: they are invited through a password reset later. Existing rows
are read in a few queries; writes are bulk statements per batch; the ranking change log is told
of every student created or changed (bulk writes send no model signals).
"""

from django.contrib.auth.hashers import make_password
from django.utils import timezone
from django.utils.translation import gettext as _

from marketplace.models import Role, StudentCompetency, StudentProfile, User
from marketplace.services.ranking_changes import ranking_inputs_changed

from .imports_formats import STUDENTS
from .imports_rows import BATCH, Plan, Progress, Row, RowPlan, problem

USER_FIELDS = ("first_name", "last_name", "email")
# field → model attribute
PROFILE_FIELDS = {
    "education_type": "education_type",
    "level": "level",
    "qualification": "qualification_id",
    "leerweg": "leerweg",
    "school_leaver": "school_leaver",
    "date_of_birth": "date_of_birth",
    "home_place": "home_place_id",
    "travel_radius_km": "travel_radius_km",
    "available_from": "available_from",
    "available_to": "available_to",
    "hours_per_week": "hours_per_week",
    "expected_diploma_date": "expected_diploma_date",
    "bpv_start_date": "bpv_start_date",
    "jobhunter": "jobhunter_id",
    "mentor": "mentor_id",
}
SET_FIELDS = ("competencies", "certificates")
DEFAULTS = {
    "level": 0,
    "qualification": None,
    "leerweg": "",
    "school_leaver": False,
    "travel_radius_km": 15,
    "available_to": None,
    "hours_per_week": 24,
    "expected_diploma_date": None,
    "bpv_start_date": None,
    "jobhunter": None,
    "mentor": None,
    "competencies": frozenset(),
    "certificates": frozenset(),
}
Certified = StudentProfile.certificates.through


def _stored(school_ids: set[int]) -> dict[tuple[int, str], dict]:
    """(school, leerlingnummer) → the stored values, with sets of competencies and certificates."""
    names = [f"user__{f}" for f in USER_FIELDS] + list(PROFILE_FIELDS.values())
    found = {}
    profiles = StudentProfile.objects.filter(school_id__in=school_ids).exclude(external_id="")
    for values in profiles.values("pk", "user_id", "school_id", "external_id", *names):
        stored = {f: values[f"user__{f}"] for f in USER_FIELDS}
        stored |= {f: values[attr] for f, attr in PROFILE_FIELDS.items()}
        stored |= {"pk": values["pk"], "user_id": values["user_id"]}
        stored |= {f: set() for f in SET_FIELDS}
        found[(values["school_id"], values["external_id"].lower())] = stored
    by_pk = {stored["pk"]: stored for stored in found.values()}
    of_school = {"student__school_id__in": school_ids}
    for student, competency in StudentCompetency.objects.filter(**of_school).values_list(
        "student_id", "competency_id"
    ):
        if student in by_pk:
            by_pk[student]["competencies"].add(competency)
    for student, certificate in Certified.objects.filter(
        studentprofile__school_id__in=school_ids
    ).values_list("studentprofile_id", "certificate_id"):
        if student in by_pk:
            by_pk[student]["certificates"].add(certificate)
    return found


def _email_owners(emails: list[str]) -> dict[str, int]:
    owners: dict[str, int] = {}
    for start in range(0, len(emails), 500):
        chunk = emails[start : start + 500]
        owners.update(User.objects.filter(email__in=chunk).values_list("email", "pk"))
    return owners


def _rule_problems(number: int, merged: dict) -> list[dict]:
    """The profile's own rules, on the values it will have (stored ones where a cell is empty)."""
    header = {c.field: c.header for c in STUDENTS.columns}
    found = []
    mbo = merged.get("education_type") == "mbo"
    if mbo and not 1 <= (merged.get("level") or 0) <= 4:
        found.append((header["level"], _("vul 1, 2, 3 of 4 in voor een MBO-leerling")))
    if not mbo and merged.get("level"):
        found.append((header["level"], _("PrO en VSO hebben geen niveau; laat dit leeg")))
    if not mbo and merged.get("leerweg"):
        found.append((header["leerweg"], _("een leerweg is er alleen in het MBO")))
    start, end = merged.get("available_from"), merged.get("available_to")
    if start and end and end < start:
        found.append((header["available_to"], _("ligt voor de datum bij beschikbaar vanaf")))
    return [problem(number, column, message) for column, message in found]


def students_plan(rows: list[Row]) -> Plan:
    plan = Plan()
    header = {c.field: c.header for c in STUDENTS.columns}
    school_ids = {r.values["school"] for r in rows if r.values.get("school")}
    stored_by_key = _stored(school_ids)
    emails = [r.values["email"] for r in rows if r.values.get("email")]
    owners = _email_owners(sorted(set(emails)))
    first_row_of_email: dict[str, int] = {}
    creates, updates = [], []
    for row in rows:
        values = row.values
        key = (values.get("school"), str(values.get("external_id", "")).lower())
        stored = stored_by_key.get(key)
        merged = dict(stored or DEFAULTS) | {
            f: (set(v) if f in SET_FIELDS else v) for f, v in values.items()
        }
        found = _rule_problems(row.number, merged)
        email = values.get("email")
        if email:
            owner = owners.get(email)
            if owner is not None and (stored is None or owner != stored["user_id"]):
                found.append(
                    problem(
                        row.number,
                        header["email"],
                        _("%(v)s hoort al bij een ander account") % {"v": email},
                    )
                )
            if email in first_row_of_email:
                found.append(
                    problem(
                        row.number,
                        header["email"],
                        _("%(v)s staat ook in rij %(n)s")
                        % {"v": email, "n": first_row_of_email[email]},
                    )
                )
            first_row_of_email.setdefault(email, row.number)
        plan.problems.extend(found)
        label = str(values.get("external_id", ""))
        if stored is None:
            plan.rows.append(RowPlan(row.number, label, "create"))
            creates.append(merged)
            continue
        changed = [
            f for f in (*USER_FIELDS, *PROFILE_FIELDS, *SET_FIELDS)
            if f in values and merged[f] != stored[f]
        ]  # fmt: skip
        if changed:
            plan.rows.append(RowPlan(row.number, label, "update", [header[f] for f in changed]))
            updates.append((merged, changed))
        else:
            plan.rows.append(RowPlan(row.number, label, "skip"))
    plan.work = {"creates": creates, "updates": updates}
    return plan


def students_write(plan: Plan, progress: Progress) -> list[int]:
    """Create and update in batches; returns the ids of the students created or changed."""
    done = sum(1 for row in plan.rows if row.action == "skip")
    progress(done)
    touched: list[int] = []
    creates, updates = plan.work["creates"], plan.work["updates"]
    for start in range(0, len(creates), BATCH):
        batch = creates[start : start + BATCH]
        touched += _create(batch)
        done += len(batch)
        progress(done)
    for start in range(0, len(updates), BATCH):
        batch = updates[start : start + BATCH]
        touched += _update(batch)
        done += len(batch)
        progress(done)
    if touched:
        ranking_inputs_changed(kind="student", ids=touched)
    return touched


def _create(batch: list[dict]) -> list[int]:
    users = User.objects.bulk_create(
        [
            User(
                email=m["email"],
                first_name=m["first_name"],
                last_name=m["last_name"],
                role=Role.STUDENT,
                password=make_password(None),  # no usable password: invited by a reset link
            )
            for m in batch
        ]
    )
    profiles = StudentProfile.objects.bulk_create(
        [
            StudentProfile(
                user_id=user.pk,
                school_id=m["school"],
                external_id=m["external_id"],
                **{attr: m[f] for f, attr in PROFILE_FIELDS.items()},
            )
            for user, m in zip(users, batch, strict=True)
        ]
    )
    pairs = [(p.pk, m) for p, m in zip(profiles, batch, strict=True)]
    _add_sets(
        {pk: m["competencies"] for pk, m in pairs}, {pk: m["certificates"] for pk, m in pairs}
    )
    return [p.pk for p in profiles]


def _update(batch: list[tuple[dict, list[str]]]) -> list[int]:
    now = timezone.now()
    changed = {f for _m, fields in batch for f in fields}
    user_fields = sorted(changed & set(USER_FIELDS))
    if user_fields:
        User.objects.bulk_update(
            [User(pk=m["user_id"], **{f: m[f] for f in user_fields}) for m, _f in batch],
            user_fields,
        )
    profile_fields = sorted(changed & set(PROFILE_FIELDS))
    StudentProfile.objects.bulk_update(
        [
            StudentProfile(
                pk=m["pk"],
                updated_at=now,
                **{PROFILE_FIELDS[f]: m[f] for f in profile_fields},
            )
            for m, _f in batch
        ],
        [*profile_fields, "updated_at"],
    )
    _replace_sets(batch)
    return [m["pk"] for m, _f in batch]


def _add_sets(competencies: dict[int, set], certificates: dict[int, set]) -> None:
    StudentCompetency.objects.bulk_create(
        StudentCompetency(student_id=pk, competency_id=c)
        for pk, ids in competencies.items()
        for c in ids
    )
    Certified.objects.bulk_create(
        Certified(studentprofile_id=pk, certificate_id=c)
        for pk, ids in certificates.items()
        for c in ids
    )


def _replace_sets(batch: list[tuple[dict, list[str]]]) -> None:
    """New competencies and certificates are added; those no longer in the file removed.
    (Competencies kept keep the level the student gave them.)"""
    add_comp, add_cert = {}, {}
    for merged, fields in batch:
        pk = merged["pk"]
        if "competencies" in fields:
            old = set(
                StudentCompetency.objects.filter(student_id=pk).values_list(
                    "competency_id", flat=True
                )
            )
            StudentCompetency.objects.filter(student_id=pk).exclude(
                competency_id__in=merged["competencies"]
            ).delete()
            add_comp[pk] = merged["competencies"] - old
        if "certificates" in fields:
            old = set(
                Certified.objects.filter(studentprofile_id=pk).values_list(
                    "certificate_id", flat=True
                )
            )
            Certified.objects.filter(studentprofile_id=pk).exclude(
                certificate_id__in=merged["certificates"]
            ).delete()
            add_cert[pk] = merged["certificates"] - old
    _add_sets(add_comp, add_cert)
