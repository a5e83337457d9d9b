"""The supervisor's daily work on a 390×844 phone in Chromium (the demo city seeded relative to
today): several registrations approved at once from the dashboard's inbox, then an appraisal
assessed from the inbox's "not yet assessed" link, the suggested behaviour rating following the
scores as they are entered (htmx), before anything is saved."""

import os
import re

from playwright.sync_api import expect

from pelatihan.models import Enrolment, EnrolmentStatus
from penilaian.models import Appraisal, Employee
from penilaian.selectors import periods as period_selectors
from tests.pelatihan.factories import make_session, register

from .test_field_employee import assert_fits_a_phone
from .test_training_flows import demo_city, sign_in  # noqa: F401 - demo_city is a fixture


def _two_waiting(supervisor):
    """Two of the supervisor's subordinates waiting for approval of a new session."""
    session = make_session(approval_required=True, capacity=10)
    team = Employee.objects.filter(supervisor=supervisor, is_active=True).order_by("pk")
    waiting = [e for e in Enrolment.objects.filter(employee__supervisor=supervisor, status=EnrolmentStatus.PENDING_APPROVAL)]
    for employee in team[:2]:
        waiting.append(register(session, employee))
    return waiting


def test_the_supervisor_approves_from_the_dashboard_and_assesses_with_a_live_suggestion(phone, demo_city, tmp_path):  # noqa: F811
    # Screenshots to look at: in SCREENSHOTS when set, else in the test's temporary folder.
    SHOTS = os.environ.get("SCREENSHOTS") or str(tmp_path)
    os.makedirs(SHOTS, exist_ok=True)
    page = phone
    supervisor = Employee.objects.get(email="atasan@portal.test")
    waiting = _two_waiting(supervisor)
    sign_in(page, "atasan@portal.test")

    inbox = page.locator("article.inbox")
    expect(inbox).to_be_visible()
    page.screenshot(path=f"{SHOTS}/1-dashboard.png", full_page=True)
    assert_fits_a_phone(page, "Dashboard with the inbox")
    picked = waiting[-2:]
    for enrolment in picked:
        inbox.locator(f"#pick-{enrolment.pk}").check()
    inbox.get_by_role("button", name=re.compile("selected|dipilih", re.I)).click()
    expect(page).to_have_url(re.compile(r"/dasbor/$"))
    expect(page.locator(".messages")).to_be_visible()
    page.screenshot(path=f"{SHOTS}/2-approved.png", full_page=True)
    for enrolment in picked:
        enrolment.refresh_from_db()
        assert enrolment.status in (EnrolmentStatus.CONFIRMED, EnrolmentStatus.WAITING)
        expect(page.locator(f"#pick-{enrolment.pk}")).to_have_count(0)

    # The approvals page: the rest, each with its own way to reject.
    page.goto("/pelatihan/persetujuan/")
    assert_fits_a_phone(page, "Training approvals")
    page.screenshot(path=f"{SHOTS}/2b-approvals.png", full_page=True)
    page.goto("/dasbor/")

    # Appraisals to assess: the inbox links to Penilaian Bawahan, filtered to "not yet assessed".
    period = period_selectors.current_period()
    page.locator("#inbox-assess ~ p a").click()
    expect(page).to_have_url(re.compile(r"status=belum-dinilai"))
    assert_fits_a_phone(page, "Penilaian Bawahan, not yet assessed")
    page.screenshot(path=f"{SHOTS}/3-team.png", full_page=True)
    page.locator("table a[role=button]").first.click()
    expect(page).to_have_url(re.compile(rf"/kinerja/bawahan/{period.code}/\d+/$"))
    nip = page.url.rstrip("/").rsplit("/", 1)[1]
    appraisal = Appraisal.objects.get(employee__nip=nip, period=period)
    saved_before = list(appraisal.scores.order_by("pk").values_list("supervisor_score", flat=True))

    live = page.locator("#assessment-live [data-suggested]")
    values = page.locator("fieldset.score-row[data-kind=perilaku]")
    assert values.count() == 7
    for i in range(values.count()):
        values.nth(i).locator("input[type=radio][value='5']").check()
    expect(live).to_have_attribute("data-suggested", "di_atas")
    page.screenshot(path=f"{SHOTS}/4-assess-high.png")
    values.nth(0).locator("input[type=radio][value='1']").check()
    expect(live).to_have_attribute("data-suggested", "di_bawah")
    page.screenshot(path=f"{SHOTS}/5-assess-low.png")
    assert_fits_a_phone(page, "Assessment form")
    # Nothing was saved by the preview.
    assert list(appraisal.scores.order_by("pk").values_list("supervisor_score", flat=True)) == saved_before

    # Finish it: every indicator scored, both ratings chosen, a reason for the other rating.
    for row in page.locator("fieldset.score-row").all():
        if not row.locator("input[type=radio]:checked").count():
            row.locator("input[type=radio][value='3']").check()
    page.locator("select[name=rating_hasil_kerja]").select_option("sesuai")
    page.locator("select[name=rating_perilaku]").select_option("sesuai")
    page.locator("textarea[name=rating_perilaku_reason]").fill("Satu nilai rendah karena satu kejadian.")
    page.locator("textarea[name=rating_hasil_kerja_reason]").fill("Sesuai capaian.")
    expect(page.locator("#assessment-live [data-predikat]")).to_have_attribute("data-predikat", "baik")
    page.locator("button[name=submit]").click()
    expect(page).to_have_url(re.compile(r"/kinerja/bawahan/\?periode="))
    appraisal.refresh_from_db()
    assert appraisal.status == "assessed" and appraisal.predikat == "baik"
