"""The events' stored texts (codes with parameters, rendered in the reader's language; see
marketplace.stored_texts)."""

from django.utils.translation import gettext_lazy as _

from marketplace.stored_texts import Message, day, moment, register, url_to


def _messages() -> dict[str, Message]:
    detail = url_to("events:detail", "event")
    ticket = url_to("events:ticket", "event")
    when = {"date": day, "starts": moment}
    return {
        "event.cancelled": Message(
            title=_("Afgelast: %(title)s"),
            body=_("%(title)s op %(date)s gaat niet door. De reden: %(reason)s"),
            words=when,
            link=detail,
        ),
        "event.ticket": Message(
            title=_("Je bent aangemeld voor %(title)s"),
            body=_("Laat op de dag zelf je toegangsbewijs zien. Je vindt het via deze link."),
            link=ticket,
        ),
        "event.left": Message(
            title=_("Afgemeld voor de speeddates: %(title)s"),
            body=_(
                "%(name)s heeft zich afgemeld. Zijn of haar gesprekken zijn uit het schema "
                "gehaald. Die tafels zijn nu leeg."
            ),
            link=url_to("events:speeddates", "event"),
        ),
        "event.promoted": Message(
            title=_("Er is een plek vrij: %(title)s"),
            body=_(
                "Je stond op de wachtlijst. Nu ben je aangemeld. Laat op de dag zelf je "
                "toegangsbewijs zien. Je vindt het via deze link."
            ),
            link=ticket,
        ),
        "event.reminder": Message(
            title=_("Herinnering: %(title)s"),
            body=_("Op %(starts)s in %(place)s. Tot dan!"),
            words=when,
            link=detail,
        ),
        "event.waitlist_reminder": Message(
            title=_("Je staat nog op de wachtlijst: %(title)s"),
            body=_(
                "%(title)s is op %(starts)s in %(place)s. Het is nog vol. Komt er een plek vrij, "
                "dan krijg je meteen bericht."
            ),
            words=when,
            link=detail,
        ),
        "event.speeddates": Message(
            title=_("Je speeddate-schema voor %(title)s"),
            body=_("Bekijk bij welke tafel je zit en hoe laat je gesprekken zijn."),
            link=url_to("events:speeddates-mine", "event"),
        ),
    }


def register_events() -> None:
    for code, message in _messages().items():
        register(code, message)
