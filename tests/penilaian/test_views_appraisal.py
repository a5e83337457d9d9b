"""Appraisal pages: who may open them, the flows through the forms, fixed query counts."""

import pytest
from django.urls import reverse

from penilaian import services
from penilaian.models import Appraisal, AppraisalStatus, PeriodStatus, Rating
from tests import factories as f


def appraisal_of(employee, period):
    return Appraisal.objects.get(employee=employee, period=period)


def form_data(appraisal, value, **extra):
    data = {f"score_{s.indicator_id}": str(value) for s in appraisal.scores.all()}
    data.update(extra)
    return data


class TestSelfEvaluationPage:
    def test_the_employee_submits_and_typed_values_survive_an_error(self, client, period, city, employee_user):
        client.force_login(employee_user)
        url = reverse("penilaian:self-evaluation", args=[period.code])
        appraisal = appraisal_of(city.teacher, period)
        data = form_data(appraisal, 4, submit="1", self_note="Catatan saya")
        first = appraisal.scores.first()
        data[f"score_{first.indicator_id}"] = ""  # one missing
        response = client.post(url, data)
        assert response.status_code == 200
        body = response.content.decode()
        assert "Catatan saya" in body and 'role="alert"' in body
        assert not Appraisal.objects.filter(pk=appraisal.pk, status=AppraisalStatus.SELF_SUBMITTED).exists()
        data[f"score_{first.indicator_id}"] = "4"
        response = client.post(url, data)
        assert response.status_code == 302
        assert appraisal_of(city.teacher, period).status == AppraisalStatus.SELF_SUBMITTED

    def test_a_bad_score_value_is_refused(self, client, period, city, employee_user):
        client.force_login(employee_user)
        appraisal = appraisal_of(city.teacher, period)
        data = form_data(appraisal, 9, save="1")
        response = client.post(reverse("penilaian:self-evaluation", args=[period.code]), data)
        assert response.status_code == 200
        assert not appraisal.scores.filter(self_score__isnull=False).exists()

    def test_unknown_period_is_404(self, client, period, employee_user):
        client.force_login(employee_user)
        assert client.get(reverse("penilaian:self-evaluation", args=["1999"])).status_code == 404

    def test_a_trainer_without_employee_record_is_refused(self, client, period, trainer_user):
        client.force_login(trainer_user)
        assert client.get(reverse("penilaian:self-evaluation", args=[period.code])).status_code == 403


class TestAssessmentPage:
    def url(self, period, employee):
        return reverse("penilaian:assessment", args=[period.code, employee.nip])

    @pytest.mark.parametrize(
        ("persona", "status"),
        [("supervisor_user", 200), ("indirect_supervisor_user", 403), ("employee_user", 403),
         ("colleague_user", 403), ("other_unit_user", 403), ("trainer_user", 403), ("hr_user", 403)],
    )
    def test_only_the_assessor_opens_the_form(self, client, request, period, city, persona, status):
        client.force_login(request.getfixturevalue(persona))
        assert client.get(self.url(period, city.teacher)).status_code == status

    def test_wrong_method(self, client, period, city, supervisor_user):
        client.force_login(supervisor_user)
        assert client.put(self.url(period, city.teacher)).status_code == 405

    def test_a_supervisor_finishes_an_assessment_and_the_employee_sees_predikat_and_gaps(
        self, client, period, city, supervisor_user, employee_user, hr_user
    ):
        services.period_advance(period=period, to_status=PeriodStatus.SUPERVISOR_ASSESSMENT, actor=hr_user)
        appraisal = appraisal_of(city.teacher, period)
        literasi = appraisal.scores.get(indicator__code="kt-literasi-digital")
        client.force_login(supervisor_user)
        data = form_data(appraisal, 3, submit="1", rating_hasil_kerja=Rating.MEETS, rating_perilaku=Rating.MEETS,
                         feedback="Tingkatkan literasi digital.")
        data[f"score_{literasi.indicator_id}"] = "1"
        response = client.post(self.url(period, city.teacher), data)
        assert response.status_code == 302, response.content.decode()[:3000]
        appraisal.refresh_from_db()
        assert appraisal.status == AppraisalStatus.ASSESSED and appraisal.predikat == "baik"

        client.force_login(employee_user)
        body = client.get(reverse("penilaian:my-performance")).content.decode()
        assert "Literasi Digital" in body and "Baik" in body and "<svg" in body

    def test_after_finalisation_the_form_is_read_only(self, client, period, city, supervisor_user, indirect_supervisor_user):
        appraisal = appraisal_of(city.teacher, period)
        services.assessment_save(
            appraisal=appraisal, actor=supervisor_user,
            scores={s.indicator_id: {"score": 3} for s in appraisal.scores.all()},
            rating_hasil_kerja=Rating.MEETS, rating_perilaku=Rating.MEETS, submit=True,
        )
        client.force_login(indirect_supervisor_user)
        assert client.post(reverse("penilaian:appraisal-finalise", args=[appraisal.pk])).status_code == 302
        client.force_login(supervisor_user)
        response = client.post(self.url(period, city.teacher), form_data(appraisal, 1, save="1"))
        assert response.status_code == 200
        assert appraisal.scores.filter(supervisor_score=1).count() == 0


class TestReadingAppraisals:
    @pytest.mark.parametrize(
        ("persona", "status"),
        [("employee_user", 200), ("supervisor_user", 200), ("indirect_supervisor_user", 200), ("hr_user", 200),
         ("colleague_user", 403), ("other_unit_user", 403), ("trainer_user", 403)],
    )
    def test_appraisal_detail(self, client, request, period, city, persona, status):
        client.force_login(request.getfixturevalue(persona))
        url = reverse("penilaian:appraisal-detail", args=[appraisal_of(city.teacher, period).pk])
        assert client.get(url).status_code == status

    @pytest.mark.parametrize(
        ("persona", "status"),
        [("supervisor_user", 200), ("hr_user", 200), ("colleague_user", 403), ("trainer_user", 403)],
    )
    def test_employee_performance_page(self, client, request, period, city, persona, status):
        client.force_login(request.getfixturevalue(persona))
        assert client.get(reverse("penilaian:employee-performance", args=[city.teacher.nip])).status_code == status

    def test_finalise_is_post_only(self, client, period, city, indirect_supervisor_user):
        client.force_login(indirect_supervisor_user)
        url = reverse("penilaian:appraisal-finalise", args=[appraisal_of(city.teacher, period).pk])
        assert client.get(url).status_code == 405


class TestHrPages:
    @pytest.mark.parametrize("name", ["period-detail", "period-gaps"])
    @pytest.mark.parametrize("persona", ["employee_user", "supervisor_user", "trainer_user"])
    def test_only_hr(self, client, request, period, name, persona):
        client.force_login(request.getfixturevalue(persona))
        assert client.get(reverse(f"penilaian:{name}", args=[period.code])).status_code == 403

    def test_only_hr_lists_and_creates_periods(self, client, supervisor_user, db):
        client.force_login(supervisor_user)
        assert client.get(reverse("penilaian:period-list")).status_code == 403
        assert client.post(reverse("penilaian:period-list"), {}).status_code == 403

    def test_hr_creates_and_advances_a_period(self, client, hr_user, catalogue, city):
        client.force_login(hr_user)
        response = client.post(reverse("penilaian:period-list"), {
            "name": "Triwulan I 2027", "year": 2027, "kind": "quarterly", "number": 1,
            "start_date": "2027-01-01", "end_date": "2027-03-31",
        })
        assert response.status_code == 302
        response = client.post(reverse("penilaian:period-advance", args=["2027-T1"]), {"to": "self_evaluation"})
        assert response.status_code == 302
        assert Appraisal.objects.filter(period__year=2027).count() == 5

    def test_a_bad_period_keeps_what_was_typed(self, client, hr_user, db):
        client.force_login(hr_user)
        response = client.post(reverse("penilaian:period-list"), {
            "name": "Bulanan", "year": 2027, "kind": "monthly", "number": 13, "start_date": "2027-01-01", "end_date": "2027-01-31",
        })
        assert response.status_code == 200 and 'value="Bulanan"' in response.content.decode()

    def test_advance_is_post_only(self, client, hr_user, period):
        client.force_login(hr_user)
        assert client.get(reverse("penilaian:period-advance", args=[period.code])).status_code == 405


def _grow(city, period, n):
    """Add n subordinates of the school head (and appraisals for them in the period)."""
    for _ in range(n):
        f.make_employee(unit=city.school, supervisor=city.school_head)
    services.appraisals_bulk_open(period=period)


def test_supervisor_list_keeps_a_fixed_number_of_queries(client, period, city, supervisor_user, django_assert_max_num_queries):
    _grow(city, period, 200)
    client.force_login(supervisor_user)
    with django_assert_max_num_queries(12):
        response = client.get(reverse("penilaian:team-assessment"))
    assert response.status_code == 200 and response.content.decode().count("/kinerja/bawahan/2026/") >= 200


def test_hr_overview_keeps_a_fixed_number_of_queries(client, period, city, hr_user, django_assert_max_num_queries):
    _grow(city, period, 200)
    client.force_login(hr_user)
    with django_assert_max_num_queries(12):
        assert client.get(reverse("penilaian:period-detail", args=[period.code])).status_code == 200
    with django_assert_max_num_queries(12):
        assert client.get(reverse("penilaian:period-gaps", args=[period.code])).status_code == 200


def test_dashboard_keeps_a_fixed_number_of_queries(client, period, city, supervisor_user, django_assert_max_num_queries):
    _grow(city, period, 200)
    client.force_login(supervisor_user)
    with django_assert_max_num_queries(22):
        assert client.get("/dasbor/").status_code == 200


class TestRecognition:
    @pytest.fixture
    def star(self, period, city, supervisor_user):
        appraisal = appraisal_of(city.teacher, period)
        services.assessment_save(
            appraisal=appraisal, actor=supervisor_user, scores={s.indicator_id: {"score": 5} for s in appraisal.scores.all()},
            rating_hasil_kerja=Rating.ABOVE, rating_perilaku=Rating.ABOVE, submit=True,
        )
        return appraisal

    def test_hr_lists_sangat_baik_and_prints_a_real_pdf_letter(self, client, star, city, hr_user):
        client.force_login(hr_user)
        body = client.get(reverse("penilaian:recognition", args=[star.period.code])).content.decode()
        assert city.teacher.name in body and city.fellow_teacher.name not in body
        response = client.get(reverse("penilaian:recognition-letters", args=[star.period.code]), {"nip": city.teacher.nip})
        assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
        pdf = response.content
        assert pdf.startswith(b"%PDF") and b"/Type /Page" in pdf

    def test_a_supervisor_sees_only_their_chain(self, client, star, city, supervisor_user, other_unit_user):
        client.force_login(supervisor_user)
        assert city.teacher.name in client.get(reverse("penilaian:recognition", args=[star.period.code])).content.decode()

    @pytest.mark.parametrize("persona", ["employee_user", "trainer_user"])
    def test_others_are_refused(self, client, request, star, persona):
        client.force_login(request.getfixturevalue(persona))
        assert client.get(reverse("penilaian:recognition", args=[star.period.code])).status_code == 403
        assert client.get(reverse("penilaian:recognition-letters", args=[star.period.code])).status_code == 403

    def test_an_unrelated_supervisor_gets_no_letter(self, client, star, city):
        outsider = f.make_employee(unit=city.dinkes)
        f.make_employee(unit=city.dinkes, supervisor=outsider)
        client.force_login(f.give_account(outsider))
        url = reverse("penilaian:recognition-letters", args=[star.period.code])
        assert client.get(url, {"nip": city.teacher.nip}).status_code == 404
