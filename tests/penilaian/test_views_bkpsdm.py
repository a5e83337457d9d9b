"""BKPSDM's pages: periods and their phases, the overview and gaps (fixed query counts)."""

import pytest
from django.urls import reverse

from penilaian.models import Appraisal
from tests.penilaian.appraisal_helpers import grow_team


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


def test_hr_overview_keeps_a_fixed_number_of_queries(client, period, city, hr_user, django_assert_max_num_queries):
    grow_team(city, period, 200)
    client.force_login(hr_user)
    with django_assert_max_num_queries(12):
        assert client.get(reverse("penilaian:period-detail", args=[period.code])).status_code == 200
    with django_assert_max_num_queries(12):
        assert client.get(reverse("penilaian:period-gaps", args=[period.code])).status_code == 200
