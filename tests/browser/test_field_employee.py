"""An employee's daily work on a 390×844 phone in Chromium (the demo city seeded relative to
today): the self-evaluation handed in from Kinerja Saya, a registration from a recommendation,
and the field pages' touch targets — primary actions at least 44×44 px, links at least 32 px tall."""

import re

from django.utils import timezone
from playwright.sync_api import expect

from pelatihan.models import Enrolment, SessionDay
from penilaian.models import Appraisal

from .test_training_flows import demo_city, sign_in  # noqa: F401 - demo_city is a fixture

# Every visible action in the page's main part: buttons (and links drawn as buttons) at least
# 44×44 px, other links at least 32 px tall.
SMALL_TARGETS = """() => {
  const out = [];
  for (const el of document.querySelectorAll("main a, main button, main summary, main input[type=submit]")) {
    const r = el.getBoundingClientRect();
    if (!r.width || !r.height || getComputedStyle(el).visibility === "hidden") continue;
    const primary = el.tagName !== "A" || el.getAttribute("role") === "button";
    if (primary ? (r.height < 44 || r.width < 44) : r.height < 32)
      out.push(`${el.tagName} "${el.textContent.trim().slice(0, 40)}" ${Math.round(r.width)}x${Math.round(r.height)}`);
  }
  return out;
}"""


def assert_fits_a_phone(page, where):
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth"), f"{where}: scrolls sideways"
    assert page.evaluate(SMALL_TARGETS) == [], where


def test_the_employee_hands_in_the_self_evaluation_from_kinerja_saya(phone, demo_city):  # noqa: F811
    page = phone
    sign_in(page, "pegawai@portal.test")
    page.goto("/kinerja/saya/")
    step = page.locator("[data-step]")
    expect(step).to_have_attribute("data-step", "fill")
    assert_fits_a_phone(page, "Kinerja Saya")
    step.get_by_role("button").click()
    expect(page).to_have_url(re.compile(r"/kinerja/saya/\d{4}/$"))
    rows = page.locator("fieldset.score-row")
    assert rows.count() >= 10
    for i in range(rows.count()):
        rows.nth(i).locator("input[type=radio][value='4']").check()
    page.locator("button[name=submit]").click()
    expect(page).to_have_url(re.compile(r"/kinerja/saya/$"))
    expect(page.locator(".messages")).to_be_visible()
    expect(page.locator("[data-step]")).to_have_attribute("data-step", "submitted")
    year = timezone.localdate().year
    assert Appraisal.objects.get(employee__email="pegawai@portal.test", period__year=year).status == "self_submitted"
    assert_fits_a_phone(page, "Kinerja Saya after submitting")


def test_the_employee_registers_from_a_recommendation_and_can_cancel_with_confirmation(phone, demo_city):  # noqa: F811
    page = phone
    sign_in(page, "pegawai@portal.test")
    card = page.locator("article.recommendations")
    expect(card).to_be_visible()
    first = card.locator("li.reco").first
    title = first.locator("a strong").inner_text()
    first.locator("button[type=submit]").click()
    expect(page.locator(".messages")).to_be_visible()
    enrolment = Enrolment.objects.select_related("session__programme").get(
        employee__email="pegawai@portal.test", session__programme__title=title, status__in=["confirmed", "waiting",
                                                                                            "pending_approval"])
    # The registration has its own .ics, and cancelling it asks first.
    page.goto("/pelatihan/pendaftaran/")
    assert_fits_a_phone(page, "My registrations")
    article = page.locator("article", has=page.locator(f'a[href="/pelatihan/sesi/{enrolment.session_id}/"]')).first
    expect(article.locator(f'a[href="/pelatihan/pendaftaran/{enrolment.pk}/kalender.ics"]')).to_be_visible()
    article.locator(f'a[href="/pelatihan/pendaftaran/{enrolment.pk}/batal/"]').click()
    expect(page).to_have_url(re.compile(rf"/pendaftaran/{enrolment.pk}/batal/$"))
    assert_fits_a_phone(page, "Cancel confirmation")
    enrolment.refresh_from_db()
    assert enrolment.status != "cancelled"  # asking changed nothing
    page.locator("form.field-actions button[type=submit]").click()
    expect(page.locator(".messages")).to_be_visible()
    enrolment.refresh_from_db()
    assert enrolment.status == "cancelled"


def test_the_field_pages_have_targets_a_thumb_can_hit(browser, live_server, demo_city):  # noqa: F811
    from .conftest import PHONE

    context = browser.new_context(base_url=live_server.url, locale="en-US", **PHONE)
    page = context.new_page()
    try:
        sign_in(page, "pegawai@portal.test")
        for path in ("/pelatihan/riwayat/", "/pelatihan/riwayat/tambah/", "/pelatihan/sertifikat/"):
            page.goto(path)
            assert_fits_a_phone(page, path)
        page.goto("/accounts/logout/")
        page.locator("main form button[type=submit]").click()
        sign_in(page, "fasilitator@portal.test")
        day = SessionDay.objects.get(date=timezone.localdate(), session__name="Kelas Praktik (hari ini)")
        for path in ("/pelatihan/fasilitator/", f"/pelatihan/fasilitator/sesi/{day.session_id}/hari/{day.pk}/qr/"):
            page.goto(path)
            assert_fits_a_phone(page, path)
    finally:
        context.close()
