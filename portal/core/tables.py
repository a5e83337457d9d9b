"""Tables in and out: reading uploaded CSV/XLSX files, and the one safe writer.

Reading: ``read_table`` turns bytes into a header and rows, each row with its spreadsheet line
number, or raises ``TableError`` with a message for the user (a library's own error is never
shown bare: known ones become a sentence in the user's language, the rest get a translated lead).

- **Formulas.** An XLSX cell holding a formula is kept as its formula text (``=2+2``) and listed
  in ``Table.formulas``: a caller that imports the column refuses it ("paste as values"), never
  reads it as blank. The workbook is opened with ``data_only=False`` so the formula itself is
  seen; the value a spreadsheet program cached beside it is not used, because files written by
  programs that do not calculate (openpyxl, many exporters) carry none and a cached value can be
  stale. A CSV has no formulas: a cell that starts with ``=`` is text, and each importer refuses it
  in a number column (``formula_message``).
- **Long numbers.** Excel keeps 15 significant digits: an 18-digit NIP typed as a number arrives
  rounded. Such a cell is listed in ``Table.rounded`` so the caller can say so.
- **Our own apostrophe.** The writer puts ``'`` before a cell that starts with ``= + - @``, tab or
  carriage return; reading drops it again (``unquote``), so an exported file imports back
  unchanged.
- **The header row** is the first non-empty row, or the row a column mapping names
  (``header_row``, 1-based); a title above it is skipped and line numbers stay the spreadsheet's.

Writing: every CSV or XLSX the portal writes goes through ``write_csv`` / ``write_xlsx`` /
``write_xlsx_file``, which neutralise cells a spreadsheet would run as a formula (``neutralise``).
CSV comes out in chunks of many rows (for a streaming response); XLSX through openpyxl's
write-only mode, into a file on disk, in constant memory.
"""

from __future__ import annotations

import csv
import io
import tempfile
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from itertools import islice

from django.utils.translation import gettext as _

MAX_FILE_BYTES = 25 * 1024 * 1024  # a year of a city's scores (100,000 rows) is ~5 MB of CSV
FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")
_PREFIX_CHARS = frozenset(FORMULA_PREFIXES)
EXACT_DIGITS = 15  # what a spreadsheet keeps of a number
CSV_CHUNK_ROWS = 2000  # rows per piece of a streamed CSV
XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
CSV_TYPE = "text/csv; charset=utf-8"
OLE_MAGIC = b"\xd0\xcf\x11\xe0"  # old .xls, and every password-protected workbook


class TableError(Exception):
    """The file as a whole cannot be read (format, encoding, missing columns, too large)."""


@dataclass
class Table:
    headers: list[str]  # column keys (``header_key``), unique: a repeated name gets ``_2``, ``_3``
    rows: list[tuple[int, list[str]]]  # (spreadsheet line number, cells)
    titles: list[str] = field(default_factory=list)  # the header cells as written
    header_line: int = 1
    formulas: dict[int, list[int]] = field(default_factory=dict)  # line → column indices of formula cells
    rounded: dict[int, list[int]] = field(default_factory=dict)  # line → columns of numbers past 15 digits


def cell_text(value) -> str:
    """A spreadsheet cell as the importers read it: text, whole floats without ".0", None as ""."""
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()


def header_key(header: str) -> str:
    """A column name as the importers compare it: lower case, spaces and dashes as underscores."""
    return "_".join(str(header).strip().lower().replace("-", " ").split())


def unique_keys(titles: list[str]) -> list[str]:
    """``header_key`` of each title; a key met before gets ``_2``, ``_3`` … (empty stays empty)."""
    seen: dict[str, int] = {}
    keys = []
    for title in titles:
        key = header_key(title)
        if key:
            seen[key] = seen.get(key, 0) + 1
            if seen[key] > 1:
                key = f"{key}_{seen[key]}"
        keys.append(key)
    return keys


def column_letter(index: int) -> str:
    """A 0-based column index as a spreadsheet names it: 0 → A, 25 → Z, 26 → AA."""
    letters = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


def unquote(value: str) -> str:
    """The writer's protective apostrophe removed: ``'=SUM(A1)`` → ``=SUM(A1)``; other text as is."""
    if value[:1] == "'" and value[1:2] in _PREFIX_CHARS:
        return value[1:]
    return value


def formula_message(text: str) -> str:
    """The one message for a formula where a value belongs."""
    return _("a formula (%(formula)s) is not accepted; paste it as values") % {"formula": text[:40]}


def rounded_message() -> str:
    return _("a number longer than 15 digits was rounded by the spreadsheet; format the column as text "
             "and type it again")


# --- Reading ------------------------------------------------------------------------------------


def read_table(data: bytes, filename: str = "", *, header_row: int | None = None) -> Table:
    """CSV (UTF-8 with or without BOM, else Windows-1252; comma or semicolon) or XLSX (first
    sheet). ``header_row`` (1-based) names the header line; by default the first non-empty row.
    Raises ``TableError`` with a message for the user."""
    if len(data) > MAX_FILE_BYTES:
        raise TableError(_("The file is larger than %(mb)s MB.") % {"mb": MAX_FILE_BYTES // (1024 * 1024)})
    table = Table(headers=[], rows=[])
    if _is_xlsx(data, filename):
        rows = _read_xlsx(data, table)
    elif _is_text(data, filename):
        rows = _read_csv(data)
    else:
        raise TableError(_("Upload a CSV or XLSX file."))
    _split_header(table, rows, header_row)
    if not table.rows:
        raise TableError(_("The file has a header but no rows."))
    return table


def head(data: bytes, filename: str = "", *, limit: int = 12) -> list[tuple[int, list[str]]]:
    """The first ``limit`` lines of a file as (line number, cells), blank lines included, for a
    person choosing the header row. ``TableError`` as ``read_table``."""
    if _is_xlsx(data, filename):
        rows = _read_xlsx(data, Table(headers=[], rows=[]), max_row=limit)
    elif _is_text(data, filename):
        rows = _read_csv(data)
    else:
        raise TableError(_("Upload a CSV or XLSX file."))
    return list(islice(enumerate(rows, start=1), limit))


def _is_xlsx(data: bytes, filename: str) -> bool:
    return data[:4] == b"PK\x03\x04" or data[:4] == OLE_MAGIC or filename.lower().endswith(".xlsx")


def _is_text(data: bytes, filename: str) -> bool:
    return filename.lower().endswith(".csv") or not filename or b"\x00" not in data[:1024]


def _split_header(table: Table, rows: Iterable[list[str]], header_row: int | None) -> None:
    numbered = enumerate(rows, start=1)
    for line, cells in numbered:
        if (header_row is None and any(c.strip() for c in cells)) or line == header_row:
            break
    else:
        raise TableError(_("The file is empty.") if header_row is None else
                         _("The file has no row %(row)s.") % {"row": header_row})
    if not any(c.strip() for c in cells):
        raise TableError(_("Row %(row)s of the file is empty: it cannot name the columns.") % {"row": line})
    table.titles = [c.strip() for c in cells]
    table.headers = unique_keys(table.titles)
    table.header_line = line
    table.rows = [(n, cells) for n, cells in numbered if any(cells)]
    table.formulas = {n: cols for n, cols in table.formulas.items() if n > line}
    table.rounded = {n: cols for n, cols in table.rounded.items() if n > line}


def _read_csv(data: bytes) -> list[list[str]]:
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        text = data.decode("cp1252", errors="replace")
    first = text.split("\n", 1)[0]
    delimiter = ";" if first.count(";") > first.count(",") else ","
    try:
        return [
            [unquote(c.strip()) if c[:1] == "'" else c.strip() for c in row]
            for row in csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
        ]
    except csv.Error as exc:
        raise TableError(_("The CSV file cannot be read: it is damaged or not a text file (%(detail)s).")
                         % {"detail": exc}) from exc


def _xlsx_open_error(data: bytes, exc: Exception) -> TableError:
    """A library's error on opening a workbook, as a sentence in the user's language."""
    import zipfile  # deferred: only a broken upload gets here

    from openpyxl.utils.exceptions import InvalidFileException  # deferred: openpyxl is heavy

    if data[:4] == OLE_MAGIC:
        return TableError(_("This is an old Excel file (.xls) or a password-protected workbook. Open it in "
                            "Excel or LibreOffice and save it as .xlsx without a password."))
    if isinstance(exc, zipfile.BadZipFile):
        return TableError(_("The file is not a valid XLSX workbook (it may be damaged, cut short or another "
                            "format). Save it again as .xlsx and upload it again."))
    if isinstance(exc, (KeyError, InvalidFileException)):
        return TableError(_("The file is a ZIP archive but not an Excel workbook (for example an .ods or "
                            ".docx file). Save it as .xlsx and upload it again."))
    return _damaged(exc)


def _damaged(exc: Exception) -> TableError:
    return TableError(_("The spreadsheet cannot be read: its contents are damaged. Save it again as .xlsx "
                        "and upload it again. (Technical detail: %(detail)s)") % {"detail": str(exc)[:200]})


def _read_xlsx(data: bytes, table: Table, *, max_row: int | None = None) -> list[list[str]]:
    from openpyxl import load_workbook  # deferred: openpyxl is heavy and only XLSX uploads need it

    try:
        workbook = load_workbook(io.BytesIO(data), read_only=True, data_only=False)
    except Exception as exc:  # openpyxl raises many kinds for a broken file  # noqa: BLE001
        raise _xlsx_open_error(data, exc) from exc
    try:
        if not workbook.worksheets:
            raise TableError(_("The workbook has no worksheet."))
        return _xlsx_rows(workbook.worksheets[0], table, max_row)
    except TableError:
        raise
    except Exception as exc:  # a damaged sheet fails while it is read  # noqa: BLE001
        raise _damaged(exc) from exc
    finally:
        workbook.close()


def _xlsx_rows(sheet, table: Table, max_row: int | None) -> list[list[str]]:
    """Every row as text; formula cells and rounded numbers recorded by line (the sheet's row
    number). Cells, not bare values, because only a cell tells a formula from text that
    happens to start with ``=``."""
    rows = []
    for line, row in enumerate(sheet.iter_rows(max_row=max_row), start=1):
        cells = []
        for i, cell in enumerate(row):
            value = cell.value
            if value is None:
                cells.append("")
                continue
            kind = cell.data_type
            if kind == "f":
                table.formulas.setdefault(line, []).append(i)
                value = str(value)
            elif kind == "n" and isinstance(value, float) and abs(value) >= 10**EXACT_DIGITS:
                table.rounded.setdefault(line, []).append(i)
            elif kind == "s" and value[:1] == "'":
                value = unquote(value)
            cells.append(cell_text(value))
        rows.append(cells)
    return rows


# --- Writing ------------------------------------------------------------------------------------


def neutralise(value):
    """A cell a spreadsheet would run as a formula (``=``, ``+``, ``-``, ``@``, tab, carriage
    return) gets a leading single quote. Numbers stay numbers (a negative number is data)."""
    if isinstance(value, str) and value[:1] in _PREFIX_CHARS:
        return "'" + value
    return value


def neutral_row(row) -> list:
    """``neutralise`` over a row, inlined: the writers call it 100,000 times for a city."""
    return [("'" + v) if (v.__class__ is str and v[:1] in _PREFIX_CHARS) else v for v in row]


class _Echo:
    def write(self, value):
        return value


def write_csv(headers, rows, *, chunk_rows: int = CSV_CHUNK_ROWS) -> Iterator[str]:
    """CSV text (UTF-8 BOM first so Excel reads the accents), every cell neutralised, in pieces
    of ``chunk_rows`` rows: a streaming response sends a few hundred pieces, not 100,000."""
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    buffer.write("\ufeff")
    writer.writerow(neutral_row(headers))
    rows = iter(rows)
    while True:
        chunk = list(islice(rows, chunk_rows))
        if chunk:
            writer.writerows(map(neutral_row, chunk))
        text = buffer.getvalue()
        if text:
            yield text
        if not chunk:
            return
        buffer.seek(0)
        buffer.truncate()


def write_xlsx_file(headers, rows, fileobj, *, title: str = "data") -> int:
    """An XLSX workbook of one sheet written to ``fileobj`` through openpyxl's write-only mode
    (rows go to disk as they come: memory stays flat), every cell neutralised. Returns the
    number of rows written."""
    from openpyxl import Workbook  # deferred: openpyxl is heavy and only XLSX downloads need it

    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(title=title[:31] or "data")
    sheet.append(neutral_row(headers))
    count = 0
    append = sheet.append
    for row in rows:
        append(neutral_row(row))
        count += 1
    workbook.save(fileobj)
    return count


def write_xlsx(headers, rows, *, title: str = "data") -> bytes:
    """``write_xlsx_file`` into bytes, for small files."""
    out = io.BytesIO()
    write_xlsx_file(headers, rows, out, title=title)
    return out.getvalue()


def xlsx_temporary_file(headers, rows, *, title: str = "data"):
    """``write_xlsx_file`` into a temporary file (deleted when closed), rewound for reading."""
    fh = tempfile.TemporaryFile()  # noqa: SIM115 - handed to the caller, who closes it
    write_xlsx_file(headers, rows, fh, title=title)
    fh.seek(0)
    return fh
