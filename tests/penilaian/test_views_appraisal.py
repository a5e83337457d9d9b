"""Appraisal pages: who may open them, the flows through the forms, fixed query counts."""

import pytest
from django.urls import reverse

from tests.penilaian.appraisal_helpers import appraisal_of


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
