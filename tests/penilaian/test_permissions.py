"""The permissions matrix: who may see the teacher's data."""

import pytest
from django.urls import reverse

from penilaian import permissions


@pytest.mark.parametrize(
    ("persona", "allowed"),
    [
        ("employee_user", True),  # self
        ("supervisor_user", True),  # direct supervisor
        ("indirect_supervisor_user", True),  # the supervisor's supervisor
        ("colleague_user", False),  # same school, same supervisor
        ("other_unit_user", False),  # another unit
        ("trainer_user", False),  # trainers never see appraisal data
        ("hr_user", True),
    ],
)
def test_who_may_see_the_teacher(request, city, persona, allowed):
    user = request.getfixturevalue(persona)
    assert permissions.can_view_employee(user, city.teacher) is allowed


def test_anonymous_sees_nobody(city):
    from django.contrib.auth.models import AnonymousUser

    assert permissions.can_view_employee(AnonymousUser(), city.teacher) is False


def test_a_subordinate_cannot_see_the_supervisor(city, employee_user):
    assert permissions.can_view_employee(employee_user, city.school_head) is False


def test_supervisor_role_is_derived_from_active_subordinates(city, supervisor_user, employee_user):
    assert permissions.is_supervisor(supervisor_user)
    assert not permissions.is_supervisor(employee_user)


def test_visible_employees_follow_the_chain(city, indirect_supervisor_user, hr_user, trainer_user):
    visible = set(permissions.visible_employees(indirect_supervisor_user))
    assert {city.head_of_education, city.school_head, city.teacher, city.fellow_teacher} == visible
    assert city.nurse in set(permissions.visible_employees(hr_user))
    assert not permissions.visible_employees(trainer_user).exists()


class TestEmployeeDetailView:
    def url(self, city):
        return reverse("penilaian:employee-detail", args=[city.teacher.nip])

    @pytest.mark.parametrize(
        ("persona", "status"),
        [
            ("employee_user", 200),
            ("supervisor_user", 200),
            ("indirect_supervisor_user", 200),
            ("hr_user", 200),
            ("colleague_user", 403),
            ("other_unit_user", 403),
            ("trainer_user", 403),
        ],
    )
    def test_access(self, client, request, city, persona, status):
        client.force_login(request.getfixturevalue(persona))
        response = client.get(self.url(city))
        assert response.status_code == status
        if status == 200:
            assert city.teacher.nip_display in response.content.decode()

    def test_anonymous_is_sent_to_login(self, client, city):
        response = client.get(self.url(city))
        assert response.status_code == 302
        assert "/accounts/login/" in response["Location"]

    def test_unknown_nip_is_404(self, client, hr_user):
        client.force_login(hr_user)
        assert client.get(reverse("penilaian:employee-detail", args=["000"])).status_code == 404

    def test_wrong_method(self, client, city, employee_user):
        client.force_login(employee_user)
        assert client.post(self.url(city)).status_code == 405


class TestTeamAndRegister:
    def test_the_supervisor_sees_the_team(self, client, city, supervisor_user):
        client.force_login(supervisor_user)
        body = client.get(reverse("penilaian:team")).content.decode()
        assert city.teacher.name in body and city.fellow_teacher.name in body

    def test_an_employee_without_subordinates_has_no_team_page(self, client, employee_user):
        client.force_login(employee_user)
        assert client.get(reverse("penilaian:team")).status_code == 403

    @pytest.mark.parametrize("persona", ["employee_user", "supervisor_user", "trainer_user"])
    def test_only_hr_reads_the_register(self, client, request, persona):
        client.force_login(request.getfixturevalue(persona))
        assert client.get(reverse("penilaian:employee-list")).status_code == 403

    def test_hr_searches_the_register_by_nip(self, client, city, hr_user):
        client.force_login(hr_user)
        response = client.get(reverse("penilaian:employee-list"), {"q": city.nurse.nip})
        body = response.content.decode()
        assert city.nurse.name in body and city.teacher.name not in body

    def test_register_query_count_does_not_grow(self, client, city, hr_user, django_assert_max_num_queries):
        from tests import factories as f

        for _ in range(60):
            f.make_employee(unit=city.school, supervisor=city.school_head)
        client.force_login(hr_user)
        with django_assert_max_num_queries(12):
            assert client.get(reverse("penilaian:employee-list")).status_code == 200

    def test_my_profile(self, client, city, employee_user):
        client.force_login(employee_user)
        body = client.get(reverse("penilaian:my-profile")).content.decode()
        assert city.teacher.nip_display in body and city.school_head.name in body
