"""Indicator imports: line-numbered errors, parents by code, idempotency."""

from penilaian.imports.run import run_import
from penilaian.models import Indicator
from portal.core.tables import read_table
from tests.penilaian.import_files import csv_bytes, make_indicators

IND = ["code", "name", "kind", "parent", "expected_level", "audience", "is_active"]


def indicators(rows, dry_run=False):
    return run_import("indicators", read_table(csv_bytes(rows)), dry_run=dry_run)


def test_indicators_are_added_updated_and_a_second_run_changes_nothing(db):
    make_indicators()
    rows = [
        IND,
        ["ba-pelayanan", "Berorientasi Pelayanan", "perilaku", "", 3, "all", 1],
        ["ba-pelayanan-1", "Memahami kebutuhan masyarakat", "perilaku_behaviour", "ba-pelayanan", 3, "all", "ya"],
        ["kt-arsip", "Kearsipan", "teknis", "", 2, "all", 1],
    ]
    result = indicators(rows)
    assert result.ok and (result.created, result.updated) == (2, 1)
    assert Indicator.objects.get(code="ba-pelayanan-1").parent.code == "ba-pelayanan"
    assert Indicator.objects.get(code="ba-pelayanan").name == "Berorientasi Pelayanan"
    again = indicators(rows)
    assert again.ok and again.changed == 0 and again.unchanged == 3


def test_indicator_rows_are_checked_with_line_numbers(db):
    result = indicators([
        IND,
        ["kt-a", "A", "teknis", "", 3, "all", 1],
        ["kt-b", "B", "bukan-jenis", "", 3, "all", 1],
        ["kt-c", "C", "teknis", "tidak-ada", 3, "all", 1],
        ["kt-d", "D", "teknis", "", 9, "all", 1],
        ["kt-a", "A lagi", "teknis", "", 3, "all", 1],
        ["kt-e", "E", "teknis", "", "tiga", "semua", "mungkin"],
    ])
    assert [e.line for e in result.errors] == [3, 4, 5, 6, 7]
    assert not Indicator.objects.exists()
