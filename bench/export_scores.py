"""Benchmark of the score export over HTTP (``/kinerja/ekspor/nilai/<fmt>/``), on PostgreSQL.

    python bench/export_scores.py [--employees 5000] [--indicators 20] [--keep]

Creates its own database (``portal_bench_export`` on $BENCH_PG, default
postgres://postgres@127.0.0.1:5432, prefixed by $BENCH_DB_PREFIX), migrates it, seeds the demo
register (``seed_demo --employees N --no-accounts --skip-appraisals``, in a child process),
imports employees × indicators score rows through the importer (a tenth of them then emptied, as
a real period has unscored indicators), signs in an HR account, and serves the portal with
gunicorn (one sync worker, production settings) from this interpreter's environment. Then:

- CSV: one GET of the period's score export, timed to the last byte (a streaming response over
  a server-side cursor);
- XLSX: the same, with the background threshold raised so the request writes the workbook itself
  (openpyxl's write-only mode, to a temporary file streamed from disk);
- each file is checked (row count) and the worker's peak memory (``VmHWM``) is read before and
  after, so a memory that grows with the file would show; the worker's CPU seconds per export
  are printed too (on a busy machine the wall time is the machine's, the CPU time the code's).

The last line is ``csv_rows_per_s=<n> xlsx_rows_per_s=<n> peak_mb=<n>`` (peak_mb: the gunicorn
worker's peak resident memory after both exports).
"""

from __future__ import annotations

import os
import random
import secrets
import subprocess
import sys
import tempfile
import urllib.error
import urllib.request
from pathlib import Path

from _common import (
    city_args,
    free_port,
    fresh_database,
    migrate_and_seed,
    production_env,
    start_gunicorn,
    step,
    stop,
    wait_for,
)

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
DB_NAME = "portal_bench_export"


def main() -> int:
    args = city_args(__doc__)
    with fresh_database(DB_NAME, keep=args.keep) as (url, env):
        return run(args, env, url)


def seed(args, env) -> tuple[int, str, str]:
    migrate_and_seed(env, args.employees)
    import django

    django.setup()
    from django.conf import settings
    from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY, get_user_model
    from django.contrib.auth.models import Group
    from django.contrib.sessions.backends.db import SessionStore
    from django.db import connections

    from penilaian.catalogue import catalogue_ensure
    from penilaian.imports.run import run_import
    from penilaian.models import AppraisalPeriod, Employee, Indicator, IndicatorKind, PeriodStatus, Score
    from portal.core.roles import HR_GROUP
    from portal.core.tables import Table

    catalogue_ensure()
    period = AppraisalPeriod.objects.create(year=2025, kind="annual", name="Tahunan 2025", start_date="2025-01-01",
                                            end_date="2025-12-31", status=PeriodStatus.SUPERVISOR_ASSESSMENT)
    codes = list(Indicator.objects.exclude(kind=IndicatorKind.PERILAKU_BEHAVIOUR).order_by("sort_order", "code")
                 .values_list("code", flat=True))[: args.indicators]
    nips = list(Employee.objects.order_by("nip").values_list("nip", flat=True)[: args.employees])
    rng = random.Random(5)
    table = Table(headers=["nip", "indicator", "period", "self_score", "supervisor_score"], rows=[
        (i, [nip, code, "2025", rng.choice("2334445"), rng.choice("1233344455")])
        for i, (nip, code) in enumerate(((n, c) for n in nips for c in codes), start=2)])
    with step("import the scores (importer)"):
        result = run_import("scores", table, dry_run=False)
    assert result.ok, result.errors[:3]
    Score.objects.filter(pk__in=list(Score.objects.order_by("?").values_list("pk", flat=True)[: len(table.rows) // 10])
                         ).update(self_score=None, supervisor_score=None)
    user = get_user_model().objects.create_user("bench-hr", "bench-hr@bench.test", secrets.token_hex(8))
    user.groups.add(Group.objects.get_or_create(name=HR_GROUP)[0])
    store = SessionStore()
    store[SESSION_KEY], store[BACKEND_SESSION_KEY] = str(user.pk), "django.contrib.auth.backends.ModelBackend"
    store[HASH_SESSION_KEY] = user.get_session_auth_hash()
    store.create()
    rows = Score.objects.filter(appraisal__period=period).count()
    connections.close_all()
    return rows, store.session_key, settings.SECRET_KEY  # the server signs sessions with the same key


def serve(env: dict, port: int, secret_key: str) -> subprocess.Popen:
    """gunicorn (one worker, production settings) with the interpreter that runs this script."""
    server = production_env(
        env["DATABASE_URL"], SECRET_KEY=secret_key, ALLOWED_HOSTS="127.0.0.1",
        EXPORT_BACKGROUND_ROWS_XLSX="100000000", EXPORT_BACKGROUND_ROWS_CSV="100000000",
    )
    proc = start_gunicorn(port, server, workers=1)
    wait_for(f"http://127.0.0.1:{port}/healthz/live/", proc, timeout=60)
    return proc


def worker_pid(master: int) -> int:
    return int(Path(f"/proc/{master}/task/{master}/children").read_text().split()[0])


def worker_cpu_s(master: int) -> float:
    """CPU seconds the gunicorn worker has used (user + system): a figure a busy machine does not
    inflate, unlike the wall time."""
    fields = Path(f"/proc/{worker_pid(master)}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def worker_peak_mb(master: int) -> float:
    """The gunicorn worker's peak resident memory (VmHWM), in MB."""
    for line in Path(f"/proc/{worker_pid(master)}/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    raise RuntimeError("no VmHWM")


def fetch(url: str, session_key: str, out: Path) -> int:
    request = urllib.request.Request(url, headers={"Cookie": f"sessionid={session_key}"})  # noqa: S310 - local
    with urllib.request.urlopen(request, timeout=600) as response, out.open("wb") as fh:  # noqa: S310 - local
        if response.status != 200:
            raise RuntimeError(f"{url}: {response.status}")
        while chunk := response.read(1 << 16):
            fh.write(chunk)
    return out.stat().st_size


def run(args, env, url) -> int:
    rows, session_key, secret_key = seed(args, env)
    print(f"data: {rows} score rows in period 2025 (a tenth of them unscored)", flush=True)
    port = free_port()
    proc = serve(env, port, secret_key)
    workdir = Path(tempfile.mkdtemp(prefix="bench-export-"))
    try:
        base = f"http://127.0.0.1:{port}/kinerja/ekspor/nilai"
        # Warm up on a small export (imports, first queries): the baseline a large file is measured against.
        fetch(f"http://127.0.0.1:{port}/kinerja/ekspor/indikator/xlsx/", session_key, workdir / "warm.xlsx")
        baseline, cpu = worker_peak_mb(proc.pid), worker_cpu_s(proc.pid)
        with step("CSV export over HTTP") as csv_step:
            size = fetch(f"{base}/csv/?periode=2025", session_key, workdir / "nilai.csv")
        csv_peak, csv_cpu, cpu = worker_peak_mb(proc.pid), worker_cpu_s(proc.pid) - cpu, worker_cpu_s(proc.pid)
        lines = (workdir / "nilai.csv").read_bytes().count(b"\n")
        print(f"  {size / 1e6:.1f} MB, {lines - 1} rows; worker peak {baseline:.0f} → {csv_peak:.0f} MB", flush=True)
        assert lines - 1 == rows, (lines, rows)
        with step("XLSX export over HTTP") as xlsx_step:
            size = fetch(f"{base}/xlsx/?periode=2025", session_key, workdir / "nilai.xlsx")
        peak, xlsx_cpu = worker_peak_mb(proc.pid), worker_cpu_s(proc.pid) - cpu
        print(f"  {size / 1e6:.1f} MB; worker peak {csv_peak:.0f} → {peak:.0f} MB", flush=True)
        print(f"worker CPU time: CSV {csv_cpu:.2f} s ({rows / csv_cpu:,.0f} rows/s of CPU), "
              f"XLSX {xlsx_cpu:.2f} s ({rows / xlsx_cpu:,.0f} rows/s of CPU)", flush=True)
        check_xlsx(workdir / "nilai.xlsx", rows)
    finally:
        stop(proc)
        for path in workdir.iterdir():
            path.unlink()
        workdir.rmdir()
    csv_rate, xlsx_rate = rows / csv_step.seconds, rows / xlsx_step.seconds
    ok = csv_rate >= 50_000 and xlsx_rate >= 10_000
    print(f"target (CSV >= 50,000 rows/s, XLSX >= 10,000 rows/s): {'met' if ok else 'NOT met'}")
    print(f"csv_rows_per_s={csv_rate:.0f} xlsx_rows_per_s={xlsx_rate:.0f} peak_mb={peak:.0f}")
    return 0 if ok else 1


def check_xlsx(path: Path, rows: int) -> None:
    from openpyxl import load_workbook  # deferred: only the check needs it

    workbook = load_workbook(path, read_only=True)
    count = sum(1 for _row in workbook.worksheets[0].iter_rows(values_only=True)) - 1
    workbook.close()
    assert count == rows, (count, rows)


if __name__ == "__main__":
    sys.exit(main())
