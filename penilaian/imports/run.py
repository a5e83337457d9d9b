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
"""

from __future__ import annotations

from django.db import transaction

from portal.core.tables import Table

from . import parse, plan, resolve, write
from .columns import KIND_EMPLOYEES, KIND_INDICATORS, KIND_SCORES, KINDS
from .result import ImportResult, LineErrors
from .scales import SCALE_5, SCALES


def run_import(kind: str, table: Table, *, dry_run: bool, actor=None, scale: int = SCALE_5) -> ImportResult:
    """Check (and unless ``dry_run``, write) a whole file; all or nothing. ``TableError`` when
    the file as a whole is unusable (a required column is missing)."""
    if kind not in KINDS:
        raise ValueError(kind)
    if scale not in SCALES:
        raise ValueError(scale)
    pipeline = {KIND_SCORES: _scores, KIND_EMPLOYEES: _employees, KIND_INDICATORS: _indicators}[kind]
    if dry_run:
        return pipeline(table, dry_run=True, actor=actor, scale=scale)
    with transaction.atomic():
        return pipeline(table, dry_run=False, actor=actor, scale=scale)


def _scores(table: Table, *, dry_run: bool, actor, scale: int) -> ImportResult:
    errors = LineErrors()
    lines = parse.scores(table, scale=scale, errors=errors)
    keys = resolve.scores(lines, lock=not dry_run)
    planned = plan.scores(lines, keys, errors)
    result = ImportResult(kind=KIND_SCORES, dry_run=dry_run, rows=len(table.rows), errors=errors.as_list())
    if result.errors:
        return result
    result.created, result.updated, result.unchanged = planned.created, planned.updated, planned.unchanged
    result.appraisals_created, result.appraisals_updated = planned.appraisals_created, planned.appraisals_updated
    if not dry_run:
        write.scores(planned, keys, result, actor=actor)
    return result


def _employees(table: Table, *, dry_run: bool, actor, scale: int) -> ImportResult:
    errors = LineErrors()
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


def _indicators(table: Table, *, dry_run: bool, actor, scale: int) -> ImportResult:
    errors = LineErrors()
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
