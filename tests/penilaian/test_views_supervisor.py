"""The supervisor's pages: the assessment form, the team's list (fixed query counts)."""

import pytest
from django.urls import reverse

from penilaian.models import AppraisalStatus, PeriodStatus, Rating
from penilaian.services import appraisal as appraisal_services
from penilaian.services import periods as period_services
from tests.penilaian.appraisal_helpers import appraisal_of, form_data, grow_team


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
        period_services.period_advance(period=period, to_status=PeriodStatus.SUPERVISOR_ASSESSMENT, actor=hr_user)
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
        appraisal_services.assessment_save(
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


def test_supervisor_list_keeps_a_fixed_number_of_queries(client, period, city, supervisor_user, django_assert_max_num_queries):
    grow_team(city, period, 200)
    client.force_login(supervisor_user)
    with django_assert_max_num_queries(12):
        response = client.get(reverse("penilaian:team-assessment"))
    assert response.status_code == 200 and response.content.decode().count("/kinerja/bawahan/2026/") >= 200


def test_dashboard_keeps_a_fixed_number_of_queries(client, period, city, supervisor_user, django_assert_max_num_queries):
    grow_team(city, period, 200)
    client.force_login(supervisor_user)
    with django_assert_max_num_queries(22):
        assert client.get("/dasbor/").status_code == 200
