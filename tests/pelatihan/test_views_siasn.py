"""BKPSDM's SIASN reconciliation page and its actions: HR only (every other persona and the wrong
method refused), each status with its detail, a pinned query count, the export in SIASN's columns
with formula cells neutralised, and the end-to-end path — a verified record goes to the fake
through the background task (immediately, through a deferring backend's worker, and through the
database worker when it is installed) and shows as sent with SIASN's id."""

import csv
import datetime as dt
import io

import pytest
from django.conf import settings as django_settings
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone
from django_tasks import default_task_backend
from django_tasks.base import TaskResultStatus
from openpyxl import load_workbook

from pelatihan.models import SendStatus, SiasnKindCode, SiasnPerson, SiasnSend
from pelatihan.selectors.siasn import plan_year, siasn_settings
from pelatihan.siasn.mapping import FIELDS
from tests.pelatihan.factories import completed_session, login
from tests.pelatihan.siasn_factories import siasn_ready, verified_record

PAGE = "pelatihan:siasn-reconciliation"


@pytest.fixture
def ready(siasn_on, city):
    siasn_ready()
    for employee in (city.teacher, city.nurse):
        siasn_on.add_person(employee.nip, employee.name)
    return siasn_on


def test_siasn_pages_are_for_hr_only(client, city, hr_user, employee_user, supervisor_user, trainer_user,
                                     other_unit_user, indirect_supervisor_user):
    send = SiasnSend.objects.create(record=verified_record(city.teacher, hr_user), status=SendStatus.FAILED, message="x")
    page = reverse(PAGE)
    posts = [reverse("pelatihan:siasn-queue"), reverse("pelatihan:siasn-resend-failed"),
             reverse("pelatihan:siasn-resend", args=[send.pk])]
    assert client.get(page).status_code == 302  # anonymous: to the login page
    assert all(client.post(u, {"tahun": 2025}).status_code == 302 for u in posts)
    for outsider in (employee_user, supervisor_user, trainer_user, other_unit_user, indirect_supervisor_user):
        login(client, outsider)
        assert client.get(page).status_code == 403
        assert [client.post(u, {"tahun": 2025}).status_code for u in posts] == [403, 403, 403]
        assert client.get(reverse("pelatihan:siasn-export", args=[2025, "csv"])).status_code == 403
    login(client, hr_user)
    assert client.get(page).status_code == 200
    assert [client.get(u).status_code for u in posts] == [405, 405, 405]
    assert client.post(page).status_code == 405
    send.refresh_from_db()
    assert send.status == SendStatus.FAILED  # nobody but HR changed anything


def test_the_page_shows_each_status_with_its_detail(client, city, hr_user):
    siasn_ready()
    SiasnKindCode.objects.filter(route="seminar").update(confirmed=False)
    verified_record(city.teacher, hr_user, title="Kursus Alfa")
    verified_record(city.teacher, hr_user, title="Kursus Beta", route="seminar", certificate_number="S/1")
    sent = verified_record(city.teacher, hr_user, title="Kursus Gama", certificate_number="S/2")
    failed = verified_record(city.nurse, hr_user, title="Kursus Delta", certificate_number="S/3")
    login(client, hr_user)
    fingerprint = next(p.fingerprint for p in plan_year(2025) if p.record_id == sent.pk)
    SiasnSend.objects.create(record=sent, status=SendStatus.SENT, rw_kursus_id="8ae486447f86758c017fd1e783d70271",
                             sent_at=timezone.now(), fingerprint=fingerprint)
    SiasnSend.objects.create(record=failed, status=SendStatus.FAILED, message="HTTP 400: Nomor sertifikat sudah digunakan")
    html = client.get(reverse(PAGE), {"tahun": 2025}).content.decode()
    assert "8ae486447f86758c017fd1e783d70271" in html
    assert "HTTP 400: Nomor sertifikat sudah digunakan" in html
    assert "belum dikonfirmasi" in html or "not confirmed" in html
    assert html.count('class="stat"') == 4
    only_failed = client.get(reverse(PAGE), {"tahun": 2025, "status": "failed"}).content.decode()
    assert "Kursus Delta" in only_failed and "Kursus Alfa" not in only_failed
    school = client.get(reverse(PAGE), {"tahun": 2025, "unit": city.disdik.code}).content.decode()
    assert "Kursus Alfa" in school and "Kursus Delta" not in school


def test_the_page_does_not_grow_in_queries_with_the_records(client, city, hr_user, django_assert_max_num_queries):
    siasn_ready()
    login(client, hr_user)
    verified_record(city.teacher, hr_user)
    with django_assert_max_num_queries(14) as few:
        client.get(reverse(PAGE), {"tahun": 2025})
    for n in range(30):
        employee = city.nurse if n % 2 else city.teacher
        record_ = verified_record(employee, hr_user, title=f"Pelatihan {n}", certificate_number=f"N/{n}")
        if n % 3 == 0:
            SiasnSend.objects.create(record=record_, status=SendStatus.FAILED, message="x")
    SiasnPerson.objects.create(employee=city.teacher, pns_orang_id="P1", looked_up_at=timezone.now())
    with django_assert_max_num_queries(len(few.captured_queries)):
        client.get(reverse(PAGE), {"tahun": 2025})


def test_the_export_has_siasns_columns_and_no_formula_cells(client, city, hr_user):
    siasn_ready()
    SiasnPerson.objects.create(employee=city.teacher, pns_orang_id="P-GURU", looked_up_at=timezone.now())
    verified_record(city.teacher, hr_user, title="+1 Literasi", provider='=HYPERLINK("http://x","y")')
    login(client, hr_user)
    response = client.get(reverse("pelatihan:siasn-export", args=[2025, "csv"]))
    rows = list(csv.reader(io.StringIO(b"".join(response.streaming_content).decode("utf-8-sig"))))
    assert rows[0] == list(FIELDS)
    row = dict(zip(FIELDS, rows[1], strict=True))
    assert row["institusiPenyelenggara"] == '\'=HYPERLINK("http://x","y")' and row["namaKursus"] == "'+1 Literasi"
    assert row["tanggalKursus"] == "04-08-2025" and row["jumlahJam"] == "24" and row["pnsOrangId"] == "P-GURU"
    xlsx = client.get(reverse("pelatihan:siasn-export", args=[2025, "xlsx"]))
    sheet = load_workbook(io.BytesIO(xlsx.content)).active
    values = list(sheet.iter_rows(values_only=True))
    assert list(values[0]) == list(FIELDS) and values[1][3] == '\'=HYPERLINK("http://x","y")'
    assert values[1][7] == 24 and values[1][11] == 2025  # JP and year stay numbers
    assert client.get(reverse("pelatihan:siasn-export", args=[2025, "pdf"])).status_code == 404


def test_a_verified_record_goes_to_siasn_and_shows_as_sent(client, city, hr_user, ready,
                                                          django_capture_on_commit_callbacks):
    """End to end with the immediate task backend: BKPSDM sends; the task posts; the page says sent."""
    _session, enrolment = completed_session(hr_user, city.teacher)
    year = enrolment.development_record.year
    login(client, hr_user)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("pelatihan:siasn-queue"), {"tahun": year, "unit": city.disdik.code})
    assert response.status_code == 302 and f"tahun={year}" in response["Location"]
    (save,) = ready.saves()
    rw_id = save.answer["mapData"]["rwKursusId"]
    assert save.json["nomorSertipikat"] == enrolment.certificate.number
    html = client.get(response["Location"]).content.decode()
    assert rw_id in html and "badge-ok" in html
    print("\nSIASN kursus/save body exactly as received by the fake:\n" + save.body.decode())


def test_a_failed_record_is_sent_again_from_the_page(client, city, hr_user, ready, django_capture_on_commit_callbacks):
    record_ = verified_record(city.teacher, hr_user)
    ready.fail_next("kursus/save", 400, {"success": False, "message": "Data tidak valid"})
    login(client, hr_user)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("pelatihan:siasn-queue"), {"tahun": 2025})
    send = SiasnSend.objects.get(record=record_)
    assert send.status == SendStatus.FAILED
    assert "Data tidak valid" in client.get(reverse(PAGE), {"tahun": 2025}).content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("pelatihan:siasn-resend", args=[send.pk]))
    assert response.status_code == 302
    send.refresh_from_db()
    assert send.status == SendStatus.SENT and send.rw_kursus_id in client.get(response["Location"]).content.decode()


def test_sending_off_is_explained_on_the_page_and_refused(client, city, hr_user, settings):
    settings.SIASN = {}
    siasn_ready()
    verified_record(city.teacher, hr_user)
    login(client, hr_user)
    html = client.get(reverse(PAGE), {"tahun": 2025}).content.decode()
    assert "disabled" in html
    response = client.post(reverse("pelatihan:siasn-queue"), {"tahun": 2025}, follow=True)
    assert not SiasnSend.objects.exists()
    assert any(m.level_tag == "error" for m in response.context["messages"])


def _work(now):
    """A worker for the deferring backend: run every waiting task whose time has come."""
    ran = 0
    for result in list(default_task_backend.results):
        run_after = result.task.run_after
        if result.status == TaskResultStatus.READY and (run_after is None or run_after <= now):
            object.__setattr__(result, "status", TaskResultStatus.SUCCESSFUL)
            result.task.call(*result.args, **result.kwargs)
            ran += 1
    return ran


def test_through_a_deferring_backend_a_retry_is_enqueued_for_its_time(client, city, hr_user, ready, settings,
                                                                      django_capture_on_commit_callbacks):
    """With a backend that can defer (as the database backend does), nothing runs in the request;
    the worker sends; after a 5xx the task is enqueued again with ``run_after`` at the backoff."""
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}
    record_ = verified_record(city.teacher, hr_user)
    ready.fail_next("kursus/save", 500)
    login(client, hr_user)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("pelatihan:siasn-queue"), {"tahun": 2025})
    assert ready.saves(None) == [] and len(default_task_backend.results) == 1  # queued, not run
    with django_capture_on_commit_callbacks(execute=True):
        assert _work(timezone.now()) == 1
    send = SiasnSend.objects.get(record=record_)
    assert send.status == SendStatus.PENDING and send.attempts == 1
    retry = default_task_backend.results[-1]
    assert retry.task.run_after == send.next_attempt_at and retry.args == [send.pk]
    assert _work(timezone.now()) == 0  # not before its time
    SiasnSend.objects.filter(pk=send.pk).update(next_attempt_at=timezone.now() - dt.timedelta(seconds=1))
    with django_capture_on_commit_callbacks(execute=True):
        assert _work(retry.task.run_after + dt.timedelta(seconds=1)) == 1
    send.refresh_from_db()
    assert send.status == SendStatus.SENT and [e.status for e in ready.saves(None)] == [500, 200]


@pytest.mark.skipif("django_tasks_db" not in django_settings.INSTALLED_APPS,
                    reason="the database task backend (django-tasks-db) is not installed in these settings")
def test_through_the_database_worker(transactional_db, client, city, hr_user, ready, settings):
    """As in production: real commits, the task row in the database, ``db_worker`` sends it."""
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    verified_record(city.teacher, hr_user)
    login(client, hr_user)
    client.post(reverse("pelatihan:siasn-queue"), {"tahun": 2025})
    assert ready.saves(None) == []  # the request only queued it
    call_command("db_worker", "--batch", "--no-startup-delay", "--no-reload", verbosity=0)
    send = SiasnSend.objects.get()
    assert send.status == SendStatus.SENT
    assert send.rw_kursus_id in client.get(reverse(PAGE), {"tahun": 2025}).content.decode()


def test_bkpsdm_confirms_codes_and_sets_the_agency_in_the_wagtail_admin(client, hr_user, employee_user):
    code = SiasnKindCode.objects.get(route="seminar", competency_kind="")
    login(client, employee_user)
    assert client.get(reverse("siasn_codes:index")).status_code in (302, 403)
    login(client, hr_user)
    assert client.get(reverse("siasn_codes:index")).status_code == 200
    response = client.post(reverse("siasn_codes:edit", args=[code.pk]), {
        "route": "seminar", "competency_kind": "", "jenis_diklat_id": "9", "label": "Seminar", "confirmed": "on"})
    assert response.status_code == 302
    code.refresh_from_db()
    assert code.confirmed
    opened = client.get(reverse("wagtailsettings:edit", args=["pelatihan", "siasnsettings"]), follow=True)
    assert opened.status_code == 200
    edit_url = opened.redirect_chain[-1][0] if opened.redirect_chain else opened.request["PATH_INFO"]
    response = client.post(edit_url, {"instansi_id": "A5EB03E23CCCF6A0E040640A040252AD", "lokasi_id": ""})
    assert response.status_code == 302
    assert siasn_settings().instansi_id == "A5EB03E23CCCF6A0E040640A040252AD"
