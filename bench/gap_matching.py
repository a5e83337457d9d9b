"""Speed of the needs analysis and the matching (issue 5, item 9), on PostgreSQL.

    python bench/gap_matching.py [--employees 5000] [--indicators 30] [--runs 7] [--keep]

Creates its own database (``portal_bench_match`` on $BENCH_PG, default
postgres://postgres@127.0.0.1:5432), migrates it and seeds the register (``seed_demo
--employees N --skip-appraisals --no-accounts``) in child processes, then in this process:

- completes the indicator catalogue to 30 scored indicators (extra technical ones);
- writes one annual period in supervisor assessment with an appraisal per employee and a
  supervisor score per indicator (5,000 × 30 = 150,000 scores, bulk_create);
- creates 24 programmes (each addressing 1–3 indicators) and 48 published sessions through
  ``pelatihan.services`` (some restricted to a unit or position kind, some nearly full), 400
  registrations through ``enrolment_create`` and verified JP records for a third of the city.

Then it times, with Django's test Client against the real views as an HR user (server time:
the Client calls the WSGI handler in this process), the median of --runs requests of

- the needs-analysis page ``/pelatihan/kebutuhan/<period>/`` (ranking, coverage, programmes
  and sessions), and
- the matching page ``/pelatihan/pencocokan/<period>/`` (the whole period matched, first page
  rendered),

and the raw selectors (``selectors.needs.needs_analysis``, ``selectors.matching.match_period``). Queries are
counted per page (CaptureQueriesContext). The last line is

    needs_ms=<median ms> matching_ms=<median ms> queries=<the larger of the two pages' counts>
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import random
import sys
from pathlib import Path

from _common import fresh_database, migrate_and_seed, step, timed

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
DB_NAME = os.environ.get("BENCH_DB", "portal_bench_match")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--employees", type=int, default=5000)
    parser.add_argument("--indicators", type=int, default=30)
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--keep", action="store_true", help="keep the database afterwards")
    args = parser.parse_args()

    with fresh_database(DB_NAME, keep=args.keep) as (url, env):
        return run(args, env)


def build(args) -> tuple:
    from django.contrib.auth import get_user_model
    from django.contrib.auth.models import Group
    from django.utils import timezone

    from pelatihan.models import DevelopmentRecord, RecordSource, RecordStatus, SessionStatus
    from pelatihan.services import enrolment as enrolment_services
    from pelatihan.services import sessions as services
    from penilaian.catalogue import catalogue_ensure
    from penilaian.models import (
        Appraisal,
        AppraisalPeriod,
        Employee,
        Indicator,
        IndicatorKind,
        PeriodStatus,
        PositionKind,
        Score,
        Unit,
    )
    from penilaian.selectors.catalogue import SCORED_KINDS
    from portal.core.roles import HR_GROUP

    rng = random.Random(5)
    catalogue_ensure()
    scored = list(Indicator.objects.filter(kind__in=SCORED_KINDS, is_active=True).order_by("sort_order", "code"))
    extra = args.indicators - len(scored)
    for i in range(max(0, extra)):
        scored.append(Indicator.objects.create(
            code=f"kt-bench-{i + 1}", name=f"Kompetensi Teknis Uji {i + 1}", kind=IndicatorKind.TEKNIS,
            expected_level=3, sort_order=900 + i))
    indicators = scored[: args.indicators]

    period = AppraisalPeriod.objects.create(
        year=2026, kind="annual", name="Penilaian Tahunan 2026 (bench)", start_date=dt.date(2026, 1, 1),
        end_date=dt.date(2026, 12, 31), status=PeriodStatus.SUPERVISOR_ASSESSMENT)
    employees = list(Employee.objects.filter(is_active=True).order_by("pk").values_list("pk", "unit_id", "position_kind")
                     [: args.employees])
    Appraisal.objects.bulk_create(
        [Appraisal(employee_id=pk, period=period, unit_id=unit_id, position_kind=kind, status="assessed")
         for pk, unit_id, kind in employees], batch_size=2000)
    appraisal_ids = list(Appraisal.objects.filter(period=period).values_list("pk", flat=True))
    weights = [1, 2, 4, 5, 3]  # supervisor scores 1..5: about a quarter below the expected 3
    scores = [
        Score(appraisal_id=a, indicator_id=ind.pk, expected_level=ind.expected_level,
              supervisor_score=rng.choices(range(1, 6), weights)[0], self_score=3)
        for a in appraisal_ids for ind in indicators
    ]
    Score.objects.bulk_create(scores, batch_size=5000)
    print(f"data: {len(employees)} employees x {len(indicators)} indicators = {len(scores)} scores, "
          f"{Score.objects.filter(appraisal__period=period, supervisor_score__lt=3).count()} with a gap", flush=True)

    user = get_user_model().objects.create_user(username="bench-hr", email="bench-hr@portal.test", password="x")
    user.groups.add(Group.objects.get_or_create(name=HR_GROUP)[0])

    units = list(Unit.objects.filter(parent__isnull=True).values_list("pk", flat=True))
    today = timezone.localdate()
    sessions = []
    for p in range(24):
        covered = rng.sample(indicators, rng.choice([1, 2, 3]))
        programme = services.programme_create(code=f"bench-{p}", title=f"Pelatihan Uji {p}", jp=rng.choice([8, 12, 16, 24]),
                                              indicators=covered)
        for s in range(2):
            first = today + dt.timedelta(days=rng.randint(5, 120))
            restrict = rng.random()
            sessions.append(services.session_create(
                programme=programme, name=f"Angkatan {s + 1}", capacity=rng.choice([5, 20, 30]),
                days=[(first + dt.timedelta(days=d), dt.time(8), dt.time(16)) for d in range(rng.choice([1, 2, 3]))],
                status=SessionStatus.PUBLISHED,
                eligible_units=[Unit.objects.get(pk=rng.choice(units))] if restrict < 0.15 else [],
                eligible_position_kinds=[PositionKind.FUNGSIONAL] if 0.15 <= restrict < 0.25 else [],
            ))
    enrolled = 0
    for pk, _unit, _kind in rng.sample(employees, 400):
        try:
            enrolment_services.enrolment_create(session=rng.choice(sessions), employee=Employee.objects.get(pk=pk), by_hr=True)
            enrolled += 1
        except Exception:  # noqa: BLE001, S112 - a duplicate pick; not what is measured
            continue
    DevelopmentRecord.objects.bulk_create([
        DevelopmentRecord(employee_id=pk, source=RecordSource.EXTERNAL, title="Diklat", route="pelatihan",
                          competency_kind="teknis", provider="BKPSDM", start_date=dt.date(today.year, 3, 1),
                          end_date=dt.date(today.year, 3, 2), year=today.year, jp=rng.choice([4, 8, 12, 24]),
                          status=RecordStatus.VERIFIED)
        for pk, _u, _k in employees[::3]
    ], batch_size=2000)
    print(f"training: 24 programmes, {len(sessions)} sessions, {enrolled} registrations, "
          f"{len(employees[::3])} JP records", flush=True)
    return period, user


def run(args, env) -> int:
    migrate_and_seed(env, args.employees)

    import django

    django.setup()
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext
    from django.urls import reverse

    from pelatihan.selectors import matching, needs

    with step("build scores, programmes, sessions", 44):
        period, user = build(args)
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")

    # As in production (DB_CONN_MAX_AGE=60): keep the connection between requests instead of
    # reconnecting for each one (the test settings' CONN_MAX_AGE=0 would time a reconnect, and
    # the reconnect would also hide the queries from CaptureQueriesContext).
    connection.settings_dict["CONN_MAX_AGE"] = None
    client = Client()
    client.force_login(user)
    needs_url = reverse("pelatihan:needs-analysis", args=[period.code])
    matching_url = reverse("pelatihan:matching-list", args=[period.code])
    # Warm up (template loading, translations, connection).
    assert client.get(needs_url).status_code == 200
    assert client.get(matching_url).status_code == 200

    # Count right away: the next request's request_started signal empties the query log that
    # CaptureQueriesContext reads lazily.
    with CaptureQueriesContext(connection) as captured:
        response = client.get(needs_url)
    assert response.status_code == 200
    needs_queries = len(captured)
    with CaptureQueriesContext(connection) as captured:
        response = client.get(matching_url)
    assert response.status_code == 200
    matching_queries = len(captured)

    needs_ms, _r = timed(lambda: client.get(needs_url), args.runs)
    matching_ms, _r = timed(lambda: client.get(matching_url), args.runs)
    raw_needs_ms, rows = timed(lambda: needs.needs_analysis(period), args.runs)
    raw_matching_ms, matches = timed(lambda: matching.match_period(period), args.runs)
    unit = period.appraisals.select_related("unit__parent").first().unit
    unit = unit.parent or unit
    unit_needs_ms, _r = timed(lambda: client.get(needs_url, {"unit": unit.pk}), args.runs)
    unit_matching_ms, _r = timed(lambda: client.get(matching_url, {"unit": unit.pk}), args.runs)

    print(f"needs page: {len(rows)} indicators ranked; matching: {len(matches)} employees with a gap, "
          f"{sum(1 for r in matches if r.matches)} with a matching open session; "
          f"{sum(len(r.matches) for r in matches)} recommendations")
    print(f"needs page (Client, median of {args.runs})        {needs_ms:8.1f} ms, {needs_queries} queries")
    print(f"matching page (Client, median of {args.runs})     {matching_ms:8.1f} ms, {matching_queries} queries")
    print(f"needs selector alone                        {raw_needs_ms:8.1f} ms")
    print(f"match_period, whole period, alone           {raw_matching_ms:8.1f} ms")
    print(f"needs page, one SKPK ({unit.label})       {unit_needs_ms:8.1f} ms")
    print(f"matching page, one SKPK                     {unit_matching_ms:8.1f} ms")
    ok = needs_ms <= 300 and matching_ms <= 300
    print(f"target (each page <= 300 ms): {'met' if ok else 'NOT met'}")
    print(f"needs_ms={needs_ms:.0f} matching_ms={matching_ms:.0f} queries={max(needs_queries, matching_queries)}")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
