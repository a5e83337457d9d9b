"""The file formats: which columns a file of each kind may have, and how to find them.

Column names may be English or Indonesian; case, spaces and dashes do not matter (the kernel's
``header_key`` lowers them before they reach here). The export column lists are the files the
portal writes, in order; each is also what the import of the same kind reads, so an exported
file can be edited and imported back.
"""

from __future__ import annotations

from collections.abc import Iterable

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from portal.core.tables import Table, TableError

KIND_EMPLOYEES = "employees"
KIND_INDICATORS = "indicators"
KIND_SCORES = "scores"
KINDS = (KIND_EMPLOYEES, KIND_INDICATORS, KIND_SCORES)

# Column names a file may use → the field.
SCORE_HEADERS = {
    "nip": "nip", "ni_pppk": "nip",
    "indicator": "indicator", "indikator": "indicator", "indicator_code": "indicator", "kode_indikator": "indicator",
    "period": "period", "periode": "period",
    "self_score": "self_score", "nilai_diri": "self_score", "skor_diri": "self_score",
    "supervisor_score": "supervisor_score", "nilai_atasan": "supervisor_score", "skor_atasan": "supervisor_score",
    "scale": "scale", "skala": "scale",
}
EMPLOYEE_HEADERS = {
    "nip": "nip", "employee_type": "employee_type", "jenis_pegawai": "employee_type",
    "name": "name", "nama": "name", "front_title": "front_title", "gelar_depan": "front_title",
    "back_title": "back_title", "gelar_belakang": "back_title", "position_name": "position_name",
    "jabatan": "position_name", "position_kind": "position_kind", "jenis_jabatan": "position_kind",
    "functional_level": "functional_level", "jenjang": "functional_level", "rank": "rank", "golongan": "rank",
    "unit": "unit", "unit_kerja": "unit", "supervisor": "supervisor", "atasan": "supervisor",
    "nip_atasan": "supervisor", "email": "email", "surel": "email", "phone": "phone", "telepon": "phone",
}
INDICATOR_HEADERS = {
    "code": "code", "kode": "code", "name": "name", "nama": "name", "kind": "kind", "jenis": "kind",
    "description": "description", "deskripsi": "description", "parent": "parent", "induk": "parent",
    "expected_level": "expected_level", "level_harapan": "expected_level", "audience": "audience",
    "sasaran": "audience", "sort_order": "sort_order", "urutan": "sort_order", "is_active": "is_active",
    "aktif": "is_active",
}

# The columns exports write, in order.
EMPLOYEE_COLUMNS = ["nip", "employee_type", "name", "front_title", "back_title", "position_name", "position_kind",
                    "functional_level", "rank", "unit", "supervisor", "email", "phone"]
INDICATOR_COLUMNS = ["code", "name", "kind", "description", "parent", "expected_level", "audience", "sort_order",
                     "is_active"]
SCORE_COLUMNS = ["nip", "name", "unit", "indicator", "indicator_name", "period", "expected_level", "self_score",
                 "supervisor_score"]
# What a score file needs and may have (the export's extra columns are ignored on import).
SCORE_IMPORT_COLUMNS = ["nip", "indicator", "period", "self_score", "supervisor_score", "scale"]

# Per kind: the column names it understands, the fields a file (or a column mapping) may give,
# and the fields it cannot do without.
ALIASES = {KIND_SCORES: SCORE_HEADERS, KIND_EMPLOYEES: EMPLOYEE_HEADERS, KIND_INDICATORS: INDICATOR_HEADERS}
FIELDS = {KIND_SCORES: SCORE_IMPORT_COLUMNS, KIND_EMPLOYEES: EMPLOYEE_COLUMNS, KIND_INDICATORS: INDICATOR_COLUMNS}
REQUIRED = {
    KIND_SCORES: ["nip", "indicator", "period"],
    KIND_EMPLOYEES: ["nip", "name", "position_name", "position_kind", "unit"],
    KIND_INDICATORS: ["code", "name", "kind"],
}
FIELD_LABELS = {
    "nip": gettext_lazy("NIP"), "indicator": gettext_lazy("Indicator code"), "period": gettext_lazy("Period"),
    "self_score": gettext_lazy("Self score"), "supervisor_score": gettext_lazy("Supervisor score"),
    "scale": gettext_lazy("Scale (5 or 100)"), "employee_type": gettext_lazy("Employee type (PNS/PPPK)"),
    "name": gettext_lazy("Name"), "front_title": gettext_lazy("Front title"), "back_title": gettext_lazy("Back title"),
    "position_name": gettext_lazy("Position"), "position_kind": gettext_lazy("Position kind"),
    "functional_level": gettext_lazy("Functional level"), "rank": gettext_lazy("Rank"),
    "unit": gettext_lazy("Unit code"), "supervisor": gettext_lazy("Supervisor NIP"), "email": gettext_lazy("E-mail"),
    "phone": gettext_lazy("Phone"), "code": gettext_lazy("Code"), "kind": gettext_lazy("Kind"),
    "description": gettext_lazy("Description"), "parent": gettext_lazy("Parent code"),
    "expected_level": gettext_lazy("Expected level"), "audience": gettext_lazy("Audience"),
    "sort_order": gettext_lazy("Sort order"), "is_active": gettext_lazy("Active"),
}


class MissingColumns(TableError):
    """The file lacks a column the kind needs: a column mapping may name it."""


def column_title(table: Table, index: int) -> str:
    """A column as the user wrote it, for messages."""
    title = table.titles[index] if index < len(table.titles) else ""
    return title or (table.headers[index] if index < len(table.headers) else str(index + 1))


def column_index(table: Table, aliases: dict[str, str], required: Iterable[str]) -> dict[str, int]:
    """Field → column index (the first column naming it); ``TableError`` naming the missing columns."""
    index: dict[str, int] = {}
    for i, header in enumerate(table.headers):
        name = aliases.get(header)
        if name and name not in index:
            index[name] = i
    missing = [name for name in required if name not in index]
    if missing:
        raise MissingColumns(
            _("Missing column(s): %(columns)s. The first row must name the columns.") % {"columns": ", ".join(missing)}
        )
    return index


def getter(index: dict[str, int]):
    """``get(cells, field)``: the stripped cell of a field, "" when the column or cell is absent."""

    def get(cells: list[str], name: str) -> str:
        i = index.get(name)
        return cells[i].strip() if i is not None and i < len(cells) else ""

    return get
