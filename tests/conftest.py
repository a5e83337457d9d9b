"""Personas (CONVENTIONS): an employee, that employee's supervisor and the supervisor's own
supervisor, a colleague in another unit, a trainer, HR. Each has a user account."""

from dataclasses import dataclass

import pytest

from penilaian.models import FunctionalLevel, PositionKind, UnitKind
from portal.core.roles import HR_GROUP, TRAINER_GROUP
from tests import factories as f


@pytest.fixture(autouse=True)
def _fresh_cache():
    """The cache outlives each test's database (cached page fragments, rate limits, sessions):
    every test starts with an empty one."""
    from django.core.cache import cache  # the configured cache, after settings are loaded

    cache.clear()


@dataclass
class City:
    disdik: object
    school: object
    dinkes: object
    head_of_education: object  # indirect supervisor of the teacher
    school_head: object  # direct supervisor
    teacher: object  # the employee
    fellow_teacher: object  # same school, same supervisor: a colleague, not a supervisor
    nurse: object  # another unit


@pytest.fixture
def city(db):
    disdik = f.make_unit("Dinas Pendidikan dan Kebudayaan", code="disdikbud")
    school = f.make_unit("SD Negeri 1 Simpang Kiri", code="sdn-1", kind=UnitKind.SEKOLAH, parent=disdik)
    dinkes = f.make_unit("Dinas Kesehatan", code="dinkes")
    head = f.make_employee(unit=disdik, name="Kepala Dinas", position_name="Kepala Dinas", position_kind=PositionKind.JPT_PRATAMA)
    school_head = f.make_employee(
        unit=school, supervisor=head, name="Kepala Sekolah", position_name="Kepala Sekolah",
        position_kind=PositionKind.FUNGSIONAL, functional_level=FunctionalLevel.AHLI_MADYA,
    )
    teacher = f.make_employee(
        unit=school, supervisor=school_head, name="Guru Kelas", position_name="Guru Kelas",
        position_kind=PositionKind.FUNGSIONAL, functional_level=FunctionalLevel.AHLI_PERTAMA,
        email="guru@uji.test",
    )
    fellow = f.make_employee(unit=school, supervisor=school_head, name="Guru Lain")
    nurse = f.make_employee(unit=dinkes, name="Perawat")
    return City(disdik, school, dinkes, head, school_head, teacher, fellow, nurse)


@pytest.fixture
def employee_user(city):
    return f.give_account(city.teacher)


@pytest.fixture
def supervisor_user(city):
    return f.give_account(city.school_head)


@pytest.fixture
def indirect_supervisor_user(city):
    return f.give_account(city.head_of_education)


@pytest.fixture
def colleague_user(city):
    return f.give_account(city.fellow_teacher)


@pytest.fixture
def other_unit_user(city):
    return f.give_account(city.nurse)


@pytest.fixture
def trainer_user(db):
    return f.make_user("fasilitator", groups=[TRAINER_GROUP])


@pytest.fixture
def hr_user(db):
    return f.make_user("bkpsdm", groups=[HR_GROUP])

