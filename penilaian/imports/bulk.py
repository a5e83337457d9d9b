"""Step 4's raw writes: scores upserted through PostgreSQL's COPY (with an SQLite fallback)
and appraisal changes in one statement per batch.

Identifiers come from the models' metadata; values are always parameters (or COPY data).
"""

from __future__ import annotations

import io

from django.db import connection

from penilaian.models import Appraisal, Score


def chunks(values: list, size: int | None = None):
    """``values`` in slices small enough for one ``IN (…)`` (SQLite caps a statement's parameters)."""
    size = size or (500 if connection.vendor == "sqlite" else 20000)
    for start in range(0, len(values), size):
        yield values[start:start + size]


def update_appraisals(changes: list[tuple[str, str, bool, bool, int]], now) -> None:
    """(status, suggested perilaku, self-submitted?, assessed?, id) per appraisal: the status and
    suggestion are set; the submitted and assessed times are set to ``now`` where the flag says
    so and the appraisal has none yet. One statement per batch (executemany)."""
    table = connection.ops.quote_name(Appraisal._meta.db_table)
    sql = (
        f"UPDATE {table} SET status = %s, rating_perilaku_suggested = %s, updated_at = %s, "  # noqa: S608
        "self_submitted_at = COALESCE(self_submitted_at, %s), assessed_at = COALESCE(assessed_at, %s) WHERE id = %s"
    )
    now = connection.ops.adapt_datetimefield_value(now)
    params = [
        (status, suggested, now, now if self_submitted else None, now if assessed else None, pk)
        for status, suggested, self_submitted, assessed, pk in changes
    ]
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


def upsert_scores(rows: list[tuple[int, int, int, int | None, int | None]]) -> None:
    """Insert or update (appraisal, indicator, expected level, self, supervisor) scores.
    PostgreSQL: COPY into a temporary staging table, then one INSERT … ON CONFLICT. Elsewhere
    (SQLite): one executemany of the same upsert statement."""
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
            _copy_upsert(cursor, rows, table=table, col_sql=col_sql, conflict=conflict, extra_vals=extra_vals)
        else:
            placeholders = ", ".join(["%s"] * len(cols))
            cursor.executemany(
                f"INSERT INTO {table} ({col_sql}) VALUES ({placeholders}) {conflict}",  # noqa: S608
                [tuple(row) + tuple(extra_vals) for row in rows],
            )


def _copy_upsert(cursor, rows, *, table: str, col_sql: str, conflict: str, extra_vals: list) -> None:
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
        "COPY import_score_stage (appraisal_id, indicator_id, expected_level, self_score, supervisor_score) FROM STDIN"
    ) as copy:
        copy.write(buffer.getvalue())
    placeholders = ", ".join(["%s"] * len(extra_vals))
    select_extra = f", {placeholders}" if extra_vals else ""
    cursor.execute(
        f"INSERT INTO {table} ({col_sql}) SELECT appraisal_id, indicator_id, expected_level, self_score, "  # noqa: S608
        f"supervisor_score{select_extra} FROM import_score_stage {conflict}",
        extra_vals,
    )
    cursor.execute("DROP TABLE import_score_stage")
