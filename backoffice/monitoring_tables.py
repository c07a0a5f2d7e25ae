"""The dashboard's figures as tables: what the page shows, and exactly what the CSV and Excel
exports hold (the table is the truth; each chart draws one of its columns)."""

import io
from dataclasses import dataclass, field

import tablib
from django.utils.formats import localize
from django.utils.translation import gettext as _

from marketplace.models import StudentProfile

from .monitoring import MIN_GROUP, RESPONSE_TIME, RETENTION_DAYS, Dashboard

HIDDEN = "–"  # a figure of a group smaller than MIN_GROUP


@dataclass
class Bar:
    label: str
    text: str
    width: float  # percent of the chart's width


@dataclass
class Table:
    key: str
    title: str
    columns: list[str]
    rows: list[list]
    note: str = ""
    bars: list[Bar] = field(default_factory=list)
    chart_title: str = ""


def _small(n: int | None) -> bool:
    return n is not None and 0 < n < MIN_GROUP


def _pct(part: int, whole: int) -> float | str:
    return round(100 * part / whole, 1) if whole else HIDDEN


def _bars(rows: list[list], label_col: int, value_col: int, unit: str = "") -> list[Bar]:
    values = [r[value_col] for r in rows if isinstance(r[value_col], int | float)]
    top = max(values, default=0) or 1
    bars = []
    for row in rows:
        value = row[value_col]
        number = value if isinstance(value, int | float) else 0
        text = f"{localize(value)}{unit}" if value != HIDDEN else _("niet getoond (minder dan 5)")
        bars.append(Bar(label=str(row[label_col]), text=text, width=round(100 * number / top, 1)))
    return bars


def _suppression_note() -> str:
    return _("Een groep van 1 tot 4 jongeren laten we niet zien (–), zodat niemand herkenbaar is.")


def funnel_table(d: Dashboard) -> Table:
    f = d.funnel
    searching = f["searching"]
    steps = [
        (_("Zoekend"), searching, searching),
        (_("Voorgesteld"), f["proposed"], searching),
        (_("Beide interesse"), f["interested"], searching),
        (_("Geplaatst"), f["placed"], searching),
        (_("Gestart"), f["started"], searching),
    ]
    for months in RETENTION_DAYS:
        label = _("Na %(n)s maanden nog op de plek") % {"n": months}
        steps.append((label, f[f"kept_{months}"], f[f"eligible_{months}"]))
    hide = _small(searching)
    rows = [
        [label, HIDDEN, HIDDEN, HIDDEN] if hide else [label, count, base, _pct(count, base)]
        for label, count, base in steps
    ]
    return Table(
        key="trechter",
        title=_("Van zoeken naar een plek"),
        columns=[_("Stap"), _("Aantal jongeren"), _("Van het aantal"), _("Percentage")],
        rows=rows,
        note=_suppression_note() if hide else "",
        bars=_bars(rows, 0, 1),
        chart_title=_("Aantal jongeren per stap"),
    )


def time_table(d: Dashboard) -> Table:
    t = d.time_to_placement
    hide = _small(t["n"])
    rows = [
        [_("Plaatsingen"), t["n"] if not hide else HIDDEN],
        [_("Mediaan (dagen)"), HIDDEN if hide or t["median"] is None else t["median"]],
        [
            _("Driekwart is geplaatst binnen (dagen)"),
            HIDDEN if hide or t["p75"] is None else t["p75"],
        ],
    ]
    return Table(
        key="tijd",
        title=_("Tijd tot een plek"),
        columns=[_("Wat"), _("Waarde")],
        rows=rows,
        note=_suppression_note() if hide else "",
        bars=_bars(rows[1:], 0, 1, _(" dagen")),
        chart_title=_("Dagen tot een plek"),
    )


def escalation_table(d: Dashboard) -> Table:
    e = d.escalations
    hide = _small(e["opened"])
    days = RESPONSE_TIME.days
    values = [
        (_("Geopend"), e["opened"]),
        (_("Opgelost"), e["resolved"]),
        (_("Beantwoord"), e["answered"]),
        (_("Beantwoord binnen %(n)s dagen") % {"n": days}, e["in_time"]),
        (
            _("Deel binnen %(n)s dagen beantwoord (%%)") % {"n": days},
            _pct(e["in_time"], e["opened"]),
        ),
        (
            _("Mediaan reactietijd (uren)"),
            HIDDEN if e["median_hours"] is None else e["median_hours"],
        ),
    ]
    rows = [[label, HIDDEN if hide else value] for label, value in values]
    return Table(
        key="escalaties",
        title=_("Escalaties"),
        columns=[_("Wat"), _("Waarde")],
        rows=rows,
        note=_suppression_note() if hide else "",
        bars=_bars(rows[:4], 0, 1),
        chart_title=_("Aantal escalaties"),
    )


def outcome_table(d: Dashboard) -> Table:
    o = d.outcomes
    hide_advies = _small(o["arbeid"] + o["doorstroom"])
    hide_contact = _small(o["contact_planned"])
    rows = [
        [_("Advies arbeid"), HIDDEN if hide_advies else o["arbeid"]],
        [_("Advies doorstroom"), HIDDEN if hide_advies else o["doorstroom"]],
        [_("Contact na 18 weken gepland"), HIDDEN if hide_contact else o["contact_planned"]],
        [_("Contact na 18 weken gedaan"), HIDDEN if hide_contact else o["contact_done"]],
    ]
    return Table(
        key="na-school",
        title=_("Na school"),
        columns=[_("Wat"), _("Aantal jongeren")],
        rows=rows,
        note=_suppression_note() if hide_advies or hide_contact else "",
        bars=_bars(rows, 0, 1),
        chart_title=_("Advies en contact na school"),
    )


def _group_label(by: str, key, label: str) -> str:
    if by == "onderwijs":
        return {"pro": "PrO", "vso": "VSO"}.get(key, f"MBO {str(key)[-1]}")
    if by == "niveau":
        return _("Niveau %(n)s") % {"n": key} if key else _("Geen niveau (PrO/VSO)")
    if by == "leerweg":
        return str(StudentProfile.Leerweg(key or "").label)
    return label or _("Onbekend")


BREAKDOWN_LABELS = {
    "onderwijs": "Soort onderwijs",
    "niveau": "Niveau",
    "leerweg": "Leerweg",
    "sector": "Sector",
    "school": "School",
    "regio": "Regio",
}


def breakdown_table(d: Dashboard) -> Table:
    keys = ["searching", "proposed", "interested", "placed", "started"]
    keys += [f"kept_{m}" for m in RETENTION_DAYS]
    rows, hidden = [], False
    for key, label, counts in sorted(d.groups, key=lambda g: _group_label(d.by, g[0], g[1])):
        size = max(counts["searching"], counts["proposed"])
        small = _small(size)
        hidden |= small
        name = _group_label(d.by, key, label)
        rows.append([name, *([HIDDEN] * len(keys) if small else [counts[k] for k in keys])])
    columns = [_(BREAKDOWN_LABELS[d.by]), _("Zoekend"), _("Voorgesteld"), _("Beide interesse")]
    columns += [_("Geplaatst"), _("Gestart")]
    columns += [_("Na %(n)s mnd") % {"n": m} for m in RETENTION_DAYS]
    return Table(
        key="per-groep",
        title=_("Per groep: %(by)s") % {"by": _(BREAKDOWN_LABELS[d.by]).lower()},
        columns=columns,
        rows=rows,
        note=_suppression_note() if hidden else "",
        bars=_bars(rows, 0, 4),
        chart_title=_("Geplaatst per groep"),
    )


def tables(d: Dashboard) -> list[Table]:
    return [
        funnel_table(d),
        time_table(d),
        escalation_table(d),
        outcome_table(d),
        breakdown_table(d),
    ]


# --- exports: the same tables ---------------------------------------------------------------


def _dataset(table: Table) -> tablib.Dataset:
    data = tablib.Dataset(headers=table.columns, title=table.title.replace(":", " -")[:31])
    for row in table.rows:
        data.append(row)
    return data


def export_csv(d: Dashboard, period: str) -> str:
    """All tables one after the other, each under its title; `;` as Dutch spreadsheets expect."""
    out = io.StringIO()
    out.write(f"{_('Periode')};{period}\r\n")
    for table in tables(d):
        out.write(f"\r\n{table.title}\r\n")
        out.write(_dataset(table).export("csv", delimiter=";"))
        if table.note:
            out.write(f"{table.note}\r\n")
    return out.getvalue()


def export_xlsx(d: Dashboard) -> bytes:
    """One sheet per table."""
    book = tablib.Databook([_dataset(table) for table in tables(d)])
    return book.export("xlsx")
