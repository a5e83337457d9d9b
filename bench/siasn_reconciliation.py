"""Speed of the SIASN reconciliation page, the export and the dry run for a city's year, on PostgreSQL.

    .venv/bin/python bench/siasn_reconciliation.py [--employees 5000] [--records 4] [--runs 5] [--keep]

Creates its own database (``portal_bench_siasn`` on $BENCH_PG, default
postgres://postgres@127.0.0.1:5432), migrates it and seeds the register (``seed_demo --employees
N --skip-appraisals --no-accounts``) in child processes, then in this process writes ``--records``
verified development records per employee for 2025 (bulk_create; 5,000 × 4 = 20,000), every
employee's SIASN id, the agency's instansiId and confirmed codes, and marks a third of the records
sent and a tenth failed. No request leaves the machine (nothing is sent).

It times, as an HR user through Django's test Client (server time), the median of --runs
requests of the reconciliation page for the whole year and for one SKPK, and of the CSV export;
and the dry run of the year (``services.siasn.dry_run``, no look-ups). Queries are counted per
page. The last line is

    page_ms=<median ms> unit_page_ms=<ms> export_ms=<ms> dry_run_ms=<ms> queries=<page queries> records=<n>
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import sys
from pathlib import Path

from _common import fresh_database, migrate_and_seed, step, timed

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
DB_NAME = os.environ.get("BENCH_DB", "portal_bench_siasn")
ROUTES = ["pelatihan", "workshop", "bimtek", "seminar", "e_learning", "coaching"]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--employees", type=int, default=5000)
    parser.add_argument("--records", type=int, default=4, help="verified records per employee in 2025")
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--keep", action="store_true", help="keep the database afterwards")
    args = parser.parse_args()
    with fresh_database(DB_NAME, keep=args.keep) as (_url, env):
        return run(args, env)


def build(args):
    from django.contrib.auth import get_user_model
    from django.contrib.auth.models import Group
    from django.utils import timezone

    from pelatihan.models import (
        DevelopmentRecord,
        RecordSource,
        RecordStatus,
        SendStatus,
        SiasnKindCode,
        SiasnPerson,
        SiasnSend,
        SiasnSettings,
    )
    from pelatihan.selectors import siasn as siasn_selectors
    from penilaian.models import Employee

    now = timezone.now()
    employees = list(Employee.objects.all())
    SiasnPerson.objects.bulk_create(
        [SiasnPerson(employee=e, pns_orang_id=f"{e.pk:032X}", looked_up_at=now) for e in employees], batch_size=2000)
    records = []
    for e in employees:
        for n in range(args.records):
            start = dt.date(2025, 1 + (e.pk + n) % 12, 1 + n * 5)
            records.append(DevelopmentRecord(
                employee=e, source=RecordSource.EXTERNAL, title=f"Pelatihan Teknis {n + 1} {e.pk % 97}",
                route=ROUTES[(e.pk + n) % len(ROUTES)], competency_kind="teknis", provider="BPSDM Aceh",
                start_date=start, end_date=start + dt.timedelta(days=2), year=2025, jp=8 + n * 4,
                certificate_number=f"800/{e.pk}/{n}/2025", status=RecordStatus.VERIFIED, verified_at=now,
            ))
    DevelopmentRecord.objects.bulk_create(records, batch_size=2000)
    settings_ = SiasnSettings.load()
    settings_.instansi_id = "A5EB03E23CCCF6A0E040640A040252AD"
    settings_.save()
    SiasnKindCode.objects.update(confirmed=True)
    sends = []
    for i, plan in enumerate(siasn_selectors.plan_year(2025)):
        if i % 3 == 0:
            sends.append(SiasnSend(record_id=plan.record_id, status=SendStatus.SENT, rw_kursus_id=f"{i:032x}", sent_at=now,
                                   fingerprint=plan.fingerprint, payload=plan.payload, attempts=1))
        elif i % 10 == 1:
            sends.append(SiasnSend(record_id=plan.record_id, status=SendStatus.FAILED, message="HTTP 400: ditolak", attempts=1))
    SiasnSend.objects.bulk_create(sends, batch_size=2000)
    user = get_user_model().objects.create_user("bench-hr", "bench-hr@uji.test", "x")
    user.groups.add(Group.objects.get(name="BKPSDM"))
    unit = employees[0].unit
    return user, len(records), unit.parent or unit


def run(args, env) -> int:
    migrate_and_seed(env, args.employees)

    import django

    django.setup()
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext
    from django.urls import reverse

    from pelatihan.services import siasn as siasn_services

    with step("records, SIASN ids, sends", 44):
        user, n_records, unit = build(args)
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
    connection.settings_dict["CONN_MAX_AGE"] = None  # as in production: no reconnect per request
    client = Client()
    client.force_login(user)
    page = reverse("pelatihan:siasn-reconciliation")
    export = reverse("pelatihan:siasn-export", args=[2025, "csv"])
    assert client.get(page, {"tahun": 2025}).status_code == 200  # warm up
    with CaptureQueriesContext(connection) as captured:
        assert client.get(page, {"tahun": 2025}).status_code == 200
    queries = len(captured)
    page_ms, _r = timed(lambda: client.get(page, {"tahun": 2025}), args.runs)
    unit_page_ms, _r = timed(lambda: client.get(page, {"tahun": 2025, "unit": unit.code}), args.runs)
    export_ms, _r = timed(lambda: b"".join(client.get(export).streaming_content), args.runs)
    dry_run_ms, _r = timed(lambda: siasn_services.dry_run(year=2025, lookup=False), args.runs)
    print(f"reconciliation page, {n_records} records (median of {args.runs})  {page_ms:8.1f} ms, {queries} queries")
    print(f"reconciliation page, one SKPK ({unit.label})  {unit_page_ms:8.1f} ms")
    print(f"CSV export of the year                          {export_ms:8.1f} ms")
    print(f"dry run of the year (no look-ups)               {dry_run_ms:8.1f} ms")
    print(f"page_ms={page_ms:.0f} unit_page_ms={unit_page_ms:.0f} export_ms={export_ms:.0f} "
          f"dry_run_ms={dry_run_ms:.0f} queries={queries} records={n_records}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
