"""Exports: HR only, CSV and XLSX, and formula cells neutralised in both."""

import csv
import io

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from penilaian.imports.columns import SCORE_COLUMNS
from penilaian.imports.run import run_import
from penilaian.models import Appraisal, Score
from portal.core.tables import neutralise, read_table
from tests import factories as f
from tests.penilaian.import_files import csv_bytes, make_indicators, make_period

MALICIOUS = ["=HYPERLINK(\"http://evil.test\",\"klik\")", "+62 811", "-1+1", "@SUM(A1)", "\tTab", "\rCR"]


def export_url(kind, fmt, period=None):
    url = reverse("penilaian:export", kwargs={"kind": kind, "fmt": fmt})
    return f"{url}?periode={period}" if period else url


def read(response, fmt):
    if fmt == "csv":
        text = b"".join(response.streaming_content).decode("utf-8-sig")
        return list(csv.reader(io.StringIO(text, newline="")))
    sheet = load_workbook(io.BytesIO(response.content)).active
    return [["" if v is None else v for v in row] for row in sheet.iter_rows(values_only=True)]


@pytest.fixture
def hr_client(client, hr_user):
    client.force_login(hr_user)
    return client


@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_a_malicious_name_comes_out_neutralised(hr_client, city, fmt):
    for i, name in enumerate(MALICIOUS):
        f.make_employee(unit=city.dinkes, name=name, position_name=f"Staf {i}", email="")
    rows = read(hr_client.get(export_url("pegawai", fmt)), fmt)
    header = rows[0]
    names = {row[header.index("name")] for row in rows[1:]}
    if fmt == "xlsx":  # XML turns a stored carriage return into a line feed when read back
        names = {n.replace("\n", "\r") for n in names}
    for name in MALICIOUS:
        assert "'" + name in names, name
        assert name not in names
    if fmt == "xlsx":
        # No cell is stored as a formula.
        raw = hr_client.get(export_url("pegawai", fmt)).content
        sheet = load_workbook(io.BytesIO(raw)).active
        assert all(cell.data_type != "f" for row in sheet.iter_rows() for cell in row)


def test_neutralise_leaves_ordinary_values_and_numbers_alone():
    assert neutralise("Siti") == "Siti"
    assert neutralise(-3) == -3
    assert neutralise("=1+1") == "'=1+1"


@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_the_scores_of_a_period_export_and_import_back_unchanged(hr_client, city, fmt):
    make_period()
    make_indicators()
    run_import("scores", read_table(csv_bytes([["nip", "indicator", "period", "self_score", "supervisor_score"],
                                               [city.teacher.nip, "ba-pelayanan", "2025", 4, 3],
                                               [city.nurse.nip, "kt-pedagogik", "2025", "", 2]])), dry_run=False)
    response = hr_client.get(export_url("nilai", fmt, "2025"))
    assert response.status_code == 200 and 'filename="nilai-2025.' in response["Content-Disposition"]
    rows = read(response, fmt)
    assert rows[0] == SCORE_COLUMNS
    assert len(rows) == 3
    # Round trip: the export is a valid import that changes nothing.
    data = "\n".join(",".join(str(c) for c in row) for row in rows).encode()
    result = run_import("scores", read_table(data), dry_run=False)
    assert result.ok and result.changed == 0
    assert Score.objects.count() == 2 and Appraisal.objects.count() == 2


def test_indicator_export_is_an_importable_file(hr_client, db):
    make_indicators()
    rows = read(hr_client.get(export_url("indikator", "csv")), "csv")
    data = "\n".join(",".join(f'"{c}"' for c in row) for row in rows).encode()
    assert run_import("indicators", read_table(data), dry_run=True).changed == 0


def test_a_score_export_needs_a_known_period(hr_client, db):
    assert hr_client.get(export_url("nilai", "csv")).status_code == 404
    assert hr_client.get(export_url("nilai", "csv", "1999")).status_code == 404
    assert hr_client.get(export_url("pegawai", "pdf")).status_code == 404


EXPORTS = [export_url("pegawai", "csv"), export_url("indikator", "xlsx"), export_url("nilai", "csv", "2025")]


@pytest.mark.parametrize("url", EXPORTS)
@pytest.mark.parametrize("persona", ["employee_user", "supervisor_user", "trainer_user", "other_unit_user"])
def test_only_hr_may_export(client, request, persona, url):
    client.force_login(request.getfixturevalue(persona))
    assert client.get(url).status_code == 403


@pytest.mark.parametrize("url", EXPORTS)
def test_anonymous_export_goes_to_the_login(client, db, url):
    response = client.get(url)
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]


@pytest.mark.parametrize("url", EXPORTS)
def test_export_refuses_post(hr_client, url):
    assert hr_client.post(url).status_code == 405


def test_the_export_costs_a_fixed_number_of_queries(hr_client, city, django_assert_max_num_queries):
    make_period()
    make_indicators()
    for _i in range(30):
        f.make_employee(unit=city.dinkes, email="")
    with django_assert_max_num_queries(8):
        b"".join(hr_client.get(export_url("pegawai", "csv")).streaming_content)


def team_url(fmt="csv", period="2025"):
    return reverse("penilaian:export-team", kwargs={"fmt": fmt}) + f"?periode={period}"


@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_a_supervisor_exports_only_their_teams_scores(client, city, supervisor_user, indirect_supervisor_user, fmt):
    make_period()
    make_indicators()
    run_import("scores", read_table(csv_bytes([["nip", "indicator", "period", "supervisor_score"],
                                               [city.teacher.nip, "kt-pedagogik", "2025", 3],
                                               [city.fellow_teacher.nip, "kt-pedagogik", "2025", 4],
                                               [city.nurse.nip, "kt-pedagogik", "2025", 2],
                                               [city.school_head.nip, "kt-pedagogik", "2025", 5]])), dry_run=False)
    client.force_login(supervisor_user)
    nips = {row[0] for row in read(client.get(team_url(fmt)), fmt)[1:]}
    assert nips == {city.teacher.nip, city.fellow_teacher.nip}
    client.force_login(indirect_supervisor_user)
    nips = {row[0] for row in read(client.get(team_url(fmt)), fmt)[1:]}
    assert nips == {city.teacher.nip, city.fellow_teacher.nip, city.school_head.nip}


@pytest.mark.parametrize("persona", ["employee_user", "trainer_user", "hr_user", "other_unit_user"])
def test_the_team_export_is_for_supervisors(client, db, request, persona):
    make_period()
    client.force_login(request.getfixturevalue(persona))
    assert client.get(team_url()).status_code == 403


def test_the_team_export_refuses_anonymous_post_and_unknown_periods(client, supervisor_user):
    make_period()
    assert client.get(team_url()).status_code == 302
    client.force_login(supervisor_user)
    assert client.post(team_url()).status_code == 405
    assert client.get(team_url(period="1999")).status_code == 404
