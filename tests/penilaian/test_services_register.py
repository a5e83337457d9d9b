import pytest
from django.core.exceptions import ValidationError

from penilaian.models import Employee, PositionKind
from penilaian.services import register as register_services
from tests import factories as f


def row(unit, nip, key=None, supervisor_key=None, **extra):
    fields = dict(
        key=key or nip, nip=nip, employee_type="PNS", name=f"Orang {nip[-3:]}", position_name="Staf",
        position_kind=PositionKind.PELAKSANA, unit=unit, supervisor_key=supervisor_key,
    )
    fields.update(extra)
    return register_services.EmployeeRow(**fields)


def test_bulk_create_links_supervisors_in_any_order(db):
    unit = f.make_unit()
    boss, staff = "198001012005011001", "199001012015012002"
    created = register_services.employees_bulk_create(rows=[row(unit, staff, supervisor_key=boss), row(unit, boss)])
    assert created[staff].supervisor_id == created[boss].pk


def test_bulk_create_is_all_or_nothing_and_names_every_bad_row(db):
    unit = f.make_unit()
    rows = [row(unit, "198001012005011001"), row(unit, "198002302005011001", key="line 3"), row(unit, "12", key="line 4")]
    with pytest.raises(ValidationError) as exc:
        register_services.employees_bulk_create(rows=rows)
    messages = exc.value.messages
    assert any(m.startswith("line 3:") for m in messages) and any(m.startswith("line 4:") for m in messages)
    assert Employee.objects.count() == 0


def test_bulk_create_skips_existing_nips(db):
    unit = f.make_unit()
    register_services.employees_bulk_create(rows=[row(unit, "198001012005011001")])
    assert register_services.employees_bulk_create(rows=[row(unit, "198001012005011001")]) == {}


def test_a_supervisor_cycle_is_refused(city):
    with pytest.raises(ValidationError) as exc:
        register_services.employee_set_supervisor(employee=city.head_of_education, supervisor=city.teacher)
    assert exc.value.code == "cycle"


def test_employee_create_validates_the_nip_against_the_type(db):
    unit = f.make_unit()
    with pytest.raises(ValidationError) as exc:
        register_services.employee_create(
            nip="199001012022211001", employee_type="PNS", name="A", position_name="Guru",
            position_kind=PositionKind.PELAKSANA, unit=unit,
        )
    assert "nip" in exc.value.message_dict
    employee = register_services.employee_create(
        nip="1990 0101 2022 21 1 001", employee_type="PPPK", name="A", position_name="Guru",
        position_kind=PositionKind.PELAKSANA, unit=unit,
    )
    assert employee.nip == "199001012022211001"


def test_a_functional_position_needs_a_level(db):
    with pytest.raises(ValidationError) as exc:
        f.make_employee(position_kind=PositionKind.FUNGSIONAL)
    assert "functional_level" in exc.value.message_dict


def test_changes_leave_an_audit_record(city, hr_user):
    from wagtail.models import ModelLogEntry

    register_services.employee_update(employee=city.teacher, actor=hr_user, phone="081234567890")
    entry = ModelLogEntry.objects.filter(action="penilaian.employee.update").latest("timestamp")
    assert entry.user_id == hr_user.pk
    assert entry.data["phone"] == ["", "081234567890"]
