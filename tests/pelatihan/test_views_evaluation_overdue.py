"""HR's overdue re-evaluations: the page, its CSV and XLSX (the page's columns, formula-like
cells neutralised) and the "send reminders" button (confirm first; a second press the same day
reminds no one and says so). Only HR; everyone else gets 403."""

import csv
import io

import pytest
from django.core import mail
from django.urls import reverse
from openpyxl import load_workbook

from pelatihan.models import Programme, ReevaluationReminder
from penilaian.models import Employee

PAGE = reverse("pelatihan:reevaluation-overdue")
REMIND = reverse("pelatihan:reevaluation-remind")
HEADERS = ["Pegawai", "NIP", "Unit kerja", "Pelatihan", "Indikator", "Atasan", "Jatuh tempo", "Hari terlambat"]


@pytest.fixture
def on_the_day(overdue, monkeypatch):
    """Today is the fixture's day (every task overdue)."""
    _session, _enrolments, today = overdue
    monkeypatch.setattr("django.utils.timezone.localdate", lambda *a, **k: today)
    return overdue


def _csv(response) -> list[list[str]]:
    data = b"".join(response.streaming_content).decode("utf-8-sig")
    return list(csv.reader(io.StringIO(data, newline="")))


def _xlsx(response) -> list[list]:
    sheet = load_workbook(io.BytesIO(response.content)).active
    return [list(r) for r in sheet.iter_rows(values_only=True)]


@pytest.mark.parametrize("url", [PAGE, REMIND, reverse("pelatihan:reevaluation-overdue-export", args=["csv"]),
                                 reverse("pelatihan:reevaluation-overdue-export", args=["xlsx"])])
def test_only_hr_may_see_or_act(client, on_the_day, url, supervisor_user, employee_user, trainer_user, hr_user):
    assert client.get(url).status_code == 302  # anonymous → login
    for outsider in (supervisor_user, employee_user, trainer_user):
        client.force_login(outsider)
        assert client.get(url).status_code == 403
        assert client.post(REMIND).status_code == 403
    assert not ReevaluationReminder.objects.exists()
    client.force_login(hr_user)
    assert client.get(url).status_code == 200


def test_an_unknown_format_is_not_found_and_the_page_takes_no_post(client, on_the_day, hr_user):
    client.force_login(hr_user)
    assert client.get(reverse("pelatihan:reevaluation-overdue-export", args=["pdf"])).status_code == 404
    assert client.post(PAGE).status_code == 405


def test_the_page_and_its_files_have_the_same_columns(client, city, on_the_day, hr_user, django_assert_max_num_queries):
    client.force_login(hr_user)
    with django_assert_max_num_queries(12):
        page = client.get(PAGE).content.decode()
    for header in HEADERS:
        assert f'<th scope="col">{header}</th>' in page
    assert city.teacher.full_name in page and city.teacher.nip_display in page
    rows = _csv(client.get(reverse("pelatihan:reevaluation-overdue-export", args=["csv"])))
    assert rows[0] == HEADERS and len(rows) == 5  # four tasks, the nurse's without a supervisor
    teacher = next(r for r in rows if r[0] == city.teacher.full_name)
    assert teacher[1] == city.teacher.nip and teacher[2] == city.school.name and teacher[5] == city.school_head.full_name
    assert teacher[4] == "Literasi Digital Uji" and teacher[7] == "33" and teacher[6] == "2025-11-03"
    nurse = next(r for r in rows if r[0] == city.nurse.full_name)
    assert nurse[5] == ""
    sheet = _xlsx(client.get(reverse("pelatihan:reevaluation-overdue-export", args=["xlsx"])))
    assert sheet[0] == HEADERS and len(sheet) == 5 and {r[7] for r in sheet[1:]} == {33}


@pytest.mark.parametrize("payload", ['=HYPERLINK("http://x","y")', "+1", "@SUM(A1)", "-1"])
def test_formula_like_cells_are_neutralised(client, city, on_the_day, hr_user, payload):
    Employee.objects.filter(pk=city.teacher.pk).update(name=payload)
    Programme.objects.update(title=payload)
    client.force_login(hr_user)
    rows = _csv(client.get(reverse("pelatihan:reevaluation-overdue-export", args=["csv"])))
    assert ["'" + payload, "'" + payload] in [[r[0], r[3]] for r in rows]
    sheet = _xlsx(client.get(reverse("pelatihan:reevaluation-overdue-export", args=["xlsx"])))
    assert all(not (isinstance(c, str) and c[:1] in "=+-@") for r in sheet for c in r)
    assert "'" + payload in [r[0] for r in sheet]


def test_send_reminders_asks_first_and_a_second_press_reminds_no_one(client, city, on_the_day, hr_user,
                                                                     django_capture_on_commit_callbacks):
    client.force_login(hr_user)
    assert "(2 atasan)" in client.get(PAGE).content.decode()
    confirm = client.get(REMIND).content.decode()
    assert "2 atasan" in confirm and "seluruhnya 3 tugas" in confirm and "1 tugas tidak memiliki atasan" in confirm
    assert "Ya, kirim pengingat" in confirm
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(REMIND, follow=True)
    assert response.redirect_chain[-1][0] == PAGE
    assert "Pengingat dikirim ke 2 atasan" in response.content.decode()
    assert len(mail.outbox) == 2
    assert set(ReevaluationReminder.objects.values_list("sent_by", flat=True)) == {hr_user.pk}
    again = client.get(REMIND).content.decode()
    assert "Tidak ada atasan yang akan diingatkan" in again and "Ya, kirim pengingat" not in again
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(REMIND, follow=True)
    assert "Tidak ada atasan yang diingatkan" in response.content.decode()
    assert len(mail.outbox) == 2
