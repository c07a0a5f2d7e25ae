"""Editing toolkit texts and regulations: every save is a numbered Revision (what it said, who,
a note), a save on top of a newer revision is a conflict, and restoring is a new revision."""

import datetime
import difflib
import re
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max, Model
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from marketplace.models import User
from marketplace.permissions import ensure_can

from .models import Revision, ToolkitItem

# What a revision keeps of each kind: its content fields, in the order of the form.
ITEM_FIELDS = (
    "title",
    "audience",
    "category",
    "summary",
    "body",
    "url",
    "sector",
    "published",
    "slug",
    "title_en",
    "category_en",
    "summary_en",
    "body_en",
)
REGULATION_FIELDS = (
    "name",
    "provider",
    "summary",
    "who_qualifies",
    "amount",
    "how_to_apply",
    "url",
    "valid_from",
    "valid_to",
    "slug",
    "calculation",
    "duration",
    "checked_on",
    "name_en",
    "summary_en",
    "who_qualifies_en",
    "amount_en",
    "calculation_en",
    "duration_en",
    "how_to_apply_en",
    "provider_en",
)
BASELINE_NOTE = "Zoals het was voordat versies werden bijgehouden"
# Labels for the history where the model's own are not plain Dutch.
LABELS = {
    "slug": gettext_lazy("webadres"),
    "valid_from": gettext_lazy("geldig vanaf"),
    "valid_to": gettext_lazy("geldig tot"),
}


def _fields(obj: Model) -> tuple[str, ...]:
    return ITEM_FIELDS if isinstance(obj, ToolkitItem) else REGULATION_FIELDS


def _revision_of(obj: Model) -> dict:
    return {"item": obj} if isinstance(obj, ToolkitItem) else {"regulation": obj}


def snapshot(obj: Model) -> dict:
    """The content as JSON: foreign keys by id, dates as ISO text."""
    out = {}
    for name in _fields(obj):
        field = obj._meta.get_field(name)
        value = getattr(obj, field.attname)
        out[name] = value.isoformat() if isinstance(value, datetime.date) else value
    return out


def _apply(obj: Model, content: dict) -> None:
    for name in _fields(obj):
        if name not in content:
            continue
        field = obj._meta.get_field(name)
        value = content[name]
        if isinstance(value, str) and field.get_internal_type() == "DateField":
            value = datetime.date.fromisoformat(value) if value else None
        setattr(obj, field.attname, value)


def latest_number(obj: Model) -> int:
    """The newest revision's number (0 before the first save here): the edit form carries it."""
    if obj.pk is None:
        return 0
    return obj.revisions.aggregate(n=Max("number"))["n"] or 0


def _locked(obj: Model) -> Model:
    """The row, locked until the commit, so two saves cannot both pass the conflict check."""
    return type(obj).objects.select_for_update().get(pk=obj.pk)


def _check_fresh(obj: Model, based_on: int) -> int:
    newest = latest_number(obj)
    if newest != based_on:
        raise ValidationError(
            _(
                "Iemand anders heeft deze tekst net opgeslagen (versie %(n)d). Je wijzigingen "
                "staan nog in het formulier: vergelijk ze met de nieuwe versie en sla opnieuw op."
            )
            % {"n": newest},
            code="conflict",
        )
    return newest


def _validate(obj: Model) -> None:
    if not obj.slug:
        obj.slug = slugify(getattr(obj, "title", "") or getattr(obj, "name", ""))[:200]
    if type(obj).objects.filter(slug=obj.slug).exclude(pk=obj.pk).exists():
        raise ValidationError(
            {
                "slug": _(
                    "Dit webadres is al in gebruik. Kies een ander (alleen letters, cijfers, -)."
                )
            }
        )
    obj.full_clean()


@transaction.atomic
def content_save(*, user: User, obj: Model, data: dict, based_on: int, note: str = "") -> Revision:
    """Save a toolkit text or regulation (new when obj.pk is None) as its next revision."""
    ensure_can(user, "edit_toolkit")
    newest = 0
    if obj.pk is not None:
        obj = _locked(obj)
        newest = _check_fresh(obj, based_on)
        if newest == 0:  # the first save here: keep what it said before as revision 1
            Revision.objects.create(
                number=1, content=snapshot(obj), note=BASELINE_NOTE, **_revision_of(obj)
            )
            newest = 1
    for name in _fields(obj):
        if name in data:  # cleaned form values: dates, a Sector, booleans
            setattr(obj, name, data[name])
    _validate(obj)
    obj.save()
    return Revision.objects.create(
        number=newest + 1,
        content=snapshot(obj),
        changed_by=user,
        note=note.strip()[:300],
        **_revision_of(obj),
    )


@transaction.atomic
def revision_restore(*, user: User, obj: Model, number: int, based_on: int) -> Revision:
    """Make an older revision's content current again, as a new revision."""
    ensure_can(user, "edit_toolkit")
    obj = _locked(obj)
    newest = _check_fresh(obj, based_on)
    old = obj.revisions.filter(number=number).first()
    if old is None:
        raise ValidationError(_("Deze versie bestaat niet (meer)."))
    _apply(obj, old.content)
    _validate(obj)
    obj.save()
    return Revision.objects.create(
        number=newest + 1,
        content=snapshot(obj),
        changed_by=user,
        note=_("Versie %(n)d teruggezet") % {"n": number},
        **_revision_of(obj),
    )


# --- the history: what changed from one revision to the next ------------------------------------

WORDS = re.compile(r"\S+\s*")  # a word with the space after it, so spaces never diff alone
CONTEXT_WORDS = 12  # unchanged text longer than twice this is shortened in the middle


@dataclass
class FieldChange:
    field: str
    label: str
    parts: list[tuple[str, str]]  # ("same" | "removed" | "added", text)


@dataclass
class HistoryEntry:
    revision: Revision
    changes: list[FieldChange]


def _word_diff(old: str, new: str) -> list[tuple[str, str]]:
    a, b = WORDS.findall(old), WORDS.findall(new)
    parts: list[tuple[str, str]] = []
    for op, i1, i2, j1, j2 in difflib.SequenceMatcher(a=a, b=b, autojunk=False).get_opcodes():
        if op == "equal":
            parts.append(("same", _shortened(a[i1:i2])))
            continue
        if i2 > i1:
            parts.append(("removed", "".join(a[i1:i2])))
        if j2 > j1:
            parts.append(("added", "".join(b[j1:j2])))
    return parts


def _shortened(words: list[str]) -> str:
    if len(words) <= 2 * CONTEXT_WORDS:
        return "".join(words)
    return "".join(words[:CONTEXT_WORDS]) + "… " + "".join(words[-CONTEXT_WORDS:])


def _shown(value) -> str:
    if value is None or value == "":
        return "–"
    if isinstance(value, bool):
        return _("ja") if value else _("nee")
    return str(value)


def revision_changes(model, older: dict | None, newer: dict) -> list[FieldChange]:
    out = []
    for name, value in newer.items():
        before = (older or {}).get(name)
        if older is not None and before == value:
            continue
        label = str(LABELS.get(name) or model._meta.get_field(name).verbose_name)
        before_text = "" if older is None else _shown(before)
        out.append(FieldChange(name, label, _word_diff(before_text, _shown(value))))
    return out


def history(obj: Model, *, limit: int = 50) -> list[HistoryEntry]:
    """The revisions, newest first, each with what changed since the one before it."""
    revisions = list(obj.revisions.select_related("changed_by").order_by("-number")[: limit + 1])
    sectors = _sector_names(revisions)
    contents = [_readable(r.content, sectors) for r in revisions]
    entries = []
    for i, revision in enumerate(revisions[:limit]):
        older = contents[i + 1] if i + 1 < len(revisions) else None
        entries.append(HistoryEntry(revision, revision_changes(type(obj), older, contents[i])))
    return entries


def _sector_names(revisions: list[Revision]) -> dict:
    from matching.models import Sector

    ids = {r.content.get("sector") for r in revisions} - {None}
    return dict(Sector.objects.filter(pk__in=ids).values_list("pk", "name")) if ids else {}


def _readable(content: dict, sectors: dict) -> dict:
    """A sector by its name rather than its number."""
    if content.get("sector") is None:
        return content
    return content | {"sector": sectors.get(content["sector"], content["sector"])}
