"""The demo's stored texts: the welcome message every demo login finds in its inbox (codes with
parameters, rendered in the reader's language; see marketplace.stored_texts)."""

from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from marketplace.stored_texts import Message, register

WELCOME = "demo.welcome"


def _messages() -> dict[str, Message]:
    # The role and the tip are Dutch labels of demo.personas.DEMO_LOGINS, marked there for
    # translation: stored as written, read in the reader's language.
    return {
        WELCOME: Message(
            title=_("Welkom in de demo van de BPV- en banenmatcher"),
            body=_("Je bent ingelogd als %(role)s. Probeer: %(tip)s."),
            words={"role": gettext, "tip": gettext},
        ),
    }


def register_demo() -> None:
    for code, message in _messages().items():
        register(code, message)
