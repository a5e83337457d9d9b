"""Private files: random names, only through a view with the permission check, handed to nginx
with X-Accel-Redirect in production; files built in the background go to their owner only."""

import pytest
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from wagtail.documents.models import Document
from wagtail.models import Collection, CollectionViewRestriction

from portal.core import downloads
from portal.core.files import private_file_response, random_path
from portal.core.models import GeneratedFile, GeneratedFileStatus


def test_private_folders_get_a_random_folder_and_keep_the_name():
    name = random_path("documents/laporan kinerja.pdf")
    folder, random_part, base = name.split("/")
    assert folder == "documents" and len(random_part) == 32 and base == "laporan kinerja.pdf"
    assert random_path("documents/a.pdf") != random_path("documents/a.pdf")
    assert random_path("images/logo.png") == "images/logo.png"  # renditions are public


def test_an_uploaded_document_is_stored_under_a_random_name(db):
    document = Document.objects.create(title="Panduan", file=ContentFile(b"%PDF-1.4 isi", name="panduan.pdf"))
    assert document.file.name.startswith("documents/") and len(document.file.name.split("/")[1]) == 32
    assert document.filename == "panduan.pdf"


@pytest.fixture
def disk(settings, tmp_path):
    """MEDIA_ROOT on disk, as in production (Wagtail serves documents from a local path)."""
    settings.MEDIA_ROOT = tmp_path
    settings.STORAGES = {**settings.STORAGES, "default": {
        "BACKEND": "portal.core.files.PrivateFileSystemStorage", "OPTIONS": {"location": str(tmp_path)}}}
    return tmp_path


@pytest.fixture
def internal_document(db, disk):
    root = Collection.get_first_root_node()
    internal = root.add_child(name="Dokumen uji internal")
    CollectionViewRestriction.objects.create(collection=internal, restriction_type="login")
    return Document.objects.create(title="Internal", collection=internal,
                                   file=ContentFile(b"%PDF-1.4 rahasia", name="internal.pdf"))


def test_an_internal_document_needs_a_login_and_then_comes_through_django(client, internal_document, employee_user):
    url = internal_document.url
    assert client.get(url).status_code == 302
    client.force_login(employee_user)
    response = client.get(url)
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == b"%PDF-1.4 rahasia"
    assert 'filename="internal.pdf"' in response["Content-Disposition"]


def test_in_production_wagtail_hands_the_document_to_nginx(client, internal_document, employee_user, settings):
    settings.PRIVATE_FILES_ACCEL_PREFIX = "/_private/"
    client.force_login(employee_user)
    response = client.get(internal_document.url)
    assert response["X-Accel-Redirect"] == "/_private/" + internal_document.file.name
    assert response.content == b""


def test_with_the_accel_prefix_nginx_sends_the_bytes(db, disk, settings):
    settings.PRIVATE_FILES_ACCEL_PREFIX = "/_private/"
    name = default_storage.save("private/x/sertifikat ku.pdf", ContentFile(b"%PDF"))
    response = private_file_response(name, filename="sertifikat ku.pdf")
    assert response["X-Accel-Redirect"] == "/_private/" + name.replace(" ", "%20")
    assert response.content == b""
    assert response["Content-Type"] == "application/pdf"
    assert 'filename="sertifikat ku.pdf"' in response["Content-Disposition"]
    assert response["Cache-Control"] == "private, no-store"


def test_a_missing_or_escaping_name_is_404():
    from django.http import Http404  # the view helper's only error

    for name in ("", "private/none.pdf", "../etc/passwd"):
        with pytest.raises(Http404):
            private_file_response(name)


def build_hello(*, who: str) -> tuple[bytes, str]:
    return f"Halo {who}".encode(), "text/plain"


def test_a_file_built_in_the_background_is_for_its_owner_only(client, employee_user, colleague_user,
                                                              django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        generated = downloads.start(owner=employee_user, title="Uji", filename="halo.txt",
                                    builder="tests.portal.core.test_files.build_hello", arguments={"who": "Guru"})
    generated.refresh_from_db()
    assert generated.status == GeneratedFileStatus.READY and generated.file.startswith("private/generated/")
    client.force_login(employee_user)
    assert "halo.txt" in client.get(f"/unduhan/{generated.pk}/").content.decode()
    response = client.get(f"/unduhan/{generated.pk}/berkas/")
    assert b"".join(response.streaming_content) == b"Halo Guru"
    client.force_login(colleague_user)
    assert client.get(f"/unduhan/{generated.pk}/").status_code == 404
    assert client.get(f"/unduhan/{generated.pk}/berkas/").status_code == 404
    # Asked again within minutes: the same file, not another build.
    again = downloads.start(owner=employee_user, title="Uji", filename="halo.txt",
                            builder="tests.portal.core.test_files.build_hello", arguments={"who": "Guru"})
    assert again.pk == generated.pk and GeneratedFile.objects.count() == 1


def test_a_builder_that_fails_shows_the_owner_a_message(client, employee_user, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        generated = downloads.start(owner=employee_user, title="Uji", filename="x.txt",
                                    builder="tests.portal.core.test_files.build_hello", arguments={"wrong": 1})
    generated.refresh_from_db()
    assert generated.status == GeneratedFileStatus.FAILED and "TypeError" in generated.error
    client.force_login(employee_user)
    assert "could not be prepared" in client.get(f"/unduhan/{generated.pk}/", HTTP_ACCEPT_LANGUAGE="en").content.decode() \
        or "tidak dapat" in client.get(f"/unduhan/{generated.pk}/").content.decode()
