"""Documentation during the period, with the personas: the teacher records realisation and
evidence (files checked by content, stored privately under random names); the school head
writes dated feedback notes and records dialogues; the assessment suggests the hasil kerja
rating from realisation against targets and wants a reason for another one."""

import datetime as dt
from decimal import Decimal
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from penilaian.exceptions import AppraisalError
from penilaian.models import Evidence, NoteTopic, PeriodStatus, Rating
from penilaian.selectors import documentation as documentation_selectors
from penilaian.selectors import expectations as expectation_selectors
from penilaian.services import appraisal as appraisal_services
from penilaian.services import documentation as documentation_services
from penilaian.services import periods as period_services
from tests.penilaian.appraisal_helpers import appraisal_of
from tests.penilaian.fairness_helpers import PDF_BYTES, PNG_BYTES, set_plan


@pytest.fixture
def plan(period, city, supervisor_user):
    set_plan(city.teacher, period, supervisor_user)
    return expectation_selectors.plan_for(city.teacher, period)


def targets(plan):
    return {t.aspect: t for r in plan.results.all() for t in r.targets.all()}


def realise(plan, actor, **by_aspect):
    t = targets(plan)
    return documentation_services.realisation_save(
        plan=plan, actor=actor, values={t[a].pk: (v, "") for a, v in by_aspect.items()})


def test_the_employee_records_realisation_and_evidence(plan, employee_user, private_media):
    assert realise(plan, employee_user, kuantitas="3", kualitas="100", waktu="11") == 3
    result = plan.results.get()
    link = documentation_services.evidence_add(result=result, actor=employee_user, description="Foto kegiatan",
                                               link="https://drive.example/foto")
    upload = SimpleUploadedFile("Laporan Akhir (final).pdf", PDF_BYTES, content_type="text/plain")
    document = documentation_services.evidence_add(result=result, actor=employee_user, description="Laporan",
                                                   upload=upload)
    assert link.link and not link.file
    assert document.content_type == "application/pdf" and document.file_name == "Laporan Akhir (final).pdf"
    stored = Path(private_media) / document.file.name
    assert stored.read_bytes() == PDF_BYTES
    # A random name, nothing of the uploader's file name, outside MEDIA_ROOT.
    assert "Laporan" not in document.file.name and document.file.name.startswith("bukti/")
    assert len(Path(document.file.name).stem) == 32


@pytest.mark.parametrize(
    ("name", "content", "code"),
    [
        ("skrip.pdf", b"#!/bin/sh\necho bukan pdf\n", "wrong_type"),  # the name says PDF, the content does not
        ("halaman.html", b"<html><script>alert(1)</script></html>", "wrong_type"),
        ("besar.pdf", PDF_BYTES + b"0" * (5 * 1024 * 1024), "too_large"),
    ],
)
def test_a_file_is_checked_by_content_and_size(plan, employee_user, private_media, name, content, code):
    with pytest.raises(AppraisalError) as exc:
        documentation_services.evidence_add(result=plan.results.get(), actor=employee_user, description="Bukti",
                                            upload=SimpleUploadedFile(name, content, content_type="application/pdf"))
    assert exc.value.code == code
    assert not Evidence.objects.exists()
    assert not any(Path(private_media).rglob("*.*"))


def test_a_png_is_accepted(plan, employee_user, private_media):
    evidence = documentation_services.evidence_add(
        result=plan.results.get(), actor=employee_user, description="Tangkapan layar",
        upload=SimpleUploadedFile("layar.png", PNG_BYTES))
    assert evidence.file.name.endswith(".png") and evidence.content_type == "image/png"


def test_evidence_is_a_link_or_a_file_never_both_nor_neither(plan, employee_user, private_media):
    result = plan.results.get()
    for link, upload in (("", None), ("https://x.example", SimpleUploadedFile("a.pdf", PDF_BYTES))):
        with pytest.raises(AppraisalError) as exc:
            documentation_services.evidence_add(result=result, actor=employee_user, description="x", link=link,
                                                upload=upload)
        assert exc.value.code == "link_or_file"


def test_only_the_employee_documents_and_only_until_assessed(plan, city, period, employee_user, supervisor_user, hr_user):
    with pytest.raises(AppraisalError) as exc:
        realise(plan, supervisor_user, kuantitas="2")
    assert exc.value.code == "not_owner"
    period_services.period_advance(period=period, to_status=PeriodStatus.SUPERVISOR_ASSESSMENT, actor=hr_user)
    appraisal = appraisal_of(city.teacher, period)
    appraisal_services.assessment_save(
        appraisal=appraisal, actor=supervisor_user, scores={s.indicator_id: {"score": 3} for s in appraisal.scores.all()},
        rating_hasil_kerja=Rating.MEETS, rating_perilaku=Rating.MEETS, submit=True)
    with pytest.raises(AppraisalError) as exc:
        realise(plan, employee_user, kuantitas="2")
    assert exc.value.code == "already_assessed"


def test_the_supervisor_writes_dated_notes_and_records_dialogues(plan, city, period, supervisor_user, colleague_user):
    value = expectation_selectors.behaviour_values()[0]
    yesterday = timezone.localdate() - dt.timedelta(days=1)
    documentation_services.feedback_note_add(
        employee=city.teacher, period=period, actor=supervisor_user, topic=NoteTopic.RESULTS,
        text="Perangkat pembelajaran semester 1 sudah lengkap.", date=yesterday, result_id=plan.results.get().pk)
    documentation_services.feedback_note_add(
        employee=city.teacher, period=period, actor=supervisor_user, topic=NoteTopic.BEHAVIOUR,
        text="Sangat ramah kepada orang tua murid.", value_id=value.pk)
    documentation_services.dialogue_add(employee=city.teacher, period=period, actor=supervisor_user,
                                        agreed="Ikut pelatihan literasi digital pada triwulan III.")
    notes = documentation_selectors.notes_for(city.teacher, period)
    assert [n.date for n in notes] == [timezone.localdate(), yesterday]
    assert notes[0].value == value and notes[1].result is not None
    assert documentation_selectors.dialogues_for(city.teacher, period)[0].supervisor == city.school_head
    with pytest.raises(AppraisalError) as exc:
        documentation_services.feedback_note_add(employee=city.teacher, period=period, actor=colleague_user,
                                                 topic=NoteTopic.RESULTS, text="x")
    assert exc.value.code == "not_supervisor"
    with pytest.raises(AppraisalError) as exc:
        documentation_services.dialogue_add(employee=city.teacher, period=period, actor=supervisor_user, agreed="x",
                                            date=timezone.localdate() + dt.timedelta(days=2))
    assert exc.value.code == "future"


def test_the_assessment_suggests_hasil_kerja_from_realisation_and_a_change_needs_a_reason(
    plan, city, period, employee_user, supervisor_user
):
    realise(plan, employee_user, kuantitas="3", kualitas="100", waktu="10")  # every target met, most beaten
    appraisal = appraisal_of(city.teacher, period)
    scores = {s.indicator_id: {"score": 3} for s in appraisal.scores.all()}
    with pytest.raises(AppraisalError) as exc:
        appraisal_services.assessment_save(appraisal=appraisal, actor=supervisor_user, scores=scores,
                                           rating_hasil_kerja=Rating.MEETS, rating_perilaku=Rating.MEETS)
    assert exc.value.code == "reason_required"
    saved = appraisal_services.assessment_save(
        appraisal=appraisal, actor=supervisor_user, scores=scores, rating_hasil_kerja=Rating.MEETS,
        rating_perilaku=Rating.MEETS, rating_hasil_kerja_reason="Satu dokumen belum diverifikasi pengawas.")
    assert saved.rating_hasil_kerja_suggested == Rating.ABOVE and saved.rating_hasil_kerja == Rating.MEETS
    taken = appraisal_services.assessment_save(appraisal=appraisal, actor=supervisor_user, scores=scores,
                                               rating_hasil_kerja=Rating.ABOVE, rating_perilaku=Rating.MEETS)
    assert taken.predikat == "baik"


def test_without_realisation_there_is_no_suggestion_and_no_reason_is_asked(plan, city, period, supervisor_user):
    appraisal = appraisal_of(city.teacher, period)
    saved = appraisal_services.assessment_save(
        appraisal=appraisal, actor=supervisor_user, scores={}, rating_hasil_kerja=Rating.BELOW,
        rating_perilaku="")
    assert saved.rating_hasil_kerja_suggested == ""


def test_the_form_context_puts_expectations_notes_and_targets_beside_the_ratings(plan, city, period, supervisor_user,
                                                                                 employee_user):
    value = expectation_selectors.behaviour_values()[0]
    set_plan(city.teacher, period, supervisor_user, results=[{**r, "id": plan.results.get().pk} for r in
                                                             [{"title": "Tersusunnya perangkat pembelajaran",
                                                               "supports_id": None,
                                                               "targets": [{"aspect": "kuantitas",
                                                                            "indicator": "Jumlah dokumen",
                                                                            "target": Decimal(2), "unit": "dokumen"}]}]],
             behaviours={value.pk: "Menyapa setiap orang tua."})
    realise(expectation_selectors.plan_for(city.teacher, period), employee_user, kuantitas="1")
    appraisal = appraisal_of(city.teacher, period)
    scores = list(appraisal.scores.select_related("indicator"))
    context = documentation_selectors.assessment_context(appraisal, scores)
    assert context["hasil_kerja_suggested"] == Rating.BELOW.label
    assert [row["percent"] for row in context["achievements"]] == [Decimal(50)]
    beside = next(s for s in scores if s.indicator_id == value.pk).fairness
    assert beside["expectation"] == "Menyapa setiap orang tua."
