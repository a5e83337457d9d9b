"""The certificate PDF, read back with poppler's pdftotext and pdfimages: the holder, the
programme, the verification link on the public address, and the signatory, logo and signature
from the site settings (BKPSDM edits them; the project hands them to the PDF builder)."""

import shutil
import subprocess

import pytest
from django.core.files.images import ImageFile
from django.urls import reverse
from wagtail.images import get_image_model
from wagtail.models import Site

from home.models import SiteSettings
from pelatihan.documents import certificates
from portal.demo.files import logo_png, signature_png
from tests.pelatihan.factories import completed_session, login

SIGNATORY_NIP = "197203041994061001"


def _pdf_text(pdf: bytes, tmp_path) -> str:
    if shutil.which("pdftotext") is None:
        pytest.skip("pdftotext is not installed (apt-get install poppler-utils)")
    path = tmp_path / "sertifikat.pdf"
    path.write_bytes(pdf)
    return subprocess.run(["pdftotext", "-layout", str(path), "-"], capture_output=True, text=True, check=True).stdout  # noqa: S603,S607


def _images(pdf: bytes, tmp_path) -> int:
    path = tmp_path / "images.pdf"
    path.write_bytes(pdf)
    listing = subprocess.run(["pdfimages", "-list", str(path)], capture_output=True, text=True, check=True).stdout  # noqa: S603,S607
    return len(listing.splitlines()) - 2  # two header lines


def _image(title, data):
    import io

    return get_image_model().objects.create(title=title, file=ImageFile(io.BytesIO(data), name=f"{title}.png"))


def test_the_certificate_carries_the_holder_the_programme_and_the_public_link(db, hr_user, city, tmp_path, settings):
    settings.PUBLIC_URL = "https://kinerja.example.go.id"
    _s, enrolment = completed_session(hr_user, city.teacher)
    cert = enrolment.certificate
    text = _pdf_text(certificates.render_pdf([cert], issued_by=certificates.Issuer()), tmp_path)
    assert city.teacher.full_name in text and city.teacher.nip_display in text
    assert enrolment.session.programme.title in text and cert.number in text
    assert f"https://kinerja.example.go.id/pelatihan/sertifikat/{cert.number}/" in text
    assert "Kepala BKPSDM Kota Subulussalam" in text and "127.0.0.1" not in text


def test_the_signatory_logo_and_signature_come_from_the_site_settings(client, hr_user, employee_user, city, tmp_path):
    site = Site.objects.get(is_default_site=True)
    SiteSettings.objects.create(
        site=site, organisation="BKPSDM Kota Subulussalam — Badan Kepegawaian dan Pengembangan SDM",
        certificate_signatory_name="Drs. Contoh Penandatangan, M.Si.", certificate_signatory_nip=SIGNATORY_NIP,
        certificate_signatory_position="Plt. Kepala BKPSDM Kota Subulussalam",
        logo=_image("logo", logo_png()), certificate_signature=_image("ttd", signature_png()),
    )
    _s, enrolment = completed_session(hr_user, city.teacher)
    login(client, employee_user)
    response = client.get(reverse("pelatihan:certificate-download", args=[enrolment.certificate.number]))
    assert response.status_code == 200
    text = _pdf_text(response.content, tmp_path)
    assert "Drs. Contoh Penandatangan, M.Si." in text and "Plt. Kepala BKPSDM Kota Subulussalam" in text
    assert "NIP 19720304 199406 1 001" in text
    assert "Badan Kepegawaian dan Pengembangan SDM" in text
    assert _images(response.content, tmp_path) >= 3  # the logo, the signature and the QR code


def test_without_a_signatory_the_certificate_leaves_room_to_sign(db, hr_user, city, tmp_path):
    _s, enrolment = completed_session(hr_user, city.teacher)
    text = _pdf_text(certificates.render_pdf([enrolment.certificate]), tmp_path)
    assert "( ...." in text and "Kepala BKPSDM Kota Subulussalam" in text


def test_a_signatory_nip_is_checked_like_any_nip(db):
    from django.core.exceptions import ValidationError

    values = SiteSettings(site=Site.objects.get(is_default_site=True), certificate_signatory_nip="19721304 199406 1 001")
    with pytest.raises(ValidationError) as caught:
        values.clean()
    assert "certificate_signatory_nip" in caught.value.message_dict
    values.certificate_signatory_nip = "19720304 199406 1 001"
    values.clean()
    assert values.certificate_signatory_nip == SIGNATORY_NIP
