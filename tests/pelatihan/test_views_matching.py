"""Matching pages and actions (``views.matching``): HR only, the employee's own
recommendations on the dashboard, the workshop page's gaps, query bounds."""

from __future__ import annotations

import pytest
from django.urls import reverse

from pelatihan.models import Enrolment, EnrolmentStatus, Invitation, InvitationStatus
from tests import factories as f
from tests.pelatihan.matching_factories import *  # noqa: F403 - the period and indicators fixtures
from tests.pelatihan.matching_factories import give_scores, programme_for, session_for

OUTSIDERS = ["employee_user", "supervisor_user", "trainer_user"]


@pytest.fixture
def data(city, period, indicators):
    give_scores(city.teacher, period, {indicators["lit"]: 1, indicators["ped"]: 3})
    give_scores(city.fellow_teacher, period, {indicators["lit"]: 2})
    give_scores(city.nurse, period, {indicators["svc"]: 2})
    session = session_for(programme_for(indicators["lit"], title="Literasi Digital bagi ASN"), capacity=3)
    return session


def hr_pages(period, indicators):
    return [
        reverse("pelatihan:needs-latest"),
        reverse("pelatihan:needs-analysis", args=[period.code]),
        reverse("pelatihan:needs-indicator", args=[period.code, indicators["lit"].code]),
        reverse("pelatihan:matching-latest"),
        reverse("pelatihan:matching-list", args=[period.code]),
    ]


def test_hr_sees_the_needs_analysis_with_coverage_and_sessions(client, hr_user, data, period, indicators):
    client.force_login(hr_user)
    response = client.get(reverse("pelatihan:needs-latest"))
    assert response.status_code == 302 and response.url == reverse("pelatihan:needs-analysis", args=[period.code])
    html = client.get(response.url).content.decode()
    assert "Literasi Digital" in html and "Literasi Digital bagi ASN" in html and data.name in html
    assert html.index("Literasi Digital") < html.index("Pelayanan Publik")  # 2 with a gap before 1
    assert "2 belum terlayani" in html


def test_the_drill_down_lists_the_employees_with_their_gap(client, hr_user, data, city, period, indicators):
    client.force_login(hr_user)
    html = client.get(reverse("pelatihan:needs-indicator", args=[period.code, indicators["lit"].code])).content.decode()
    assert city.teacher.full_name in html and city.fellow_teacher.full_name in html and city.nurse.full_name not in html
    assert html.index(city.teacher.full_name) < html.index(city.fellow_teacher.full_name)  # gap 2 before gap 1
    assert f'value="{data.pk}"' in html
    filtered = client.get(reverse("pelatihan:needs-indicator", args=[period.code, indicators["lit"].code]),
                          {"unit": city.dinkes.pk}).content.decode()
    assert city.teacher.full_name not in filtered


def test_hr_invites_from_the_drill_down_and_the_employee_sees_it(client, hr_user, employee_user, data, city, period,
                                                                   indicators, mailoutbox,
                                                                   django_capture_on_commit_callbacks):
    client.force_login(hr_user)
    back = reverse("pelatihan:needs-indicator", args=[period.code, indicators["lit"].code])
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("pelatihan:matching-act"), {
            "action": "invite", "period": period.code, "session": data.pk,
            "employee": [city.teacher.pk, city.fellow_teacher.pk], "next": back,
        })
    assert response.status_code == 302 and response.url == back
    assert Invitation.objects.filter(session=data).count() == 2
    assert len(mailoutbox) == 2
    client.force_login(employee_user)
    html = client.get(reverse("portal:dashboard")).content.decode()
    assert "Rekomendasi untuk Anda" in html and "Undangan dari BKPSDM" in html and "kesenjangan 2 pada Literasi Digital" in html
    assert f'action="{reverse("pelatihan:session-register", args=[data.pk])}"' in html


def test_hr_enrols_from_the_matching_page_within_capacity(client, hr_user, city, period, indicators):
    session = session_for(programme_for(indicators["lit"]), capacity=3)
    teachers = [f.make_employee(unit=city.school) for _ in range(5)]
    for t in teachers:
        give_scores(t, period, {indicators["lit"]: 1})
    client.force_login(hr_user)
    page = client.get(reverse("pelatihan:matching-list", args=[period.code])).content.decode()
    for t in teachers:
        assert f'value="{t.pk}:{session.pk}"' in page
    response = client.post(reverse("pelatihan:matching-act"), {
        "action": "enrol", "period": period.code, "pair": [f"{t.pk}:{session.pk}" for t in teachers],
    }, follow=True)
    assert Enrolment.objects.filter(session=session, status=EnrolmentStatus.CONFIRMED).count() == 3
    assert Enrolment.objects.filter(session=session, status=EnrolmentStatus.WAITING).count() == 2
    assert "3 terkonfirmasi, 2 di daftar tunggu" in response.content.decode()


def test_an_action_without_a_selection_says_so(client, hr_user, data, period):
    client.force_login(hr_user)
    response = client.post(reverse("pelatihan:matching-act"), {"action": "enrol", "period": period.code}, follow=True)
    assert "Pilih minimal satu pegawai" in response.content.decode()
    assert client.post(reverse("pelatihan:matching-act"), {"action": "delete"}).status_code == 400


@pytest.mark.parametrize("who", OUTSIDERS)
def test_outsiders_get_403_on_every_hr_page_and_action(request, client, who, data, period, indicators, city):
    client.force_login(request.getfixturevalue(who))
    for url in hr_pages(period, indicators):
        assert client.get(url).status_code == 403, url
    response = client.post(reverse("pelatihan:matching-act"), {
        "action": "enrol", "period": period.code, "session": data.pk, "employee": [city.teacher.pk]})
    assert response.status_code == 403
    assert not Enrolment.objects.exists()


def test_anonymous_visitors_are_sent_to_the_login(client, data, period, indicators):
    for url in [*hr_pages(period, indicators), reverse("pelatihan:matching-act")]:
        response = client.get(url)
        assert response.status_code == 302 and reverse("account_login") in response.url, url


def test_wrong_methods(client, hr_user, employee_user, data, period, indicators):
    client.force_login(hr_user)
    for url in hr_pages(period, indicators):
        assert client.post(url).status_code == 405, url
    assert client.get(reverse("pelatihan:matching-act")).status_code == 405
    invitation = Invitation.objects.create(employee=employee_user.employee, session=data)
    client.force_login(employee_user)
    assert client.get(reverse("pelatihan:invitation-decline", args=[invitation.pk])).status_code == 405


def test_unknown_period_or_indicator_is_404(client, hr_user, data, period):
    client.force_login(hr_user)
    assert client.get(reverse("pelatihan:needs-analysis", args=["1999"])).status_code == 404
    assert client.get(reverse("pelatihan:matching-list", args=["1999"])).status_code == 404
    assert client.get(reverse("pelatihan:needs-indicator", args=[period.code, "tidak-ada"])).status_code == 404


def test_the_employee_declines_only_their_own_invitation(client, employee_user, colleague_user, data, city):
    invitation = Invitation.objects.create(employee=city.teacher, session=data, reason="alasan")
    client.force_login(colleague_user)
    assert client.post(reverse("pelatihan:invitation-decline", args=[invitation.pk])).status_code == 403
    client.force_login(employee_user)
    response = client.post(reverse("pelatihan:invitation-decline", args=[invitation.pk]))
    assert response.status_code == 302 and response.url == reverse("portal:dashboard")
    invitation.refresh_from_db()
    assert invitation.status == InvitationStatus.DECLINED
    assert "Undangan dari BKPSDM" not in client.get(reverse("portal:dashboard")).content.decode()


def test_the_dashboard_shows_each_employee_only_their_own_recommendations(client, employee_user, other_unit_user,
                                                                           data, city, hr_user):
    Invitation.objects.create(employee=city.teacher, session=data, reason="alasan khusus guru")
    client.force_login(employee_user)
    html = client.get(reverse("portal:dashboard")).content.decode()
    assert "alasan khusus guru" in html
    client.force_login(other_unit_user)  # the nurse: a gap no open session addresses, no invitation
    html = client.get(reverse("portal:dashboard")).content.decode()
    assert "alasan khusus guru" not in html and data.programme.title not in html
    assert "Belum ada sesi terbuka yang sesuai dengan kesenjangan Anda" in html


def test_the_dashboard_recommends_sessions_with_a_register_button(client, colleague_user, data):
    client.force_login(colleague_user)
    html = client.get(reverse("portal:dashboard")).content.decode()
    assert "kesenjangan 1 pada Literasi Digital" in html
    assert f'action="{reverse("pelatihan:session-register", args=[data.pk])}"' in html


def test_the_workshop_page_names_the_viewers_gaps(client, employee_user, data):
    from wagtail.models import Page, Site

    from home.models import HomePage, WorkshopIndexPage
    from tests.pelatihan.test_workshop_pages import add_page

    home = HomePage.objects.first() or Site.objects.get(is_default_site=True).root_page.specific
    parent = home if isinstance(home, Page) else Page.objects.get(depth=2)
    index = WorkshopIndexPage(title="Workshop", slug="workshop")
    parent.add_child(instance=index)
    page = add_page(index, data)
    client.force_login(employee_user)
    html = client.get(page.url).content.decode()
    assert "Pelatihan ini menjawab kesenjangan Anda pada" in html and "Literasi Digital" in html


# --- Query bounds ---------------------------------------------------------------------------


def grow(city, period, indicators, n):
    for i in range(n):
        e = f.make_employee(unit=city.school if i % 2 else city.dinkes)
        give_scores(e, period, {indicators["lit"]: 1 + i % 2, indicators["svc"]: 1, indicators["ped"]: 2})
    for _i in range(n // 5):
        session_for(programme_for(indicators["lit"], indicators["svc"]), capacity=2)


@pytest.mark.parametrize("n", [5, 40])
def test_the_needs_pages_keep_a_fixed_number_of_queries(client, hr_user, city, period, indicators, n,
                                                        django_assert_max_num_queries):
    grow(city, period, indicators, n)
    client.force_login(hr_user)
    client.get(reverse("pelatihan:needs-analysis", args=[period.code]))
    with django_assert_max_num_queries(18):
        assert client.get(reverse("pelatihan:needs-analysis", args=[period.code])).status_code == 200
    with django_assert_max_num_queries(18):
        assert client.get(reverse("pelatihan:needs-analysis", args=[period.code]), {"unit": city.disdik.pk}).status_code == 200
    with django_assert_max_num_queries(18):
        assert client.get(reverse("pelatihan:needs-indicator", args=[period.code, indicators["lit"].code])).status_code == 200


@pytest.mark.parametrize("n", [5, 40])
def test_the_matching_page_keeps_a_fixed_number_of_queries(client, hr_user, city, period, indicators, n,
                                                           django_assert_max_num_queries):
    grow(city, period, indicators, n)
    client.force_login(hr_user)
    with django_assert_max_num_queries(20):
        response = client.get(reverse("pelatihan:matching-list", args=[period.code]))
    assert response.status_code == 200 and response.context["total"] == n


@pytest.mark.parametrize("n", [2, 20])
def test_the_dashboard_recommendations_keep_a_fixed_number_of_queries(client, employee_user, city, period, indicators,
                                                                      n, django_assert_max_num_queries):
    grow(city, period, indicators, n)
    give_scores(city.teacher, period, {indicators["lit"]: 1})
    client.force_login(employee_user)
    client.get(reverse("portal:dashboard"))
    with django_assert_max_num_queries(30):
        assert client.get(reverse("portal:dashboard")).status_code == 200


def test_a_big_matching_list_comes_in_pages_with_the_filters_and_the_action_bar(
        client, hr_user, city, period, indicators, django_assert_max_num_queries):
    grow(city, period, indicators, 90)  # 45 of them in the school's unit (Disdik)
    client.force_login(hr_user)
    url = reverse("pelatihan:matching-list", args=[period.code])
    for number in (1, 3):
        with django_assert_max_num_queries(21):  # the unfiltered page's 20, and the unit of the filter
            response = client.get(url, {"unit": city.disdik.pk, "page": number})
        assert response.status_code == 200 and response.context["total"] == 45
        assert len(response.context["rows"]) == (20 if number == 1 else 5)
    html = client.get(url, {"unit": city.disdik.pk}).content.decode()
    assert f'href="?unit={city.disdik.pk}&amp;page=2"' in html  # the page links keep the filter
    # One sticky bar with both actions, after the ticks, inside the same form; it says that it
    # acts on this page's ticks only.
    form = html[html.index('class="matching-form"'):html.index("</form>", html.index('class="matching-form"'))]
    assert form.index('name="pair"') < form.index('class="action-bar"')
    assert 'value="invite"' in form and 'value="enrol"' in form
    assert "Tombol bekerja pada centang di halaman ini (halaman 1 dari 3)" in form
