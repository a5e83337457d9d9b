"""The trainer's pages: their own sessions only, names and units only, the sheet, the rotating QR,
the export, bounded queries."""

from django.urls import reverse

from pelatihan.models import AttendanceRecord
from pelatihan.services.enrolment import enrolment_create
from tests import factories as f
from tests.pelatihan.factories import login, make_participants


def test_trainers_reach_only_their_own_sessions(client, running, trainer_user):
    session, _enrolment = running
    other_trainer = f.make_user(groups=["Fasilitator"])
    day = session.days.last()
    urls = [
        reverse("pelatihan:attendance-sheet", args=[session.pk, day.pk]),
        reverse("pelatihan:checkin-screen", args=[session.pk, day.pk]),
        reverse("pelatihan:checkin-code", args=[session.pk, day.pk]),
        reverse("pelatihan:attendance-export", args=[session.pk, "csv"]),
        reverse("pelatihan:checkin-projector", args=[session.pk, day.pk]),
        reverse("pelatihan:checkin-count", args=[session.pk, day.pk]),
    ]
    login(client, other_trainer)
    assert [client.get(u).status_code for u in urls] == [403] * 6
    assert session.programme.title not in client.get(reverse("pelatihan:trainer-sessions")).content.decode()
    login(client, trainer_user)
    assert [client.get(u).status_code for u in urls] == [200] * 6
    assert session.programme.title in client.get(reverse("pelatihan:trainer-sessions")).content.decode()
    assert client.post(urls[1]).status_code == 405


def test_trainers_see_names_and_units_only(client, running, trainer_user, city):
    session, _e = running
    login(client, trainer_user)
    page = client.get(reverse("pelatihan:attendance-sheet", args=[session.pk, session.days.last().pk])).content.decode()
    assert city.teacher.name in page and city.school.name in page
    assert city.teacher.nip not in page and city.teacher.nip_display not in page and city.teacher.email not in page


def test_the_sheet_saves_and_all_present(client, running, trainer_user):
    session, enrolment = running
    day = session.days.first()
    login(client, trainer_user)
    url = reverse("pelatihan:attendance-sheet", args=[session.pk, day.pk])
    assert client.post(url, {f"status_{enrolment.pk}": "sakit", f"note_{enrolment.pk}": "demam"}).status_code == 302
    assert AttendanceRecord.objects.get().status == "sakit"
    client.post(url, {f"status_{enrolment.pk}": "sakit", f"note_{enrolment.pk}": "demam"})
    assert AttendanceRecord.objects.count() == 1
    client.post(reverse("pelatihan:attendance-sheet", args=[session.pk, session.days.last().pk]), {"all_present": "1"})
    assert AttendanceRecord.objects.filter(status="hadir").count() == 1


def test_the_qr_screen_rotates_and_check_in_works_over_http(client, running, trainer_user, employee_user, colleague_user):
    session, enrolment = running
    day = session.days.last()
    login(client, trainer_user)
    fragment = client.get(reverse("pelatihan:checkin-code", args=[session.pk, day.pk])).content.decode()
    assert "<svg" in fragment and "data-expected" not in fragment  # the counter is its own fragment
    count = client.get(reverse("pelatihan:checkin-count", args=[session.pk, day.pk])).content.decode()
    assert 'data-expected="1"' in count and "<svg" not in count
    import re

    url = re.search(r'data-url="([^"]+)"', fragment).group(1)
    path = url.replace("http://testserver", "")
    login(client, colleague_user)
    response = client.post(path)
    assert response.status_code == 400 and not AttendanceRecord.objects.exists()
    login(client, employee_user)
    assert client.get(path).status_code == 200
    assert client.post(path).status_code == 200
    assert AttendanceRecord.objects.get().status == "hadir"
    assert client.post(path).status_code == 400  # already recorded
    assert client.put(path).status_code == 405


def test_attendance_export_xlsx(client, running, trainer_user):
    session, _e = running
    login(client, trainer_user)
    response = client.get(reverse("pelatihan:attendance-export", args=[session.pk, "xlsx"]))
    assert response.status_code == 200 and response.content[:2] == b"PK"
    assert client.get(reverse("pelatihan:attendance-export", args=[session.pk, "doc"])).status_code == 404


def test_many_participants_do_not_grow_the_sheet_queries(client, running, trainer_user, django_assert_max_num_queries):
    session, _e = running
    for p in make_participants(4):
        enrolment_create(session=session, employee=p, by_hr=True)
    login(client, trainer_user)
    with django_assert_max_num_queries(16):
        assert client.get(reverse("pelatihan:attendance-sheet", args=[session.pk, session.days.first().pk])).status_code == 200


def test_the_check_in_screen_shows_one_code_and_one_counter_and_a_projector_mode(client, running, trainer_user):
    session, _enrolment = running
    day = session.days.last()
    login(client, trainer_user)
    for name in ("pelatihan:checkin-screen", "pelatihan:checkin-projector"):
        page = client.get(reverse(name, args=[session.pk, day.pk])).content.decode()
        # Drawn at once (not only after the first htmx call), scalable, with one live counter.
        assert page.count("<svg") == 1 and 'viewBox="0 0 ' in page and "width=" not in page.split("<svg")[1].split(">")[0]
        assert page.count("data-present=") == 1
        assert reverse("pelatihan:checkin-count", args=[session.pk, day.pk]) in page
    projector = client.get(reverse("pelatihan:checkin-projector", args=[session.pk, day.pk])).content.decode()
    assert 'class="projector"' in projector and "<script>" not in projector
    assert session.programme.title in projector


def test_the_check_in_screen_of_another_day_shows_no_code(client, running, trainer_user):
    session, _enrolment = running
    login(client, trainer_user)
    yesterday = session.days.first()
    for name in ("pelatihan:checkin-screen", "pelatihan:checkin-projector", "pelatihan:checkin-code"):
        assert "<svg" not in client.get(reverse(name, args=[session.pk, yesterday.pk])).content.decode()


def test_the_trainers_list_puts_today_first_then_upcoming_then_past(client, running, trainer_user):
    from tests.pelatihan.factories import make_session, past_session

    today_session, _e = running
    upcoming = make_session(trainers=[trainer_user], start_in_days=3)
    later = make_session(trainers=[trainer_user], start_in_days=30)
    past = past_session(ndays=1, trainers=[trainer_user])
    login(client, trainer_user)
    page = client.get(reverse("pelatihan:trainer-sessions")).content.decode()
    order = [page.index(s.name + " ") for s in (today_session, upcoming, later, past)]
    assert order == sorted(order)
    today_day = today_session.days.last()
    assert reverse("pelatihan:checkin-screen", args=[today_session.pk, today_day.pk]) in page
    assert "Terbit" not in page and "Published" not in page


def test_on_a_training_day_the_dashboard_opens_todays_check_in_in_one_tap(client, running, trainer_user, session):
    today_session, _e = running
    login(client, trainer_user)
    page = client.get(reverse("portal:dashboard")).content.decode()
    link = reverse("pelatihan:checkin-screen", args=[today_session.pk, today_session.days.last().pk])
    assert 'class="checkin-today"' in page and f'href="{link}"' in page
    today_session.days.last().delete()  # no meeting today any more
    page = client.get(reverse("portal:dashboard")).content.decode()
    assert 'class="checkin-today"' not in page

