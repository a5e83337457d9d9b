"""The trainer's check-in on real screens (Chromium, the demo city seeded relative to today):
the QR decodes with a real decoder (``zbarimg``) at a phone, a tablet and a laptop size, in the
ordinary and the projector screen; and a participant checks in with the URL decoded from a
screenshot of the trainer's phone."""

import os
import re
import shutil
import subprocess

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from pelatihan import rules
from pelatihan.models import AttendanceRecord, SessionDay

from .conftest import PHONE
from .test_training_flows import demo_city, sign_in  # noqa: F401 - demo_city is a fixture

VIEWPORTS = [(390, 844), (768, 1024), (1280, 800)]


@pytest.fixture
def zbarimg():
    path = shutil.which("zbarimg")
    if path is None:
        if os.environ.get("CI") == "true":
            pytest.fail("CI=true but zbarimg is missing (apt-get install zbar-tools): the QR must be decoded in CI")
        pytest.skip("zbarimg is not installed (apt-get install zbar-tools)")
    return path


def decode(zbarimg, png: bytes, tmp_path) -> list[str]:
    """Every QR code a real decoder finds in a screenshot."""
    image = tmp_path / "screen.png"
    image.write_bytes(png)
    result = subprocess.run([zbarimg, "-q", "--raw", "-Sdisable", "-Sqrcode.enable", str(image)],  # noqa: S603
                            capture_output=True, text=True, check=False)
    return [line for line in result.stdout.splitlines() if line.strip()]


@pytest.fixture
def today_day(demo_city, settings, live_server):  # noqa: F811 - the imported fixture
    # The code carries the public address: here, the live server a participant's phone can reach.
    settings.PUBLIC_URL = live_server.url
    return SessionDay.objects.select_related("session").get(date=timezone.localdate(),
                                                            session__name="Kelas Praktik (hari ini)")


def test_the_check_in_qr_decodes_at_a_phone_a_tablet_and_a_laptop_size(browser, live_server, today_day, zbarimg,
                                                                       tmp_path):
    session = today_day.session
    paths = {
        "screen": f"/pelatihan/fasilitator/sesi/{session.pk}/hari/{today_day.pk}/qr/",
        "projector": f"/pelatihan/fasilitator/sesi/{session.pk}/hari/{today_day.pk}/qr/proyektor/",
    }
    expected = re.compile(re.escape(live_server.url) + rf"/pelatihan/sesi/{session.pk}/hadir/[^/]+/$")
    for width, height in VIEWPORTS:
        phone_like = width < 500
        context = browser.new_context(base_url=live_server.url, viewport={"width": width, "height": height},
                                      device_scale_factor=2 if phone_like else 1, is_mobile=phone_like,
                                      has_touch=phone_like)
        page = context.new_page()
        sign_in(page, "fasilitator@portal.test")
        for mode, path in paths.items():
            page.goto(path)
            code = page.locator(".qr-code svg")
            expect(code).to_be_visible()
            box = code.bounding_box()
            # Whole, centred, and as large as the screen allows (the quiet zone is in the picture).
            assert box["x"] >= 0 and box["x"] + box["width"] <= width + 0.5, (mode, width, box)
            assert abs(box["x"] + box["width"] / 2 - width / 2) <= 2, (mode, width, box)
            assert box["y"] + box["height"] <= height, (mode, width, box)
            assert box["width"] >= min(width, height) * 0.55, (mode, width, box)
            assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth"), (mode, width)
            expect(page.locator("[data-present]")).to_have_count(1)
            found = decode(zbarimg, page.screenshot(), tmp_path)
            assert len(found) == 1 and expected.match(found[0]), (mode, width, found)
        # Projector mode: the counter is on the same screen as the code, in black on white.
        counter = page.locator("#qr-count")
        assert counter.bounding_box()["y"] + counter.bounding_box()["height"] <= height
        assert page.evaluate("getComputedStyle(document.body).backgroundColor") == "rgb(255, 255, 255)"
        context.close()


def test_a_participant_checks_in_with_the_url_decoded_from_the_trainers_phone(browser, live_server, today_day,
                                                                              zbarimg, tmp_path, monkeypatch):
    # Rotate quickly so the test sees the screen refresh (the code and the counter) several times.
    monkeypatch.setattr(rules, "QR_ROTATE_SECONDS", 2)
    monkeypatch.setattr(rules, "QR_COUNT_SECONDS", 1)
    contexts = [browser.new_context(base_url=live_server.url, locale="en-US", **PHONE) for _ in range(2)]
    try:
        _check_in_with_the_decoded_url(*(c.new_page() for c in contexts), today_day, zbarimg, tmp_path, live_server)
    finally:
        # Stop the screen's polling before the live server goes away.
        for context in contexts:
            context.close()


def _check_in_with_the_decoded_url(trainer, participant, today_day, zbarimg, tmp_path, live_server):
    sign_in(trainer, "fasilitator@portal.test")
    # A training day: the dashboard opens today's check-in in one tap.
    card = trainer.locator("article.checkin-today")
    expect(card).to_contain_text(today_day.session.programme.title)
    card.get_by_role("button").click()
    expect(trainer).to_have_url(re.compile(r"/qr/$"))
    expect(trainer.locator("[data-present]")).to_have_text("0")
    (url,) = decode(zbarimg, trainer.screenshot(), tmp_path)

    sign_in(participant, "pegawai@portal.test")
    participant.goto(url)
    participant.get_by_role("button").filter(has_text=re.compile("attendance|kehadiran", re.I)).click()
    expect(participant.locator(".message-success")).to_be_visible()
    assert AttendanceRecord.objects.filter(day=today_day, enrolment__employee__email="pegawai@portal.test",
                                           status="hadir", method="qr").exists()

    # The trainer's live counter moves, and after several refreshes of code and counter the
    # screen still shows exactly one counter and one code that decodes to a fresh URL.
    expect(trainer.locator("[data-present]")).to_have_text("1", timeout=10_000)
    trainer.wait_for_timeout(4500)
    expect(trainer.locator("[data-present]")).to_have_count(1)
    expect(trainer.locator(".qr-code svg")).to_have_count(1)
    (fresh,) = decode(zbarimg, trainer.screenshot(), tmp_path)
    assert fresh != url and fresh.startswith(live_server.url)
