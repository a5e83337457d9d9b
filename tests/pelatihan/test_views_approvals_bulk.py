"""The supervisor's inbox on the dashboard and approving several registrations at once (from the
dashboard and from the approvals page): the gap each training addresses, the JP this year, the
wrong user, the wrong method, and a query count that does not grow with the registrations."""

import datetime as dt

from django.contrib.messages import get_messages
from django.urls import reverse
from django.utils import timezone

from pelatihan.models import DevelopmentRecord, EnrolmentStatus, RecordStatus
from tests import factories as f
from tests.pelatihan.evaluation_factories import give_score, make_indicator, make_period
from tests.pelatihan.factories import make_programme, make_session, register

BULK = reverse("pelatihan:approvals-bulk")
DASHBOARD = reverse("portal:dashboard")


def _verified_jp(employee, jp):
    today = timezone.localdate()
    DevelopmentRecord.objects.create(
        employee=employee, source="external", title="Kursus daring", route="kursus", competency_kind="teknis",
        provider="LAN", start_date=today, end_date=today, year=today.year, jp=jp, status=RecordStatus.VERIFIED)


def _messages(response):
    return [str(m) for m in get_messages(response.wsgi_request)]


def test_the_inbox_shows_the_gap_the_training_addresses_and_the_jp_this_year(client, city, supervisor_user):
    weak = make_indicator(code="kt-arsip", name="Pengelolaan Arsip")
    give_score(city.teacher, make_period(2025), weak, 1)
    session = make_session(programme=make_programme(title="Tata Kelola Arsip", indicators=[weak]), approval_required=True)
    enrolment = register(session, city.teacher)
    plain = register(make_session(programme=make_programme(title="Pelatihan Lain"), approval_required=True),
                     city.fellow_teacher)
    _verified_jp(city.teacher, 12)
    client.force_login(supervisor_user)
    page = client.get(DASHBOARD).content.decode()
    assert "card-inbox" in page and f'value="{enrolment.pk}"' in page and f'value="{plain.pk}"' in page
    assert "Pengelolaan Arsip (1/3)" in page and "Tata Kelola Arsip" in page
    assert "12" in page.split(f'id="pick-{enrolment.pk}"')[1].split("</label>")[0]
    assert f'action="{BULK}"' in page


def test_the_supervisor_approves_several_from_the_dashboard(client, city, supervisor_user,
                                                            django_capture_on_commit_callbacks):
    session = make_session(approval_required=True, capacity=1)
    first, second = register(session, city.teacher), register(session, city.fellow_teacher)
    already = register(make_session(approval_required=True), city.teacher)
    already.status = EnrolmentStatus.CONFIRMED
    already.save()
    client.force_login(supervisor_user)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(BULK, {"enrolment": [first.pk, second.pk, already.pk], "next": DASHBOARD})
    assert response.status_code == 302 and response["Location"] == DASHBOARD
    said = " ".join(_messages(response))
    assert city.teacher.full_name in said and city.fellow_teacher.full_name in said
    first.refresh_from_db()
    second.refresh_from_db()
    assert (first.status, second.status) == (EnrolmentStatus.CONFIRMED, EnrolmentStatus.WAITING)


def test_nothing_ticked_and_a_foreign_next_go_back_to_the_approvals(client, city, supervisor_user):
    client.force_login(supervisor_user)
    response = client.post(BULK, {"next": "https://evil.example/"})
    assert response["Location"] == reverse("pelatihan:approvals") and _messages(response)
    assert client.post(BULK, {"enrolment": ["x"]}).status_code == 302


def test_the_wrong_user_approves_nothing(client, city, supervisor_user, indirect_supervisor_user, other_unit_user,
                                         employee_user):
    enrolment = register(make_session(approval_required=True), city.teacher)
    for user in (other_unit_user, employee_user):  # not a supervisor at all
        client.force_login(user)
        assert client.post(BULK, {"enrolment": [enrolment.pk]}).status_code == 403
    client.force_login(indirect_supervisor_user)  # a supervisor, but not this employee's
    response = client.post(BULK, {"enrolment": [enrolment.pk]})
    said = " ".join(_messages(response))
    assert response.status_code == 302 and city.teacher.full_name not in said and said
    enrolment.refresh_from_db()
    assert enrolment.status == EnrolmentStatus.PENDING_APPROVAL
    client.force_login(supervisor_user)
    assert client.get(BULK).status_code == 405


def test_the_approvals_page_approves_the_ticked_ones(client, city, supervisor_user):
    session = make_session(approval_required=True)
    first, second = register(session, city.teacher), register(session, city.fellow_teacher)
    client.force_login(supervisor_user)
    page = client.get(reverse("pelatihan:approvals")).content.decode()
    assert 'form="bulk-approve"' in page and "JP" in page
    client.post(BULK, {"enrolment": [second.pk], "next": reverse("pelatihan:approvals")})
    first.refresh_from_db()
    second.refresh_from_db()
    assert (first.status, second.status) == (EnrolmentStatus.PENDING_APPROVAL, EnrolmentStatus.CONFIRMED)


def _many_waiting(city, n):
    weak = make_indicator(code="kt-arsip", name="Pengelolaan Arsip")
    programme = make_programme(indicators=[weak])
    period = make_period(2025)
    for _ in range(n):
        employee = f.make_employee(unit=city.school, supervisor=city.school_head)
        give_score(employee, period, weak, 2)
        _verified_jp(employee, 4)
        register(make_session(programme=programme, approval_required=True,
                              days=[(timezone.localdate() + dt.timedelta(days=9), dt.time(8), dt.time(16))]), employee)


def test_the_inbox_does_not_grow_in_queries_with_the_waiting_registrations(client, city, supervisor_user,
                                                                           django_assert_max_num_queries):
    _many_waiting(city, 12)
    client.force_login(supervisor_user)
    client.get(DASHBOARD)
    with django_assert_max_num_queries(22) as few:
        client.get(DASHBOARD)
    _many_waiting(city, 30)
    with django_assert_max_num_queries(len(few.captured_queries)):
        page = client.get(DASHBOARD).content.decode()
    assert "42" in page and page.count('name="enrolment"') == 10
