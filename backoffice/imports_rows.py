"""From a read table to checked rows: the header against the format (missing and unknown
columns), every cell through its parser (problems per row and column, in Dutch), and keys that
occur twice. What each kind's planner gets, and what a plan gives back."""

from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field

from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from .imports_formats import CellProblem, Format
from .imports_lookups import Lookups
from .imports_read import FileRefused, Table, text_in

# How many rows are written between two progress reports, and per bulk statement.
BATCH = 1_000


@dataclass
class Row:
    number: int  # as the spreadsheet shows it: the header is row 1
    values: dict[str, object]


@dataclass
class RowPlan:
    """What the import will do with one row: create, update (which columns) or skip."""

    number: int
    key: str
    action: str  # "create", "update" or "skip"
    changes: list[str] = field(default_factory=list)


@dataclass
class Plan:
    rows: list[RowPlan] = field(default_factory=list)
    problems: list[dict] = field(default_factory=list)
    # Everything the writer needs, kept in memory between planning and writing.
    work: dict = field(default_factory=dict)

    def counts(self) -> dict[str, int]:
        counts = {"create": 0, "update": 0, "skip": 0}
        for row in self.rows:
            counts[row.action] += 1
        return counts


Progress = Callable[[int], None]


def _nul_message() -> str:
    return _("bevat een onleesbaar teken (NUL); sla het bestand opnieuw op als CSV of Excel")


def problem(row: int | None, column: str, message: str) -> dict:
    """One problem as stored on the run and shown on the page."""
    if row is None:
        text = message
    else:
        text = _("Rij %(row)s, %(column)s: %(message)s") % {
            "row": row,
            "column": column,
            "message": message,
        }
    return {"row": row, "column": column, "message": message, "text": text}


def check_columns(fmt: Format, headers: list[str], *, for_school: bool) -> list:
    """The format's columns in the file's order; refuses missing, unknown or double ones."""
    seen = [h.strip().lower() for h in headers]
    unknown = [h for h in headers if h.strip().lower() not in fmt.by_header]
    doubles = sorted({h for h in seen if seen.count(h) > 1})
    missing = [
        c.header
        for c in fmt.columns
        if c.required and c.header not in seen and not (for_school and c.field == fmt.scope_column)
    ]
    parts = []
    if missing:
        parts.append(_("Deze kolommen ontbreken: %(names)s.") % {"names": ", ".join(missing)})
    if unknown:
        parts.append(
            _("Deze kolommen kennen we niet: %(names)s.")
            % {"names": ", ".join(h or _("(zonder naam)") for h in unknown)}
        )
    if doubles:
        parts.append(
            _("Deze kolommen staan er twee keer in: %(names)s.") % {"names": ", ".join(doubles)}
        )
    if parts:
        parts.append(_("Gebruik de kopregel van het voorbeeldbestand."))
        raise FileRefused(" ".join(parts))
    return [fmt.by_header[h] for h in seen]


def read_rows(
    fmt: Format, table: Table, lookups: Lookups, *, for_school: bool
) -> tuple[list[Row], list[dict]]:
    columns = check_columns(fmt, table.headers, for_school=for_school)
    rows, problems = [], []
    for index, cells in enumerate(table.rows):
        number = index + 2
        values: dict[str, object] = {}
        for column, cell in zip(columns, cells, strict=False):
            if isinstance(cell, str) and "\x00" in cell:  # a broken export; never stored
                problems.append(problem(number, column.header, _nul_message()))
                continue
            if not text_in(cell):
                if column.required and not (for_school and column.field == fmt.scope_column):
                    problems.append(problem(number, column.header, _("is leeg; vul dit in")))
                continue
            try:
                values[column.field] = column.parse(cell, lookups)
            except CellProblem as exc:
                problems.append(problem(number, column.header, str(exc)))
        if for_school and fmt.scope_column and fmt.scope_column not in values:
            values[fmt.scope_column] = lookups.own_school_id
        rows.append(Row(number, values))
    _refuse_double_keys(fmt, rows)
    return rows, problems


def _refuse_double_keys(fmt: Format, rows: list[Row]) -> None:
    where: dict[tuple, list[int]] = defaultdict(list)
    for row in rows:
        key = tuple(row.values.get(f) for f in fmt.key)
        if None not in key and "" not in key:
            where[tuple(str(k).lower() for k in key)].append(row.number)
    doubles = [(key, numbers) for key, numbers in where.items() if len(numbers) > 1]
    if not doubles:
        return
    shown = fmt.column(fmt.key[-1]).header
    key, numbers = doubles[0]
    message = _(
        "%(column)s %(value)s staat meer dan eens in het bestand (rijen %(rows)s). Elke rij "
        "moet een eigen %(column)s hebben."
    ) % {"column": shown, "value": key[-1], "rows": ", ".join(map(str, numbers[:10]))}
    if len(doubles) > 1:  # "1 sleutels" said nothing new: only count when there are more
        message += " " + ngettext(
            "%(n)s waarde staat er dubbel in.", "%(n)s waarden staan er dubbel in.", len(doubles)
        ) % {"n": len(doubles)}
    raise FileRefused(message)
