"""Every export imports back with zero changes — scores, employees and indicators, CSV and XLSX —
on realistic data: a period opened for everyone (most score rows still blank), a submitted
self-evaluation, a rated assessment, scores brought by an import, accented names and titles, a
PPPK number, text that starts like a formula, a closed period. And ``manage.py export_scores``
writes what the page writes, which ``manage.py import_scores`` reads back unchanged."""

import csv
import datetime as dt
import io
from io import StringIO

import pytest
from django.core.management import call_command
from django.urls import reverse
from openpyxl import load_workbook

from penilaian.catalogue import catalogue_ensure
from penilaian.imports.run import run_import
from penilaian.models import Appraisal, Employee, Indicator, PeriodStatus, Rating, Score
from penilaian.services import appraisal as appraisal_services
from penilaian.services import periods as period_services
from portal.core.tables import read_table
from tests import factories as f
from tests.penilaian.appraisal_helpers import all_scores, appraisal_of, assess

KINDS = [("nilai", "scores"), ("pegawai", "employees"), ("indikator", "indicators")]


def body(response) -> bytes:
    return b"".join(response.streaming_content) if response.streaming else response.content


def cells(data: bytes, fmt: str) -> list[list[str]]:
    """A downloaded file's cells as text, the way a person sees them."""
    if fmt == "csv":
        return list(csv.reader(io.StringIO(data.decode("utf-8-sig"), newline="")))
    sheet = load_workbook(io.BytesIO(data)).active
    return [["" if v is None else str(v) for v in row] for row in sheet.iter_rows(values_only=True)]


def snapshot():
    return (
        list(Score.objects.order_by("pk").values_list("appraisal_id", "indicator_id", "self_score", "supervisor_score",
                                                      "expected_level")),
        list(Appraisal.objects.order_by("pk").values_list("status", "rating_perilaku_suggested", "predikat")),
        list(Employee.objects.order_by("pk").values()),
        list(Indicator.objects.order_by("pk").values()),
    )


@pytest.fixture
def realistic(city, supervisor_user, employee_user, hr_user):
    catalogue_ensure()
    Indicator.objects.create(
        code="kt-arsip", name="Kearsipan, surat-menyurat & \"tata naskah\"", kind="teknis", sort_order=90,
        description="- menata arsip aktif\n- =menyusun daftar arsip (bukan rumus)\n+ memindai", expected_level=3,
    )
    for name, extra in [
        ("Teuku Muhammad Rizqī", {"front_title": "Dr.", "back_title": "M.Pd."}),
        ("Cut Nyak Dhién", {"phone": "+62 811-6800-123"}),
        ("=HYPERLINK(\"http://x\",\"y\")", {}),
        ("Ni Luh Ayu Ṣari", {"nip": "199001012021211001", "employee_type": "PPPK", "rank": "IX"}),
    ]:
        f.make_employee(unit=city.school, supervisor=city.school_head, name=name, **extra)
    period = period_services.period_create(year=2026, kind="annual", number=None, name="Tahunan 2026",
                                           start_date=dt.date(2026, 1, 1), end_date=dt.date(2026, 12, 31))
    period = period_services.period_advance(period=period, to_status=PeriodStatus.SELF_EVALUATION)
    teacher = appraisal_of(city.teacher, period)
    appraisal_services.self_evaluation_save(appraisal=teacher, actor=employee_user, scores=all_scores(teacher, 4),
                                            submit=True)
    fellow = appraisal_of(city.fellow_teacher, period)
    fellow.assessor = city.school_head
    fellow.save()
    assess(fellow, supervisor_user, value=3, hasil=Rating.MEETS, perilaku=Rating.MEETS)
    nurse_codes = list(appraisal_of(city.nurse, period).scores.values_list("indicator__code", flat=True)[:5])
    rows = [["nip", "indicator", "period", "supervisor_score"]] + [[city.nurse.nip, c, "2026", 4] for c in nurse_codes]
    assert run_import("scores", read_table("\n".join(",".join(map(str, r)) for r in rows).encode()), dry_run=False).ok
    assert Score.objects.filter(appraisal__period=period, self_score=None, supervisor_score=None).count() > 100
    return period


def export(client, word, fmt, period=None) -> bytes:
    url = reverse("penilaian:export", kwargs={"kind": word, "fmt": fmt}) + (f"?periode={period}" if period else "")
    response = client.get(url)
    assert response.status_code == 200, url
    return body(response)


@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
@pytest.mark.parametrize(("word", "kind"), KINDS)
def test_every_export_imports_back_with_zero_changes(client, hr_user, realistic, word, kind, fmt):
    client.force_login(hr_user)
    data = export(client, word, fmt, "2026" if kind == "scores" else None)
    before = snapshot()
    result = run_import(kind, read_table(data, f"export.{fmt}"), dry_run=False)
    assert result.ok, result.errors[:5]
    assert result.changed == 0 and result.rows == len(cells(data, fmt)) - 1
    assert snapshot() == before


def test_a_closed_periods_export_imports_back_with_zero_changes(client, hr_user, realistic):
    period_services.period_advance(period=realistic, to_status=PeriodStatus.SUPERVISOR_ASSESSMENT)
    period_services.period_advance(period=realistic, to_status=PeriodStatus.CLOSED)
    client.force_login(hr_user)
    result = run_import("scores", read_table(export(client, "nilai", "xlsx", "2026"), "n.xlsx"), dry_run=False)
    assert result.ok and result.changed == 0


@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_the_employee_and_indicator_exports_rebuild_an_empty_register(client, hr_user, city, fmt):
    catalogue_ensure()
    Indicator.objects.create(code="kt-arsip", name="Kearsipan", kind="teknis", description="- menata arsip\n- memindai")
    f.make_employee(unit=city.dinkes, name="Cut Nyak Dhién", phone="+62 811", front_title="dr.")
    client.force_login(hr_user)
    employees, indicators = export(client, "pegawai", fmt), export(client, "indikator", fmt)
    Employee.objects.all().delete()
    Indicator.objects.filter(parent__isnull=False).delete()
    Indicator.objects.all().delete()
    assert run_import("employees", read_table(employees, f"p.{fmt}"), dry_run=False).ok
    assert run_import("indicators", read_table(indicators, f"i.{fmt}"), dry_run=False).ok
    assert cells(export(client, "pegawai", fmt), fmt) == cells(employees, fmt)
    assert cells(export(client, "indikator", fmt), fmt) == cells(indicators, fmt)
    # The stored values themselves, not only the files: the writer's apostrophe was read off again.
    assert Employee.objects.get(name="Cut Nyak Dhién").phone == "+62 811"
    assert Indicator.objects.get(code="kt-arsip").description == "- menata arsip\n- memindai"


@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_the_command_writes_what_the_page_writes_and_imports_it_back(client, hr_user, realistic, tmp_path, fmt):
    client.force_login(hr_user)
    page = export(client, "nilai", fmt, "2026")
    path = tmp_path / f"nilai-2026.{fmt}"
    out = StringIO()
    call_command("export_scores", "2026", str(path), stdout=out)
    if fmt == "csv":
        assert path.read_bytes() == page
    else:
        assert cells(path.read_bytes(), fmt) == cells(page, fmt)
    before = snapshot()
    out = StringIO()
    call_command("import_scores", str(path), stdout=out)
    assert "changed=0" in out.getvalue()
    assert snapshot() == before


def test_the_unit_filter_of_the_command_and_the_page(client, hr_user, realistic, city, tmp_path):
    client.force_login(hr_user)
    url = reverse("penilaian:export", kwargs={"kind": "nilai", "fmt": "csv"}) + "?periode=2026&unit=disdikbud"
    page = body(client.get(url))
    nips = {row[0] for row in cells(page, "csv")[1:]}
    assert city.teacher.nip in nips and city.head_of_education.nip in nips and city.nurse.nip not in nips
    path = tmp_path / "d.csv"
    call_command("export_scores", "2026", str(path), "--unit", "disdikbud", stdout=StringIO())
    assert path.read_bytes() == page
    assert client.get(url.replace("disdikbud", "tidak-ada")).status_code == 404
