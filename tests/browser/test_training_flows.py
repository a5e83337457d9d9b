"""Phone-size browser tests of the training flows (issue 4), on the demo city."""

import re

import pytest
from django.core.management import call_command
from django.utils import timezone
from playwright.sync_api import expect

from home.models import WorkshopPage
from pelatihan.models import AttendanceRecord, Enrolment, SessionDay

PASSWORD = "portal-demo-2026"


@pytest.fixture
def demo_city(transactional_db, settings):
    from django.contrib.auth.models import Group
    from wagtail.models import Locale, Page, Site

    from home.models import HomePage
    from portal.core.roles import HR_GROUP, TRAINER_GROUP

    # Another transactional test may have flushed the tables, taking with them what the data
    # migrations made (the role groups, the page tree): put them back.
    for name in (HR_GROUP, TRAINER_GROUP):
        Group.objects.get_or_create(name=name)
    if not HomePage.objects.exists():
        Locale.objects.get_or_create(language_code="id")
        root = Page.get_first_root_node() or Page.add_root(title="Root", slug="root")
        home = root.add_child(instance=HomePage(title="Beranda", slug="home"))
        Site.objects.update_or_create(is_default_site=True, defaults={"hostname": "localhost", "root_page": home})
    settings.DEBUG = True  # seed_demo creates demo accounts only in development
    call_command("seed_demo", employees=400, stdout=open("/dev/null", "w"))
    settings.DEBUG = False


def sign_in(page, login):
    page.goto("/accounts/login/")
    page.locator("input[name=login]").fill(login)
    page.locator("input[name=password]").fill(PASSWORD)
    page.locator("main form button[type=submit]").first.click()
    expect(page).to_have_url(re.compile(r"/dasbor/$"))


def test_an_employee_registers_from_a_workshop_page_and_sees_it_on_the_dashboard(phone, demo_city):
    page = phone
    mine = Enrolment.objects.filter(employee__email="pegawai@portal.test").values_list("session_id", flat=True)
    workshop = next(
        p for p in WorkshopPage.objects.live().select_related("session").order_by("pk")
        if p.session_id not in set(mine) and p.session.registration_is_open() and not p.session.approval_required
    )
    sign_in(page, "pegawai@portal.test")
    page.goto(workshop.url)
    expect(page.get_by_role("heading", level=1)).to_have_text(workshop.title)
    seats = page.locator("[data-seats-left]").first
    before = int(seats.get_attribute("data-seats-left"))
    page.locator("#register-box button[type=submit]").click()
    expect(page.locator(".messages")).to_be_visible()
    expect(page.locator("#register-box .badge").first).to_be_visible()
    if before > 0:
        expect(page.locator("[data-seats-left]").first).to_have_attribute("data-seats-left", str(before - 1))
    assert Enrolment.objects.filter(session=workshop.session, employee__email="pegawai@portal.test").exists()
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")

    page.goto("/dasbor/")
    card = page.locator("article[aria-labelledby=card-dev]")
    expect(card).to_contain_text(workshop.session.programme.title)


def test_a_trainer_marks_attendance_on_a_phone(phone, demo_city):
    page = phone
    today = timezone.localdate()
    day = SessionDay.objects.get(date=today, session__name="Kelas Praktik (hari ini)")
    participant = Enrolment.objects.filter(session=day.session, status="confirmed").select_related("employee").order_by("pk")[1]
    sign_in(page, "fasilitator@portal.test")
    page.goto("/pelatihan/fasilitator/")
    page.locator(f'a[href="/pelatihan/fasilitator/sesi/{day.session_id}/hari/{day.pk}/"]').first.click()
    row = page.locator(f'fieldset[data-participant="{participant.employee.full_name}"]')
    row.locator('input[value="terlambat"]').check()
    row.locator("input[type=text]").fill("Datang 08.45")
    page.locator("form.sheet button[type=submit]").click()
    expect(page.locator(".messages")).to_be_visible()
    record = AttendanceRecord.objects.get(day=day, enrolment=participant)
    assert record.status == "terlambat" and record.note == "Datang 08.45"
    # Everyone else at once.
    page.locator("button[name=all_present]").click()
    expect(page.locator(".messages")).to_be_visible()
    assert AttendanceRecord.objects.filter(day=day).count() == Enrolment.objects.filter(
        session=day.session, status="confirmed").count()
    # The QR screen shows a live code and the count.
    page.goto(f"/pelatihan/fasilitator/sesi/{day.session_id}/hari/{day.pk}/qr/")
    expect(page.locator(".qr-code svg")).to_be_visible()
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
