"""Every CSV and XLSX the portal writes goes through the one safe writer: with an employee, a
programme, its provider and a development record renamed to each formula-like payload, every
export URL (found in the urlconf: every URL name containing "export" or taking a ``fmt``, so a
new export cannot be forgotten), the prepared background file, the error file, the Django
admin's exports and ``manage.py export_scores`` are fetched, and every cell of every file is
checked: no formula, no text cell starting with ``= + - @``, tab or carriage return (numbers
stay numbers), and the payload comes out neutralised where the file shows it."""

from __future__ import annotations

import csv
import io
from io import StringIO

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.test import override_settings
from django.urls import URLResolver, get_resolver, reverse
from django.utils import timezone
from openpyxl import load_workbook

from pelatihan.models import DevelopmentRecord, Programme, SiasnPerson
from penilaian.imports.run import run_import
from penilaian.models import Employee
from portal.core.tables import FORMULA_PREFIXES, read_table
from tests import factories as f
from tests.pelatihan.factories import completed_session
from tests.pelatihan.siasn_factories import siasn_ready
from tests.penilaian.import_files import csv_bytes, make_indicators, make_period

PAYLOADS = ['=HYPERLINK("http://x","y")', "+1", "-1", "@SUM(A1)", "\tTab Nama", "\rCR Nama"]
FMTS = ("csv", "xlsx")


def _walk(patterns, namespace=None):
    for p in patterns:
        if isinstance(p, URLResolver):
            inner = f"{namespace}:{p.namespace}" if namespace and p.namespace else (p.namespace or namespace)
            yield from _walk(p.url_patterns, inner)
        elif p.name:
            yield (f"{namespace}:{p.name}" if namespace else p.name), getattr(p.pattern, "converters", {})


def export_url_names() -> set[str]:
    """Every URL name of the urlconf that writes a file: "export" in its name, or a ``fmt`` part."""
    return {name for name, converters in _walk(get_resolver().url_patterns)
            if "export" in name.split(":")[-1] or "fmt" in converters}


def body(response) -> bytes:
    return b"".join(response.streaming_content) if response.streaming else response.content


def is_number(text: str) -> bool:
    try:
        float(text.replace(",", "."))
    except ValueError:
        return False
    return True


def unsafe_cells(data: bytes, fmt: str) -> list:
    if fmt == "csv":
        rows = csv.reader(io.StringIO(data.decode("utf-8-sig"), newline=""))
        return [c for row in rows for c in row if c[:1] in FORMULA_PREFIXES and not is_number(c)]
    sheet = load_workbook(io.BytesIO(data)).active
    return [cell.value for row in sheet.iter_rows() for cell in row
            if cell.data_type == "f" or (cell.data_type == "s" and str(cell.value)[:1] in FORMULA_PREFIXES + ("\n",))]


def shows(data: bytes, fmt: str, payload: str) -> bool:
    """The payload is in the file, neutralised (or, for a name shown with its titles, trimmed)."""
    if fmt == "csv":
        texts = {c for row in csv.reader(io.StringIO(data.decode("utf-8-sig"), newline="")) for c in row}
    else:
        sheet = load_workbook(io.BytesIO(data)).active
        texts = {str(v).replace("\n", "\r") for row in sheet.iter_rows(values_only=True) for v in row if v is not None}
    return any(t.startswith("'" + payload) or (payload != payload.strip() and t == payload.strip()) for t in texts)


@pytest.fixture
def world(city, hr_user, supervisor_user, request):
    payload = request.param
    make_period()
    make_indicators()
    assert run_import("scores", read_table(csv_bytes([["nip", "indicator", "period", "self_score", "supervisor_score"],
                                                      [city.teacher.nip, "ba-pelayanan", "2025", 4, 3],
                                                      [city.nurse.nip, "kt-pedagogik", "2025", "", -1 + 3]])),
                      dry_run=False).ok
    session, _enrolment = completed_session(hr_user, city.teacher)
    Employee.objects.filter(pk=city.teacher.pk).update(name=payload)
    Programme.objects.filter(pk=session.programme_id).update(title=payload, provider=payload)
    DevelopmentRecord.objects.filter(employee=city.teacher).update(title=payload, provider=payload)
    # The SIASN export lists records ready to send: the agency's id set, codes confirmed, the
    # teacher's SIASN id known.
    siasn_ready()
    SiasnPerson.objects.create(employee=city.teacher, pns_orang_id="A1B2C3", looked_up_at=timezone.now())
    return payload, session


def urls_for(name: str, session, year: int) -> list[tuple[str, str, str, bool]]:
    """(url, fmt, persona, shows the payload) for one export URL name; a new name fails the test."""
    builders = {
        "penilaian:export": lambda fmt: [(reverse(name, args=["pegawai", fmt]), True),
                                         (reverse(name, args=["indikator", fmt]), False),
                                         (reverse(name, args=["nilai", fmt]) + "?periode=2025", True)],
        "penilaian:export-team": lambda fmt: [(reverse(name, args=[fmt]) + "?periode=2025", True)],
        "pelatihan:attendance-export": lambda fmt: [(reverse(name, args=[session.pk, fmt]), True)],
        "pelatihan:siasn-export": lambda fmt: [(reverse(name, args=[year, fmt]), True)],
        "pelatihan:report-programmes-export": lambda fmt: [(reverse(name, args=[fmt]), True)],
        "pelatihan:report-units-export": lambda fmt: [(reverse(name, args=[fmt]) + "?periode=2025", False)],
        "pelatihan:report-indicators-export": lambda fmt: [(reverse(name, args=[fmt]), False)],
        # Overdue re-evaluations: the payload in its cells is checked in test_views_evaluation_overdue.
        "pelatihan:reevaluation-overdue-export": lambda fmt: [(reverse(name, args=[fmt]), False)],
    }
    assert name in builders, f"a new export URL, {name}: add it to this test"
    persona = "supervisor_user" if name == "penilaian:export-team" else "hr_user"
    return [(url, fmt, persona, expected) for fmt in FMTS for url, expected in builders[name](fmt)]


# Covered below by their own steps: the prepared file (background export), the admin's exports.
SPECIAL = {"penilaian:export-file", "penilaian:export-file-download", "admin:penilaian_employee_export",
           "admin:penilaian_indicator_export", "admin:penilaian_score_export"}


@pytest.mark.parametrize("world", PAYLOADS, indirect=True, ids=repr)
def test_every_export_url_writes_only_safe_cells(client, world, request):
    payload, session = world
    year = DevelopmentRecord.objects.get().year
    names = export_url_names()
    assert {"penilaian:export", "pelatihan:siasn-export", "pelatihan:attendance-export"} <= names
    for name in sorted(names - SPECIAL):
        for url, fmt, persona, expected in urls_for(name, session, year):
            client.force_login(request.getfixturevalue(persona))
            response = client.get(url)
            assert response.status_code == 200, url
            data = body(response)
            assert unsafe_cells(data, fmt) == [], url
            assert not expected or shows(data, fmt, payload), url


@pytest.mark.parametrize("world", PAYLOADS, indirect=True, ids=repr)
@pytest.mark.parametrize("fmt", FMTS)
def test_the_prepared_file_the_error_file_and_the_command_are_safe(client, world, hr_user, tmp_path, fmt,
                                                                   django_capture_on_commit_callbacks):
    payload, _session = world
    client.force_login(hr_user)
    with override_settings(EXPORT_BACKGROUND_ROWS={"csv": 0, "xlsx": 0}), \
            django_capture_on_commit_callbacks(execute=True):
        page = client.get(reverse("penilaian:export", args=["pegawai", fmt]))
    assert page.status_code == 302 and "/ekspor/berkas/" in page["Location"]
    download = client.get(page["Location"] + "unduh/")
    assert download.status_code == 200
    data = body(download)
    assert unsafe_cells(data, fmt) == [] and shows(data, fmt, payload)

    errors = client.post(reverse("penilaian:import-errors", args=["nilai"]), {"file": SimpleUploadedFile(
        "e.csv", csv_bytes([["nip", "indicator", "period", "self_score"], [payload, payload, "2025", 3]]))})
    assert unsafe_cells(body(errors), "csv") == []

    path = tmp_path / f"nilai.{fmt}"
    call_command("export_scores", "2025", str(path), stdout=StringIO())
    assert unsafe_cells(path.read_bytes(), fmt) == [] and shows(path.read_bytes(), fmt, payload)


@pytest.mark.parametrize("world", PAYLOADS[:1], indirect=True, ids=repr)
@pytest.mark.parametrize("fmt", ["0", "1"])  # the admin's format list: CSV, XLSX
def test_the_django_admins_exports_are_safe(client, world, fmt):
    client.force_login(f.make_user(superuser=True))
    for model, fields in [("employee", ["nip", "name", "unit"]), ("score", ["nip", "name", "indicator"])]:
        model_class = {"employee": Employee}.get(model)
        items = [str(pk) for pk in model_class.objects.values_list("pk", flat=True)] if model_class else []
        response = client.post(reverse(f"admin:penilaian_{model}_export"), {"format": fmt, "export_items": items} | {
            f"{model}resource_{name}": "on" for name in fields})
        assert response.status_code == 200
        assert unsafe_cells(body(response), "csv" if fmt == "0" else "xlsx") == []
