"""The one fast path for imports (employees, indicators, scores) and the table writer for exports.

Every import works the same way, whatever the caller (the HR page, the Django admin through
``penilaian.resources``, ``manage.py import_scores``):

1. ``read_table`` turns the uploaded bytes (CSV or XLSX) into a header and rows, each row with
   its spreadsheet line number (the header is line 1).
2. ``run_import`` resolves every key of the file once (NIPs, indicator codes, period codes,
   existing appraisals and scores: a fixed number of queries, never one per row), checks every
   row and collects *every* error with its line number, in the active language.
3. Dry run (the preview) stops there. Otherwise, only when the whole file is valid, it writes
   inside one transaction, in bulk, and only what changes: importing the same file twice
   writes nothing the second time and reports 0 changed. One audit record per import.

Scores on the old 0–100 scale (PP 46/2011): see ``score_value`` — the rule lives there, once.
"""

from __future__ import annotations

import io
from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation

from django.core.exceptions import ValidationError
from django.db import connection, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from portal.core.audit import record
from portal.core.tables import (  # noqa: F401
    MAX_FILE_BYTES,
    Table,
    _cell,  # noqa: F401
    neutralise,
    read_table,
    write_csv,
    write_xlsx,
)
from portal.core.tables import TableError as ImportFileError

from . import nip as nip_rules
from . import rules, selectors
from .exceptions import RegisterError
from .models import (
    Appraisal,
    AppraisalPeriod,
    AppraisalStatus,
    Audience,
    Employee,
    EmployeeType,
    FunctionalLevel,
    Indicator,
    IndicatorKind,
    PeriodStatus,
    PositionKind,
    Score,
    Unit,
)

SCALE_5 = 5
SCALE_100 = 100
SCALES = (SCALE_5, SCALE_100)

KIND_EMPLOYEES = "employees"
KIND_INDICATORS = "indicators"
KIND_SCORES = "scores"
KINDS = (KIND_EMPLOYEES, KIND_INDICATORS, KIND_SCORES)

STATUS_ORDER = [AppraisalStatus.DRAFT, AppraisalStatus.SELF_SUBMITTED, AppraisalStatus.ASSESSED, AppraisalStatus.FINALISED]

# Column names a file may use, English or Indonesian, case and spaces ignored → the field.
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
# The columns exports write, in order; each is also what the import of the same kind reads.
EMPLOYEE_COLUMNS = ["nip", "employee_type", "name", "front_title", "back_title", "position_name", "position_kind",
                    "functional_level", "rank", "unit", "supervisor", "email", "phone"]
INDICATOR_COLUMNS = ["code", "name", "kind", "description", "parent", "expected_level", "audience", "sort_order",
                     "is_active"]
SCORE_COLUMNS = ["nip", "name", "unit", "indicator", "indicator_name", "period", "expected_level", "self_score",
                 "supervisor_score"]


@dataclass
class RowError:
    line: int
    messages: list[str]

    @property
    def message(self) -> str:
        return "; ".join(self.messages)


@dataclass
class ImportResult:
    kind: str
    dry_run: bool
    rows: int = 0
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    appraisals_created: int = 0
    appraisals_updated: int = 0
    errors: list[RowError] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.errors

    @property
    def changed(self) -> int:
        return self.created + self.updated + self.appraisals_created + self.appraisals_updated

    def counts(self) -> dict:
        return {
            "rows": self.rows, "created": self.created, "updated": self.updated, "unchanged": self.unchanged,
            "appraisals_created": self.appraisals_created, "appraisals_updated": self.appraisals_updated,
            "errors": len(self.errors),
        }


class _Errors:
    """Collects messages per line, keeping file order."""

    def __init__(self):
        self.by_line: dict[int, list[str]] = {}

    def add(self, line: int, message: str) -> None:
        self.by_line.setdefault(line, []).append(message)

    def __contains__(self, line: int) -> bool:
        return line in self.by_line

    def as_list(self) -> list[RowError]:
        return [RowError(line, messages) for line, messages in sorted(self.by_line.items())]


def _columns(table: Table, aliases: dict[str, str], required: Iterable[str]) -> dict[str, int]:
    """Field → column index; ``ImportFileError`` naming the missing columns."""
    index: dict[str, int] = {}
    for i, header in enumerate(table.headers):
        name = aliases.get(header)
        if name and name not in index:
            index[name] = i
    missing = [name for name in required if name not in index]
    if missing:
        raise ImportFileError(
            _("Missing column(s): %(columns)s. The first row must name the columns.") % {"columns": ", ".join(missing)}
        )
    return index


def _getter(index: dict[str, int]):
    def get(cells: list[str], name: str) -> str:
        i = index.get(name)
        return cells[i].strip() if i is not None and i < len(cells) else ""

    return get


def _chunks(values: list, size: int | None = None):
    size = size or (500 if connection.vendor == "sqlite" else 20000)
    for start in range(0, len(values), size):
        yield values[start:start + size]


# --- The old scale: one rule, here -------------------------------------------------------------


def score_value(raw: str, scale: int) -> int | None:
    """A score cell → 1–5, or None when empty (empty leaves the stored score as it is).

    The rule for older scales: a file says which scale a row uses, in a ``scale`` (``skala``)
    column — ``5`` (the default, also when the column is absent or the cell is empty) or ``100``
    — or for the whole file (``--scale 100`` / the upload form's scale choice). On scale 5 a
    score is a whole number 1–5. On scale 100 it is a number 0–100 (decimals with a dot or a
    comma) converted by the PP 46/2011 bands in ``rules.convert_legacy_score`` (91+ → 5,
    76–90 → 4, 61–75 → 3, 51–60 → 2, ≤50 → 1). The scale is never guessed from the values:
    a 4 on scale 100 (Buruk) and a 4 on scale 5 (above expectation) mean opposite things.
    Raises ``ValueError`` with the user's message.
    """
    raw = (raw or "").strip()
    if not raw:
        return None
    try:
        number = Decimal(raw.replace(",", "."))
    except InvalidOperation:
        raise ValueError(_("“%(value)s” is not a number.") % {"value": raw[:40]}) from None
    if not number.is_finite():
        raise ValueError(_("“%(value)s” is not a number.") % {"value": raw[:40]})
    if scale == SCALE_100:
        if number < 0 or number > 100:
            raise ValueError(_("%(value)s is outside the 0–100 scale.") % {"value": raw})
        return rules.convert_legacy_score(number)
    if number != number.to_integral_value() or number < 1 or number > 5:
        if 5 < number <= 100:
            raise ValueError(
                _("%(value)s is outside 1–5; for the old 0–100 scale put 100 in the scale column.") % {"value": raw}
            )
        raise ValueError(_("%(value)s is not a whole number from 1 to 5.") % {"value": raw})
    return int(number)


def row_scale(raw: str, default: int) -> int:
    raw = (raw or "").strip()
    if not raw:
        return default
    if raw in ("5", "100"):
        return int(raw)
    raise ValueError(_("Scale “%(value)s” must be 5 or 100.") % {"value": raw[:20]})


# --- Entry point --------------------------------------------------------------------------------


def run_import(kind: str, table: Table, *, dry_run: bool, actor=None, scale: int = SCALE_5) -> ImportResult:
    """Check (and unless ``dry_run``, write) a whole file; all or nothing. ``ImportFileError``
    when the file as a whole is unusable."""
    if kind not in KINDS:
        raise ValueError(kind)
    if scale not in SCALES:
        raise ValueError(scale)
    if dry_run:
        return _dispatch(kind, table, dry_run=True, actor=actor, scale=scale)
    with transaction.atomic():
        return _dispatch(kind, table, dry_run=False, actor=actor, scale=scale)


def _dispatch(kind, table, *, dry_run, actor, scale):
    if kind == KIND_SCORES:
        return _import_scores(table, dry_run=dry_run, actor=actor, scale=scale)
    if kind == KIND_EMPLOYEES:
        return _import_employees(table, dry_run=dry_run, actor=actor)
    return _import_indicators(table, dry_run=dry_run, actor=actor)


# --- Scores ---------------------------------------------------------------------------------------


def _import_scores(table: Table, *, dry_run: bool, actor, scale: int) -> ImportResult:
    cols = _columns(table, SCORE_HEADERS, ["nip", "indicator", "period"])
    if "self_score" not in cols and "supervisor_score" not in cols:
        raise ImportFileError(_("The file needs a self_score or a supervisor_score column (or both)."))
    result = ImportResult(kind=KIND_SCORES, dry_run=dry_run, rows=len(table.rows))
    errors = _Errors()

    # 1. Parse every row (no queries).
    parsed = []  # (line, nip, indicator code, period code, self, supervisor)
    nips: set[str] = set()
    i_nip, i_ind, i_per = cols["nip"], cols["indicator"], cols["period"]
    i_self, i_sup, i_scale = cols.get("self_score"), cols.get("supervisor_score"), cols.get("scale")
    normalised: dict[str, str] = {}  # a file repeats each NIP once per indicator: normalise it once
    for line, cells in table.rows:
        n = len(cells)
        raw_nip = cells[i_nip] if i_nip < n else ""
        nip = normalised.get(raw_nip)
        if nip is None:
            nip = normalised[raw_nip] = nip_rules.normalise(raw_nip)
        code = cells[i_ind].strip().lower() if i_ind < n else ""
        period = cells[i_per].strip().upper() if i_per < n else ""
        try:
            row_sc = row_scale(cells[i_scale] if i_scale is not None and i_scale < n else "", scale)
        except ValueError as exc:
            errors.add(line, str(exc))
            row_sc = None
        self_score = sup_score = None
        if row_sc is not None:
            try:
                self_score = score_value(cells[i_self] if i_self is not None and i_self < n else "", row_sc)
            except ValueError as exc:
                errors.add(line, _("Self score: %(error)s") % {"error": exc})
            try:
                sup_score = score_value(cells[i_sup] if i_sup is not None and i_sup < n else "", row_sc)
            except ValueError as exc:
                errors.add(line, _("Supervisor score: %(error)s") % {"error": exc})
        if not nip:
            errors.add(line, _("NIP is empty."))
        if not code:
            errors.add(line, _("Indicator code is empty."))
        if not period:
            errors.add(line, _("Period is empty."))
        if line not in errors and self_score is None and sup_score is None:
            errors.add(line, _("The row has neither a self score nor a supervisor score."))
        if nip:
            nips.add(nip)
        parsed.append((line, nip, code, period, self_score, sup_score))

    # 2. Resolve every key once.
    periods = {p.code: p for p in AppraisalPeriod.objects.all()}
    indicators = {code: (pk, kind) for code, pk, kind in Indicator.objects.values_list("code", "pk", "kind")}
    employees: dict[str, tuple] = {}
    for chunk in _chunks(sorted(nips)):
        for row in Employee.objects.filter(nip__in=chunk).values_list(
            "nip", "pk", "unit_id", "position_kind", "supervisor_id", "supervisor__supervisor_id"
        ):
            employees[row[0]] = row[1:]
    used_period_ids = {periods[p].pk for _l, _n, _c, p, _s, _u in parsed if p in periods}
    employee_ids = sorted({employees[n][0] for n in nips if n in employees})
    appraisals: dict[tuple[int, int], dict] = {}
    if used_period_ids and employee_ids:
        qs = Appraisal.objects.filter(period_id__in=used_period_ids)
        if not dry_run:
            # Lock what we are about to change: a supervisor finalising an appraisal at the same
            # moment waits for the import (PostgreSQL; a no-op on SQLite).
            qs = qs.select_for_update()
        for chunk in _chunks(employee_ids):
            for pk, employee_id, period_id, status, position_kind, suggested in qs.filter(
                employee_id__in=chunk
            ).values_list("pk", "employee_id", "period_id", "status", "position_kind", "rating_perilaku_suggested"):
                appraisals[(employee_id, period_id)] = {
                    "pk": pk, "status": status, "position_kind": position_kind, "suggested": suggested,
                }
    existing: dict[tuple[int, int], list] = {}  # (appraisal id, indicator id) → [self, sup, expected]
    appraisal_ids = sorted(a["pk"] for a in appraisals.values())
    for chunk in _chunks(appraisal_ids):
        for appraisal_id, indicator_id, s, u, e in Score.objects.filter(appraisal_id__in=chunk).values_list(
            "appraisal_id", "indicator_id", "self_score", "supervisor_score", "expected_level"
        ):
            existing[(appraisal_id, indicator_id)] = [s, u, e]
    levels = selectors.expected_levels()

    # 3. Check each row against the keys.
    seen: dict[tuple[str, str, str], int] = {}
    valid = []  # (employee tuple, period, indicator id, self, sup)
    for line, nip, code, period_code, self_score, sup_score in parsed:
        employee = employees.get(nip) if nip else None
        period = periods.get(period_code) if period_code else None
        indicator = indicators.get(code) if code else None
        if nip and employee is None:
            errors.add(line, _("NIP %(nip)s is not in the register.") % {"nip": nip})
        if code and indicator is None:
            errors.add(line, _("Unknown indicator code “%(code)s”.") % {"code": code[:60]})
        if period_code and period is None:
            errors.add(line, _("Unknown period “%(period)s” (use e.g. 2025, 2025-T2 or 2025-07).") % {"period": period_code[:20]})
        elif period is not None and period.status == PeriodStatus.CLOSED:
            errors.add(line, _("Period %(period)s is closed.") % {"period": period.code})
        if employee is not None and period is not None:
            appraisal = appraisals.get((employee[0], period.pk))
            if appraisal is not None and appraisal["status"] == AppraisalStatus.FINALISED:
                errors.add(line, _("The appraisal of %(nip)s in %(period)s is finalised.") % {"nip": nip, "period": period.code})
        if nip and code and period_code:
            key = (nip, code, period_code)
            first = seen.setdefault(key, line)
            if first != line:
                errors.add(line, _("This row repeats line %(line)s (same NIP, indicator and period).") % {"line": first})
        if line not in errors:
            valid.append((employee, period, indicator[0], self_score, sup_score))
    result.errors = errors.as_list()
    if result.errors:
        return result

    # 4. Work out what changes (still no writes).
    now = timezone.now()
    perilaku_ids = {pk for pk, kind in indicators.values() if kind == IndicatorKind.PERILAKU}
    new_appraisals: dict[tuple[int, int], dict] = {}
    score_writes: dict[tuple[tuple[int, int], int], list] = {}  # ((employee, period), indicator) → values
    for employee, period, indicator_id, self_score, sup_score in valid:
        akey = (employee[0], period.pk)
        appraisal = appraisals.get(akey)
        if appraisal is None:
            appraisal = new_appraisals.get(akey)
            if appraisal is None:
                appraisal = new_appraisals[akey] = {
                    "pk": None, "status": AppraisalStatus.DRAFT, "position_kind": employee[2], "suggested": "",
                    "employee": employee, "period": period,
                }
        old = existing.get((appraisal["pk"], indicator_id)) if appraisal["pk"] else None
        if old is None:
            expected = selectors.expected_level(levels, indicator_id, appraisal["position_kind"])
            values = [self_score, sup_score, expected]
            score_writes[(akey, indicator_id)] = values
            result.created += 1
        else:
            values = [old[0] if self_score is None else self_score, old[1] if sup_score is None else sup_score, old[2]]
            if values[:2] != old[:2]:
                score_writes[(akey, indicator_id)] = values
                result.updated += 1
            else:
                result.unchanged += 1

    # Status and the suggested perilaku rating of every appraisal the file touches, from the
    # merged scores (stored ones overlaid with the file's).
    merged: dict[tuple[int, int], dict[int, list]] = {}
    touched = {(employee[0], period.pk) for employee, period, *_rest in valid}
    by_pk = {a["pk"]: akey for akey, a in appraisals.items() if akey in touched}
    for (appraisal_id, indicator_id), values in existing.items():
        akey = by_pk.get(appraisal_id)
        if akey is not None:
            merged.setdefault(akey, {})[indicator_id] = values
    for (akey, indicator_id), values in score_writes.items():
        merged.setdefault(akey, {})[indicator_id] = values
    appraisal_updates = []
    for akey in touched:
        appraisal = appraisals.get(akey) or new_appraisals[akey]
        scores = merged.get(akey, {})
        has_self = any(v[0] is not None for v in scores.values())
        has_sup = any(v[1] is not None for v in scores.values())
        target = AppraisalStatus.ASSESSED if has_sup else AppraisalStatus.SELF_SUBMITTED if has_self else AppraisalStatus.DRAFT
        status = max(appraisal["status"], target, key=STATUS_ORDER.index)  # never downgrade
        suggested = rules.suggest_perilaku(
            [(v[1], v[2]) for ind, v in scores.items() if ind in perilaku_ids]
        ) or ""
        appraisal["new_status"], appraisal["new_suggested"] = status, suggested
        if appraisal["pk"] is None:
            result.appraisals_created += 1
        elif status != appraisal["status"] or suggested != appraisal["suggested"]:
            appraisal_updates.append(appraisal)
            result.appraisals_updated += 1

    if dry_run:
        return result

    # 5. Write in bulk.
    if new_appraisals:
        objs = []
        for a in new_appraisals.values():
            employee, period = a["employee"], a["period"]
            status = a["new_status"]
            objs.append(Appraisal(
                employee_id=employee[0], period_id=period.pk, unit_id=employee[1], position_kind=employee[2],
                assessor_id=employee[3], approver_id=employee[4], status=status,
                rating_perilaku_suggested=a["new_suggested"],
                self_submitted_at=now if STATUS_ORDER.index(status) >= 1 else None,
                assessed_at=now if status == AppraisalStatus.ASSESSED else None,
            ))
        created = Appraisal.objects.bulk_create(objs, batch_size=2000)
        for akey, obj in zip(new_appraisals, created, strict=True):
            new_appraisals[akey]["pk"] = obj.pk
    if appraisal_updates:
        _update_appraisals(appraisal_updates, now)
    if score_writes:
        rows = []
        for (akey, indicator_id), (s, u, e) in score_writes.items():
            appraisal = appraisals.get(akey) or new_appraisals[akey]
            rows.append((appraisal["pk"], indicator_id, e, s, u))
        _upsert_scores(rows)
    first_period = valid[0][1]
    record(first_period, "penilaian.import.scores", actor=actor, data=result.counts())
    return result


def _update_appraisals(updates: list[dict], now) -> None:
    """One statement per batch, whatever the number of appraisals (executemany)."""
    table = connection.ops.quote_name(Appraisal._meta.db_table)
    # Identifiers come from the model's metadata, values are parameters.
    sql = (
        f"UPDATE {table} SET status = %s, rating_perilaku_suggested = %s, updated_at = %s, "  # noqa: S608
        "self_submitted_at = COALESCE(self_submitted_at, %s), assessed_at = COALESCE(assessed_at, %s) WHERE id = %s"
    )
    params = []
    now = connection.ops.adapt_datetimefield_value(now)
    for a in updates:
        status = a["new_status"]
        params.append((
            status, a["new_suggested"], now,
            now if STATUS_ORDER.index(status) >= 1 else None,
            now if STATUS_ORDER.index(status) >= 2 else None,
            a["pk"],
        ))
    with connection.cursor() as cursor:
        cursor.executemany(sql, params)


def _score_defaults() -> tuple[list[str], list]:
    """The Score columns the import does not set, with their default values ready for the
    database, so a column added to the model later does not break the raw insert."""
    blank = Score()
    names, values = [], []
    for f in Score._meta.concrete_fields:
        if f.primary_key or f.attname in ("appraisal_id", "indicator_id", "expected_level", "self_score", "supervisor_score"):
            continue
        names.append(f.column)
        values.append(f.get_db_prep_save(getattr(blank, f.attname), connection))
    return names, values


def _upsert_scores(rows: list[tuple[int, int, int, int | None, int | None]]) -> None:
    """Insert or update (appraisal, indicator) scores. PostgreSQL: COPY into a temporary
    staging table, then one INSERT … ON CONFLICT. Elsewhere (SQLite): one executemany of the
    same upsert statement."""
    qn = connection.ops.quote_name
    table = qn(Score._meta.db_table)
    extra_cols, extra_vals = _score_defaults()
    cols = ["appraisal_id", "indicator_id", "expected_level", "self_score", "supervisor_score"] + extra_cols
    col_sql = ", ".join(qn(c) for c in cols)
    conflict = (
        f"ON CONFLICT ({qn('appraisal_id')}, {qn('indicator_id')}) DO UPDATE SET "
        f"{qn('self_score')} = EXCLUDED.{qn('self_score')}, {qn('supervisor_score')} = EXCLUDED.{qn('supervisor_score')}"
    )
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("DROP TABLE IF EXISTS import_score_stage")
            cursor.execute(
                "CREATE TEMPORARY TABLE import_score_stage (appraisal_id bigint, indicator_id bigint, "
                "expected_level smallint, self_score smallint, supervisor_score smallint)"
            )
            buffer = io.StringIO()
            for row in rows:
                buffer.write("\t".join(r"\N" if v is None else str(v) for v in row))
                buffer.write("\n")
            with cursor.cursor.copy(
                "COPY import_score_stage (appraisal_id, indicator_id, expected_level, self_score, supervisor_score) "
                "FROM STDIN"
            ) as copy:
                copy.write(buffer.getvalue())
            placeholders = ", ".join(["%s"] * len(extra_vals))
            select_extra = f", {placeholders}" if extra_vals else ""
            # Identifiers come from the model's metadata, values are parameters.
            cursor.execute(
                f"INSERT INTO {table} ({col_sql}) SELECT appraisal_id, indicator_id, expected_level, self_score, "  # noqa: S608
                f"supervisor_score{select_extra} FROM import_score_stage {conflict}",
                extra_vals,
            )
            cursor.execute("DROP TABLE import_score_stage")
        else:
            placeholders = ", ".join(["%s"] * len(cols))
            cursor.executemany(
                f"INSERT INTO {table} ({col_sql}) VALUES ({placeholders}) {conflict}",  # noqa: S608
                [tuple(row) + tuple(extra_vals) for row in rows],
            )


# --- Employees ------------------------------------------------------------------------------------


def _choice(value: str, choices) -> str | None:
    """Accept a choice's value or its label, case-insensitively; '' for an empty cell."""
    value = (value or "").strip()
    if not value:
        return ""
    low = value.lower().replace(" ", "_")
    for key, label in choices:
        if low == key.lower() or value.lower() == str(label).lower():
            return key
    return None


def _import_employees(table: Table, *, dry_run: bool, actor) -> ImportResult:
    from .services import EmployeeRow, employee_row_check, employees_bulk_create

    cols = _columns(table, EMPLOYEE_HEADERS, ["nip", "name", "position_name", "position_kind", "unit"])
    get = _getter(cols)
    result = ImportResult(kind=KIND_EMPLOYEES, dry_run=dry_run, rows=len(table.rows))
    errors = _Errors()
    units = {u.code: u for u in Unit.objects.all()}
    nips = [nip_rules.normalise(get(cells, "nip")) for _line, cells in table.rows]
    sup_nips = [nip_rules.normalise(get(cells, "supervisor")) for _line, cells in table.rows]
    in_register: set[str] = set()
    wanted = sorted({n for n in nips + sup_nips if n})
    for chunk in _chunks(wanted):
        in_register |= set(Employee.objects.filter(nip__in=chunk).values_list("nip", flat=True))
    file_nips = {n for n in nips if n}
    emails_taken: set[str] = set()
    file_emails = sorted({get(c, "email").lower() for _l, c in table.rows if get(c, "email")})
    for chunk in _chunks(file_emails):
        emails_taken |= set(Employee.objects.filter(email__in=chunk).values_list("email", flat=True))

    seen: dict[str, int] = {}
    seen_emails: dict[str, int] = {}
    todo: list = []
    first_existing = None
    for (line, cells), nip, sup in zip(table.rows, nips, sup_nips, strict=True):
        if not nip:
            errors.add(line, _("NIP is empty."))
            continue
        if nip in seen:
            errors.add(line, _("This row repeats NIP %(nip)s of line %(line)s.") % {"nip": nip, "line": seen[nip]})
            continue
        seen[nip] = line
        if nip in in_register:
            result.unchanged += 1  # existing employees are left as they are: the register pages edit them
            first_existing = first_existing or nip
            continue
        unit = units.get(get(cells, "unit").lower())
        if unit is None:
            errors.add(line, _("Unknown unit code “%(code)s”.") % {"code": get(cells, "unit")[:60]})
        employee_type = _choice(get(cells, "employee_type"), EmployeeType.choices)
        if employee_type is None:
            errors.add(line, _("Employee type must be PNS or PPPK."))
        position_kind = _choice(get(cells, "position_kind"), PositionKind.choices)
        if not position_kind:
            errors.add(line, _("Unknown position kind “%(value)s”.") % {"value": get(cells, "position_kind")[:40]})
        level = _choice(get(cells, "functional_level"), FunctionalLevel.choices)
        if level is None:
            errors.add(line, _("Unknown functional level “%(value)s”.") % {"value": get(cells, "functional_level")[:40]})
        if sup and sup == nip:
            errors.add(line, _("An employee cannot supervise themselves."))
        elif sup and sup not in in_register and sup not in file_nips:
            errors.add(line, _("Supervisor NIP %(nip)s is neither in the register nor in the file.") % {"nip": sup})
        if line in errors:
            continue
        row = EmployeeRow(
            key=nip, nip=nip, employee_type=employee_type or EmployeeType.PNS, name=get(cells, "name"),
            position_name=get(cells, "position_name"), position_kind=position_kind, unit=unit,
            functional_level=level or "", rank=get(cells, "rank"), front_title=get(cells, "front_title"),
            back_title=get(cells, "back_title"), email=get(cells, "email").lower(), phone=get(cells, "phone"),
            supervisor_key=sup or None,
        )
        try:
            employee_row_check(row)  # the same checks as services.employee_create, no query per row
        except ValidationError as exc:
            for name, messages in exc.message_dict.items():
                label = Employee._meta.get_field(name).verbose_name if name != "__all__" else ""
                for message in messages:
                    errors.add(line, f"{label}: {message}" if label else message)
            continue
        if row.email:
            if row.email in emails_taken:
                errors.add(line, _("E-mail %(email)s is already used.") % {"email": row.email})
                continue
            if row.email in seen_emails:
                errors.add(line, _("E-mail %(email)s repeats line %(line)s.") % {"email": row.email, "line": seen_emails[row.email]})
                continue
            seen_emails[row.email] = line
        todo.append(row)
    result.errors = errors.as_list()
    if result.errors or dry_run:
        result.created = len(todo) if not result.errors else 0
        return result
    try:
        created = employees_bulk_create(rows=todo, actor=actor)
    except RegisterError as exc:
        # Only a supervisor cycle among new rows gets here; everything else was checked above.
        line_of = {nip: line for nip, line in seen.items()}
        transaction.set_rollback(True)
        result.errors = [RowError(line_of.get(m.split(":", 1)[0], 0), [m]) for m in exc.messages]
        return result
    result.created = len(created)
    subject = next(iter(created.values()), None) or Employee.objects.get(nip=first_existing)
    record(subject, "penilaian.import.employees", actor=actor, data=result.counts())
    return result


# --- Indicators -----------------------------------------------------------------------------------

INDICATOR_FIELDS = ["name", "kind", "description", "expected_level", "audience", "sort_order", "is_active"]


def _bool(value: str) -> bool | None:
    low = (value or "").strip().lower()
    if low in ("", "1", "true", "ya", "yes", "y", "aktif"):
        return True
    if low in ("0", "false", "tidak", "no", "n", "nonaktif"):
        return False
    return None


def _import_indicators(table: Table, *, dry_run: bool, actor) -> ImportResult:
    cols = _columns(table, INDICATOR_HEADERS, ["code", "name", "kind"])
    get = _getter(cols)
    result = ImportResult(kind=KIND_INDICATORS, dry_run=dry_run, rows=len(table.rows))
    errors = _Errors()
    current = {i.code: i for i in Indicator.objects.select_related("parent")}
    file_codes = {get(c, "code").lower() for _l, c in table.rows}
    seen: dict[str, int] = {}
    creates: list[tuple[Indicator, str]] = []
    updates: list[tuple[Indicator, str]] = []
    for line, cells in table.rows:
        code = get(cells, "code").lower()
        if not code:
            errors.add(line, _("Indicator code is empty."))
            continue
        if code in seen:
            errors.add(line, _("This row repeats indicator %(code)s of line %(line)s.") % {"code": code, "line": seen[code]})
            continue
        seen[code] = line
        kind = _choice(get(cells, "kind"), IndicatorKind.choices)
        if not kind:
            errors.add(line, _("Unknown indicator kind “%(value)s”.") % {"value": get(cells, "kind")[:40]})
        audience = _choice(get(cells, "audience"), Audience.choices)
        if audience is None:
            errors.add(line, _("Unknown audience “%(value)s”.") % {"value": get(cells, "audience")[:40]})
        is_active = _bool(get(cells, "is_active"))
        if is_active is None:
            errors.add(line, _("Active must be 1 or 0 (ya/tidak)."))
        numbers = {}
        for name, default in (("expected_level", 3), ("sort_order", 0)):
            raw = get(cells, name)
            try:
                numbers[name] = int(raw) if raw else default
            except ValueError:
                errors.add(line, _("%(column)s “%(value)s” is not a whole number.") % {"column": name, "value": raw[:20]})
        if not 1 <= numbers.get("expected_level", 3) <= 5:
            errors.add(line, _("The expected level must be 1 to 5."))
        parent = get(cells, "parent").lower()
        if parent and parent not in current and parent not in file_codes:
            errors.add(line, _("Unknown parent indicator “%(code)s”.") % {"code": parent[:60]})
        elif parent == code:
            errors.add(line, _("An indicator cannot be its own parent."))
        if line in errors:
            continue
        values = {
            "name": get(cells, "name"), "kind": kind, "description": get(cells, "description"),
            "expected_level": numbers["expected_level"], "audience": audience or Audience.ALL,
            "sort_order": numbers["sort_order"], "is_active": is_active,
        }
        indicator = current.get(code)
        is_new = indicator is None
        if is_new:
            indicator = Indicator(code=code)
        changed = is_new or any(getattr(indicator, k) != v for k, v in values.items())
        old_parent = indicator.parent.code if (not is_new and indicator.parent_id) else ""
        if not is_new and old_parent != parent:
            changed = True
        if not changed:
            result.unchanged += 1
            continue
        for k, v in values.items():
            setattr(indicator, k, v)
        try:
            indicator.clean_fields(exclude=["parent", "code"] if not is_new else ["parent"])
            indicator.clean()
        except ValidationError as exc:
            for name, messages in exc.message_dict.items():
                for message in messages:
                    errors.add(line, f"{name}: {message}")
            continue
        (creates if is_new else updates).append((indicator, parent))
    result.errors = errors.as_list()
    if result.errors:
        return result
    result.created, result.updated = len(creates), len(updates)
    if dry_run or not (creates or updates):
        if not dry_run:
            subject = next(iter(current.values()), None)
            if subject is not None:
                record(subject, "penilaian.import.indicators", actor=actor, data=result.counts())
        return result
    Indicator.objects.bulk_create([i for i, _p in creates])
    by_code = {i.code: i for i in Indicator.objects.filter(code__in=file_codes | {p for _i, p in creates + updates if p})}
    parented = []
    for indicator, parent in creates + updates:
        indicator = by_code[indicator.code] if indicator.pk is None else indicator
        indicator.parent = by_code.get(parent) if parent else None
        parented.append(indicator)
    Indicator.objects.bulk_update([i for i, _p in updates], INDICATOR_FIELDS)
    Indicator.objects.bulk_update(parented, ["parent"])
    record(parented[0], "penilaian.import.indicators", actor=actor, data=result.counts())
    return result


# --- Exports --------------------------------------------------------------------------------------

def export_rows(kind: str, *, period: AppraisalPeriod | None = None, employee_ids=None):
    """(headers, iterator of rows) for an export; rows are plain values, not yet neutralised."""
    if kind == KIND_EMPLOYEES:
        qs = Employee.objects.order_by("nip").values_list(
            "nip", "employee_type", "name", "front_title", "back_title", "position_name", "position_kind",
            "functional_level", "rank", "unit__code", "supervisor__nip", "email", "phone",
        )
        if employee_ids is not None:
            qs = qs.filter(pk__in=employee_ids)
        return EMPLOYEE_COLUMNS, (tuple("" if v is None else v for v in row) for row in qs.iterator(chunk_size=5000))
    if kind == KIND_INDICATORS:
        qs = Indicator.objects.order_by("sort_order", "code").values_list(
            "code", "name", "kind", "description", "parent__code", "expected_level", "audience", "sort_order",
            "is_active",
        )
        return INDICATOR_COLUMNS, (
            tuple("" if v is None else (int(v) if isinstance(v, bool) else v) for v in row) for row in qs
        )
    if period is None:
        raise ValueError("a score export needs a period")
    qs = Score.objects.filter(appraisal__period=period).order_by("appraisal__employee__nip", "indicator__sort_order",
                                                                 "indicator__code")
    if employee_ids is not None:
        qs = qs.filter(appraisal__employee_id__in=employee_ids)
    qs = qs.values_list(
        "appraisal__employee__nip", "appraisal__employee__name", "appraisal__unit__code", "indicator__code",
        "indicator__name", "expected_level", "self_score", "supervisor_score",
    )
    code = period.code

    def rows():
        for nip, name, unit, ind, ind_name, expected, s, u in qs.iterator(chunk_size=5000):
            yield (nip, name, unit, ind, ind_name, code, expected, "" if s is None else s, "" if u is None else u)

    return SCORE_COLUMNS, rows()
