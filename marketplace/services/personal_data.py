"""The registry of personal data: each app says what it holds about a young person.

The core may not import the features, so every app that stores personal data registers a
`Provider` from its own `personal_data.py` (in its AppConfig.ready()): how to export a
student's rows, how to erase or anonymise them, and the retention rules of its kinds of data.
The export (JSON and PDF), the erasure and the nightly retention task only walk this registry,
and the processing register page (verwerkingsregister) is generated from the same rules, so a
new app with personal data adds one provider and the page cannot drift from the code.
"""

import datetime
import re
from collections.abc import Callable
from dataclasses import dataclass, field

from django.utils import timezone
from django.utils.formats import date_format
from django.utils.functional import Promise

from ..models import StudentProfile


@dataclass(frozen=True)
class Subject:
    """Who is exported or erased: the identifiers an erasure must leave nowhere."""

    student_id: int
    user_id: int
    first_name: str
    last_name: str
    email: str
    external_id: str
    date_of_birth: datetime.date
    school_id: int
    region_id: int

    @classmethod
    def of(cls, student: StudentProfile) -> "Subject":
        user = student.user
        return cls(
            student_id=student.pk,
            user_id=user.pk,
            first_name=user.first_name,
            last_name=user.last_name,
            email=user.email,
            external_id=student.external_id,
            date_of_birth=student.date_of_birth,
            school_id=student.school_id,
            region_id=student.school.region_id,
        )

    @property
    def full_name(self) -> str:
        return f"{self.first_name} {self.last_name}".strip()

    def needles(self) -> list[str]:
        """Texts that identify the person (for scrubbing free text written about them)."""
        found = [self.full_name, self.email]
        if self.external_id:
            found.append(self.external_id)
        if len(self.last_name) >= 4:
            found.append(self.last_name)
        return [n for n in found if n]

    def mentioned_in(self, text: str) -> bool:
        low = (text or "").lower()
        return any(n.lower() in low for n in self.needles())


@dataclass(frozen=True)
class RetentionRule:
    """One kind of personal data: why it is kept, on what basis, who sees it and how long.

    `apply(now)` removes or anonymises what is past its period and returns how many rows; it
    must be safe to run twice. `apply` None: the rule documents a period applied elsewhere.
    """

    key: str
    kind: str | Promise  # what the data is, in the reader's words
    purpose: str | Promise
    legal_basis: str | Promise
    who_sees: str | Promise
    period: str | Promise  # the period in words, for the register
    apply: Callable[[datetime.datetime], int] | None = None


@dataclass(frozen=True)
class Provider:
    """What one app holds about a student.

    export: (subject) → {section title: [row dict, ...]}; rows hold plain values only.
    erase: (subject, keeper) → {table label: rows removed or anonymised}. `keeper` is the
    anonymous stand-in profile that rows kept for statistics move to (no identity in it).
    """

    app: str
    export: Callable[[Subject], dict[str, list[dict]]]
    erase: Callable[[Subject, StudentProfile], dict[str, int]]
    retention: tuple[RetentionRule, ...] = field(default_factory=tuple)
    # (model label, why rows of it stay after an erasure): the register shows these, and the
    # erasure test allows the person's traces only there.
    kept: tuple[tuple[str, str | Promise], ...] = field(default_factory=tuple)
    order: int = 50  # erasure order: features before the core (the core deletes the profile)


_PROVIDERS: dict[str, Provider] = {}


def personal_data_register(provider: Provider) -> None:
    """Called from an app's ready(); registering twice replaces (autoreload, tests)."""
    _PROVIDERS[provider.app] = provider


def personal_data_providers() -> list[Provider]:
    return sorted(_PROVIDERS.values(), key=lambda p: (p.order, p.app))


def retention_rules() -> list[RetentionRule]:
    return [rule for provider in personal_data_providers() for rule in provider.retention]


def personal_data_export(*, student: StudentProfile) -> dict:
    """Everything stored about the student, per app and section, as plain JSON values."""
    subject = Subject.of(student)
    sections: dict[str, dict[str, list[dict]]] = {}
    for provider in personal_data_providers():
        found = provider.export(subject)
        if found:
            sections[provider.app] = found
    return {
        "generated_at": timezone.now().isoformat(),
        "subject": {"name": subject.full_name, "email": subject.email},
        "sections": sections,
    }


def retention_apply(*, now: datetime.datetime | None = None) -> dict[str, int]:
    """Apply every retention rule once; a second run finds nothing left to do."""
    now = now or timezone.now()
    return {rule.key: rule.apply(now) for rule in retention_rules() if rule.apply is not None}


def legally_kept() -> dict[str, str | Promise]:
    """Model label → why its rows may still hold a trace of an erased person."""
    return {label: why for provider in personal_data_providers() for label, why in provider.kept}


def as_text(value) -> str | None | bool | int | float | list | dict:
    """A value as plain JSON: dates as ISO text (to the second), lazy strings as text."""
    if isinstance(value, datetime.datetime):
        value = value.replace(microsecond=0)
        return timezone.localtime(value).isoformat() if timezone.is_aware(value) else str(value)
    if isinstance(value, datetime.date):
        return value.isoformat()
    if isinstance(value, Promise):
        return str(value)
    if isinstance(value, list | tuple):
        return [as_text(v) for v in value]
    if isinstance(value, dict):
        return {str(k): as_text(v) for k, v in value.items()}
    return value


_ISO_DATE = re.compile(
    r"^\d{4}-\d{2}-\d{2}([T ]\d{2}:\d{2}(:\d{2}(\.\d+)?)?([+-]\d{2}:\d{2}|Z)?)?$"
)


def readable(value):
    """A plain export value as a person reads it: ISO dates as local dates like the rest of the
    site ("1 december 2026 19:01"), everything else unchanged."""
    if not isinstance(value, str) or not _ISO_DATE.match(value):
        return value
    try:
        parsed = datetime.datetime.fromisoformat(value)
    except ValueError:
        return value
    if len(value) == 10:
        return date_format(parsed.date(), "j F Y")
    if timezone.is_aware(parsed):
        parsed = timezone.localtime(parsed)
    return date_format(parsed, "j F Y H:i")


def export_readable(export: dict) -> dict:
    """The export with every row value made readable (for the page and the PDF)."""
    sections = {
        app: {
            title: [{label: readable(v) for label, v in row.items()} for row in rows]
            for title, rows in found.items()
        }
        for app, found in export.get("sections", {}).items()
    }
    return {
        **export,
        "generated_at": readable(export.get("generated_at", "")),
        "sections": sections,
    }
