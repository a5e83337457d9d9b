"""The dashboard's training cards: development, the trainer's sessions and the evaluation tasks."""

from django.urls import reverse

from pelatihan.services.enrolment import enrolment_create
from tests.pelatihan.factories import login


def test_the_dashboard_shows_development_and_trainer_cards(client, employee_user, trainer_user, session, city,
                                                          django_assert_max_num_queries):
    enrolment_create(session=session, employee=city.teacher)
    login(client, employee_user)
    with django_assert_max_num_queries(20):
        page = client.get(reverse("portal:dashboard")).content.decode()
    assert session.programme.title in page and 'data-jp="0"' in page
    login(client, trainer_user)
    assert session.programme.title in client.get(reverse("portal:dashboard")).content.decode()


def test_the_dashboard_shows_the_evaluation_tasks(client, world, employee_user, supervisor_user, hr_user,
                                                  django_assert_max_num_queries):
    client.force_login(employee_user)
    page = client.get(reverse("portal:dashboard")).content.decode()
    assert reverse("pelatihan:survey-answer", args=[world.enrolment.pk]) in page
    client.force_login(supervisor_user)
    with django_assert_max_num_queries(30):
        page = client.get(reverse("portal:dashboard")).content.decode()
    assert reverse("pelatihan:reevaluation-form", args=[world.task.pk]) in page
    assert reverse("pelatihan:coaching-plan", args=[world.plan.pk]) in page
    client.force_login(hr_user)
    assert reverse("pelatihan:reevaluation-overdue") in client.get(reverse("portal:dashboard")).content.decode()
