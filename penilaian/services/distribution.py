"""BKPSDM sets each top-level unit's (SKPK's) own predikat for a period; it picks the row of the
distribution pattern the unit's staff predikat are held against."""

from __future__ import annotations

from django.db import transaction
from django.utils.translation import gettext as _

from penilaian.exceptions import AppraisalError
from penilaian.models import AppraisalPeriod, OrganisationPredikat, Unit, UnitPredikat
from portal.core.audit import record
from portal.core.roles import is_hr


@transaction.atomic
def unit_predikat_set(*, unit: Unit, period: AppraisalPeriod, predikat: str, actor=None) -> UnitPredikat | None:
    """Set (or, with an empty ``predikat``, clear) a top-level unit's own predikat for the
    period. Only BKPSDM (``actor`` None: a system job such as the demo). Raises
    ``AppraisalError`` (not_hr, not_top_level, bad_predikat)."""
    if actor is not None and not is_hr(actor):
        raise AppraisalError(_("Only BKPSDM sets a unit's own predikat."), code="not_hr")
    if unit.parent_id is not None:
        raise AppraisalError(_("Only a top-level unit (SKPK) has its own predikat."), code="not_top_level")
    existing = UnitPredikat.objects.select_for_update().filter(unit=unit, period=period).first()
    if not predikat:
        if existing is not None:
            existing.delete()
            record(unit, "penilaian.unit_predikat.set", actor=actor, data={"period": period.code, "predikat": ""})
        return None
    if predikat not in OrganisationPredikat.values:
        raise AppraisalError(_("Unknown predikat."), code="bad_predikat")
    if existing is not None and existing.predikat == predikat:
        return existing
    row = existing or UnitPredikat(unit=unit, period=period)
    row.predikat, row.set_by = predikat, actor if actor is not None and actor.is_authenticated else None
    row.full_clean()
    row.save()
    record(unit, "penilaian.unit_predikat.set", actor=actor, data={"period": period.code, "predikat": predikat})
    return row
