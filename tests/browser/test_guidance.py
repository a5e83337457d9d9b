"""A new employee on a phone finds the guidance library, reads a page and downloads its PDF."""

import os
import re

import pytest
from playwright.sync_api import expect

from portal.demo import content as demo_content


@pytest.fixture
def content(transactional_db, settings, tmp_path):
    # Documents are sent from disk by Django (WAGTAILDOCS_SERVE_METHOD = "serve_view").
    settings.MEDIA_ROOT = tmp_path
    settings.STORAGES = {**settings.STORAGES, "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"}}
    demo_content.seed_content()


def test_an_employee_reads_a_guidance_page_and_downloads_its_document(phone, content):
    page = phone
    page.goto("/")
    page.get_by_role("button", name="Menu").click()
    page.get_by_role("link", name="Panduan", exact=True).click()
    expect(page).to_have_url(re.compile(r"/panduan/$"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Pustaka Panduan")
    # The internal material is not listed for a visitor who has not signed in.
    expect(page.get_by_text("Bahan Paparan untuk Fasilitator")).to_have_count(0)

    page.get_by_role("link", name="Cara Mengisi Evaluasi Diri").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Cara Mengisi Evaluasi Diri")
    expect(page.get_by_text("Kirim kepada atasan")).to_be_visible()
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")

    with page.expect_download() as info:
        page.get_by_role("link", name=re.compile("Unduh: Panduan singkat evaluasi diri")).click()
    download = info.value
    assert download.suggested_filename.endswith(".pdf")
    with open(download.path(), "rb") as fh:
        assert fh.read(5) == b"%PDF-"
    os.makedirs("test-artifacts", exist_ok=True)
    page.screenshot(path="test-artifacts/phone-guidance.png", full_page=True)
