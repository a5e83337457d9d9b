"""Tables in and out: reading uploaded CSV/XLSX files, and the one safe writer.

Reading: ``read_table`` turns bytes into a header and rows, each row with its spreadsheet line
number (the header is line 1), or raises ``TableError`` with a message for the user.

Writing: every CSV or XLSX the portal writes goes through ``write_csv`` / ``write_xlsx``, which
neutralise cells a spreadsheet would run as a formula (``neutralise``).
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable
from dataclasses import dataclass

from django.utils.translation import gettext as _

MAX_FILE_BYTES = 25 * 1024 * 1024  # a year of a city's scores (100,000 rows) is ~5 MB of CSV
FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")


class TableError(Exception):
    """The file as a whole cannot be read (format, encoding, missing columns, too large)."""


@dataclass
class Table:
    headers: list[str]
    rows: list[tuple[int, list[str]]]  # (spreadsheet line number, cells)


def cell_text(value) -> str:
    """A spreadsheet cell as the importers read it: text, whole floats without ".0", None as ""."""
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()


def header_key(header: str) -> str:
    """A column name as the importers compare it: lower case, spaces and dashes as underscores."""
    return header.strip().lower().replace(" ", "_").replace("-", "_")


def read_table(data: bytes, filename: str = "") -> Table:
    """CSV (UTF-8 with or without BOM, else Windows-1252; comma or semicolon) or XLSX (first
    sheet). Raises ``TableError`` with a message for the user."""
    if len(data) > MAX_FILE_BYTES:
        raise TableError(_("The file is larger than %(mb)s MB.") % {"mb": MAX_FILE_BYTES // (1024 * 1024)})
    name = filename.lower()
    if data[:4] == b"PK\x03\x04" or name.endswith(".xlsx"):
        rows = _read_xlsx(data)
    elif name.endswith(".csv") or not name or b"\x00" not in data[:1024]:
        rows = _read_csv(data)
    else:
        raise TableError(_("Upload a CSV or XLSX file."))
    rows_iter = iter(rows)
    for header in rows_iter:
        if any(c.strip() for c in header):
            break
    else:
        raise TableError(_("The file is empty."))
    headers = [header_key(h) for h in header]
    body = []
    for line, cells in enumerate(rows_iter, start=2):
        if any(cells):
            body.append((line, cells))
    if not body:
        raise TableError(_("The file has a header but no rows."))
    return Table(headers, body)


def _read_csv(data: bytes) -> list[list[str]]:
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        text = data.decode("cp1252", errors="replace")
    first = text.split("\n", 1)[0]
    delimiter = ";" if first.count(";") > first.count(",") else ","
    return [[c.strip() for c in row] for row in csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)]


def _read_xlsx(data: bytes) -> list[list[str]]:
    from openpyxl import load_workbook  # deferred: openpyxl is heavy and only XLSX uploads need it

    try:
        workbook = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except Exception as exc:  # openpyxl raises many kinds for a broken file
        raise TableError(_("The spreadsheet cannot be read: %(error)s") % {"error": exc}) from exc
    try:
        sheet = workbook.worksheets[0]
        return [[cell_text(v) for v in row] for row in sheet.iter_rows(values_only=True)]
    finally:
        workbook.close()


def neutralise(value):
    """A cell a spreadsheet would run as a formula (``=``, ``+``, ``-``, ``@``, tab, carriage
    return) gets a leading single quote. Numbers stay numbers (a negative number is data)."""
    if isinstance(value, str) and value.startswith(FORMULA_PREFIXES):
        return "'" + value
    return value


def write_csv(headers, rows) -> Iterable[str]:
    """CSV lines (UTF-8 BOM first so Excel reads the accents), every cell neutralised."""

    class Echo:
        def write(self, value):
            return value

    writer = csv.writer(Echo())
    yield "\ufeff" + writer.writerow([neutralise(h) for h in headers])
    for row in rows:
        yield writer.writerow([neutralise(v) for v in row])


def write_xlsx(headers, rows, *, title: str = "data") -> bytes:
    """An XLSX workbook of one sheet (openpyxl's write-only mode), every cell neutralised."""
    from openpyxl import Workbook  # deferred: openpyxl is heavy and only XLSX downloads need it

    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(title=title[:31])
    sheet.append([neutralise(h) for h in headers])
    for row in rows:
        sheet.append([neutralise(v) for v in row])
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()
