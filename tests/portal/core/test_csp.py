"""Content-Security-Policy on every HTML page; the portal's templates have no inline script."""

import re
from pathlib import Path

import pytest

from tests import factories as f

TEMPLATES = Path(__file__).resolve().parents[3] / "templates"
INLINE_SCRIPT = re.compile(r"<script(?![^>]*\bsrc=)[^>]*>", re.IGNORECASE)
EVENT_HANDLER = re.compile(r"<[^>]+\son[a-z]+\s*=", re.IGNORECASE)
STYLE_ATTRIBUTE = re.compile(r"<[^>]+\sstyle\s*=", re.IGNORECASE)


def policy(response) -> dict[str, list[str]]:
    header = response["Content-Security-Policy"]
    return {part.split()[0]: part.split()[1:] for part in header.split("; ") if part}


def test_no_template_has_inline_script_handlers_or_style_attributes():
    bad = []
    for path in TEMPLATES.rglob("*.html"):
        text = path.read_text(encoding="utf-8")
        for rule in (INLINE_SCRIPT, EVENT_HANDLER, STYLE_ATTRIBUTE):
            bad += [f"{path.relative_to(TEMPLATES)}: {m.group(0)[:60]}" for m in rule.finditer(text)]
    assert not bad, bad


@pytest.mark.parametrize("url", ["/", "/accounts/login/", "/cari/?q=pelatihan", "/halaman-tidak-ada/"])
def test_anonymous_pages_have_the_strict_policy(client, db, url):
    rules = policy(client.get(url))
    assert rules["script-src"] == ["'self'"] and rules["style-src"] == ["'self'"]
    assert rules["object-src"] == ["'none'"] and rules["frame-ancestors"] == ["'self'"]


@pytest.mark.parametrize("url", ["/dasbor/", "/kinerja/saya/", "/pelatihan/", "/pelatihan/riwayat/"])
def test_signed_in_pages_have_the_strict_policy(client, employee_user, url):
    client.force_login(employee_user)
    response = client.get(url)
    assert response.status_code == 200
    assert "'unsafe-inline'" not in response["Content-Security-Policy"]


def test_the_wagtail_admin_may_run_its_own_inline_scripts_and_nothing_from_elsewhere(client, db):
    client.force_login(f.make_user("editor", superuser=True))
    rules = policy(client.get("/admin/"))
    assert rules["script-src"] == ["'self'", "'unsafe-inline'"]
    assert rules["default-src"] == ["'self'"] and rules["object-src"] == ["'none'"]
