"""Small page builders for the content tests. Pages are published the way editors publish them
(a revision, then publish), which also updates the search index."""

import json

import pytest
from django.core.files.base import ContentFile
from wagtail.documents import get_document_model
from wagtail.models import Collection, PageViewRestriction

from home.models import (
    AnnouncementIndexPage,
    AnnouncementPage,
    GoodPracticeIndexPage,
    GuidanceIndexPage,
    GuidancePage,
    HomePage,
)

PDF = b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"


def publish_child(parent, page, *, private=False):
    parent.add_child(instance=page)
    page.save_revision().publish()
    if private:
        PageViewRestriction.objects.create(page=page, restriction_type=PageViewRestriction.LOGIN)
    page.refresh_from_db()
    return page


def text(html):
    return json.dumps([{"type": "text", "value": html}])


@pytest.fixture(autouse=True)
def media_on_disk(settings, tmp_path):
    """Documents are served by Django's sendfile path, which reads a real file: the in-memory
    storage of the test settings has no file on disk to send."""
    settings.MEDIA_ROOT = tmp_path
    settings.STORAGES = {**settings.STORAGES, "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"}}


@pytest.fixture
def home(db):
    return HomePage.objects.get()


@pytest.fixture
def library(home):
    return publish_child(home, GuidanceIndexPage(title="Pustaka Panduan", slug="panduan"))


@pytest.fixture
def news(home):
    return publish_child(home, AnnouncementIndexPage(title="Pengumuman", slug="pengumuman"))


@pytest.fixture
def practices(home):
    return publish_child(home, GoodPracticeIndexPage(title="Praktik Baik", slug="praktik-baik"))


@pytest.fixture
def make_guidance(library):
    def make(title="Panduan Uji", *, body="<p>Isi panduan.</p>", private=False, indicators=(), tags=(), slug=None):
        page = GuidancePage(title=title, slug=slug or None, summary=f"Ringkasan {title}", body=text(body))
        library.add_child(instance=page)
        if indicators:
            page.indicators.set(indicators)
        if tags:
            page.tags.add(*tags)
        page.save_revision().publish()
        if private:
            PageViewRestriction.objects.create(page=page, restriction_type=PageViewRestriction.LOGIN)
        page.refresh_from_db()
        return page

    return make


@pytest.fixture
def make_announcement(news):
    def make(title="Pengumuman Uji", **fields):
        fields.setdefault("summary", f"Ringkasan {title}")
        return publish_child(news, AnnouncementPage(title=title, **fields))

    return make


@pytest.fixture
def internal_document(db):
    """A PDF in the "Dokumen internal" collection, which migration home/0004 restricts to login."""
    collection = Collection.objects.get(name="Dokumen internal")
    Document = get_document_model()
    document = Document(title="Dokumen rahasia", collection=collection)
    document.file.save("rahasia.pdf", ContentFile(PDF), save=False)
    document.save()
    return document


@pytest.fixture
def public_document(db):
    Document = get_document_model()
    document = Document(title="Dokumen umum", collection=Collection.get_first_root_node())
    document.file.save("umum.pdf", ContentFile(PDF), save=False)
    document.save()
    return document
