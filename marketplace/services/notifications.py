"""In-app notifications with an e-mail copy; sending is idempotent by key."""

from django.conf import settings
from django.db import IntegrityError, transaction
from django.utils import translation

from ..models import Notification, Role, User
from ..stored_texts import render


def notify(
    *,
    user: User,
    key: str,
    code: str = "",
    params: dict | None = None,
    title: str = "",
    body: str = "",
    url: str = "",
) -> Notification:
    """Create the notification once per (user, key) and e-mail it after the commit.

    With a `code` (stored_texts) the message is stored as the code and its `params` and read in
    the reader's language; title, body and url are then its Dutch text, kept for the e-mail copy
    (users store no language) and for search."""
    existing = Notification.objects.filter(user=user, key=key).first()
    if existing:
        return existing
    params = params or {}
    if code:
        with translation.override(settings.LANGUAGE_CODE):
            text = render(code, params, fallback=(title, body, url))
        title, body, url = text.title[:200], text.body, text.url or url
    try:
        with transaction.atomic():
            note = Notification.objects.create(
                user=user, key=key, code=code, params=params, title=title, body=body, url=url
            )
    except IntegrityError:
        return Notification.objects.get(user=user, key=key)
    from ..tasks import notification_send_email

    transaction.on_commit(lambda: notification_send_email.delay(note.pk))
    return note


def employer_recipients(opening=None, *, employer=None) -> list[User]:
    """Who at an employer hears about something: for an opening its contact person and the
    organisation's beheerders; without one (employer-wide news) the beheerders. Active members
    only, each once. Every message to an employer's people goes through here."""
    from ..permissions import beheerders_of

    employer_id = opening.employer_id if opening is not None else getattr(employer, "pk", None)
    if employer_id is None:
        return []
    people = list(beheerders_of(employer_id).order_by("pk"))
    contact = getattr(opening, "contact_person", None) if opening is not None else None
    if (
        contact is not None
        and contact.is_active
        and contact.role == Role.WERKGEVER
        and contact.employer_id == employer_id
        and contact.pk not in {p.pk for p in people}
    ):
        people.insert(0, contact)
    return people


def notification_send_email(*, notification_id: int) -> bool:
    """Send the e-mail copy once: the conditional update claims it, a second run does nothing."""
    from django.core.mail import send_mail
    from django.utils import timezone

    claimed = Notification.objects.filter(pk=notification_id, emailed_at__isnull=True).update(
        emailed_at=timezone.now()
    )
    if not claimed:
        return False
    note = Notification.objects.select_related("user").get(pk=notification_id)
    url = settings.SITE_URL + note.url if note.url.startswith("/") else note.url
    body = note.body + (f"\n\n{url}" if url else "")
    send_mail(note.title, body, settings.DEFAULT_FROM_EMAIL, [note.user.email])
    return True


def notification_mark_read(*, user: User, notification_id: int) -> None:
    from django.utils import timezone

    Notification.objects.filter(pk=notification_id, user=user, read_at__isnull=True).update(
        read_at=timezone.now()
    )


def notifications_mark_all_read(*, user: User) -> int:
    """Mark every unread notification of this user read; returns how many changed."""
    from django.utils import timezone

    return Notification.objects.filter(user=user, read_at__isnull=True).update(
        read_at=timezone.now()
    )
