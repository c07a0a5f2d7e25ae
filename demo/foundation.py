"""The fixed part of the demo: vocabulary, places, regions, schools, staff, toolkit, weights.

Each writer is idempotent on the natural key of its rows (code, crebo, name, geonameid, brin,
e-mail, slug), so running the seed again changes nothing that is already there.
"""

from django.contrib.auth.models import Group
from django.db import models, transaction

from marketplace.models import MatchingWeights, Region, School, SchoolLocation, User
from matching import names_en as EN
from matching.engine import DEFAULT_WEIGHTS
from matching.models import Certificate, Competency, Place, Qualification, Sector, Werkproces
from mediation.services.escalations import SBB_GROUP
from toolkit.models import ToolkitItem

from . import MAIN_REGION, OTHER_REGION
from .names import SCHOOLS
from .personas import SBB_ADVISERS, STAFF, SUPERUSERS
from .places import load_places, places_by_name
from .skills import CERTIFICATES, COMPETENCIES
from .toolkit_content import TOOLKIT_ITEMS
from .vocabulary import QUALIFICATIONS, SECTORS, werkproces_code

# The region starts on the engine's default weights; coordinators version changes from there.
WEIGHTS_VERSION = DEFAULT_WEIGHTS.version
WEIGHTS = dict(DEFAULT_WEIGHTS.values)


@transaction.atomic
def seed_vocabulary() -> None:
    sectors = {}
    for code, name, pictogram in SECTORS:
        sectors[code], _ = Sector.objects.update_or_create(
            code=code,
            defaults={"name": name, "name_en": EN.SECTORS[code], "pictogram": pictogram},
        )
    for sector_code, qualifications in QUALIFICATIONS.items():
        for crebo, name, level, processes in qualifications:
            qualification, _ = Qualification.objects.update_or_create(
                crebo=crebo,
                defaults={
                    "name": name,
                    "name_en": EN.QUALIFICATIONS.get(crebo, ""),
                    "level": level,
                    "sector": sectors[sector_code],
                },
            )
            for index, process in enumerate(processes):
                Werkproces.objects.update_or_create(
                    qualification=qualification,
                    code=werkproces_code(index),
                    defaults={"name": process, "name_en": EN.WERKPROCESSEN.get(process, "")},
                )
    for name, category, sector_code, pictogram, synonyms in COMPETENCIES:
        Competency.objects.update_or_create(
            name=name,
            defaults={
                "name_en": EN.COMPETENCIES.get(name, ""),
                "category": category,
                "sector": sectors.get(sector_code),
                "pictogram": pictogram,
                "synonyms": synonyms,
            },
        )
    for name, synonyms in CERTIFICATES:
        Certificate.objects.update_or_create(
            name=name, defaults={"name_en": EN.CERTIFICATES.get(name, ""), "synonyms": synonyms}
        )


def seed_places() -> int:
    """Every GeoNames place of both provinces; returns how many were new."""
    places = load_places()
    known = set(Place.objects.filter(geonameid__isnull=False).values_list("geonameid", flat=True))
    new = [
        Place(
            name=p.name,
            province=p.province,
            latitude=p.latitude,
            longitude=p.longitude,
            geonameid=p.geonameid,
        )
        for p in places
        if p.geonameid not in known
    ]
    Place.objects.bulk_create(new, batch_size=500)
    return len(new)


def seed_regions() -> dict[str, Region]:
    regions = {}
    for data in (MAIN_REGION, OTHER_REGION):
        regions[data["code"]], _ = Region.objects.get_or_create(
            code=data["code"], defaults={"name": data["name"]}
        )
    return regions


def seed_schools(regions: dict[str, Region]) -> None:
    by_name = places_by_name()
    places = {
        p.geonameid: p
        for p in Place.objects.filter(geonameid__in=[v.geonameid for v in by_name.values()])
    }
    for _key, name, kind, region, brin, locations in SCHOOLS:
        school, _ = School.objects.get_or_create(
            brin=brin, defaults={"name": name, "kind": kind, "region": regions[region]}
        )
        for location_name, place_name in locations:
            SchoolLocation.objects.get_or_create(
                school=school,
                name=location_name,
                defaults={"place": places[by_name[place_name].geonameid]},
            )


def school_staff() -> list[tuple]:
    """Two staff members per school (mentor/SLB and BPV-docent), besides the personas."""
    from .names import FIRST_NAMES, LAST_NAMES

    staff = []
    for n, (key, _name, _kind, region, _brin, _locations) in enumerate(SCHOOLS):
        for role_word, offset in (("mentor", 0), ("bpv", 1)):
            first = FIRST_NAMES[(n * 7 + offset * 3 + 11) % len(FIRST_NAMES)]
            last = LAST_NAMES[(n * 5 + offset * 13 + 2) % len(LAST_NAMES)]
            staff.append((f"{role_word}.{key}@school.demo.nl", first, last, "school", region, key))
    return staff


def seed_staff(regions: dict[str, Region], password_hash: str) -> dict[str, User]:
    schools = {s.brin: s for s in School.objects.all()}
    school_by_key = {key: schools.get(brin) for key, _n, _k, _r, brin, _l in SCHOOLS}
    users = {}
    for email, first, last, role, region, school_key in STAFF + school_staff():
        superuser = email in SUPERUSERS
        users[email], _ = User.objects.get_or_create(
            email=email,
            defaults={
                "first_name": first,
                "last_name": last,
                "role": role,
                "region": regions[region] if region else None,
                "school": school_by_key.get(school_key) if school_key else None,
                "password": password_hash,
                "is_staff": superuser,
                "is_superuser": superuser,
            },
        )
    _only_superusers(users)
    sbb, _ = Group.objects.get_or_create(name=SBB_GROUP)
    sbb.user_set.add(*(users[email] for email in SBB_ADVISERS))
    return users


def _only_superusers(users: dict[str, User]) -> None:
    """Only the technical admin is staff and superuser; a demo staff account of an older run
    (the coordinator was a superuser then) loses those rights when the seed runs again."""
    others = [email for email in users if email not in SUPERUSERS]
    User.objects.filter(email__in=others).filter(
        models.Q(is_superuser=True) | models.Q(is_staff=True)
    ).update(is_superuser=False, is_staff=False)
    User.objects.filter(email__in=SUPERUSERS).update(is_superuser=True, is_staff=True)


def seed_toolkit(sectors_by_code: dict[str, Sector] | None = None) -> None:
    sectors_by_code = sectors_by_code or {s.code: s for s in Sector.objects.all()}
    for slug, audience, title, category, sector, summary, body, url in TOOLKIT_ITEMS:
        ToolkitItem.objects.get_or_create(
            slug=slug,
            defaults={
                "audience": audience,
                "title": title,
                "category": category,
                "summary": summary,
                "body": body,
                "url": url,
                "sector": sectors_by_code.get(sector) if sector else None,
            },
        )
    # The regulations and the three employer articles come with the toolkit's migrations.


def seed_weights(region: Region) -> None:
    MatchingWeights.objects.get_or_create(
        region=region, version=WEIGHTS_VERSION, defaults={"values": WEIGHTS, "is_active": True}
    )
