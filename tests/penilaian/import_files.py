"""Shared data for the import and export tests (fixtures are imported by the test modules)."""

from __future__ import annotations

import datetime
import io

from penilaian.models import (
    AppraisalPeriod,
    Indicator,
    IndicatorExpectation,
    IndicatorKind,
    PeriodKind,
    PeriodStatus,
    PositionKind,
)


def make_period(year=2025, *, kind=PeriodKind.ANNUAL, number=None, status=PeriodStatus.SUPERVISOR_ASSESSMENT):
    return AppraisalPeriod.objects.create(
        year=year, kind=kind, number=number, name=f"Periode {year}", start_date=datetime.date(year, 1, 1),
        end_date=datetime.date(year, 12, 31), status=status,
    )


def make_indicators():
    """Two BerAKHLAK values and two competencies; literasi digital expects 2 of a pelaksana."""
    made = {}
    for order, (code, kind) in enumerate([
        ("ba-pelayanan", IndicatorKind.PERILAKU), ("ba-akuntabel", IndicatorKind.PERILAKU),
        ("kt-literasi-digital", IndicatorKind.TEKNIS), ("kt-pedagogik", IndicatorKind.TEKNIS),
    ]):
        made[code] = Indicator.objects.create(code=code, name=code.replace("-", " ").title(), kind=kind, sort_order=order)
    IndicatorExpectation.objects.create(
        indicator=made["kt-literasi-digital"], position_kind=PositionKind.PELAKSANA, expected_level=2
    )
    return made


def csv_bytes(rows: list[list]) -> bytes:
    return "\n".join(",".join(str(c) for c in row) for row in rows).encode()


def xlsx_bytes(rows: list[list]) -> bytes:
    from openpyxl import Workbook

    workbook = Workbook()
    sheet = workbook.active
    for row in rows:
        sheet.append(row)
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()
