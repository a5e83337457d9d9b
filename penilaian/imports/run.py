"""The one fast path for imports (employees, indicators, scores).

Every import works the same way, whatever the caller (the HR page, the Django admin through
``penilaian.resources``, ``manage.py import_scores``, the demo city):

0. ``portal.core.tables.read_table`` turns the uploaded bytes (CSV or XLSX) into a header and
   rows, each row with its spreadsheet line number (the header is line 1).
1. ``parse`` reads the cells into typed rows of the kind (no queries).
2. ``resolve`` loads every key of the file once (NIPs, indicator codes, period codes, existing
   appraisals and scores: a fixed number of queries, never one per row).
3. ``plan`` checks every row and collects *every* error with its line number, in the active
   language, and works out what changes. Dry run (the preview) stops there.
4. ``write``, only when the whole file is valid, writes inside one transaction, in bulk
   (``bulk``: PostgreSQL's COPY and an upsert), and only what changes: importing the same file
   twice writes nothing the second time and reports 0 changed. One audit record per import.

Scores on the old 0–100 scale (PP 46/2011): see ``scales.score_value`` — the rule lives there,
once. An appraisal's status follows ``rules.status_after_scores``, the rule the services use.

What a score file may change (``plan.scores``), decided once:

- **Only changes are checked against the state.** A row that changes nothing — its scores are
  the stored ones, or both its score cells are empty (an indicator nobody scored yet, as the
  export writes it) — is counted unchanged and is never an error, so every export imports back
  with zero changes, a closed period's too.
- **Formulas** in any column the kind reads are line errors ("paste as values"), never a blank.
- **Closed periods and finalised appraisals** refuse a change.
- **Draft periods** refuse a change: their appraisals are not open. BKPSDM may open them with the
  import (``open_draft``: the upload form's box, ``--open-draft``); the period then moves to
  self-evaluation through ``services.periods.period_advance`` — every active employee's
  appraisal opened the normal way, audited — inside the import's transaction, before the keys
  are read, and is rolled back with everything else if the file has an error.
- **Assessed appraisals.** Once the supervisor has chosen the ratings (hasil kerja, perilaku:
  the predikat follows from them), a change to that appraisal's scores is refused: the
  predikat was decided on the stored scores and only the assessment page may move them. An
  appraisal assessed by an earlier import has scores but no ratings: its scores update, its
  suggested perilaku rating is recomputed by ``rules.suggest_perilaku`` (as the assessment
  service does), its status never goes back, and every changed suggestion (appraisal, before,
  after) is listed in the import's audit record. No predikat can go stale that way.
- **NIP messages.** A NIP the register lacks is checked by ``penilaian.nip``: a malformed one is
  reported with what is wrong; "not in the register" is said only of a well-formed number. The
  file does not say whether a NIP is a PNS or a PPPK number, so either check may pass.
"""

from __future__ import annotations

from django.db import transaction

from penilaian.models import AppraisalPeriod, PeriodStatus
from penilaian.services import periods as period_services
from portal.core.tables import Table, formula_message, rounded_message

from . import parse, plan, resolve, write
from .columns import ALIASES, KIND_EMPLOYEES, KIND_INDICATORS, KIND_SCORES, KINDS, column_index, column_title
from .result import ImportResult, LineErrors
from .scales import SCALE_5, SCALES


def run_import(kind: str, table: Table, *, dry_run: bool, actor=None, scale: int = SCALE_5,
               open_draft: bool = False) -> ImportResult:
    """Check (and unless ``dry_run``, write) a whole file; all or nothing. ``TableError`` when
    the file as a whole is unusable (a required column is missing). ``open_draft`` (scores):
    a period the file names that is still a draft is opened first, through the period service."""
    if kind not in KINDS:
        raise ValueError(kind)
    if scale not in SCALES:
        raise ValueError(scale)
    pipeline = {KIND_SCORES: _scores, KIND_EMPLOYEES: _employees, KIND_INDICATORS: _indicators}[kind]
    options = {"actor": actor, "scale": scale, "open_draft": open_draft}
    if dry_run:
        return pipeline(table, dry_run=True, **options)
    with transaction.atomic():
        result = pipeline(table, dry_run=False, **options)
        if result.errors:
            transaction.set_rollback(True)  # e.g. a draft period opened before the checks
        return result


def cell_problems(kind: str, table: Table, errors: LineErrors) -> None:
    """Formula cells and numbers a spreadsheet rounded, in the columns this kind reads: a line
    error each (``add_final``: the line's other checks would only echo it). Costs nothing for a
    file without them."""
    if not (table.formulas or table.rounded):
        return
    read = set(column_index(table, ALIASES[kind], []).values())
    cells = dict(table.rows)
    for found, message in ((table.formulas, formula_message), (table.rounded, rounded_message)):
        for line, columns in found.items():
            for i in columns:
                if i in read and line in cells:
                    text = message(cells[line][i]) if message is formula_message else message()
                    errors.add_final(line, f"{column_title(table, i)}: {text}")


def _drafts_named(lines: list[parse.ScoreLine]) -> list[AppraisalPeriod]:
    codes = {period for _line, _nip, _code, period, *_rest in lines if period}
    return [p for p in AppraisalPeriod.objects.filter(status=PeriodStatus.DRAFT) if p.code in codes]


def _scores(table: Table, *, dry_run: bool, actor, scale: int, open_draft: bool) -> ImportResult:
    errors = LineErrors()
    cell_problems(KIND_SCORES, table, errors)
    lines = parse.scores(table, scale=scale, errors=errors)
    drafts = _drafts_named(lines) if open_draft else []
    if drafts and not dry_run:
        # Opened the normal way (every active employee's appraisal with its score rows, an
        # audit record); rolled back with everything else when the file has an error.
        for period in drafts:
            period_services.period_advance(period=period, to_status=PeriodStatus.SELF_EVALUATION, actor=actor)
    keys = resolve.scores(lines, lock=not dry_run)
    planned = plan.scores(lines, keys, errors, open_draft=open_draft)
    result = ImportResult(kind=KIND_SCORES, dry_run=dry_run, rows=len(table.rows), errors=errors.as_list(),
                          periods_opened=[p.code for p in drafts])
    if result.errors:
        return result
    result.created, result.updated, result.unchanged = planned.created, planned.updated, planned.unchanged
    result.appraisals_created, result.appraisals_updated = planned.appraisals_created, planned.appraisals_updated
    if not dry_run:
        write.scores(planned, keys, result, actor=actor)
    return result


def _employees(table: Table, *, dry_run: bool, actor, scale: int, open_draft: bool) -> ImportResult:
    errors = LineErrors()
    cell_problems(KIND_EMPLOYEES, table, errors)
    lines = parse.employees(table)
    planned = plan.employees(lines, resolve.employees(lines), errors)
    result = ImportResult(
        kind=KIND_EMPLOYEES, dry_run=dry_run, rows=len(table.rows), unchanged=planned.unchanged, errors=errors.as_list()
    )
    if result.errors:
        return result
    if dry_run:
        result.created = len(planned.rows)
        return result
    write.employees(planned, result, actor=actor)
    return result


def _indicators(table: Table, *, dry_run: bool, actor, scale: int, open_draft: bool) -> ImportResult:
    errors = LineErrors()
    cell_problems(KIND_INDICATORS, table, errors)
    lines = parse.indicators(table)
    current = resolve.indicators()
    planned = plan.indicators(lines, current, errors)
    result = ImportResult(
        kind=KIND_INDICATORS, dry_run=dry_run, rows=len(table.rows), unchanged=planned.unchanged, errors=errors.as_list()
    )
    if result.errors:
        return result
    result.created, result.updated = len(planned.creates), len(planned.updates)
    if not dry_run:
        write.indicators(planned, current, result, actor=actor)
    return result
