"""The employers' stored texts: places and SBB recognitions (codes with parameters, rendered in
the reader's language; see marketplace.stored_texts)."""

from django.utils.translation import gettext_lazy as _

from marketplace.stored_texts import Message, day, register, url_to

from .models import RecognitionRequest


def _kind(params: dict) -> str:
    if params.get("renewal"):
        return str(_("Verlenging"))
    try:
        return str(RecognitionRequest.Kind(params.get("kind")).label)
    except ValueError:
        return str(params.get("kind", ""))


def _rules_body(params: dict) -> str:
    """The broken hard rules, worded when read (a message from before stores their text)."""
    from marketplace.services.rules import stored_rule_messages

    rows = params.get("rules") or []
    return " ".join(stored_rule_messages(rows, name=str(params.get("name") or "")))


def _request_title(params: dict) -> str:
    return str(_("%(employer)s vraagt: %(kind)s voor %(qualification)s")) % {
        **params,
        "kind": _kind(params),
    }


def _answer_title(params: dict) -> str:
    titles = {
        RecognitionRequest.Status.IN_PROGRESS: _(
            "Je accountmanager behandelt je verzoek voor %(qualification)s"
        ),
        RecognitionRequest.Status.APPROVED: _("Je verzoek voor %(qualification)s is goedgekeurd"),
        RecognitionRequest.Status.REJECTED: _("Je verzoek voor %(qualification)s is afgewezen"),
    }
    return str(titles[params["status"]]) % params


def _answer_body(params: dict) -> str:
    reopen = _(
        "Je erkenning is weer geldig. Gepauzeerde plekken kun je nu weer openen op Mijn bedrijf."
    )
    parts = [params.get("text") or "", str(reopen) if params.get("reopenable") else ""]
    return " ".join(p for p in parts if p)


def _paused_body(params: dict) -> str:
    lost = params.get("lost") or []
    if len(lost) == 1:
        return str(
            _(
                "Gepauzeerd: je erkenning voor %(qualification)s is verlopen op %(date)s. "
                "Zodra SBB je erkenning verlengt, kun je de plek weer openen."
            )
        ) % {"qualification": _name(lost[0]), "date": day(lost[0]["date"])}
    names = ", ".join(
        str(_("%(qualification)s (op %(date)s)"))
        % {"qualification": _name(r), "date": day(r["date"])}
        for r in lost
    )
    return str(
        _(
            "Gepauzeerd: je erkenningen voor %(qualifications)s zijn verlopen. Zodra SBB een "
            "erkenning verlengt, kun je de plek weer openen."
        )
    ) % {"qualifications": names}


def _name(row: dict) -> str:
    from matching.models import localized_name

    return localized_name(row.get("qualification", ""), row.get("qualification_en", ""))


def _messages() -> dict[str, Message]:
    recognitions = url_to("werkgever:recognitions")
    return {
        "opening.on_behalf_created": Message(
            title=_("%(who)s heeft een plek voor jullie geplaatst: %(title)s"),
            body=_("Kijk of alles klopt. Je kunt de plek zelf wijzigen of sluiten."),
            link=url_to("werkgever:dashboard"),
        ),
        "opening.on_behalf_changed": Message(
            title=_("%(who)s heeft jullie plek gewijzigd: %(title)s"),
            body=_("Kijk of alles klopt. Je kunt de plek zelf wijzigen of sluiten."),
            link=url_to("werkgever:dashboard"),
        ),
        "opening.rules_broken": Message(
            title=_("Een plek past niet meer bij een harde regel: %(title)s (%(student)s)"),
            body=_rules_body,
            link=url_to("werk:match", "match"),
        ),
        "opening.recognition_paused": Message(
            title=_("Je plek ‘%(title)s’ is gepauzeerd"), body=_paused_body, link=recognitions
        ),
        "recognition.expiring": Message(
            title=_("Je erkenning voor %(qualification)s verloopt op %(date)s"),
            body=_(
                "Vraag op tijd verlenging aan. Zonder geldige erkenning kunnen we je "
                "BPV-plekken voor deze opleiding niet meer aan mbo-studenten laten zien."
            ),
            words={"date": day},
            link=recognitions,
        ),
        "recognition_request.new": Message(
            title=_request_title, link=url_to("werkgever:recognition-request", "request")
        ),
        "recognition_request.answered": Message(
            title=_answer_title, body=_answer_body, link=recognitions
        ),
    }


def register_employers() -> None:
    for code, message in _messages().items():
        register(code, message)
