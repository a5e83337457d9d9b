"""Browser tests: Playwright's Python package driving Debian's Chromium (never a downloaded one).

Locally they skip when /usr/bin/chromium is absent; under CI=true they must run, so a missing
browser fails the run instead of skipping.
"""

import os
import shutil

import pytest

CHROMIUM = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")
ARGS = [
    "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
    "--disable-sync", "--no-first-run", "--disable-quic",
]
PHONE = {"viewport": {"width": 390, "height": 844}, "device_scale_factor": 2, "is_mobile": True, "has_touch": True}

# Playwright's sync API runs an event loop in this thread; the test's own ORM calls are still
# synchronous and safe, so tell Django not to refuse them.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")


def pytest_collection_modifyitems(config, items):
    for item in items:
        if "tests/browser/" in str(item.fspath):
            item.add_marker(pytest.mark.browser)
            # The live server needs committed data, so these tests truncate every table when they
            # end. Restore what the migrations created (home page, site, groups, workflow) at the
            # start of each, whichever browser test ran before.
            item.add_marker(pytest.mark.django_db(transaction=True, serialized_rollback=True))


@pytest.fixture(scope="session", autouse=True)
def _migrated_data_snapshot(django_db_setup, django_db_blocker):
    """Let every browser test start from the migrated data (home page, site, groups, workflow).

    ``serialized_rollback`` restores the copy Django keeps on the connection wrapper, but
    Playwright and the live server make Django hand this thread new wrappers without it. Take the
    copy once, before the first browser test (browser tests are the first transactional tests,
    so the tables still hold exactly what the migrations created), and put it on the wrapper
    class so that every wrapper of the test database has it.
    """
    from django.db import connections

    with django_db_blocker.unblock():
        for alias in connections:
            wrapper = connections[alias]
            type(wrapper)._test_serialized_contents = wrapper.creation.serialize_db_to_string()


@pytest.fixture(scope="session")
def browser():
    if not (os.path.exists(CHROMIUM) or shutil.which("chromium")):
        if os.environ.get("CI") == "true":
            pytest.fail(f"CI=true but Chromium is missing at {CHROMIUM}: browser tests must run in CI")
        pytest.skip("Chromium is not installed (apt-get install chromium)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, headless=True, args=ARGS)
        yield browser
        browser.close()


@pytest.fixture
def phone(browser, live_server):
    context = browser.new_context(base_url=live_server.url, locale="en-US", **PHONE)
    context.set_default_timeout(15_000)
    page = context.new_page()
    yield page
    context.close()
