"""The demo's appraisal history: annual periods, scores with two systematic gaps, and ratings.

Years are counted back from the day of the build: the past periods are closed; this year's is
open for self-evaluation — the demo teacher's is still empty, the demo school head's team waits
for the head's assessment, and about half of everyone else has been assessed already. Scores
follow a believable pattern with the gaps of ``data/appraisal.yaml`` so the gap pages tell a
story. The builder may pass who improved on which indicator after training, so the years after
it show the effect of training (the Dinas Pendidikan story of ``story.py``).

Deterministic without a random generator: every draw is a crc32 of a key (employee, indicator,
year), stable across processes and independent of the order rows are visited. Idempotent: a
period that exists is left as it is. Written through the period services and the bulk import.
"""

from __future__ import annotations

import datetime as dt
import math
import zlib

from django.db import transaction
from django.db.models import F
from django.utils import timezone

from penilaian import rules
from penilaian.catalogue import catalogue_ensure
from penilaian.imports.columns import KIND_SCORES
from penilaian.imports.run import run_import
from penilaian.models import Appraisal, AppraisalPeriod, AppraisalStatus, Employee, PeriodStatus, Score, UnitKind
from penilaian.models import PositionKind as PK
from penilaian.selectors.register import unit_roots
from penilaian.services import periods as period_services
from portal.core.audit import record
from portal.core.tables import Table

from .loader import load
from .register import DEMO_EMPLOYEE_EMAIL, DEMO_SUPERVISOR_EMAIL

APPRAISAL = load("appraisal")
PAST_YEARS_AGO = tuple(sorted(APPRAISAL["past_years_ago"], reverse=True))  # oldest first
# (audience, indicator code) → {years ago: shift of the score in levels}
SYSTEMATIC_GAPS = {(g["audience"], g["indicator"]): g["shift"] for g in APPRAISAL["systematic_gaps"]}
TRAINING_EFFECT = APPRAISAL["training_effect"]  # levels gained on a trained indicator (the story's numbers)


def demo_years(today: dt.date) -> tuple[tuple[int, ...], int]:
    """(the closed past years, oldest first; this year) of a demo built on ``today``."""
    return tuple(today.year - n for n in PAST_YEARS_AGO), today.year


def _unit_draw(key: str) -> float:
    """A deterministic number in [0, 1) for ``key`` (crc32: stable across processes)."""
    return zlib.crc32(key.encode()) / 2**32


def _gauss(key: str, sigma: float) -> float:
    """Deterministic normal-ish noise from two crc32 draws (Box–Muller)."""
    u1 = max(_unit_draw(key + "#a"), 1e-9)
    u2 = _unit_draw(key + "#b")
    return sigma * math.sqrt(-2 * math.log(u1)) * math.cos(2 * math.pi * u2)


def demo_scores(
    *, year: int, years_ago: int, employees, improved: frozenset = frozenset(), fraction_assessed=1.0,
    fraction_self=1.0, overrides: dict | None = None, waiting: frozenset = frozenset(),
):
    """Rows (nip, indicator code, period code, self score, supervisor score) for the import.
    ``employees``: (employee, is teacher, code of their SKPK, [(indicator code, expected level)]);
    ``overrides``: {(nip, indicator code, years ago): supervisor score}; ``waiting``: NIPs whose
    self-evaluation is in and whose supervisor has not assessed them yet."""
    rows = []
    overrides = overrides or {}
    for employee, is_teacher, root_code, scored in employees:
        # Everyone grows a little every year (0.1 level), from the oldest year of the demo on.
        ability = _gauss(f"ability:{employee.nip}", 0.55) + 0.1 * (PAST_YEARS_AGO[0] - years_ago)
        assessed = _unit_draw(f"assessed:{employee.nip}:{year}") < fraction_assessed and employee.nip not in waiting
        self_done = assessed or employee.nip in waiting or _unit_draw(f"self:{employee.nip}:{year}") < fraction_self
        if not self_done:
            continue
        for code, expected in scored:
            shift = 0.0
            if is_teacher:
                shift += SYSTEMATIC_GAPS.get(("teacher", code), {}).get(years_ago, 0.0)
            shift += SYSTEMATIC_GAPS.get((root_code, code), {}).get(years_ago, 0.0)
            if (employee.pk, code) in improved:
                shift += TRAINING_EFFECT
            raw = expected + 0.2 + ability + shift + _gauss(f"s:{employee.nip}:{code}:{year}", 0.55)
            supervisor = min(5, max(1, round(raw)))
            supervisor = overrides.get((employee.nip, code, years_ago), supervisor)
            self_score = min(5, max(1, round(raw + 0.5 + _gauss(f"self:{employee.nip}:{code}:{year}", 0.6))))
            rows.append(
                [employee.nip, code, str(year), str(self_score), str(supervisor) if assessed else ""]
            )
    return rows


def seed_appraisals(*, years, today: dt.date, improved: frozenset = frozenset()) -> dict[int, int]:
    """Create the demo periods of ``years`` and their scores (idempotent: a period that exists is
    left as it is). ``today.year``'s period stays open for self-evaluation; earlier ones are
    closed. ``improved`` = {(employee id, indicator code)} who completed training on that
    indicator before these years' appraisals. Returns the scores written by year."""
    catalogue_ensure()
    created = {}
    for year in years:
        if AppraisalPeriod.objects.filter(year=year, kind="annual", number=None).exists():
            continue
        with transaction.atomic():
            created[year] = _seed_period(year, years_ago=today.year - year, improved=improved)
    return created


def _people(period: AppraisalPeriod) -> list[tuple]:
    """Everyone appraised in ``period``, by NIP, with what ``demo_scores`` needs to know."""
    roots = unit_roots()
    scored: dict[int, list] = {}
    for appraisal_id, code, expected in Score.objects.filter(appraisal__period=period).values_list(
        "appraisal_id", "indicator__code", "expected_level"
    ):
        scored.setdefault(appraisal_id, []).append((code, expected))
    people = []
    for a in Appraisal.objects.filter(period=period).select_related("employee", "unit"):
        e = a.employee
        is_teacher = a.unit.kind == UnitKind.SEKOLAH and e.position_kind == PK.FUNGSIONAL
        people.append((e, is_teacher, roots[a.unit_id].code, scored.get(a.pk, [])))
    people.sort(key=lambda p: p[0].nip)
    return people


def _demo_team(demo_nip: str | None) -> frozenset:
    """NIPs whose self-evaluations of this year wait for their supervisor: the demo school head's
    team without the demo teacher, and the staff of ``current_waiting_units``."""
    head_team = Employee.objects.filter(supervisor__email=DEMO_SUPERVISOR_EMAIL, is_active=True).exclude(nip=demo_nip)
    units = Employee.objects.filter(
        unit__code__in=APPRAISAL.get("current_waiting_units", []), supervisor__unit=F("unit"), is_active=True
    )
    return frozenset(head_team.values_list("nip", flat=True)) | frozenset(units.values_list("nip", flat=True))


def _seed_period(year: int, *, years_ago: int, improved: frozenset) -> int:
    period = period_services.period_create(
        year=year, kind="annual", number=None, name=APPRAISAL["period_name"].format(year=year),
        start_date=dt.date(year, 1, 1), end_date=dt.date(year, 12, 31),
    )
    period_services.period_advance(period=period, to_status=PeriodStatus.SELF_EVALUATION)
    people = _people(period)
    current = years_ago == 0
    demo_nip = Employee.objects.filter(email=DEMO_EMPLOYEE_EMAIL).values_list("nip", flat=True).first()
    overrides = {(demo_nip, s["indicator"], s["years_ago"]): s["score"] for s in APPRAISAL["demo_teacher_scores"]}
    rows = demo_scores(
        year=year, years_ago=years_ago, employees=people, improved=improved, overrides=overrides,
        fraction_assessed=APPRAISAL["current_fraction_assessed"] if current else 1.0,
        fraction_self=APPRAISAL["current_fraction_self"] if current else 1.0,
        waiting=_demo_team(demo_nip) if current else frozenset(),
    )
    if current:
        # The demo teacher's self-evaluation is open and empty: theirs to fill in.
        rows = [r for r in rows if r[0] != demo_nip]
    table = Table(
        headers=["nip", "indicator", "period", "self_score", "supervisor_score"],
        rows=[(i + 2, r) for i, r in enumerate(rows)],
    )
    result = run_import(KIND_SCORES, table, dry_run=False)
    if not result.ok:
        raise RuntimeError(f"demo scores did not import: {result.errors[:3]}")
    _conclude(period=period, finalise=not current)
    if not current:
        period_services.period_advance(period=period, to_status=PeriodStatus.SUPERVISOR_ASSESSMENT)
        period_services.period_advance(period=period, to_status=PeriodStatus.CLOSED)
    return result.changed


def _conclude(*, period: AppraisalPeriod, finalise: bool) -> None:
    """Demo shortcut for what supervisors do one by one in the portal: assessed appraisals get
    the suggested ratings (hasil kerja from the SKP achievement score), the predikat from the
    matrix and, in closed years, the approver's finalisation. Bulk, with one audit record."""
    skp = dict(
        Score.objects.filter(appraisal__period=period, indicator__code=rules.HASIL_KERJA_INDICATOR).values_list(
            "appraisal_id", "supervisor_score"
        )
    )
    now = timezone.now()
    # Group by outcome so the write is one UPDATE per (hasil kerja, perilaku) pair, not per row.
    groups: dict[tuple[str, str], list[int]] = {}
    for pk, suggested in Appraisal.objects.filter(period=period, status=AppraisalStatus.ASSESSED).values_list(
        "pk", "rating_perilaku_suggested"
    ):
        hasil = rules.suggest_hasil_kerja(skp.get(pk))
        if hasil and suggested:
            groups.setdefault((hasil, suggested), []).append(pk)
    changed = 0
    for (hasil, perilaku), pks in groups.items():
        fields = {
            "rating_hasil_kerja": hasil, "rating_perilaku": perilaku, "predikat": rules.predikat_for(hasil, perilaku),
            "feedback": APPRAISAL["feedback"], "assessed_at": now,
        }
        if finalise:
            fields.update(status=AppraisalStatus.FINALISED, finalised_at=now)
        for i in range(0, len(pks), 900):
            changed += Appraisal.objects.filter(pk__in=pks[i : i + 900]).update(**fields)
    # The action keeps its name from when this lived in the appraisal app (penilaian registers it).
    record(period, "penilaian.demo.conclude", data={"appraisals": changed, "finalised": finalise})
