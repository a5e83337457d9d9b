import pytest
from django.contrib.auth import get_user_model
from django.core.management import CommandError, call_command

from penilaian import nip as nip_rules
from penilaian import permissions
from penilaian.models import Employee, Unit
from portal.core import roles

SMALL = 400


@pytest.fixture
def seeded(db, settings):
    settings.DEBUG = True
    call_command("seed_demo", employees=SMALL, stdout=open("/dev/null", "w"))


def test_it_builds_the_city_with_valid_nips(seeded):
    assert Employee.objects.count() == SMALL
    assert Unit.objects.filter(code="bkpsdm").exists()
    assert Unit.objects.filter(kind="sekolah").count() > 40
    assert Unit.objects.filter(kind="puskesmas", parent__code="dinkes").count() == 6
    for employee in Employee.objects.all():
        nip_rules.validate_nip(employee.nip, employee.employee_type)
    assert Employee.objects.filter(employee_type="PPPK").exists()


def test_a_second_run_creates_nothing(seeded):
    counts = (Employee.objects.count(), Unit.objects.count(), get_user_model().objects.count())
    call_command("seed_demo", employees=SMALL, stdout=open("/dev/null", "w"))
    assert (Employee.objects.count(), Unit.objects.count(), get_user_model().objects.count()) == counts


def test_the_demo_people_follow_the_rater_rules(seeded):
    teacher = Employee.objects.get(email="pegawai@portal.test")
    head = Employee.objects.get(email="atasan@portal.test")
    assert teacher.supervisor == head
    assert teacher.unit == head.unit and head.unit.kind == "sekolah"
    assert teacher.position_name.startswith("Guru")
    # The school head answers to the education division, which answers to the head of the dinas.
    assert head.supervisor.unit.parent.code == "disdikbud"
    assert head.supervisor.supervisor.position_name.startswith("Kepala Dinas")
    # Every puskesmas staff member is rated by the head of their puskesmas.
    for e in Employee.objects.filter(unit__kind="puskesmas").select_related("supervisor"):
        assert e.position_name == "Kepala Puskesmas" or e.supervisor.position_name == "Kepala Puskesmas"


def test_the_demo_accounts_have_their_roles(seeded):
    User = get_user_model()
    assert roles.is_hr(User.objects.get(email="bkpsdm@portal.test"))
    assert roles.is_trainer(User.objects.get(email="fasilitator@portal.test"))
    assert permissions.is_supervisor(User.objects.get(email="atasan@portal.test"))
    assert User.objects.get(username="admin").is_superuser
    for email in ["pegawai@portal.test", "atasan@portal.test", "fasilitator@portal.test", "bkpsdm@portal.test", "admin@portal.test"]:
        assert User.objects.get(email=email).check_password("portal-demo-2026")


def test_it_is_deterministic(db, settings):
    settings.DEBUG = True
    call_command("seed_demo", employees=SMALL, skip_appraisals=True, stdout=open("/dev/null", "w"))
    first = sorted(Employee.objects.values_list("nip", flat=True))
    Employee.objects.all().delete()
    call_command("seed_demo", employees=SMALL, no_accounts=True, skip_appraisals=True, stdout=open("/dev/null", "w"))
    assert sorted(Employee.objects.values_list("nip", flat=True)) == first


def test_it_refuses_demo_accounts_when_debug_is_off(db, settings):
    settings.DEBUG = False
    with pytest.raises(CommandError):
        call_command("seed_demo", employees=SMALL, stdout=open("/dev/null", "w"))
    assert not get_user_model().objects.filter(email="pegawai@portal.test").exists()


def test_the_appraisal_history_tells_the_gap_story(seeded):
    from penilaian.models import Appraisal, AppraisalPeriod, PeriodStatus
    from penilaian.selectors import gaps as gap_selectors

    statuses = dict(AppraisalPeriod.objects.values_list("year", "status"))
    assert statuses == {2024: PeriodStatus.CLOSED, 2025: PeriodStatus.CLOSED, 2026: PeriodStatus.SUPERVISOR_ASSESSMENT}
    last_year = AppraisalPeriod.objects.get(year=2025)
    assert not Appraisal.objects.filter(period=last_year, predikat="").exists()
    teachers = Unit.objects.get(code="disdikbud")
    ranking = gap_selectors.indicators_ranked_by_gap(last_year, unit=teachers)
    assert ranking[0]["code"] == "kt-literasi-digital"
    # The demo teacher waits for the school head's assessment this year.
    teacher = Employee.objects.get(email="pegawai@portal.test")
    assert Appraisal.objects.get(employee=teacher, period__year=2026).status == "self_submitted"
