"""The workspace's stored texts: escalations, check-ins and the overgangsdokument (codes with
parameters, rendered in the reader's language; see marketplace.stored_texts)."""

from django.utils.translation import gettext_lazy as _

from marketplace.models import Escalation
from marketplace.stored_texts import (
    Message,
    day,
    label_of,
    lower_label_of,
    moment,
    register,
    render,
    url_to,
)

# Why the sweep opened a case (Escalation.explanation_code): the facts, not a sentence. The
# body is the explanation; an escalation's page and the API read it, and the message of a new
# case repeats it.
EXPLANATIONS = {
    "escalation.why.no_place_before_start": Message(
        title="",
        body=_(
            "De BPV begint op %(start)s en er is nog geen plek. De regio escaleert %(weeks)d "
            "weken voor de start."
        ),
        words={"start": day},
    ),
    "escalation.why.stale_search": Message(
        title="",
        body=_(
            "De zoekvraag staat %(idle)d dagen stil (de regio escaleert na %(days)d dagen). "
            "Uiterlijk geplaatst op %(deadline)s."
        ),
        words={"deadline": day},
    ),
}


def _opened_body(params: dict) -> str:
    """A new case's explanation: the sweep's as its code, a person's own words as written."""
    code = params.get("why") or ""
    if code not in EXPLANATIONS:
        return ""  # then the stored text (a person's own words) is shown as written
    return render(code, params.get("why_params") or {}, fallback=("", "", "")).body


def _messages() -> dict[str, Message]:
    escalation = url_to("werk:escalation", "escalation")
    return {
        "escalation.opened": Message(
            title=_("Nieuwe escalatie voor %(student)s: %(reason)s"),
            body=_opened_body,
            words={"reason": label_of(Escalation.Reason)},
            link=escalation,
        ),
        "escalation.closed": Message(
            title=_("Escalatie %(status)s: %(student)s"),
            words={"status": lower_label_of(Escalation.Status)},
            link=escalation,
        ),
        "escalation.second_rung": Message(
            title=_("Escalatie zonder reactie: %(student)s"),
            body=_(
                "Deze escalatie (%(reason)s) wacht al meer dan %(days)s dagen op een eerste "
                "reactie. Pak hem op of zorg dat iemand het doet."
            ),
            words={"reason": lower_label_of(Escalation.Reason)},
            link=escalation,
        ),
        "checkin.risk": Message(
            title=_("Risicosignaal bij %(student)s"),
            link=url_to("werk:student", "student_id"),
        ),
        "checkin.reminder": Message(
            title=_("Check-in week %(week)s met %(student)s"),
            body=_("Gepland op %(date)s."),
            words={"date": day},
            link=url_to("werk:checkin", "checkin"),
        ),
        "overgangsdokument.sent": Message(
            title=_("Overgangsdokument ontvangen: %(student)s"),
            body=_("Bevestig dat je het hebt ontvangen en nodig de jongere uit."),
            link=url_to("werk:overgangsdokument", "doc"),
        ),
        "overgangsdokument.received": Message(
            title=_("De werkcoach heeft het overgangsdokument van %(student)s ontvangen"),
            link=url_to("werk:student", "student_id"),
        ),
        "overgangsdokument.invited": Message(
            title=_("Uitnodiging voor een gesprek met je werkcoach"),
            body=_("%(coach)s nodigt je uit op %(when)s, %(where)s."),
            words={"when": moment},
        ),
    }


def register_mediation() -> None:
    for code, message in {**EXPLANATIONS, **_messages()}.items():
        register(code, message)
