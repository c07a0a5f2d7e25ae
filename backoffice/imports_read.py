"""Reading an uploaded file into headers and rows with tablib: CSV in UTF-8 (with or without
BOM) or Windows-1252, separated by ; or , — or an Excel workbook (.xlsx, its first sheet).

Whole-file refusals are raised here as `FileRefused` with a plain Dutch message; nothing is
written for such a file.
"""

import csv
import io
import re
import zipfile
from dataclasses import dataclass

import tablib
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

MAX_ROWS = 100_000
XLSX_MAGIC = b"PK\x03\x04"
# A cell that a spreadsheet would run as a formula (CSV injection). A number or phone number
# with a sign ("-5", "+31 50 123 4567") is harmless and allowed.
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
HARMLESS_SIGNED = re.compile(r"^[+-]?\d[\d\s().,/-]*$")


class FileRefused(Exception):
    """The whole file is refused; the message says why and what to do."""


@dataclass
class Table:
    headers: list[str]
    rows: list[list]  # data rows only, in file order (row 2 of the sheet is rows[0])
    encoding: str = ""
    delimiter: str = ""


def read_table(content: bytes, file_name: str) -> Table:
    if not content or not content.strip():
        raise FileRefused(_("Het bestand is leeg."))
    if content.startswith(XLSX_MAGIC) or file_name.lower().endswith(".xlsx"):
        table = _read_xlsx(content)
    else:
        table = _read_csv(content)
    table.rows = [row for row in table.rows if any(text_in(cell) for cell in row)]
    _check_shape(table)
    return table


def text_in(cell) -> str:
    return "" if cell is None else str(cell).strip()


def _decode(content: bytes) -> tuple[str, str]:
    """UTF-8 (a BOM is dropped), else Windows-1252, the two encodings Dutch exports use."""
    try:
        return content.decode("utf-8-sig"), "utf-8"
    except UnicodeDecodeError:
        pass
    try:
        return content.decode("cp1252"), "windows-1252"
    except UnicodeDecodeError as exc:
        raise FileRefused(
            _("We kunnen de tekst in dit bestand niet lezen. Sla het op als CSV (UTF-8) of als "
              "Excel-bestand (.xlsx).")
        ) from exc  # fmt: skip


def _delimiter(text: str) -> str:
    """; or , : whichever splits the header line into more columns (the csv module counts,
    so a separator inside quotes does not)."""
    first = text.splitlines()[0] if text.strip() else ""
    counts = {sep: len(next(csv.reader([first], delimiter=sep), [])) for sep in ";,"}
    return ";" if counts[";"] > counts[","] else ","


def _read_csv(content: bytes) -> Table:
    text, encoding = _decode(content)
    delimiter = _delimiter(text)
    data = tablib.Dataset()
    try:
        data.load(text, format="csv", delimiter=delimiter)
    except (tablib.InvalidDimensions, csv.Error) as exc:
        raise FileRefused(_too_many_cells()) from exc
    headers = [text_in(h) for h in (data.headers or [])]
    return Table(headers, [list(r) for r in data], encoding, delimiter)


def _read_xlsx(content: bytes) -> Table:
    """openpyxl loads with formulas kept (tablib's own loader reads their cached results), so a
    formula shows as '=...' and is refused; tablib turns the first sheet into rows."""
    from openpyxl import load_workbook
    from tablib.formats._xlsx import XLSXFormat

    try:
        book = load_workbook(io.BytesIO(content), read_only=True, data_only=False)
    except (zipfile.BadZipFile, KeyError, OSError, ValueError) as exc:
        raise FileRefused(
            _("Dit is geen Excel-bestand dat we kunnen lezen. Gebruik .xlsx of CSV.")
        ) from exc
    sheet = book.active
    if sheet.max_row and sheet.max_row > MAX_ROWS + 1:
        raise FileRefused(_too_many_rows())
    data = tablib.Dataset()
    try:
        XLSXFormat.import_sheet(data, sheet)
    except tablib.InvalidDimensions as exc:
        raise FileRefused(_too_many_cells()) from exc
    finally:
        book.close()
    headers = [text_in(h) for h in (data.headers or [])]
    rows = [list(r) for r in data]
    # Excel may report empty columns at the right: drop those without header and content.
    while headers and not headers[-1] and not any(text_in(r[len(headers) - 1]) for r in rows):
        headers.pop()
    return Table(headers, [r[: len(headers)] for r in rows], "xlsx")


def _check_shape(table: Table) -> None:
    if not table.rows:
        raise FileRefused(_("Het bestand heeft geen rijen onder de kopregel."))
    if len(table.rows) > MAX_ROWS:
        raise FileRefused(_too_many_rows())
    formulas = [
        (number, text_in(cell))
        for number, row in enumerate([table.headers, *table.rows], start=1)
        for cell in row
        if isinstance(cell, str) and _is_formula(cell)
    ]
    if formulas:
        number, cell = formulas[0]
        raise FileRefused(
            ngettext(
                "Het bestand bevat een formule (in rij %(row)s: %(cell)s). Zet deze om naar een "
                "gewone waarde of sla het bestand op als CSV zonder formules.",
                "Het bestand bevat formules (%(n)s cellen, de eerste in rij %(row)s: %(cell)s). "
                "Zet ze om naar gewone waarden of sla het bestand op als CSV zonder formules.",
                len(formulas),
            )
            % {"n": len(formulas), "row": number, "cell": cell[:40]}
        )  # fmt: skip


def _is_formula(cell: str) -> bool:
    text = cell.lstrip(" ")
    if not text.startswith(FORMULA_START):
        return False
    return not (text[0] in "+-" and HARMLESS_SIGNED.match(text))


def _too_many_rows() -> str:
    return _("Het bestand heeft meer dan %(max)s rijen. Verdeel het over meer bestanden.") % {
        "max": f"{MAX_ROWS:,}".replace(",", ".")
    }


def _too_many_cells() -> str:
    return _(
        "Een rij heeft meer cellen dan er kolommen in de kopregel staan. Kijk of er een "
        "scheidingsteken (; of ,) te veel in staat, of zet de tekst tussen aanhalingstekens."
    )
