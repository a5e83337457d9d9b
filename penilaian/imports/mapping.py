"""Column mappings: reading a file whose columns are not the portal's own.

The national e-Kinerja's recap sheets and other agencies' spreadsheets put a title above the
header, name their columns their own way ("NIP Pegawai", "Kode Indikator", "Nilai Atasan") and
carry extra columns. A ``Mapping`` says which row names the columns (``header_row``; None: the
first non-empty row, as for the portal's own files) and which column holds each field; for
scores the period may instead be one period for the whole file (a recap sheet names it in its
title). ``read_mapped`` reads the file through a mapping into the ``Table`` the pipeline knows:
the mapped columns get the fields' own names, every other column is ignored, and line numbers
stay the spreadsheet's. BKPSDM saves a mapping as a named ``ImportProfile``.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.utils.translation import gettext as _

from portal.core.tables import Table, TableError, column_letter, read_table

from .columns import ALIASES, FIELD_LABELS, FIELDS, KIND_SCORES, REQUIRED, column_index, column_title

IGNORED = ""  # the header a column gets when no field is mapped to it


@dataclass
class Mapping:
    header_row: int | None = None
    columns: dict[str, str] = field(default_factory=dict)  # field → header key of the file
    period: str = ""  # scores: one period code for the whole file, when no column holds it

    def as_json(self) -> dict:
        return {"header_row": self.header_row, "columns": dict(self.columns), "period": self.period}

    @classmethod
    def from_json(cls, data: dict | None) -> Mapping | None:
        if not data:
            return None
        return cls(header_row=data.get("header_row"), columns=dict(data.get("columns") or {}),
                   period=data.get("period") or "")

    @classmethod
    def from_profile(cls, profile, *, period: str = "") -> Mapping:
        return cls(header_row=profile.header_row, columns=dict(profile.columns), period=period)


def read_mapped(data: bytes, filename: str, kind: str, mapping: Mapping | None) -> Table:
    """The file as the pipeline reads it: without a mapping, as it is; with one, through it.
    ``TableError`` when the file cannot be read or a mapped column is not in it."""
    if mapping is None:
        return read_table(data, filename)
    return apply(read_table(data, filename, header_row=mapping.header_row), kind, mapping)


def apply(table: Table, kind: str, mapping: Mapping) -> Table:
    """``table`` with each mapped column renamed to its field and every other column ignored
    (a row with nothing in the mapped columns is dropped); a fixed period becomes a column of
    its own."""
    wanted = {header: name for name, header in mapping.columns.items() if header}
    missing = [h for h in wanted if h not in table.headers]
    if missing:
        raise TableError(_("The mapping names columns this file does not have: %(columns)s. Check the header "
                           "row or choose the columns again.") % {"columns": ", ".join(missing)})
    headers = [wanted.get(h, IGNORED) for h in table.headers]
    titles = list(table.titles)
    # A row with nothing in the mapped columns is no data (a signature block under a recap).
    read = [i for i, h in enumerate(headers) if h]
    rows = [(line, cells) for line, cells in table.rows if any(i < len(cells) and cells[i] for i in read)]
    if kind == KIND_SCORES and mapping.period and "period" not in mapping.columns:
        headers.append("period")
        titles.append(_("Period"))
        period = mapping.period
        rows = [(line, [*cells, *[""] * (len(table.headers) - len(cells)), period]) for line, cells in rows]
    if not rows:
        raise TableError(_("The mapped columns are empty in every row."))
    return Table(headers=headers, rows=rows, titles=titles, header_line=table.header_line,
                 formulas=table.formulas, rounded=table.rounded)


def guess(table: Table, kind: str) -> dict[str, str]:
    """The columns a file's own names already give away (the portal's names, English or
    Indonesian): a starting point for the person mapping the rest."""
    index = column_index(table, ALIASES[kind], [])
    return {name: table.headers[i] for name, i in index.items()}


def column_choices(table: Table) -> list[tuple[str, str]]:
    """(header key, "C: title") for every named column, for a select."""
    return [(key, f"{column_letter(i)}: {column_title(table, i)}")
            for i, key in enumerate(table.headers) if key]


def missing_fields(kind: str, columns: dict[str, str], *, period: str = "") -> list[str]:
    """The required fields a mapping leaves out (a fixed period stands in for the column)."""
    return [name for name in REQUIRED[kind]
            if not columns.get(name) and not (name == "period" and kind == KIND_SCORES and period)]


def described(table: Table, kind: str, sample: int = 5) -> tuple[list[tuple[str, str]], list[list[str]]]:
    """What a preview shows of the columns: (field label, the file's column) for each field read,
    and the first rows as read, field by field."""
    index = column_index(table, ALIASES[kind], [])
    fields = [name for name in FIELDS[kind] if name in index]
    columns = [(str(FIELD_LABELS[name]), _column_label(table, index[name])) for name in fields]
    rows = []
    for _line, cells in table.rows[:sample]:
        rows.append([cells[index[name]] if index[name] < len(cells) else "" for name in fields])
    return columns, rows


def _column_label(table: Table, i: int) -> str:
    if i >= len(table.titles):  # a column the mapping added (one period for the whole file)
        return _("(one value for the whole file)")
    return f"{column_letter(i)}: {column_title(table, i)}"
