"""Internal material: pages behind login, documents in the restricted collection, and the
allow-list of document types."""

import pytest
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from wagtail.documents import get_document_model

from tests import factories as f

from .conftest import PDF


def test_a_private_page_sends_an_anonymous_visitor_to_the_login(client, make_guidance):
    page = make_guidance("Bahan paparan internal", body="<p>Naskah rahasia unit.</p>", private=True)
    response = client.get(page.url)
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/?next=")
    assert b"rahasia" not in response.content


def test_a_private_page_is_served_to_a_signed_in_employee(client, make_guidance, employee_user):
    page = make_guidance("Bahan paparan internal", body="<p>Naskah rahasia unit.</p>", private=True)
    client.force_login(employee_user)
    response = client.get(page.url)
    assert response.status_code == 200
    assert "Naskah rahasia unit." in response.content.decode()


def test_a_private_document_gives_nothing_to_an_anonymous_visitor(client, internal_document):
    response = client.get(internal_document.url)
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")
    assert not response.content.startswith(b"%PDF")


def test_a_private_document_is_served_to_a_signed_in_employee(client, internal_document, employee_user):
    client.force_login(employee_user)
    response = client.get(internal_document.url)
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert b"".join(response.streaming_content).startswith(b"%PDF")


def test_documents_are_served_by_django_not_from_media(public_document, client):
    assert public_document.url.startswith("/documents/")
    response = client.get(public_document.url)
    assert response.status_code == 200
    assert response["X-Content-Type-Options"] == "nosniff"


@pytest.mark.parametrize("name", ["pasang.exe", "halaman.html", "skrip.js", "gambar.svg"])
def test_a_document_type_outside_the_allow_list_is_refused(db, name):
    Document = get_document_model()
    document = Document(title="Berkas")
    document.file.save(name, ContentFile(b"MZ\x90\x00"), save=False)
    with pytest.raises(ValidationError) as excinfo:
        document.full_clean()
    assert "file" in excinfo.value.message_dict


def test_the_admin_upload_refuses_a_disallowed_type_and_takes_a_pdf(client, db):
    editor = f.make_user("editor", superuser=True)
    client.force_login(editor)
    Document = get_document_model()
    response = client.post("/admin/documents/add/", {
        "title": "Program jahat", "file": SimpleUploadedFile("program.exe", b"MZ\x90\x00"), "collection": 1,
    })
    assert response.status_code == 200
    assert response.context["form"].errors["file"]
    assert not Document.objects.exists()
    response = client.post("/admin/documents/add/", {
        "title": "Panduan", "file": SimpleUploadedFile("panduan.pdf", PDF, content_type="application/pdf"), "collection": 1,
    })
    assert response.status_code == 302
    assert Document.objects.filter(title="Panduan").exists()


def test_the_sitemap_leaves_out_private_pages(client, make_guidance):
    make_guidance("Panduan terbuka", slug="panduan-terbuka")
    make_guidance("Materi internal", slug="materi-internal", private=True)
    body = client.get("/sitemap.xml").content.decode()
    assert "/panduan/panduan-terbuka/" in body
    assert "materi-internal" not in body
