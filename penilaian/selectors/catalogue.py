"""Reads of the indicator catalogue: who is appraised on which indicator, and the expected
level per position kind."""

from __future__ import annotations

from penilaian import rules
from penilaian.models import Audience, Employee, Indicator, IndicatorExpectation, IndicatorKind, PositionKind, UnitKind

from .register import unit_roots

LEADER_KINDS = frozenset(
    {PositionKind.JPT_UTAMA, PositionKind.JPT_MADYA, PositionKind.JPT_PRATAMA, PositionKind.ADMINISTRATOR,
     PositionKind.PENGAWAS}
)
SCORED_KINDS = frozenset(
    {IndicatorKind.PERILAKU, IndicatorKind.TEKNIS, IndicatorKind.MANAJERIAL, IndicatorKind.SOSIAL_KULTURAL,
     IndicatorKind.HASIL_KERJA}
)


def expected_levels() -> dict[tuple[int, str | None], int]:
    """Expected level per (indicator id, position kind), with (indicator id, None) as the
    indicator's default. Two queries, for bulk work (imports, gap reports)."""
    levels: dict[tuple[int, str | None], int] = {
        (pk, None): level for pk, level in Indicator.objects.values_list("pk", "expected_level")
    }
    for indicator_id, kind, level in IndicatorExpectation.objects.values_list(
        "indicator_id", "position_kind", "expected_level"
    ):
        levels[(indicator_id, kind)] = level
    return levels


def expected_level(levels: dict, indicator_id: int, position_kind: str) -> int:
    """Look up ``expected_levels()``: the position kind's own level, else the default."""
    return levels.get((indicator_id, position_kind), levels[(indicator_id, None)])


def audiences_for(employee: Employee, unit_kind: str, root_code: str) -> set[str]:
    audiences = {Audience.ALL}
    if unit_kind == UnitKind.SEKOLAH and employee.position_kind == PositionKind.FUNGSIONAL:
        audiences.add(Audience.TEACHERS)
    if unit_kind == UnitKind.PUSKESMAS or root_code in rules.HEALTH_ROOT_UNITS:
        audiences.add(Audience.HEALTH)
    if employee.position_kind in LEADER_KINDS:
        audiences.add(Audience.LEADERS)
    return audiences


def indicators_for(employee: Employee) -> list[Indicator]:
    """The indicators an employee is appraised on: the seven BerAKHLAK values, work results and
    the competencies of their audience (teachers, health staff, structural leaders, everyone).
    The 21 guideline behaviours are guidance under each value, not scored separately."""
    root = unit_roots().get(employee.unit_id)
    audiences = audiences_for(employee, employee.unit.kind, root.code if root else "")
    return list(
        Indicator.objects.filter(is_active=True, kind__in=SCORED_KINDS, audience__in=audiences).order_by(
            "sort_order", "code"
        )
    )
