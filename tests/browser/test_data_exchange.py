"""BKPSDM's data exchange in a real browser: an e-Kinerja recap mapped at upload (header row,
columns, one period for the file), previewed, confirmed and saved as a profile; a large export
waiting on its page until the worker is done, the link appearing by htmx polling (no script of
ours). Screenshots go to test-artifacts/ for a person to look at."""

import re
from pathlib import Path

import pytest
from django.contrib.auth.models import Group
from playwright.sync_api import expect

from penilaian.models import ExportFile, ImportProfile, Score
from penilaian.services import exports as export_services
from portal.core.roles import HR_GROUP
from tests import factories as f
from tests.penilaian.ekinerja import HEADER_ROW, recap_xlsx
from tests.penilaian.import_files import make_indicators, make_period

ARTIFACTS = Path(__file__).resolve().parent.parent.parent / "test-artifacts"
DESKTOP = {"viewport": {"width": 1280, "height": 900}}


@pytest.fixture
def desk(browser, live_server):
    context = browser.new_context(base_url=live_server.url, locale="id-ID", **DESKTOP)
    context.set_default_timeout(15_000)
    page = context.new_page()
    yield page
    context.close()


@pytest.fixture
def hr(transactional_db):
    Group.objects.get_or_create(name=HR_GROUP)
    return f.make_user("bkpsdm-browser", email="bkpsdm@uji.test", groups=[HR_GROUP])


def sign_in(page, email):
    page.goto("/accounts/login/")
    page.locator("input[name=login]").fill(email)
    page.locator("input[name=password]").fill(f.PASSWORD)
    page.locator("main form button[type=submit]").first.click()
    expect(page).to_have_url(re.compile(r"/dasbor/$"))


def shot(page, name):
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / f"{name}.png"), full_page=True)


def test_bkpsdm_maps_an_e_kinerja_recap_and_reuses_the_mapping(desk, hr, city, tmp_path):
    page = desk
    make_period()
    make_indicators()
    recap = tmp_path / "rekap-skp-2025.xlsx"
    recap.write_bytes(recap_xlsx([(city.teacher.nip, "Guru Kelas", "ba-pelayanan", 4, 3),
                                  (city.teacher.nip, "Guru Kelas", "kt-pedagogik", 4, 4),
                                  (city.fellow_teacher.nip, "Guru Lain", "ba-pelayanan", "", 3)]))
    sign_in(page, "bkpsdm@uji.test")
    page.goto("/kinerja/impor/nilai/")
    page.locator("input[name=file]").set_input_files(str(recap))
    page.locator("main form button[type=submit]").first.click()
    expect(page.locator(".field-error")).to_contain_text("pilih sendiri")
    shot(page, "import-upload-needs-mapping")
    page.get_by_role("button", name="Pilih kolom berkas ini").click()
    expect(page.locator("table.file-head")).to_contain_text("REKAPITULASI")
    page.locator("input[name=baris]").fill(str(HEADER_ROW))
    page.get_by_role("button", name="Pakai baris ini").click()
    expect(page.locator("tr.is-header")).to_contain_text("NIP Pegawai")
    page.locator("select[name=col_nip]").select_option("nip_pegawai")
    page.locator("select[name=col_indicator]").select_option("kode_indikator")
    page.locator("select[name=period]").select_option("2025")
    page.locator("select[name=col_self_score]").select_option("nilai_pegawai")
    page.locator("select[name=col_supervisor_score]").select_option("nilai_atasan")
    page.locator("input[name=profile_name]").fill("Rekap e-Kinerja")
    shot(page, "import-mapping")
    page.get_by_role("button", name="Periksa berkas (pratinjau)").click()
    expect(page.locator(".import-mapped")).to_contain_text("B: NIP Pegawai")
    shot(page, "import-mapping-preview")
    page.get_by_role("button", name="Konfirmasi impor").click()
    expect(page.locator(".messages")).to_contain_text("Rekap e-Kinerja")
    assert Score.objects.count() == 3 and ImportProfile.objects.get().header_row == HEADER_ROW
    shot(page, "import-index-with-profile")
    assert page.evaluate("document.querySelectorAll('script:not([src])').length") == 0


def test_a_large_export_waits_then_the_link_appears(desk, hr, city, settings):
    page = desk
    make_period()
    make_indicators()
    settings.EXPORT_BACKGROUND_ROWS = {"csv": 0, "xlsx": 0}
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}
    sign_in(page, "bkpsdm@uji.test")
    page.goto("/kinerja/ekspor/pegawai/xlsx/")
    expect(page.locator("#export-status")).to_contain_text("Sedang disiapkan")
    shot(page, "export-being-prepared")
    export_services.export_build(export_id=str(ExportFile.objects.get().pk))  # the worker's turn
    link = page.get_by_role("button", name=re.compile("Unduh pegawai.xlsx"))
    expect(link).to_be_visible(timeout=10_000)
    shot(page, "export-ready")
    with page.expect_download() as download:
        link.click()
    assert download.value.suggested_filename == "pegawai.xlsx"
