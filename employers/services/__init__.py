"""Employers' own work: register the organisation, add locations, post and manage openings.

Every function checks permission and validates everything before it writes; a failure leaves
nothing half-saved. Changes to openings refresh the search index and the suggestions after the
commit.
"""

import threading

from django.contrib.auth import get_user_model
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Case, F, Q, Value, When
from django.utils import timezone
from django.utils.translation import gettext as _

from marketplace.models import Match, MatchStatus, Role
from marketplace.permissions import can, ensure_can
from marketplace.services.notifications import notify
from marketplace.services.ranking_changes import ranking_inputs_changed
from marketplace.services.rules import failures_as_params, failures_by_student
from marketplace.services.suggestions import suggestions_enqueue_for_opening
from matching.engine import CAPACITY_CODES, Vocabulary
from matching.models import Certificate, Competency, Place, Sector

from ..models import Employer, EmployerLocation, Opening
from .colleagues import contact_person_check, contact_person_default, opening_on_behalf_told

User = get_user_model()

# Which status an employer may move an opening to, from which status.
STATUS_MOVES: dict[str, set[str]] = {
    Opening.Status.DRAFT: {Opening.Status.OPEN, Opening.Status.CLOSED},
    Opening.Status.OPEN: {Opening.Status.PAUSED, Opening.Status.CLOSED},
    Opening.Status.PAUSED: {Opening.Status.OPEN, Opening.Status.CLOSED},
    Opening.Status.FILLED: {Opening.Status.CLOSED},
    Opening.Status.CLOSED: {Opening.Status.OPEN},
}
OPENING_FIELDS = (
    "kind",
    "title",
    "description",
    "sector",
    "location",
    "min_level",
    "leerweg",
    "hours_per_week",
    "evening_work",
    "night_work",
    "weekend_work",
    "start_date",
    "end_date",
    "places",
    "support_offered",
    "min_age",
    "compensation",
)
OPENING_M2M = (
    "accepted_qualifications",
    "required_competencies",
    "nice_competencies",
    "required_certificates",
)


@transaction.atomic
def employer_register(
    *,
    email: str,
    password: str,
    first_name: str,
    last_name: str,
    name: str,
    kvk_number: str,
    sector: Sector,
    region,
    location_name: str,
    address: str,
    place: Place,
) -> User:
    """A new employer with its first location and its first member (who logs in with it)."""
    email = User.objects.normalize_email(email).lower()
    errors: dict[str, list] = {}
    if User.objects.filter(email__iexact=email).exists():
        errors["email"] = [
            _("Er is al een account met dit e-mailadres. Log in of vraag een nieuw wachtwoord aan.")
        ]
    if Employer.objects.filter(kvk_number=kvk_number).exists():
        errors["kvk_number"] = [
            _(
                "Dit KvK-nummer is al aangemeld. Vraag een beheerder van je bedrijf om je uit te "
                "nodigen via ‘Collega’s’. Je krijgt dan een link per e-mail."
            )
        ]
    user = User(email=email, first_name=first_name, last_name=last_name, role=Role.WERKGEVER)
    try:
        validate_password(password, user)
    except ValidationError as exc:
        errors["password"] = exc.messages
    employer = Employer(
        name=name, kvk_number=kvk_number, sector=sector, region=region, contact_email=email
    )
    try:
        employer.full_clean(validate_unique=False)
    except ValidationError as exc:
        for field, messages in exc.message_dict.items():
            errors.setdefault(field, []).extend(messages)
    if errors:
        raise ValidationError(errors)
    try:
        with transaction.atomic():
            employer.save()
            user.employer = employer
            user.employer_role = User.EmployerRole.BEHEERDER  # the first member runs it
            user.region = region
            user.set_password(password)
            user.save()
    except IntegrityError as exc:  # a double submit or a race on the e-mail or KvK number
        raise ValidationError(
            _("Dit account of dit KvK-nummer is net al aangemaakt. Log in met je e-mailadres.")
        ) from exc
    EmployerLocation.objects.create(
        employer=employer, name=location_name, address=address, place=place
    )
    return user


@transaction.atomic
def employer_location_add(
    *, user, employer: Employer, name: str, address: str, place: Place
) -> EmployerLocation:
    ensure_can(user, "manage_employer", employer)
    name = (name or "").strip()
    if not name:
        raise ValidationError(
            {"name": _("Geef de vestiging een naam, bijvoorbeeld de plaats of de straat.")}
        )
    location, _created = EmployerLocation.objects.get_or_create(
        employer=employer, name=name, place=place, defaults={"address": address}
    )
    return location


def _check_location(employer: Employer, location: EmployerLocation | None) -> None:
    if location is None or location.employer_id != employer.pk:
        raise ValidationError({"location": _("Kies een van je eigen vestigingen.")})


@transaction.atomic
def opening_save(
    *, user, employer: Employer, data: dict, opening: Opening | None = None
) -> Opening:
    """Create or change an opening. `data` holds OPENING_FIELDS and OPENING_M2M (lists)."""
    created = opening is None
    if opening is None:
        ensure_can(user, "post_opening", employer)
        opening = Opening(employer=employer, created_by=user, status=Opening.Status.DRAFT)
        if not can(user, "post_as_member", employer):
            opening.on_behalf_by = user  # an accountmanager posts it for the employer
    else:
        ensure_can(user, "edit_opening", opening)
        opening = Opening.objects.select_for_update().get(pk=opening.pk)
    unknown = set(data) - set(OPENING_FIELDS) - set(OPENING_M2M) - {"publish", "contact_person"}
    if unknown:
        raise ValidationError({f: _("Dit veld kun je hier niet wijzigen.") for f in unknown})
    _check_location(opening.employer, data.get("location", getattr(opening, "location", None)))
    for field in OPENING_FIELDS:
        if field in data:
            setattr(opening, field, data[field])
    if data.get("contact_person") is not None:
        contact_person_check(employer=opening.employer, person=data["contact_person"])
        opening.contact_person = data["contact_person"]
    elif opening.contact_person_id is None:
        opening.contact_person = contact_person_default(employer=opening.employer, user=user)
    if data.get("places") is not None and data["places"] < opening.places_filled:
        raise ValidationError(
            {
                "places": _("Er zijn al %(n)s plekken bezet. Kies minstens %(n)s.")
                % {"n": opening.places_filled}
            }
        )
    errors = {}
    if not data.get("required_competencies") and not data.get("nice_competencies"):
        errors["required_competencies"] = [
            _("Kies minstens één vaardigheid, zodat we passende jongeren kunnen vinden.")
        ]
    overlap = set(data.get("required_competencies") or []) & set(
        data.get("nice_competencies") or []
    )
    if overlap:
        errors["nice_competencies"] = [
            _("Een vaardigheid is nodig of mooi meegenomen, niet allebei: %(names)s.")
            % {"names": ", ".join(sorted(c.name for c in overlap))}
        ]
    try:
        opening.full_clean(exclude=["employer", "created_by"])
    except ValidationError as exc:
        for field, messages in exc.message_dict.items():
            errors.setdefault(field, []).extend(messages)
    if errors:
        raise ValidationError(errors)
    published = bool(data.get("publish")) and opening.status == Opening.Status.DRAFT
    if published:
        opening.status = Opening.Status.OPEN
    opening.save()
    for field in OPENING_M2M:
        if field in data:
            getattr(opening, field).set(data[field])
    if published:
        # The rule that keeps a paused place shut keeps a draft from opening (rolled back).
        from .recognitions import opening_reopen_refusal

        refusal = opening_reopen_refusal(opening=opening)
        if refusal:
            raise ValidationError({"accepted_qualifications": [refusal]})
    opening.coaches_told = opening_after_change(opening)
    if not can(user, "post_as_member", opening.employer):
        opening_on_behalf_told(opening=opening, actor=user, created=created)
    return opening


def opening_after_change(opening: Opening) -> int:
    """What follows any edit of an opening, whoever made it (the form, an import): its
    candidates, search entry and rankings refresh, and the coaches of running matches it now
    rules out are told. Returns how many such matches there are."""
    _opening_changed(opening.pk)
    return _coaches_of_broken_matches_told(opening)


def _coaches_of_broken_matches_told(opening: Opening) -> int:
    """After an edit, running matches that a hard rule now rules out (age, hours, dates, ...)
    are not stopped, but the young person's coach is told once per change and match, with the
    rule; the employer only learns how many. Returns that number."""
    closed = (MatchStatus.AFGEWEZEN, MatchStatus.INGETROKKEN)
    matches = list(
        Match.objects.filter(opening=opening)
        .exclude(status__in=closed)
        .select_related("student__user", "student__jobhunter", "student__jpo")
    )
    if not matches:
        return 0
    failures = failures_by_student([m.student for m in matches], opening)
    broken = 0
    for match in matches:
        rules = [f for f in failures.get(match.student_id, ()) if f.code not in CAPACITY_CODES]
        if not rules:
            continue
        broken += 1
        coach = match.student.jobhunter or match.student.jpo
        if coach is None:
            continue
        notify(
            user=coach,
            key=f"opening:{opening.pk}:rules:{match.pk}:{opening.updated_at.timestamp():.0f}",
            code="opening.rules_broken",
            params={
                "for": "mediator",
                "match": match.pk,
                "title": opening.title,
                "student": match.student.user.get_full_name(),
                # The rules as codes and facts, worded in the coach's language when read.
                "name": match.student.user.get_short_name(),
                "rules": failures_as_params(rules),
            },
        )
    return broken


@transaction.atomic
def opening_set_status(*, user, opening: Opening, status: str) -> Opening:
    """Publish, pause, reopen or close an opening (only the moves in STATUS_MOVES)."""
    ensure_can(user, "edit_opening", opening)
    return opening_move(opening=opening, status=status)


@transaction.atomic
def opening_move(*, opening: Opening, status: str, paused_reason: str = "") -> Opening:
    """The move itself, for the employer (above) and the system's own sweeps (the recognition
    sweep pauses with a reason). A place that lost its SBB recognition does not open again
    (employers.services.recognitions states the rule)."""
    from .recognitions import opening_reopen_refusal

    opening = Opening.objects.select_for_update().get(pk=opening.pk)
    if opening.status == status:
        return opening  # a double submit changes nothing
    if status not in STATUS_MOVES.get(opening.status, set()):
        labels = dict(Opening.Status.choices)
        raise ValidationError(
            _("Een plek met status “%(from)s” kan niet naar “%(to)s”.")
            % {"from": labels[opening.status], "to": labels.get(status, status)}
        )
    if status == Opening.Status.OPEN and opening.places_filled >= opening.places:
        raise ValidationError(_("Alle plekken zijn bezet. Verhoog eerst het aantal plekken."))
    if status == Opening.Status.OPEN:
        refusal = opening_reopen_refusal(opening=opening)
        if refusal:
            raise ValidationError(refusal)
    opening.status = status
    opening.paused_reason = paused_reason if status == Opening.Status.PAUSED else ""
    opening.save(update_fields=["status", "paused_reason", "updated_at"])
    _opening_changed(opening.pk)
    return opening


# --- places: the only code that fills, closes when full and reopens an opening -------------

# A full opening closes as vervuld unless its employer paused or closed it on purpose.
_FILLS_WHEN_FULL = (Opening.Status.OPEN, Opening.Status.PAUSED)


@transaction.atomic
def opening_place_take(*, opening: Opening) -> Opening:
    """Take one free place (a placement); taking the last one marks the opening vervuld.

    One conditional UPDATE, so two placements at once never take more places than there are."""
    last = Q(places_filled__gte=F("places") - 1, status__in=_FILLS_WHEN_FULL)
    taken = Opening.objects.filter(pk=opening.pk, places_filled__lt=F("places")).update(
        places_filled=F("places_filled") + 1,
        status=Case(When(last, then=Value(Opening.Status.FILLED)), default=F("status")),
        updated_at=timezone.now(),
    )
    if not taken:
        raise ValidationError(
            _("Alle plekken bij deze vacature zijn al bezet."),
            code="full",
        )
    opening.refresh_from_db(fields=["places", "places_filled", "status", "updated_at"])
    _opening_changed(opening.pk)
    return opening


@transaction.atomic
def opening_place_release(*, opening: Opening) -> Opening:
    """Give a place back (a placement stopped early, a placed match was withdrawn).

    A vervulde opening that has not ended opens again; a paused or closed one stays so."""
    today = timezone.localdate()
    running = Q(end_date__isnull=True) | Q(end_date__gte=today)
    reopen = Q(status=Opening.Status.FILLED) & running
    released = Opening.objects.filter(pk=opening.pk, places_filled__gt=0).update(
        places_filled=F("places_filled") - 1,
        status=Case(When(reopen, then=Value(Opening.Status.OPEN)), default=F("status")),
        updated_at=timezone.now(),
    )
    opening.refresh_from_db(fields=["places", "places_filled", "status", "updated_at"])
    if released:
        _opening_changed(opening.pk)
    return opening


def _opening_changed(opening_id: int) -> None:
    """After the commit: its candidates, its search-index entry and every process's rankings
    follow (an UPDATE sends no save signal, so the change log is told here)."""
    ranking_inputs_changed(kind="opening", ids=[opening_id])
    suggestions_enqueue_for_opening(opening_id)


# --- the competency picker: search as you type, typo tolerant, with synonyms -------------

_vocab_lock = threading.Lock()
_vocab_cache: dict[str, tuple[tuple, Vocabulary]] = {}


def _vocabulary(model) -> Vocabulary:
    key = model.__name__
    fingerprint = (
        model.objects.count(),
        str(model.objects.order_by("-pk").values_list("pk", flat=True).first()),
    )
    with _vocab_lock:
        cached = _vocab_cache.get(key)
        if cached and cached[0] == fingerprint:
            return cached[1]
    terms = [
        (pk, name, synonyms)
        for pk, name, synonyms in model.objects.values_list("pk", "name", "synonyms")
    ]
    vocab = Vocabulary.build(terms)
    with _vocab_lock:
        _vocab_cache[key] = (fingerprint, vocab)
    return vocab


def vocabulary_suggest(*, kind: str, text: str, limit: int = 8) -> list:
    """Competencies or certificates that fit what someone typed, best first."""
    model = {"competency": Competency, "certificate": Certificate}[kind]
    hits = _vocabulary(model).suggest(text, limit=limit)
    objects = model.objects.in_bulk([pk for pk, _label in hits])
    return [objects[pk] for pk, _label in hits if pk in objects]
