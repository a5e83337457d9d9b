"""A formula in any imported column is a line error ("paste as values"), never a silent blank:
XLSX files written by openpyxl with real formulas (no cached value, as many programs write
them), and CSV cells written as formulas in a number column."""

import pytest
from django.utils import translation

from penilaian.imports.run import run_import
from penilaian.models import Appraisal, Employee, Indicator, Score
from portal.core.tables import read_table
from tests import factories as f
from tests.penilaian.import_files import csv_bytes, make_indicators, make_period, xlsx_bytes

HEADER = ["nip", "indicator", "period", "self_score", "supervisor_score"]
HYPERLINK = '=HYPERLINK("http://x","y")'


def run(kind, data, name="f.xlsx", **kwargs):
    with translation.override("id"):
        return run_import(kind, read_table(data, name), **{"dry_run": False, **kwargs})


@pytest.mark.parametrize(("row", "column"), [
    (["NIP", "ba-pelayanan", "2025", 4, "=2+2"], "supervisor_score"),
    (["NIP", "ba-pelayanan", "2025", "=2+2", ""], "self_score"),
    ([HYPERLINK, "ba-pelayanan", "2025", 4, 3], "nip"),
    (["NIP", "=A1", "2025", 4, 3], "indicator"),
    (["NIP", "ba-pelayanan", "=2020+5", 4, 3], "period"),
])
def test_a_formula_in_any_score_column_is_a_line_error_and_nothing_is_written(city, row, column):
    make_period()
    make_indicators()
    row = [city.teacher.nip if c == "NIP" else c for c in row]
    data = xlsx_bytes([HEADER, [city.nurse.nip, "kt-pedagogik", "2025", 3, 3], row])
    result = run("scores", data)
    assert [e.line for e in result.errors] == [3]
    message = result.errors[0].message
    assert message.startswith(f"{column}: ") and "rumus" in message and "tempel sebagai nilai" in message
    assert Score.objects.count() == 0 and Appraisal.objects.count() == 0


def test_a_stored_score_is_not_kept_silently_when_the_file_has_a_formula(city):
    """The defect: the formula read as blank, the row "kept the stored score" and imported."""
    make_period()
    make_indicators()
    run("scores", csv_bytes([HEADER, [city.teacher.nip, "ba-pelayanan", "2025", 4, 3]]), name="a.csv")
    result = run("scores", xlsx_bytes([HEADER, [city.teacher.nip, "ba-pelayanan", "2025", 5, "=2+2"]]))
    assert not result.ok
    assert Score.objects.get().self_score == 4


def test_a_csv_cell_written_as_a_formula_in_a_number_column(city):
    make_period()
    make_indicators()
    result = run("scores", csv_bytes([HEADER, [city.teacher.nip, "ba-pelayanan", "2025", 4, "=2+2"]]), name="a.csv",
                 dry_run=True)
    assert result.errors[0].line == 2
    assert "rumus (=2+2) tidak diterima" in result.errors[0].message


def test_a_formula_in_an_employee_file(city):
    nip = f.make_nip(birth="19900101", appointment="201501", gender=2, sequence=7)
    data = xlsx_bytes([["nip", "name", "position_name", "position_kind", "unit"],
                       [nip, HYPERLINK, "Guru", "pelaksana", "sdn-1"]])
    result = run("employees", data)
    assert [e.line for e in result.errors] == [2] and "rumus" in result.errors[0].message
    assert not Employee.objects.filter(nip=nip).exists()


@pytest.mark.parametrize("row", [
    ["kt-arsip", "Kearsipan", "teknis", "=1+2"],
    ["kt-arsip", '=CONCAT("Kear","sipan")', "teknis", 3],
])
def test_a_formula_in_an_indicator_file(db, row):
    result = run("indicators", xlsx_bytes([["code", "name", "kind", "expected_level"], row]))
    assert [e.line for e in result.errors] == [2] and "rumus" in result.errors[0].message
    assert not Indicator.objects.filter(code="kt-arsip").exists()
    csv_result = run("indicators", csv_bytes([["code", "name", "kind", "expected_level"],
                                              ["kt-arsip", "Kearsipan", "teknis", "=1+2"]]), name="i.csv")
    assert "rumus" in csv_result.errors[0].message


def test_a_formula_in_a_column_the_import_does_not_read_is_ignored(city):
    make_period()
    make_indicators()
    data = xlsx_bytes([HEADER + ["catatan"], [city.teacher.nip, "ba-pelayanan", "2025", 4, 3, "=1+1"]])
    assert run("scores", data).ok


def test_an_18_digit_nip_stored_as_a_number_is_reported_as_rounded(city):
    make_period()
    make_indicators()
    result = run("scores", xlsx_bytes([HEADER, [float(city.teacher.nip), "ba-pelayanan", "2025", 4, 3]]), dry_run=True)
    assert "15 digit" in result.errors[0].message
