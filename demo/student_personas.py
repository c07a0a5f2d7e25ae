"""The two student personas: Sanne (MBO 2 BOL logistiek, 17) and Finn (PrO, leerlijn Groen, 15).

Sanne's profile is rich and fits Noorderhaven Logistiek's openings, except the night shift
(she is a minor) and the leerbaan (she is BOL). Finn is under 16, so his father may look along by
law, without a consent.
"""

import datetime

from . import DEMO_TODAY, REFERENCE_DATE
from .bulk import at
from .personas import STUDENT_PERSONAS
from .students import age_on


def _sanne(ctx) -> dict:
    qual = ctx.qual_by_crebo["25462"]
    c = ctx.competency_ids
    return {
        "first": "Sanne",
        "last": "Bakker",
        "region": "groningen",
        "sector": "logistiek",
        "education_type": "mbo",
        "level": 2,
        "qualification_id": qual.id,
        "leerweg": "bol",
        "date_of_birth": datetime.date(2009, 3, 14),
        "home_place_id": ctx.place_by_name["Hoogezand"],
        "school_key": "mbo-noorderwerk",
        "travel_radius_km": 25,
        "available_from": datetime.date(2027, 2, 1),
        "available_to": datetime.date(2027, 7, 2),
        "hours_per_week": 32,
        "sectors": ["logistiek", "productie"],
        "competencies": [
            (c["Orderpicken"], 3),
            (c["Scannen en voorraad bijhouden"], 2),
            (c["Heftruck rijden"], 1),
            (c["Goederen ontvangen en controleren"], 2),
            (c["Op tijd komen"], 3),
            (c["Samenwerken"], 2),
            (c["Nauwkeurig werken"], 2),
            (c["Veilig werken"], 2),
            (c["Instructies opvolgen"], 3),
        ],
        "werkprocessen": list(qual.werkprocessen[:2]),
        "certificates": [ctx.certificate_ids["VCA basis"]],
        "interests": "Ik vind het fijn om dingen netjes te ordenen en ik ben graag in beweging. "
        "Ik wil heftruck leren rijden en werk het liefst in een vast team, overdag.",
        "support_needs": ["visuele_instructies"],
        "support_needs_shared": True,
        "last_year": False,
        "advies": "",
        "advies_date": None,
        "school_leaver": False,
        "expected_diploma_date": datetime.date(2028, 7, 7),
        "bpv_start_date": datetime.date(2027, 2, 1),
        "consent_show_to_employers": True,
        "consent_parent_access": True,
        "consent_contact_after_diploma": False,
        "consent_contact_after_diploma_at": None,
        "jobhunter": "jobhunter@demo.nl",
        "jpo": "jpo@demo.nl",
        "mentor": "school@demo.nl",
    }


def _finn(ctx) -> dict:
    entry = ctx.qual_by_crebo["25256"]
    c = ctx.competency_ids
    return {
        "first": "Finn",
        "last": "Dijkstra",
        "region": "groningen",
        "sector": "groen",
        "education_type": "pro",
        "level": 0,
        "qualification_id": None,
        "leerweg": "",
        "date_of_birth": datetime.date(2011, 5, 20),
        "home_place_id": ctx.place_by_name["Groningen"],
        "school_key": "pro-noord",
        "travel_radius_km": 10,
        "available_from": datetime.date(2027, 2, 15),
        "available_to": datetime.date(2027, 6, 25),
        "hours_per_week": 16,
        "sectors": ["groen"],
        "competencies": [
            (c["Grasmaaien"], 2),
            (c["Planten verzorgen"], 2),
            (c["Dieren verzorgen"], 3),
            (c["Samenwerken"], 2),
            (c["Op tijd komen"], 1),
            (c["Vragen durven stellen"], 1),
        ],
        "werkprocessen": list(entry.werkprocessen[:3]),
        "certificates": [],
        "interests": "Ik houd van dieren en ben graag buiten. Ik leer het best als iemand het "
        "eerst voordoet.",
        "support_needs": ["extra_uitleg", "rustige_werkplek"],
        "support_needs_shared": False,
        "last_year": False,
        "advies": "",
        "advies_date": None,
        "school_leaver": False,
        "expected_diploma_date": None,
        "bpv_start_date": datetime.date(2027, 2, 15),
        "consent_show_to_employers": True,
        "consent_parent_access": False,
        "consent_parent_access_at": None,
        "consent_contact_after_diploma": False,
        "consent_contact_after_diploma_at": None,
        "jobhunter": "jobhunter.ander@demo.nl",
        "jpo": None,
        "mentor": None,
    }


def apply_persona(j: int, spec: dict, ctx) -> None:
    data = (_sanne if j == 0 else _finn)(ctx)
    persona = STUDENT_PERSONAS[j]
    school = next(s for s in ctx.schools if s.key == data["school_key"])
    given_at = at(datetime.date(2026, 9, 14), 11)
    jobhunter, jpo, mentor = data.pop("jobhunter"), data.pop("jpo"), data.pop("mentor")
    spec.update(data)
    guardian_email, guardian_first, relation = persona["guardian"]
    spec.update(
        email=persona["email"],
        school_id=school.id,
        age=age_on(spec["date_of_birth"], REFERENCE_DATE),
        age_today=age_on(spec["date_of_birth"], DEMO_TODAY),
        guardian=(guardian_email, guardian_first, spec["last"], relation),
        consent_show_to_employers_at=given_at,
        jobhunter_id=ctx.staff.get(jobhunter),
        jpo_id=ctx.staff.get(jpo),
        mentor_id=ctx.staff[mentor] if mentor else ctx.mentors[data["school_key"]],
    )
    if spec["consent_parent_access"]:
        spec["consent_parent_access_at"] = given_at
