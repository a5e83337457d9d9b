"""Employee imports: line-numbered errors, supervisors by NIP, existing employees left alone."""

from django.utils import translation
from wagtail.models import ModelLogEntry

from penilaian.imports.run import run_import
from penilaian.models import Employee
from portal.core.tables import read_table
from tests import factories as f
from tests.penilaian.import_files import csv_bytes

EMP = ["nip", "employee_type", "name", "position_name", "position_kind", "functional_level", "unit", "supervisor", "email"]


def employees(rows, dry_run=False):
    return run_import("employees", read_table(csv_bytes(rows)), dry_run=dry_run)


# The rows' own NIPs take another appointment month than the factories' (201505): whatever ran
# before, none of them is already in the register.
def test_employee_rows_are_checked_with_line_numbers(city):
    boss = f.make_nip(birth="19800101", appointment="200501", gender=1, sequence=11)
    staff = f.make_nip(birth="19900101", appointment="201501", gender=2, sequence=12)
    rows = [
        EMP,
        [boss, "PNS", "Kepala Bidang", "Kepala Bidang", "administrator", "", "disdikbud", city.head_of_education.nip, ""],
        [staff, "PNS", "Staf", "Guru", "fungsional", "ahli_pertama", "sdn-1", boss, "staf@uji.test"],  # supervisor in file
        ["19901301201501 2 013", "PNS", "Tanggal Salah", "Staf", "pelaksana", "", "sdn-1", "", ""],  # bad birth month
        [f.make_nip(sequence=14, appointment="201601"), "PNS", "Unit Salah", "Staf", "pelaksana", "", "tidak-ada", "", ""],
        [f.make_nip(sequence=15, appointment="201601"), "PNS", "Atasan Salah", "Staf", "pelaksana", "", "sdn-1", "199001012015011999", ""],
        [staff, "PNS", "Ganda", "Staf", "pelaksana", "", "sdn-1", "", ""],
        [f.make_nip(sequence=16, appointment="201601"), "PNS", "Surel Ganda", "Staf", "pelaksana", "", "sdn-1", "", "guru@uji.test"],
        [f.make_nip(sequence=17, appointment="201601"), "XYZ", "Jenis Salah", "Staf", "kepala", "", "sdn-1", "", ""],
    ]
    with translation.override("id"):
        result = employees(rows)
    assert [e.line for e in result.errors] == [4, 5, 6, 7, 8, 9]
    assert Employee.objects.filter(nip__in=[boss, staff]).count() == 0, "all or nothing"
    ok = employees(rows[:3])
    assert ok.ok and ok.created == 2
    assert Employee.objects.get(nip=staff).supervisor.nip == boss
    assert ModelLogEntry.objects.filter(action="penilaian.import.employees").count() == 1
    again = employees(rows[:3])
    assert again.ok and again.changed == 0 and again.unchanged == 2
    assert ModelLogEntry.objects.filter(action="penilaian.import.employees").count() == 2


def test_an_employee_dry_run_writes_nothing(city):
    nip = f.make_nip(sequence=21, appointment="201601")
    result = employees([EMP, [nip, "PNS", "Baru", "Staf", "pelaksana", "", "sdn-1", "", ""]], dry_run=True)
    assert result.ok and result.created == 1 and not Employee.objects.filter(nip=nip).exists()
