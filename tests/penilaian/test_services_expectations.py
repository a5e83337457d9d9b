"""Expectations at the start of a period, with the personas: the school head sets the teacher's
RHK, targets and behaviour expectations; the teacher acknowledges them."""

import datetime as dt
from decimal import Decimal

import pytest
from wagtail.models import ModelLogEntry

from penilaian.exceptions import AppraisalError
from penilaian.models import PerformancePlan
from penilaian.selectors import expectations as expectation_selectors
from penilaian.services import expectations as expectation_services
from penilaian.services import periods as period_services
from tests.penilaian.fairness_helpers import RHK, set_plan


def values():
    return {v.code: v for v in expectation_selectors.behaviour_values()}


def test_the_supervisor_sets_expectations_and_the_employee_acknowledges_them(period, city, supervisor_user, employee_user):
    kolaboratif = values()["ba-kolaboratif"]
    plan = set_plan(city.teacher, period, supervisor_user,
                    behaviours={kolaboratif.pk: "Melibatkan komite sekolah dalam kegiatan literasi."})
    plan = expectation_selectors.plan_for(city.teacher, period)
    (result,) = plan.results.all()
    assert [(t.aspect, t.target, t.unit) for t in result.targets.all()] == [  # the SKP's order
        ("kuantitas", Decimal(2), "dokumen"), ("kualitas", Decimal(100), "%"), ("waktu", Decimal(12), "bulan")]
    assert plan.behaviours.get().value == kolaboratif and plan.supervisor == city.school_head
    assert plan.acknowledged_at is None

    expectation_services.plan_acknowledge(plan=plan, actor=employee_user)
    plan.refresh_from_db()
    assert plan.acknowledged_at is not None
    assert ModelLogEntry.objects.filter(action="penilaian.expectations.acknowledge").count() == 1
    with pytest.raises(AppraisalError) as exc:
        expectation_services.plan_acknowledge(plan=plan, actor=employee_user)
    assert exc.value.code == "already"

    # A change asks for a new acknowledgement; saving the same content does not.
    same = [{**RHK[0], "id": result.pk}]
    set_plan(city.teacher, period, supervisor_user, results=same,
             behaviours={kolaboratif.pk: "Melibatkan komite sekolah dalam kegiatan literasi."})
    plan.refresh_from_db()
    assert plan.acknowledged_at is not None
    changed = [{**RHK[0], "id": result.pk, "title": "Tersusunnya modul ajar"}]
    set_plan(city.teacher, period, supervisor_user, results=changed)
    plan.refresh_from_db()
    assert plan.acknowledged_at is None and plan.results.get().title == "Tersusunnya modul ajar"


@pytest.mark.parametrize("persona", ["indirect_supervisor_user", "colleague_user", "employee_user", "hr_user",
                                     "trainer_user"])
def test_only_the_supervisor_for_the_period_sets_expectations(request, period, city, persona):
    with pytest.raises(AppraisalError) as exc:
        set_plan(city.teacher, period, request.getfixturevalue(persona))
    assert exc.value.code == "not_supervisor"


def test_only_the_employee_acknowledges(period, city, supervisor_user):
    plan = set_plan(city.teacher, period, supervisor_user)
    with pytest.raises(AppraisalError) as exc:
        expectation_services.plan_acknowledge(plan=plan, actor=supervisor_user)
    assert exc.value.code == "not_owner"


def test_an_rhk_may_support_only_the_supervisors_own_rhk(period, city, supervisor_user, indirect_supervisor_user):
    head_plan = set_plan(city.school_head, period, indirect_supervisor_user,
                         results=[{**RHK[0], "title": "Meningkatnya mutu pembelajaran sekolah"}])
    own = head_plan.results.get()
    plan = set_plan(city.teacher, period, supervisor_user, results=[{**RHK[0], "supports_id": own.pk}])
    assert plan.results.get().supports == own
    foreign = set_plan(city.fellow_teacher, period, supervisor_user).results.get()
    with pytest.raises(AppraisalError) as exc:
        set_plan(city.teacher, period, supervisor_user, results=[{**RHK[0], "supports_id": foreign.pk}])
    assert exc.value.code == "bad_support"


def test_every_rhk_needs_a_target_greater_than_zero(period, city, supervisor_user):
    with pytest.raises(AppraisalError) as exc:
        set_plan(city.teacher, period, supervisor_user, results=[{**RHK[0], "targets": []}])
    assert exc.value.code == "no_target"
    bad = [{**RHK[0], "targets": [{**RHK[0]["targets"][0], "target": Decimal(0)}]}]
    with pytest.raises(AppraisalError) as exc:
        set_plan(city.teacher, period, supervisor_user, results=bad)
    assert exc.value.code == "bad_target"


def test_the_next_period_starts_from_last_periods_expectations(period, city, supervisor_user, hr_user):
    set_plan(city.teacher, period, supervisor_user, behaviours={values()["ba-adaptif"].pk: "Mencoba metode baru."})
    next_period = period_services.period_create(
        year=2027, kind="annual", number=None, name="Penilaian Tahunan 2027",
        start_date=dt.date(2027, 1, 1), end_date=dt.date(2027, 12, 31), actor=hr_user)
    plan = expectation_services.plan_copy_previous(employee=city.teacher, period=next_period, actor=supervisor_user)
    assert [r.title for r in plan.results.all()] == [RHK[0]["title"]]
    assert plan.results.get().targets.count() == 3 and plan.behaviours.get().text == "Mencoba metode baru."
    assert plan.acknowledged_at is None
    with pytest.raises(AppraisalError) as exc:
        expectation_services.plan_copy_previous(employee=city.fellow_teacher, period=next_period, actor=supervisor_user)
    assert exc.value.code == "no_previous"


def test_a_group_gets_one_template_at_once(period, city, supervisor_user):
    set_plan(city.teacher, period, supervisor_user)
    extra = {**RHK[0], "title": "Terlaksananya asesmen literasi"}
    n = expectation_services.plan_apply_to_group(
        period=period, actor=supervisor_user, employees=[city.teacher, city.fellow_teacher],
        results=[RHK[0], extra], behaviours={values()["ba-pelayanan"].pk: "Ramah kepada orang tua murid."})
    assert n == 2
    titles = {p.employee_id: sorted(p.results.values_list("title", flat=True))
              for p in PerformancePlan.objects.filter(period=period)}
    # The teacher keeps their RHK (not doubled) and gains the new one; the colleague gets both.
    assert titles[city.teacher.pk] == titles[city.fellow_teacher.pk] == sorted([RHK[0]["title"], extra["title"]])


def test_the_group_template_only_reaches_direct_subordinates(period, city, supervisor_user):
    with pytest.raises(AppraisalError) as exc:
        expectation_services.plan_apply_to_group(period=period, actor=supervisor_user, employees=[city.nurse],
                                                 results=RHK, behaviours={})
    assert exc.value.code == "not_supervisor"
    assert not PerformancePlan.objects.filter(employee=city.nurse).exists()
