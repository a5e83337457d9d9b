"""The development record read back: JP per year (verified records only)."""

import datetime as dt

from pelatihan.selectors.history import development_history
from pelatihan.services.completion import (
    external_record_create,
    external_record_verify,
)


def test_jp_totals_per_year_count_only_verified_records(city, hr_user):
    teacher = city.teacher
    external_record_create(
        employee=teacher, title="Diklat A", route="kursus", competency_kind="teknis", provider="LAN",
        start_date=dt.date(2024, 3, 1), end_date=dt.date(2024, 3, 3), jp=12, actor=hr_user,
    )
    r2 = external_record_create(
        employee=teacher, title="Diklat B", route="seminar", competency_kind="teknis", provider="LAN",
        start_date=dt.date(2024, 5, 1), end_date=dt.date(2024, 5, 1), jp=10, actor=hr_user,
    )
    r3 = external_record_create(
        employee=teacher, title="Diklat C", route="e_learning", competency_kind="manajerial", provider="LMS",
        start_date=dt.date(2025, 12, 30), end_date=dt.date(2026, 1, 2), jp=8, actor=hr_user,
    )
    external_record_verify(record_=r2, actor=hr_user)
    external_record_verify(record_=r3, actor=hr_user)
    _records, years = development_history(teacher)
    totals = {y.year: y.jp for y in years}
    assert totals[2024] == 10  # the pending Diklat A does not count
    assert totals[2026] == 8  # credited to the year it ended
    assert all(y.target == 20 for y in years)
