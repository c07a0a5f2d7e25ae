"""What the core holds about a young person: export, erasure and retention (see the registry in
services/personal_data.py). Registered last: it deletes the profile and the account."""

import datetime

from django.contrib.admin.models import LogEntry
from django.contrib.contenttypes.models import ContentType
from django.contrib.sessions.models import Session
from django.db.models import Q
from django.urls import NoReverseMatch, reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from matching.models import SupportKind

from .models import (
    AccessLog,
    ActionItem,
    AftercareContact,
    CandidateAlias,
    CheckIn,
    ConsentRecord,
    ErasureRequest,
    Escalation,
    GuardianLink,
    Invitation,
    Match,
    MatchStatus,
    Notification,
    Overgangsdokument,
    Placement,
    RankingLog,
    Role,
    SearchRequest,
    StudentProfile,
    Suggestion,
    TimelineEntry,
    User,
)
from .selectors import closed_reason_for
from .services.personal_data import Provider, RetentionRule, Subject, as_text

YEAR = datetime.timedelta(days=365)
ACCESS_LOG_KEEP = 2 * YEAR
NOTIFICATIONS_KEEP = YEAR
RANKING_LOG_KEEP = 2 * YEAR
CLOSED_MATCHES_KEEP = 2 * YEAR  # after the match closed and the student's diploma date passed
PROFILE_KEEP_AFTER_DIPLOMA = 3 * YEAR  # two years of aftercare, then a year to close the file
ERASURE_REQUESTS_KEEP = 5 * YEAR
PROFILES_PER_RUN = 200  # the nightly run erases at most this many expired profiles
CLOSED = (MatchStatus.AFGEWEZEN, MatchStatus.INGETROKKEN)


def _rows(qs, fields: dict[str, object]) -> list[dict]:
    """Rows as {label: plain value}; a field is an attribute path or a function of the row."""
    out = []
    for obj in qs:
        row = {}
        for label, how in fields.items():
            value = how(obj) if callable(how) else _attr(obj, how)
            row[label] = as_text(value)
        out.append(row)
    return out


def _attr(obj, path: str):
    for part in path.split("."):
        obj = getattr(obj, part, None) if obj is not None else None
    return obj


def _display(field: str):
    return lambda obj: getattr(obj, f"get_{field}_display")()


def _names(manager) -> str:
    return ", ".join(sorted(str(x) for x in manager.all()))


# What happened and where, in words a young person reads (the access log stores short codes).
# The one mapping: the page, the JSON and the PDF all show these.
ACCESS_ACTIONS = {
    "view": gettext_lazy("bekeken"),
    "admin_view": gettext_lazy("bekeken in het technisch beheer"),
    "edit": gettext_lazy("aangepast"),
    "consent": gettext_lazy("toestemming vastgelegd"),
    "download": gettext_lazy("gedownload"),
}
ACCESS_PLACES = {
    "start": gettext_lazy("startpagina"),
    "werk": gettext_lazy("werkplek van de begeleider"),
    "caseload": gettext_lazy("lijst met jongeren van de begeleider"),
    "match": gettext_lazy("pagina van een match"),
    "matchbord": gettext_lazy("overzicht van matches"),
    "kandidaten": gettext_lazy("kandidaten voor een plek"),
    "kandidatenpagina": gettext_lazy("kandidaten voor een plek"),
    "suggesties": gettext_lazy("suggesties voor een werkgever"),
    "inchecken": gettext_lazy("inchecken bij een evenement"),
    "agendafeed": gettext_lazy("agenda"),
    "profile": gettext_lazy("profiel"),
    "ouder": gettext_lazy("pagina voor ouders"),
    "overgang": gettext_lazy("overgangsdocument"),
    "overdrachten": gettext_lazy("overgangsdocumenten"),
    "hire-check": gettext_lazy("controle voor een aanbod"),
    "escalatie": gettext_lazy("hulpvraag aan de regio"),
    "escalaties": gettext_lazy("hulpvragen aan de regio"),
    "check-in": gettext_lazy("gesprek tijdens de stage of baan"),
    "check-ins": gettext_lazy("gesprekken tijdens de stage of baan"),
    "beheer": gettext_lazy("beheer van accounts"),
    "avg": gettext_lazy("Mijn gegevens"),
    "avg:json": gettext_lazy("Mijn gegevens (download)"),
    "avg:pdf": gettext_lazy("Mijn gegevens (download)"),
    "avg:wachtrij": gettext_lazy("verzoeken om gegevens te verwijderen"),
    "avg:verzoek": gettext_lazy("verzoek om gegevens te verwijderen"),
    "api": gettext_lazy("koppeling met een ander programma"),
    "api:avg": gettext_lazy("Mijn gegevens (via een koppeling)"),
    "api:plekken": gettext_lazy("passende plekken (via een koppeling)"),
    "api:kandidaten": gettext_lazy("kandidaten voor een plek (via een koppeling)"),
}


def access_action_text(action: str) -> str:
    return str(ACCESS_ACTIONS.get(action, gettext_lazy("bekeken")))


def access_place_text(context: str, *, action: str = "") -> str:
    """The longest known start of the stored place ('match:2' → 'pagina van een match')."""
    context = context or ""
    if action == "consent" and context in ConsentRecord.Kind.values:
        return str(ConsentRecord.Kind(context).label)
    if context.startswith("/admin"):
        return str(ACCESS_ACTIONS["admin_view"])
    parts = [p for p in context.split(":") if p and not p.isdigit()]
    while parts:
        found = ACCESS_PLACES.get(":".join(parts))
        if found is not None:
            return str(found)
        parts.pop()
    return _("elders in de app")


def organisation_of(user: User | None) -> str:
    """Where a reader works, for the access history: role and organisation, not their name.
    Only for professionals: a parent or a student works for no organisation here."""
    if user is None:
        return ""
    if user.role == Role.OUDER:
        return _("ouder/verzorger")
    if user.role == Role.STUDENT:
        return ""
    if user.employer_id:
        return user.employer.name
    if user.school_id:
        return user.school.name
    if user.region_id:
        return user.region.name
    return ""


def access_rows(student_id: int, *, viewer_id: int | None = None) -> list[dict]:
    """Who looked at the record and when: a role and an organisation, the student as 'jij'."""
    logs = AccessLog.objects.filter(student_id=student_id).select_related(
        "user__employer", "user__school", "user__region"
    )
    rows = []
    for log in logs:
        who = log.user
        if who is None:
            role = _("Onbekend (account bestaat niet meer)")
        elif viewer_id is not None and who.pk == viewer_id:
            role = _("Jijzelf")
        else:
            role = str(Role(who.role).label) if who.role in Role.values else who.role
        rows.append(
            {
                _("Wanneer"): as_text(log.at),
                _("Wie (rol)"): role,
                _("Organisatie"): organisation_of(who),
                _("Wat"): access_action_text(log.action),
                _("Waar"): access_place_text(log.context, action=log.action),
            }
        )
    return rows


def consent_rows(student_id: int) -> list[dict]:
    records = ConsentRecord.objects.filter(student_id=student_id).select_related("recorded_by")
    return _rows(
        records,
        {
            _("Toestemming"): _display("kind"),
            _("Gegeven"): lambda r: _("ja") if r.given else _("nee"),
            _("Vastgelegd door (rol)"): lambda r: (
                str(Role(r.recorded_by.role).label) if r.recorded_by else ""
            ),
            _("Wanneer"): "recorded_at",
        },
    )


def support_needs_text(codes) -> str:
    """The support a student asked for, as the labels of their choices (not the codes)."""
    labels = dict(SupportKind.choices)
    return ", ".join(str(labels.get(code, code)) for code in codes or [])


def _profile(s: Subject) -> list[dict]:
    p = (
        StudentProfile.objects.select_related("user", "school", "qualification", "home_place")
        .prefetch_related("sector_preferences", "certificates", "werkprocessen_achieved")
        .get(pk=s.student_id)
    )
    competencies = ", ".join(
        f"{c.competency.name} ({c.get_level_display()})"
        for c in p.studentcompetency_set.select_related("competency")
    )
    return _rows(
        [p],
        {
            _("Naam"): lambda p: p.user.get_full_name(),
            _("E-mailadres"): "user.email",
            _("Telefoon"): "user.phone",
            _("Account aangemaakt op"): "user.date_joined",
            _("School"): "school.name",
            _("Leerlingnummer van de school"): "external_id",
            _("Onderwijs"): _display("education_type"),
            _("Niveau"): "level",
            _("Opleiding"): lambda p: p.qualification.name if p.qualification else "",
            _("Leerweg"): _display("leerweg"),
            _("Geboortedatum"): "date_of_birth",
            _("Woonplaats"): "home_place.name",
            _("Reisafstand in km"): "travel_radius_km",
            _("Beschikbaar vanaf"): "available_from",
            _("Beschikbaar tot"): "available_to",
            _("Uren per week"): "hours_per_week",
            _("Wat ik leuk vind"): "interests",
            _("Sectoren die ik leuk vind"): lambda p: _names(p.sector_preferences),
            _("Vaardigheden"): lambda p: competencies,
            _("Certificaten"): lambda p: _names(p.certificates),
            _("Werkprocessen behaald"): lambda p: _names(p.werkprocessen_achieved),
            _("Hulp die ik nodig heb"): lambda p: support_needs_text(p.support_needs),
            _("Hulpvraag delen met werkgever en JPO"): "support_needs_shared",
            _("Advies"): _display("advies"),
            _("Datum advies"): "advies_date",
            _("Verwachte diplomadatum"): "expected_diploma_date",
            _("Start BPV volgens school"): "bpv_start_date",
            _("Zichtbaar voor werkgevers"): "consent_show_to_employers",
            _("Vindbaar zonder naam"): "consent_findable",
            _("Ouder mag meekijken"): "consent_parent_access",
            _("Contact na diploma goed"): "consent_contact_after_diploma",
        },
    )


def _matches(s: Subject) -> list[dict]:
    qs = Match.objects.filter(student_id=s.student_id).select_related("opening__employer")
    return _rows(
        qs.order_by("created_at"),
        {
            _("Plek"): "opening.title",
            _("Werkgever"): "opening.employer.name",
            _("Status"): _display("status"),
            _("Jouw antwoord"): _display("student_response"),
            _("Antwoord werkgever"): _display("employer_response"),
            _("Naam gedeeld met werkgever"): "student_shares_profile",
            _("Score"): "score",
            # The closing step's note: an internal reason stays in the workspace.
            _("Reden"): lambda m: closed_reason_for(m, reader_id=s.user_id),
            _("Begonnen op"): "created_at",
        },
    )


def _timeline(s: Subject) -> list[dict]:
    qs = TimelineEntry.objects.filter(match__student_id=s.student_id).select_related(
        "match__opening"
    )
    shared = TimelineEntry.Visibility.SHARED
    return _rows(
        qs.order_by("at", "pk"),
        {
            _("Plek"): "match.opening.title",
            _("Van"): _display("from_status"),
            _("Naar"): _display("to_status"),
            # Internal notes of the workspace are about the work, often about others too.
            _("Notitie"): lambda e: e.note if e.note_visibility == shared else "",
            _("Wanneer"): "at",
        },
    )


def export(s: Subject) -> dict[str, list[dict]]:
    sid = {"student_id": s.student_id}
    guardians = GuardianLink.objects.filter(**sid).select_related("guardian")
    placements = Placement.objects.filter(match__student_id=s.student_id).select_related(
        "match__opening__employer"
    )
    checkins = CheckIn.objects.filter(placement__match__student_id=s.student_id)
    sections = {
        _("Profiel en account"): _profile(s),
        _("Toestemmingen (geschiedenis)"): consent_rows(s.student_id),
        _("Ouders en verzorgers"): _rows(
            guardians,
            {_("Naam"): lambda g: g.guardian.get_full_name(), _("Relatie"): "relation"},
        ),
        _("Zoekvragen"): _rows(
            SearchRequest.objects.filter(**sid),
            {
                _("Zoekt"): _display("kind"),
                _("Status"): _display("status"),
                _("Uiterlijk"): "deadline",
                _("Notitie"): "note",
                _("Begonnen op"): "created_at",
            },
        ),
        _("Matches"): _matches(s),
        _("Tijdlijn van je matches"): _timeline(s),
        _("Plaatsingen"): _rows(
            placements,
            {
                _("Werkgever"): "match.opening.employer.name",
                _("Plek"): "match.opening.title",
                _("Start"): "start_date",
                _("Einde"): "end_date",
                _("Status"): _display("status"),
                _("Reden"): "outcome_reason",
            },
        ),
        _("Check-ins"): _rows(
            checkins,
            {
                _("Week"): "week",
                _("Gepland op"): "planned_for",
                _("Hoe gaat het"): _display("how_it_goes"),
                _("Notitie"): "notes",
                _("Risico op uitval"): "risk_signal",
                _("Wat is het risico"): "risk_notes",
            },
        ),
        _("Escalaties"): _rows(
            Escalation.objects.filter(**sid),
            {
                _("Reden"): _display("reason"),
                _("Status"): _display("status"),
                _("Toelichting"): "explanation",
                _("Afhandeling"): "resolution",
                _("Geopend op"): "opened_at",
            },
        ),
        _("Uitnodigingen van werkgevers"): _rows(
            Invitation.objects.filter(**sid).select_related("opening"),
            {
                _("Plek"): "opening.title",
                _("Bericht"): "message",
                _("Status"): _display("status"),
                _("Wanneer"): "created_at",
            },
        ),
        _("Voorgestelde plekken"): _rows(
            Suggestion.objects.filter(**sid, direction="student").select_related("opening"),
            {_("Plek"): "opening.title", _("Score"): "score", _("Berekend op"): "computed_at"},
        ),
        _("Taken"): _rows(
            ActionItem.objects.filter(**sid),
            {_("Wat"): "title", _("Uiterlijk"): "due_date", _("Klaar op"): "done_at"},
        ),
        _("Nazorg"): _rows(
            AftercareContact.objects.filter(**sid),
            {
                _("Datum contact"): "contacted_on",
                _("Hoe gaat het"): _display("situation"),
                _("Notitie"): "note",
            },
        ),
        _("Overgangsdokument"): _rows(
            Overgangsdokument.objects.filter(**sid),
            {
                _("Advies"): "advies",
                _("Sterke punten"): "strengths",
                _("Aandachtspunten"): "attention_points",
                _("Welke begeleiding helpt"): "support",
                _("Werkervaring en stages"): "work_experience",
                _("Diploma's en certificaten"): "diplomas_and_certificates",
                _("Wensen voor werk"): "wishes",
                _("Status"): _display("status"),
            },
        ),
        _("Berichten aan jou"): _rows(
            Notification.objects.filter(user_id=s.user_id),
            {_("Onderwerp"): "title", _("Bericht"): "body", _("Wanneer"): "created_at"},
        ),
        _("Wie heeft je gegevens bekeken"): access_rows(s.student_id, viewer_id=s.user_id),
        _("Rankings van plekken voor jou"): _rows(
            RankingLog.objects.filter(subject_type="student", subject_id=s.student_id),
            {_("Wanneer"): "at", _("Via"): "channel", _("Versie"): "engine_version"},
        ),
        _("Verzoeken om verwijdering"): _rows(
            ErasureRequest.objects.filter(**sid),
            {
                _("Aangevraagd op"): "requested_at",
                _("Status"): _display("status"),
                _("Uitleg bij het besluit"): "decision_note",
            },
        ),
    }
    return {title: rows for title, rows in sections.items() if rows}


# --- erasure ------------------------------------------------------------------------------------


def _move_for_statistics(s: Subject, keeper: StudentProfile) -> dict[str, int]:
    """Rows the monitoring counts (search, matches, placements, escalations, aftercare) go to
    the anonymous stand-in, without their free text; open matches are withdrawn."""
    sid = {"student_id": s.student_id}
    done = {}
    done["zoekvragen"] = SearchRequest.objects.filter(**sid).update(student=keeper, note="")
    matches = Match.objects.filter(**sid)
    match_ids = list(matches.values_list("pk", flat=True))
    open_ones = matches.exclude(status__in=(*CLOSED, MatchStatus.GEPLAATST, MatchStatus.GESTART))
    open_ones.update(status=MatchStatus.INGETROKKEN)
    TimelineEntry.objects.filter(match_id__in=match_ids).delete()
    done["matches"] = Match.objects.filter(pk__in=match_ids).update(
        student=keeper,
        score_snapshot={},
        closed_reason="",
        next_action="",
        next_action_due=None,
        meeting_at=None,
        student_shares_profile=False,
    )
    done["plaatsingen"] = Placement.objects.filter(match_id__in=match_ids).update(outcome_reason="")
    done["check-ins"] = CheckIn.objects.filter(placement__match_id__in=match_ids).update(
        notes="", risk_notes=""
    )
    done["escalaties"] = Escalation.objects.filter(**sid).update(
        student=keeper, explanation="", resolution=""
    )
    counted = (ActionItem.Kind.CONTACT_AFTER_DIPLOMA, ActionItem.Kind.AFTERCARE)
    kept_actions = ActionItem.objects.filter(**sid, kind__in=counted, match__isnull=True)
    for kind, label in ActionItem.Kind.choices:
        kept_actions.filter(kind=kind).update(
            student=keeper, title=str(label)[:200], code="task.kind", params={"kind": kind}
        )
    AftercareContact.objects.filter(**sid).update(student=keeper, note="")
    return done


def _notifications_about(s: Subject, match_ids: list[int]) -> int:
    """Others' messages that name the student or point at their record or matches."""
    urls = []
    for name, args in (
        [("match-detail", m) for m in match_ids]
        + [("werk:match", m) for m in match_ids]
        + [("werk:student", s.student_id), ("parent-child", s.student_id)]
    ):
        try:
            urls.append(reverse(name, args=[args]))
        except NoReverseMatch:
            continue
    by_url = Q(url__in=urls)
    by_text = Q()
    for needle in s.needles():
        by_text |= Q(title__icontains=needle) | Q(body__icontains=needle)
    deleted, _per_model = Notification.objects.filter(by_url | by_text).delete()
    return deleted


def _ranking_logs(s: Subject, keeper: StudentProfile) -> int:
    """Rankings for the student keep their versions for oversight, under the stand-in; lists of
    candidates name the stand-in instead of the student."""
    changed = RankingLog.objects.filter(subject_type="student", subject_id=s.student_id).update(
        subject_id=keeper.pk
    )
    logs = RankingLog.objects.filter(subject_type="opening")
    try:
        found = list(logs.filter(top_ids__contains=[s.student_id]))
    except Exception:  # noqa: BLE001 - a backend without JSON containment (SQLite): scan
        found = [log for log in logs.iterator() if s.student_id in (log.top_ids or [])]
    for log in found:
        log.top_ids = [keeper.pk if i == s.student_id else i for i in log.top_ids]
        log.save(update_fields=["top_ids"])
    return changed + len(found)


def _sessions_and_admin(s: Subject) -> int:
    """Log-in sessions of the account and the admin's history of the person."""
    gone = 0
    for session in Session.objects.filter(expire_date__gt=timezone.now()).iterator():
        if str(session.get_decoded().get("_auth_user_id")) == str(s.user_id):
            session.delete()
            gone += 1
    types = ContentType.objects.get_for_models(User, StudentProfile)
    about = Q(content_type=types[User], object_id=str(s.user_id)) | Q(
        content_type=types[StudentProfile], object_id=str(s.student_id)
    )
    by_text = Q()
    for needle in s.needles():
        by_text |= Q(object_repr__icontains=needle) | Q(change_message__icontains=needle)
    deleted, _per_model = LogEntry.objects.filter(about | by_text).delete()
    return gone + deleted


def _login_records(s: Subject) -> int:
    """Log-in logs of installed packages (lockout attempts, their access log) keep the e-mail
    address as the user name: they go with the account."""
    from django.apps import apps

    ours = {"marketplace", "matching", "employers", "events", "toolkit", "mediation"}
    gone = 0
    for model in apps.get_models():
        names = {f.name for f in model._meta.concrete_fields}
        if model._meta.app_label in ours or "username" not in names:
            continue
        deleted, _per_model = model.objects.filter(username__iexact=s.email).delete()
        gone += deleted
    return gone


def erase(s: Subject, keeper: StudentProfile) -> dict[str, int]:
    sid = {"student_id": s.student_id}
    match_ids = list(Match.objects.filter(**sid).values_list("pk", flat=True))
    done = {"berichten": _notifications_about(s, match_ids)}
    done |= _move_for_statistics(s, keeper)
    done["rankinglog"] = _ranking_logs(s, keeper)
    done["sessies en beheerlog"] = _sessions_and_admin(s)
    done["inlogregistratie"] = _login_records(s)
    for label, model in (
        ("inzage-log", AccessLog),
        ("toestemmingen", ConsentRecord),
        ("ouderkoppelingen", GuardianLink),
        ("suggesties", Suggestion),
        ("schuilnamen", CandidateAlias),
        ("uitnodigingen", Invitation),
        ("taken", ActionItem),
        ("overgangsdocument", Overgangsdokument),
    ):
        done[label], _per_model = model.objects.filter(**sid).delete()
    # Whatever else points at the profile or the account goes with them (CASCADE), or loses
    # the link (SET_NULL): the person's own notifications, tokens, their erasure request.
    StudentProfile.objects.filter(pk=s.student_id).delete()
    User.objects.filter(pk=s.user_id).delete()
    done["profiel en account"] = 1
    return done


# --- retention ----------------------------------------------------------------------------------


def _older(model, field: str, keep: datetime.timedelta):
    def apply(now: datetime.datetime) -> int:
        deleted, _per_model = model.objects.filter(**{f"{field}__lt": now - keep}).delete()
        return deleted

    return apply


def _closed_matches(now: datetime.datetime) -> int:
    """Closed matches without a placement of students whose diploma date passed long ago."""
    cutoff = now - CLOSED_MATCHES_KEEP
    old = Match.objects.filter(
        status__in=CLOSED,
        updated_at__lt=cutoff,
        placement__isnull=True,
        student__expected_diploma_date__lt=cutoff.date(),
    )
    deleted, _per_model = old.delete()
    return deleted


def _expired_profiles(now: datetime.datetime) -> int:
    """School-leavers past aftercare who have not logged in for a year: erased as on request."""
    from .services.erasure import KEEPER_DOMAIN, student_erase  # walks every provider

    cutoff = (now - PROFILE_KEEP_AFTER_DIPLOMA).date()
    idle = Q(user__last_login__isnull=True) | Q(user__last_login__lt=now - YEAR)
    expired = StudentProfile.objects.filter(idle, expected_diploma_date__lt=cutoff).exclude(
        user__email__endswith=KEEPER_DOMAIN
    )
    ids = list(expired.values_list("pk", flat=True)[:PROFILES_PER_RUN])
    for pk in ids:
        student_erase(student_id=pk)
    return len(ids)


def _old_requests(now: datetime.datetime) -> int:
    done = ErasureRequest.objects.exclude(status=ErasureRequest.Status.REQUESTED)
    deleted, _per_model = done.filter(requested_at__lt=now - ERASURE_REQUESTS_KEEP).delete()
    return deleted


RETENTION = (
    RetentionRule(
        key="student_profile",
        kind=gettext_lazy("Profiel en account van de jongere"),
        purpose=gettext_lazy("Een passende BPV-plek of baan vinden en houden; nazorg"),
        legal_basis=gettext_lazy(
            "Publieke taak (onderwijs, arbeidsmarktregio); toestemming voor zichtbaarheid"
        ),
        who_sees=gettext_lazy(
            "de jongere, de ouder (onder 16 of met toestemming), de jobhunter, JPO en school van "
            "de jongere, de coördinator"
        ),
        period=gettext_lazy(
            "3 jaar na de verwachte diplomadatum en 1 jaar niet ingelogd; of eerder op verzoek"
        ),
        apply=_expired_profiles,
    ),
    RetentionRule(
        key="consents",
        kind=gettext_lazy("Toestemmingen en hun geschiedenis"),
        purpose=gettext_lazy("Aantonen wat de jongere goedvond, en wanneer"),
        legal_basis=gettext_lazy("Wettelijke plicht (aantonen van toestemming, AVG art. 7)"),
        who_sees=gettext_lazy("de jongere, de ouder, de begeleiders van de jongere"),
        period=gettext_lazy("Zo lang als het profiel bestaat"),
    ),
    RetentionRule(
        key="access_log",
        kind=gettext_lazy("Inzage-log: wie keek wanneer naar welke jongere"),
        purpose=gettext_lazy("Misbruik opsporen; de jongere laten zien wie keek"),
        legal_basis=gettext_lazy("Wettelijke plicht (beveiliging, AVG art. 32)"),
        who_sees=gettext_lazy("de jongere (rol en organisatie), de coördinator"),
        period=gettext_lazy("2 jaar"),
        apply=_older(AccessLog, "at", ACCESS_LOG_KEEP),
    ),
    RetentionRule(
        key="closed_matches",
        kind=gettext_lazy("Afgesloten matches met hun tijdlijn (zonder plaatsing)"),
        purpose=gettext_lazy("Bemiddeling volgen en verantwoorden"),
        legal_basis=gettext_lazy("Publieke taak"),
        who_sees=gettext_lazy(
            "de jongere, de werkgever van de plek, de jobhunter, JPO en school van de jongere"
        ),
        period=gettext_lazy("2 jaar na het afsluiten en na de diplomadatum"),
        apply=_closed_matches,
    ),
    RetentionRule(
        key="notifications",
        kind=gettext_lazy("Berichten in de app"),
        purpose=gettext_lazy("Mensen laten weten dat er iets te doen is"),
        legal_basis=gettext_lazy("Publieke taak"),
        who_sees=gettext_lazy("alleen wie het bericht kreeg"),
        period=gettext_lazy("1 jaar"),
        apply=_older(Notification, "created_at", NOTIFICATIONS_KEEP),
    ),
    RetentionRule(
        key="ranking_log",
        kind=gettext_lazy("Rankinglog: welke ranglijst wie zag"),
        purpose=gettext_lazy("Menselijk toezicht op de matcher; eerlijkheidsrapport"),
        legal_basis=gettext_lazy("Gerechtvaardigd belang en toezicht op eerlijkheid"),
        who_sees=gettext_lazy("de coördinator (alleen cijfers)"),
        period=gettext_lazy("2 jaar"),
        apply=_older(RankingLog, "at", RANKING_LOG_KEEP),
    ),
    RetentionRule(
        key="erasure_requests",
        kind=gettext_lazy("Verzoeken om verwijdering (zonder naam na uitvoering)"),
        purpose=gettext_lazy("Aantonen dat een verzoek is afgehandeld"),
        legal_basis=gettext_lazy("Wettelijke plicht (verantwoording, AVG art. 5 lid 2)"),
        who_sees=gettext_lazy("de school van de jongere en de coördinator"),
        period=gettext_lazy("5 jaar na het besluit"),
        apply=_old_requests,
    ),
)

KEPT = (
    (
        "matching.RankingChange",
        gettext_lazy(
            "Een los nummer in het wijzigingslog van de matcher, zodat elke server de jongere uit "
            "zijn index haalt. Zonder naam of koppeling; na een uur gewist."
        ),
    ),
    (
        "marketplace.ErasureRequest",
        gettext_lazy(
            "Het verzoek zelf blijft, zonder naam en zonder koppeling: bewijs dat het is "
            "uitgevoerd (AVG art. 5 lid 2)."
        ),
    ),
    (
        "marketplace.StudentProfile",
        gettext_lazy(
            "Plaatsingen, matches, zoekvragen en escalaties tellen mee in de monitoring. Ze "
            "staan op een nieuw, leeg profiel zonder naam, e-mail, geboortedatum of nummer."
        ),
    ),
)

PROVIDER = Provider(
    app="marketplace", export=export, erase=erase, retention=RETENTION, kept=KEPT, order=90
)
