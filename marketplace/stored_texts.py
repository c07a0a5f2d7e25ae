"""Stored texts as codes with parameters, rendered in the reader's language when read.

A notification or a task stores a message code and its parameters (JSON), never a finished
sentence: the registry below maps each code to gettext_lazy templates with named parameters, so
the same row reads in Dutch or in English. Parameters are facts (a name, a title, an id, a status
code, an ISO date); the templates and the labels of codes are translated at read time. A row
without a code (from before codes) shows the text that was stored with it.

Features register their own codes in their AppConfig.ready (the core imports no feature).
"""

import datetime
import logging
from collections.abc import Callable
from dataclasses import dataclass, field

from django.urls import NoReverseMatch, reverse
from django.utils import formats
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

logger = logging.getLogger(__name__)

# Who reads the row: the audience is stored with the parameters when the row is written (a
# notification has one reader), so a text or link can fit that reader without a query.
STUDENT, EMPLOYER, MEDIATOR, PARENT, STAFF = "student", "employer", "mediator", "parent", "staff"

Template = Promise | str | Callable[[dict], str]


@dataclass(frozen=True)
class Message:
    """One code: its title (and optional body), per audience where the reader matters, the
    parameters turned into words (labels of codes, dates), and how to link to the subject."""

    title: Template | dict[str | None, Template]
    body: Template | dict[str | None, Template] | None = None
    words: dict[str, Callable[[object], str]] = field(default_factory=dict)
    link: Callable[[dict], str] | None = None


REGISTRY: dict[str, Message] = {}


def register(code: str, message: Message) -> None:
    REGISTRY[code] = message


class _Params(dict):
    """Format parameters: one that an old row lacks reads as nothing instead of failing."""

    def __missing__(self, key: str) -> str:
        return ""


def _pick(template, audience: str | None):
    if isinstance(template, dict):
        return template.get(audience, template.get(None))
    return template


def _fill(template, params: _Params) -> str:
    if template is None:
        return ""
    if callable(template) and not isinstance(template, Promise):
        return template(params)
    return str(template) % params


def _words(message: Message, params: dict) -> _Params:
    from matching.models import localized_name

    out = _Params(params)
    for key, value in params.items():  # a vocabulary name stored with its English one
        if f"{key}_en" in params and isinstance(value, str):
            out[key] = localized_name(value, str(params[f"{key}_en"] or ""))
    for key, turn in message.words.items():
        if params.get(key) not in (None, ""):
            out[key] = turn(params[key])
    return out


@dataclass(frozen=True)
class Rendered:
    title: str
    body: str
    url: str


def render(code: str, params: dict | None, *, fallback: tuple[str, str, str]) -> Rendered:
    """The text of a code in the active language; the stored text for an unknown code."""
    message = REGISTRY.get(code) if code else None
    if message is None:
        return Rendered(*fallback)
    params = params or {}
    audience = params.get("for")
    try:
        words = _words(message, params)
        title = _fill(_pick(message.title, audience), words)
        body = _fill(_pick(message.body, audience), words)
        url = message.link(params) if message.link else ""
    except (KeyError, TypeError, ValueError, NoReverseMatch):
        logger.warning("stored text %s could not be rendered; showing the stored text", code)
        return Rendered(*fallback)
    if not body and params.get("text"):
        body = str(params["text"])  # a person's own words (a reason, a note): shown as written
    return Rendered(title, body, url)


# --- words and links shared by the codes ------------------------------------------------------


def day(value) -> str:
    """An ISO date parameter as the reader's date (2 december 2026 / 2 December 2026)."""
    return formats.date_format(datetime.date.fromisoformat(str(value)[:10]), "j F Y")


def moment(value) -> str:
    """An ISO date-time parameter (stored in local time) as the reader's date and time."""
    when = datetime.datetime.fromisoformat(str(value))
    return formats.date_format(when, "j F Y, H:i")


def label_of(choices) -> Callable[[object], str]:
    """A stored choice code as its label in the reader's language; an unknown code as is."""

    def turn(value) -> str:
        try:
            return str(choices(value).label)
        except ValueError:
            return str(value)

    return turn


def lower_label_of(choices) -> Callable[[object], str]:
    label = label_of(choices)
    return lambda value: label(value).lower()


def alias(letters) -> str:
    from .services.aliases import alias_text  # a plain helper, no write

    return alias_text(str(letters))


def url_to(name: str, *keys: str) -> Callable[[dict], str]:
    """A link built from ids in the parameters; none when an id is missing."""

    def link(params: dict) -> str:
        if any(params.get(k) in (None, "") for k in keys):
            return ""
        return reverse(name, args=[params[k] for k in keys])

    return link


def url_by_audience(**links: Callable[[dict], str]) -> Callable[[dict], str]:
    """A link that depends on who reads: only to a page that reader may open."""

    def link(params: dict) -> str:
        chosen = links.get(params.get("for") or "", links.get("default"))
        return chosen(params) if chosen else ""

    return link


def _declined_body(params: dict) -> str:
    from .services.invitations import DECLINE_REASONS

    body = str(_("Een kandidaat heeft je uitnodiging voor ‘%(opening)s’ afgeslagen.")) % params
    reason = DECLINE_REASONS.get(params.get("reason") or "")
    if reason:
        body += " " + str(_("De reden: %(reason)s.")) % {"reason": reason}
    return body


# --- the core's codes: matches, invitations, tasks, privacy -----------------------------------


def _core_messages() -> dict[str, Message]:
    from .models import ActionItem, MatchStatus

    match_link = url_to("match-detail", "match")
    see_match = _("Bekijk de match voor de details.")
    who = {"alias": alias}
    status_words = {"alias": alias, "status": label_of(MatchStatus)}
    return {
        "match.proposed": Message(
            title={
                STUDENT: _("Er is een plek voor je voorgesteld: %(opening)s"),
                None: _("Nieuwe plek voorgesteld: %(student)s%(alias)s voor %(opening)s"),
            },
            body=see_match,
            words=who,
            link=match_link,
        ),
        "match.interest": Message(
            title=_("%(student)s%(alias)s heeft interesse in %(opening)s"),
            body=see_match,
            words=who,
            link=match_link,
        ),
        "match.invitation_accepted": Message(
            title=_("Uitnodiging aangenomen: %(student)s%(alias)s voor %(opening)s"),
            body=see_match,
            words=who,
            link=match_link,
        ),
        "match.event": Message(
            title={
                STUDENT: _("Nieuwe match na %(event)s: %(opening)s"),
                None: _("Nieuwe match na %(event)s: %(student)s%(alias)s voor %(opening)s"),
            },
            body=see_match,
            words=who,
            link=match_link,
        ),
        "match.status": Message(
            title={
                STUDENT: _("Je match voor %(opening)s: %(status)s"),
                None: _("Match %(student)s%(alias)s voor %(opening)s: %(status)s"),
            },
            body=see_match,
            words=status_words,
            link=match_link,
        ),
        "match.reminder_employer": Message(
            title=_("Wilt u nog antwoorden? %(student)s%(alias)s voor %(opening)s"),
            body=_(
                "Er wacht een kandidaat op uw antwoord. Zeg ja of nee, dan weet iedereen waar "
                "hij aan toe is."
            ),
            words=who,
            link=match_link,
        ),
        "match.reminder_offer": Message(
            title=_("Je hebt een aanbod van %(employer)s: %(opening)s"),
            body=_("Laat weten of je het aanbod aanneemt. Vraag je jobhunter als je twijfelt."),
            link=match_link,
        ),
        "match.reminder_proposal": Message(
            title=_("Er staat een plek voor je klaar: %(opening)s"),
            body=_("Kijk of de plek bij je past en zeg ja of nee."),
            link=match_link,
        ),
        "match.answer_late": Message(
            title=_("Nog geen antwoord van %(who)s: %(student)s voor %(opening)s"),
            body=_(
                "%(who)s heeft na een herinnering nog steeds niet geantwoord (%(days)s werkdagen "
                "na de herinnering). Neem contact op."
            ),
            link=match_link,
        ),
        "invitation.received": Message(
            title={
                STUDENT: _("%(employer)s nodigt je uit"),
                None: _("%(employer)s nodigt %(student)s uit"),
            },
            body={
                STUDENT: _(
                    "%(employer)s nodigt je uit voor ‘%(opening)s’ in %(place)s. Bekijk de "
                    "uitnodiging en zeg ja of nee. Ze zien je naam pas als jij ja zegt."
                ),
                None: _(
                    "%(employer)s nodigt %(student)s uit voor ‘%(opening)s’ in %(place)s. "
                    "Bespreek het samen; de jongere beslist."
                ),
            },
            link=url_by_audience(
                student=url_to("student-invitation", "invitation"),
                default=url_to("werk:student", "student_id"),
            ),
        ),
        "invitation.withdrawn": Message(
            title=_("Uitnodiging ingetrokken"),
            body=_("%(employer)s heeft de uitnodiging voor ‘%(opening)s’ ingetrokken."),
            link=url_to("student-invitation", "invitation"),
        ),
        "invitation.declined": Message(
            title=_("Uitnodiging afgeslagen voor %(opening)s"),
            body=_declined_body,
            link=url_to("werkgever:candidates", "opening_id"),
        ),
        "task.advies": Message(title=_("Advies arbeid of doorstroom vastleggen")),
        "task.contact_after_diploma": Message(title=_("Contact opnemen, 18 weken na het diploma")),
        "task.aftercare": Message(
            title=lambda p: (
                ngettext(
                    "Nazorg: contact %(n)d maand na school",
                    "Nazorg: contact %(n)d maanden na school",
                    int(p["months"]),
                )
                % {"n": int(p["months"])}
            )
        ),
        "task.risk": Message(
            title=_("Bespreek het risicosignaal van week %(week)s met %(student)s")
        ),
        "task.after_dropout": Message(title=_("Nieuwe plek zoeken na uitval")),
        "task.follow_up_risk": Message(
            title=_("Gesprek met student, school en werkgever na risicosignaal")
        ),
        "task.kind": Message(title="%(kind)s", words={"kind": label_of(ActionItem.Kind)}),
        "erasure.new": Message(
            title=_("Nieuw verzoek om gegevens te verwijderen"),
            body=_("Een jongere van je school vraagt om verwijdering. Bekijk het verzoek."),
            link=url_to("privacy-queue"),
        ),
        "erasure.refused": Message(
            title=_("Je verzoek om gegevens te verwijderen is afgewezen"),
            body=_("De reden: %(note)s"),
            link=url_by_audience(
                parent=url_to("privacy-child", "student_id"), default=url_to("privacy-mine")
            ),
        ),
        "erasure.done": Message(
            title=_("Je verzoek om gegevens te verwijderen is uitgevoerd"),
            body=_("De gegevens van je kind zijn verwijderd."),
        ),
    }


def register_core() -> None:
    for code, message in _core_messages().items():
        register(code, message)
