"""The Django admin's import-export buttons run the same fast path (resources.py)."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from wagtail.models import ModelLogEntry

from penilaian.models import Indicator, Score
from tests import factories as f
from tests.penilaian.import_files import csv_bytes, make_indicators, make_period

HEADER = ["nip", "indicator", "period", "self_score", "supervisor_score"]


@pytest.fixture
def admin_client(client, db):
    client.force_login(f.make_user(superuser=True))
    return client


def test_the_admin_preview_lists_bad_rows_and_the_confirm_imports_through_the_fast_path(admin_client, city):
    make_period()
    make_indicators()
    url = reverse("admin:penilaian_score_import")
    bad = csv_bytes([HEADER, [city.teacher.nip, "ba-pelayanan", "2025", 4, 3], ["199001012015011999", "x", "2025", 4, 3]])
    response = admin_client.post(url, {"import_file": SimpleUploadedFile("n.csv", bad), "format": "0"})
    result = response.context["result"]
    assert [row.number for row in result.invalid_rows] == [3]
    assert "confirm_form" not in response.context

    good = csv_bytes([HEADER, [city.teacher.nip, "ba-pelayanan", "2025", 4, 3], [city.nurse.nip, "kt-pedagogik", "2025", 3, 3]])
    response = admin_client.post(url, {"import_file": SimpleUploadedFile("n.csv", good), "format": "0"})
    confirm = response.context["confirm_form"]
    assert Score.objects.count() == 0
    response = admin_client.post(reverse("admin:penilaian_score_process_import"), confirm.initial)
    assert response.status_code == 302
    assert Score.objects.count() == 2
    assert ModelLogEntry.objects.filter(action="penilaian.import.scores").count() == 1


def test_the_admin_exports_indicators_neutralised(admin_client):
    make_indicators()
    Indicator.objects.filter(code="kt-pedagogik").update(name="=cmd|' /C calc'!A0")
    response = admin_client.post(reverse("admin:penilaian_indicator_export"), {"format": "0", "export_items": [
        str(pk) for pk in Indicator.objects.values_list("pk", flat=True)
    ]} | {f"indicatorresource_{name}": "on" for name in ["code", "name", "kind"]})
    body = response.content.decode("utf-8-sig")
    assert "'=cmd" in body
