"""Column mapping at upload: an e-Kinerja recap (a title above the header, its own column names,
extra columns, the period only in the title) is mapped — header row, NIP, indicator, period and
scores — previewed with the mapped columns and the line errors, confirmed, saved as a named
profile and picked again next time; the command reads through the same profile."""

from io import StringIO

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command
from django.urls import reverse
from wagtail.models import ModelLogEntry

from penilaian.models import Employee, ImportProfile, Score
from tests import factories as f
from tests.penilaian.ekinerja import HEADER_ROW, recap_xlsx
from tests.penilaian.import_files import make_indicators, make_period, xlsx_bytes

UPLOAD = reverse("penilaian:import-upload", args=["nilai"])
MAPPING = reverse("penilaian:import-mapping", args=["nilai"])
CONFIRM = reverse("penilaian:import-confirm", args=["nilai"])


@pytest.fixture
def hr_client(client, hr_user):
    client.force_login(hr_user)
    return client


def recap(city, supervisor=(3, 4)):
    return recap_xlsx([
        (city.teacher.nip, "Guru Kelas", "ba-pelayanan", 4, supervisor[0]),
        (city.teacher.nip, "Guru Kelas", "kt-pedagogik", 4, supervisor[1]),
        (city.fellow_teacher.nip, "Guru Lain", "ba-pelayanan", "", 3),
    ])


MAPPED = {"header_row": HEADER_ROW, "col_nip": "nip_pegawai", "col_indicator": "kode_indikator", "period": "2025",
          "col_self_score": "nilai_pegawai", "col_supervisor_score": "nilai_atasan", "scale": "5"}


def map_form(hr_client, token, **extra):
    return hr_client.post(MAPPING, {"token": token, **MAPPED, **extra})


def test_the_whole_flow_upload_map_preview_confirm_save_and_reuse(hr_client, city, hr_user):
    make_period()
    make_indicators()
    # 1. The recap is not in the portal's columns: the form says so and offers the mapping page.
    upload = hr_client.post(UPLOAD, {"file": SimpleUploadedFile("rekap-skp.xlsx", recap(city))})
    assert upload.status_code == 400
    map_url = upload.context["map_url"]
    assert map_url.startswith(MAPPING)
    # 2. The mapping page shows the first rows with their numbers; choose row 5 as the header.
    page = hr_client.get(map_url)
    assert page.status_code == 200 and "REKAPITULASI" in page.content.decode()
    token = map_url.split("token=")[1]
    page = hr_client.get(MAPPING, {"token": token, "baris": HEADER_ROW})
    choices = dict(page.context["form"].fields["col_nip"].choices)
    assert choices["nip_pegawai"] == "B: NIP Pegawai" and "nilai_atasan" in choices
    # 3. Map and preview: the columns as read, nothing written yet.
    preview = map_form(hr_client, token, profile_name="e-Kinerja rekap tahunan")
    assert preview.status_code == 200 and preview.context["result"].ok, preview.context["result"].errors
    html = preview.content.decode()
    assert "B: NIP Pegawai" in html and "H: Nilai Atasan" in html
    assert preview.context["sample"][0][:3] == [city.teacher.nip_display, "ba-pelayanan", "2025"]
    assert preview.context["result"].created == 3 and Score.objects.count() == 0
    # 4. Confirm: imported, and the mapping saved under its name.
    hr_client.post(CONFIRM, {"token": preview.context["token"]})
    assert Score.objects.count() == 3
    profile = ImportProfile.objects.get()
    assert (profile.name, profile.kind, profile.header_row) == ("e-Kinerja rekap tahunan", "scores", HEADER_ROW)
    assert profile.columns == {"nip": "nip_pegawai", "indicator": "kode_indikator", "self_score": "nilai_pegawai",
                               "supervisor_score": "nilai_atasan"}
    assert ModelLogEntry.objects.filter(action="penilaian.import_profile.save", user=hr_user).exists()
    # 5. Next time: pick the profile (and the period the recap names in its title).
    again = hr_client.post(UPLOAD, {"file": SimpleUploadedFile("rekap-2.xlsx", recap(city, supervisor=(5, 5))),
                                    "profile": profile.pk, "period": "2025"})
    assert again.status_code == 200 and again.context["result"].ok
    assert (again.context["result"].updated, again.context["result"].unchanged) == (2, 1)
    hr_client.post(CONFIRM, {"token": again.context["token"]})
    assert Score.objects.get(appraisal__employee=city.teacher, indicator__code="kt-pedagogik").supervisor_score == 5
    # The profile is listed on the import page and may be deleted there.
    assert "e-Kinerja rekap tahunan" in hr_client.get(reverse("penilaian:import-index")).content.decode()
    hr_client.post(reverse("penilaian:import-profile-delete", args=[profile.pk]))
    assert not ImportProfile.objects.exists()


def test_the_preview_of_a_mapped_file_lists_line_errors_with_the_spreadsheets_lines(hr_client, city):
    make_period()
    make_indicators()
    data = recap_xlsx([(city.teacher.nip, "Guru", "ba-pelayanan", 4, 3), (city.teacher.nip, "Guru", "tidak-ada", 4, 3),
                       ("198613262015051001", "Salah", "ba-pelayanan", 4, 3)])
    upload = hr_client.post(UPLOAD, {"file": SimpleUploadedFile("r.xlsx", data), "map_columns": "on"})
    assert upload.status_code == 302 and upload["Location"].startswith(MAPPING)
    preview = map_form(hr_client, upload["Location"].split("token=")[1], profile_name="akan dibuang")
    assert [e.line for e in preview.context["result"].errors] == [7, 8]  # the data starts on row 6
    assert preview.context["token"] == "" and "akan dibuang" not in [p.name for p in ImportProfile.objects.all()]


def test_the_mapping_form_asks_for_every_needed_field_and_one_column_per_field(hr_client, city):
    make_period()
    upload = hr_client.post(UPLOAD, {"file": SimpleUploadedFile("r.xlsx", recap(city)), "map_columns": "on"})
    token = upload["Location"].split("token=")[1]
    response = hr_client.post(MAPPING, {"token": token, "header_row": HEADER_ROW, "col_nip": "nip_pegawai",
                                        "col_indicator": "nip_pegawai", "col_self_score": "nilai_pegawai"})
    form = response.context["form"]
    assert response.status_code == 400
    assert form.errors["col_period"] and form.errors["col_indicator"]


def test_only_hr_may_map(client, employee_user, hr_user, city):
    client.force_login(employee_user)
    assert client.get(MAPPING, {"token": "x"}).status_code == 403
    assert client.post(reverse("penilaian:import-profile-delete", args=[1])).status_code == 403
    client.force_login(hr_user)
    assert client.get(MAPPING, {"token": "x"}).status_code == 403  # a forged token
    assert client.get(reverse("penilaian:import-profile-delete", args=[1])).status_code == 405


def test_the_command_reads_through_a_saved_profile(city, tmp_path):
    make_period()
    make_indicators()
    ImportProfile.objects.create(name="ekinerja", kind="scores", header_row=HEADER_ROW, columns={
        "nip": "nip_pegawai", "indicator": "kode_indikator", "self_score": "nilai_pegawai",
        "supervisor_score": "nilai_atasan"})
    path = tmp_path / "rekap.xlsx"
    path.write_bytes(recap(city))
    with pytest.raises(CommandError, match="--period"):
        call_command("import_scores", str(path), "--profile", "ekinerja")
    with pytest.raises(CommandError, match="no such column mapping"):
        call_command("import_scores", str(path), "--profile", "nope")
    out = StringIO()
    call_command("import_scores", str(path), "--profile", "ekinerja", "--period", "2025", stdout=out)
    assert "created=3" in out.getvalue() and Score.objects.count() == 3


def test_an_agencys_employee_sheet_is_mapped_too(hr_client, city):
    nip = f.make_nip(birth="19920304", appointment="201703", gender=2, sequence=11)
    data = xlsx_bytes([["DAFTAR PEGAWAI DINAS KESEHATAN"], ["NIP Baru", "Nama Lengkap", "Jabatan", "Jenis Jabatan",
                                                            "Kode Unit", "Catatan"],
                       [nip, "Nurul Hidayah", "Pengadministrasi Umum", "pelaksana", "dinkes", "pindahan"]])
    url = reverse("penilaian:import-upload", args=["pegawai"])
    upload = hr_client.post(url, {"file": SimpleUploadedFile("pegawai.xlsx", data), "map_columns": "on"})
    mapping = reverse("penilaian:import-mapping", args=["pegawai"])
    preview = hr_client.post(mapping, {
        "token": upload["Location"].split("token=")[1], "header_row": 2, "col_nip": "nip_baru",
        "col_name": "nama_lengkap", "col_position_name": "jabatan", "col_position_kind": "jenis_jabatan",
        "col_unit": "kode_unit",
    })
    assert preview.status_code == 200 and preview.context["result"].ok, preview.context["result"].errors
    hr_client.post(reverse("penilaian:import-confirm", args=["pegawai"]), {"token": preview.context["token"]})
    assert Employee.objects.get(nip=nip).unit == city.dinkes
