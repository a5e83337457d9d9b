"""Phone-size browser tests of the fair appraisal: a stakeholder answers through a one-time link
without an account, and an employee acknowledges a final appraisal and objects to it. The pages
are in the portal's default language (Indonesian); the steps find their fields by name and
check the outcome in the database. Screenshots go to test-artifacts/."""

import datetime as dt
import os

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from penilaian.catalogue import catalogue_ensure
from penilaian.models import AppraisalReceipt, MultisourceResponse, Objection, ObjectionStatus, PeriodStatus
from penilaian.services import multisource as multisource_services
from penilaian.services import periods as period_services
from tests import factories as f
from tests.penilaian.fairness_helpers import final_appraisal

ARTIFACTS = "test-artifacts"


def shot(page, name):
    os.makedirs(ARTIFACTS, exist_ok=True)
    page.screenshot(path=f"{ARTIFACTS}/{name}.png", full_page=True)
    # Nothing on these pages may need sideways scrolling on a phone.
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth"), name


@pytest.fixture
def open_period(city):
    catalogue_ensure()
    period = period_services.period_create(year=2026, kind="annual", number=None, name="Penilaian Tahunan 2026",
                                           start_date=dt.date(2026, 1, 1), end_date=dt.date(2026, 12, 31))
    return period_services.period_advance(period=period, to_status=PeriodStatus.SELF_EVALUATION)


def test_a_stakeholder_answers_once_through_the_link_on_a_phone(phone, city, open_period, supervisor_user):
    page = phone
    feedback_round = multisource_services.round_open(employee=city.teacher, period=open_period, actor=supervisor_user)
    _invitation, url = multisource_services.invite_stakeholder(feedback_round=feedback_round, actor=supervisor_user)

    page.goto(url)
    expect(page.get_by_role("heading", level=1)).to_be_visible()
    expect(page.locator("main")).to_contain_text(city.teacher.full_name)
    expect(page.locator("main")).to_contain_text(city.school.name)
    assert city.teacher.nip_display not in page.locator("main").inner_text()
    shot(page, "phone-stakeholder-form")

    fieldsets = page.locator("main form fieldset.score-row")
    expect(fieldsets).to_have_count(7)
    for i in range(7):
        fieldsets.nth(i).locator("label.scale-option").nth(3 + i % 2).click()
    page.locator("textarea[name=comment]").fill("Cepat menanggapi laporan warga tentang sekolah.")
    page.locator("main form button[type=submit]").click()
    expect(page.get_by_role("heading", level=1)).to_be_visible()
    shot(page, "phone-stakeholder-thanks")
    response = MultisourceResponse.objects.get()
    assert response.group == "stakeholder" and response.ratings.count() == 7

    page.goto(url)  # the link works once
    expect(page.locator("main")).not_to_contain_text(city.teacher.full_name)
    shot(page, "phone-stakeholder-used-link")
    assert MultisourceResponse.objects.count() == 1


def test_an_employee_acknowledges_a_final_appraisal_and_objects_on_a_phone(
    phone, city, open_period, supervisor_user, indirect_supervisor_user, employee_user
):
    page = phone
    final = final_appraisal(city, open_period, supervisor_user, indirect_supervisor_user)
    page.goto("/accounts/login/")
    page.locator("input[name=login]").fill(city.teacher.nip)
    page.locator("input[name=password]").fill(f.PASSWORD)
    page.locator("main form button[type=submit]").first.click()
    page.wait_for_url("**/dasbor/")
    receipt_link = page.locator(f"a[href='{reverse('penilaian:my-receipt', args=[final.pk])}']").first
    expect(receipt_link).to_be_visible()
    shot(page, "phone-dashboard-final-appraisal")

    receipt_link.click()
    acknowledge = page.locator(f"form[action='{reverse('penilaian:receipt-acknowledge', args=[final.pk])}'] button")
    shot(page, "phone-receipt")
    acknowledge.click()
    expect(page.locator(".messages")).to_be_visible()
    assert AppraisalReceipt.objects.get(appraisal=final).acknowledged_at is not None

    page.locator("section[aria-labelledby=objection-h] details summary").click()
    page.locator("textarea[name=reasons]").fill("Bukti dukung modul ajar semester genap belum dipertimbangkan.")
    shot(page, "phone-objection-form")
    page.locator("section[aria-labelledby=objection-h] form button[type=submit]").click()
    expect(page.locator(".messages")).to_be_visible()
    objection = Objection.objects.get()
    assert objection.status == ObjectionStatus.OPEN and objection.handler == city.head_of_education
    expect(page.locator("section[aria-labelledby=objection-h] blockquote")).to_contain_text("modul ajar")
    shot(page, "phone-objection-filed")
