"""``manage.py import_scores FILE [--dry-run]``: exit status, every error listed, nothing written."""

import subprocess
import sys
from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from penilaian.models import AppraisalPeriod, Score
from tests.penilaian.import_files import csv_bytes, make_indicators, make_period

HEADER = ["nip", "indicator", "period", "self_score", "supervisor_score"]


@pytest.fixture
def scores_file(tmp_path):
    def write(rows, name="nilai.csv"):
        path = tmp_path / name
        path.write_bytes(csv_bytes(rows))
        return str(path)

    return write


def test_bad_rows_are_all_listed_and_nothing_is_written(city, scores_file):
    make_period()
    make_indicators()
    path = scores_file([HEADER, [city.teacher.nip, "ba-pelayanan", "2025", 4, 3],
                        ["199001012015011999", "ba-pelayanan", "2025", 4, 3], [city.teacher.nip, "x", "2025", 9, 3]])
    err = StringIO()
    with pytest.raises(CommandError, match="2"):
        call_command("import_scores", path, stderr=err, language="id")
    lines = err.getvalue().strip().splitlines()
    assert len(lines) == 2
    assert "baris 3" in lines[0] and "tidak terdaftar" in lines[0]
    assert "baris 4" in lines[1] and "x" in lines[1]
    assert Score.objects.count() == 0


def test_dry_run_writes_nothing_then_the_import_and_its_repeat(city, scores_file):
    make_period()
    make_indicators()
    path = scores_file([HEADER, [city.teacher.nip, "ba-pelayanan", "2025", 4, 3]])
    out = StringIO()
    call_command("import_scores", path, "--dry-run", stdout=out)
    assert "created=1" in out.getvalue() and Score.objects.count() == 0
    call_command("import_scores", path, stdout=out)
    assert Score.objects.count() == 1
    out = StringIO()
    call_command("import_scores", path, stdout=out)
    assert "changed=0" in out.getvalue()


def test_the_old_scale_from_the_command_line(city, scores_file):
    make_period()
    make_indicators()
    call_command("import_scores", scores_file([HEADER, [city.teacher.nip, "kt-pedagogik", "2025", 60, 77]]),
                 "--scale", "100", stdout=StringIO())
    score = Score.objects.get()
    assert (score.self_score, score.supervisor_score) == (2, 4)


def test_a_missing_file_or_column_is_an_error(db, scores_file):
    with pytest.raises(CommandError):
        call_command("import_scores", "/nonexistent/file.csv")
    with pytest.raises(CommandError, match="period"):
        call_command("import_scores", scores_file([["nip", "indicator", "self_score"], ["1", "x", "3"]]))


def test_the_exit_status_is_not_zero_for_a_bad_file(tmp_path, db):
    """A real process: the status a shell script would see."""
    path = tmp_path / "bad.csv"
    path.write_bytes(b"nip,indicator,self_score\n1,x,3\n")
    done = subprocess.run(  # noqa: S603 — our own interpreter and manage.py
        [sys.executable, "manage.py", "import_scores", str(path), "--dry-run"],
        capture_output=True, text=True, env={"DJANGO_SETTINGS_MODULE": "portal.settings.test", "PATH": "/usr/bin:/bin",
                                             "DATABASE_URL": "sqlite:///" + str(tmp_path / "db.sqlite3")},
    )
    assert done.returncode != 0
    assert "period" in done.stderr


def test_a_draft_period_is_opened_only_with_open_draft(city, scores_file):
    make_period(status="draft")
    make_indicators()
    path = scores_file([HEADER, [city.teacher.nip, "ba-pelayanan", "2025", 4, 3]])
    err = StringIO()
    with pytest.raises(CommandError):
        call_command("import_scores", path, stderr=err, language="id")
    assert "draf" in err.getvalue() and "--open-draft" in err.getvalue()
    out = StringIO()
    call_command("import_scores", path, "--open-draft", stdout=out)
    assert "periods_opened=2025" in out.getvalue()
    assert AppraisalPeriod.objects.get().status == "self_evaluation" and Score.objects.filter(supervisor_score=3).exists()
