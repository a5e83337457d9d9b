"""Changes to the indicator catalogue. HR edits indicators in the Wagtail admin afterwards; the
bulk indicator import is ``penilaian.imports``."""

from __future__ import annotations

from django.db import transaction

from penilaian.models import Indicator, IndicatorExpectation
from portal.core.audit import record


@transaction.atomic
def indicator_ensure(
    *, code: str, name: str, kind: str, description: str = "", parent: Indicator | None = None,
    level_descriptions: list[str] | None = None, expected_level: int = 3, audience: str = "all",
    expectations: dict[str, int] | None = None, sort_order: int = 0, actor=None,
) -> tuple[Indicator, bool]:
    """Return the indicator with ``code``, creating it (with its per-position-kind expected
    levels) when it does not exist. An existing indicator is left as HR edited it."""
    indicator = Indicator.objects.filter(code=code).first()
    if indicator is not None:
        return indicator, False
    indicator = Indicator(
        code=code, name=name, kind=kind, description=description, parent=parent, audience=audience,
        level_descriptions=list(level_descriptions or ["", "", "", "", ""]), expected_level=expected_level,
        sort_order=sort_order,
    )
    indicator.full_clean()
    indicator.save()
    for position_kind, level in (expectations or {}).items():
        expectation = IndicatorExpectation(indicator=indicator, position_kind=position_kind, expected_level=level)
        expectation.full_clean()
        expectation.save()
    record(indicator, "penilaian.indicator.create", actor=actor, data={"code": code, "kind": kind})
    return indicator, True
