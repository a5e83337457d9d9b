"""An employee on a phone signs in, lands on the dashboard in Indonesian, switches to English."""

import os
import re

import pytest
from django.core.management import call_command
from playwright.sync_api import expect


@pytest.fixture
def demo_city(transactional_db, settings):
    settings.DEBUG = True  # seed_demo creates demo accounts only in development
    call_command("seed_demo", employees=400, stdout=open("/dev/null", "w"))
    settings.DEBUG = False


def test_employee_signs_in_on_a_phone_and_switches_language(phone, demo_city):
    page = phone
    page.goto("/")
    # The browser asks for English (locale en-US), but the portal speaks Indonesian by default.
    expect(page.locator("html")).to_have_attribute("lang", "id")
    page.goto("/accounts/login/")
    page.get_by_label("NIP atau e-mail").fill("pegawai@portal.test")
    page.get_by_label("Kata sandi").fill("portal-demo-2026")
    page.get_by_role("button", name="Masuk").click()
    expect(page).to_have_url(re.compile(r"/dasbor/$"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Dasbor")
    expect(page.get_by_role("heading", name="Kinerja saya")).to_be_visible()
    # No horizontal scrolling on a phone.
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")

    page.get_by_role("button", name="English").click()
    expect(page.locator("html")).to_have_attribute("lang", "en")
    expect(page.get_by_role("heading", level=1)).to_have_text("Dashboard")
    expect(page.get_by_role("heading", name="My performance")).to_be_visible()
    os.makedirs("test-artifacts", exist_ok=True)
    page.screenshot(path="test-artifacts/phone-dashboard-en.png", full_page=True)
