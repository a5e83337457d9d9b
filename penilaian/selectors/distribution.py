"""Reads of the distribution pattern: each top-level unit's (SKPK's) staff predikat in a period
against the row of ``rules.DISTRIBUTION_PATTERN`` its own predikat picks, and what breaks it.
Every appraisal with a predikat counts (as in ``periods.period_overview``), so the approver sees
the distribution the unit is heading for before finalising. A fixed number of queries."""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import Count
from django.utils.translation import gettext as _

from penilaian import rules
from penilaian.models import (
    Appraisal,
    AppraisalPeriod,
    OrganisationPredikat,
    Predikat,
    Unit,
    UnitPredikat,
)

from .register import unit_roots


@dataclass
class UnitDistribution:
    unit: Unit
    organisation_predikat: str | None
    counts: dict[str, int] = field(default_factory=dict)
    breaches: list[rules.Breach] = field(default_factory=list)

    @property
    def total(self) -> int:
        return sum(self.counts.values())

    @property
    def outside(self) -> bool:
        return bool(self.breaches)

    @property
    def organisation_predikat_label(self) -> str:
        return OrganisationPredikat(self.organisation_predikat).label if self.organisation_predikat else ""

    def rows(self) -> list[dict]:
        """One row per staff predikat, best first: number, share, and whether a broken rule
        names it."""
        broken = {p for b in self.breaches for p in b.predikats}
        return [
            {"predikat": p, "label": Predikat(p).label, "n": self.counts.get(p, 0),
             "share": Decimal(self.counts.get(p, 0)) / self.total if self.total else Decimal(0), "broken": p in broken}
            for p in rules.PREDIKAT_ORDER
        ]

    def problems(self) -> list[str]:
        return [describe(b) for b in self.breaches]


def _names(predikats) -> str:
    return _(" or ").join(str(Predikat(p).label) for p in predikats)


def _percent(value: Decimal) -> str:
    return f"{(value * 100).quantize(Decimal('1'))}%"


def describe(breach: rules.Breach) -> str:
    """A broken rule as a sentence for the approver and BKPSDM."""
    names, share = _names(breach.predikats), _percent(breach.share)
    if breach.rule == "most":
        return _("%(names)s should be the most frequent predikat (now %(share)s).") % {"names": names, "share": share}
    if breach.rule == "max" and breach.limit == 0:
        return _("No employee may be rated %(names)s (now %(share)s).") % {"names": names, "share": share}
    if breach.rule == "max":
        return _("At most %(limit)s may be rated %(names)s (now %(share)s).") % {
            "limit": _percent(breach.limit), "names": names, "share": share}
    if breach.rule == "min":
        return _("At least %(limit)s must be rated %(names)s (now %(share)s).") % {
            "limit": _percent(breach.limit), "names": names, "share": share}
    return _("There must be at least one employee rated %(names)s.") % {"names": names}


def distributions(period: AppraisalPeriod, *, root_ids=None, roots=None) -> list[UnitDistribution]:
    """Every SKPK with rated staff or an organisation predikat in ``period`` (or only those in
    ``root_ids``), by name. Three queries (two with ``roots``, ``unit_roots()`` already read)."""
    roots = roots if roots is not None else unit_roots()
    result: dict[int, UnitDistribution] = {}

    def entry(root: Unit) -> UnitDistribution:
        return result.setdefault(root.pk, UnitDistribution(root, None, dict.fromkeys(rules.PREDIKAT_ORDER, 0)))

    for unit_id, predikat in UnitPredikat.objects.filter(period=period).values_list("unit_id", "predikat"):
        if unit_id in roots:
            entry(roots[unit_id]).organisation_predikat = predikat
    rows = (
        Appraisal.objects.filter(period=period).exclude(predikat="")
        .values("unit_id", "predikat").annotate(n=Count("pk")).order_by()
    )
    for row in rows:
        entry(roots[row["unit_id"]]).counts[row["predikat"]] += row["n"]
    found = [d for d in result.values() if root_ids is None or d.unit.pk in root_ids]
    for d in found:
        if d.organisation_predikat:
            d.breaches = rules.check_distribution(d.organisation_predikat, d.counts)
    return sorted(found, key=lambda d: d.unit.name)


def unit_distribution(period: AppraisalPeriod, unit: Unit) -> UnitDistribution:
    """The distribution of the SKPK ``unit`` belongs to."""
    root = unit_roots().get(unit.pk, unit)
    found = distributions(period, root_ids={root.pk})
    return found[0] if found else UnitDistribution(root, None, dict.fromkeys(rules.PREDIKAT_ORDER, 0))


def units_outside_pattern(period: AppraisalPeriod) -> list[UnitDistribution]:
    """The SKPK whose staff predikat break the row of their own predikat (BKPSDM's list)."""
    return [d for d in distributions(period) if d.outside]


def organisation_predikats(period: AppraisalPeriod) -> dict[int, str]:
    """SKPK id → its own predikat in ``period``."""
    return dict(UnitPredikat.objects.filter(period=period).values_list("unit_id", "predikat"))
