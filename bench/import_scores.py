"""Benchmark of the score import (``penilaian.imports``), on PostgreSQL.

    python bench/import_scores.py [--employees 5000] [--indicators 20] [--keep]

Creates its own database (``portal_bench_import`` on $BENCH_PG, default
postgres://postgres@127.0.0.1:5432), migrates it, seeds the demo city (``seed_demo --employees N
--no-accounts``, in a child process so its memory does not count) and the indicator catalogue,
writes a CSV of employees × indicators score rows, then times in one run:

- preview: read the file and check every row (dry run, nothing written);
- confirm: read and check again, then write everything (5,000 appraisals, 100,000 scores);
- confirm again: the same file, which must change nothing;
- COPY: PostgreSQL's raw ``COPY`` of the same CSV into a plain table (the floor).

Peak memory is this process's ``ru_maxrss`` (it only imports). The database is dropped at
the end unless --keep. The last line is ``rows_per_s=<confirm rows/s> ratio_to_copy=<confirm
time / COPY time>``.
"""

from __future__ import annotations

import csv
import random
import resource
import sys
import tempfile
from pathlib import Path

from _common import city_args, fresh_database, migrate_and_seed, step

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
DB_NAME = "portal_bench_import"


def main() -> int:
    args = city_args(__doc__)
    with fresh_database(DB_NAME, keep=args.keep) as (url, env):
        return run(args, env, url)


def run(args, env, url) -> int:
    migrate_and_seed(env, args.employees)

    import django

    django.setup()
    from django.db import connection

    from penilaian.catalogue import catalogue_ensure
    from penilaian.imports.run import run_import
    from penilaian.models import Appraisal, AppraisalPeriod, Employee, Indicator, IndicatorKind, PeriodStatus, Score
    from portal.core.tables import read_table

    catalogue_ensure()
    period, _c = AppraisalPeriod.objects.get_or_create(
        year=2025, kind="annual", number=None,
        defaults={"name": "Tahunan 2025", "start_date": "2025-01-01", "end_date": "2025-12-31",
                  "status": PeriodStatus.SUPERVISOR_ASSESSMENT},
    )
    # The seven BerAKHLAK values first (so the perilaku suggestion is exercised), then competencies.
    codes = list(Indicator.objects.filter(kind=IndicatorKind.PERILAKU).order_by("sort_order").values_list("code", flat=True))
    codes += list(Indicator.objects.exclude(kind__in=[IndicatorKind.PERILAKU, IndicatorKind.PERILAKU_BEHAVIOUR])
                  .order_by("sort_order").values_list("code", flat=True))
    codes = codes[: args.indicators]
    nips = list(Employee.objects.order_by("nip").values_list("nip", flat=True)[: args.employees])
    rows = len(nips) * len(codes)
    print(f"data: {len(nips)} employees x {len(codes)} indicators = {rows} rows, period {period.code}", flush=True)

    rng = random.Random(3)
    workdir = Path(tempfile.mkdtemp(prefix="bench-import-"))
    path = workdir / "nilai-2025.csv"
    with path.open("w", newline="") as fh:
        writer = csv.writer(fh)
        writer.writerow(["nip", "indicator", "period", "self_score", "supervisor_score"])
        for nip in nips:
            for code in codes:
                writer.writerow([nip, code, period.code, rng.choice("2334445"), rng.choice("1233344455")])
    print(f"file: {path.stat().st_size / 1e6:.1f} MB", flush=True)

    def import_file(dry_run: bool):
        table = read_table(path.read_bytes(), path.name)
        return run_import("scores", table, dry_run=dry_run)

    with step("preview (dry run)") as preview:
        result = import_file(True)
    assert result.ok and result.created == rows, result.counts()
    with step("confirm") as confirm:
        result = import_file(False)
    assert result.ok and result.created == rows, result.counts()
    assert Score.objects.filter(appraisal__period=period).count() == rows
    assert Appraisal.objects.filter(period=period).count() == len(nips)
    print(f"  {result.counts()}")
    with step("confirm again (same file)") as again:
        second = import_file(False)
    assert second.ok and second.changed == 0, second.counts()
    print(f"  {second.counts()}")

    with connection.cursor() as cursor:
        cursor.execute("DROP TABLE IF EXISTS bench_copy")
        cursor.execute("CREATE TABLE bench_copy (nip text, indicator text, period text, self_score smallint, "
                       "supervisor_score smallint)")
    with step("raw COPY of the same CSV") as copy_step, connection.cursor() as cursor:
        with cursor.cursor.copy("COPY bench_copy FROM STDIN WITH (FORMAT csv, HEADER true)") as copy:
            with path.open("rb") as fh:
                while chunk := fh.read(1 << 20):
                    copy.write(chunk)
    with connection.cursor() as cursor:
        cursor.execute("SELECT count(*) FROM bench_copy")
        assert cursor.fetchone()[0] == rows
        cursor.execute("DROP TABLE bench_copy")

    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"peak memory (ru_maxrss, this process): {peak_mb:.0f} MB")
    print(f"preview {rows / preview.seconds:,.0f} rows/s; confirm {rows / confirm.seconds:,.0f} rows/s; "
          f"repeat {rows / again.seconds:,.0f} rows/s; COPY {rows / copy_step.seconds:,.0f} rows/s")
    ok = preview.seconds <= 10 and confirm.seconds <= 10 and peak_mb <= 500
    print(f"target (preview <= 10 s, confirm <= 10 s, memory <= 500 MB): {'met' if ok else 'NOT met'}")
    path.unlink()
    workdir.rmdir()
    print(f"rows_per_s={rows / confirm.seconds:.0f} ratio_to_copy={confirm.seconds / copy_step.seconds:.2f}")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
