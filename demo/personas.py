"""The fixed people of the demo: one login per role plus outsiders, and the staff around them.

Students, parents and employer members are made by the student and employer builders; their
persona e-mail addresses are set there (see STUDENT_PERSONAS and EMPLOYER_PERSONAS).
"""

from django.utils.translation import gettext_noop

# (email, first name, last name, role, region code, school key or None)
STAFF = [
    ("jobhunter@demo.nl", "Fenna", "Hoekstra", "jobhunter", "groningen", None),
    ("jobhunter.ander@demo.nl", "Karim", "Ouali", "jobhunter", "groningen", None),
    ("jpo@demo.nl", "Jesse", "Smit", "jpo", "groningen", "mbo-noorderwerk"),
    ("accountmanager@demo.nl", "Ingrid", "Postma", "accountmanager", "groningen", None),
    ("accountmanager.sbb@demo.nl", "Pieter", "Kuipers", "accountmanager", "groningen", None),
    ("accountmanager.drenthe@demo.nl", "Anja", "Lanting", "accountmanager", "drenthe", None),
    ("school@demo.nl", "Marloes", "Veenstra", "school", "groningen", "mbo-noorderwerk"),
    ("werkcoach@demo.nl", "Ahmed", "Tahiri", "werkcoach", "groningen", None),
    ("coordinator@demo.nl", "Jolanda", "Boekema", "coordinator", "groningen", None),
    # Colleagues who carry the rest of the region's caseloads (not printed as demo logins).
    ("jobhunter.hogeland@demo.nl", "Wouter", "Bouma", "jobhunter", "groningen", None),
    ("jobhunter.oldambt@demo.nl", "Esra", "Demir", "jobhunter", "groningen", None),
    ("jobhunter.veenkolonien@demo.nl", "Gerda", "Wolthuis", "jobhunter", "groningen", None),
    ("jobhunter.drenthe@demo.nl", "Hans", "Drenth", "jobhunter", "drenthe", None),
    ("jpo.ommeland@demo.nl", "Amira", "Haddou", "jpo", "groningen", "mbo-ommeland"),
    ("jpo.groen@demo.nl", "Teun", "Zwiers", "jpo", "groningen", "mbo-groen"),
    ("accountmanager.oost@demo.nl", "Rik", "Sikkema", "accountmanager", "groningen", None),
    ("werkcoach.oost@demo.nl", "Linda", "Ubels", "werkcoach", "groningen", None),
    ("coordinator.drenthe@demo.nl", "Bert", "Hummel", "coordinator", "drenthe", None),
    # Technical administration (/admin/) only: no region, so no region's work or young people in
    # the product's own pages; the coordinator works without superuser rights.
    ("beheer@demo.nl", "Technisch", "Beheer", "coordinator", None, None),
]
# The only accounts with Django's staff and superuser rights; seed_demo takes them away from any
# other demo staff account (an older demo database made the coordinator a superuser).
SUPERUSERS = {"beheer@demo.nl"}
# SBB advisers (recognition questions on the second rung of the escalation ladder go to them).
SBB_ADVISERS = {"accountmanager.sbb@demo.nl"}

# Jobhunters who share the generated caseloads (the demo jobhunters keep theirs small).
CASELOAD_JOBHUNTERS = {
    "groningen": [
        "jobhunter.hogeland@demo.nl",
        "jobhunter.oldambt@demo.nl",
        "jobhunter.veenkolonien@demo.nl",
        "jobhunter.ander@demo.nl",
    ],
    "drenthe": ["jobhunter.drenthe@demo.nl"],
}
WSP_ACCOUNTMANAGERS = {
    "groningen": ["accountmanager@demo.nl", "accountmanager.oost@demo.nl"],
    "drenthe": ["accountmanager.drenthe@demo.nl"],
}

# Base student index → persona e-mail and parent.
STUDENT_PERSONAS = {
    0: {"email": "student@demo.nl", "guardian": ("ouder@demo.nl", "Marieke", "moeder")},
    1: {"email": "student.pro@demo.nl", "guardian": ("ouder.pro@demo.nl", "Henk", "vader")},
}
# Base employer index → persona e-mail of its member.
EMPLOYER_PERSONAS = {
    0: ("werkgever@demo.nl", "Erik", "Wolters"),
    1: ("werkgever.ander@demo.nl", "Sabine", "Kramer"),
}

# What the demo prints and its welcome message says: (email, role label, what to try). The
# labels are marked for translation (gettext_noop): the welcome message reads them in the
# reader's language (demo.stored_texts).
DEMO_LOGINS = [
    (
        "student@demo.nl",
        gettext_noop("student (MBO 2 BOL)"),
        gettext_noop(
            "Sanne, 17: plekken voor jou met uitleg; de nachtdienst zie je niet (minderjarig)"
        ),
    ),
    (
        "student.pro@demo.nl",
        gettext_noop("student (PrO)"),
        gettext_noop("Finn, 15, leerlijn Groen: praktijkverklaring, events"),
    ),
    (
        "ouder@demo.nl",
        gettext_noop("ouder"),
        gettext_noop("moeder van Sanne: meekijken met haar toestemming"),
    ),
    (
        "ouder.pro@demo.nl",
        gettext_noop("ouder"),
        gettext_noop("vader van Finn (<16: meekijken mag volgens de wet)"),
    ),
    (
        "werkgever@demo.nl",
        gettext_noop("werkgever"),
        gettext_noop("Noorderhaven Logistiek: plekken en kandidaten"),
    ),
    (
        "praktijkopleider@demo.nl",
        gettext_noop("werkgever (praktijkopleider)"),
        gettext_noop("collega bij Noorderhaven: beantwoordt kandidaten, beheert geen plekken"),
    ),
    (
        "werkgever.ander@demo.nl",
        gettext_noop("werkgever (buitenstaander)"),
        gettext_noop("andere werkgever: ziet de kandidaten van Noorderhaven niet"),
    ),
    (
        "jobhunter@demo.nl",
        gettext_noop("jobhunter"),
        gettext_noop("caseload van 30, stilstaande zoekvragen, voorstellen"),
    ),
    (
        "jobhunter.ander@demo.nl",
        gettext_noop("jobhunter (andere caseload)"),
        gettext_noop("ziet Sanne niet"),
    ),
    (
        "jpo@demo.nl",
        gettext_noop("JPO"),
        gettext_noop("5 leerlingen begeleiden, check-ins"),
    ),
    (
        "accountmanager@demo.nl",
        gettext_noop("accountmanager WSP Groningen"),
        gettext_noop("escalaties, werkgevers"),
    ),
    (
        "accountmanager.sbb@demo.nl",
        gettext_noop("adviseur SBB"),
        gettext_noop("erkenningen (ook verlopen) controleren"),
    ),
    (
        "accountmanager.drenthe@demo.nl",
        gettext_noop("accountmanager andere regio"),
        gettext_noop("ziet de escalaties van Groningen niet"),
    ),
    (
        "school@demo.nl",
        gettext_noop("school (mentor/BPV-docent)"),
        gettext_noop("advies, toestemming, check-ins"),
    ),
    (
        "werkcoach@demo.nl",
        gettext_noop("werkcoach"),
        gettext_noop("overgangsdokument ontvangen, uitnodigen"),
    ),
    (
        "coordinator@demo.nl",
        gettext_noop("coördinator"),
        gettext_noop("events, toolkit, monitoring, mensen en import"),
    ),
    (
        "beheer@demo.nl",
        gettext_noop("technisch beheer"),
        gettext_noop("alleen /admin/ (geen superuser-rechten voor de regio)"),
    ),
]
