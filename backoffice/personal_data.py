"""What the back office holds about a young person: rows of uploaded import files and their
previews. Registered with the core's registry (marketplace/services/personal_data.py)."""

import datetime
import json

from django.db.models import Q
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy

from marketplace.models import StudentProfile
from marketplace.services.personal_data import Provider, RetentionRule, Subject

from .imports import PURGE_AFTER
from .imports_read import read_table, text_in
from .models import ImportRun

PREVIEW_KEEP = datetime.timedelta(days=90)


def _names_in(value, s: Subject) -> bool:
    """A name or e-mail anywhere in the text, or the school's number as a whole value."""
    text = json.dumps(value, default=str, ensure_ascii=False)
    if s.mentioned_in(text):
        return True
    return bool(s.external_id) and json.dumps(s.external_id) in text


def _file_mentions(run: ImportRun, s: Subject) -> bool:
    content = bytes(run.content or b"")
    if not content:
        return False
    try:
        table = read_table(content, run.file_name)
    except Exception:  # noqa: BLE001 - a file we cannot read may still name them: clear it
        return True
    cells = [text_in(cell) for row in table.rows for cell in row]
    return _names_in(cells, s)


def export(s: Subject) -> dict[str, list[dict]]:
    return {}  # an upload is the school's copy of its own records, not a record of its own


def erase(s: Subject, keeper: StudentProfile) -> dict[str, int]:
    runs = ImportRun.objects.filter(
        Q(school_id=s.school_id) | Q(region_id=s.region_id), kind=ImportRun.Kind.STUDENTS
    )
    files = rows = 0
    for run in runs.exclude(status=ImportRun.Status.RUNNING):
        changed = []
        if _file_mentions(run, s):
            run.content = b""
            files += 1
            changed.append("content")
        preview = (run.summary or {}).get("preview") or []
        kept = [row for row in preview if not _names_in(row, s)]
        problems = [p for p in run.problems or [] if not _names_in(p, s)]
        if len(kept) != len(preview):
            run.summary = {**run.summary, "preview": kept}
            changed.append("summary")
        if len(problems) != len(run.problems or []):
            run.problems = problems
            changed.append("problems")
        if changed:
            rows += len(preview) - len(kept) + 1
            run.save(update_fields=changed)
    return {"importbestanden": files, "importregels": rows}


def _old_previews(now: datetime.datetime) -> int:
    old = ImportRun.objects.filter(created_at__lt=now - PREVIEW_KEEP).exclude(
        summary__has_key="cleared"
    )
    cleared = 0
    for run in old.only("pk", "summary"):
        counts = {k: v for k, v in (run.summary or {}).items() if k != "preview"}
        ImportRun.objects.filter(pk=run.pk).update(
            summary={**counts, "cleared": True}, problems=[], content=b""
        )
        cleared += 1
    return cleared


PROVIDER = Provider(
    app="backoffice",
    export=export,
    erase=erase,
    retention=(
        RetentionRule(
            key="import_files",
            kind=gettext_lazy("Geüploade importbestanden (leerlingen, werkgevers, plekken)"),
            purpose=gettext_lazy("Gegevens van de school in één keer inlezen"),
            legal_basis=gettext_lazy("Publieke taak"),
            who_sees=gettext_lazy("de schoolmedewerker die het inlas, de coördinator"),
            period=format_lazy(
                gettext_lazy("Tot het inlezen klaar is; niet gestart: {hours} uur"),
                hours=int(PURGE_AFTER.total_seconds() // 3600),
            ),
        ),
        RetentionRule(
            key="import_previews",
            kind=gettext_lazy("Voorbeeld en problemen per regel van een import"),
            purpose=gettext_lazy("Laten zien wat een import verandert en wat er mis is"),
            legal_basis=gettext_lazy("Publieke taak"),
            who_sees=gettext_lazy("de schoolmedewerker die het inlas, de coördinator"),
            period=gettext_lazy("90 dagen; de aantallen blijven"),
            apply=_old_previews,
        ),
    ),
    order=20,
)
