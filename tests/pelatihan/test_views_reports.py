"""Reports: HR only, bounded queries, the four levels on the programme page, export content."""

import csv
import io

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from pelatihan.selectors.reports import PROGRAMME_HEADERS
from tests.pelatihan.evaluation_factories import (
    programme_with_all_levels,
)

REPORTS = ["pelatihan:report-index", "pelatihan:report-programmes", "pelatihan:report-units",
           "pelatihan:report-indicators"]


@pytest.mark.parametrize("name", REPORTS)
def test_reports_are_for_hr_only(client, db, name, hr_user, supervisor_user, trainer_user):
    programme_with_all_levels()
    url = reverse(name)
    assert client.get(url).status_code == 302
    for outsider in (supervisor_user, trainer_user):
        client.force_login(outsider)
        assert client.get(url).status_code == 403
    client.force_login(hr_user)
    assert client.get(url).status_code == 200
    assert client.post(url).status_code == 405


def test_the_programme_page_and_exports_are_for_hr_only(client, db, hr_user, employee_user):
    programme = programme_with_all_levels()
    urls = [reverse("pelatihan:report-programme", args=[programme.pk])] + [
        reverse(n, args=[fmt]) for n in ("pelatihan:report-programmes-export", "pelatihan:report-units-export",
                                         "pelatihan:report-indicators-export") for fmt in ("csv", "xlsx")
    ]
    for url in urls:
        client.logout()
        assert client.get(url).status_code == 302
        client.force_login(employee_user)
        assert client.get(url).status_code == 403
        client.force_login(hr_user)
        assert client.get(url).status_code == 200, url
        assert client.post(url).status_code == 405
    assert client.get(reverse("pelatihan:report-programmes-export", args=["pdf"])).status_code == 404


def test_the_programme_page_shows_the_comparison_group(client, db, hr_user):
    programme = programme_with_all_levels()
    client.force_login(hr_user)
    page = client.get(reverse("pelatihan:report-programme", args=[programme.pk])).content.decode()
    assert "<svg" in page and "n=5" in page and "@media print" in page


def _report_queries(client, url, assert_max, limit):
    with assert_max(limit):
        response = client.get(url)
    assert response.status_code == 200


@pytest.mark.parametrize(("name", "limit"), [("pelatihan:report-programmes", 22), ("pelatihan:report-units", 17),
                                             ("pelatihan:report-indicators", 12)])
def test_report_queries_do_not_grow_with_the_data(client, db, hr_user, name, limit, django_assert_max_num_queries):
    client.force_login(hr_user)
    programme_with_all_levels(seed=1)
    _report_queries(client, reverse(name), django_assert_max_num_queries, limit)
    for seed in (2, 3, 4):
        programme_with_all_levels(title=f"Program {seed}", seed=seed, n=6)
    _report_queries(client, reverse(name), django_assert_max_num_queries, limit)


def test_the_programme_export_has_the_numbers_and_neutralised_cells(client, db, hr_user):
    programme_with_all_levels(title="=HYPERLINK(\"http://x\")")
    client.force_login(hr_user)
    response = client.get(reverse("pelatihan:report-programmes-export", args=["csv"]))
    assert response["Content-Disposition"].endswith('.csv"')
    text = b"".join(response.streaming_content).decode("utf-8-sig")
    rows = list(csv.reader(io.StringIO(text)))
    assert rows[0] == PROGRAMME_HEADERS
    line = dict(zip(rows[0], rows[1], strict=True))
    assert line["programme"].startswith("'=")
    assert (line["participants"], line["completed"], line["l1_mean"], line["l2_n"]) == ("5", "5", "4", "5")
    assert (line["l4_participants_n"], line["l4_comparison_n"], line["l4_difference_in_differences"]) == ("5", "5", "2")
    xlsx = client.get(reverse("pelatihan:report-programmes-export", args=["xlsx"]))
    sheet = load_workbook(io.BytesIO(xlsx.content)).active
    values = list(sheet.iter_rows(values_only=True))
    assert list(values[0]) == PROGRAMME_HEADERS
    assert values[1][0].startswith("'=") and values[1][2] == 5


def test_the_unit_and_indicator_exports(client, db, hr_user):
    programme_with_all_levels()
    client.force_login(hr_user)
    text = b"".join(client.get(reverse("pelatihan:report-units-export", args=["csv"]) + "?periode=2025")
                    .streaming_content).decode("utf-8-sig")
    rows = list(csv.reader(io.StringIO(text)))
    assert rows[0][:4] == ["unit", "employees", "with_gap", "gap_covered"]
    school = next(r for r in rows if r[0] == "Sekolah 0")
    assert school[1:4] == ["11", "10", "5"]  # 11 employees, 10 with the gap, 5 trained
    sheet = load_workbook(io.BytesIO(client.get(reverse("pelatihan:report-indicators-export", args=["xlsx"])).content)).active
    values = list(sheet.iter_rows(values_only=True))
    assert values[0][:2] == ("indicator_code", "indicator") and "2025_with_gap" in values[0]
    row = next(v for v in values if v[0] == "kt-r0")
    header = list(values[0])
    assert row[header.index("2025_with_gap")] == 10 and row[header.index("2026_with_gap")] == 5
