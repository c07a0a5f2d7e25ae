"""Students with their user, profile, skills, consents and parent, written in bulk.

A student's e-mail address is its natural key: students whose address is stored are skipped,
and everything of a new student is written in the same transaction, so a second run adds
nothing.
"""

from marketplace.models import (
    ConsentRecord,
    GuardianLink,
    Role,
    StudentCompetency,
    StudentProfile,
    User,
)

from .bulk import BATCH_SIZE, existing, insert_m2m, insert_rows
from .students import student_identity, student_spec

PROFILE_FIELDS = (
    "education_type",
    "level",
    "qualification_id",
    "leerweg",
    "school_leaver",
    "date_of_birth",
    "home_place_id",
    "travel_radius_km",
    "available_from",
    "available_to",
    "hours_per_week",
    "interests",
    "support_needs",
    "support_needs_shared",
    "advies",
    "advies_date",
    "expected_diploma_date",
    "bpv_start_date",
    "consent_show_to_employers",
    "consent_show_to_employers_at",
    "consent_parent_access",
    "consent_parent_access_at",
    "consent_contact_after_diploma",
    "consent_contact_after_diploma_at",
    "jobhunter_id",
    "jpo_id",
    "mentor_id",
    "school_id",
)
CONSENTS = (
    ("consent_show_to_employers", ConsentRecord.Kind.SHOW_TO_EMPLOYERS),
    ("consent_parent_access", ConsentRecord.Kind.PARENT_ACCESS),
    ("consent_contact_after_diploma", ConsentRecord.Kind.CONTACT_AFTER_DIPLOMA),
    ("support_needs_shared", ConsentRecord.Kind.SHARE_SUPPORT_NEEDS),
)


def write_students(indices: list[int], ctx) -> int:
    """Write the students with these indices that are not stored yet; returns how many."""
    emails = {j: student_identity(j)[2] for j in indices}
    known = existing(User, "email", emails.values())
    specs = [student_spec(j, ctx) for j in indices if emails[j] not in known]
    if not specs:
        return 0
    users = [
        User(
            email=s["email"],
            first_name=s["first"],
            last_name=s["last"],
            role=Role.STUDENT,
            region_id=ctx.region_ids[s["region"]],
            password=ctx.password_hash,
        )
        for s in specs
    ]
    User.objects.bulk_create(users, batch_size=BATCH_SIZE)
    profiles = [
        StudentProfile(user=u, **{f: s[f] for f in PROFILE_FIELDS})
        for s, u in zip(specs, users, strict=True)
    ]
    StudentProfile.objects.bulk_create(profiles, batch_size=BATCH_SIZE)
    _write_sets(specs, profiles, ctx)
    _write_guardians(specs, profiles, ctx)
    _write_consents(specs, profiles)
    return len(specs)


def _write_sets(specs, profiles, ctx) -> None:
    pairs = list(zip(specs, profiles, strict=True))
    meta = StudentCompetency._meta
    insert_rows(
        meta.db_table,
        [meta.get_field(f).column for f in ("student", "competency", "level")],
        [(p.pk, cid, level) for s, p in pairs for cid, level in s["competencies"]],
    )
    insert_m2m(
        StudentProfile.sector_preferences,
        [(p.pk, ctx.sector_ids[code]) for s, p in pairs for code in dict.fromkeys(s["sectors"])],
    )
    insert_m2m(
        StudentProfile.werkprocessen_achieved,
        [(p.pk, w) for s, p in pairs for w in s["werkprocessen"]],
    )
    insert_m2m(
        StudentProfile.certificates, [(p.pk, c) for s, p in pairs for c in s["certificates"]]
    )


def _write_guardians(specs, profiles, ctx) -> None:
    wanted = [(s, p) for s, p in zip(specs, profiles, strict=True) if s["guardian"]]
    stored = dict(
        User.objects.filter(email__in=[s["guardian"][0] for s, _p in wanted]).values_list(
            "email", "id"
        )
    )
    new = {}
    for s, _p in wanted:
        email, first, last, _relation = s["guardian"]
        if email not in stored and email not in new:
            new[email] = User(
                email=email,
                first_name=first,
                last_name=last,
                role=Role.OUDER,
                region_id=ctx.region_ids[s["region"]],
                password=ctx.password_hash,
            )
    User.objects.bulk_create(list(new.values()), batch_size=BATCH_SIZE)
    stored.update({email: u.pk for email, u in new.items()})
    GuardianLink.objects.bulk_create(
        [
            GuardianLink(guardian_id=stored[s["guardian"][0]], student=p, relation=s["guardian"][3])
            for s, p in wanted
        ],
        batch_size=BATCH_SIZE,
    )


def _write_consents(specs, profiles) -> None:
    ConsentRecord.objects.bulk_create(
        [
            ConsentRecord(student=p, kind=kind, given=True, recorded_by_id=s["mentor_id"])
            for s, p in zip(specs, profiles, strict=True)
            for field, kind in CONSENTS
            if s[field]
        ],
        batch_size=BATCH_SIZE,
    )
