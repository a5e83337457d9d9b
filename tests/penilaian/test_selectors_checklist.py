"""BKPSDM's period checklist (``selectors.checklist``, ``manage.py period_report``, the page) and
the distribution of each unit against the row of its own predikat."""

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command

from penilaian.exceptions import AppraisalError
from penilaian.models import NoteTopic, OrganisationPredikat, Predikat, Rating
from penilaian.selectors import checklist as checklist_selectors
from penilaian.selectors import distribution as distribution_selectors
from penilaian.selectors import expectations as expectation_selectors
from penilaian.services import distribution as distribution_services
from penilaian.services import documentation as documentation_services
from penilaian.services import multisource as multisource_services
from penilaian.services import objections as objection_services
from tests.penilaian.appraisal_helpers import appraisal_of, assess
from tests.penilaian.fairness_helpers import PDF_BYTES, final_appraisal, set_plan


@pytest.fixture
def busy_period(period, city, supervisor_user, indirect_supervisor_user, employee_user, hr_user, private_media):
    """A period with one of everything the checklist counts."""
    set_plan(city.teacher, period, supervisor_user)
    plan = expectation_selectors.plan_for(city.teacher, period)
    documentation_services.evidence_add(result=plan.results.get(), actor=employee_user, description="Laporan",
                                        upload=SimpleUploadedFile("l.pdf", PDF_BYTES))
    documentation_services.feedback_note_add(employee=city.teacher, period=period, actor=supervisor_user,
                                             topic=NoteTopic.RESULTS, text="Bagus.")
    feedback_round = multisource_services.round_open(employee=city.teacher, period=period, actor=supervisor_user)
    _i, url = multisource_services.invite_stakeholder(feedback_round=feedback_round, actor=supervisor_user)
    multisource_services.stakeholder_submit(token=url.rstrip("/").rsplit("/", 1)[-1],
                                            scores={v.pk: 4 for v in expectation_selectors.behaviour_values()})
    final = final_appraisal(city, period, supervisor_user, indirect_supervisor_user)
    objection_services.objection_submit(appraisal=final, actor=employee_user, reasons="Tidak setuju.")
    assess(appraisal_of(city.fellow_teacher, period), supervisor_user, hasil=Rating.MEETS, perilaku=Rating.MEETS)
    # Disdik rated Baik, but its two rated staff are both Baik: no Butuh Perbaikan or Kurang, 100 % Baik.
    distribution_services.unit_predikat_set(unit=city.disdik, period=period, predikat=OrganisationPredikat.BAIK,
                                            actor=hr_user)
    distribution_services.unit_predikat_set(unit=city.dinkes, period=period, predikat=OrganisationPredikat.ISTIMEWA,
                                            actor=hr_user)
    return period


def test_the_checklist_counts_every_step_per_unit(busy_period, city):
    checklist = checklist_selectors.period_checklist(busy_period)
    disdik = next(u for u in checklist.units if u.unit == city.disdik)
    assert (disdik.appraisals, disdik.done, disdik.final, disdik.handed_over, disdik.acknowledged) == (4, 2, 1, 1, 1)
    assert (disdik.expectations, disdik.objections_open, disdik.objections_decided) == (1, 1, 0)
    assert disdik.distribution.outside and disdik.distribution.counts[Predikat.BAIK] == 2
    assert checklist.summary_line() == (
        "expectations=1 evidence=1 feedback_notes=1 multisource_responses=1 acknowledged=1 objections_decided=0 "
        "objections_open=1 units_outside_pattern=1")


def test_period_report_prints_each_unit_and_the_summary_last(busy_period):
    out = io.StringIO()
    call_command("period_report", busy_period.code, "--language", "en", stdout=out)
    lines = out.getvalue().strip().splitlines()
    assert lines[-1] == (
        "expectations=1 evidence=1 feedback_notes=1 multisource_responses=1 acknowledged=1 objections_decided=0 "
        "objections_open=1 units_outside_pattern=1")
    disdik = next(line for line in lines if line.startswith("Dinas Pendidikan"))
    assert "OUTSIDE the pattern" in disdik and "There must be at least one employee rated" in disdik
    assert "objections open 1" in disdik


def test_period_report_refuses_an_unknown_period(db):
    with pytest.raises(CommandError):
        call_command("period_report", "1999")


def test_the_approver_sees_the_units_distribution_against_its_row(busy_period, city):
    d = distribution_selectors.unit_distribution(busy_period, city.school)  # rolled up to Disdik
    assert d.unit == city.disdik and d.organisation_predikat == OrganisationPredikat.BAIK
    assert {b.rule for b in d.breaches} == {"max", "must_have"}
    assert [p for p in d.problems() if "70%" in p]
    assert [u.unit for u in distribution_selectors.units_outside_pattern(busy_period)] == [city.disdik]


def test_only_bkpsdm_sets_a_top_level_units_own_predikat(period, city, supervisor_user, hr_user):
    with pytest.raises(AppraisalError) as exc:
        distribution_services.unit_predikat_set(unit=city.disdik, period=period, predikat="baik", actor=supervisor_user)
    assert exc.value.code == "not_hr"
    with pytest.raises(AppraisalError) as exc:
        distribution_services.unit_predikat_set(unit=city.school, period=period, predikat="baik", actor=hr_user)
    assert exc.value.code == "not_top_level"
    assert distribution_services.unit_predikat_set(unit=city.disdik, period=period, predikat="", actor=hr_user) is None
