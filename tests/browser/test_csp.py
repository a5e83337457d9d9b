"""The Content-Security-Policy in a real browser: the portal's pages and Wagtail's page editor
work with it and the browser reports no violation."""

import re

from playwright.sync_api import expect

from tests import factories as f


def watch_violations(page) -> list[str]:
    seen = []
    page.on("console", lambda msg: seen.append(msg.text) if "Content Security Policy" in msg.text else None)
    return seen


def sign_in(page, username):
    page.goto("/accounts/login/")
    page.locator("input[name=login]").fill(username)
    page.locator("input[name=password]").fill(f.PASSWORD)
    page.locator("main form button[type=submit]").click()
    page.wait_for_url(re.compile(r"/(dasbor|admin)/"))


def test_an_editor_opens_the_page_editor_without_csp_violations(browser, live_server):
    from wagtail.models import Page  # the page tree the migrations created

    f.make_user("redaktur", superuser=True)
    home = Page.objects.filter(depth=2).first()
    context = browser.new_context(base_url=live_server.url, viewport={"width": 1280, "height": 900})
    page = context.new_page()
    violations = watch_violations(page)
    sign_in(page, "redaktur")
    page.goto("/admin/")
    expect(page.locator("body")).to_contain_text(re.compile("Dasbor|Dashboard|Halaman|Pages"))
    page.goto(f"/admin/pages/{home.pk}/edit/")
    expect(page.locator("form#page-edit-form")).to_be_visible()
    expect(page.locator("input[name=title]")).to_have_value(home.specific.title)
    page.locator("input[name=title]").fill(home.title + " (uji)")
    page.screenshot(path="test-artifacts/csp-wagtail-editor.png")
    assert not violations, violations
    context.close()


def test_portal_pages_run_without_csp_violations(browser, live_server, city):
    user = f.give_account(city.teacher)
    context = browser.new_context(base_url=live_server.url, viewport={"width": 390, "height": 844})
    page = context.new_page()
    violations = watch_violations(page)
    page.goto("/")
    sign_in(page, user.username)
    for url in ("/dasbor/", "/kinerja/saya/", "/pelatihan/", "/pelatihan/riwayat/"):
        page.goto(url)
        page.wait_for_load_state("networkidle")
    assert not violations, violations
    context.close()
