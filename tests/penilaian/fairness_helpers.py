"""Shared steps of the fair-appraisal tests: expectations with targets, a final appraisal, and
small files of a known kind."""

from decimal import Decimal

from penilaian.models import Rating
from penilaian.services import appraisal as appraisal_services
from penilaian.services import expectations as expectation_services
from tests.penilaian.appraisal_helpers import appraisal_of

PDF_BYTES = b"%PDF-1.4\n1 0 obj<</Type/Catalog>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n"
PNG_BYTES = bytes.fromhex("89504e470d0a1a0a0000000d4948445200000001000000010806000000") + b"\x00" * 64

RHK = [
    {"id": None, "title": "Tersusunnya perangkat pembelajaran", "supports_id": None,
     "targets": [{"aspect": "kuantitas", "indicator": "Jumlah dokumen perangkat pembelajaran", "target": Decimal(2),
                  "unit": "dokumen"},
                 {"aspect": "kualitas", "indicator": "Persentase perangkat yang lengkap", "target": Decimal(100),
                  "unit": "%"},
                 {"aspect": "waktu", "indicator": "Ketepatan waktu", "target": Decimal(12), "unit": "bulan"}]},
]


def set_plan(employee, period, actor, *, results=None, behaviours=None):
    return expectation_services.plan_save(employee=employee, period=period, actor=actor,
                                          results=results if results is not None else RHK,
                                          behaviours=behaviours or {})


def final_appraisal(city, period, supervisor_user, approver_user, *, hasil=Rating.MEETS, perilaku=Rating.MEETS):
    """The teacher's appraisal, assessed by the school head and finalised by the head of education."""
    appraisal = appraisal_of(city.teacher, period)
    appraisal_services.assessment_save(
        appraisal=appraisal, actor=supervisor_user, scores={s.indicator_id: {"score": 3} for s in appraisal.scores.all()},
        rating_hasil_kerja=hasil, rating_perilaku=perilaku, rating_perilaku_reason="Sesuai catatan.",
        rating_hasil_kerja_reason="Sesuai catatan.", submit=True)
    return appraisal_services.appraisal_finalise(appraisal=appraisal, actor=approver_user)
