"""Large exports are prepared by a background task (django-tasks): the user gets a page that says
"being prepared…" (htmx polling, no script of ours) and then the link; the private file is served
only to who asked and HR, and expired files are purged."""

import csv
import io
from datetime import timedelta

import pytest
from django.core.files.storage import default_storage
from django.test import override_settings
from django.urls import reverse
from django.utils import timezone

from penilaian.imports.run import run_import
from penilaian.models import ExportFile, ExportStatus
from penilaian.selectors.exports import ExportQuery
from penilaian.services import exports as export_services
from portal.core.tables import read_table
from tests import factories as f
from tests.penilaian.import_files import csv_bytes, make_indicators, make_period

BACKGROUND = override_settings(EXPORT_BACKGROUND_ROWS={"csv": 1, "xlsx": 1})
NO_WORKER = override_settings(TASKS={"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}})


@pytest.fixture
def scored(city):
    make_period()
    make_indicators()
    rows = [["nip", "indicator", "period", "supervisor_score"]] + [
        [e.nip, "kt-pedagogik", "2025", 3] for e in (city.teacher, city.fellow_teacher, city.nurse)]
    assert run_import("scores", read_table(csv_bytes(rows)), dry_run=False).ok


def body(response) -> bytes:
    return b"".join(response.streaming_content) if response.streaming else response.content


def ask(client, url, capture):
    with BACKGROUND, capture(execute=True):
        return client.get(url)


def test_a_small_export_streams_at_once(client, hr_user, scored):
    client.force_login(hr_user)
    response = client.get(reverse("penilaian:export", args=["nilai", "csv"]) + "?periode=2025")
    assert response.status_code == 200 and response.streaming
    assert not ExportFile.objects.exists()


def test_a_large_export_waits_on_a_page_then_gives_the_link(client, hr_user, scored, django_capture_on_commit_callbacks):
    client.force_login(hr_user)
    with NO_WORKER:
        response = ask(client, reverse("penilaian:export", args=["nilai", "xlsx"]) + "?periode=2025",
                       django_capture_on_commit_callbacks)
    assert response.status_code == 302
    export = ExportFile.objects.get()
    assert export.status == ExportStatus.PENDING and export.owner == hr_user and export.filename == "nilai-2025.xlsx"
    page = client.get(response["Location"])
    html = page.content.decode()
    assert "Sedang disiapkan" in html and 'hx-trigger="every 2s"' in html
    assert "<script>" not in html and "onclick" not in html
    assert client.get(reverse("penilaian:export-file-download", args=[export.pk])).status_code == 404
    export_services.export_build(export_id=str(export.pk))  # what the worker does
    partial = client.get(response["Location"], HTTP_HX_REQUEST="true")
    assert "<html" not in partial.content.decode() and "unduh" in partial.content.decode()
    download = client.get(reverse("penilaian:export-file-download", args=[export.pk]))
    assert download.status_code == 200 and 'filename="nilai-2025.xlsx"' in download["Content-Disposition"]
    assert body(download)[:2] == b"PK"
    export.refresh_from_db()
    assert export.rows == 3 and export.path.startswith("private/exports/") and export.expires_at > timezone.now()


def test_only_the_owner_and_hr_may_fetch_a_prepared_file(client, city, supervisor_user, scored, other_unit_user,
                                                         employee_user, hr_user, django_capture_on_commit_callbacks):
    client.force_login(supervisor_user)
    response = ask(client, reverse("penilaian:export-team", args=["csv"]) + "?periode=2025",
                   django_capture_on_commit_callbacks)
    export = ExportFile.objects.get()
    download_url = reverse("penilaian:export-file-download", args=[export.pk])
    rows = list(csv.reader(io.StringIO(body(client.get(download_url)).decode("utf-8-sig"))))
    assert {r[0] for r in rows[1:]} == {city.teacher.nip, city.fellow_teacher.nip}
    for outsider in (other_unit_user, employee_user, f.make_user(groups=["Fasilitator"])):
        client.force_login(outsider)
        assert client.get(response["Location"]).status_code == 404
        assert client.get(download_url).status_code == 404
    client.force_login(hr_user)
    assert client.get(download_url).status_code == 200
    client.logout()
    assert client.get(download_url).status_code == 302
    client.force_login(hr_user)
    assert client.post(download_url).status_code == 405


def test_a_failed_export_says_so(client, hr_user, scored, monkeypatch, django_capture_on_commit_callbacks):
    client.force_login(hr_user)

    def broken(*args, **kwargs):
        raise OSError("disk full")

    monkeypatch.setattr(export_services, "write_export", broken)
    response = ask(client, reverse("penilaian:export", args=["pegawai", "csv"]), django_capture_on_commit_callbacks)
    export = ExportFile.objects.get()
    assert export.status == ExportStatus.FAILED and "disk full" in export.error
    assert "tidak dapat disiapkan" in client.get(response["Location"]).content.decode()


def test_expired_files_are_purged_and_a_second_run_finds_nothing(client, hr_user, scored,
                                                                 django_capture_on_commit_callbacks):
    client.force_login(hr_user)
    ask(client, reverse("penilaian:export", args=["pegawai", "csv"]), django_capture_on_commit_callbacks)
    export = ExportFile.objects.get()
    assert default_storage.exists(export.path)
    assert export_services.export_files_purge() == 0
    assert export_services.export_files_purge(now=timezone.now() + timedelta(hours=25)) == 1
    assert not default_storage.exists(export.path) and not ExportFile.objects.exists()
    assert export_services.export_files_purge(now=timezone.now() + timedelta(hours=25)) == 0


def test_the_task_takes_only_json_and_builds_once(hr_user, scored):
    export = ExportFile.objects.create(owner=hr_user, kind="employees", fmt="csv", filename="pegawai.csv",
                                       params=export_services.query_params(ExportQuery(kind="employees")))
    result = export_services.export_build_task.enqueue(str(export.pk))
    assert result.status == "SUCCESSFUL"
    export.refresh_from_db()
    first_path = export.path
    export_services.export_build(export_id=str(export.pk))
    export.refresh_from_db()
    assert export.path == first_path and export.status == ExportStatus.READY


def test_a_request_a_dead_worker_never_finished_is_purged_too(hr_user, db):
    ExportFile.objects.create(owner=hr_user, kind="employees", fmt="csv", filename="pegawai.csv")
    assert export_services.export_files_purge(now=timezone.now() + timedelta(hours=47)) == 0
    assert export_services.export_files_purge(now=timezone.now() + timedelta(hours=49)) == 1
