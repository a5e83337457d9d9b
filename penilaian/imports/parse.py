"""Step 1 of an import: cells → typed rows, one per spreadsheet line, without a query.

Each kind has its row type. A cell that is not a valid value becomes ``None`` (its text is kept
for the message); the checks that need the database come in ``plan``. Score cells are read
through ``scales`` here, and their messages (and empty keys) are recorded at once: for a score
row they come before any check against the register. A score row with both score cells empty
is no error: it changes nothing (an empty cell keeps the stored score), which is what the
export writes for an indicator nobody has scored yet.
"""

from __future__ import annotations

import sys
from dataclasses import dataclass

from django.utils.translation import gettext as _

from penilaian import nip as nip_rules
from penilaian.models import Audience, EmployeeType, FunctionalLevel, IndicatorKind, PositionKind
from portal.core.tables import Table

from .columns import EMPLOYEE_HEADERS, INDICATOR_HEADERS, SCORE_HEADERS, MissingColumns, column_index, getter
from .result import LineErrors
from .scales import row_scale, score_value

NO_COLUMN = sys.maxsize

# --- Scores ---------------------------------------------------------------------------------------


# (line, NIP normalised or "", indicator code in lower case, period code in upper case, self score,
# supervisor score), each score 1–5 or None (empty or not a score). A plain tuple, not a named
# one: a city's file has 100,000 of them and a tuple costs a fraction of a named tuple to make.
ScoreLine = tuple[int, str, str, str, int | None, int | None]


def scores(table: Table, *, scale: int, errors: LineErrors) -> list[ScoreLine]:
    """Every row of a score file; ``TableError`` when a key column is missing."""
    cols = column_index(table, SCORE_HEADERS, ["nip", "indicator", "period"])
    if "self_score" not in cols and "supervisor_score" not in cols:
        raise MissingColumns(_("The file needs a self_score or a supervisor_score column (or both)."))
    i_nip, i_ind, i_per = cols["nip"], cols["indicator"], cols["period"]
    # An optional column missing from the file reads as an empty cell (an index past any row).
    i_self, i_sup, i_scale = (cols.get(name, NO_COLUMN) for name in ("self_score", "supervisor_score", "scale"))
    # A file repeats each NIP once per indicator and holds a handful of distinct score cells:
    # normalise and convert each distinct value once (this loop runs 100,000 times for a city).
    normalised: dict[str, str] = {}
    converted: dict[tuple[str, str, str], tuple[int | None, int | None, tuple[str, ...]]] = {}
    lines = []
    for line, cells in table.rows:
        n = len(cells)
        raw_nip = cells[i_nip] if i_nip < n else ""
        nip = normalised.get(raw_nip)
        if nip is None:
            nip = normalised[raw_nip] = nip_rules.normalise(raw_nip)
        code = cells[i_ind].strip().lower() if i_ind < n else ""
        period = cells[i_per].strip().upper() if i_per < n else ""
        raw = (cells[i_scale] if i_scale < n else "", cells[i_self] if i_self < n else "", cells[i_sup] if i_sup < n else "")
        found = converted.get(raw)
        if found is None:
            found = converted[raw] = score_cells(*raw, default_scale=scale)
        self_score, supervisor_score, messages = found
        for message in messages:
            errors.add(line, message)
        if not nip:
            errors.add(line, _("NIP is empty."))
        if not code:
            errors.add(line, _("Indicator code is empty."))
        if not period:
            errors.add(line, _("Period is empty."))
        lines.append((line, nip, code, period, self_score, supervisor_score))
    return lines


def score_cells(raw_scale: str, raw_self: str, raw_supervisor: str, *, default_scale: int):
    """(self score, supervisor score, messages) of a row's three score cells, each score read on
    the row's own scale (``default_scale`` when its scale cell is empty)."""
    try:
        scale = row_scale(raw_scale, default_scale)
    except ValueError as exc:
        return None, None, (str(exc),)
    messages = []
    self_score = supervisor_score = None
    try:
        self_score = score_value(raw_self, scale)
    except ValueError as exc:
        messages.append(_("Self score: %(error)s") % {"error": exc})
    try:
        supervisor_score = score_value(raw_supervisor, scale)
    except ValueError as exc:
        messages.append(_("Supervisor score: %(error)s") % {"error": exc})
    return self_score, supervisor_score, tuple(messages)


# --- Employees ------------------------------------------------------------------------------------


def choice(value: str, choices) -> str | None:
    """Accept a choice's value or its label, case-insensitively; '' for an empty cell, None for
    anything else."""
    value = (value or "").strip()
    if not value:
        return ""
    low = value.lower().replace(" ", "_")
    for key, label in choices:
        if low == key.lower() or value.lower() == str(label).lower():
            return key
    return None


@dataclass(slots=True)
class EmployeeLine:
    line: int
    nip: str  # normalised
    supervisor: str  # normalised NIP; "" when none
    unit: str  # the unit code as written
    employee_type: str | None  # a choice: "" when empty, None when not a choice
    position_kind: str | None
    position_kind_text: str
    functional_level: str | None
    functional_level_text: str
    name: str
    position_name: str
    rank: str
    front_title: str
    back_title: str
    email: str  # lower case
    phone: str


def employees(table: Table) -> list[EmployeeLine]:
    """Every row of an employee file; ``TableError`` when a required column is missing."""
    get = getter(column_index(table, EMPLOYEE_HEADERS, ["nip", "name", "position_name", "position_kind", "unit"]))
    return [
        EmployeeLine(
            line=line, nip=nip_rules.normalise(get(cells, "nip")), supervisor=nip_rules.normalise(get(cells, "supervisor")),
            unit=get(cells, "unit"), employee_type=choice(get(cells, "employee_type"), EmployeeType.choices),
            position_kind=choice(get(cells, "position_kind"), PositionKind.choices),
            position_kind_text=get(cells, "position_kind"),
            functional_level=choice(get(cells, "functional_level"), FunctionalLevel.choices),
            functional_level_text=get(cells, "functional_level"), name=get(cells, "name"),
            position_name=get(cells, "position_name"), rank=get(cells, "rank"), front_title=get(cells, "front_title"),
            back_title=get(cells, "back_title"), email=get(cells, "email").lower(), phone=get(cells, "phone"),
        )
        for line, cells in table.rows
    ]


# --- Indicators -----------------------------------------------------------------------------------


def _bool(value: str) -> bool | None:
    low = (value or "").strip().lower()
    if low in ("", "1", "true", "ya", "yes", "y", "aktif"):
        return True
    if low in ("0", "false", "tidak", "no", "n", "nonaktif"):
        return False
    return None


def _whole(raw: str, default: int) -> int | None:
    """A whole-number cell; ``default`` when empty, None when not a whole number."""
    try:
        return int(raw) if raw else default
    except ValueError:
        return None


@dataclass(slots=True)
class IndicatorLine:
    line: int
    code: str  # lower case
    name: str
    kind: str | None  # a choice: "" when empty, None when not a choice
    kind_text: str
    description: str
    parent: str  # the parent's code, lower case; "" when none
    expected_level: int | None  # None when not a whole number
    expected_level_text: str
    audience: str | None
    audience_text: str
    sort_order: int | None
    sort_order_text: str
    is_active: bool | None  # None when not a yes/no value


def indicators(table: Table) -> list[IndicatorLine]:
    """Every row of an indicator file; ``TableError`` when a required column is missing."""
    get = getter(column_index(table, INDICATOR_HEADERS, ["code", "name", "kind"]))
    return [
        IndicatorLine(
            line=line, code=get(cells, "code").lower(), name=get(cells, "name"),
            kind=choice(get(cells, "kind"), IndicatorKind.choices), kind_text=get(cells, "kind"),
            description=get(cells, "description"), parent=get(cells, "parent").lower(),
            expected_level=_whole(get(cells, "expected_level"), 3), expected_level_text=get(cells, "expected_level"),
            audience=choice(get(cells, "audience"), Audience.choices), audience_text=get(cells, "audience"),
            sort_order=_whole(get(cells, "sort_order"), 0), sort_order_text=get(cells, "sort_order"),
            is_active=_bool(get(cells, "is_active")),
        )
        for line, cells in table.rows
    ]
