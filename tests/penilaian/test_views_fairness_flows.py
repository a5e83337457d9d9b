"""The fair appraisal through its pages, one step at a time with the personas: the school head
sets expectations (one teacher, a group), the teacher acknowledges and documents, the school
head assesses with targets, realisation, evidence, notes and the multi-source averages beside
the ratings, the approver sees the distribution before finalising, the teacher acknowledges
and objects, the approver decides, BKPSDM follows the checklist."""

import pytest
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from penilaian.models import (
    Evidence,
    FeedbackNote,
    Objection,
    ObjectionStatus,
    OrganisationPredikat,
    PerformancePlan,
    PeriodStatus,
    Predikat,
    RaterGroup,
    Rating,
    UnitPredikat,
)
from penilaian.selectors import expectations as expectation_selectors
from penilaian.services import appraisal as appraisal_services
from penilaian.services import documentation as documentation_services
from penilaian.services import multisource as multisource_services
from penilaian.services import periods as period_services
from tests import factories as f
from tests.penilaian.appraisal_helpers import appraisal_of, assess, form_data, grow_team
from tests.penilaian.fairness_helpers import PDF_BYTES, final_appraisal, set_plan


@pytest.fixture(autouse=True)
def english(client, settings):
    """The pages in English, so the assertions read the messages as written in the code."""
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"


PLAN_POST = {
    "r0_title": "Terlaksananya pembelajaran literasi", "r0_kuantitas_indicator": "Jumlah modul ajar",
    "r0_kuantitas_target": "4", "r0_kuantitas_unit": "modul", "r0_waktu_indicator": "Ketepatan waktu",
    "r0_waktu_target": "12", "r0_waktu_unit": "bulan",
}


def test_step_1_the_supervisor_sets_expectations_and_the_teacher_acknowledges(client, period, city, supervisor_user,
                                                                              employee_user):
    kolaboratif = next(v for v in expectation_selectors.behaviour_values() if v.code == "ba-kolaboratif")
    client.force_login(supervisor_user)
    url = reverse("penilaian:plan-edit", args=[period.code, city.teacher.nip])
    bad = client.post(url, PLAN_POST | {"r0_kualitas_indicator": "Persentase modul yang lengkap"})
    assert bad.status_code == 200 and "Give the target." in bad.content.decode()
    response = client.post(url, PLAN_POST | {f"b{kolaboratif.pk}": "Mengajak orang tua ke kelas literasi."})
    assert response.status_code == 302
    plan = PerformancePlan.objects.get(employee=city.teacher, period=period)
    assert plan.results.get().targets.count() == 2 and plan.behaviours.get().value == kolaboratif

    client.force_login(employee_user)
    record = reverse("penilaian:performance-record", args=[period.code, city.teacher.nip])
    body = client.get(record).content.decode()
    assert "Terlaksananya pembelajaran literasi" in body and "Mengajak orang tua" in body
    assert "Read and acknowledge your expectations" in client.get("/dasbor/").content.decode()
    client.post(reverse("penilaian:plan-acknowledge", args=[period.code, city.teacher.nip]))
    plan.refresh_from_db()
    assert plan.acknowledged_at is not None


def test_step_1b_a_group_of_teachers_gets_one_template(client, period, city, supervisor_user):
    client.force_login(supervisor_user)
    response = client.post(reverse("penilaian:plan-group", args=[period.code]),
                           PLAN_POST | {"employees": [str(city.teacher.pk), str(city.fellow_teacher.pk)]})
    assert response.status_code == 302
    assert PerformancePlan.objects.filter(period=period, results__title=PLAN_POST["r0_title"]).count() == 2
    page = client.get(reverse("penilaian:team-expectations", args=[period.code])).content.decode()
    assert page.count("Waiting for acknowledgement") == 2


def test_step_2_the_teacher_documents_and_the_supervisor_gives_feedback(client, period, city, supervisor_user,
                                                                        employee_user, private_media):
    plan = set_plan(city.teacher, period, supervisor_user)
    plan = expectation_selectors.plan_for(city.teacher, period)
    targets = {t.aspect: t for t in plan.results.get().targets.all()}
    client.force_login(employee_user)
    base = [period.code, city.teacher.nip]
    client.post(reverse("penilaian:realisation-save", args=base),
                {f"v{targets['kuantitas'].pk}": "2", f"n{targets['kuantitas'].pk}": "Dua modul selesai"})
    assert targets["kuantitas"].__class__.objects.get(pk=targets["kuantitas"].pk).realisation.value == 2
    upload = SimpleUploadedFile("bukti.pdf", PDF_BYTES, content_type="application/pdf")
    client.post(reverse("penilaian:evidence-add", args=base),
                {"result": plan.results.get().pk, "description": "Modul ajar", "file": upload})
    fake = SimpleUploadedFile("bukti2.pdf", b"MZ\x90\x00 not a pdf", content_type="application/pdf")
    response = client.post(reverse("penilaian:evidence-add", args=base),
                           {"result": plan.results.get().pk, "description": "Palsu", "file": fake}, follow=True)
    assert "This kind of file is not accepted" in response.content.decode()
    assert Evidence.objects.count() == 1

    client.force_login(supervisor_user)
    client.post(reverse("penilaian:note-add", args=base),
                {"date": "2026-06-30", "topic": "hasil_kerja", "text": "Modul ajar rapi dan tepat waktu."})
    client.post(reverse("penilaian:dialogue-add", args=base), {"date": "2026-07-01", "agreed": "Target modul tetap 2."})
    assert FeedbackNote.objects.get().text == "Modul ajar rapi dan tepat waktu."
    client.force_login(employee_user)
    body = client.get(reverse("penilaian:performance-record", args=base)).content.decode()
    assert "Modul ajar rapi dan tepat waktu." in body and "Target modul tetap 2." in body and "Modul ajar" in body


def test_step_2b_the_assessment_form_shows_the_record_beside_the_ratings(client, period, city, supervisor_user,
                                                                         employee_user, hr_user, private_media):
    value = next(v for v in expectation_selectors.behaviour_values() if v.code == "ba-pelayanan")
    set_plan(city.teacher, period, supervisor_user, behaviours={value.pk: "Ramah kepada orang tua murid."})
    feedback_round = multisource_services.round_open(employee=city.teacher, period=period, actor=supervisor_user)
    for _ in range(3):
        _i, url = multisource_services.invite_stakeholder(feedback_round=feedback_round, actor=supervisor_user)
        multisource_services.stakeholder_submit(token=url.rstrip("/").rsplit("/", 1)[-1],
                                                scores={v.pk: 5 for v in expectation_selectors.behaviour_values()})
    plan = expectation_selectors.plan_for(city.teacher, period)
    documentation_services.realisation_save(plan=plan, actor=employee_user, values={
        t.pk: ({"kuantitas": 3, "kualitas": 100, "waktu": 10}[t.aspect], "") for t in plan.results.get().targets.all()})
    period_services.period_advance(period=period, to_status=PeriodStatus.SUPERVISOR_ASSESSMENT, actor=hr_user)
    client.force_login(supervisor_user)
    url = reverse("penilaian:assessment", args=[period.code, city.teacher.nip])
    body = client.get(url).content.decode()
    assert "Ramah kepada orang tua murid." in body and "External stakeholders 5" in body.replace(",0", "")
    assert "Suggested work results rating from realisation against targets" in body and "Above expectation" in body
    appraisal = appraisal_of(city.teacher, period)
    data = form_data(appraisal, 3, submit="1", rating_hasil_kerja=Rating.MEETS, rating_perilaku=Rating.MEETS)
    refused = client.post(url, data)
    assert refused.status_code == 200 and "suggested from realisation" in refused.content.decode()
    assert client.post(url, data | {"rating_hasil_kerja_reason": "Modul belum diverifikasi."}).status_code == 302


def test_step_3_the_approver_sees_the_distribution_before_finalising(client, period, city, supervisor_user,
                                                                     indirect_supervisor_user, hr_user):
    client.force_login(hr_user)
    response = client.post(reverse("penilaian:unit-predikat", args=[period.code]),
                           {f"u{city.disdik.pk}": OrganisationPredikat.BAIK})
    assert response.status_code == 302 and UnitPredikat.objects.get().unit == city.disdik
    appraisal = appraisal_of(city.teacher, period)
    appraisal_services.assessment_save(
        appraisal=appraisal, actor=supervisor_user, scores={s.indicator_id: {"score": 3} for s in appraisal.scores.all()},
        rating_hasil_kerja=Rating.MEETS, rating_perilaku=Rating.MEETS, submit=True)
    client.force_login(indirect_supervisor_user)
    page = client.get(reverse("penilaian:approvals"), {"periode": period.code}).content.decode()
    assert "Outside the distribution pattern" in page and "There must be at least one employee rated" in page
    assert "Dinas Pendidikan dan Kebudayaan" in page and city.teacher.name in page
    detail = client.get(reverse("penilaian:appraisal-detail", args=[appraisal.pk])).content.decode()
    assert "before finalising" in detail
    response = client.post(reverse("penilaian:approvals-finalise"), {"periode": period.code, "appraisal": [appraisal.pk]})
    assert response.status_code == 302
    appraisal.refresh_from_db()
    assert appraisal.status == "finalised"


def test_step_4_the_teacher_acknowledges_and_objects_and_the_approver_decides(
    client, period, city, supervisor_user, indirect_supervisor_user, employee_user, hr_user,
    django_capture_on_commit_callbacks,
):
    with django_capture_on_commit_callbacks(execute=True):
        final = final_appraisal(city, period, supervisor_user, indirect_supervisor_user)
    assert mail.outbox[-1].to == [city.teacher.email]
    client.force_login(employee_user)
    assert "is final: read it and acknowledge receipt" in client.get("/dasbor/").content.decode()
    receipt_url = reverse("penilaian:my-receipt", args=[final.pk])
    client.post(reverse("penilaian:receipt-acknowledge", args=[final.pk]))
    assert "Receipt acknowledged on" in client.get(receipt_url).content.decode()
    client.post(reverse("penilaian:objection-submit", args=[final.pk]), {"reasons": "Modul saya tidak dinilai."})
    objection = Objection.objects.get()

    client.force_login(hr_user)
    assert "Modul saya" not in client.get(reverse("penilaian:objection-list")).content.decode()  # a list, with age
    assert city.teacher.full_name in client.get(reverse("penilaian:objection-list")).content.decode()

    client.force_login(indirect_supervisor_user)
    client.post(reverse("penilaian:objection-explanations", args=[objection.pk]),
                {"appraiser_explanation": "Modul diserahkan terlambat.", "employee_explanation": "Diserahkan Juni."})
    client.post(reverse("penilaian:objection-decide", args=[objection.pk]),
                {"outcome": "changed", "rating_hasil_kerja": Rating.ABOVE, "rating_perilaku": Rating.ABOVE,
                 "decision": "Bukti menunjukkan modul diserahkan tepat waktu."})
    objection.refresh_from_db()
    final.refresh_from_db()
    assert objection.status == ObjectionStatus.DECIDED and final.predikat == Predikat.SANGAT_BAIK

    client.force_login(employee_user)
    body = client.get(receipt_url).content.decode()
    assert "Ratings changed" in body and "This decision is final." in body


def test_step_5_bkpsdm_reads_the_period_checklist(client, period, city, hr_user):
    client.force_login(hr_user)
    body = client.get(reverse("penilaian:period-checklist", args=[period.code])).content.decode()
    assert "Employees with expectations" in body and "Units outside the pattern" in body
    assert "Dinas Pendidikan" in body or "Disdik" in body


def test_step_3b_peers_are_invited_from_the_round_page(client, period, city, supervisor_user, colleague_user):
    extra = f.make_employee(unit=city.school, supervisor=city.school_head)
    client.force_login(supervisor_user)
    url = reverse("penilaian:multisource-round", args=[period.code, city.teacher.nip])
    client.post(url, {"action": "peer", "raters": [str(city.fellow_teacher.pk), str(extra.pk)]})
    response = client.post(url, {"action": "stakeholder", "email": ""}, follow=True)
    assert "/kinerja/masukan-publik/" in response.content.decode()
    client.force_login(colleague_user)
    dashboard = client.get("/dasbor/").content.decode()
    assert "Give your anonymous view of" in dashboard
    assert multisource_services.colleague_choices(city.teacher, RaterGroup.PEER).count() == 2


@pytest.mark.parametrize("persona", ["employee_user", "supervisor_user"])
def test_the_dashboard_keeps_its_query_count_with_the_fairness_card(client, request, period, city, persona,
                                                                    django_assert_max_num_queries):
    client.force_login(request.getfixturevalue(persona))
    with django_assert_max_num_queries(22):
        assert client.get("/dasbor/").status_code == 200


def test_the_checklist_and_the_approvals_keep_a_fixed_number_of_queries(
    client, period, city, supervisor_user, indirect_supervisor_user, hr_user, django_assert_max_num_queries
):
    grow_team(city, period, 40)
    for appraisal in period.appraisals.filter(employee__supervisor=city.school_head).select_related("period"):
        assess(appraisal, supervisor_user, hasil=Rating.MEETS, perilaku=Rating.MEETS)
    client.force_login(hr_user)
    with django_assert_max_num_queries(20):
        assert client.get(reverse("penilaian:period-checklist", args=[period.code])).status_code == 200
    client.force_login(indirect_supervisor_user)
    with django_assert_max_num_queries(20):
        body = client.get(reverse("penilaian:approvals"), {"periode": period.code}).content.decode()
    assert body.count('name="appraisal"') == 42
