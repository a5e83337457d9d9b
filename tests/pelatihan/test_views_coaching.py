"""The coaching forms: the supervisor creates a plan and records a meeting, the employee gives
feedback."""

from django.urls import reverse

from pelatihan.models import CoachingFeedback
from pelatihan.rules import FEEDBACK_CODES
from penilaian.models import Predikat
from tests.pelatihan.evaluation_factories import give_score, make_indicator, make_period


def test_the_supervisor_records_a_meeting_and_the_employee_gives_feedback(client, world, supervisor_user, employee_user):
    client.force_login(supervisor_user)
    url = reverse("pelatihan:coaching-meeting-record", args=[world.scheduled.pk])
    i = world.indicator.pk
    assert client.post(url, {f"score-{i}": "4"}).status_code == 400  # no reason
    assert client.post(url, {f"score-{i}": "4", f"reason-{i}": "Konsisten", "summary": "ok"}).status_code == 302
    world.scheduled.refresh_from_db()
    assert world.scheduled.status == "held" and world.scheduled.development_record.jp == 2
    client.force_login(employee_user)
    fb = reverse("pelatihan:coaching-feedback", args=[world.scheduled.pk])
    assert client.post(fb, {c: "4" for c in FEEDBACK_CODES}).status_code == 302
    assert CoachingFeedback.objects.filter(meeting=world.scheduled).exists()


def test_the_supervisor_creates_a_plan_through_the_form(client, db, city, supervisor_user):
    indicator = make_indicator()
    give_score(city.fellow_teacher, make_period(2025), indicator, 1, predikat=Predikat.KURANG)
    client.force_login(supervisor_user)
    url = reverse("pelatihan:coaching-plan-create", args=[city.fellow_teacher.nip])
    page = client.get(url)
    assert page.status_code == 200 and indicator.name in page.content.decode()
    response = client.post(url, {"goal": "Naik satu level", "indicators": [str(indicator.pk)]})
    assert response.status_code == 302
    assert city.fellow_teacher.coaching_plans.get().indicators.get() == indicator
