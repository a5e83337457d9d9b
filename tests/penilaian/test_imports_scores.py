"""The score import's fast path: every bad row with its line number, all or nothing,
idempotent, the old 0–100 scale, CSV and XLSX, appraisals created and never downgraded."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import translation
from wagtail.models import ModelLogEntry

from penilaian.imports.run import run_import
from penilaian.models import Appraisal, AppraisalStatus, PeriodStatus, Rating, Score
from portal.core.tables import TableError, read_table
from tests import factories as f
from tests.penilaian.import_files import csv_bytes, make_indicators, make_period, xlsx_bytes

HEADER = ["nip", "indicator", "period", "self_score", "supervisor_score"]


def scores(data: bytes, *, dry_run=False, name="nilai.csv", **kwargs):
    return run_import("scores", read_table(data, name), dry_run=dry_run, **kwargs)


def errors_by_line(result):
    return {e.line: e.message for e in result.errors}


def test_the_preview_lists_every_bad_row_with_its_spreadsheet_line(city):
    make_period()
    make_indicators()
    closed = make_period(2024, status=PeriodStatus.CLOSED)
    nip = city.teacher.nip
    data = csv_bytes([
        HEADER,
        [nip, "ba-pelayanan", "2025", 4, 3],          # line 2: fine
        ["199001012015011999", "ba-pelayanan", "2025", 4, 3],  # 3: unknown NIP
        [nip, "tidak-ada", "2025", 4, 3],             # 4: unknown indicator
        [nip, "ba-akuntabel", "2031", 4, 3],          # 5: unknown period
        [nip, "ba-akuntabel", closed.code, 4, 3],     # 6: closed period
        [nip, "kt-pedagogik", "2025", 7, 3],          # 7: out of range
        [nip, "kt-literasi-digital", "2025", "baik", 3],  # 8: not a number
        [nip, "ba-pelayanan", "2025", 4, 3],          # 9: repeats line 2
        [nip, "ba-akuntabel", "2025", "", ""],        # 10: no score at all: changes nothing, no error
    ])
    with translation.override("id"):
        result = scores(data, dry_run=True)
    found = errors_by_line(result)
    assert sorted(found) == [3, 4, 5, 6, 7, 8, 9]
    assert "tidak terdaftar" in found[3]
    assert "tidak-ada" in found[4]
    assert "2031" in found[5]
    assert "ditutup" in found[6]
    assert "1–5" in found[7] and "100" in found[7]
    assert "bukan angka" in found[8]
    assert "baris 2" in found[9]
    assert not result.ok and Score.objects.count() == 0


def test_messages_follow_the_users_language(city):
    make_period()
    make_indicators()
    data = csv_bytes([HEADER, ["199001012015011999", "ba-pelayanan", "2025", 4, 3]])
    with translation.override("en"):
        assert "is not in the register" in scores(data, dry_run=True).errors[0].message


def test_one_bad_row_and_nothing_is_written(city):
    make_period()
    make_indicators()
    data = csv_bytes([HEADER, [city.teacher.nip, "ba-pelayanan", "2025", 4, 3], [city.nurse.nip, "ba-pelayanan", "2025", 9, 3]])
    result = scores(data)
    assert [e.line for e in result.errors] == [3]
    assert Score.objects.count() == 0 and Appraisal.objects.count() == 0
    assert not ModelLogEntry.objects.filter(action="penilaian.import.scores").exists()


def test_a_finalised_appraisal_refuses_its_rows(city):
    period = make_period()
    make_indicators()
    Appraisal.objects.create(employee=city.teacher, period=period, unit=city.school, position_kind="fungsional",
                             status=AppraisalStatus.FINALISED)
    result = scores(csv_bytes([HEADER, [city.teacher.nip, "ba-pelayanan", "2025", 4, 3]]))
    assert "final" in result.errors[0].message.lower()


def test_it_creates_the_appraisal_with_snapshots_and_a_suggested_perilaku(city, hr_user):
    make_period()
    make_indicators()
    nip = city.teacher.nip
    data = csv_bytes([HEADER, [nip, "ba-pelayanan", "2025", 4, 5], [nip, "ba-akuntabel", "2025", 4, 4],
                      [nip, "kt-literasi-digital", "2025", 3, ""]])
    result = scores(data, actor=hr_user)
    assert result.ok and (result.created, result.appraisals_created) == (3, 1)
    appraisal = Appraisal.objects.get()
    assert appraisal.unit == city.school and appraisal.position_kind == "fungsional"
    assert appraisal.assessor == city.school_head and appraisal.approver == city.head_of_education
    assert appraisal.status == AppraisalStatus.ASSESSED and appraisal.assessed_at is not None
    assert appraisal.rating_perilaku_suggested == Rating.ABOVE  # mean +1.5 over the values
    entry = ModelLogEntry.objects.get(action="penilaian.import.scores")
    assert entry.user == hr_user and entry.data["created"] == 3


def test_self_scores_only_make_a_self_submitted_appraisal_and_never_downgrade(city):
    make_period()
    make_indicators()
    nip = city.teacher.nip
    scores(csv_bytes([["nip", "indicator", "period", "self_score"], [nip, "ba-pelayanan", "2025", 4]]))
    assert Appraisal.objects.get().status == AppraisalStatus.SELF_SUBMITTED
    Appraisal.objects.update(status=AppraisalStatus.ASSESSED)
    result = scores(csv_bytes([["nip", "indicator", "period", "self_score"], [nip, "ba-akuntabel", "2025", 3]]))
    assert result.ok and Appraisal.objects.get().status == AppraisalStatus.ASSESSED


def test_expected_level_is_copied_per_position_kind(city):
    make_period()
    make_indicators()
    staff = f.make_employee(unit=city.disdik, supervisor=city.head_of_education)  # a pelaksana
    scores(csv_bytes([HEADER, [staff.nip, "kt-literasi-digital", "2025", 2, 2],
                      [city.teacher.nip, "kt-literasi-digital", "2025", 2, 2]]))
    levels = dict(Score.objects.values_list("appraisal__employee__nip", "expected_level"))
    assert levels == {staff.nip: 2, city.teacher.nip: 3}


def test_importing_the_same_file_twice_changes_nothing(city):
    make_period()
    make_indicators()
    rows = [HEADER] + [[e.nip, code, "2025", 3, 4] for e in (city.teacher, city.nurse, city.fellow_teacher)
                       for code in ("ba-pelayanan", "kt-pedagogik")]
    first = scores(csv_bytes(rows))
    assert first.changed == 6 + 3
    before = list(Score.objects.order_by("pk").values())
    second = scores(csv_bytes(rows))
    assert second.ok and second.changed == 0 and second.unchanged == 6
    assert list(Score.objects.order_by("pk").values()) == before


def test_a_changed_score_updates_only_that_row_and_empty_cells_keep_stored_values(city):
    make_period()
    make_indicators()
    nip = city.teacher.nip
    scores(csv_bytes([HEADER, [nip, "ba-pelayanan", "2025", 3, 4], [nip, "kt-pedagogik", "2025", 3, 4]]))
    result = scores(csv_bytes([HEADER, [nip, "ba-pelayanan", "2025", "", 3], [nip, "kt-pedagogik", "2025", 3, 4]]))
    assert (result.created, result.updated, result.unchanged) == (0, 1, 1)
    score = Score.objects.get(indicator__code="ba-pelayanan")
    assert (score.self_score, score.supervisor_score) == (3, 3)
    assert Appraisal.objects.get().rating_perilaku_suggested == Rating.MEETS


@pytest.mark.parametrize(("value", "expected"), [("95", 5), ("91", 5), ("90", 4), ("76", 4), ("75,4", 3), ("60", 2), ("50", 1), ("0", 1)])
def test_the_old_0_100_scale_is_converted_by_the_pp_46_2011_bands(city, value, expected):
    make_period()
    make_indicators()
    data = csv_bytes([HEADER + ["scale"], [city.teacher.nip, "kt-pedagogik", "2025", f'"{value}"', f'"{value}"', 100]])
    assert scores(data).ok
    score = Score.objects.get()
    assert (score.self_score, score.supervisor_score) == (expected, expected)


def test_the_file_wide_scale_and_a_bad_scale_cell(city):
    make_period()
    make_indicators()
    nip = city.teacher.nip
    assert scores(csv_bytes([HEADER, [nip, "kt-pedagogik", "2025", 80, 92]]), scale=100).ok
    assert Score.objects.get().supervisor_score == 5
    result = scores(csv_bytes([HEADER + ["skala"], [nip, "kt-pedagogik", "2025", 3, 3, 10]]), dry_run=True)
    assert result.errors[0].line == 2 and "10" in result.errors[0].message
    result = scores(csv_bytes([HEADER + ["scale"], [nip, "kt-pedagogik", "2025", 101, 3, 100]]), dry_run=True)
    assert "0–100" in result.errors[0].message


def test_xlsx_with_indonesian_headers_and_numeric_cells(city):
    make_period()
    make_indicators()
    data = xlsx_bytes([["NIP", "Indikator", "Periode", "Nilai Diri", "Nilai Atasan"],
                       [city.teacher.nip, "BA-Pelayanan", 2025, 4.0, 3]])
    result = scores(data, name="nilai.xlsx")
    assert result.ok, result.errors
    assert Score.objects.get().supervisor_score == 3


def test_semicolon_csv_with_a_bom_and_spaced_nips(city):
    make_period()
    make_indicators()
    nip = city.teacher.nip_display  # "19860926 201505 1 001"
    data = ("\ufeffnip;indicator;period;self_score;supervisor_score\n" f"{nip};kt-pedagogik;2025;4;4\n").encode()
    assert scores(data).ok


def test_a_quarterly_period_code(city):
    make_indicators()
    make_period(2025, kind="quarterly", number=2)
    assert scores(csv_bytes([HEADER, [city.teacher.nip, "kt-pedagogik", "2025-t2", 4, 4]])).ok


def test_file_level_problems_raise_a_readable_error(db):
    with pytest.raises(TableError, match="indicator"):
        scores(csv_bytes([["nip", "period", "self_score"], ["1", "2025", "3"]]))
    with pytest.raises(TableError):
        read_table(b"", "x.csv")
    with pytest.raises(TableError):
        read_table(b"PK\x03\x04broken", "x.xlsx")


def _rows(n_employees, n_indicators, unit, supervisor):
    made = []
    for _i in range(n_employees):
        made.append(f.make_employee(unit=unit, supervisor=supervisor, email=""))
    codes = [f"ind-{k}" for k in range(n_indicators)]
    return [HEADER] + [[e.nip, code, "2025", 3, 4] for e in made for code in codes]


def test_the_confirm_step_costs_the_same_queries_for_50_and_500_rows(city, django_assert_max_num_queries):
    make_period()
    from penilaian.models import Indicator

    for k in range(20):
        Indicator.objects.create(code=f"ind-{k}", name=f"Indikator {k}", kind="teknis")
    small = csv_bytes(_rows(5, 10, city.school, city.school_head))
    large = csv_bytes(_rows(25, 20, city.school, city.school_head))
    with CaptureQueriesContext(connection) as ctx:
        assert scores(small).ok
    with django_assert_max_num_queries(len(ctx.captured_queries)):
        result = scores(large)
    assert result.ok and result.created == 500
    # And the preview of the same file:
    with django_assert_max_num_queries(10):
        assert scores(large, dry_run=True).changed == 0
