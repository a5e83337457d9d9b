"""Acknowledgement and objection (PP 30/2019 art. 59), with the personas: the teacher's final
appraisal is handed over and acknowledged; the teacher objects within the deadline to the head
of education (the appraiser's superior), who records both explanations and decides."""

import datetime as dt

import pytest
from django.core import mail
from django.utils import timezone
from wagtail.models import ModelLogEntry

from penilaian.exceptions import AppraisalError
from penilaian.models import AppraisalReceipt, ObjectionOutcome, ObjectionStatus, Predikat, Rating
from penilaian.selectors import objections as objection_selectors
from penilaian.services import objections as objection_services
from tests.penilaian.appraisal_helpers import appraisal_of
from tests.penilaian.fairness_helpers import final_appraisal


@pytest.fixture
def final(period, city, supervisor_user, indirect_supervisor_user, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        return final_appraisal(city, period, supervisor_user, indirect_supervisor_user)


def test_a_final_appraisal_is_handed_over_and_acknowledged(final, city, employee_user):
    receipt = AppraisalReceipt.objects.get(appraisal=final)
    assert receipt.notified_at and receipt.acknowledged_at is None
    (message,) = mail.outbox
    assert message.to == [city.teacher.email] and f"/kinerja/hasil/{final.pk}/" in message.body
    objection_services.receipt_acknowledge(appraisal=final, actor=employee_user)
    receipt.refresh_from_db()
    first = receipt.acknowledged_at
    objection_services.receipt_acknowledge(appraisal=final, actor=employee_user)  # once: the first date stays
    receipt.refresh_from_db()
    assert receipt.acknowledged_at == first
    assert ModelLogEntry.objects.filter(action="penilaian.appraisal.acknowledge").count() == 1


def test_the_objection_is_explained_and_decided_by_the_appraisers_superior(
    final, city, employee_user, supervisor_user, indirect_supervisor_user, hr_user, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        objection = objection_services.objection_submit(
            appraisal=final, actor=employee_user, reasons="Bukti dukung literasi tidak dipertimbangkan.")
    assert objection.handler == city.head_of_education and objection.predikat_before == Predikat.BAIK
    assert mail.outbox[-1].to == [city.head_of_education.email]
    assert AppraisalReceipt.objects.get(appraisal=final).acknowledged_at is not None  # objecting acknowledges
    assert [o.pk for o in objection_selectors.open_objections()] == [objection.pk]

    for outsider in (supervisor_user, employee_user, hr_user):  # the appraiser, the employee, BKPSDM
        with pytest.raises(AppraisalError) as exc:
            objection_services.objection_record_explanations(
                objection=objection, actor=outsider, appraiser_explanation="a", employee_explanation="b")
        assert exc.value.code == "not_handler"
    with pytest.raises(AppraisalError) as exc:
        objection_services.objection_decide(objection=objection, actor=indirect_supervisor_user,
                                            outcome=ObjectionOutcome.UPHELD, decision="Tetap.")
    assert exc.value.code == "explanations_missing"

    objection_services.objection_record_explanations(
        objection=objection, actor=indirect_supervisor_user,
        appraiser_explanation="Bukti diunggah setelah penilaian.", employee_explanation="Bukti sudah ada sejak Juni.")
    with django_capture_on_commit_callbacks(execute=True):
        decided = objection_services.objection_decide(
            objection=objection, actor=indirect_supervisor_user, outcome=ObjectionOutcome.CHANGED,
            decision="Bukti dukung sah; hasil kerja di atas ekspektasi.", rating_hasil_kerja=Rating.ABOVE,
            rating_perilaku=Rating.ABOVE)
    final.refresh_from_db()
    assert decided.status == ObjectionStatus.DECIDED and decided.predikat_after == Predikat.SANGAT_BAIK
    assert final.predikat == Predikat.SANGAT_BAIK  # recomputed from the matrix
    assert mail.outbox[-1].to == [city.teacher.email] and "Sangat Baik" in mail.outbox[-1].body
    assert {"penilaian.objection.decide", "penilaian.appraisal.objection_change"} <= set(
        ModelLogEntry.objects.values_list("action", flat=True))
    with pytest.raises(AppraisalError) as exc:  # final
        objection_services.objection_decide(objection=decided, actor=indirect_supervisor_user,
                                            outcome=ObjectionOutcome.UPHELD, decision="Berubah pikiran.")
    assert exc.value.code == "decided"


def test_upholding_keeps_the_ratings(final, employee_user, indirect_supervisor_user):
    objection = objection_services.objection_submit(appraisal=final, actor=employee_user, reasons="Tidak setuju.")
    objection_services.objection_record_explanations(objection=objection, actor=indirect_supervisor_user,
                                                     appraiser_explanation="Sesuai.", employee_explanation="Tidak.")
    with pytest.raises(AppraisalError) as exc:
        objection_services.objection_decide(objection=objection, actor=indirect_supervisor_user,
                                            outcome=ObjectionOutcome.CHANGED, decision="x",
                                            rating_hasil_kerja=Rating.MEETS, rating_perilaku=Rating.MEETS)
    assert exc.value.code == "unchanged"
    decided = objection_services.objection_decide(objection=objection, actor=indirect_supervisor_user,
                                                  outcome=ObjectionOutcome.UPHELD, decision="Penilaian sudah tepat.")
    final.refresh_from_db()
    assert decided.outcome == ObjectionOutcome.UPHELD and final.predikat == decided.predikat_before == Predikat.BAIK


def test_an_objection_comes_within_the_days_set_after_receipt(final, employee_user, settings):
    settings.PENILAIAN_OBJECTION_DAYS = 14
    receipt = AppraisalReceipt.objects.get(appraisal=final)
    received = timezone.localdate(receipt.notified_at)
    with pytest.raises(AppraisalError) as exc:
        objection_services.objection_submit(appraisal=final, actor=employee_user, reasons="Terlambat.",
                                            today=received + dt.timedelta(days=15))
    assert exc.value.code == "too_late"
    objection = objection_services.objection_submit(appraisal=final, actor=employee_user, reasons="Hari terakhir.",
                                                    today=received + dt.timedelta(days=14))
    assert objection.status == ObjectionStatus.OPEN
    with pytest.raises(AppraisalError) as exc:
        objection_services.objection_submit(appraisal=final, actor=employee_user, reasons="Lagi.")
    assert exc.value.code == "exists"


def test_only_the_employee_objects_and_only_to_a_final_appraisal(period, city, final, supervisor_user, colleague_user):
    with pytest.raises(AppraisalError) as exc:
        objection_services.objection_submit(appraisal=final, actor=supervisor_user, reasons="x")
    assert exc.value.code == "not_owner"
    draft = appraisal_of(city.fellow_teacher, period)
    with pytest.raises(AppraisalError) as exc:
        objection_services.objection_submit(appraisal=draft, actor=colleague_user, reasons="x")
    assert exc.value.code == "not_final"
