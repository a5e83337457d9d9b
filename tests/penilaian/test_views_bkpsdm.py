"""BKPSDM's pages: periods and their phases, the overview and gaps (fixed query counts)."""

import datetime as dt

import pytest
from django.urls import reverse

from penilaian.models import Appraisal, PeriodStatus, Rating
from penilaian.services import appraisal as appraisal_services
from penilaian.services import periods as period_services
from tests.penilaian.appraisal_helpers import appraisal_of, assess, grow_team


def finalise(appraisal, actor):
    return appraisal_services.appraisal_finalise(appraisal=appraisal, actor=actor)


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
        response = client.post(reverse("penilaian:period-advance", args=["2027-T1"]),
                               {"to": "self_evaluation", "confirm": "yes"})
        assert response.status_code == 302
        assert Appraisal.objects.filter(period__year=2027).count() == 5

    def test_a_bad_period_keeps_what_was_typed(self, client, hr_user, db):
        client.force_login(hr_user)
        response = client.post(reverse("penilaian:period-list"), {
            "name": "Bulanan", "year": 2027, "kind": "monthly", "number": 13, "start_date": "2027-01-01", "end_date": "2027-01-31",
        })
        assert response.status_code == 200 and 'value="Bulanan"' in response.content.decode()

    def test_only_hr_moves_a_period_on(self, client, supervisor_user, period):
        client.force_login(supervisor_user)
        url = reverse("penilaian:period-advance", args=[period.code])
        assert client.get(url).status_code == 403
        assert client.post(url, {"to": "supervisor_assessment", "confirm": "yes"}).status_code == 403
        period.refresh_from_db()
        assert period.status == "self_evaluation"


class TestMovingAPeriodOn:
    """Moving a period on cannot be undone: a confirmation page names the next phase and what it
    locks in live figures, and only its button (``confirm=yes``) moves the period."""

    def url(self, period):
        return reverse("penilaian:period-advance", args=[period.code])

    def test_opening_self_evaluation_says_how_many_appraisals_open(self, client, hr_user, catalogue, city):
        draft = period_services.period_create(year=2027, kind="annual", number=None, name="Tahunan 2027",
                                              start_date=dt.date(2027, 1, 1), end_date=dt.date(2027, 12, 31))
        client.force_login(hr_user)
        detail = client.get(reverse("penilaian:period-detail", args=[draft.code])).content.decode()
        assert f'href="{self.url(draft)}"' in detail and "Buka evaluasi diri" in detail
        html = client.get(self.url(draft)).content.decode()
        assert "5 penilaian akan dibuka." in html
        assert not Appraisal.objects.filter(period=draft).exists()

    def test_closing_self_evaluation_names_the_share_not_submitted(self, client, hr_user, submitted, period):
        client.force_login(hr_user)
        html = client.get(self.url(period)).content.decode()
        # The teacher submitted; the other four of the city's five did not.
        assert "Tutup evaluasi diri: 80 % evaluasi diri (4 dari 5) belum diajukan" in html
        assert 'name="confirm" value="yes"' in html and 'name="to" value="supervisor_assessment"' in html

    def test_closing_the_period_names_the_share_not_final(self, client, hr_user, supervisor_user, submitted, period, city):
        period_services.period_advance(period=period, to_status=PeriodStatus.SUPERVISOR_ASSESSMENT)
        finalise(assess(appraisal_of(city.teacher, period), supervisor_user, perilaku=Rating.MEETS), hr_user)
        assess(appraisal_of(city.fellow_teacher, period), supervisor_user, perilaku=Rating.MEETS)
        client.force_login(hr_user)
        html = client.get(self.url(period)).content.decode()
        assert "Tutup periode: 80 % penilaian (4 dari 5) belum final dan tidak dapat diubah lagi." in html
        assert "3 penilaian belum pernah dinilai oleh atasan." in html

    def test_a_post_without_the_confirmation_changes_nothing(self, client, hr_user, period):
        client.force_login(hr_user)
        response = client.post(self.url(period), {"to": "supervisor_assessment"})
        assert response.status_code == 200 and "Tutup evaluasi diri?" in response.content.decode()
        period.refresh_from_db()
        assert period.status == "self_evaluation"

    def test_the_confirmed_post_moves_the_period_and_a_stale_one_does_not_move_it_twice(self, client, hr_user, period):
        client.force_login(hr_user)
        data = {"to": "supervisor_assessment", "confirm": "yes"}
        assert client.post(self.url(period), data).status_code == 302
        period.refresh_from_db()
        assert period.status == "supervisor_assessment"
        client.post(self.url(period), data)  # the same confirmation again, from a stale tab
        period.refresh_from_db()
        assert period.status == "supervisor_assessment"

    def test_a_closed_period_has_no_next_phase(self, client, hr_user, period):
        period.status = PeriodStatus.CLOSED
        period.save()
        client.force_login(hr_user)
        response = client.get(self.url(period))
        assert response.status_code == 302 and response.url == reverse("penilaian:period-detail", args=[period.code])

    def test_the_confirmation_keeps_a_fixed_number_of_queries(self, client, hr_user, period, city,
                                                              django_assert_max_num_queries):
        grow_team(city, period, 100)
        client.force_login(hr_user)
        with django_assert_max_num_queries(8):
            assert client.get(self.url(period)).status_code == 200


def test_hr_overview_keeps_a_fixed_number_of_queries(client, period, city, hr_user, django_assert_max_num_queries):
    grow_team(city, period, 200)
    client.force_login(hr_user)
    with django_assert_max_num_queries(12):
        assert client.get(reverse("penilaian:period-detail", args=[period.code])).status_code == 200
    with django_assert_max_num_queries(12):
        assert client.get(reverse("penilaian:period-gaps", args=[period.code])).status_code == 200
