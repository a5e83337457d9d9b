"""The home page: hero, current announcements, upcoming workshops, next steps by role."""

from datetime import timedelta

from django.utils import timezone


def test_anonymous_visitors_see_announcements_and_an_empty_workshop_list(client, make_announcement):
    today = timezone.localdate()
    make_announcement("Portal diluncurkan", date=today)
    make_announcement("Pengumuman kedaluwarsa", date=today - timedelta(days=40), expires=today - timedelta(days=1))
    make_announcement("Pengumuman mendatang", date=today + timedelta(days=3))
    response = client.get("/")
    body = response.content.decode()
    assert response.status_code == 200
    assert "Portal diluncurkan" in body
    assert "Pengumuman kedaluwarsa" not in body and "Pengumuman mendatang" not in body
    assert response.context["upcoming_sessions"]() == []  # called by the template when its fragment is not cached
    assert "Belum ada workshop" in body  # the empty state, in Indonesian
    assert "Langkah Anda berikutnya" not in body


def test_an_employee_sees_the_self_evaluation_step(client, employee_user, home):
    client.force_login(employee_user)
    body = client.get("/").content.decode()
    assert 'href="/kinerja/saya/"' in body
    assert 'href="/kinerja/bawahan/"' not in body
    assert "JP Anda tahun ini: 0 dari 20 JP" in body


def test_a_supervisor_sees_the_team_step(client, supervisor_user, home):
    client.force_login(supervisor_user)
    body = client.get("/").content.decode()
    assert 'href="/kinerja/bawahan/"' in body and 'href="/kinerja/saya/"' in body


def test_hr_sees_the_register(client, hr_user, home):
    client.force_login(hr_user)
    assert 'href="/kinerja/pegawai/"' in client.get("/").content.decode()


def test_the_home_page_keeps_a_fixed_number_of_queries(client, make_announcement, employee_user, django_assert_max_num_queries):
    for i in range(3):
        make_announcement(f"Pengumuman {i}")
    client.get("/")  # warm the site-root cache, as any running server has
    with django_assert_max_num_queries(12):
        assert client.get("/").status_code == 200
    for i in range(3, 15):
        make_announcement(f"Pengumuman {i}")
    with django_assert_max_num_queries(12):
        assert client.get("/").status_code == 200
    client.force_login(employee_user)
    client.get("/")
    with django_assert_max_num_queries(20):
        assert client.get("/").status_code == 200
