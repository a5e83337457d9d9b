"""BKPSDM's main task on a phone (390×844, Chromium), on the demo city: from the matching page,
enrol an employee in a session; the session runs; HR finishes it; anyone verifies the certificate.
On the way: the enrol button is on screen without scrolling, and the irreversible actions
(cancelling the session, moving the period on) confirm with their figure first."""

import datetime as dt
import re

from django.utils import timezone
from playwright.sync_api import expect

from pelatihan.models import Enrolment, EnrolmentStatus, Session
from pelatihan.services.attendance import attendance_record
from penilaian.models import AppraisalPeriod, PeriodStatus
from tests.browser.test_training_flows import demo_city, sign_in  # noqa: F401 - the demo city fixture


def shot(page, folder, name, **kw):
    """Screenshots to look at (pytest keeps the last runs' tmp_path folders)."""
    page.screenshot(path=str(folder / f"{name}.png"), **kw)


def fits(page):
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth"), page.url


def in_view(page, locator):
    """The element lies fully inside the phone's screen as it is now (no scrolling)."""
    box = locator.bounding_box()
    size = page.viewport_size
    return box is not None and box["y"] >= 0 and box["y"] + box["height"] <= size["height"] and box["x"] >= 0 \
        and box["x"] + box["width"] <= size["width"]


def run_the_session(session: Session, enrolment: Enrolment) -> None:
    """The session happens: its meeting days move to the past and the participant attends each
    (what the trainer's sheet or the QR check-in would record); a post-test, if the programme
    has one, is passed."""
    days = list(session.days.order_by("date"))
    first = timezone.localdate() - dt.timedelta(days=len(days) + 1)
    for offset, day in enumerate(reversed(days)):  # move the last first: no two days share a date
        day.date = first + dt.timedelta(days=len(days) - 1 - offset)
        day.save(update_fields=["date"])
    if session.programme.post_test_pass_mark:
        Enrolment.objects.filter(pk=enrolment.pk).update(post_test_score=100)
    for day in session.days.all():
        attendance_record(day=day, enrolment=enrolment, status="hadir")


def test_bkpsdm_matches_enrols_finishes_and_the_certificate_verifies(phone, browser, live_server, demo_city,  # noqa: F811
                                                                    tmp_path):
    page = phone
    sign_in(page, "bkpsdm@portal.test")

    # 1. Matching: the enrol button is on screen at once, and counts the ticks.
    page.goto("/pelatihan/pencocokan/")
    expect(page).to_have_url(re.compile(r"/pelatihan/pencocokan/\d{4}"))
    fits(page)
    bar = page.locator(".action-bar")
    enrol = bar.locator("button[value=enrol]")
    expect(enrol).to_be_visible()
    assert in_view(page, enrol), "the enrol button must be reachable without scrolling"
    box = enrol.bounding_box()
    assert box["height"] >= 44 and box["width"] >= 44
    height = page.evaluate("document.documentElement.scrollHeight")
    shot(page, tmp_path, "1-matching-top")
    shot(page, tmp_path, "1-matching-full", full_page=True)
    # Tick a session with a free seat (no waiting-list badge).
    choice = page.locator("label.match").filter(has_not=page.locator(".badge-warn")).first
    value = choice.locator("input[name=pair]").get_attribute("value")
    employee_id, session_id = (int(v) for v in value.split(":"))
    choice.locator("input[name=pair]").check()
    expect(bar.locator(".picked-count")).to_be_visible()  # "1 ticked on this page" (a CSS counter: see the shot)
    assert in_view(page, enrol)  # still on screen after scrolling to the tick
    shot(page, tmp_path, "2-matching-ticked")
    enrol.click()
    expect(page.locator(".messages")).to_contain_text("1 terkonfirmasi")
    enrolment = Enrolment.objects.get(employee_id=employee_id, session_id=session_id)
    assert enrolment.status == EnrolmentStatus.CONFIRMED and enrolment.source == "hr"

    # 2. Cancelling would tell everyone registered: the confirmation says how many; HR keeps it.
    session = Session.objects.get(pk=session_id)
    told = session.enrolments.filter(status__in=["confirmed", "waiting", "pending_approval"]).count()
    page.goto(f"/pelatihan/bkpsdm/sesi/{session_id}/")
    page.locator(f'a[href="/pelatihan/bkpsdm/sesi/{session_id}/batalkan/"]').click()
    expect(page.locator(".consequence-figure")).to_contain_text(f"{told} orang akan diberi tahu")
    fits(page)
    shot(page, tmp_path, "3-cancel-confirmation")
    page.get_by_role("button", name="Tidak, pertahankan kelas").click()
    session.refresh_from_db()
    assert session.status == "published"

    # 3. The session runs; HR finishes it on the phone.
    run_the_session(session, enrolment)
    page.goto(f"/pelatihan/bkpsdm/sesi/{session_id}/")
    page.locator(f'a[href="/pelatihan/bkpsdm/sesi/{session_id}/selesai/"]').click()
    expect(page.locator("#consequence-figure")).to_contain_text("1 selesai dengan sertifikat")
    page.locator(f'form[action="/pelatihan/bkpsdm/sesi/{session_id}/selesai/"] button').click()
    expect(page.locator(".messages")).to_contain_text("Kelas selesai")
    enrolment.refresh_from_db()
    assert enrolment.status == EnrolmentStatus.COMPLETED
    number = enrolment.certificate.number
    fits(page)
    shot(page, tmp_path, "4-session-finished")

    # 4. Anyone holding the paper verifies it, without signing in.
    stranger = browser.new_context(base_url=live_server.url, locale="en-US", viewport={"width": 390, "height": 844},
                                   is_mobile=True, has_touch=True)
    public = stranger.new_page()
    public.goto(f"/pelatihan/sertifikat/{number}/")
    expect(public.locator("main")).to_contain_text(enrolment.employee.full_name)
    expect(public.locator("main")).to_contain_text(session.programme.title)
    fits(public)
    shot(public, tmp_path, "5-certificate-verified")
    stranger.close()

    # 5. Moving the appraisal period on names the share it locks, and changes nothing until confirmed.
    period = AppraisalPeriod.objects.exclude(status=PeriodStatus.CLOSED).exclude(status=PeriodStatus.DRAFT).first()
    if period is not None:
        page.goto(f"/kinerja/periode/{period.code}/")
        page.locator(f'a[href="/kinerja/periode/{period.code}/lanjut/"]').click()
        expect(page.locator(".consequence-figure")).to_contain_text("%")
        fits(page)
        shot(page, tmp_path, "6-period-confirmation")
        page.get_by_role("button", name="Tidak, kembali").click()
        period.refresh_from_db()
        assert period.status != PeriodStatus.CLOSED
    print(f"matching page: {height} px tall at 390 px; shots in {tmp_path}")
