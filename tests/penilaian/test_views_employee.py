"""The employee's pages: the self-evaluation form."""

from django.urls import reverse

from penilaian.models import Appraisal, AppraisalStatus
from tests.penilaian.appraisal_helpers import appraisal_of, form_data


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
