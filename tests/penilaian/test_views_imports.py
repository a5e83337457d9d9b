"""HR's import pages: permissions on every view, upload → preview → confirm, the staged file's
token, and the error download."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone
from wagtail.models import ModelLogEntry

from penilaian.imports import staging
from penilaian.models import Appraisal, Employee, Indicator, Score
from penilaian.views import imports as views_import
from tests import factories as f
from tests.penilaian.import_files import csv_bytes, make_indicators, make_period, xlsx_bytes

HEADER = ["nip", "indicator", "period", "self_score", "supervisor_score"]
UPLOAD = reverse("penilaian:import-upload", kwargs={"kind": "nilai"})
CONFIRM = reverse("penilaian:import-confirm", kwargs={"kind": "nilai"})


def upload(client, data: bytes, name="nilai.csv", url=UPLOAD, **extra):
    return client.post(url, {"file": SimpleUploadedFile(name, data), **extra})


@pytest.fixture
def hr_client(client, hr_user):
    client.force_login(hr_user)
    return client


VIEWS = [
    ("get", reverse("penilaian:import-index")),
    ("get", UPLOAD),
    ("get", reverse("penilaian:import-upload", kwargs={"kind": "pegawai"})),
    ("post", CONFIRM),
    ("post", reverse("penilaian:import-errors", kwargs={"kind": "nilai"})),
]


@pytest.mark.parametrize(("method", "url"), VIEWS)
@pytest.mark.parametrize("persona", ["employee_user", "supervisor_user", "trainer_user"])
def test_only_hr_may_use_the_import_pages(client, request, persona, method, url):
    client.force_login(request.getfixturevalue(persona))
    assert getattr(client, method)(url).status_code == 403


@pytest.mark.parametrize(("method", "url"), VIEWS)
def test_anonymous_visitors_are_sent_to_the_login(client, db, method, url):
    response = getattr(client, method)(url)
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]


@pytest.mark.parametrize(("method", "url"), [
    ("post", reverse("penilaian:import-index")),
    ("put", UPLOAD),
    ("get", CONFIRM),
    ("get", reverse("penilaian:import-errors", kwargs={"kind": "nilai"})),
])
def test_the_wrong_method_is_refused(hr_client, method, url):
    assert getattr(hr_client, method)(url).status_code == 405


def test_hr_sees_the_index_and_the_upload_form(hr_client):
    make_period()
    body = hr_client.get(reverse("penilaian:import-index")).content.decode()
    assert "Impor" in body and "2025" in body
    assert hr_client.get(UPLOAD).status_code == 200
    assert hr_client.get(reverse("penilaian:import-upload", kwargs={"kind": "nope"})).status_code == 404


def test_preview_then_confirm_imports_the_file_once(hr_client, city, hr_user):
    make_period()
    make_indicators()
    data = csv_bytes([HEADER, [city.teacher.nip, "ba-pelayanan", "2025", 4, 3], [city.nurse.nip, "kt-pedagogik", "2025", 3, 3]])
    preview = upload(hr_client, data)
    assert preview.status_code == 200
    assert Score.objects.count() == 0, "the preview writes nothing"
    token = preview.context["token"]
    assert token and preview.context["result"].created == 2
    response = hr_client.post(CONFIRM, {"token": token}, follow=True)
    assert response.redirect_chain[-1][0] == reverse("penilaian:import-index")
    assert Score.objects.count() == 2 and Appraisal.objects.count() == 2
    assert ModelLogEntry.objects.filter(action="penilaian.import.scores", user=hr_user).count() == 1
    # The staged file is gone: the same token cannot import twice.
    again = hr_client.post(CONFIRM, {"token": token}, follow=True)
    assert "kedaluwarsa" in again.content.decode()
    # Uploading the same file again: nothing would change.
    second = upload(hr_client, data)
    assert second.context["result"].changed == 0


def test_the_preview_lists_bad_rows_with_line_numbers_in_indonesian(hr_client, city):
    make_period()
    make_indicators()
    data = csv_bytes([HEADER, [city.teacher.nip, "ba-pelayanan", "2025", 4, 3], ["199001012015011999", "x", "2025", 9, 3]])
    response = upload(hr_client, data)
    body = response.content.decode()
    assert response.context["token"] == ""
    assert [e.line for e in response.context["result"].errors] == [3]
    assert "tidak terdaftar" in body and "<td>3</td>" in body
    assert "Konfirmasi" not in body


def test_xlsx_upload_and_the_old_scale_choice(hr_client, city):
    make_period()
    make_indicators()
    data = xlsx_bytes([HEADER, [city.teacher.nip, "kt-pedagogik", "2025", 80, 95]])
    preview = upload(hr_client, data, name="nilai.xlsx", scale="100")
    assert preview.context["result"].ok
    hr_client.post(CONFIRM, {"token": preview.context["token"]})
    score = Score.objects.get()
    assert (score.self_score, score.supervisor_score) == (4, 5)


def test_a_file_level_problem_is_shown_on_the_form(hr_client, db):
    response = upload(hr_client, b"nip,period\n1,2025\n")
    assert response.status_code == 400 and "indicator" in response.content.decode()
    response = upload(hr_client, b"x", name="nilai.pdf")
    assert response.status_code == 400


def test_a_token_is_bound_to_its_user_kind_and_file(client, hr_user, city):
    make_period()
    make_indicators()
    token = staging.sign(staging.stage(user=hr_user, kind="scores", name="a.csv",
                                       data=csv_bytes([HEADER, [city.teacher.nip, "kt-pedagogik", "2025", 3, 3]])))
    other_hr = f.make_user(groups=["BKPSDM"])
    client.force_login(other_hr)
    assert client.post(CONFIRM, {"token": token}).status_code == 403
    client.force_login(hr_user)
    assert client.post(reverse("penilaian:import-confirm", kwargs={"kind": "pegawai"}), {"token": token}).status_code == 403
    assert client.post(CONFIRM, {"token": token + "x"}).status_code == 403
    assert Score.objects.count() == 0
    assert client.post(CONFIRM, {"token": token}).status_code == 302
    assert Score.objects.count() == 1


def test_an_expired_preview_asks_for_a_new_upload(hr_client, hr_user, city, monkeypatch):
    make_period()
    make_indicators()
    token = staging.sign(staging.stage(user=hr_user, kind="scores", name="a.csv",
                                       data=csv_bytes([HEADER, [city.teacher.nip, "kt-pedagogik", "2025", 3, 3]])))
    monkeypatch.setattr(staging, "STAGE_MAX_AGE", -1)
    response = hr_client.post(CONFIRM, {"token": token})
    assert response.status_code == 302 and response["Location"] == UPLOAD
    assert Score.objects.count() == 0


def test_the_confirm_step_checks_again_and_writes_nothing_when_the_period_closed_meanwhile(hr_client, city):
    period = make_period()
    make_indicators()
    preview = upload(hr_client, csv_bytes([HEADER, [city.teacher.nip, "kt-pedagogik", "2025", 3, 3]]))
    period.status = "closed"
    period.save()
    response = hr_client.post(CONFIRM, {"token": preview.context["token"]})
    assert response.status_code == 409 and Score.objects.count() == 0


def test_every_error_can_be_downloaded_as_csv(hr_client, city, monkeypatch):
    make_period()
    make_indicators()
    monkeypatch.setattr(views_import, "ERRORS_SHOWN", 1)
    data = csv_bytes([HEADER] + [["199001012015011999", "kt-pedagogik", "2025", 3, 3]] * 3)
    page = upload(hr_client, data)
    assert page.context["errors_hidden"] == 2
    response = upload(hr_client, data, url=reverse("penilaian:import-errors", kwargs={"kind": "nilai"}))
    body = b"".join(response.streaming_content).decode("utf-8-sig")
    assert response["Content-Type"].startswith("text/csv")
    assert [line.split(",")[0] for line in body.strip().splitlines()[1:]] == ["2", "3", "4"]


def test_employees_import_through_the_page(hr_client, city):
    nip = f.make_nip(birth="19900101", appointment="201501", gender=2, sequence=7)
    data = csv_bytes([
        ["nip", "name", "position_name", "position_kind", "unit", "supervisor", "email"],
        [nip, "Siti Aminah", "Guru Kelas", "pelaksana", "sdn-1", city.school_head.nip, "siti@uji.test"],
        ["123", "Salah", "Guru", "pelaksana", "tidak-ada", "", ""],
    ])
    url = reverse("penilaian:import-upload", kwargs={"kind": "pegawai"})
    response = upload(hr_client, data, url=url)
    assert [e.line for e in response.context["result"].errors] == [3]
    good = upload(hr_client, data.rsplit(b"\n", 1)[0], url=url)
    hr_client.post(reverse("penilaian:import-confirm", kwargs={"kind": "pegawai"}), {"token": good.context["token"]})
    assert Employee.objects.get(nip=nip).supervisor == city.school_head


def test_indicators_import_through_the_page(hr_client):
    data = csv_bytes([["code", "name", "kind", "expected_level"], ["kt-arsip", "Kearsipan", "teknis", 3]])
    url = reverse("penilaian:import-upload", kwargs={"kind": "indikator"})
    preview = upload(hr_client, data, url=url)
    hr_client.post(reverse("penilaian:import-confirm", kwargs={"kind": "indikator"}), {"token": preview.context["token"]})
    assert Indicator.objects.get(code="kt-arsip").name == "Kearsipan"


def test_stale_staged_files_are_removed_on_the_next_upload(hr_user, db, monkeypatch):
    from django.core.files.storage import default_storage

    staging.stage(user=hr_user, kind="scores", data=b"a,b\n1,2\n", name="old.csv")
    monkeypatch.setattr(default_storage, "get_modified_time", lambda name: timezone.now() - timezone.timedelta(days=2))
    staging.stage(user=hr_user, kind="scores", data=b"a,b\n1,2\n", name="new.csv")
    monkeypatch.undo()
    assert len(default_storage.listdir("imports")[1]) == 1


def test_a_broken_workbook_is_explained_in_indonesian_without_the_librarys_english(hr_client, db):
    """The defect: "Lembar kerja tidak dapat dibaca: File is not a zip file"."""
    response = upload(hr_client, b"PK\x03\x04 cut short", name="nilai.xlsx")
    html = response.content.decode()
    assert response.status_code == 400 and "bukan buku kerja XLSX yang utuh" in html
    assert "File is not a zip file" not in html
    response = upload(hr_client, b"\xd0\xcf\x11\xe0" + b"\x00" * 600, name="nilai.xlsx")
    assert ".xls" in response.content.decode() and "kata sandi" in response.content.decode()


def test_a_draft_period_needs_the_open_draft_box(hr_client, city):
    make_period(status="draft")
    make_indicators()
    data = csv_bytes([HEADER, [city.teacher.nip, "kt-pedagogik", "2025", 3, 3]])
    refused = upload(hr_client, data)
    assert not refused.context["result"].ok and "draf" in refused.content.decode()
    preview = upload(hr_client, data, open_draft="on")
    assert preview.context["result"].ok and "2025" in preview.content.decode()
    hr_client.post(CONFIRM, {"token": preview.context["token"]})
    assert Score.objects.get(appraisal__employee=city.teacher, indicator__code="kt-pedagogik").supervisor_score == 3
    assert Appraisal.objects.filter(period__year=2025).count() == 5
