"""BKPSDM's period checklist: per top-level unit (SKPK), how far the period has come — completion,
the distribution against the pattern, expectations set and acknowledged, final appraisals
acknowledged, objections open and decided — and the totals the ``period_report`` command's last
line prints. Aggregated in the database: a fixed number of queries whatever the size."""

from __future__ import annotations

from dataclasses import dataclass, field

from django.db.models import Count, Q

from penilaian.models import (
    Appraisal,
    AppraisalPeriod,
    AppraisalReceipt,
    AppraisalStatus,
    Evidence,
    FeedbackNote,
    MultisourceResponse,
    Objection,
    ObjectionStatus,
    PerformancePlan,
    Unit,
)

from . import distribution as distribution_selectors
from .register import unit_roots


@dataclass
class UnitChecklist:
    unit: Unit
    appraisals: int = 0
    done: int = 0
    expectations: int = 0
    expectations_acknowledged: int = 0
    final: int = 0
    handed_over: int = 0  # final appraisals sent to the employee through the portal (a receipt)
    acknowledged: int = 0
    objections_open: int = 0
    objections_decided: int = 0
    distribution: distribution_selectors.UnitDistribution | None = None

    @staticmethod
    def _rate(part: int, whole: int) -> float | None:
        return part / whole if whole else None

    @property
    def completion(self) -> float | None:
        return self._rate(self.done, self.appraisals)

    @property
    def expectations_rate(self) -> float | None:
        return self._rate(self.expectations, self.appraisals)

    @property
    def acknowledgement_rate(self) -> float | None:
        return self._rate(self.acknowledged, self.handed_over)


@dataclass
class PeriodChecklist:
    period: AppraisalPeriod
    units: list[UnitChecklist] = field(default_factory=list)
    totals: dict[str, int] = field(default_factory=dict)

    def summary_line(self) -> str:
        """The command's last line: ``expectations=<n> evidence=<n> … units_outside_pattern=<n>``."""
        return " ".join(f"{key}={self.totals[key]}" for key in TOTAL_KEYS)


TOTAL_KEYS = ("expectations", "evidence", "feedback_notes", "multisource_responses", "acknowledged",
              "objections_decided", "objections_open", "units_outside_pattern")


def _count_by_unit(rows, roots, table, attribute: str) -> None:
    """Add (unit id, n) rows to ``attribute`` of the unit's SKPK row (opened when missing)."""
    for unit_id, n in rows:
        root = roots[unit_id]
        entry = table.setdefault(root.pk, UnitChecklist(root))
        setattr(entry, attribute, getattr(entry, attribute) + n)


def period_checklist(period: AppraisalPeriod) -> PeriodChecklist:
    roots = unit_roots()
    table: dict[int, UnitChecklist] = {}
    appraisals = (
        Appraisal.objects.filter(period=period).values("unit_id")
        .annotate(n=Count("pk"), done=Count("pk", filter=Q(status__in=[AppraisalStatus.ASSESSED, AppraisalStatus.FINALISED])),
                  final=Count("pk", filter=Q(status=AppraisalStatus.FINALISED)))
        .values_list("unit_id", "n", "done", "final").order_by()
    )
    for unit_id, n, done, final in appraisals:
        entry = table.setdefault(roots[unit_id].pk, UnitChecklist(roots[unit_id]))
        entry.appraisals += n
        entry.done += done
        entry.final += final
    plans = PerformancePlan.objects.filter(period=period, results__isnull=False).distinct()
    _count_by_unit(
        PerformancePlan.objects.filter(pk__in=plans.values("pk")).values("employee__unit_id")
        .annotate(n=Count("pk")).values_list("employee__unit_id", "n").order_by(), roots, table, "expectations")
    _count_by_unit(
        PerformancePlan.objects.filter(pk__in=plans.values("pk"), acknowledged_at__isnull=False)
        .values("employee__unit_id").annotate(n=Count("pk")).values_list("employee__unit_id", "n").order_by(),
        roots, table, "expectations_acknowledged")
    receipts = list(
        AppraisalReceipt.objects.filter(appraisal__period=period).values("appraisal__unit_id")
        .annotate(n=Count("pk"), acknowledged=Count("pk", filter=Q(acknowledged_at__isnull=False)))
        .values_list("appraisal__unit_id", "n", "acknowledged").order_by())
    _count_by_unit([(u, n) for u, n, _a in receipts], roots, table, "handed_over")
    _count_by_unit([(u, a) for u, _n, a in receipts], roots, table, "acknowledged")
    objections = list(
        Objection.objects.filter(appraisal__period=period).values("appraisal__unit_id")
        .annotate(open=Count("pk", filter=Q(status=ObjectionStatus.OPEN)),
                  decided=Count("pk", filter=Q(status=ObjectionStatus.DECIDED)))
        .values_list("appraisal__unit_id", "open", "decided").order_by())
    _count_by_unit([(u, n) for u, n, _d in objections], roots, table, "objections_open")
    _count_by_unit([(u, n) for u, _o, n in objections], roots, table, "objections_decided")
    outside = 0
    for distribution in distribution_selectors.distributions(period, roots=roots):
        if distribution.unit.pk in table:
            table[distribution.unit.pk].distribution = distribution
        outside += distribution.outside
    units = sorted(table.values(), key=lambda e: e.unit.name)
    totals = {
        "expectations": sum(u.expectations for u in units),
        "evidence": Evidence.objects.filter(result__plan__period=period).count(),
        "feedback_notes": FeedbackNote.objects.filter(period=period).count(),
        "multisource_responses": MultisourceResponse.objects.filter(round__period=period).count(),
        "acknowledged": sum(u.acknowledged for u in units),
        "objections_decided": sum(u.objections_decided for u in units),
        "objections_open": sum(u.objections_open for u in units),
        "units_outside_pattern": outside,
    }
    return PeriodChecklist(period, units, totals)
