"""BKPSDM's SIASN reconciliation on a phone, in Chromium, against the local SIASN fake: the page
fits the screen, and "send" takes a verified record to SIASN and shows it sent with SIASN's id."""

import re

from playwright.sync_api import expect

from portal.core.roles import HR_GROUP
from tests import factories as f
from tests.pelatihan.siasn_factories import siasn_ready, verified_record
from tests.pelatihan.siasn_fake import siasn_fake, siasn_on  # noqa: F401 - the fake's fixtures


def test_bkpsdm_sends_a_year_to_siasn_from_a_phone(phone, siasn_on, tmp_path):  # noqa: F811 - the fixture above
    hr = f.make_user("bkpsdm-siasn", email="siasn@uji.test", groups=[HR_GROUP])
    teacher = f.make_employee(name="Nurhayati Berutu")
    siasn_on.add_person(teacher.nip, teacher.name)
    siasn_ready()
    verified_record(teacher, hr)
    page = phone
    page.goto("/accounts/login/")
    page.locator("input[name=login]").fill("siasn@uji.test")
    page.locator("input[name=password]").fill(f.PASSWORD)
    page.locator("main form button[type=submit]").first.click()
    expect(page).to_have_url(re.compile(r"/dasbor/$"))
    page.goto("/pelatihan/bkpsdm/siasn/?tahun=2025")
    assert page.evaluate("document.documentElement.scrollWidth") <= 390  # nothing off-screen
    page.locator("form[action$='/kirim/'] button").click()
    expect(page.get_by_role("status")).to_contain_text("SIASN: 1")
    (save,) = siasn_on.saves()
    rw_id = save.answer["mapData"]["rwKursusId"]
    expect(page.locator(".siasn-id").first).to_have_text(rw_id)
    expect(page.locator("td.siasn-state .badge-ok")).to_have_count(1)
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    page.screenshot(path=str(tmp_path / "siasn-sent-phone.png"), full_page=True)
