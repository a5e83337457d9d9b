"""The employee's pages: the self-evaluation form."""

from django.urls import reverse

from penilaian.models import Appraisal, AppraisalStatus, PeriodStatus
from penilaian.services import periods as period_services
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


class TestKinerjaSayaSaysWhereTheSelfEvaluationStands:
    """Kinerja Saya leads into the self-evaluation only while it can be filled in; otherwise it
    says why it is closed and what comes next."""

    def page(self, client, user):
        client.force_login(user)
        return client.get(reverse("penilaian:my-performance")).content.decode()

    def test_open_and_not_submitted_leads_into_the_form(self, client, period, employee_user):
        body = self.page(client, employee_user)
        assert 'data-step="fill"' in body
        assert f'role="button" href="{reverse("penilaian:self-evaluation", args=[period.code])}"' in body

    def test_submitted_names_the_supervisor_and_still_allows_changes(self, client, submitted, city, employee_user):
        body = self.page(client, employee_user)
        assert 'data-step="submitted"' in body and city.school_head.full_name in body
        assert reverse("penilaian:self-evaluation", args=[submitted.period.code]) in body

    def test_closed_before_it_was_submitted_says_why_and_what_comes_next(self, client, period, city, employee_user):
        period_services.period_advance(period=period, to_status=PeriodStatus.SUPERVISOR_ASSESSMENT)
        body = self.page(client, employee_user)
        assert 'data-step="missed"' in body and city.school_head.full_name in body
        assert reverse("penilaian:self-evaluation", args=[period.code]) not in body  # no button into a locked form
        # The form itself, opened by an old link, explains the same instead of a bare locked form.
        form = client.get(reverse("penilaian:self-evaluation", args=[period.code])).content.decode()
        assert 'data-step="missed"' in form and 'name="submit"' not in form

    def test_closed_after_it_was_submitted_says_the_supervisor_assesses(self, client, submitted, city, employee_user):
        period_services.period_advance(period=submitted.period, to_status=PeriodStatus.SUPERVISOR_ASSESSMENT)
        body = self.page(client, employee_user)
        assert 'data-step="with_supervisor"' in body and city.school_head.full_name in body
        assert reverse("penilaian:appraisal-detail", args=[submitted.pk]) in body

    def test_no_open_period_says_what_comes_next(self, client, period, employee_user):
        period_services.period_advance(period=period, to_status=PeriodStatus.SUPERVISOR_ASSESSMENT)
        period_services.period_advance(period=period, to_status=PeriodStatus.CLOSED)
        body = self.page(client, employee_user)
        assert 'data-step="no_period"' in body and period.name in body
        assert reverse("penilaian:self-evaluation", args=[period.code]) not in body

    def test_the_dashboard_offers_the_form_only_while_it_can_be_filled_in(self, client, period, employee_user):
        client.force_login(employee_user)
        link = reverse("penilaian:self-evaluation", args=[period.code])
        assert link in client.get(reverse("portal:dashboard")).content.decode()
        period_services.period_advance(period=period, to_status=PeriodStatus.SUPERVISOR_ASSESSMENT)
        assert link not in client.get(reverse("portal:dashboard")).content.decode()
